#include "app/FindingService.h"

#include "app/ChunkedFacts.h"
#include "app/DossierService.h"
#include "app/InspectionService.h"
#include "app/UserService.h"
#include "app/WorkflowService.h"
#include "core/AnnualReport.h"
#include "core/Sha256.h"
#include "core/TextSafety.h"
#include "core/Workflow.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace seclevel {
namespace {

Date nextDay(Date date)
{
    return Date{std::chrono::sys_days{date} + std::chrono::days{1}};
}

std::string isoOrEmpty(const std::optional<Date>& date)
{
    return date ? formatIsoDate(*date) : std::string();
}

class Judge {
public:
    Judge(const Catalogue& catalogue, Date until, std::vector<Finding>& out)
        : m_catalogue(catalogue),
          m_until(until),
          m_out(out)
    {}

    // Adds the finding the rule set in force on `began` gives for the fact, if any rule judges it there.
    Result<bool> fact(FindingFact kind, Date began, const StoredSystem& system, const std::string& subject,
                      std::vector<std::pair<std::string, std::string>> facts, const std::string& stepOrDuty = {})
    {
        if (m_until < began)
            return false; // began after the inspected period (or the as-of date)
        const FindingRule* rule = nullptr;
        const FindingRuleSet* set = nullptr;
        auto chosen = ruleFor(kind, began, stepOrDuty, rule, set);
        if (!chosen)
            return chosen.errors();
        if (!rule)
            return false; // the law in force then makes no finding of it
        Finding f;
        f.ruleId = rule->id;
        f.rulesetId = set->rulesetId;
        f.rulesetVersion = set->version;
        f.organisationId = system.description.organisationId;
        f.systemId = system.description.id;
        f.systemName = system.description.name;
        f.subject = subject;
        f.factDate = began;
        f.citation = rule->citation;
        f.severity = rule->severity;
        f.responsible = rule->responsible;
        f.title = rule->title;
        f.recommendation = rule->recommendation;
        f.facts = std::move(facts);
        m_out.push_back(std::move(f));
        return true;
    }

    // The rule of the rule set in force on `date` for a fact (rule null when none judges it).
    Result<bool> ruleFor(FindingFact kind, Date date, const std::string& dutyId, const FindingRule*& rule,
                         const FindingRuleSet*& set)
    {
        rule = nullptr;
        const RuleSet* ruleSet = ruleSetInForce(m_catalogue.ruleSets(), date);
        if (!ruleSet)
            return false;
        auto rules = m_catalogue.findingRules(ruleSet->id);
        if (!rules)
            return rules.errors();
        set = *rules;
        rule = set->ruleFor(kind, dutyId);
        return true;
    }

private:
    const Catalogue& m_catalogue;
    Date m_until;
    std::vector<Finding>& m_out;
};

std::string stateOf(const StoredSystem& system)
{
    return system.workflowState.empty() ? std::string("(chưa bắt đầu / not started)") : system.workflowState;
}

} // namespace

// The organisation tree indexed once per run, and where a security unit sits.
struct FindingService::Directory {
    OrganisationTree tree;
    std::unordered_set<std::string> withSecurityUnit;

    Directory(const std::vector<Organisation>& all, const std::vector<User>& users) : tree(all)
    {
        for (const User& user : users)
            for (const Membership& m : user.memberships)
                if (m.role == Role::SecurityUnit)
                    withSecurityUnit.insert(m.organisationId);
    }
};

Result<bool> FindingService::approvedByWrongAuthority(const StoredSystem& system, const WorkflowStepRecord& approving,
                                                      const Directory& directory) const
{
    auto procedure = m_catalogue.procedure(approving.rulesetId);
    if (!procedure)
        return false; // a procedure this build does not ship (imported history): nothing to judge it by
    const ProcedureStep* step = (*procedure)->step(approving.step, approving.level);
    if (!step)
        return false;
    WorkflowFacts facts;
    facts.systemId = system.description.id;
    facts.chain = directory.tree.chain(system.description.organisationId);
    for (const std::string& id : facts.chain)
        if (const Organisation* o = directory.tree.find(id); o && !o->authorityCode.empty())
            facts.chainAuthorities.push_back(o->authorityCode);
    facts.securityUnitOperates = !facts.chain.empty() && directory.withSecurityUnit.count(facts.chain.front()) > 0;
    facts.level = approving.level;
    facts.date = approving.date;
    UserStanding::Seat seat;
    if (!parseRole(approving.actor.role, seat.membership.role))
        return true; // recorded in no role the procedure knows
    seat.membership.organisationId = approving.actor.organisationId;
    seat.chain = directory.tree.chain(approving.actor.organisationId);
    if (const Organisation* o = directory.tree.find(approving.actor.organisationId))
        seat.authorityCode = o->authorityCode;
    return !seatMayTake(**procedure, *step, facts, seat);
}

