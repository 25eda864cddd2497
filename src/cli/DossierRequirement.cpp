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
        specs.push_back({"status", true, {"met | partly_met | planned | not_applicable", "met | partly_met | planned | not_applicable"}});
        specs.push_back({"how", true, {"biện pháp đã có, hoặc kế hoạch", "measures in place, or the plan"}});
        specs.push_back({"planned-by", true, {"ngày hoàn thành dự kiến (YYYY-MM-DD)", "planned completion date (YYYY-MM-DD)"}});
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
        if (statement.how.empty())
            return usageError(*this, context, "cần --how", "--how is required");
        if (auto date = line.value("planned-by")) {
            statement.plannedBy = parseIsoDate(*date);
            if (!statement.plannedBy)
                return usageError(*this, context, "--planned-by phải là ngày YYYY-MM-DD", "--planned-by must be a date YYYY-MM-DD");
        }
        try {
            std::size_t used = 0;
            statement.item = std::stoi(args[2], &used);
            if (used != args[2].size())
                statement.item = 0;
        } catch (const std::exception&) {
            statement.item = 0;
        }
        int exitCode = ExitOk;
        auto session = openDossier(args[0], line, context, exitCode);
        if (!session)
            return exitCode;
        const int level = session->system.proposedLevel;
        const RequirementGroupSpec* group = session->dossierTemplate->requirementGroup(statement.groupId);
        if (!group || group->level != level)
            return printErrors({makeError(session->dossierTemplate->sourceFile, 0, statement.groupId,
                                          "không có nhóm yêu cầu này cho cấp độ " + std::to_string(level),
                                          "no such requirement group for level " + std::to_string(level))},
                               context, ExitInvalidInput);
        if (statement.item < 1 || statement.item > group->count)
            return printErrors({makeError("", 0, statement.groupId,
                                          "số thứ tự phải từ 1 đến " + std::to_string(group->count),
                                          "the item must be 1 to " + std::to_string(group->count))},
                               context, ExitInvalidInput);
        if ((statement.status == RequirementStatus::Planned || statement.status == RequirementStatus::PartlyMet) &&
            !statement.plannedBy)
            return usageError(*this, context, "trạng thái planned/partly_met cần --planned-by",
                              "status planned/partly_met needs --planned-by");
        bool replaced = false;
        for (RequirementStatement& existing : session->dossier.requirements)
            if (existing.groupId == statement.groupId && existing.item == statement.item) {
                existing = statement;
                replaced = true;
            }
        if (!replaced)
            session->dossier.requirements.push_back(statement);
        auto saved = session->store->saveDossier(session->dossier, currentActor(line));
        if (!saved)
            return printErrors(saved.errors(), context, ExitStorage);
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
