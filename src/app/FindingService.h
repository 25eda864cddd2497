#pragma once
// Automatic inspection findings: generic code over the facts the services already give (approval state, the
// dossier check, statutory clocks, duties, recorded steps), judged by the rules of findings.xml of the rule set
// in force on the day each fact began — a 2020 breach cites NĐ85, a 2027 one NĐ331. Reads only inside the
// inspection's scope, as InspectionService allows. Writes nothing.
#include "app/Catalogue.h"
#include "core/Error.h"
#include "core/Finding.h"
#include "core/Inspection.h"
#include "core/InspectionConclusion.h"
#include "storage/Store.h"

#include <string>
#include <vector>

namespace seclevel {

struct FindingRun {
    StoredInspection inspection;
    Date asOf{};
    Date factsUntil{};             // the earlier of the as-of date and the end of the inspected period
    std::vector<Finding> findings; // by organisation, system, rule, subject
};

// A file given as evidence of remediation, as the front end read it (io/InputFile, at most kMaxAttachmentBytes).
struct EvidenceFile {
    std::string fileName; // as given: only its base name is kept
    std::string bytes;
};

// One stored evidence file of a finding and its bytes.
struct EvidenceContent {
    Attachment file;
    std::string bytes;
};

class FindingService {
public:
    FindingService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    // The findings of the inspection's systems as of `asOf`: facts that began on or before the earlier of
    // `asOf` and the end of the inspected period (a breach that began earlier and still lasts is included).
    // Refused for anyone not allowed to read the inspection.
    Result<FindingRun> run(const std::string& inspectionId, Date asOf, const Actor& actor);

    // Runs and keeps the findings in the store (Store::mergeFindings: a known finding is not duplicated, a closed
    // one found again is reopened); new ones get `deadline` to report remediation. Only a team member acting as
    // inspector records them.
    Result<FindingMerge> record(const std::string& inspectionId, Date asOf, const std::optional<Date>& deadline,
                                const Actor& actor);
    // A finding an inspector states by hand (rule "manual"), citing any article of any instrument of the register
    // (InvalidInput otherwise), about a system inside the scope (Refused otherwise); organisation and system name
    // come from the store, the subject numbers it (M1, M2, …). Returns the stored finding's key.
    Result<std::string> addManual(const std::string& inspectionId, Finding finding, const std::optional<Date>& deadline,
                                  const Actor& actor);
    // The stored findings, for the team and administrators.
    Result<std::vector<StoredFinding>> stored(const std::string& inspectionId, const Actor& actor);
    // The conclusion of the inspection from its stored findings: per agency of the scope its systems, approved
    // systems and findings; `reportBy` (default: the latest deadline of the findings) to report remediation.
    // For the team and administrators.
    Result<InspectionConclusion> conclusion(const std::string& inspectionId, Date asOf,
                                            const std::optional<Date>& reportBy, const Actor& actor);
    // Records remediation. The agency — owner, operator or security unit acting for the finding's organisation or
    // one above it — records progress (in_progress) and remediation (remediated, with evidence); the inspectors
    // of the team also may, and only they close a finding (closed, with evidence), reopen it (open) or change its
    // deadline. Anyone else is refused.
    // Remediated and closed need evidence: a text or at least one file. Each file is kept by its base name ("a.pdf"
    // of "../../x/a.pdf"; a name with control characters is refused), media type, size and SHA-256, at most
    // kMaxStepAttachments files and kMaxAttachmentBytes together; a bad file refuses the whole entry (InvalidInput,
    // naming the file), nothing written.
    Result<bool> remediate(const std::string& inspectionId, const std::string& key, const RemediationEntry& entry,
                           const std::optional<Date>& deadline, const Actor& actor,
                           const std::vector<EvidenceFile>& files = {});
    // One stored finding with its remediation history and evidence files, for the inspection team and the agency
    // with the finding; anyone else is refused.
    Result<StoredFinding> show(const std::string& inspectionId, const std::string& key, const Actor& actor);
    // One evidence file of a finding, by its SHA-256 (the whole digest or a prefix of at least 12 hex digits naming
    // one file of that finding), for the inspection team and the agency with the finding; anyone else is refused.
    Result<EvidenceContent> evidence(const std::string& inspectionId, const std::string& key, const std::string& sha256,
                                     const Actor& actor);

private:
    // The finding and who the actor is to it: a member of the team acting as inspector, or the agency (owner,
    // operator or security unit of the finding's organisation or one above it). NotFound without the finding.
    struct FindingAccess {
        StoredFinding finding;
        std::vector<std::string> team;
        bool inspector = false;
        bool agency = false;
    };
    Result<FindingAccess> access(const std::string& inspectionId, const std::string& key, const Actor& actor);
    struct Directory; // FindingService.cpp: the organisations and users, indexed once per run

    // Whether the recorded approving step was taken in a seat its procedure does not give that step.
    Result<bool> approvedByWrongAuthority(const StoredSystem& system, const WorkflowStepRecord& approving,
                                          const Directory& directory) const;

    const Catalogue& m_catalogue;
    Store& m_store;
};

} // namespace seclevel
