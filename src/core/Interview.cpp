#include "core/Interview.h"

#include "core/Assessment.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace seclevel {
namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool isDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ASCII letters lowered, plus the capital Vietnamese vowels that occur in "CÓ" / "KHÔNG", so that the
// usual ways of typing yes and no compare equal. Other text is left as typed.
std::string foldCase(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) == 0x93 ||
                    static_cast<unsigned char>(text[i + 1]) == 0x94)) {
            out += static_cast<char>(0xC3); // Ó → ó, Ô → ô (Latin-1 block: +0x20)
            out += static_cast<char>(static_cast<unsigned char>(text[i + 1]) + 0x20);
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

ParsedInput invalid(std::string vi, std::string en)
{
    ParsedInput parsed;
    parsed.kind = InputKind::Invalid;
    parsed.problem = LocalizedText{std::move(vi), std::move(en)};
    return parsed;
}

ParsedInput answer(Value value)
{
    ParsedInput parsed;
    parsed.kind = InputKind::Answer;
    parsed.value = std::move(value);
    return parsed;
}

// "12000", "-3", "+7", "12.000", "12,000", "12 000", "1_000_000": the digits of a whole number with one
// kind of thousands separator, or nullopt. Out of the 64-bit range is nullopt too.
std::optional<std::int64_t> parseWholeNumber(std::string_view text, bool& outOfRange)
{
    outOfRange = false;
    std::string digits;
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (isDigits(text)) {
        digits = text;
    } else {
        // Groups of three after a first group of one to three digits, one separator kind throughout.
        const size_t first = text.find_first_not_of("0123456789");
        if (first == 0 || first > 3 || first == std::string_view::npos)
            return std::nullopt;
        const char separator = text[first];
        if (separator != '.' && separator != ',' && separator != ' ' && separator != '_')
            return std::nullopt;
        digits = text.substr(0, first);
        for (size_t i = first; i < text.size(); i += 4) {
            if (text[i] != separator || i + 4 > text.size() || !isDigits(text.substr(i + 1, 3)))
                return std::nullopt;
            digits += text.substr(i + 1, 3);
        }
    }
    if (negative)
        digits.insert(digits.begin(), '-');
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) {
        outOfRange = true;
        return std::nullopt;
    }
    if (ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

// An option of `question` named by its 1-based number or its value (case-insensitive); null otherwise.
const Option* resolveOption(const Question& question, std::string_view item)
{
    if (isDigits(item)) {
        size_t index = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), index);
        if (ec == std::errc() && index >= 1 && index <= question.options.size())
            return &question.options[index - 1];
        return nullptr;
    }
    const std::string folded = foldCase(item);
    for (const auto& option : question.options)
        if (foldCase(option.value) == folded)
            return &option;
    return nullptr;
}

std::string rangeText(const Question& question)
{
    if (question.min && question.max)
        return std::to_string(*question.min) + " … " + std::to_string(*question.max);
    if (question.min)
        return std::string("≥ ").append(std::to_string(*question.min));
    return std::string("≤ ").append(std::to_string(*question.max));
}

// The text the user typed is first copied into a named string: `"'" + std::string(text)` (a literal plus a
// temporary) makes GCC 12 at -O3 report a false -Wrestrict (GCC bug 105651), which breaks Release builds.
ParsedInput parseChoice(const Question& question, std::string_view text)
{
    if (const Option* option = resolveOption(question, text))
        return answer(option->value);
    const std::string count = std::to_string(question.options.size());
    const std::string typed(text);
    return invalid(
        "'" + typed + "' không phải phương án; hãy chọn số từ 1 đến " + count + " hoặc gõ giá trị của phương án",
        "'" + typed + "' is not an option; pick a number from 1 to " + count + " or type the option's value");
}