namespace {

// An approved system whose dossier states the approved plan is not fully deployed (Form 08 column 10), past the
// dates it planned, if any (TT12 Art 9.6; NĐ331 Art 31.2.b).
Result<bool> planNotDeployed(const Catalogue& catalogue, const StoredSystem& system, const Dossier& dossier, Date until,
                             Judge& judge)
{
    if (!system.approvedOn || until < *system.approvedOn)
        return false;
    const std::string& judgedBy = system.approvedRuleset.empty() ? system.rulesetId : system.approvedRuleset;
    const DossierTemplate* dossierTemplate = nullptr;
    if (auto t = catalogue.dossierTemplate(judgedBy))
        dossierTemplate = *t;
    std::optional<Date> latestPlanned;
    const PlanDeployment plan = planDeployment(dossierTemplate, dossier, system.approvedLevel, latestPlanned);
    // Nothing stated (the report's column 10 stays blank), fully deployed, or still inside the planned roadmap.
    if (plan == PlanDeployment::Unknown || plan == PlanDeployment::Full || (latestPlanned && !(*latestPlanned < until)))
        return false;
    const Date began = latestPlanned ? nextDay(*latestPlanned) : *system.approvedOn;
    return judge.fact(FindingFact::PlanNotDeployed, std::max(began, *system.approvedOn), system, {},
                      {{"plan", plan == PlanDeployment::None ? std::string("none") : std::string("partly")},
                       {"approved_on", formatIsoDate(*system.approvedOn)},
                       {"approved_level", std::to_string(system.approvedLevel)},
                       {"planned_by", isoOrEmpty(latestPlanned)},
                       {"statements", std::to_string(dossier.requirements.size())}});
}

} // namespace

