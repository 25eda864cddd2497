#include "app/Catalogue.h"

#include "rules/CalendarLoader.h"
#include "rules/DossierTemplateLoader.h"
#include "rules/FindingRulesLoader.h"
#include "rules/InstrumentRegisterLoader.h"
#include "rules/ProcedureLoader.h"
#include "rules/RuleSetLoader.h"
#include "rules/StepDocumentLoader.h"
#include "rules/XmlSchema.h"

#include <cstdlib>
#include <filesystem>

namespace seclevel {

namespace fs = std::filesystem;

Result<std::shared_ptr<const Catalogue>> Catalogue::load(const std::string& dataDir)
{
    const fs::path dir = dataDir;
    auto ruleSets = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
    if (!ruleSets)
        return withKind(ruleSets.errors(), ErrorKind::RuleSet);
    // The instrument register is small and every citation rendering needs it: loaded with the rule sets, whose
    // instruments take their names from it.
    auto registerSchema = XmlSchema::load((dir / "schemas" / "instruments.xsd").string());
    if (!registerSchema)
        return withKind(registerSchema.errors(), ErrorKind::RuleSet);
    auto instruments =
        loadInstrumentRegisterFile((dir / "questionnaires" / "instruments.xml").string(), **registerSchema);
    if (!instruments)
        return instruments.errors();
    if (Errors unnamed = nameRuleSetInstruments(*ruleSets, *instruments); !unnamed.empty())
        return unnamed;
    auto catalogue = std::make_shared<Catalogue>();
    catalogue->m_dataDir = dataDir;
    catalogue->m_ruleSets = std::move(*ruleSets);
    catalogue->m_instruments = std::move(*instruments);
    return std::shared_ptr<const Catalogue>(std::move(catalogue));
}

const RuleSet* Catalogue::ruleSet(const std::string& id) const
{
    return ruleSetById(m_ruleSets, id);
}

Result<const DossierTemplate*> Catalogue::dossierTemplate(const std::string& rulesetId) const
{
    std::call_once(m_templatesOnce, [this] {
        const fs::path dir = m_dataDir;
        auto loaded = loadDossierTemplates((dir / "questionnaires").string(),
                                           (dir / "schemas" / "dossier-template.xsd").string());
        m_templates = loaded ? std::move(loaded)
                             : Result<std::vector<DossierTemplate>>(withKind(loaded.errors(), ErrorKind::RuleSet));
    });
    if (!*m_templates)
        return m_templates->errors();
    if (const DossierTemplate* found = dossierTemplateFor(**m_templates, rulesetId))
        return found;
    return makeError(ErrorKind::RuleSet, "", 0, rulesetId, "bộ quy tắc '" + rulesetId + "' không có mẫu hồ sơ",
                     "the rule set '" + rulesetId + "' has no dossier template");
}

Result<const Procedure*> Catalogue::procedure(const std::string& rulesetId) const
{
    std::call_once(m_proceduresOnce, [this] {
        const fs::path dir = m_dataDir;
        auto schema = XmlSchema::load((dir / "schemas" / "procedure.xsd").string());
        if (!schema) {
            m_procedures = Result<std::vector<Procedure>>(withKind(schema.errors(), ErrorKind::RuleSet));
            return;
        }
        std::vector<Procedure> procedures;
        Errors errors;
        for (const RuleSet& ruleSet : m_ruleSets) {
            const fs::path file = dir / "questionnaires" / ruleSet.id / "procedure.xml";
            std::error_code ec;
            if (!fs::exists(file, ec))
                continue; // reported when that rule set's procedure is asked for
            auto loaded = loadProcedureFile(file.string(), **schema);
            if (!loaded) {
                errors.insert(errors.end(), loaded.errors().begin(), loaded.errors().end());
                continue;
            }
            if (loaded->rulesetId != ruleSet.id)
                errors.push_back(makeError(ErrorKind::RuleSet, file.string(), 0, "ruleset",
                                           "thủ tục ghi bộ quy tắc '" + loaded->rulesetId +
                                               "' nhưng nằm trong thư mục '" + ruleSet.id + "'",
                                           "the procedure names rule set '" + loaded->rulesetId +
                                               "' but lies in folder '" + ruleSet.id + "'"));
            procedures.push_back(std::move(*loaded));
        }
        m_procedures = errors.empty() ? Result<std::vector<Procedure>>(std::move(procedures))
                                      : Result<std::vector<Procedure>>(std::move(errors));
    });
    if (!*m_procedures)
        return m_procedures->errors();
    for (const Procedure& procedure : **m_procedures)
        if (procedure.rulesetId == rulesetId)
            return &procedure;
    return makeError(ErrorKind::RuleSet, "", 0, rulesetId,
                     "bộ quy tắc '" + rulesetId + "' không có thủ tục thẩm định, phê duyệt (procedure.xml)",
                     "the rule set '" + rulesetId + "' has no appraisal and approval procedure (procedure.xml)");
}

Result<std::shared_ptr<XmlSchema>> Catalogue::dossierSchema() const
{
    std::call_once(m_schemaOnce, [this] {
        auto schema = XmlSchema::load((fs::path(m_dataDir) / "schemas" / "dossier.xsd").string());
        m_schema = schema ? std::move(schema)
                          : Result<std::shared_ptr<XmlSchema>>(withKind(schema.errors(), ErrorKind::RuleSet));
    });
    return *m_schema;
}

Result<std::string> Catalogue::dossierStylesheet() const
{
    std::call_once(m_cssOnce, [this] {
        auto css = readTextFile((fs::path(m_dataDir) / "reports" / "dossier.css").string(), 1u << 20);
        m_css = css ? std::move(css) : Result<std::string>(withKind(css.errors(), ErrorKind::RuleSet));
    });
    return *m_css;
}

Result<std::shared_ptr<XmlSchema>> Catalogue::calendarSchema() const
{
    std::call_once(m_calendarSchemaOnce, [this] {
        auto schema = XmlSchema::load((fs::path(m_dataDir) / "schemas" / "calendar.xsd").string());
        m_calendarSchema = schema ? std::move(schema)
                                  : Result<std::shared_ptr<XmlSchema>>(withKind(schema.errors(), ErrorKind::RuleSet));
    });
    return *m_calendarSchema;
}

Result<const WorkingCalendar*> Catalogue::calendar() const
{
    std::call_once(m_calendarOnce, [this] {
        auto schema = calendarSchema();
        if (!schema) {
            m_calendar = Result<WorkingCalendar>(schema.errors());
            return;
        }
        auto loaded =
            loadWorkingCalendarFile((fs::path(m_dataDir) / "calendars" / "vn-civil-service.xml").string(), **schema);
        m_calendar =
            loaded ? std::move(loaded) : Result<WorkingCalendar>(withKind(loaded.errors(), ErrorKind::RuleSet));
    });
    if (!*m_calendar)
        return m_calendar->errors();
    return &m_calendar->value();
}

std::string findDataDirectory(const std::optional<std::string>& explicitDir, const std::string& programDir)
{
    if (explicitDir)
        return *explicitDir;
    if (const char* env = std::getenv("SECLEVEL_DATA_DIR"); env && *env)
        return env;
    std::vector<std::string> candidates;
    if (!programDir.empty())
        candidates.push_back((fs::path(programDir) / ".." / "share" / "seclevel").string());
    candidates.push_back(SECLEVEL_DATA_DIR);
    candidates.push_back(SECLEVEL_SOURCE_DIR);
    for (const auto& dir : candidates) {
        std::error_code ec;
        if (fs::exists(fs::path(dir) / "schemas" / "ruleset.xsd", ec))
            return dir;
    }
    return SECLEVEL_SOURCE_DIR;
}

Result<const DocumentSet*> Catalogue::stepDocuments(const std::string& rulesetId) const
{
    std::call_once(m_stepDocumentsOnce, [this] {
        const fs::path dir = m_dataDir;
        auto schema = XmlSchema::load((dir / "schemas" / "step-documents.xsd").string());
        if (!schema) {
            m_stepDocuments = Result<std::vector<DocumentSet>>(withKind(schema.errors(), ErrorKind::RuleSet));
            return;
        }
        std::vector<DocumentSet> sets;
        Errors errors;
        for (const RuleSet& ruleSet : m_ruleSets) {
            const fs::path file = dir / "questionnaires" / ruleSet.id / "documents.xml";
            std::error_code ec;
            if (!fs::exists(file, ec))
                continue; // reported when that rule set's documents are asked for
            auto procedure = this->procedure(ruleSet.id);
            if (!procedure) {
                errors.insert(errors.end(), procedure.errors().begin(), procedure.errors().end());
                continue;
            }
            auto loaded = loadStepDocumentsFile(file.string(), **schema, **procedure);
            if (!loaded) {
                errors.insert(errors.end(), loaded.errors().begin(), loaded.errors().end());
                continue;
            }
            sets.push_back(std::move(*loaded));
        }
        m_stepDocuments = errors.empty() ? Result<std::vector<DocumentSet>>(std::move(sets))
                                         : Result<std::vector<DocumentSet>>(std::move(errors));
    });
    if (!*m_stepDocuments)
        return m_stepDocuments->errors();
    for (const DocumentSet& set : **m_stepDocuments)
        if (set.rulesetId == rulesetId)
            return &set;
    return makeError(ErrorKind::RuleSet, "", 0, rulesetId,
                     "bộ quy tắc '" + rulesetId + "' không có mẫu văn bản của các bước (documents.xml)",
                     "the rule set '" + rulesetId + "' has no step documents (documents.xml)");
}

Result<const FindingRuleSet*> Catalogue::findingRules(const std::string& rulesetId) const
{
    std::call_once(m_findingRulesOnce, [this] {
        const fs::path dir = m_dataDir;
        auto schema = XmlSchema::load((dir / "schemas" / "findings.xsd").string());
        if (!schema) {
            m_findingRules = Result<std::vector<FindingRuleSet>>(withKind(schema.errors(), ErrorKind::RuleSet));
            return;
        }
        std::vector<FindingRuleSet> sets;
        Errors errors;
        for (const RuleSet& ruleSet : m_ruleSets) {
            const fs::path file = dir / "questionnaires" / ruleSet.id / "findings.xml";
            std::error_code ec;
            if (!fs::exists(file, ec))
                continue; // reported when that rule set's findings are asked for
            auto loaded = loadFindingRulesFile(file.string(), **schema, m_instruments);
            if (!loaded) {
                errors.insert(errors.end(), loaded.errors().begin(), loaded.errors().end());
                continue;
            }
            if (loaded->rulesetId != ruleSet.id)
                errors.push_back(makeError(ErrorKind::RuleSet, file.string(), 0, "ruleset",
                                           "quy tắc phát hiện vi phạm ghi bộ quy tắc '" + loaded->rulesetId +
                                               "' nhưng nằm trong thư mục '" + ruleSet.id + "'",
                                           "the findings rules name rule set '" + loaded->rulesetId +
                                               "' but lie in folder '" + ruleSet.id + "'"));
            sets.push_back(std::move(*loaded));
        }
        m_findingRules = errors.empty() ? Result<std::vector<FindingRuleSet>>(std::move(sets))
                                        : Result<std::vector<FindingRuleSet>>(std::move(errors));
    });
    if (!*m_findingRules)
        return m_findingRules->errors();
    for (const FindingRuleSet& set : **m_findingRules)
        if (set.rulesetId == rulesetId)
            return &set;
    return makeError(ErrorKind::RuleSet, "", 0, rulesetId,
                     "bộ quy tắc '" + rulesetId + "' không có quy tắc phát hiện vi phạm (findings.xml)",
                     "the rule set '" + rulesetId + "' has no findings rules (findings.xml)");
}

} // namespace seclevel
