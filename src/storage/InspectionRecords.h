#pragma once
// What both stores keep of an inspection besides its indexed columns (the scope's systems and the team, in one
// canonical JSON text), its audit details, the checks both make before writing it, and the refusal of a
// reference to a user or system that does not exist (internal to storage).
#include "core/Finding.h"
#include "core/Inspection.h"
#include "storage/StoreValidation.h"

namespace seclevel::storage {

// {"systems":[…],"team":[…]}
std::string encodeInspectionDetails(const Inspection& inspection);
void decodeInspectionDetails(const std::string& text, Inspection& inspection);

// {"id":…,"decision_number":…,"decision_date":…,"inspecting_body":…,"scope":{"organisation":…,"systems":[…],
//  "from":…,"to":…},"team":[…]} — the audit entry of "inspection.save"
std::string inspectionDetails(const Inspection& inspection);

// Ids, texts, the period (from ≤ to), no duplicate in the team or the systems, the actor.
Errors checkInspection(const Inspection& inspection, const Actor& actor, const ActorLabels& labels);

// Everything of a stored finding but its inspection, status and deadline (kept in columns): the finding and its
// remediation history, canonical JSON.
std::string encodeFinding(const StoredFinding& finding);
// Fills `finding` (but inspectionId, status and deadline) from the stored text.
void decodeFinding(const std::string& text, StoredFinding& finding);
// {"inspection":…,"key":…,"rule":…,"system":…,"status":…,"deadline":…,"note":…,"evidence":…} — the audit entry
// of "finding.add", "finding.reopen" and "finding.update"; when the last entry of the history has files,
// ,"files":[{"name":…,"media_type":…,"size":N,"sha256":…},…] follows "evidence" (only then: the texts of entries
// without files are what they always were)
std::string findingDetails(const std::string& inspectionId, const StoredFinding& finding);
// Ids and texts of a run's findings and of a remediation entry.
Errors checkFindings(const std::string& inspectionId, const std::vector<Finding>& findings, const Actor& actor,
                     const ActorLabels& labels);
// Also the files of the entry: base names (no path, no control characters), contents[i] matching files[i] (size
// and SHA-256).
Errors checkRemediation(const std::string& inspectionId, const std::string& key, const RemediationEntry& entry,
                        const std::vector<std::string>& contents, const Actor& actor, const ActorLabels& labels);
Error noSuchInspection(const std::string& store, const std::string& inspectionId);
Error noSuchFinding(const std::string& store, const std::string& inspectionId, const std::string& key);

Error noSuchUser(const std::string& store, const std::string& userId);
Error noSuchScopeSystem(const std::string& store, const std::string& systemId);

} // namespace seclevel::storage
