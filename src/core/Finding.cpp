#include "core/Finding.h"

#include "core/TextSafety.h"

#include <algorithm>
#include <array>

namespace seclevel {
namespace {

constexpr std::array<std::pair<FindingFact, const char*>, 9> kFacts = {{
    {FindingFact::NoApprovedLevel, "no-approved-level"},
    {FindingFact::DossierIncomplete, "dossier-incomplete"},
    {FindingFact::ClockOverdue, "clock-overdue"},
    {FindingFact::DutyOverdue, "duty-overdue"},
    {FindingFact::RedeterminationPending, "redetermination-pending"},
    {FindingFact::StepMissingBeforeApproval, "step-missing-before-approval"},
    {FindingFact::ApprovedByWrongAuthority, "approved-by-wrong-authority"},
    {FindingFact::AssessedByUnqualifiedBody, "assessed-by-unqualified-body"},
    {FindingFact::PlanNotDeployed, "plan-not-deployed"},
}};

} // namespace

const char* findingFactName(FindingFact fact)
{
    for (const auto& [value, name] : kFacts)
        if (value == fact)
            return name;
    return "";
}

bool parseFindingFact(const std::string& text, FindingFact& fact)
{
    for (const auto& [value, name] : kFacts)
        if (text == name) {
            fact = value;
            return true;
        }
    return false;
}

const FindingRule* FindingRuleSet::ruleFor(FindingFact fact, const std::string& dutyId) const
{
    const FindingRule* catchAll = nullptr;
    for (const FindingRule& rule : rules) {
        if (rule.fact != fact)
            continue;
        if (fact == FindingFact::AssessedByUnqualifiedBody) {
            if (std::find(rule.duties.begin(), rule.duties.end(), dutyId) != rule.duties.end())
                return &rule;
            continue;
        }
        if (fact != FindingFact::DutyOverdue)
            return &rule;
        if (rule.duties.empty()) {
            if (!catchAll)
                catchAll = &rule;
        } else if (std::find(rule.duties.begin(), rule.duties.end(), dutyId) != rule.duties.end()) {
            return &rule;
        }
    }
    return catchAll;
}

namespace {

constexpr std::array<std::pair<RemediationStatus, const char*>, 4> kStatuses = {{
    {RemediationStatus::Open, "open"},
    {RemediationStatus::InProgress, "in_progress"},
    {RemediationStatus::Remediated, "remediated"},
    {RemediationStatus::Closed, "closed"},
}};

} // namespace

const char* remediationStatusName(RemediationStatus status)
{
    for (const auto& [value, name] : kStatuses)
        if (value == status)
            return name;
    return "";
}

bool parseRemediationStatus(const std::string& text, RemediationStatus& status)
{
    for (const auto& [value, name] : kStatuses)
        if (text == name) {
            status = value;
            return true;
        }
    return false;
}

bool remediationOverdue(const StoredFinding& finding, Date asOf)
{
    const bool pending = finding.status == RemediationStatus::Open || finding.status == RemediationStatus::InProgress;
    return pending && finding.deadline && *finding.deadline < asOf;
}

bool isEvidenceFileName(std::string_view name)
{
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
           name.find('\\') == std::string_view::npos && !checkName(name, "name");
}

} // namespace seclevel
