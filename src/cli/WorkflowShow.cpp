// seclevel workflow show SYSTEM — the state of a system's level dossier in the appraisal and approval
// procedure, its history, the running clocks and what the acting user may do next.
#include "app/UserService.h"
#include "app/WorkflowService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

void writeDecision(json::Writer& w, const StepDecision& d)
{
    w.beginObject().member("step", d.step->id).member("name_vi", d.step->name.vi).member("name_en", d.step->name.en);
    w.member("allowed", d.allowed).member("citation", d.citation);
    if (d.as)
        w.member("as", seatText(*d.as));
    w.key("reasons").beginArray();
    for (const Reason& r : d.reasons)
        w.beginObject().member("vi", r.text.vi).member("en", r.text.en).member("citation", r.citation).endObject();
    w.endArray().endObject();
}

void printDecisions(const std::vector<StepDecision>& decisions, Context& context)
{
    const Lang lang = context.lang;
    for (const StepDecision& d : decisions) {
        *context.out << (d.allowed ? "  ✔ " : "  ✘ ") << d.step->id << " — " << d.step->name.in(lang) << " ("
                     << d.citation << ")";
        if (d.as)
            *context.out << (lang == Lang::Vi ? " với vai trò " : " as ") << seatText(*d.as);
        *context.out << "\n";
        for (const Reason& r : d.reasons)
            *context.out << "      - " << terminalSafe(r.text.in(lang)) << " (" << r.citation << ")\n";
    }
}

class WorkflowShowCommand final : public Command {
public:
    explicit WorkflowShowCommand(bool actionsOnly) : m_actionsOnly(actionsOnly) {}
    std::string name() const override { return m_actionsOnly ? "workflow actions" : "workflow show"; }
    LocalizedText summary() const override
    {
        if (m_actionsOnly)
            return {"các bước người dùng được làm ngay bây giờ, kèm điều khoản (hoặc lý do không được)",
                    "the steps the user may take now, with the article behind each (or why not)"};
        return {"trạng thái thẩm định, phê duyệt của hệ thống: lịch sử, thời hạn, bước tiếp theo",
                "a system's appraisal and approval state: history, clocks, next steps"};
    }
    std::string usage() const override { return "SYSTEM [--as USER] [--as-of DATE] [--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = workflowReadOptions();
        for (OptionSpec& spec : actingOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string& id = line.positional().front();
        int exitCode = ExitOk;
        auto run = startWorkflowRun(line, context, exitCode);
        if (!run)
            return exitCode;
        const Date* asOf = &run->asOf;
        WorkflowService& service = *run->service;
        auto view = service.show(id, *asOf);
        if (!view)
            return printErrors(view.errors(), context);
        const std::string user = actingUserId(line);
        auto decisions = service.actions(id, user, *asOf);
        if (!decisions)
            return printErrors(decisions.errors(), context);
        const Lang lang = context.lang;
        const bool vi = lang == Lang::Vi;
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginObject();
            w.member("system", view->system.description.id).member("ruleset", view->procedure->rulesetId);
            w.member("procedure_version", view->procedure->version).member("state", view->state);
            if (view->stateInfo) {
                w.member("state_vi", view->stateInfo->name.vi).member("state_en", view->stateInfo->name.en);
                w.member("form08_status", view->stateInfo->form08Status);
            }
            w.member("proposed_level", view->system.proposedLevel).member("approved_level", view->system.approvedLevel);
            if (view->system.approvedOn)
                w.member("approved_on", formatIsoDate(*view->system.approvedOn));
            w.member("as_of", formatIsoDate(*asOf)).member("user", user);
            if (!m_actionsOnly) {
                w.key("history").beginArray();
                for (const WorkflowStepRecord& r : view->history)
                    writeStepRecord(w, r);
                w.endArray();
                w.key("clocks").beginArray();
                for (const ClockStatus& c : view->clocks)
                    writeClock(w, c);
                w.endArray();
            }
            w.key("actions").beginArray();
            for (const StepDecision& d : *decisions)
                writeDecision(w, d);
            w.endArray();
            w.key("notices").beginArray();
            for (const Notice& n : view->notices)
                w.beginObject().member("id", n.id).member("vi", n.text.vi).member("en", n.text.en).endObject();
            w.endArray();
            w.endObject();
            *context.out << w.str();
            return ExitOk;
        }
        *context.out << (vi ? "Hệ thống: " : "System: ") << terminalSafe(view->system.description.name) << " ("
                     << terminalSafe(id) << ")\n";
        *context.out << (vi ? "Thủ tục: " : "Procedure: ") << view->procedure->rulesetId << " v"
                     << view->procedure->version << "\n";
        *context.out << (vi ? "Trạng thái: " : "State: ")
                     << (view->stateInfo ? view->stateInfo->name.in(lang) : view->state) << "  [" << view->state
                     << "]\n";
        *context.out << (vi ? "Cấp độ đề xuất: " : "Proposed level: ") << view->system.proposedLevel
                     << (vi ? "   cấp độ đã phê duyệt: " : "   approved level: ")
                     << (view->system.approvedLevel ? std::to_string(view->system.approvedLevel) : "—");
        if (view->system.approvedOn)
            *context.out << " (" << formatIsoDate(*view->system.approvedOn) << ", " << view->system.approvedRuleset
                         << ")";
        *context.out << "\n";
        if (!m_actionsOnly) {
            if (!view->history.empty())
                *context.out << (vi ? "Lịch sử:\n" : "History:\n");
            for (const WorkflowStepRecord& r : view->history) {
                const ProcedureStep* step = view->procedure->step(r.step, r.level);
                *context.out << "  " << r.seq << ". " << formatIsoDate(r.date) << "  "
                             << (step ? step->name.in(lang) : r.step) << " — " << terminalSafe(r.actor.userId) << " ("
                             << r.actor.role << (r.actor.organisationId.empty() ? "" : "@" + r.actor.organisationId)
                             << ")";
                if (!r.documentNumber.empty())
                    *context.out << (vi ? ", số " : ", no. ") << terminalSafe(r.documentNumber);
                *context.out << "\n";
                if (!r.note.empty())
                    *context.out << "     " << terminalSafe(r.note) << "\n";
            }
            for (const ClockStatus& c : view->clocks)
                *context.out << (vi ? "Thời hạn " : "Clock ") << c.rule->name.in(lang) << " (" << c.rule->citation
                             << "): " << c.rule->count
                             << (c.rule->unit == ClockUnit::WorkingDays ? (vi ? " ngày làm việc" : " working days")
                                                                        : (vi ? " ngày" : " days"))
                             << (vi ? " từ " : " from ") << formatIsoDate(c.start) << (vi ? ", hạn cuối " : ", ends ")
                             << formatIsoDate(c.end) << " — " << remainingText(c, lang) << "\n";
        }
        *context.out << (vi ? "Bước tiếp theo cho " : "Next steps for ") << terminalSafe(user) << ":\n";
        printDecisions(*decisions, context);
        printNotices(view->notices, context);
        return ExitOk;
    }

private:
    bool m_actionsOnly;
};

} // namespace

std::unique_ptr<Command> makeWorkflowShowCommand()
{
    return std::make_unique<WorkflowShowCommand>(false);
}

std::unique_ptr<Command> makeWorkflowActionsCommand()
{
    return std::make_unique<WorkflowShowCommand>(true);
}

} // namespace seclevel
