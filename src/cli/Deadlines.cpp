// seclevel deadlines [--as-of DATE] [--org ORG] — every running statutory clock, most urgent first.
#include "app/WorkflowService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class DeadlinesCommand final : public Command {
public:
    std::string name() const override { return "deadlines"; }
    LocalizedText summary() const override
    {
        return {"mọi thời hạn thẩm định, phê duyệt đang chạy: còn bao nhiêu ngày, quá hạn, theo cơ quan",
                "every running appraisal/approval clock: days left, overdue, per agency"};
    }
    std::string usage() const override { return "[--as-of DATE] [--org ORG] [--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = workflowReadOptions();
        specs.push_back({"org", true, {"chỉ cơ quan này và cấp dưới", "only this organisation and those below"}});
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
        auto items = run->service->deadlines(*asOf, line.value("org").value_or(""));
        if (!items)
            return printErrors(items.errors(), context);
        const Lang lang = context.lang;
        const bool vi = lang == Lang::Vi;
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginObject().member("as_of", formatIsoDate(*asOf)).key("deadlines").beginArray();
            for (const DeadlineItem& item : *items) {
                w.beginObject().member("system", item.systemId).member("organisation", item.organisationId);
                w.member("state", item.state).member("level", item.level).key("clock");
                writeClock(w, item.clock);
                w.endObject();
            }
            w.endArray().endObject();
            *context.out << w.str();
            return ExitOk;
        }
        int overdue = 0;
        for (const DeadlineItem& item : *items)
            overdue += item.clock.overdue;
        *context.out << (vi ? "Thời hạn đang chạy tính đến " : "Running clocks as of ") << formatIsoDate(*asOf) << ": "
                     << items->size() << (vi ? ", quá hạn " : ", overdue ") << overdue << "\n";
        for (const DeadlineItem& item : *items) {
            *context.out << (item.clock.overdue ? "  ! " : "    ") << formatIsoDate(item.clock.end) << "  "
                         << terminalSafe(item.systemId) << " [" << terminalSafe(item.organisationId) << "] "
                         << item.clock.rule->name.in(lang) << (vi ? " cấp độ " : " level ") << item.level << " ("
                         << item.clock.rule->citation << ") — " << remainingText(item.clock, lang) << "\n";
        }
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDeadlinesCommand()
{
    return std::make_unique<DeadlinesCommand>();
}

} // namespace seclevel
