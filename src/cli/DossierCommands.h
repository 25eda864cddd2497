#pragma once
// What the `dossier …` commands share: the stored system, its rule set's dossier template, its dossier,
// and the whole document (system + assessment + dossier) as export writes it.
#include "cli/Command.h"
#include "core/Dossier.h"
#include "storage/Store.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class XmlSchema;

std::vector<OptionSpec> dossierOptions();  // --db, --actor
Actor currentActor(const CommandLine& line);

struct DossierSession {
    std::unique_ptr<Store> store;
    StoredSystem system;
    std::vector<RuleSet> ruleSets;
    const RuleSet* ruleSet = nullptr;
    std::vector<DossierTemplate> templates;
    const DossierTemplate* dossierTemplate = nullptr;
    Dossier dossier;
};

// Opens the store, finds the system (ExitNotFound), its rule set and template (ExitRuleSet) and its dossier.
// On failure prints the errors and sets exitCode.
std::optional<DossierSession> openDossier(const std::string& systemId, const CommandLine& line, Context& context,
                                          int& exitCode);

// <data dir>/schemas/dossier.xsd, or prints why not (ExitRuleSet).
std::shared_ptr<XmlSchema> loadDossierSchema(const CommandLine& line, Context& context, int& exitCode);

// The system as stored, judged again under its rule set (the same answers give the same trace) with the
// stored proposal, and its dossier.
std::optional<DossierDocument> buildDossierDocument(const DossierSession& session, const CommandLine& line,
                                                    Context& context, int& exitCode);

} // namespace seclevel
