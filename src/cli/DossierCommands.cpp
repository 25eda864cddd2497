#include "cli/DossierCommands.h"

#include "cli/Judging.h"
#include "rules/DossierTemplateLoader.h"
#include "rules/XmlSchema.h"

#include <chrono>
#include <filesystem>

namespace seclevel {

std::vector<OptionSpec> dossierOptions()
{
    return {{"db", true, {"tệp cơ sở dữ liệu SQLite", "SQLite database file"}},
            {"actor", true, {"người thực hiện thay đổi (mặc định tên đăng nhập)", "who makes the change (default the login name)"}}};
}

Actor currentActor(const CommandLine& line)
{
    return Actor{actorName(line), std::chrono::system_clock::now()};
}

std::optional<DossierSession> openDossier(const std::string& systemId, const CommandLine& line, Context& context,
                                          int& exitCode)
{
    DossierSession session;
    auto store = openStore(line);
    if (!store) {
        exitCode = printErrors(store.errors(), context, ExitStorage);
        return std::nullopt;
    }
    session.store = std::move(*store);
    auto stored = session.store->system(systemId);
    if (!stored) {
        exitCode = printErrors(stored.errors(), context, ExitStorage);
        return std::nullopt;
    }
    if (!*stored) {
        exitCode = printErrors({makeError("", 0, systemId, "không có hệ thống này trong cơ sở dữ liệu",
                                          "no such system in the database")},
                               context, ExitNotFound);
        return std::nullopt;
    }
    session.system = std::move(**stored);
    auto ruleSets = loadShippedRuleSets(line, context);
    if (!ruleSets) {
        exitCode = printErrors(ruleSets.errors(), context, ExitRuleSet);
        return std::nullopt;
    }
    session.ruleSets = std::move(*ruleSets);
    for (const RuleSet& ruleSet : session.ruleSets)
        if (ruleSet.id == session.system.rulesetId)
            session.ruleSet = &ruleSet;
    const std::filesystem::path dataDir = dataDirectory(line, context);
    auto templates = loadDossierTemplates((dataDir / "questionnaires").string(),
                                          (dataDir / "schemas" / "dossier-template.xsd").string());
    if (!templates) {
        exitCode = printErrors(templates.errors(), context, ExitRuleSet);
        return std::nullopt;
    }
    session.templates = std::move(*templates);
    session.dossierTemplate = dossierTemplateFor(session.templates, session.system.rulesetId);
    if (!session.ruleSet || !session.dossierTemplate) {
        exitCode = printErrors({makeError("", 0, systemId,
                                          "hệ thống chưa được xác định cấp độ theo một bộ quy tắc có mẫu hồ sơ ('" +
                                              session.system.rulesetId + "')",
                                          "the system has no assessment under a rule set with a dossier template ('" +
                                              session.system.rulesetId + "')")},
                               context, ExitRuleSet);
        return std::nullopt;
    }
    auto dossier = session.store->dossier(systemId);
    if (!dossier) {
        exitCode = printErrors(dossier.errors(), context, ExitStorage);
        return std::nullopt;
    }
    session.dossier = std::move(*dossier);
    return session;
}

std::shared_ptr<XmlSchema> loadDossierSchema(const CommandLine& line, Context& context, int& exitCode)
{
    const std::filesystem::path xsd = std::filesystem::path(dataDirectory(line, context)) / "schemas" / "dossier.xsd";
    auto schema = XmlSchema::load(xsd.string());
    if (!schema) {
        exitCode = printErrors(schema.errors(), context, ExitRuleSet);
        return nullptr;
    }
    return *schema;
}

std::optional<DossierDocument> buildDossierDocument(const DossierSession& session, const CommandLine& line,
                                                    Context& context, int& exitCode)
{
    DossierDocument document;
    Assessment derived;
    if (!judgeUnder(*session.ruleSet, session.system.description, line, context, exitCode, document.system, derived))
        return std::nullopt;
    auto proposed = proposeLevel(derived, session.system.proposedLevel, session.system.justification);
    if (!proposed) {
        exitCode = printErrors(proposed.errors(), context, ExitRefused);
        return std::nullopt;
    }
    document.assessment = std::move(*proposed);
    document.system.sourceFile.clear();
    document.approvedLevel = session.system.approvedLevel;
    document.dossier = session.dossier;
    return document;
}

} // namespace seclevel