Result<FindingRun> FindingService::run(const std::string& inspectionId, Date asOf, const Actor& actor)
{
    InspectionService inspections(m_store);
    auto inspection = inspections.show(inspectionId, actor);
    if (!inspection)
        return inspection.errors();
    auto systems = inspections.systemsInScope(inspectionId, actor);
    if (!systems)
        return systems.errors();
    FindingRun run;
    run.asOf = asOf;
    run.factsUntil = std::min(asOf, inspection->inspection.scope.periodTo);
    run.inspection = std::move(*inspection);
    const Date until = run.factsUntil;
    Judge judge(m_catalogue, until, run.findings);
    std::unordered_map<std::string, const StoredSystem*> inScope; // id → the system read
    for (const StoredSystem& system : *systems)
        inScope.emplace(system.description.id, &system);

    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    auto users = m_store.users();
    if (!users)
        return users.errors();
    DossierService dossiers(m_catalogue, m_store);
    Directory directory(*organisations, *users);
    ChunkedFacts loaded(m_store, *systems, ChunkedFacts::Steps::OfApproved);
    for (const StoredSystem& system : *systems) {
        const std::string& id = system.description.id;
        if (auto reached = loaded.reach(system); !reached)
            return reached.errors();
        // Without an approved level on the last day judged: never approved, or approved only later.
        const bool approvedLater = system.approvedLevel > 0 && system.approvedOn && until < *system.approvedOn;
        if (system.approvedLevel == 0 || approvedLater) {
            // In the register without an approved level: a breach as long as it lasts, judged on the last day.
            auto added = judge.fact(FindingFact::NoApprovedLevel, until, system, {},
                                    {{"state", approvedLater ? std::string("approved") : stateOf(system)},
                                     {"approved_on", isoOrEmpty(approvedLater ? system.approvedOn : std::nullopt)},
                                     {"proposed_level", std::to_string(system.proposedLevel)},
                                     {"ruleset", system.rulesetId}});
            if (!added)
                return added.errors();
            // The dossier as it stands now says nothing of one approved since: checked only while unapproved.
            if (system.approvedLevel == 0 && !system.rulesetId.empty()) {
                auto check = dossiers.completeness(system, loaded.dossier(id));
                if (!check)
                    return check.errors();
                if (!check->missing.empty()) {
                    std::string missing;
                    for (const MissingItem& item : check->missing)
                        missing += (missing.empty() ? "" : ", ") + item.key;
                    auto incomplete = judge.fact(FindingFact::DossierIncomplete, until, system, {},
                                                 {{"missing", missing},
                                                  {"missing_count", std::to_string(check->missing.size())},
                                                  {"level", std::to_string(check->level)}});
                    if (!incomplete)
                        return incomplete.errors();
                }
            }
        }
        const std::string procedureId = system.approvedRuleset.empty() ? system.rulesetId : system.approvedRuleset;
        if (!procedureId.empty() && !system.workflowState.empty()) {
            auto procedure = m_catalogue.procedure(procedureId);
            if (procedure && system.workflowState == (*procedure)->redeterminationState) {
                auto pending =
                    judge.fact(FindingFact::RedeterminationPending, system.stateDate.value_or(until), system, {},
                               {{"state", system.workflowState},
                                {"since", isoOrEmpty(system.stateDate)},
                                {"approved_level", std::to_string(system.approvedLevel)}});
                if (!pending)
                    return pending.errors();
            }
        }
        if (system.approvedLevel > 0) {
            // Approved without the step the law requires first (e.g. the security regulation, TT12 Art 9.7).
            const std::vector<WorkflowStepRecord>* steps = &loaded.steps(id);
            auto approving = std::find_if(steps->rbegin(), steps->rend(),
                                          [](const WorkflowStepRecord& r) { return r.approvedLevel > 0; });
            if (approving != steps->rend()) {
                auto wrong = approvedByWrongAuthority(system, *approving, directory);
                if (!wrong)
                    return wrong.errors();
                if (*wrong) {
                    auto added = judge.fact(FindingFact::ApprovedByWrongAuthority, approving->date, system, {},
                                            {{"approved_on", formatIsoDate(approving->date)},
                                             {"approved_level", std::to_string(approving->approvedLevel)},
                                             {"approval_step", approving->step},
                                             {"approved_by", approving->actor.userId},
                                             {"role", approving->actor.role},
                                             {"organisation", approving->actor.organisationId},
                                             {"procedure", approving->rulesetId}});
                    if (!added)
                        return added.errors();
                }
                const FindingRule* rule = nullptr;
                const FindingRuleSet* set = nullptr;
                auto chosen = judge.ruleFor(FindingFact::StepMissingBeforeApproval, approving->date, {}, rule, set);
                if (!chosen)
                    return chosen.errors();
                const bool taken = rule && std::any_of(steps->begin(), steps->end(), [&](const WorkflowStepRecord& r) {
                                       return r.seq < approving->seq && r.step == rule->step;
                                   });
                if (rule && !taken) {
                    auto missingStep =
                        judge.fact(FindingFact::StepMissingBeforeApproval, approving->date, system, rule->step,
                                   {{"approved_on", formatIsoDate(approving->date)},
                                    {"approved_level", std::to_string(approving->approvedLevel)},
                                    {"approval_step", approving->step},
                                    {"missing_step", rule->step}});
                    if (!missingStep)
                        return missingStep.errors();
                }
            }
            auto planned = planNotDeployed(m_catalogue, system, loaded.dossier(id), until, judge);
            if (!planned)
                return planned.errors();
        }
    }

    // Assessments of the inspected period recorded with an assessor the law does not accept for the duty's level
    // (or with no kind recorded: no evidence of the qualification).
    auto records = m_store.dutyRecords();
    if (!records)
        return records.errors();
    const Date periodFrom = run.inspection.inspection.scope.periodFrom;
    // One assessment per system, duty and day (two records of one day are one assessment): a finding when no
    // record of it names an accepted assessor.
    std::map<std::tuple<std::string, std::string, Date>, const DutyRecord*> unqualified;
    std::set<std::tuple<std::string, std::string, Date>> qualified;
    for (const DutyRecord& record : *records) {
        if (!inScope.count(record.systemId) || record.fulfilledOn < periodFrom || until < record.fulfilledOn)
            continue;
        const FindingRule* rule = nullptr;
        const FindingRuleSet* set = nullptr;
        auto chosen =
            judge.ruleFor(FindingFact::AssessedByUnqualifiedBody, record.fulfilledOn, record.dutyId, rule, set);
        if (!chosen)
            return chosen.errors();
        if (!rule)
            continue;
        const auto day = std::make_tuple(record.systemId, record.dutyId, record.fulfilledOn);
        if (std::find(rule->qualified.begin(), rule->qualified.end(), record.assessorKind) != rule->qualified.end())
            qualified.insert(day);
        else
            unqualified.emplace(day, &record);
    }
    for (const auto& [day, record] : unqualified) {
        if (qualified.count(day))
            continue;
        const StoredSystem* system = inScope.at(record->systemId);
        auto added =
            judge.fact(FindingFact::AssessedByUnqualifiedBody, record->fulfilledOn, *system,
                       record->dutyId + "@" + formatIsoDate(record->fulfilledOn),
                       {{"duty", record->dutyId},
                        {"fulfilled_on", formatIsoDate(record->fulfilledOn)},
                        {"document_number", record->documentNumber},
                        {"assessor", record->assessor.empty() ? record->note : record->assessor},
                        {"assessor_kind", record->assessorKind.empty() ? std::string("(không ghi nhận / not recorded)")
                                                                       : record->assessorKind},
                        {"assessor_reference", record->assessorReference},
                        {"approved_level", std::to_string(system->approvedLevel)}},
                       record->dutyId);
        if (!added)
            return added.errors();
    }

    WorkflowService workflow(m_catalogue, m_store);
    // The clocks and duties of the systems already read (not the headers of every system read again).
    auto deadlines = workflow.deadlinesOf(*systems, asOf);
    if (!deadlines)
        return deadlines.errors();
    const auto& byId = inScope;
    for (const DeadlineItem& item : *deadlines) {
        auto system = byId.find(item.systemId);
        if (!item.clock.overdue || system == byId.end() || !item.clock.rule)
            continue;
        auto late = judge.fact(FindingFact::ClockOverdue, nextDay(item.clock.end), *system->second, item.clock.rule->id,
                               {{"clock", item.clock.rule->id},
                                {"state", item.state},
                                {"started", formatIsoDate(item.clock.start)},
                                {"last_day", formatIsoDate(item.clock.end)},
                                {"statutory", item.clock.rule->citation}});
        if (!late)
            return late.errors();
    }
    auto duties = workflow.dutiesOf(*systems, asOf, /*ordered=*/false); // the findings are sorted below
    if (!duties)
        return duties.errors();
    for (const DutyStatus& duty : *duties) {
        auto system = byId.find(duty.systemId);
        if (duty.state != DutyState::Overdue || !duty.due || !duty.rule || system == byId.end())
            continue;
        auto overdue = judge.fact(FindingFact::DutyOverdue, nextDay(*duty.due), *system->second, duty.rule->id,
                                  {{"duty", duty.rule->id},
                                   {"due", formatIsoDate(*duty.due)},
                                   {"last_fulfilled", isoOrEmpty(duty.lastFulfilled)},
                                   {"approved_level", std::to_string(duty.approvedLevel)},
                                   {"duty_ruleset", duty.rulesetId}},
                                  duty.rule->id);
        if (!overdue)
            return overdue.errors();
    }
    std::sort(run.findings.begin(), run.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.organisationId, a.systemId, a.ruleId, a.subject) <
               std::tie(b.organisationId, b.systemId, b.ruleId, b.subject);
    });
    return run;
}

