#include "app/ReportService.h"

#include "app/ChunkedFacts.h"
#include "app/FindingService.h"
#include "app/UserService.h"
#include "io/InputFile.h"
#include "rules/AnnualReportLoader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace seclevel {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    out += text;
    out += '"';
    return out;
}

// The organisation and every organisation under it.
std::unordered_set<std::string> subtree(const std::vector<Organisation>& organisations, const std::string& root)
{
    std::unordered_map<std::string, std::vector<std::string>> children;
    for (const Organisation& o : organisations)
        children[o.parentId].push_back(o.id);
    std::unordered_set<std::string> out{root};
    std::vector<std::string> open{root};
    while (!open.empty()) {
        const std::string id = open.back();
        open.pop_back();
        for (const std::string& child : children[id])
            if (out.insert(child).second)
                open.push_back(child);
    }
    return out;
}

const Organisation* findOrganisation(const std::vector<Organisation>& organisations, const std::string& id)
{
    for (const Organisation& o : organisations)
        if (o.id == id)
            return &o;
    return nullptr;
}

Errors unknownOrganisation(const std::string& id)
{
    return Errors{makeError(ErrorKind::NotFound, "", 0, "org", "Không có tổ chức " + quoted(id),
                            "No organisation " + quoted(id))};
}

ReportStep reportStep(const WorkflowStepRecord& r)
{
    return ReportStep{r.step,           r.fromState,    r.toState,
                      r.rulesetId,      r.level,        r.date,
                      r.documentNumber, r.documentDate, r.actor.organisationId,
                      r.approvedLevel};
}

// The end of day `date` in Viet Nam (UTC+7): a system recorded before it existed by then.
TimePoint endOfDayInVietnam(Date date)
{
    return std::chrono::sys_days{date} + std::chrono::days{1} - std::chrono::hours{7};
}

} // namespace

Result<const std::vector<AnnualReportDefinition>*> ReportService::definitions()
{
    if (!m_definitions) {
        auto loaded = loadAnnualReportsFrom(m_catalogue.dataDirectory());
        if (!loaded)
            return loaded.errors();
        m_definitions = std::move(*loaded);
    }
    return &*m_definitions;
}

Result<std::string> ReportService::stylesheet() const
{
    auto base = m_catalogue.dossierStylesheet();
    if (!base)
        return base.errors();
    auto own =
        readTextFile((fs::path(m_catalogue.dataDirectory()) / "reports" / "annual-report.css").string(), 1u << 20);
    if (!own)
        return withKind(own.errors(), ErrorKind::RuleSet);
    std::string css = *base;
    css += '\n';
    css += *own;
    return css;
}

