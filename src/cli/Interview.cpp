// seclevel interview --output FILE — asks the questionnaire in the terminal, one question at a time, and
// writes the answers file after every answer so that nothing typed is lost (--resume continues it).
//
// The logic of what comes next lives in core/Interview.h; this file only asks, prints and saves.
#include "cli/Commands.h"
#include "codec/Json.h"
#include "core/Assessment.h"
#include "core/Interview.h"
#include "formats/json/AnswersFile.h"
#include "formats/text/AssessmentText.h"

#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace seclevel {
namespace {

// Columns a terminal shows `text` in: code points, not bytes (Vietnamese is precomposed in practice).
size_t displayWidth(std::string_view text)
{
    size_t width = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++width;
    return width;
}

// The pieces of one line that must not be split: words, with "x = y" kept together ("Enter = skip",
// "c = có"); with `phrases`, whole "; "-separated phrases, and only a phrase longer than `room` in words.
std::vector<std::string> unbreakablePieces(std::string_view line, bool phrases, size_t room)
{
    auto split = [](std::string_view text, std::string_view separator, bool keepSeparator) {
        std::vector<std::string> parts;
        size_t start = 0;
        while (start <= text.size()) {
            size_t end = text.find(separator, start);
            if (end == std::string_view::npos) {
                parts.emplace_back(text.substr(start));
                break;
            }
            parts.emplace_back(text.substr(start, end - start + (keepSeparator ? separator.size() - 1 : 0)));
            start = end + separator.size();
        }
        return parts;
    };
    auto words = [&](std::string_view text) {
        std::vector<std::string> glued;
        const auto parts = split(text, " ", false);
        for (size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].empty()) { // a double space is kept, attached to the word before it
                if (!glued.empty())
                    glued.back() += ' ';
                continue;
            }
            if (parts[i] == "=" && !glued.empty() && i + 1 < parts.size())
                glued.back() += " = " + parts[++i];
            else
                glued.push_back(parts[i]);
        }
        return glued;
    };
    if (!phrases)
        return words(line);
    std::vector<std::string> pieces;
    for (const auto& phrase : split(line, "; ", true)) {
        if (displayWidth(phrase) <= room) {
            pieces.push_back(phrase);
        } else {
            auto phraseWords = words(phrase);
            pieces.insert(pieces.end(), phraseWords.begin(), phraseWords.end());
        }
    }
    return pieces;
}