Result<FindingMerge> FindingService::record(const std::string& inspectionId, Date asOf,
                                            const std::optional<Date>& deadline, const Actor& actor)
{
    if (actor.role != Role::Inspector)
        return makeError(ErrorKind::Refused, "", 0, "as",
                         "Chỉ thành viên đoàn thanh tra (vai trò inspector) mới ghi nhận phát hiện",
                         "Only a member of the inspection team acting as inspector records findings");
    auto found = run(inspectionId, asOf, actor); // refuses those not on the team
    if (!found)
        return found.errors();
    return m_store.mergeFindings(inspectionId, found->findings, deadline, actor);
}

Result<std::string> FindingService::addManual(const std::string& inspectionId, Finding finding,
                                              const std::optional<Date>& deadline, const Actor& actor)
{
    if (actor.role != Role::Inspector)
        return makeError(ErrorKind::Refused, "", 0, "as",
                         "Chỉ thành viên đoàn thanh tra (vai trò inspector) mới ghi nhận phát hiện",
                         "Only a member of the inspection team acting as inspector records findings");
    auto citations = parseCitations(finding.citation, &m_catalogue.instruments());
    if (!citations)
        return citations.errors();
    if (isBlank(finding.title.vi) && isBlank(finding.title.en))
        return makeError(ErrorKind::InvalidInput, "", 0, "title", "Phát hiện cần nội dung (--title)",
                         "A finding needs its text (--title)");
    InspectionService inspections(m_store);
    auto system = inspections.system(inspectionId, finding.systemId, actor); // team only, inside the scope
    if (!system)
        return system.errors();
    auto existing = m_store.findings(inspectionId);
    if (!existing)
        return existing.errors();
    int manual = 0;
    for (const StoredFinding& f : *existing)
        manual += f.finding.ruleId == "manual" ? 1 : 0;
    finding.ruleId = "manual";
    finding.subject = "M" + std::to_string(manual + 1);
    finding.organisationId = system->description.organisationId;
    finding.systemName = system->description.name;
    if (const RuleSet* inForce = ruleSetInForce(m_catalogue.ruleSets(), finding.factDate))
        finding.rulesetId = inForce->id;
    if (finding.severity.empty())
        finding.severity = "medium";
    if (finding.responsible.empty())
        finding.responsible = "owner";
    auto merged = m_store.mergeFindings(inspectionId, {finding}, deadline, actor);
    if (!merged)
        return merged.errors();
    return finding.key();
}

