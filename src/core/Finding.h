#pragma once
// Inspection findings (kết luận thanh tra: "vi phạm …, trái với quy định tại …"): the rules of automatic findings
// as data (questionnaires/<ID>/findings.xml, schemas/findings.xsd) and a finding as an inspection run states it.
#include "core/Date.h"
#include "core/Dossier.h"
#include "core/Text.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seclevel {

// The kinds of fact generic code computes from what the services know (schemas/findings.xsd documents each).
enum class FindingFact {
    NoApprovedLevel,
    DossierIncomplete,
    ClockOverdue,
    DutyOverdue,
    RedeterminationPending,
    StepMissingBeforeApproval,
    ApprovedByWrongAuthority,
    AssessedByUnqualifiedBody,
    PlanNotDeployed
};
const char* findingFactName(FindingFact fact); // "no-approved-level", …
bool parseFindingFact(const std::string& text, FindingFact& fact);

struct FindingRule {
    std::string id; // "periodic_assessment_overdue"
    FindingFact fact = FindingFact::NoApprovedLevel;
    std::vector<std::string> duties;    // DutyOverdue: the duties it judges; empty = those no other rule names.
                                        // AssessedByUnqualifiedBody: the assessment duties whose records it judges
    std::vector<std::string> qualified; // AssessedByUnqualifiedBody: the kinds of assessor the law accepts
    std::string step;                   // StepMissingBeforeApproval: the step that must come first
    std::string citation;               // machine form, "NĐ85 Art 12, 14, 16"
    std::string severity;               // high, medium, low
    std::string responsible;            // owner, security_unit, operator, appraising_body
    int remedyDays = 0;
    LocalizedText title;
    LocalizedText recommendation;
};

struct FindingRuleSet {
    std::string rulesetId;
    std::string version;
    std::vector<FindingRule> rules;
    std::string sourceFile;

    // The rule that judges a fact of this kind (for DutyOverdue and AssessedByUnqualifiedBody: of this duty); null
    // when none does.
    const FindingRule* ruleFor(FindingFact fact, const std::string& dutyId = {}) const;
};

// A finding: which rule (of which rule set and version) judged which system of which organisation, on what
// stored evidence, when the fact began, and what the unit must do by when.
struct Finding {
    std::string ruleId;
    std::string rulesetId;
    std::string rulesetVersion; // the version of that rule set's findings.xml
    std::string organisationId;
    std::string systemId;
    std::string systemName;
    std::string subject; // what the fact is about within the system: a duty or clock id; empty otherwise
    Date factDate{};     // the day the fact began (chooses the rule set)
    std::string citation;
    std::string severity;
    std::string responsible;
    LocalizedText title;
    LocalizedText recommendation;
    std::vector<std::pair<std::string, std::string>> facts; // the stored evidence: state, dates, missing items

    // Identifies the finding across runs: rule, system, subject.
    std::string key() const { return ruleId + "|" + systemId + "|" + subject; }
};

// Remediation of a finding (TT12 Art 11; NĐ331 Art 27: follow-up of weaknesses found). Overdue is not stored:
// an open or in-progress finding past its deadline is overdue (remediationOverdue).
enum class RemediationStatus { Open, InProgress, Remediated, Closed };
const char* remediationStatusName(RemediationStatus status); // "open", "in_progress", "remediated", "closed"
bool parseRemediationStatus(const std::string& text, RemediationStatus& status);

// One change of a finding's remediation: the status it set, what was done, the evidence (document number …),
// who and when (ISO timestamp), and the files given as evidence: kind "evidence", the base name only, media type,
// size and SHA-256; their contents are kept once by digest in the store.
struct RemediationEntry {
    RemediationStatus status = RemediationStatus::Open;
    std::string note;
    std::string evidence;
    std::string userId;
    std::string at;
    std::vector<Attachment> files{};
};

// A name an evidence file may be kept under: a base name (non-empty, not "." or "..", no '/' or '\\'), UTF-8 without
// control or bidi characters (a newline in a name would forge lines of a listing).
bool isEvidenceFileName(std::string_view name);

struct StoredFinding {
    std::string inspectionId;
    Finding finding;
    RemediationStatus status = RemediationStatus::Open;
    std::optional<Date> deadline;
    std::vector<RemediationEntry> history; // oldest first; "reopened" runs appear as Open entries
};

// Still to be remedied and past its deadline on `asOf`.
bool remediationOverdue(const StoredFinding& finding, Date asOf);

} // namespace seclevel
