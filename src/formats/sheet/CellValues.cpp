#include "formats/sheet/CellValues.h"

#include "core/VietnameseText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace seclevel {

namespace {

// The option label without its trailing "(điểm a)" / "(point a)".
std::string withoutParenthesis(const std::string& label)
{
    const std::size_t open = label.rfind(" (");
    return open == std::string::npos ? label : label.substr(0, open);
}

const Option* matchOption(const std::string& folded, const Question& question, const ColumnMapping& mapping)
{
    if (const ValueAlias* alias = mapping.alias(question.key, folded))
        if (const Option* option = question.option(alias->code))
            return option;
    for (const Option& option : question.options) {
        if (foldVietnamese(option.value) == folded)
            return &option;
        for (const std::string* label : {&option.label.vi, &option.label.en})
            if (!label->empty() &&
                (foldVietnamese(*label) == folded || foldVietnamese(withoutParenthesis(*label)) == folded))
                return &option;
    }
    return nullptr;
}

std::string expectedOptions(const Question& question, const ColumnMapping& mapping, Lang lang)
{
    std::string out;
    for (const Option& option : question.options) {
        out += out.empty() ? "" : ", ";
        out += option.value;
        if (const ValueAlias* alias = mapping.aliasOfCode(question.key, option.value))
            out += " (" + alias->aliases.front() + ")";
        else if (!option.label.in(lang).empty())
            out += " (" + withoutParenthesis(option.label.in(lang)) + ")";
    }
    return out;
}

LocalizedText expectedChoice(const Question& question, const ColumnMapping& mapping, bool many)
{
    return {std::string(many ? "cần một hoặc nhiều giá trị (cách nhau bởi ;) trong: " : "cần một trong: ") +
                expectedOptions(question, mapping, Lang::Vi),
            std::string(many ? "expected one or more (separated by ;) of: " : "expected one of: ") +
                expectedOptions(question, mapping, Lang::En)};
}

std::optional<bool> readBoolean(const std::string& folded)
{
    static const char* const yes[] = {"co", "yes", "y", "true", "x", "1", "dung", "c"};
    static const char* const no[] = {"khong", "no", "n", "false", "0", "sai", "k"};
    for (const char* word : yes)
        if (folded == word)
            return true;
    for (const char* word : no)
        if (folded == word)
            return false;
    return std::nullopt;
}

std::optional<Date> makeDate(int year, unsigned month, unsigned day)
{
    const Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok())
        return std::nullopt;
    return date;
}

// dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (the Vietnamese order).
std::optional<Date> readDayFirstDate(const std::string& text)
{
    int day = 0, month = 0, year = 0;
    char s1 = 0, s2 = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%2d%c%2d%c%4d%n", &day, &s1, &month, &s2, &year, &consumed) != 5 ||
        static_cast<std::size_t>(consumed) != text.size() || s1 != s2 || (s1 != '/' && s1 != '-' && s1 != '.') ||
        year < 1900 || month < 1 || day < 1)
        return std::nullopt;
    return makeDate(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::string trimmed(const std::string& text)
{
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<double> xlsxNumber(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end); // the file's own C-locale notation
    if (!end || *end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

std::optional<Date> dateFromSerial(double serial)
{
    if (!(serial >= 1 && serial < 2958466) || std::floor(serial) != serial)
        return std::nullopt;
    const std::chrono::sys_days epoch = std::chrono::sys_days{std::chrono::year{1899} / 12 / 30};
    return Date{epoch + std::chrono::days{static_cast<long>(serial)}};
}

std::string cellText(const SheetCell& cell)
{
    if (cell.kind == SheetCell::Kind::Number) {
        if (auto number = xlsxNumber(cell.text); number && std::floor(*number) == *number && std::fabs(*number) < 1e15)
            return std::to_string(static_cast<long long>(*number));
        return cell.text;
    }
    return restoreNeutralised(cell.text);
}

CellReading readIntegerCell(const SheetCell& cell)
{
    const LocalizedText expected{"cần một số nguyên (ví dụ 86000 hoặc 86.000)",
                                 "expected a whole number (e.g. 86000 or 86.000)"};
    if (cell.kind == SheetCell::Kind::Number) {
        auto number = xlsxNumber(cell.text);
        if (!number || std::floor(*number) != *number || std::fabs(*number) > 9.0e15)
            return {{}, expected};
        return {static_cast<std::int64_t>(*number), std::nullopt};
    }
    if (cell.kind == SheetCell::Kind::Boolean || cell.kind == SheetCell::Kind::Error)
        return {{}, expected};
    const ParsedInteger parsed = parseVietnameseInteger(trimmed(cellText(cell)));
    switch (parsed.problem) {
    case NumberProblem::None: return {parsed.value, std::nullopt};
    case NumberProblem::NotWhole:
        return {{},
                LocalizedText{"cần một số nguyên, không có phần thập phân", "expected a whole number, no decimals"}};
    case NumberProblem::Ambiguous:
        return {{},
                LocalizedText{"số không rõ: theo cách viết Việt Nam dấu phẩy là phần thập phân; hãy viết 86000 "
                              "hoặc 86.000",
                              "ambiguous number: in Vietnamese notation the comma marks decimals; write 86000 or "
                              "86.000"}};
    case NumberProblem::OutOfRange: return {{}, LocalizedText{"số quá lớn", "the number is too large"}};
    case NumberProblem::NotANumber: break;
    }
    return {{}, expected};
}

CellReading readAnswerCell(const SheetCell& cell, const Question& question, const ColumnMapping& mapping)
{
    if (cell.kind == SheetCell::Kind::Error)
        return {{},
                LocalizedText{"ô chứa lỗi công thức (" + cell.text + "); hãy nhập giá trị",
                              "the cell holds a formula error (" + cell.text + "); enter a value"}};
    const std::string text = trimmed(cellText(cell));
    if (text.empty())
        return {};
    switch (question.type) {
    case AnswerType::Choice: {
        if (const Option* option = matchOption(foldVietnamese(text), question, mapping))
            return {option->value, std::nullopt};
        return {{}, expectedChoice(question, mapping, false)};
    }
    case AnswerType::MultiChoice: {
        std::vector<std::string> values;
        auto add = [&](const std::string& part) -> bool {
            const std::string folded = foldVietnamese(part);
            if (folded.empty())
                return true;
            const Option* option = matchOption(folded, question, mapping);
            if (!option)
                return false;
            if (std::find(values.begin(), values.end(), option->value) == values.end())
                values.push_back(option->value);
            return true;
        };
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = text.find_first_of(";\n|", start);
            const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (!add(part)) {
                // "public, personal": commas too, when the part as a whole is no option.
                std::size_t from = 0;
                while (from <= part.size()) {
                    const std::size_t comma = part.find(',', from);
                    if (!add(part.substr(from, comma == std::string::npos ? std::string::npos : comma - from)))
                        return {{}, expectedChoice(question, mapping, true)};
                    if (comma == std::string::npos)
                        break;
                    from = comma + 1;
                }
            }
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
        return {std::move(values), std::nullopt};
    }
    case AnswerType::Boolean: {
        if (cell.kind == SheetCell::Kind::Boolean)
            return {cell.text == "1", std::nullopt};
        if (auto value = readBoolean(foldVietnamese(text)))
            return {*value, std::nullopt};
        return {{}, LocalizedText{"cần Có hoặc Không", "expected Có (yes) or Không (no)"}};
    }
    case AnswerType::Integer: return readIntegerCell(cell);
    case AnswerType::Date: {
        if (cell.kind == SheetCell::Kind::Number) {
            if (auto number = xlsxNumber(cell.text))
                if (auto date = dateFromSerial(*number))
                    return {*date, std::nullopt};
        } else if (auto iso = parseIsoDate(text)) {
            return {*iso, std::nullopt};
        } else if (auto dayFirst = readDayFirstDate(text)) {
            return {*dayFirst, std::nullopt};
        }
        return {{},
                LocalizedText{"cần một ngày (ngày/tháng/năm, ví dụ 19/08/2026, hoặc 2026-08-19)",
                              "expected a date (day/month/year, e.g. 19/08/2026, or 2026-08-19)"}};
    }
    case AnswerType::Text: return {cellText(cell), std::nullopt};
    }
    return {};
}

WrittenAnswer writeAnswerCell(const Value& value, const Question* question, const ColumnMapping& mapping,
                              const std::string& key)
{
    auto choiceText = [&](const std::string& code) {
        if (const ValueAlias* alias = mapping.aliasOfCode(key, code))
            return alias->aliases.front();
        return code;
    };
    if (std::holds_alternative<bool>(value))
        return {std::get<bool>(value) ? "Có" : "Không", false};
    if (std::holds_alternative<std::int64_t>(value))
        return {std::to_string(std::get<std::int64_t>(value)), true};
    if (std::holds_alternative<Date>(value))
        return {formatIsoDate(std::get<Date>(value)), false};
    if (std::holds_alternative<std::vector<std::string>>(value)) {
        std::string out;
        for (const auto& code : std::get<std::vector<std::string>>(value))
            out += (out.empty() ? "" : "; ") + choiceText(code);
        return {out, false};
    }
    if (std::holds_alternative<std::string>(value)) {
        const auto& text = std::get<std::string>(value);
        if (question && question->type == AnswerType::Choice)
            return {choiceText(text), false};
        return {text, false};
    }
    return {};
}

} // namespace seclevel