Result<std::vector<StoredFinding>> FindingService::stored(const std::string& inspectionId, const Actor& actor)
{
    InspectionService inspections(m_store);
    auto inspection = inspections.show(inspectionId, actor);
    if (!inspection)
        return inspection.errors();
    return m_store.findings(inspectionId);
}

Result<FindingService::FindingAccess> FindingService::access(const std::string& inspectionId, const std::string& key,
                                                             const Actor& actor)
{
    auto inspection = m_store.inspection(inspectionId);
    if (!inspection)
        return inspection.errors();
    if (!*inspection)
        return makeError(ErrorKind::NotFound, "", 0, "inspection", "Không có cuộc thanh tra '" + inspectionId + "'",
                         "No inspection '" + inspectionId + "' exists");
    auto findings = m_store.findings(inspectionId);
    if (!findings)
        return findings.errors();
    auto finding = std::find_if(findings->begin(), findings->end(),
                                [&](const StoredFinding& f) { return f.finding.key() == key; });
    if (finding == findings->end())
        return makeError(ErrorKind::NotFound, "", 0, "finding",
                         "Cuộc thanh tra '" + inspectionId + "' không có phát hiện '" + key + "'",
                         "Inspection '" + inspectionId + "' has no finding '" + key + "'");
    FindingAccess result;
    result.finding = std::move(*finding);
    result.team = (*inspection)->inspection.team;
    result.inspector = actor.role == Role::Inspector &&
                       std::find(result.team.begin(), result.team.end(), actor.userId) != result.team.end();
    if (actor.role == Role::Owner || actor.role == Role::Operator || actor.role == Role::SecurityUnit) {
        auto organisations = m_store.organisations();
        if (!organisations)
            return organisations.errors();
        const auto chain = organisationChain(*organisations, result.finding.finding.organisationId);
        result.agency = std::find(chain.begin(), chain.end(), actor.organisationId) != chain.end();
    }
    return result;
}

