// seclevel system show ID — one stored system: answers, levels, assessments and the history of its answers.
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "formats/json/AnswersFile.h"
#include "codec/Json.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {
namespace {

class SystemShowCommand final : public Command {
public:
    std::string name() const override { return "system show"; }
    LocalizedText summary() const override
    {
        return {"hiện một hệ thống đã lưu: câu trả lời, cấp độ, lịch sử thay đổi",
                "show a stored system: answers, levels, change history"};
    }
    std::string usage() const override { return "ID [--db PATH] [--format text|json|answers]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = storeOptions();
        specs[1].help = {"text (mặc định), json, hoặc answers (tệp trả lời để sửa rồi cập nhật)",
                         "text (default), json, or answers (an answers file to edit and update from)"};
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string& id = line.positional().front();
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context, ExitStorage);
        auto found = (*store)->system(id);
        if (!found)
            return printErrors(found.errors(), context, ExitStorage);
        if (!*found)
            return printErrors({makeError("", 0, id, "không có hệ thống này", "no such system")}, context, ExitNotFound);
        const StoredSystem& s = **found;
        auto history = (*store)->answerHistory(id);
        auto assessments = (*store)->assessments(id);
        if (!history || !assessments)
            return printErrors(!history ? history.errors() : assessments.errors(), context, ExitStorage);
        const std::string format = line.value("format").value_or("text");
        if (format == "answers") {
            *context.out << writeAnswers(s.description);
            return ExitOk;
        }
        if (format == "json") {
            json::Writer w;
            w.beginObject();
            writeSystemSummary(w, s);
            w.member("justification", s.justification);
            w.key("answers");
            writeAnswerSet(w, s.description.answers);
            w.key("components").beginArray();
            for (const auto& c : s.description.components) {
                w.beginObject();
                w.member("name", c.name);
                w.key("answers");
                writeAnswerSet(w, c.answers);
                w.endObject();
            }
            w.endArray();
            w.key("history").beginArray();
            for (const auto& h : *history) {
                w.beginObject();
                w.member("at", h.at);
                w.member("actor", h.actor);
                w.member("component", h.component);
                w.member("key", h.key);
                w.member("old", h.oldValue);
                w.member("new", h.newValue);
                w.endObject();
            }
            w.endArray();
            w.key("assessments").beginArray();
            for (const auto& a : *assessments) {
                w.beginObject();
                w.member("at", a.at);
                w.member("actor", a.actor);
                w.member("ruleset", a.rulesetId);
                w.member("ruleset_version", a.rulesetVersion);
                w.member("derived_level", a.derivedLevel);
                w.member("proposed_level", a.proposedLevel);
                w.endObject();
            }
            w.endArray();
            w.endObject();
            *context.out << w.str();
            return ExitOk;
        }
        const bool vi = context.lang == Lang::Vi;
        auto level = [](int l) { return l == 0 ? std::string("—") : std::to_string(l); };
        std::ostream& out = *context.out;
        out << s.description.id << " — " << s.description.name << "\n"
            << (vi ? "Chủ quản: " : "Owner: ") << s.description.owner << "\n"
            << (vi ? "Đơn vị vận hành: " : "Operator: ") << s.description.operatorName << "\n";
        if (!s.description.organisationId.empty())
            out << (vi ? "Cơ quan: " : "Organisation: ") << s.description.organisationId << "\n";
        out << (vi ? "Bộ quy tắc: " : "Rule set: ") << (s.rulesetId.empty() ? "—" : s.rulesetId) << "\n"
            << (vi ? "Cấp độ xác định / đề xuất / phê duyệt: " : "Level derived / proposed / approved: ")
            << level(s.derivedLevel) << " / " << level(s.proposedLevel) << " / " << level(s.approvedLevel) << "\n";
        if (!s.justification.empty())
            out << (vi ? "Lý do đề xuất cao hơn: " : "Justification: ") << s.justification << "\n";
        out << "\n" << (vi ? "Câu trả lời:" : "Answers:") << "\n";
        for (const auto& [key, value] : s.description.answers.values)
            out << "  " << key << " = " << renderValue(value) << "\n";
        for (const auto& c : s.description.components) {
            out << "  [" << c.name << "]\n";
            for (const auto& [key, value] : c.answers.values)
                out << "    " << key << " = " << renderValue(value) << "\n";
        }
        out << "\n" << (vi ? "Lịch sử thay đổi câu trả lời:" : "Answer history:") << "\n";
        for (const auto& h : *history)
            out << "  " << h.at << "  " << h.actor << "  " << (h.component.empty() ? "" : h.component + "/") << h.key
                << ": " << (h.oldValue.empty() ? "—" : h.oldValue) << " → " << (h.newValue.empty() ? "—" : h.newValue)
                << "\n";
        out << "\n" << (vi ? "Các lần xác định cấp độ:" : "Assessments:") << "\n";
        for (const auto& a : *assessments)
            out << "  " << a.at << "  " << a.actor << "  " << a.rulesetId << " v" << a.rulesetVersion << "  "
                << (vi ? "xác định " : "derived ") << level(a.derivedLevel) << ", " << (vi ? "đề xuất " : "proposed ")
                << level(a.proposedLevel) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeSystemShowCommand()
{
    return std::make_unique<SystemShowCommand>();
}

} // namespace seclevel
