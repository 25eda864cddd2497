// seclevel duties [--org ORG] [--as-of DATE] — the duties of approved systems, due and overdue first;
// seclevel duty record SYSTEM DUTY --date D (--attach FILE | --number N) — record one as fulfilled.
#include "app/UserService.h"
#include "app/WorkflowService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "io/InputFile.h"
#include "storage/Store.h"

#include <filesystem>
#include <ostream>

namespace seclevel {
namespace {

LocalizedText stateText(DutyState state)
{
    switch (state) {
    case DutyState::Upcoming: return {"sắp tới", "upcoming"};
    case DutyState::Due: return {"đến hạn", "due"};
    case DutyState::Overdue: return {"QUÁ HẠN", "OVERDUE"};
    case DutyState::Done: return {"đã thực hiện", "done"};
    case DutyState::OnEvent: return {"khi có sự việc", "on event"};
    }
    return {};
}

class DutiesCommand final : public Command {
public:
    std::string name() const override { return "duties"; }
    LocalizedText summary() const override
    {
        return {"nghĩa vụ của hệ thống đã phê duyệt (đánh giá định kỳ, báo cáo năm, đào tạo…): đến hạn, quá hạn",
                "duties of approved systems (periodic assessment, annual report, training…): due, overdue"};
    }
    std::string usage() const override { return "[--as-of DATE] [--org ORG] [--all] [--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = workflowReadOptions();
        specs.push_back({"org", true, {"chỉ cơ quan này và cấp dưới", "only this organisation and those below"}});
        specs.push_back({"all", false, {"cả nghĩa vụ đã xong và chưa đến hạn", "also done and upcoming duties"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận đối số", "takes no arguments");
        int exitCode = ExitOk;
        auto run = startWorkflowRun(line, context, exitCode);
        if (!run)
            return exitCode;
        const Date* asOf = &run->asOf;
        auto duties = run->service->duties(*asOf, line.value("org").value_or(""));
        if (!duties)
            return printErrors(duties.errors(), context);
        const Lang lang = context.lang;
        const bool all = line.flag("all");
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginObject().member("as_of", formatIsoDate(*asOf)).key("duties").beginArray();
            for (const DutyStatus& d : *duties) {
                w.beginObject().member("system", d.systemId).member("organisation", d.organisationId);
                w.member("approved_level", d.approvedLevel).member("duty", d.rule->id);
                w.member("name_vi", d.rule->name.vi).member("name_en", d.rule->name.en);
                w.member("owed_by", roleName(d.rule->owedBy)).member("citation", d.rule->citation);
                w.member("ruleset", d.rulesetId).member("state", dutyStateName(d.state));
                if (d.due)
                    w.member("due", formatIsoDate(*d.due));
                if (d.lastFulfilled)
                    w.member("last_fulfilled", formatIsoDate(*d.lastFulfilled));
                if (!d.rule->note.empty())
                    w.member("note", d.rule->note);
                w.endObject();
            }
            w.endArray().endObject();
            *context.out << w.str();
            return ExitOk;
        }
        int overdue = 0, due = 0;
        for (const DutyStatus& d : *duties) {
            overdue += d.state == DutyState::Overdue;
            due += d.state == DutyState::Due;
        }
        const bool vi = lang == Lang::Vi;
        *context.out << (vi ? "Nghĩa vụ tính đến " : "Duties as of ") << formatIsoDate(*asOf) << ": "
                     << (vi ? "quá hạn " : "overdue ") << overdue << (vi ? ", đến hạn " : ", due ") << due << "\n";
        for (const DutyStatus& d : *duties) {
            if (!all && d.state != DutyState::Overdue && d.state != DutyState::Due)
                continue;
            *context.out << "  " << stateText(d.state).in(lang) << "  "
                         << (d.due ? formatIsoDate(*d.due) : std::string("          ")) << "  "
                         << terminalSafe(d.systemId) << " [" << terminalSafe(d.organisationId) << "] " << d.rule->id
                         << " — " << d.rule->name.in(lang) << " (" << roleName(d.rule->owedBy) << "; "
                         << d.rule->citation << ")\n";
        }
        return ExitOk;
    }
};

class DutyRecordCommand final : public Command {
public:
    std::string name() const override { return "duty record"; }
    LocalizedText summary() const override
    {
        return {"ghi nhận đã thực hiện một nghĩa vụ, kèm bằng chứng", "record a duty as fulfilled, with evidence"};
    }
    std::string usage() const override
    {
        return "SYSTEM DUTY --date D (--attach FILE | --number N) [--note TEXT] [--assessor NAME --assessor-kind "
               "internal|licensed|public-service|designated [--assessor-licence REF]] [--as USER] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"date", true, {"ngày thực hiện", "date it was done"}},
            {"number", true, {"số văn bản (báo cáo, quyết định…)", "document number (report, decision…)"}},
            {"note",
             true,
             {"ghi chú; tổ chức đánh giá với cấp độ 3 trở lên", "note; the assessing body for level ≥ 3"}},
            {"attach", true, {"tệp bằng chứng", "evidence file"}},
            {"assessor", true, {"tổ chức thực hiện kiểm tra, đánh giá", "the organisation that assessed"}},
            {"assessor-kind",
             true,
             {"loại tổ chức đánh giá: internal (tự đánh giá), licensed (được cấp phép), public-service (đơn vị sự "
              "nghiệp nhà nước), designated (được chỉ định)",
              "kind of assessor: internal, licensed, public-service, designated"}},
            {"assessor-licence",
             true,
             {"số giấy phép hoặc quyết định chỉ định của tổ chức đánh giá",
              "the assessor's licence or designation number"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        const auto& args = line.positional();
        if (args.size() != 2)
            return usageError(*this, context, "cần SYSTEM DUTY", "expects SYSTEM DUTY");
        DutyFulfilment fulfilment;
        fulfilment.dutyId = args[1];
        auto date = parseIsoDate(line.value("date").value_or(""));
        if (!date)
            return usageError(*this, context, "cần --date YYYY-MM-DD", "--date YYYY-MM-DD is required");
        fulfilment.fulfilledOn = *date;
        fulfilment.documentNumber = line.value("number").value_or("");
        fulfilment.note = line.value("note").value_or("");
        fulfilment.assessor = line.value("assessor").value_or("");
        fulfilment.assessorKind = line.value("assessor-kind").value_or("");
        fulfilment.assessorReference = line.value("assessor-licence").value_or("");
        int exitCode = ExitOk;
        auto attachments = attachmentOption(line, context, exitCode);
        if (!attachments)
            return exitCode;
        fulfilment.attachments = std::move(*attachments);
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        WorkflowService service(*session->catalogue, *session->store);
        auto recorded = service.fulfil(args[0], fulfilment, session->actor);
        if (!recorded)
            return printErrors(recorded.errors(), context);
        *context.out << (context.lang == Lang::Vi ? "Đã ghi nhận " : "Recorded ") << recorded->dutyId << " — "
                     << formatIsoDate(recorded->fulfilledOn) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDutiesCommand()
{
    return std::make_unique<DutiesCommand>();
}

std::unique_ptr<Command> makeDutyRecordCommand()
{
    return std::make_unique<DutyRecordCommand>();
}

} // namespace seclevel