// Breaks each line of `text` so that it fits `width` columns, keeping the line's leading blanks;
// continuation lines are indented by `indent` spaces. width 0 = leave as is (output to a pipe or a file is
// not wrapped, so what scripts and tests read is one line per paragraph).
std::string wrapText(std::string_view text, size_t width, size_t indent, bool phrases)
{
    if (width == 0)
        return std::string(text);
    std::string out;
    size_t start = 0;
    while (true) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        const size_t lead = std::min(line.find_first_not_of(' '), line.size());
        out.append(lead, ' ');
        line.remove_prefix(lead);
        size_t column = lead;
        bool first = true;
        for (const auto& piece : unbreakablePieces(line, phrases, width > indent ? width - indent : 1)) {
            const size_t pieceWidth = displayWidth(piece);
            if (!first && column + 1 + pieceWidth > width) {
                out += '\n';
                out.append(indent, ' ');
                column = indent;
            } else if (!first) {
                out += ' ';
                ++column;
            }
            out += piece;
            column += pieceWidth;
            first = false;
        }
        if (end == text.size())
            break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

// A path as the user can paste it into a shell.
std::string shellQuoted(const std::string& path)
{
    if (path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+:=,@") ==
        std::string::npos)
        return path;
    std::string quoted = "'";
    for (char c : path)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

size_t terminalWidth(const Context& context)
{
    winsize size{};
    if (context.out != &std::cout || !isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0)
        return 0;
    return size.ws_col > 20 ? size.ws_col - 1 : 0;
}

// What the session reports when it stops before the end.
enum class Stop {
    None,
    EndOfInput, // stdin closed: answers so far are saved, --resume continues
    WriteFailed // the answers file could not be written: nothing more can be kept
};

class InterviewSession {
public:
    InterviewSession(const RuleSet& ruleSet, const InstrumentRegister& instruments, SystemDescription system,
                     std::string path, bool resumed, Context& context)
        : m_ruleSet(ruleSet),
          m_instruments(instruments),
          m_system(std::move(system)),
          m_path(std::move(path)),
          m_resumed(resumed),
          m_context(context),
          m_lang(context.lang),
          m_echo(context.in == &std::cin && !isatty(STDIN_FILENO)),
          m_width(terminalWidth(context))
    {
        m_system.sourceFile = m_path;
    }

    int run()
    {
        printWelcome();
        if (!m_resumed && !askSystemDescription())
            return stopped();
        if (!save())
            return stopped();
        if (!askSystemQuestions())
            return stopped();
        if (!askComponents())
            return stopped();
        return finish();
    }

private:
    // ---- text --------------------------------------------------------------------------------------------
    std::string tr(const std::string& vi, const std::string& en) const { return m_lang == Lang::En ? en : vi; }
    std::ostream& out() { return *m_context.out; }
    // One paragraph, wrapped to the terminal; continuation lines indented by `indent`.
    void say(const std::string& text, size_t indent = 0) { out() << wrapText(text, m_width, indent, false) << "\n"; }
    // A line of "; "-separated instructions, broken only between them where it can.
    void sayPhrases(const std::string& text, size_t indent = 0)
    {
        out() << wrapText(text, m_width, indent, true) << "\n";
    }

    std::string displayValue(const Question& q, const Value& value) const
    {
        if (!isAnswered(value))
            return tr("(chưa trả lời)", "(no answer)");
        if (const auto* flag = std::get_if<bool>(&value))
            return *flag ? tr("có", "yes") : tr("không", "no");
        if (const auto* text = std::get_if<std::string>(&value)) {
            if (const Option* option = q.option(*text))
                return option->label.in(m_lang) + " (" + option->value + ")";
            return *text;
        }
        if (const auto* items = std::get_if<std::vector<std::string>>(&value)) {
            if (items->empty())
                return tr("(không phương án nào)", "(none)");
            std::string joined;
            for (const auto& item : *items) {
                const Option* option = q.option(item);
                joined += (joined.empty() ? "" : "; ") + (option ? option->label.in(m_lang) : item);
            }
            return joined;
        }
        return renderValue(value);
    }

    std::string inputHint(const Question& q) const
    {
        switch (q.type) {
        case AnswerType::Choice:
            return tr("Chọn một số từ 1 đến " + std::to_string(q.options.size()) + " (hoặc gõ giá trị trong ngoặc)",
                      "Pick a number from 1 to " + std::to_string(q.options.size()) +
                          " (or type the value in brackets)");
        case AnswerType::MultiChoice:
            return tr("Chọn một hoặc nhiều số, cách nhau bằng dấu phẩy (ví dụ: 1,3); - nếu không có phương án nào",
                      "Pick one or more numbers separated by commas (e.g. 1,3); - for none");
        case AnswerType::Integer: {
            std::string range;
            if (q.min && q.max)
                range = tr(" từ " + std::to_string(*q.min) + " đến " + std::to_string(*q.max),
                           " from " + std::to_string(*q.min) + " to " + std::to_string(*q.max));
            else if (q.min)
                range = tr(" ≥ " + std::to_string(*q.min), " ≥ " + std::to_string(*q.min));
            else if (q.max)
                range = tr(" ≤ " + std::to_string(*q.max), " ≤ " + std::to_string(*q.max));
            return tr("Gõ một số nguyên", "Type a whole number") + range;
        }
        case AnswerType::Boolean: return tr("c = có, k = không", "y = yes, n = no");
        case AnswerType::Date:
            return tr("Gõ ngày theo dạng YYYY-MM-DD (ví dụ 2024-03-01)", "Type a date as YYYY-MM-DD (e.g. 2024-03-01)");
        case AnswerType::Text: return tr("Gõ câu trả lời", "Type the answer");
        }
        return {};
    }

    void printWelcome()
    {
        say(tr("Phỏng vấn xác định cấp độ an toàn hệ thống thông tin", "Security level interview"));
        say(tr("Bộ quy tắc: ", "Rule set: ") + m_ruleSet.id + " v" + m_ruleSet.version + " — " +
                m_ruleSet.title.in(m_lang),
            2);
        sayPhrases(
            tr("Trả lời từng câu rồi nhấn Enter; ? = xem hướng dẫn; Enter ở câu không bắt buộc = bỏ qua.",
               "Answer each question and press Enter; ? = help; Enter on a question that is not required = skip."));
        sayPhrases(tr(
            "Câu trả lời được lưu vào tệp sau mỗi câu; Ctrl-D để dừng, chạy lại với --resume để tiếp tục.",
            "Answers are saved to the file after every question; Ctrl-D stops, run again with --resume to continue."));
        say(tr("Tệp trả lời: ", "Answers file: ") + m_path, 2);
        if (m_resumed)
            say(tr("Tiếp tục hệ thống: ", "Resuming system: ") + m_system.name + " (" + m_system.id + ")", 2);
    }

    // ---- input -------------------------------------------------------------------------------------------
    // One line from the user after the prompt; nullopt at the end of input (then the session stops).
    std::optional<std::string> readLine()
    {
        out() << "> " << std::flush;
        std::string line;
        if (!std::getline(*m_context.in, line)) {
            out() << "\n";
            m_stop = Stop::EndOfInput;
            return std::nullopt;
        }
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (m_echo) // input from a pipe is not shown by a terminal; echo it so the transcript reads right
            out() << line << "\n";
        return line;
    }

    void complain(const std::string& vi, const std::string& en) { say("  ✘ " + tr(vi, en), 4); }

    // Text answers must be UTF-8 (the answers file is); a terminal set to another encoding is told so.
    static bool isEmptySelection(const Value& value)
    {
        const auto* selection = std::get_if<std::vector<std::string>>(&value);
        return selection && selection->empty();
    }

    bool isValidText(const Value& value)
    {
        const auto* text = std::get_if<std::string>(&value);
        if (!text || json::isValidUtf8(*text))
            return true;
        complain("văn bản không phải UTF-8 hợp lệ; hãy kiểm tra bảng mã của cửa sổ dòng lệnh",
                 "the text is not valid UTF-8; check the terminal's encoding");
        return false;
    }

    // A non-empty line of text that is valid UTF-8 (names, ids).
    std::optional<std::string> askText(const std::string& vi, const std::string& en)
    {
        out() << "\n";
        say(tr(vi, en) + "  [" + tr("bắt buộc", "required") + "]");
        while (auto line = readLine()) {
            const std::string text(trimInput(*line));
            if (text.empty())
                complain("không được để trống", "must not be empty");
            else if (isValidText(Value{text}))
                return text;
        }
        return std::nullopt;
    }

    // A yes/no question of the interview itself; Enter = `fallback`.
    std::optional<bool> askYesNo(const std::string& vi, const std::string& en, bool fallback)
    {
        out() << "\n";
        say(tr(vi, en) + "  [" + tr("c/k, Enter = ", "y/n, Enter = ") +
            (fallback ? tr("có", "yes") : tr("không", "no")) + "]");
        while (auto line = readLine()) {
            if (trimInput(*line).empty())
                return fallback;
            if (auto flag = parseYesNo(*line))
                return flag;
            complain("hãy gõ c (có) hoặc k (không)", "type y (yes) or n (no)");
        }
        return std::nullopt;
    }

    // ---- the questions -----------------------------------------------------------------------------------
    // `enterMeans`: what an empty line does, shown at the end of the hint (empty = nothing to say).
    // `component`: the component the question is asked for, empty for the system.
    void printQuestion(const Question& q, const AnswerSet& answers, bool required, const std::string& enterMeans,
                       const std::string& component = {})
    {
        const InterviewProgress progress = interviewProgress(m_ruleSet, answers, q);
        const std::string number =
            "(" + std::to_string(progress.position) + "/" + std::to_string(progress.total) + ") ";
        out() << "\n";
        if (!component.empty())
            say("[" + component + "]");
        say(number + q.text.in(m_lang) + (required ? "  [" + tr("bắt buộc", "required") + "]" : std::string()),
            displayWidth(number));
        say("    " + tr("Căn cứ: ", "Basis: ") + (q.citation.empty() ? "—" : q.citation) + " · " +
                tr("khóa: ", "key: ") + q.key,
            4);
        const std::string pad = q.options.size() >= 10 ? " " : "";
        for (size_t i = 0; i < q.options.size(); ++i)
            say("  " + (i + 1 < 10 ? pad : "") + std::to_string(i + 1) + ") " + q.options[i].label.in(m_lang) + "  [" +
                    q.options[i].value + "]",
                5 + pad.size());
        std::string hint = "    " + inputHint(q);
        if (!q.help.empty())
            hint += tr("; ? = hướng dẫn", "; ? = help");
        if (!enterMeans.empty())
            hint += "; Enter = " + enterMeans;
        sayPhrases(hint, 4);
    }

    void printHelp(const Question& q)
    {
        if (q.help.empty())
            say("  " + tr("Câu hỏi này không có hướng dẫn thêm.", "This question has no further help."), 2);
        else
            say("  " + tr("Hướng dẫn: ", "Help: ") + q.help.in(m_lang), 2);
    }

    // Asks one question of the system. nullopt = end of input; monostate = skipped.
    std::optional<Value> askSystemQuestion(const Question& q)
    {
        const bool required = isQuestionRequired(q, m_system.answers);
        printQuestion(q, m_system.answers, required, required ? std::string() : tr("bỏ qua", "skip"));
        while (auto line = readLine()) {
            const ParsedInput parsed = parseAnswerInput(q, *line);
            switch (parsed.kind) {
            case InputKind::Answer:
                if (required && isEmptySelection(parsed.value)) {
                    // The file check refuses it too (every system processes at least public information).
                    complain("câu hỏi này bắt buộc: hãy chọn ít nhất một phương án",
                             "this question is required: choose at least one option");
                    break;
                }
                if (isValidText(parsed.value))
                    return parsed.value;
                break;
            case InputKind::Skip:
                if (!required)
                    return Value{};
                complain("câu hỏi này bắt buộc; hãy trả lời (gõ ? để xem hướng dẫn)",
                         "this question is required; please answer it (type ? for help)");
                break;
            case InputKind::Help: printHelp(q); break;
            case InputKind::Invalid: complain(parsed.problem.vi, parsed.problem.en); break;
            }
        }
        return std::nullopt;
    }

    bool askSystemDescription()
    {
        out() << "\n" << tr("— Thông tin chung về hệ thống —", "— About the system —") << "\n";
        auto id =
            askText("Mã hệ thống (do chủ quản đặt, ví dụ BNV-QLVB)", "System id (chosen by the owner, e.g. BNV-QLVB)");
        if (!id)
            return false;
        auto name = askText("Tên hệ thống thông tin", "Name of the information system");
        if (!name)
            return false;
        auto owner = askText("Chủ quản hệ thống thông tin (NĐ85 Điều 5.1.a)", "Owner of the system (NĐ85 Art 5.1.a)");
        if (!owner)
            return false;
        auto operatorName = askText("Đơn vị vận hành hệ thống", "Operator of the system");
        if (!operatorName)
            return false;
        m_system.id = *id;
        m_system.name = *name;
        m_system.owner = *owner;
        m_system.operatorName = *operatorName;
        return true;
    }

    bool askSystemQuestions()
    {
        if (!m_system.answers.values.empty())
            out() << "\n"
                  << tr("Đã có " + std::to_string(m_system.answers.values.size()) +
                            " câu trả lời; chỉ hỏi các câu còn lại.",
                        std::to_string(m_system.answers.values.size()) +
                            " answers already given; asking only the rest.")
                  << "\n";
        out() << "\n" << tr("— Câu hỏi về hệ thống —", "— Questions about the system —") << "\n";
        std::set<std::string> skipped;
        while (const Question* q = nextUnansweredQuestion(m_ruleSet, m_system.answers, skipped)) {
            auto value = askSystemQuestion(*q);
            if (!value)
                return false;
            if (!isAnswered(*value)) {
                skipped.insert(q->key);
                continue;
            }
            m_system.answers.values[q->key] = std::move(*value);
            if (!save())
                return false;
        }
        return true;
    }

    // ---- components (NĐ85 Art 5.2) -----------------------------------------------------------------------
    bool askComponents()
    {
        out() << "\n" << tr("— Hệ thống thành phần (NĐ85 Điều 5.2) —", "— Component systems (NĐ85 Art 5.2) —") << "\n";
        say(tr(
            "Nếu hệ thống gồm nhiều hệ thống thành phần, mỗi thành phần được xác định cấp độ riêng và cấp độ của hệ "
            "thống là cấp độ cao nhất của các thành phần; khi đó hãy khai báo mọi thành phần. Mỗi thành phần kế thừa "
            "các câu trả lời ở trên, chỉ cần trả lời những câu khác đi.",
            "If the system consists of component systems, each is given its own level and the system's level is the "
            "highest of them; then declare every component. Each component inherits the answers above; answer only "
            "what differs."));
        if (m_system.components.empty()) {
            auto has =
                askYesNo("Hệ thống có gồm các hệ thống thành phần (mỗi thành phần được xác định cấp độ riêng) không?",
                         "Does the system consist of component systems (each given its own level)?", false);
            if (!has)
                return false;
            if (!*has)
                return true;
            if (!addComponent())
                return false;
        } else {
            // Resumed: the components already described may be unfinished; the user knows which.
            for (size_t i = 0; i < m_system.components.size(); ++i) {
                const std::string& name = m_system.components[i].name;
                auto review =
                    askYesNo("Thành phần \"" + name + "\" đã được mô tả. Xem lại từng câu của thành phần này?",
                             "Component \"" + name + "\" is already described. Go through its questions again?", false);
                if (!review)
                    return false;
                if (!askComponentQuestions(i, *review))
                    return false;
            }
        }
        while (true) {
            auto more = askYesNo("Thêm một hệ thống thành phần khác?", "Add another component system?", false);
            if (!more)
                return false;
            if (!*more)
                return true;
            if (!addComponent())
                return false;
        }
    }

    bool addComponent()
    {
        std::string name;
        for (bool taken = true; taken;) {
            auto answer = askText("Tên hệ thống thành phần", "Name of the component system");
            if (!answer)
                return false;
            name = std::move(*answer);
            taken = std::any_of(m_system.components.begin(), m_system.components.end(),
                                [&](const Component& component) { return component.name == name; });
            if (taken)
                complain("đã có thành phần tên này", "there is already a component with this name");
        }
        m_system.components.push_back(Component{name, {}});
        if (!save())
            return false;
        return askComponentQuestions(m_system.components.size() - 1, true);
    }

    // Walks the questions shown for the component. `everyQuestion` false: only the required ones that still
    // have no answer (so that the file becomes complete).
    bool askComponentQuestions(size_t index, bool everyQuestion)
    {
        if (everyQuestion)
            say(tr("Với mỗi câu, nhấn Enter để giữ câu trả lời hiện có, hoặc trả lời khác đi cho thành phần này; "
                   "gõ . để giữ nguyên mọi câu còn lại.",
                   "For each question press Enter to keep the answer shown, or answer differently for this component; "
                   "type . to keep all remaining answers as they are."));
        std::set<std::string> settled;
        while (true) {
            Component& component = m_system.components[index];
            const AnswerSet effective = effectiveAnswers(m_system, component);
            const Question* q = nextQuestion(m_ruleSet, effective, settled);
            if (!q)
                return true;
            settled.insert(q->key);
            const bool required = isQuestionRequired(*q, effective);
            const bool missing = required && !effective.has(q->key);
            if (!everyQuestion && !missing)
                continue;
            auto value = askComponentQuestion(*q, component, effective, missing, everyQuestion);
            if (!value)
                return false;
            if (value->keepRest) {
                everyQuestion = false;
                continue;
            }
            if (!value->keep) {
                setComponentAnswer(m_system, component, q->key, std::move(value->value));
                if (!save())
                    return false;
            }
        }
    }

    struct ComponentReply {
        bool keep = false;     // Enter: inherit / keep what the component has
        bool keepRest = false; // ".": keep for every remaining question
        Value value;
    };

    std::optional<ComponentReply> askComponentQuestion(const Question& q, const Component& component,
                                                       const AnswerSet& effective, bool missing, bool offerKeepRest)
    {
        printQuestion(q, effective, isQuestionRequired(q, effective), {}, component.name);
        if (!missing)
            say("    Enter = " +
                    (component.answers.has(q.key)
                         ? tr("giữ câu trả lời riêng của thành phần: ", "keep the component's own answer: ")
                         : tr("giữ như hệ thống: ", "same as the system: ")) +
                    displayValue(q, effective.get(q.key)),
                4);
        while (auto line = readLine()) {
            if (offerKeepRest && trimInput(*line) == ".")
                return ComponentReply{false, true, {}};
            const ParsedInput parsed = parseAnswerInput(q, *line);
            switch (parsed.kind) {
            case InputKind::Answer:
                if (isValidText(parsed.value))
                    return ComponentReply{false, false, parsed.value};
                break;
            case InputKind::Skip:
                if (!missing)
                    return ComponentReply{true, false, {}};
                complain("câu hỏi này bắt buộc và hệ thống chưa có câu trả lời để kế thừa; hãy trả lời",
                         "this question is required and the system has no answer to inherit; please answer it");
                break;
            case InputKind::Help: printHelp(q); break;
            case InputKind::Invalid: complain(parsed.problem.vi, parsed.problem.en); break;
            }
        }
        return std::nullopt;
    }

    // ---- saving and the end ------------------------------------------------------------------------------
    // The whole file is written to a temporary file beside it and renamed over it (QSaveFile), so a crash or
    // Ctrl-C at any moment leaves either the previous answers or the new ones, never half a file.
    bool save()
    {
        const std::string text = writeAnswers(m_system);
        QSaveFile file(QString::fromStdString(m_path));
        if (file.open(QIODevice::WriteOnly) &&
            file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size()) &&
            file.commit()) {
            m_saved = true;
            return true;
        }
        *m_context.err << tr("lỗi: không ghi được tệp trả lời ", "error: cannot write the answers file ") << m_path
                       << ": " << file.errorString().toStdString() << "\n";
        m_stop = Stop::WriteFailed;
        return false;
    }

    int stopped()
    {
        if (m_stop == Stop::WriteFailed)
            return ExitStorage;
        if (m_saved) {
            say(tr("Dữ liệu vào đã hết trước khi phỏng vấn xong. Các câu trả lời đã được lưu trong " + m_path +
                       "; để tiếp tục, chạy:",
                   "Input ended before the interview was finished. The answers are saved in " + m_path +
                       "; to continue, run:"));
            say("  seclevel interview --output " + shellQuoted(m_path) + " --resume --ruleset " + m_ruleSet.id +
                (m_lang == Lang::En ? " --lang en" : ""));
        } else {
            say(tr("Dữ liệu vào đã hết trước khi có thông tin chung của hệ thống; chưa có gì được lưu.",
                   "Input ended before the system was described; nothing was saved."));
        }
        return ExitInvalidInput;
    }

    int finish()
    {
        out() << "\n" << tr("Đã ghi các câu trả lời vào ", "The answers were written to ") << m_path << "\n";
        auto valid = validateAnswers(m_ruleSet, m_system);
        if (!valid) {
            printErrors(valid.errors(), m_context, ExitInvalidInput);
            return ExitInvalidInput;
        }
        const Assessment assessment = deriveLevel(m_ruleSet, *valid);
        out() << "\n";
        // The explanation is shared with `assess`; here it is only wrapped to the terminal, each line hanging
        // under its own text.
        std::istringstream text(assessmentToText(assessment, m_ruleSet, *valid, m_lang, m_instruments));
        for (std::string line; std::getline(text, line);) {
            const size_t lead = std::min(line.find_first_not_of(' '), line.size());
            say(line, lead + (line.compare(lead, 3, "✔") == 0 || line.compare(lead, 3, "✘") == 0 ? 2 : 0) +
                          (line.compare(lead, 2, "- ") == 0 ? 2 : 0));
        }
        out() << "\n"
              << tr("Xem lại bất cứ lúc nào: seclevel assess " + m_path + " --ruleset " + m_ruleSet.id,
                    "Review it at any time: seclevel assess " + m_path + " --ruleset " + m_ruleSet.id)
              << "\n";
        return assessment.derivedLevel == 0 ? ExitUndetermined : ExitOk;
    }

    const RuleSet& m_ruleSet;
    const InstrumentRegister& m_instruments;
    SystemDescription m_system;
    std::string m_path;
    bool m_resumed = false;
    Context& m_context;
    Lang m_lang;
    bool m_echo = false;
    size_t m_width = 0; // terminal columns to wrap at; 0 = no wrapping
    bool m_saved = false;
    Stop m_stop = Stop::None;
};

class InterviewCommand final : public Command {
public:
    std::string name() const override { return "interview"; }
    LocalizedText summary() const override
    {
        return {"phỏng vấn từng câu trong cửa sổ dòng lệnh và ghi tệp trả lời (lưu sau mỗi câu)",
                "interview question by question in the terminal and write the answers file (saved after each answer)"};
    }
    std::string usage() const override
    {
        return "--output FILE [--resume] [--ruleset ID] [--as-of DATE] [--lang vi|en]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = ruleSetOptions();
        specs.insert(specs.begin(),
                     {{"output", true, {"tệp trả lời sẽ ghi (JSON)", "the answers file to write (JSON)"}},
                      {"resume",
                       false,
                       {"tiếp tục tệp trả lời đã có, chỉ hỏi các câu chưa trả lời",
                        "continue an existing answers file, asking only what is unanswered"}}});
        return specs;
    }

    int run(const CommandLine& line, Context& context) override
    {
        namespace fs = std::filesystem;
        if (!line.positional().empty())
            return usageError(*this, context,
                              "không nhận đối số '" + line.positional().front() + "'; dùng --output FILE",
                              "unexpected argument '" + line.positional().front() + "'; use --output FILE");
        const auto output = line.value("output");
        if (!output || output->empty())
            return usageError(*this, context, "cần --output FILE", "--output FILE is required");
        const std::string& path = *output;
        const bool resume = line.flag("resume");

        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto chosen = chooseRuleSet(**catalogue, line, context);
        if (!chosen)
            return printErrors(chosen.errors(), context);
        const RuleSet& ruleSet = **chosen;

        std::error_code ec;
        SystemDescription system;
        if (resume) {
            if (!fs::exists(path, ec))
                return printErrors(
                    {makeError(path, 0, "", "không có tệp trả lời để tiếp tục", "there is no answers file to resume")},
                    context, ExitInvalidInput);
            auto read = readAnswersFile(path);
            if (!read)
                return printErrors(read.errors(), context, ExitInvalidInput);
            auto checked = checkResumedAnswers(ruleSet, std::move(*read));
            if (!checked)
                return printErrors(checked.errors(), context, ExitInvalidInput);
            system = std::move(*checked);
        } else {
            // Never overwrite answers someone has typed: continuing is explicit.
            if (fs::exists(path, ec))
                return printErrors(
                    {makeError(path, 0, "", "tệp đã tồn tại; dùng --resume để tiếp tục tệp này hoặc chọn tên khác",
                               "the file already exists; use --resume to continue it or choose another name")},
                    context, ExitUsage);
            const fs::path parent = fs::absolute(fs::path(path), ec).parent_path();
            if (!fs::is_directory(parent, ec))
                return printErrors({makeError(path, 0, "", "thư mục chứa tệp không tồn tại",
                                              "the folder for the file does not exist")},
                                   context, ExitStorage);
        }
        InterviewSession session(ruleSet, (*catalogue)->instruments(), std::move(system), path, resume, context);
        return session.run();
    }
};

} // namespace

std::unique_ptr<Command> makeInterviewCommand()
{
    return std::make_unique<InterviewCommand>();
}

} // namespace seclevel