Result<std::vector<AnnualReportRow>> ReportService::rowsOf(const std::vector<StoredSystem>& headers,
                                                           const AnnualReportDefinition& definition, Date from, Date to,
                                                           const std::unordered_map<std::string, std::string>& names,
                                                           bool onlyExisting)
{
    WorkflowService workflow(m_catalogue, m_store);
    Errors problems;
    auto procedureOf = [&](const std::string& rulesetId) -> const Procedure* {
        auto p = m_catalogue.procedure(rulesetId);
        return p ? *p : nullptr;
    };
    auto clockEnd = [&](const Procedure& procedure, const ReportStep& step, Date asOf) -> std::optional<Date> {
        auto clocks = workflow.statutoryClocks(procedure, step.step, step.date, step.level, asOf);
        if (!clocks) {
            problems.insert(problems.end(), clocks.errors().begin(), clocks.errors().end());
            return std::nullopt;
        }
        std::optional<Date> end;
        for (const ClockStatus& c : *clocks)
            if (!c.rule->window && (!end || c.end > *end))
                end = c.end;
        return end;
    };
    auto organisationName = [&](const std::string& id) {
        auto found = names.find(id);
        return found == names.end() ? id : found->second;
    };
    const TimePoint existedBy = endOfDayInVietnam(to);
    // Many systems: every duty record in one read rather than one query per system.
    std::unordered_map<std::string, std::vector<ReportDuty>> allDuties;
    const bool bulk = headers.size() > 100;
    if (bulk) {
        auto records = m_store.dutyRecords();
        if (!records)
            return records.errors();
        for (const DutyRecord& d : *records)
            allDuties[d.systemId].push_back({d.dutyId, d.fulfilledOn});
    }
    std::vector<AnnualReportRow> out;
    // Steps and dossiers read for a chunk of systems at a time (a few round trips per 1,000 systems, not two per
    // system), the chunk's alone in memory.
    ChunkedFacts loaded(m_store, headers, ChunkedFacts::Steps::OfAll);
    for (const StoredSystem& header : headers) {
        if (auto reached = loaded.reach(header); !reached)
            return reached.errors();
        const std::vector<WorkflowStepRecord>* steps = &loaded.steps(header.description.id);
        ReportFacts facts;
        facts.systemId = header.description.id;
        facts.organisationId = header.description.organisationId;
        facts.name = header.description.name;
        facts.owner = header.description.owner;
        facts.operatorName = header.description.operatorName;
        facts.rulesetId = header.rulesetId;
        facts.proposedLevel = header.proposedLevel;
        for (const WorkflowStepRecord& r : *steps)
            facts.steps.push_back(reportStep(r));
        // A system counts from the day it was recorded, or from its first step when that is dated earlier
        // (an inventory taken into seclevel after the fact).
        const bool existed = header.createdAt <= existedBy || (!facts.steps.empty() && facts.steps.front().date <= to);
        if (onlyExisting && !existed)
            continue;
        if (bulk) {
            auto found = allDuties.find(header.description.id);
            if (found != allDuties.end())
                facts.duties = std::move(found->second);
        } else {
            auto duties = m_store.dutyRecords(header.description.id);
            if (!duties)
                return duties.errors();
            for (const DutyRecord& d : *duties)
                facts.duties.push_back({d.dutyId, d.fulfilledOn});
        }
        facts.dossier = &loaded.dossier(header.description.id);
        const std::string judgedBy = facts.steps.empty() ? header.rulesetId : facts.steps.back().rulesetId;
        if (!judgedBy.empty())
            if (auto t = m_catalogue.dossierTemplate(judgedBy))
                facts.dossierTemplate = *t;
        facts.procedure = procedureOf;
        facts.organisationName = organisationName;
        facts.clockEnd = clockEnd;
        out.push_back(reportRow(definition, from, to, facts));
        if (!problems.empty())
            return problems;
    }
    return out;
}

Result<AnnualReport> ReportService::form08AsOf(const std::vector<StoredSystem>& systems, Date asOf)
{
    auto defs = definitions();
    if (!defs)
        return defs.errors();
    // The report whose data period holds the day (after 14/12 the next year's).
    const int y = static_cast<int>(asOf.year());
    AnnualReport report;
    report.year = asOf > periodEnd(y) ? y + 1 : y;
    report.from = periodStart(report.year);
    report.to = asOf;
    const AnnualReportDefinition* definition = definitionForYear(**defs, report.year);
    if (!definition)
        return report; // before TT12 (2022): no Form 08 columns to fill
    report.definition = *definition;
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    std::unordered_map<std::string, std::string> names;
    for (const Organisation& o : *organisations)
        names[o.id] = o.name;
    auto rows = rowsOf(systems, *definition, report.from, asOf, names, /*onlyExisting=*/false);
    if (!rows)
        return rows.errors();
    report.rows = std::move(*rows);
    return report;
}

