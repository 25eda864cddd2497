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
    return commands;
}

} // namespace seclevel
