#pragma once
// The shipped law as data — rule sets, dossier templates, the dossier schema and the print stylesheet —
// loaded once and shared read-only. A command loads it once per run; the server holds one for its lifetime.
// Rule sets load at once (every use case needs them); the rest loads on first use, thread-safely.
#include "core/Citation.h"
#include "core/Dossier.h"
#include "core/Error.h"
#include "core/Finding.h"
#include "core/Procedure.h"
#include "core/RuleSet.h"
#include "core/StepDocument.h"
#include "core/WorkingCalendar.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class XmlSchema;

class Catalogue {
public:
    // Loads the rule sets of `dataDir` (holding questionnaires/, schemas/, reports/). Errors are ErrorKind::RuleSet.
    static Result<std::shared_ptr<const Catalogue>> load(const std::string& dataDir);

    const std::string& dataDirectory() const { return m_dataDir; }
    const std::vector<RuleSet>& ruleSets() const { return m_ruleSets; }
    const RuleSet* ruleSet(const std::string& id) const;
    // Every instrument a citation may name (questionnaires/instruments.xml), for rendering citations the
    // Vietnamese way (core/Citation.h) and checking inspectors' manual citations.
    const InstrumentRegister& instruments() const { return m_instruments; }

    // The dossier template of a rule set, or an error naming the rule set (ErrorKind::RuleSet).
    Result<const DossierTemplate*> dossierTemplate(const std::string& rulesetId) const;
    Result<std::shared_ptr<XmlSchema>> dossierSchema() const;
    // The appraisal and approval procedure of a rule set (questionnaires/<ID>/procedure.xml), or an error
    // naming the rule set (ErrorKind::RuleSet). All procedures load together on first use.
    Result<const Procedure*> procedure(const std::string& rulesetId) const;
    Result<std::string> dossierStylesheet() const;

    // The shipped working-day calendar (calendars/vn-civil-service.xml, schemas/calendar.xsd), without the
    // announcements recorded in a store (app/CalendarService merges those). Errors are ErrorKind::RuleSet.
    Result<const WorkingCalendar*> calendar() const;
    // The calendar schema, also used to check an announcement before it is stored.
    Result<std::shared_ptr<XmlSchema>> calendarSchema() const;

    // The documents the steps of a rule set's procedure issue (questionnaires/<ID>/documents.xml,
    // schemas/step-documents.xsd), checked against that procedure; an error naming the rule set when it has none.
    Result<const DocumentSet*> stepDocuments(const std::string& rulesetId) const;

    // The rules of automatic inspection findings of a rule set (questionnaires/<ID>/findings.xml,
    // schemas/findings.xsd), or an error naming the rule set (ErrorKind::RuleSet). All load on first use.
    Result<const FindingRuleSet*> findingRules(const std::string& rulesetId) const;

private:
    std::string m_dataDir;
    std::vector<RuleSet> m_ruleSets;
    InstrumentRegister m_instruments;

    mutable std::once_flag m_templatesOnce, m_schemaOnce, m_cssOnce, m_proceduresOnce;
    mutable std::optional<Result<std::vector<Procedure>>> m_procedures;
    mutable std::optional<Result<std::vector<DossierTemplate>>> m_templates;
    mutable std::optional<Result<std::shared_ptr<XmlSchema>>> m_schema;
    mutable std::optional<Result<std::string>> m_css;
    mutable std::once_flag m_calendarOnce, m_calendarSchemaOnce;
    mutable std::optional<Result<WorkingCalendar>> m_calendar;
    mutable std::optional<Result<std::shared_ptr<XmlSchema>>> m_calendarSchema;
    mutable std::once_flag m_stepDocumentsOnce;
    mutable std::optional<Result<std::vector<DocumentSet>>> m_stepDocuments;
    mutable std::once_flag m_findingRulesOnce;
    mutable std::optional<Result<std::vector<FindingRuleSet>>> m_findingRules;
};

// Where the shipped data is: `explicitDir` (--rules) when given, else $SECLEVEL_DATA_DIR, else
// <programDir>/../share/seclevel, the install prefix, then the source tree.
std::string findDataDirectory(const std::optional<std::string>& explicitDir, const std::string& programDir);

} // namespace seclevel
