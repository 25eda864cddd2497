#pragma once
// The level-proposal dossier (hồ sơ đề xuất cấp độ): NĐ85 Art 15 items 1–5 with the explanation laid out as
// TT12 Art 8 (Part A overview, Part B level proposal, Part C security plan), or NĐ331 Art 21–22 for VN-2026.
// What a dossier must contain is data (questionnaires/<ID>/dossier.xml); this file holds the model and the
// completeness check. No I/O here.
#include "core/Assessment.h"
#include "core/Date.h"
#include "core/System.h"
#include "core/Text.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// ---- what a rule set requires (loaded by src/rules/DossierTemplateLoader) ---------------------------------

struct DossierFieldSpec {
    std::string key; // unique in the template, e.g. "A.1.owner_mandate"
    LocalizedText label;
    LocalizedText help;
    std::string citation; // "TT12 Art 8.3.a"
    bool required = true;
    bool multiline = false;
    int minLevel = 1;    // required only from this proposed level on (e.g. TT12 Art 8.5: levels 4–5)
    std::string prefill; // "system.name" | "system.owner" | "system.operator": what the system record answers
};

struct DossierSectionSpec {
    std::string id; // "A", "B", "C", "1" … as the instrument numbers them
    LocalizedText title;
    std::string citation;
    int minLevel = 1;       // the whole section applies only from this level (e.g. NĐ85 Art 15.5)
    bool generated = false; // filled from the stored trace (Part B), never typed
    std::vector<DossierFieldSpec> fields;
};

struct AttachmentSpec {
    std::string kind; // "design_document", "security_regulation", "professional_opinion", …
    LocalizedText title;
    std::string citation; // "NĐ85 Art 15.2", "TT12 Art 9.7"
    bool required = true;
    int minLevel = 1;
};

enum class RequirementCategory { Management, Technical };

// One group of requirements of a level, as the TT12 annexes (or TCVN 14423:2026) head and count them.
struct RequirementGroupSpec {
    std::string id; // unique in the template, e.g. "L3.M.policy"
    int level = 0;
    RequirementCategory category = RequirementCategory::Management;
    LocalizedText heading;
    std::string citation; // "TT12 Annex III.1.a"
    int count = 0;        // numbered items in the group; statements are recorded per item 1..count
};

struct DossierTemplate {
    std::string rulesetId;
    std::string version;
    std::vector<DossierSectionSpec> sections;
    std::vector<AttachmentSpec> attachments;
    std::vector<RequirementGroupSpec> requirements;
    std::string sourceFile;

    std::vector<const RequirementGroupSpec*> requirementsForLevel(int level) const;
    const DossierFieldSpec* field(const std::string& key) const;
    const RequirementGroupSpec* requirementGroup(const std::string& id) const;
    const AttachmentSpec* attachment(const std::string& kind) const;
};

// ---- what an operator recorded ------------------------------------------------------------------------------

enum class RequirementStatus { Met, PartlyMet, Planned, NotApplicable };
const char* requirementStatusName(RequirementStatus status); // met | partly_met | planned | not_applicable
std::optional<RequirementStatus> parseRequirementStatus(const std::string& name);
LocalizedText requirementStatusLabel(RequirementStatus status);

// How one requirement item is met, or the roadmap to meet it (what the inspector later holds the owner to).
struct RequirementStatement {
    std::string groupId;
    int item = 0; // 1..count of the group
    RequirementStatus status = RequirementStatus::Planned;
    std::string how;               // measures in place, or the plan
    std::optional<Date> plannedBy; // required for planned / partly met
};

struct Attachment {
    std::string kind;
    std::string name;      // file name as given
    std::string mediaType; // "application/pdf"
    std::uint64_t size = 0;
    std::string sha256;    // lowercase hex of the content
    std::string reference; // path when referenced, empty when the content is kept in the store
    // The reference came in a dossier another installation sent: it names a file there, not on this machine,
    // and is only resolved inside a directory the user points at (never opened as a path as it stands).
    bool importedReference = false;
};

struct Dossier {
    std::string systemId;
    std::map<std::string, std::string> fields; // DossierFieldSpec::key → text
    std::vector<RequirementStatement> requirements;
    std::vector<Attachment> attachments;
};

// A dossier as it travels (XML / JSON): everything the appraiser needs to get the same system, answers,
// levels and trace back.
struct DossierDocument {
    SystemDescription system;
    Assessment assessment; // rule-set id and version inside
    int approvedLevel = 0;
    Dossier dossier;
    std::string auditHead; // hash of the sender's audit-chain head at export (storage/AuditChain.h); empty if none
    std::optional<std::int64_t> auditHeadSeq; // its seq, when the document says
};

// ---- completeness ---------------------------------------------------------------------------------------------

struct MissingItem {
    std::string key; // field key, "attachment:<kind>", "requirement:<group>#<item>"
    LocalizedText what;
    std::string citation; // the article that requires it
};

// Everything still missing for the proposed level, in template order. A dossier with missing items cannot be
// submitted for appraisal.
std::vector<MissingItem> checkCompleteness(const DossierTemplate& dossierTemplate, const Dossier& dossier,
                                           int proposedLevel);

} // namespace seclevel
