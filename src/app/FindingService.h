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
    Result<bool> remediate(const std::string& inspectionId, const std::string& key, const RemediationEntry& entry,
                           const std::optional<Date>& deadline, const Actor& actor);

private:
    struct Directory; // FindingService.cpp: the organisations and users, indexed once per run

    // Whether the recorded approving step was taken in a seat its procedure does not give that step.
    Result<bool> approvedByWrongAuthority(const StoredSystem& system, const WorkflowStepRecord& approving,
                                          Directory& directory) const;

    const Catalogue& m_catalogue;
    Store& m_store;
};

} // namespace seclevel
