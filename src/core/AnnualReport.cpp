#include "core/AnnualReport.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace seclevel {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const AnnualReportDefinition* definitionForYear(const std::vector<AnnualReportDefinition>& definitions, int y)
{
    for (const AnnualReportDefinition& d : definitions)
        if (d.firstYear <= y && y <= d.lastYear)
            return &d;
    return nullptr;
}

Date periodStart(int y)
{
    return Date{year{y - 1}, month{12}, day{15}};
}

Date periodEnd(int y)
{
    return Date{year{y}, month{12}, day{14}};
}

std::string slashDate(Date date)
{
    char text[16];
    std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return text;
}

std::string decisionText(const ReportDecision& decision)
{
    std::string out = decision.number;
    if (decision.date) {
        if (!out.empty())
            out += ", ";
        out += slashDate(*decision.date);
    }
    if (!decision.issuer.empty()) {
        if (!out.empty())
            out += ", ";
        out += decision.issuer;
    }
    return out;
}

std::string summaryFor(const AnnualReportDefinition& definition, Lang lang, int y)
{
    std::string text = definition.summary.in(lang);
    const auto at = text.find("{year}");
    if (at != std::string::npos)
        text.replace(at, 6, std::to_string(y));
    return text;
}

const std::string& planText(const AnnualReportDefinition& definition, PlanDeployment plan)
{
    static const std::string none;
    switch (plan) {
    case PlanDeployment::None: return definition.planNone;
    case PlanDeployment::Partly: return definition.planPartly;
    case PlanDeployment::Full: return definition.planFull;
    case PlanDeployment::Unknown: break;
    }
    return none;
}

const std::string& inspectionText(const AnnualReportDefinition& definition, InspectionKind kind)
{
    static const std::string none;
    switch (kind) {
    case InspectionKind::PreOperation: return definition.inspectionPreOperation;
    case InspectionKind::Periodic: return definition.inspectionPeriodic;
    case InspectionKind::Both: return definition.inspectionBoth;
    case InspectionKind::None: break;
    }
    return none;
}

PlanDeployment planDeployment(const DossierTemplate* dossierTemplate, const Dossier& dossier, int level,
                              std::optional<Date>& latestPlanned)
{
    latestPlanned.reset();
    if (dossier.requirements.empty())
        return PlanDeployment::Unknown; // nothing stated: the column stays blank rather than guess
    std::map<std::pair<std::string, int>, const RequirementStatement*> stated;
    for (const RequirementStatement& s : dossier.requirements)
        stated[{s.groupId, s.item}] = &s;
    int items = 0, done = 0, started = 0;
    auto count = [&](const RequirementStatement* s) {
        ++items;
        if (!s)
            return;
        if (s->status == RequirementStatus::Met || s->status == RequirementStatus::NotApplicable) {
            ++done;
            started += s->status == RequirementStatus::Met;
            return;
        }
        started += s->status == RequirementStatus::PartlyMet;
        if (s->plannedBy && (!latestPlanned || *s->plannedBy > *latestPlanned))
            latestPlanned = s->plannedBy;
    };
    // The items of the level's requirement groups (TT12 annexes / TCVN 14423) when the template knows the
    // level: an item without a statement is not deployed. Otherwise the statements as recorded.
    const auto groups = dossierTemplate && level > 0 ? dossierTemplate->requirementsForLevel(level)
                                                     : std::vector<const RequirementGroupSpec*>{};
    if (!groups.empty()) {
        for (const RequirementGroupSpec* group : groups)
            for (int item = 1; item <= group->count; ++item) {
                auto found = stated.find({group->id, item});
                count(found == stated.end() ? nullptr : found->second);
            }
    } else {
        for (const RequirementStatement& s : dossier.requirements)
            count(&s);
    }
    if (items > 0 && done == items) {
        latestPlanned.reset();
        return PlanDeployment::Full;
    }
    return started > 0 ? PlanDeployment::Partly : PlanDeployment::None;
}

const ReportStep* stateStep(const std::vector<ReportStep>& steps)
{
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
        if (it->fromState != it->toState)
            return &*it;
    return nullptr;
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& id)
{
    return std::find(list.begin(), list.end(), id) != list.end();
}

ReportDecision decisionOf(const ReportStep& step, const ReportFacts& facts)
{
    ReportDecision d;
    d.number = step.documentNumber;
    d.date = step.documentDate ? step.documentDate : std::optional<Date>(step.date);
    d.issuer = facts.organisationName ? facts.organisationName(step.organisationId) : step.organisationId;
    return d;
}

} // namespace

