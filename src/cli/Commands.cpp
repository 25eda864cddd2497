#include "cli/Commands.h"

namespace seclevel {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(makeAssessCommand());
    commands.push_back(makeReassessCommand());
    commands.push_back(makeRulesetsCommand());
    commands.push_back(makeQuestionnaireShowCommand());
    commands.push_back(makeInterviewCommand());
    commands.push_back(makeSystemAddCommand());
    commands.push_back(makeSystemUpdateCommand());
    commands.push_back(makeSystemListCommand());
    commands.push_back(makeSystemShowCommand());
    commands.push_back(makeOrganisationAddCommand());
    commands.push_back(makeDossierSetCommand());
    commands.push_back(makeDossierRequirementCommand());
    commands.push_back(makeDossierAttachCommand());
    commands.push_back(makeDossierCheckCommand());
    commands.push_back(makeDossierExportCommand());
    commands.push_back(makeDossierImportCommand());
    commands.push_back(makeImportCommand());
    commands.push_back(makeExportCommand());
    commands.push_back(makeAuditVerifyCommand());
    commands.push_back(makeAuditHeadCommand());
    commands.push_back(makeAuditLogCommand());
    commands.push_back(makeCalendarDeadlineCommand());
    commands.push_back(makeCalendarShowCommand());
    commands.push_back(makeCalendarAnnounceCommand());
    commands.push_back(makeUserAddCommand());
    commands.push_back(makeUserGrantCommand());
    commands.push_back(makeUserListCommand());
    commands.push_back(makeUserShowCommand());
    commands.push_back(makeWorkflowShowCommand());
    commands.push_back(makeWorkflowActionsCommand());
    commands.push_back(makeWorkflowDoCommand());
    commands.push_back(makeDeadlinesCommand());
    commands.push_back(makeDutiesCommand());
    commands.push_back(makeDutyRecordCommand());
    commands.push_back(makeWorkflowDocumentCommand());
    commands.push_back(makeReportAnnualCommand());
    commands.push_back(makeReportRollupCommand());
    commands.push_back(makeInspectionCreateCommand());
    commands.push_back(makeInspectionShowCommand());
    commands.push_back(makeInspectionListCommand());
    commands.push_back(makeInspectionRunCommand());
    commands.push_back(makeFindingAddCommand());
    commands.push_back(makeFindingUpdateCommand());
    commands.push_back(makeFindingCloseCommand());
    commands.push_back(makeInspectionConclusionCommand());
    commands.push_back(makeRemediationReportCommand());
    commands.push_back(makeFindingShowCommand());
    commands.push_back(makeFindingEvidenceCommand());
    return commands;
}

} // namespace seclevel
