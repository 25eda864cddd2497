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

} // namespace seclevel