AnnualReportRow annualReportRow(const AnnualReportDefinition& definition, int y, const ReportFacts& facts)
{
    return reportRow(definition, periodStart(y), periodEnd(y), facts);
}

AnnualReportRow reportRow(const AnnualReportDefinition& definition, Date from, Date to, const ReportFacts& facts)
{
    AnnualReportRow row;
    row.systemId = facts.systemId;
    row.organisationId = facts.organisationId;
    row.name = facts.name;
    row.owner = facts.owner;
    row.operatorName = facts.operatorName;

    // The steps taken by the end of the period (steps are recorded in date order: a step back in time is
    // refused by the workflow).
    std::vector<ReportStep> steps;
    for (const ReportStep& s : facts.steps)
        if (s.date <= to)
            steps.push_back(s);

    row.rulesetId = steps.empty() ? facts.rulesetId : steps.back().rulesetId;
    const Procedure* procedure = nullptr;
    if (facts.procedure) {
        procedure = facts.procedure(row.rulesetId.empty() ? definition.rulesetId : row.rulesetId);
        if (!procedure)
            procedure = facts.procedure(definition.rulesetId);
    }
    row.stateId = steps.empty() ? (procedure ? procedure->initialState : std::string()) : steps.back().toState;
    if (procedure)
        if (const ProcedureState* state = procedure->state(row.stateId))
            row.approvalState = state->form08Status;
    row.proposedLevel = steps.empty() ? facts.proposedLevel : steps.back().level;
    row.classified = row.proposedLevel > 0;

    std::optional<Date> firstApproval;
    for (const ReportStep& s : steps) {
        const Procedure* p = facts.procedure ? facts.procedure(s.rulesetId) : nullptr;
        const ProcedureStep* definitionOfStep = p ? p->step(s.step, s.level) : nullptr;
        if (s.approvedLevel > 0) {
            row.approved = true;
            row.approval = decisionOf(s, facts);
            if (!firstApproval)
                firstApproval = s.date;
        }
        if (definitionOfStep && definitionOfStep->records == "security-regulation")
            row.regulation = decisionOf(s, facts);
        if (contains(definition.appraisalSteps, s.step))
            row.appraised = true;
    }
    row.appraised = row.appraised || row.approved;
    const bool dossierRecorded =
        facts.dossier &&
        (!facts.dossier->fields.empty() || !facts.dossier->attachments.empty() || !facts.dossier->requirements.empty());
    row.withDossier = dossierRecorded || !steps.empty();

    // (9) Not approved by the period end: the last day of the statutory clock then running.
    if (!row.approved && procedure && facts.clockEnd)
        if (const ReportStep* entered = stateStep(steps))
            if (const Procedure* p = facts.procedure(entered->rulesetId))
                row.expectedApproval = facts.clockEnd(*p, *entered, to);

    // (10), (11) from the requirement statements (what is recorded now: statements carry no history).
    if (facts.dossier)
        row.plan = planDeployment(facts.dossierTemplate, *facts.dossier, row.proposedLevel, row.expectedFullDeployment);

    // (12) Assessments recorded as fulfilments of the listed duties: one on or before the first approval is an
    // assessment before the system was put into use at its level, one after it inside the period is periodic.
    bool pre = false, periodic = false;
    for (const ReportDuty& d : facts.duties) {
        if (!contains(definition.assessmentDuties, d.dutyId) || d.fulfilledOn > to)
            continue;
        if (!firstApproval || d.fulfilledOn <= *firstApproval)
            pre = true;
        else if (d.fulfilledOn >= from)
            periodic = true;
    }
    row.inspection = pre && periodic ? InspectionKind::Both
                     : pre           ? InspectionKind::PreOperation
                     : periodic      ? InspectionKind::Periodic
                                     : InspectionKind::None;
    return row;
}

void addTotals(AnnualReport& report)
{
    report.managed = static_cast<int>(report.rows.size());
    report.classified = report.withDossier = report.appraised = report.approved = report.inspected = 0;
    report.expectedCompletion.reset();
    report.withoutExpectedDate = 0;
    for (const AnnualReportRow& row : report.rows) {
        report.classified += row.classified;
        report.withDossier += row.withDossier;
        report.appraised += row.appraised;
        report.approved += row.approved;
        report.inspected += row.inspection == InspectionKind::Periodic || row.inspection == InspectionKind::Both;
        if (row.approved)
            continue;
        if (!row.expectedApproval)
            ++report.withoutExpectedDate;
        else if (!report.expectedCompletion || *row.expectedApproval > *report.expectedCompletion)
            report.expectedCompletion = row.expectedApproval;
    }
}

} // namespace seclevel
