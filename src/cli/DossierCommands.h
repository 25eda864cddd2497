#pragma once
// What the `dossier …` commands share: their options and opening the dossier service.
#include "app/DossierService.h"
#include "cli/Command.h"

#include <memory>
#include <vector>

namespace seclevel {

std::vector<OptionSpec> dossierOptions(); // --db, --actor

// The catalogue, the store and the service over them, for one run of a command.
struct DossierRun {
    std::shared_ptr<const Catalogue> catalogue;
    std::unique_ptr<Store> store;
    std::unique_ptr<DossierService> service;
};

// Loads the catalogue and opens the store; on failure prints why and returns the exit code in `exitCode`.
std::optional<DossierRun> startDossierRun(const CommandLine& line, Context& context, int& exitCode);

} // namespace seclevel