Result<AnnualReport> ReportService::annual(const std::string& organisationId, int year)
{
    auto defs = definitions();
    if (!defs)
        return defs.errors();
    const AnnualReportDefinition* definition = definitionForYear(**defs, year);
    if (!definition)
        return makeError(ErrorKind::InvalidInput, "", 0, "year",
                         "Không có mẫu báo cáo năm cho năm " + std::to_string(year) +
                             " (báo cáo theo Thông tư 12/2022 từ năm 2022, theo Mẫu 08 Nghị định 331/2026 từ năm 2026)",
                         "No annual report is defined for " + std::to_string(year) +
                             " (TT12/2022 reports from 2022, NĐ331/2026 Form 08 from 2026)");
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    const Organisation* root = findOrganisation(*organisations, organisationId);
    if (!root)
        return unknownOrganisation(organisationId);
    const auto scope = subtree(*organisations, organisationId);
    std::unordered_map<std::string, std::string> names;
    for (const Organisation& o : *organisations)
        names[o.id] = o.name;

    AnnualReport report;
    report.definition = *definition;
    report.year = year;
    report.from = periodStart(year);
    report.to = periodEnd(year);
    report.organisationId = organisationId;
    report.organisationName = root->name;
    if (!root->parentId.empty())
        report.parentName = names[root->parentId];

    auto headers = m_store.systemHeaders();
    if (!headers)
        return headers.errors();
    std::erase_if(*headers, [&](const StoredSystem& s) { return !scope.count(s.description.organisationId); });
    auto rows = rowsOf(*headers, *definition, report.from, report.to, names, /*onlyExisting=*/true);
    if (!rows)
        return rows.errors();
    report.rows = std::move(*rows);
    std::stable_sort(report.rows.begin(), report.rows.end(), [](const AnnualReportRow& a, const AnnualReportRow& b) {
        return std::tie(a.organisationId, a.systemId) < std::tie(b.organisationId, b.systemId);
    });
    addTotals(report);
    return report;
}

void ReportService::addFindings(Rollup& rollup, const std::string& inspectionId,
                                const std::vector<StoredFinding>& findings, const InstrumentRegister& instruments)
{
    rollup.inspectionId = inspectionId;
    rollup.articles.clear();
    std::unordered_map<std::string, RollupRow*> agencies;
    for (RollupRow& a : rollup.agencies) {
        a.findings = a.openFindings = 0;
        agencies.emplace(a.organisationId, &a);
    }
    rollup.total.findings = rollup.total.openFindings = 0;
    std::map<std::string, RollupArticle> byCitation;
    for (const StoredFinding& f : findings) {
        auto agency = agencies.find(f.finding.organisationId);
        if (agency == agencies.end())
            continue; // outside the organisations rolled up
        const bool open = f.status == RemediationStatus::Open || f.status == RemediationStatus::InProgress;
        for (RollupRow* row : {agency->second, &rollup.total}) {
            ++row->findings;
            row->openFindings += open ? 1 : 0;
        }
        RollupArticle& article = byCitation[f.finding.citation];
        if (article.citation.empty()) {
            article.citation = f.finding.citation;
            article.citationText = citationToVietnamese(f.finding.citation, instruments);
        }
        if (std::find(article.rules.begin(), article.rules.end(), f.finding.ruleId) == article.rules.end())
            article.rules.push_back(f.finding.ruleId);
        ++article.findings;
        article.open += open ? 1 : 0;
    }
    for (auto& [citation, article] : byCitation)
        rollup.articles.push_back(std::move(article));
    std::stable_sort(rollup.articles.begin(), rollup.articles.end(),
                     [](const RollupArticle& a, const RollupArticle& b) { return a.findings > b.findings; });
}

Result<Rollup> ReportService::rollup(const std::string& organisationId, Date asOf, const std::string& inspectionId,
                                     const Actor& actor)
{
    auto findings = FindingService(m_catalogue, m_store).stored(inspectionId, actor); // the team only
    if (!findings)
        return findings.errors();
    auto rolled = rollup(organisationId, asOf);
    if (!rolled)
        return rolled.errors();
    addFindings(*rolled, inspectionId, *findings, m_catalogue.instruments());
    return rolled;
}