namespace {

// The records of the evidence files (base names, media types, sizes, digests) and their contents, or the errors
// naming each bad file.
Result<std::vector<Attachment>> evidenceRecords(const std::vector<EvidenceFile>& files,
                                                std::vector<std::string>& contents)
{
    Errors errors;
    std::vector<Attachment> records;
    std::uint64_t total = 0;
    const std::string most = std::to_string(kMaxStepAttachments);
    if (files.size() > kMaxStepAttachments)
        errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, "evidence-file",
                                   "Quá nhiều tệp bằng chứng (tối đa " + most + ")",
                                   "Too many evidence files (at most " + most + ")"));
    for (const EvidenceFile& file : files) {
        const std::string shown = escapeUnsafeCharacters(file.fileName);
        const std::string name = std::filesystem::path(file.fileName).filename().string();
        if (!isEvidenceFileName(name)) {
            errors.push_back(makeError(ErrorKind::InvalidInput, shown, 0, "evidence-file",
                                       "tên tệp không dùng được làm bằng chứng (cần tên tệp, không ký tự điều khiển)",
                                       "the file name cannot be kept as evidence (a file name without control "
                                       "characters is needed)"));
            continue;
        }
        if (file.bytes.size() > kMaxAttachmentBytes) {
            errors.push_back(makeError(ErrorKind::InvalidInput, shown, 0, "evidence-file",
                                       "tệp lớn hơn giới hạn 100 MB", "the file is larger than the 100 MB limit"));
            continue;
        }
        total += file.bytes.size();
        records.push_back(
            Attachment{"evidence", name, mediaTypeOf(name), file.bytes.size(), sha256Hex(file.bytes), {}, false});
        contents.push_back(file.bytes);
    }
    if (total > kMaxAttachmentBytes)
        errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, "evidence-file",
                                   "Tổng dung lượng tệp bằng chứng vượt 100 MB",
                                   "The evidence files exceed 100 MB together"));
    if (!errors.empty())
        return errors;
    return records;
}

} // namespace

Result<bool> FindingService::remediate(const std::string& inspectionId, const std::string& key,
                                       const RemediationEntry& entry, const std::optional<Date>& deadline,
                                       const Actor& actor, const std::vector<EvidenceFile>& files)
{
    auto found = access(inspectionId, key, actor);
    if (!found)
        return found.errors();
    const bool inspector = found->inspector;
    const bool agency = found->agency;
    const bool inspectorsOnly = entry.status == RemediationStatus::Closed || entry.status == RemediationStatus::Open ||
                                (deadline && deadline != found->finding.deadline);
    if (!(inspector || (agency && !inspectorsOnly)))
        return makeError(ErrorKind::Refused, "", 0, "as",
                         inspectorsOnly
                             ? "Chỉ thành viên đoàn thanh tra mới đóng, mở lại phát hiện hoặc đổi thời hạn khắc phục"
                             : "Chỉ đơn vị có phát hiện (chủ quản, vận hành, chuyên trách) hoặc đoàn thanh tra mới ghi "
                               "kết quả khắc phục",
                         inspectorsOnly ? "Only a member of the inspection team closes or reopens a finding or changes "
                                          "its deadline"
                                        : "Only the unit with the finding (owner, operator, security unit) or the "
                                          "inspection team records remediation");
    std::vector<std::string> contents;
    auto records = evidenceRecords(files, contents);
    if (!records)
        return records.errors();
    const bool needsEvidence =
        entry.status == RemediationStatus::Closed || entry.status == RemediationStatus::Remediated;
    if (needsEvidence && isBlank(entry.evidence) && records->empty())
        return makeError(ErrorKind::Refused, "", 0, "evidence",
                         std::string("Cần bằng chứng khắc phục (--evidence hoặc --evidence-file) để chuyển sang trạng "
                                     "thái ") +
                             remediationStatusName(entry.status),
                         std::string("Evidence of remediation (--evidence or --evidence-file) is needed to set the "
                                     "status ") +
                             remediationStatusName(entry.status));
    RemediationEntry recorded = entry;
    recorded.files = std::move(*records);
    return m_store.updateFinding(inspectionId, key, deadline, recorded, contents, actor);
}

Result<StoredFinding> FindingService::show(const std::string& inspectionId, const std::string& key, const Actor& actor)
{
    auto found = access(inspectionId, key, actor);
    if (!found)
        return found.errors();
    if (!found->inspector && !found->agency)
        return makeError(ErrorKind::Refused, "", 0, "as",
                         "Chỉ đoàn thanh tra và đơn vị có phát hiện mới xem phát hiện này",
                         "Only the inspection team and the unit with the finding see this finding");
    return std::move(found->finding);
}

