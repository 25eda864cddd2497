// seclevel system show ID — one stored system: answers, levels, assessments and the history of its answers.
#include "app/SystemService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "formats/json/AnswersFile.h"
#include "formats/text/TerminalText.h"
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
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        SystemService service(**catalogue, **store);
        auto record = service.show(id);
        if (!record)
            return printErrors(record.errors(), context);
        const StoredSystem& s = record->summary.stored;
        const auto& history = record->history;
        const auto& assessments = record->assessments;
        const std::string format = line.value("format").value_or("text");
        if (format == "answers") {
            *context.out << writeAnswers(s.description);
            return ExitOk;
        }
        if (format == "json") {
            json::Writer w;
            w.beginObject();
            writeSystemSummary(w, record->summary);
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
            for (const auto& h : history) {
                w.beginObject();
                w.member("at", isoTimestamp(h.at));
                w.member("actor", h.actor.userId);
                w.member("component", h.component);
                w.member("key", h.key);
                w.member("old", h.oldValue);
                w.member("new", h.newValue);
                w.endObject();
            }
            w.endArray();
            w.key("assessments").beginArray();
            for (const auto& a : assessments) {
                w.beginObject();
                w.member("at", isoTimestamp(a.at));
                w.member("actor", a.actor.userId);
                w.member("ruleset", a.assessment.rulesetId);
                w.member("ruleset_version", a.assessment.rulesetVersion);
                w.member("derived_level", a.assessment.derivedLevel);
                w.member("proposed_level", a.assessment.proposedLevel);
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
        out << terminalSafe(s.description.id) << " — " << terminalSafe(s.description.name) << "\n"
            << (vi ? "Chủ quản: " : "Owner: ") << terminalSafe(s.description.owner) << "\n"
            << (vi ? "Đơn vị vận hành: " : "Operator: ") << terminalSafe(s.description.operatorName) << "\n";
        if (!s.description.organisationId.empty())
            out << (vi ? "Cơ quan: " : "Organisation: ") << terminalSafe(s.description.organisationId) << "\n";
        out << (vi ? "Bộ quy tắc: " : "Rule set: ")
            << (s.rulesetId.empty() ? "—" : s.rulesetId + " v" + s.rulesetVersion) << "\n";
        if (record->summary.staleRuleSet)
            out << "  ! " << record->summary.staleRuleSet->text.in(context.lang) << "\n";
        out << (vi ? "Cấp độ xác định / đề xuất / phê duyệt: " : "Level derived / proposed / approved: ")
            << level(s.derivedLevel) << " / " << level(s.proposedLevel) << " / " << level(s.approvedLevel) << "\n";
        if (!s.justification.empty())
            out << (vi ? "Lý do đề xuất cao hơn: " : "Justification: ") << terminalSafe(s.justification) << "\n";
        out << "\n" << (vi ? "Câu trả lời:" : "Answers:") << "\n";
        for (const auto& [key, value] : s.description.answers.values)
            out << "  " << key << " = " << terminalSafe(renderValue(value)) << "\n";
        for (const auto& c : s.description.components) {
            out << "  [" << terminalSafe(c.name) << "]\n";
            for (const auto& [key, value] : c.answers.values)
                out << "    " << key << " = " << terminalSafe(renderValue(value)) << "\n";
        }
        out << "\n" << (vi ? "Lịch sử thay đổi câu trả lời:" : "Answer history:") << "\n";
        for (const auto& h : history)
            out << "  " << isoTimestamp(h.at) << "  " << terminalSafe(h.actor.userId) << "  "
                << terminalSafe(h.component.empty() ? "" : h.component + "/") << h.key << ": "
                << terminalSafe(h.oldValue.empty() ? "—" : h.oldValue) << " → "
                << terminalSafe(h.newValue.empty() ? "—" : h.newValue) << "\n";
        out << "\n" << (vi ? "Các lần xác định cấp độ:" : "Assessments:") << "\n";
        for (const auto& a : assessments)
            out << "  " << isoTimestamp(a.at) << "  " << terminalSafe(a.actor.userId) << "  " << a.assessment.rulesetId
                << " v" << a.assessment.rulesetVersion << "  " << (vi ? "xác định " : "derived ")
                << level(a.assessment.derivedLevel) << ", " << (vi ? "đề xuất " : "proposed ")
                << level(a.assessment.proposedLevel) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeSystemShowCommand()
{
    return std::make_unique<SystemShowCommand>();
}

} // namespace seclevel