ParsedInput parseMultiChoice(const Question& question, std::string_view text)
{
    if (text == "-")
        return answer(std::vector<std::string>{});
    std::vector<bool> chosen(question.options.size(), false);
    size_t start = 0;
    bool any = false;
    while (start <= text.size()) {
        size_t end = text.find_first_of(",; \t", start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view item = text.substr(start, end - start);
        start = end + 1;
        if (item.empty())
            continue;
        const Option* option = resolveOption(question, item);
        if (!option) {
            const std::string count = std::to_string(question.options.size());
            const std::string typed(item);
            return invalid("'" + typed + "' không phải phương án; hãy gõ các số từ 1 đến " + count +
                               " (hoặc giá trị) cách nhau bằng dấu phẩy, hoặc - nếu không có phương án nào",
                           "'" + typed + "' is not an option; type numbers from 1 to " + count +
                               " (or values) separated by commas, or - for none");
        }
        chosen[static_cast<size_t>(option - question.options.data())] = true;
        any = true;
    }
    if (!any)
        return invalid("không có phương án nào được chọn", "no option was chosen");
    // Questionnaire order, each once: the file reads the same however the user typed it.
    std::vector<std::string> values;
    for (size_t i = 0; i < question.options.size(); ++i)
        if (chosen[i])
            values.push_back(question.options[i].value);
    return answer(std::move(values));
}

ParsedInput parseInteger(const Question& question, std::string_view text)
{
    bool outOfRange = false;
    const auto number = parseWholeNumber(text, outOfRange);
    if (!number) {
        const std::string typed(text);
        if (outOfRange)
            return invalid("số '" + typed + "' quá lớn", "the number '" + typed + "' is too large");
        return invalid("'" + typed + "' không phải số nguyên (ví dụ: 12000)",
                       "'" + typed + "' is not a whole number (for example: 12000)");
    }
    if ((question.min && *number < *question.min) || (question.max && *number > *question.max)) {
        const std::string value = std::to_string(*number), range = rangeText(question);
        return invalid("giá trị " + value + " ngoài khoảng cho phép (" + range + ")",
                       "the value " + value + " is outside the allowed range (" + range + ")");
    }
    return answer(*number);
}

ParsedInput parseBoolean(std::string_view text)
{
    if (auto flag = parseYesNo(text))
        return answer(*flag);
    const std::string typed(text);
    return invalid("'" + typed + "' không phải câu trả lời có/không; gõ c (có) hoặc k (không)",
                   "'" + typed + "' is not a yes/no answer; type y (yes) or n (no)");
}

ParsedInput parseDate(std::string_view text)
{
    std::optional<Date> date = parseIsoDate(text);
    if (!date) {
        // DD/MM/YYYY, the order Vietnamese documents use.
        const size_t a = text.find('/');
        const size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
        if (b != std::string_view::npos) {
            const std::string_view day = text.substr(0, a), month = text.substr(a + 1, b - a - 1),
                                   year = text.substr(b + 1);
            if (isDigits(day) && day.size() <= 2 && isDigits(month) && month.size() <= 2 && isDigits(year) &&
                year.size() == 4) {
                std::string iso(year);
                for (const std::string_view part : {month, day}) {
                    iso += part.size() == 1 ? "-0" : "-";
                    iso += part;
                }
                date = parseIsoDate(iso);
            }
        }
    }
    if (!date) {
        const std::string typed(text);
        return invalid("'" + typed + "' không phải ngày hợp lệ; gõ theo dạng YYYY-MM-DD (ví dụ 2024-03-01)",
                       "'" + typed + "' is not a valid date; type it as YYYY-MM-DD (for example 2024-03-01)");
    }
    return answer(*date);
}

} // namespace

std::string_view trimInput(std::string_view line)
{
    while (!line.empty() && isBlank(line.front()))
        line.remove_prefix(1);
    while (!line.empty() && isBlank(line.back()))
        line.remove_suffix(1);
    return line;
}

const Question* nextQuestion(const RuleSet& ruleSet, const AnswerSet& answers, const std::set<std::string>& settled)
{
    for (const auto& question : ruleSet.questions)
        if (!settled.count(question.key) && isQuestionShown(question, answers))
            return &question;
    return nullptr;
}

const Question* nextUnansweredQuestion(const RuleSet& ruleSet, const AnswerSet& answers,
                                       const std::set<std::string>& skipped)
{
    for (const auto& question : ruleSet.questions)
        if (!answers.has(question.key) && !skipped.count(question.key) && isQuestionShown(question, answers))
            return &question;
    return nullptr;
}

InterviewProgress interviewProgress(const RuleSet& ruleSet, const AnswerSet& answers, const Question& question)
{
    InterviewProgress progress;
    for (const auto& q : ruleSet.questions) {
        if (!isQuestionShown(q, answers) && &q != &question)
            continue;
        ++progress.total;
        if (&q == &question)
            progress.position = progress.total;
    }
    return progress;
}

ParsedInput parseAnswerInput(const Question& question, std::string_view line)
{
    const std::string_view text = trimInput(line);
    if (text.empty()) {
        ParsedInput skip;
        skip.kind = InputKind::Skip;
        return skip;
    }
    if (text == "?") {
        ParsedInput help;
        help.kind = InputKind::Help;
        return help;
    }
    switch (question.type) {
    case AnswerType::Choice: return parseChoice(question, text);
    case AnswerType::MultiChoice: return parseMultiChoice(question, text);
    case AnswerType::Integer: return parseInteger(question, text);
    case AnswerType::Boolean: return parseBoolean(text);
    case AnswerType::Date: return parseDate(text);
    case AnswerType::Text: return answer(std::string(text));
    }
    return invalid("kiểu câu hỏi không xác định", "unknown question type");
}

std::optional<bool> parseYesNo(std::string_view line)
{
    static const char* const yes[] = {"c", "có", "co", "y", "yes", "true", "1", "đúng"};
    static const char* const no[] = {"k", "không", "khong", "ko", "n", "no", "false", "0", "sai"};
    const std::string folded = foldCase(trimInput(line));
    for (const char* word : yes)
        if (folded == word)
            return true;
    for (const char* word : no)
        if (folded == word)
            return false;
    return std::nullopt;
}

void setComponentAnswer(const SystemDescription& system, Component& component, const std::string& key, Value value)
{
    if (!isAnswered(value) || value == system.answers.get(key)) {
        component.answers.values.erase(key);
        component.answers.lines.erase(key);
        return;
    }
    component.answers.values[key] = std::move(value);
}

Result<SystemDescription> checkResumedAnswers(const RuleSet& ruleSet, SystemDescription system)
{
    // validateAnswers() checks types and values before it checks what is missing; with every requirement
    // lifted only the first part remains.
    RuleSet lenient = ruleSet;
    for (auto& question : lenient.questions) {
        question.required = false;
        question.requiredIf = nullptr;
    }
    return validateAnswers(lenient, std::move(system));
}

} // namespace seclevel