Result<EvidenceContent> FindingService::evidence(const std::string& inspectionId, const std::string& key,
                                                 const std::string& sha256, const Actor& actor)
{
    auto found = access(inspectionId, key, actor);
    if (!found)
        return found.errors();
    if (!found->inspector && !found->agency)
        return makeError(ErrorKind::Refused, "", 0, "as",
                         "Chỉ đoàn thanh tra và đơn vị có phát hiện mới đọc bằng chứng khắc phục",
                         "Only the inspection team and the unit with the finding read evidence of remediation");
    const bool hex = std::all_of(sha256.begin(), sha256.end(),
                                 [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (!hex || sha256.size() < 12 || sha256.size() > 64)
        return makeError(ErrorKind::Usage, "", 0, "sha256",
                         "Cần SHA-256 của tệp (ít nhất 12 chữ số hex thường đầu tiên)",
                         "The file's SHA-256 is needed (at least its first 12 lowercase hex digits)");
    std::vector<const Attachment*> matches;
    for (const RemediationEntry& e : found->finding.history)
        for (const Attachment& file : e.files)
            if (file.sha256.compare(0, sha256.size(), sha256) == 0 &&
                std::none_of(matches.begin(), matches.end(),
                             [&](const Attachment* m) { return m->sha256 == file.sha256; }))
                matches.push_back(&file);
    if (matches.empty())
        return makeError(ErrorKind::NotFound, "", 0, "sha256",
                         "Phát hiện '" + key + "' không có tệp bằng chứng " + sha256,
                         "Finding '" + key + "' has no evidence file " + sha256);
    if (matches.size() > 1)
        return makeError(ErrorKind::Usage, "", 0, "sha256",
                         "Nhiều tệp bằng chứng có SHA-256 bắt đầu bằng " + sha256 + "; cần thêm chữ số",
                         "Several evidence files have a SHA-256 beginning " + sha256 + "; give more digits");
    auto bytes = m_store.recordContent(matches.front()->sha256);
    if (!bytes)
        return bytes.errors();
    if (!*bytes || sha256Hex(**bytes) != matches.front()->sha256)
        return makeError(
            ErrorKind::Storage, "", 0, "sha256",
            "Nội dung tệp bằng chứng " + matches.front()->name + " không còn trong cơ sở dữ liệu hoặc đã bị thay đổi",
            "The content of the evidence file " + matches.front()->name + " is missing from the store or was altered");
    return EvidenceContent{*matches.front(), std::move(**bytes)};
}

Result<InspectionConclusion> FindingService::conclusion(const std::string& inspectionId, Date asOf,
                                                        const std::optional<Date>& reportBy, const Actor& actor)
{
    InspectionService inspections(m_store);
    auto inspection = inspections.show(inspectionId, actor);
    if (!inspection)
        return inspection.errors();
    auto systems = inspections.systemsInScope(inspectionId, actor);
    if (!systems)
        return systems.errors();
    auto findings = m_store.findings(inspectionId);
    if (!findings)
        return findings.errors();
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    InspectionConclusion c;
    c.inspection = inspection->inspection;
    c.asOf = asOf;
    c.reportBy = reportBy;
    std::map<std::string, ConclusionAgency> agencies;
    for (const Organisation& o : *organisations) {
        if (o.id == c.inspection.inspectingBody)
            c.inspectingBodyName = o.name;
        if (o.id == c.inspection.scope.organisationId)
            c.scopeName = o.name;
    }
    auto agencyOf = [&](const std::string& id) -> ConclusionAgency& {
        ConclusionAgency& agency = agencies[id];
        if (agency.organisation.id.empty()) {
            agency.organisation.id = id;
            for (const Organisation& o : *organisations)
                if (o.id == id)
                    agency.organisation = o;
        }
        return agency;
    };
    for (const StoredSystem& system : *systems) {
        ConclusionAgency& agency = agencyOf(system.description.organisationId);
        ++agency.systems;
        agency.approved += system.approvedLevel > 0 && system.approvedOn && !(asOf < *system.approvedOn) ? 1 : 0;
    }
    for (const StoredFinding& f : *findings) {
        agencyOf(f.finding.organisationId).findings.push_back(f);
        if (!reportBy && f.deadline && (!c.reportBy || *c.reportBy < *f.deadline))
            c.reportBy = f.deadline;
    }
    for (auto& [id, agency] : agencies)
        c.agencies.push_back(std::move(agency));
    return c;
}

} // namespace seclevel
