// seclevel dossier requirement SYSTEM GROUP ITEM --status … --how … [--planned-by DATE] — how one
// requirement of the proposed level is met, or the plan to meet it (TT12 Art 8; NĐ331 Art 22.6).
#include "cli/Commands.h"
#include "cli/DossierCommands.h"

#include <iostream>

namespace seclevel {
namespace {

class DossierRequirementCommand final : public Command {
public:
    std::string name() const override { return "dossier requirement"; }
    LocalizedText summary() const override
    {
        return {"ghi cách đáp ứng một yêu cầu an toàn của cấp độ đề xuất",
                "record how one security requirement of the proposed level is met"};
    }
    std::string usage() const override
    {
        return "SYSTEM GROUP ITEM --status met|partly_met|planned|not_applicable --how TEXT [--planned-by DATE]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back(
            {"status",
             true,
             {"met | partly_met | planned | not_applicable", "met | partly_met | planned | not_applicable"}});
        specs.push_back({"how", true, {"biện pháp đã có, hoặc kế hoạch", "measures in place, or the plan"}});
        specs.push_back(
            {"planned-by", true, {"ngày hoàn thành dự kiến (YYYY-MM-DD)", "planned completion date (YYYY-MM-DD)"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        const auto& args = line.positional();
        if (args.size() != 3)
            return usageError(*this, context, "cần SYSTEM GROUP ITEM", "expects SYSTEM GROUP ITEM");
        RequirementStatement statement;
        statement.groupId = args[1];
        const auto status = parseRequirementStatus(line.value("status").value_or(""));
        if (!status)
            return usageError(*this, context, "--status phải là met, partly_met, planned hoặc not_applicable",
                              "--status must be met, partly_met, planned or not_applicable");
        statement.status = *status;
        statement.how = line.value("how").value_or("");
        if (!line.value("how"))
            return usageError(*this, context, "cần --how", "--how is required");
        if (auto date = line.value("planned-by")) {
            statement.plannedBy = parseIsoDate(*date);
            if (!statement.plannedBy)
                return usageError(*this, context, "--planned-by phải là ngày YYYY-MM-DD",
                                  "--planned-by must be a date YYYY-MM-DD");
        }
        statement.item = parseInteger(args[2]).value_or(0);
        int exitCode = ExitOk;
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        auto actor = currentActor(line, *run->store);
        if (!actor)
            return printErrors(actor.errors(), context);
        auto recorded = run->service->setRequirement(args[0], statement, *actor);
        if (!recorded)
            return printErrors(recorded.errors(), context);
        const RequirementGroupSpec* group = recorded->group;
        const Result<bool> saved = recorded->changed;
        const bool vi = context.lang == Lang::Vi;
        *context.out << (*saved ? (vi ? "Đã ghi " : "Recorded ") : (vi ? "Không thay đổi: " : "Unchanged: "))
                     << statement.groupId << " #" << statement.item << " (" << group->citation << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierRequirementCommand()
{
    return std::make_unique<DossierRequirementCommand>();
}

} // namespace seclevel