Result<Rollup> ReportService::rollup(const std::string& organisationId, Date asOf)
{
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    std::unordered_set<std::string> scope;
    Rollup out;
    out.asOf = asOf;
    out.organisationId = organisationId;
    if (!organisationId.empty()) {
        const Organisation* root = findOrganisation(*organisations, organisationId);
        if (!root)
            return unknownOrganisation(organisationId);
        out.organisationName = root->name;
        scope = subtree(*organisations, organisationId);
    }
    std::unordered_map<std::string, const Organisation*> byId;
    for (const Organisation& o : *organisations)
        byId[o.id] = &o;

    auto headers = m_store.systemHeaders();
    if (!headers)
        return headers.errors();
    std::map<std::string, AgencyRollup> agencies;
    std::set<std::string> statuses;
    std::vector<std::string> statusOrder;
    auto noteStatus = [&](const Procedure* p) {
        if (!p)
            return;
        for (const ProcedureState& s : p->states)
            if (!s.form08Status.empty() && statuses.insert(s.form08Status).second)
                statusOrder.push_back(s.form08Status);
    };
    std::map<std::string, const Procedure*> procedures;
    auto procedureOf = [&](const std::string& id) -> const Procedure* {
        auto found = procedures.find(id);
        if (found != procedures.end())
            return found->second;
        auto p = m_catalogue.procedure(id);
        const Procedure* value = p ? *p : nullptr;
        procedures.emplace(id, value);
        noteStatus(value);
        return value;
    };
    for (const RuleSet& r : m_catalogue.ruleSets())
        procedureOf(r.id);
    if (!organisationId.empty())
        std::erase_if(*headers, [&](const StoredSystem& s) { return !scope.count(s.description.organisationId); });
    for (const StoredSystem& s : *headers) {
        const std::string& org = s.description.organisationId;
        AgencyRollup& agency = agencies[org];
        if (agency.organisationId.empty()) {
            agency.organisationId = org;
            auto found = byId.find(org);
            agency.name = found == byId.end() ? org : found->second->name;
        }
        // The state as of the date: the stored one, unless a later step moved it (then read the steps back).
        std::string state = s.workflowState;
        std::string rulesetId = s.approvedRuleset.empty() ? s.rulesetId : s.approvedRuleset;
        int approvedLevel = s.approvedLevel;
        int level = s.stateLevel > 0 ? s.stateLevel : s.proposedLevel;
        if (s.stateDate && *s.stateDate > asOf) {
            auto steps = m_store.workflowSteps(s.description.id);
            if (!steps)
                return steps.errors();
            state.clear();
            approvedLevel = 0;
            level = s.proposedLevel;
            for (const WorkflowStepRecord& r : *steps) {
                if (r.date > asOf)
                    break;
                state = r.toState;
                rulesetId = r.rulesetId;
                level = r.level;
                if (r.approvedLevel > 0)
                    approvedLevel = r.approvedLevel;
            }
        }
        const Procedure* procedure = procedureOf(rulesetId.empty() ? s.rulesetId : rulesetId);
        if (procedure && state.empty())
            state = procedure->initialState;
        std::string status;
        if (procedure)
            if (const ProcedureState* info = procedure->state(state))
                status = info->form08Status;
        ++agency.systems;
        ++agency.byStatus[status];
        const int shown = approvedLevel > 0 ? approvedLevel : level;
        ++agency.byLevel[shown >= 0 && shown <= 5 ? shown : 0];
        agency.approved += approvedLevel > 0;
    }
    WorkflowService workflow(m_catalogue, m_store);
    auto clocks = workflow.deadlinesOf(*headers, asOf);
    if (!clocks)
        return clocks.errors();
    for (const DeadlineItem& item : *clocks)
        if (item.clock.overdue)
            ++agencies[item.organisationId].overdueClocks;
    auto duties = workflow.dutiesOf(*headers, asOf, /*ordered=*/false); // only counted
    if (!duties)
        return duties.errors();
    for (const DutyStatus& d : *duties)
        if (d.state == DutyState::Overdue)
            ++agencies[d.organisationId].overdueDuties;
    out.statuses = statusOrder;
    for (auto& [id, agency] : agencies) {
        out.total.systems += agency.systems;
        out.total.approved += agency.approved;
        out.total.overdueClocks += agency.overdueClocks;
        out.total.overdueDuties += agency.overdueDuties;
        for (int l = 0; l <= 5; ++l)
            out.total.byLevel[l] += agency.byLevel[l];
        for (const auto& [status, n] : agency.byStatus)
            out.total.byStatus[status] += n;
        out.agencies.push_back(std::move(agency));
    }
    return out;
}

} // namespace seclevel
