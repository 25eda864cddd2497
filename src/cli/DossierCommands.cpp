#include "cli/DossierCommands.h"

namespace seclevel {

std::vector<OptionSpec> dossierOptions()
{
    return writeOptions();
}

std::optional<DossierRun> startDossierRun(const CommandLine& line, Context& context, int& exitCode)
{
    DossierRun run;
    auto catalogue = loadCatalogue(line, context);
    if (!catalogue) {
        exitCode = printErrors(catalogue.errors(), context);
        return std::nullopt;
    }
    run.catalogue = *catalogue;
    auto store = openStore(line);
    if (!store) {
        exitCode = printErrors(store.errors(), context);
        return std::nullopt;
    }
    run.store = std::move(*store);
    run.service = std::make_unique<DossierService>(*run.catalogue, *run.store);
    return run;
}

} // namespace seclevel
