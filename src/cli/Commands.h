#pragma once
// One factory per command; each lives in the source file named after the command.
#include "cli/Command.h"

#include <memory>

namespace seclevel {

std::unique_ptr<Command> makeAssessCommand();
std::unique_ptr<Command> makeReassessCommand();
std::unique_ptr<Command> makeRulesetsCommand();
std::unique_ptr<Command> makeQuestionnaireShowCommand();
std::unique_ptr<Command> makeInterviewCommand();
std::unique_ptr<Command> makeSystemAddCommand();
std::unique_ptr<Command> makeSystemUpdateCommand();
std::unique_ptr<Command> makeSystemListCommand();
std::unique_ptr<Command> makeSystemShowCommand();
std::unique_ptr<Command> makeOrganisationAddCommand();
std::unique_ptr<Command> makeDossierSetCommand();
std::unique_ptr<Command> makeDossierRequirementCommand();
std::unique_ptr<Command> makeDossierAttachCommand();
std::unique_ptr<Command> makeDossierCheckCommand();
std::unique_ptr<Command> makeDossierExportCommand();
std::unique_ptr<Command> makeDossierImportCommand();
std::unique_ptr<Command> makeImportCommand();
std::unique_ptr<Command> makeExportCommand();
std::unique_ptr<Command> makeAuditVerifyCommand();
std::unique_ptr<Command> makeAuditHeadCommand();
std::unique_ptr<Command> makeAuditLogCommand();
std::unique_ptr<Command> makeCalendarDeadlineCommand();
std::unique_ptr<Command> makeCalendarShowCommand();
std::unique_ptr<Command> makeCalendarAnnounceCommand();
std::unique_ptr<Command> makeUserAddCommand();
std::unique_ptr<Command> makeUserGrantCommand();
std::unique_ptr<Command> makeUserListCommand();
std::unique_ptr<Command> makeUserShowCommand();
std::unique_ptr<Command> makeWorkflowShowCommand();
std::unique_ptr<Command> makeWorkflowActionsCommand();
std::unique_ptr<Command> makeWorkflowDoCommand();
std::unique_ptr<Command> makeDeadlinesCommand();
std::unique_ptr<Command> makeDutiesCommand();
std::unique_ptr<Command> makeDutyRecordCommand();
std::unique_ptr<Command> makeWorkflowDocumentCommand();
std::unique_ptr<Command> makeReportAnnualCommand();
std::unique_ptr<Command> makeReportRollupCommand();
std::unique_ptr<Command> makeInspectionCreateCommand();
std::unique_ptr<Command> makeInspectionShowCommand();
std::unique_ptr<Command> makeInspectionListCommand();
std::unique_ptr<Command> makeInspectionRunCommand();
std::unique_ptr<Command> makeFindingAddCommand();
std::unique_ptr<Command> makeFindingUpdateCommand();
std::unique_ptr<Command> makeFindingCloseCommand();
std::unique_ptr<Command> makeInspectionConclusionCommand();
std::unique_ptr<Command> makeRemediationReportCommand();
std::unique_ptr<Command> makeFindingShowCommand();
std::unique_ptr<Command> makeFindingEvidenceCommand();

} // namespace seclevel
