// seclevel inspection create ID --decision NUMBER --decision-date DATE --body ORG --scope ORG --from DATE --to DATE
// --team USER[,USER…] [--systems ID[,ID…]] — record (or change) an inspection: the decision that orders it, the
// inspecting body, the scope and the team (app/InspectionService decides who may).
#include "app/InspectionService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "storage/Store.h"

#include <ostream>
#include <sstream>

namespace seclevel {
namespace {

std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

class InspectionCreateCommand final : public Command {
public:
    std::string name() const override { return "inspection create"; }
    LocalizedText summary() const override
    {
        return {"ghi cuộc thanh tra: quyết định, cơ quan thanh tra, phạm vi, đoàn thanh tra",
                "record an inspection: decision, inspecting body, scope, team"};
    }
    std::string usage() const override
    {
        return "ID --decision NUMBER --decision-date DATE --body ORG --scope ORG --from DATE --to DATE "
               "--team USER[,USER…] [--systems ID[,ID…]] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"decision", true, {"số quyết định thanh tra", "number of the inspection decision"}},
            {"decision-date", true, {"ngày quyết định (YYYY-MM-DD)", "date of the decision (YYYY-MM-DD)"}},
            {"body", true, {"mã cơ quan thanh tra", "id of the inspecting body"}},
            {"scope",
             true,
             {"mã tổ chức được thanh tra (cùng các đơn vị trực thuộc)",
              "id of the organisation inspected (with the units under it)"}},
            {"systems",
             true,
             {"chỉ các hệ thống này (mã, cách nhau bởi dấu phẩy)", "only these systems (ids, comma-separated)"}},
            {"from", true, {"thời kỳ thanh tra từ ngày (YYYY-MM-DD)", "inspected period from (YYYY-MM-DD)"}},
            {"to", true, {"thời kỳ thanh tra đến ngày (YYYY-MM-DD)", "inspected period to (YYYY-MM-DD)"}},
            {"team",
             true,
             {"thành viên đoàn thanh tra (mã người dùng, cách nhau bởi dấu phẩy)",
              "members of the inspection team (user ids, comma-separated)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã cuộc thanh tra", "expects exactly one inspection id");
        for (const char* required : {"decision", "decision-date", "body", "scope", "from", "to", "team"})
            if (!line.value(required))
                return usageError(*this, context, std::string("cần --") + required,
                                  std::string("--") + required + " is required");
        int exitCode = ExitOk;
        Inspection inspection;
        inspection.id = line.positional().front();
        inspection.decisionNumber = *line.value("decision");
        inspection.inspectingBody = *line.value("body");
        inspection.scope.organisationId = *line.value("scope");
        inspection.scope.systems = commaList(line.value("systems").value_or(""));
        inspection.team = commaList(*line.value("team"));
        auto decisionDate = dateOption(line, "decision-date", context, exitCode);
        auto from = decisionDate ? dateOption(line, "from", context, exitCode) : std::nullopt;
        auto to = from ? dateOption(line, "to", context, exitCode) : std::nullopt;
        if (!to)
            return exitCode;
        inspection.decisionDate = *decisionDate;
        inspection.scope.periodFrom = *from;
        inspection.scope.periodTo = *to;
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        InspectionService service(**store);
        auto saved = service.save(inspection, *actor);
        if (!saved)
            return printErrors(saved.errors(), context);
        const bool en = context.lang == Lang::En;
        *context.out << (*saved ? (en ? "Recorded inspection " : "Đã ghi cuộc thanh tra ")
                                : (en ? "Unchanged: inspection " : "Không thay đổi: cuộc thanh tra "))
                     << inspection.id << " (" << inspection.decisionNumber << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeInspectionCreateCommand()
{
    return std::make_unique<InspectionCreateCommand>();
}

} // namespace seclevel
