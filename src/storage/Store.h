#pragma once
// The narrow storage interface the application needs. Implemented by storage/sqlite (and later postgres).
// Every write is one transaction: it either happens whole or leaves the store as it was.
#include "core/Assessment.h"
#include "core/Dossier.h"
#include "core/Error.h"
#include "core/System.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// Who did something and when; every change carries one.
struct Actor {
    std::string name;  // user name, e.g. "nguyen.van.a"
    std::chrono::system_clock::time_point at;
};

// UTC ISO 8601 "YYYY-MM-DDTHH:MM:SSZ", the one time format the stores write.
std::string isoTimestamp(std::chrono::system_clock::time_point at);

struct Organisation {
    std::string id;
    std::string name;
    std::string parentId;  // empty for a root
};

struct StoredSystem {
    SystemDescription description;
    std::string rulesetId;        // rule set of the latest assessment, empty before any
    int derivedLevel = 0;         // 0 = not yet assessed
    int proposedLevel = 0;
    std::string justification;
    int approvedLevel = 0;        // set by the approval workflow (later issue)
    std::string createdBy;
    std::string createdAt;        // ISO 8601 UTC
    std::string updatedAt;
};

// One change of one answer: who, when, old and new value (rendered as canonical JSON text).
struct AnswerChange {
    std::string systemId;
    std::string component;  // empty = system-level answer
    std::string key;
    std::string oldValue;   // empty when the key had no answer
    std::string newValue;   // empty when the answer was removed
    std::string actor;
    std::string at;         // ISO 8601 UTC
};

// An assessment as stored: the levels and rule set as columns, the full trace as a JSON document the
// caller rendered (formats/json), so that later rule-set changes never rewrite history.
struct StoredAssessment {
    std::string systemId;
    std::string rulesetId;
    std::string rulesetVersion;
    int derivedLevel = 0;
    int proposedLevel = 0;
    std::string justification;
    std::string traceJson;
    std::string actor;
    std::string at;
};

class Store {
public:
    virtual ~Store() = default;

    virtual Result<bool> upsertOrganisation(const Organisation& organisation, const Actor& actor) = 0;
    virtual Result<std::vector<Organisation>> organisations() = 0;

    // Fails if a system with that id exists.
    virtual Result<bool> addSystem(const SystemDescription& system, const Actor& actor) = 0;
    // Replaces name/owner/operator/answers/components; records every changed answer in the history.
    virtual Result<bool> updateSystem(const SystemDescription& system, const Actor& actor) = 0;
    virtual Result<std::optional<StoredSystem>> system(const std::string& id) = 0;
    // Optionally restricted to one organisation (empty = all).
    virtual Result<std::vector<StoredSystem>> systems(const std::string& organisationId = {}) = 0;
    virtual Result<std::vector<AnswerChange>> answerHistory(const std::string& systemId) = 0;

    // Adds (isNew) or updates a system and records its assessment, all in one transaction.
    virtual Result<bool> saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                                    const std::string& traceJson, const Actor& actor) = 0;

    // Stores an assessment and sets the system's ruleset, derived and proposed levels, in one transaction.
    virtual Result<bool> recordAssessment(const std::string& systemId, const Assessment& assessment,
                                          const std::string& traceJson, const Actor& actor) = 0;
    virtual Result<std::vector<StoredAssessment>> assessments(const std::string& systemId) = 0;

    // ---- the level-proposal dossier (NĐ85 Art 15; NĐ331 Art 21–22) ----
    // The dossier of a system; empty when nothing was recorded yet. An error when the system does not exist.
    virtual Result<Dossier> dossier(const std::string& systemId) = 0;
    // Replaces fields, requirement statements and attachment records of dossier.systemId in one transaction,
    // with one dossier_history row per changed item. True when anything changed.
    virtual Result<bool> saveDossier(const Dossier& dossier, const Actor& actor) = 0;
    // Keeps `bytes` in the store (keyed by the SHA-256, which must match) and records the attachment
    // (replacing one of the same kind and name), in one transaction.
    virtual Result<bool> storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                                const std::string& bytes, const Actor& actor) = 0;
    virtual Result<std::optional<std::string>> attachmentContent(const std::string& sha256) = 0;
    // Creates or updates the system, records the assessment unless the latest one says the same, and
    // replaces the dossier, in one transaction. Importing the same document twice changes nothing the
    // second time. True when anything changed.
    virtual Result<bool> importDossier(const DossierDocument& document, const std::string& traceJson,
                                       const Actor& actor) = 0;
};

} // namespace seclevel
