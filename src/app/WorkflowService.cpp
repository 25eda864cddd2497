#include "app/WorkflowService.h"

#include "app/UserService.h"
#include "core/Sha256.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

namespace seclevel {
namespace {

std::string quoted(const std::string& text)
{
    return "'" + text + "'";
}

PeriodUnit unitOf(ClockUnit unit)
{
    return unit == ClockUnit::WorkingDays ? PeriodUnit::WorkingDays : PeriodUnit::CalendarDays;
}

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

Date addMonths(Date date, int months)
{
    using namespace std::chrono;
    year_month_day shifted = date + std::chrono::months(months);
    if (!shifted.ok()) // 31 January + 1 month: the last day of February
        shifted = year_month_day{year_month_day_last{shifted.year(), month_day_last{shifted.month()}}};
    return shifted;
}

int daysBetween(Date from, Date to)
{
    return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

Error noProcedureYet(const std::string& systemId)
{
    return makeError(ErrorKind::Refused, "", 0, "system",
                     "Hệ thống " + quoted(systemId) + " chưa được đánh giá cấp độ: chưa thể bắt đầu thủ tục",
                     "System " + quoted(systemId) + " has not been assessed: the procedure cannot start");
}

std::vector<Attachment> attachmentsOf(const std::vector<StepAttachment>& inputs, std::vector<std::string>& contents,
                                      Errors& errors)
{
    std::vector<Attachment> out;
    std::uint64_t total = 0;
    if (inputs.size() > kMaxStepAttachments)
        errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, "attach",
                                   "Quá nhiều tệp đính kèm (tối đa " + std::to_string(kMaxStepAttachments) + ")",
                                   "Too many attachments (at most " + std::to_string(kMaxStepAttachments) + ")"));
    for (const StepAttachment& input : inputs) {
        total += input.bytes.size();
        const std::string name = std::filesystem::path(input.fileName).filename().string();
        out.push_back(Attachment{"step", name, "", input.bytes.size(), sha256Hex(input.bytes), {}, false});
        contents.push_back(input.bytes);
    }
    if (total > kMaxAttachmentBytes)
        errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, "attach", "Tổng dung lượng tệp đính kèm vượt 100 MB",
                                   "The attachments exceed 100 MB together"));
    return out;
}

} // namespace

const char* dutyStateName(DutyState state)
{
    switch (state) {
    case DutyState::Upcoming: return "upcoming";
    case DutyState::Due: return "due";
    case DutyState::Overdue: return "overdue";
    case DutyState::Done: return "done";
    case DutyState::OnEvent: return "on_event";
    }
    return "";
}

Result<const WorkingCalendar*> WorkflowService::calendar()
{
    auto inForce = m_calendar.inForce();
    if (!inForce)
        return inForce.errors();
    return &(*inForce)->calendar;
}

Result<WorkflowFacts> WorkflowService::facts(const StoredSystem& system, const Procedure& procedure,
                                             const std::vector<WorkflowStepRecord>& history, Date date)
{
    WorkflowFacts facts;
    facts.systemId = system.description.id;
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    facts.chain = organisationChain(*organisations, system.description.organisationId);
    for (const std::string& id : facts.chain)
        for (const Organisation& o : *organisations)
            if (o.id == id && !o.authorityCode.empty())
                facts.chainAuthorities.push_back(o.authorityCode);
    auto users = m_store.users();
    if (!users)
        return users.errors();
    for (const User& user : *users)
        for (const Membership& m : user.memberships)
            if (m.role == Role::SecurityUnit && !facts.chain.empty() && m.organisationId == facts.chain.front())
                facts.securityUnitOperates = true;
    facts.state = system.workflowState.empty() ? procedure.initialState : system.workflowState;
    facts.level = system.proposedLevel;
    size_t roundStart = 0;
    for (size_t i = 0; i < history.size(); ++i)
        if (history[i].approvedLevel > 0)
            roundStart = i + 1;
    for (size_t i = 0; i < history.size(); ++i) {
        const WorkflowStepRecord& r = history[i];
        const ProcedureStep* step = procedure.step(r.step, r.level);
        if (step && step->records == "security-regulation" && !isBlank(r.documentNumber))
            facts.securityRegulation = true;
        if (i >= roundStart && r.step != "require_redetermination")
            facts.round.push_back(StepFact{r.step, r.actor.userId, r.level, r.documentNumber});
    }
    facts.date = date;
    const RuleSet* ruleSet = m_catalogue.ruleSet(system.rulesetId);
    facts.ruleSetInForce = ruleSet && ruleSet->appliesOn(date);
    return facts;
}

Result<bool> WorkflowService::checkDossier(WorkflowFacts& facts, const std::string& systemId,
                                           const ReferenceCheck& references)
{
    DossierService dossiers(m_catalogue, m_store);
    auto checked = dossiers.check(systemId, references);
    if (!checked)
        return checked.errors();
    facts.dossierComplete = checked->complete();
    if (checked->complete())
        return true;
    std::vector<LocalizedText> items;
    for (const MissingItem& item : checked->missing)
        items.push_back(item.what);
    for (const AttachmentProblem& problem : checked->problems)
        items.push_back(
            {problem.attachment.name + ": " + problem.detail.vi, problem.attachment.name + ": " + problem.detail.en});
    constexpr size_t shown = 3;
    std::string vi = std::to_string(items.size()) + " mục: ", en = std::to_string(items.size()) + " items: ";
    for (size_t i = 0; i < items.size() && i < shown; ++i) {
        vi += (i ? "; " : "") + items[i].vi;
        en += (i ? "; " : "") + items[i].en;
    }
    if (items.size() > shown) {
        vi += "; …";
        en += "; …";
    }
    facts.dossierProblem = {vi + " (xem: seclevel dossier check " + systemId + ")",
                            en + " (see: seclevel dossier check " + systemId + ")"};
    return true;
}

Result<std::vector<ClockStatus>> WorkflowService::clocksOf(const Procedure& procedure, const std::string& stateStep,
                                                           std::optional<Date> stateDate, int level, Date asOf)
{
    std::vector<ClockStatus> out;
    if (!stateDate)
        return out;
    const WorkingCalendar* cal = nullptr;
    for (const ClockRule& rule : procedure.clocks) {
        if (!contains(rule.startSteps, stateStep) || !appliesToLevel(rule.levels, level))
            continue;
        if (!cal) {
            auto loaded = calendar();
            if (!loaded)
                return loaded.errors();
            cal = *loaded;
        }
        auto end = endOfPeriod(*cal, *stateDate, rule.count, unitOf(rule.unit));
        if (!end)
            return end.errors();
        auto left = daysRemaining(*cal, asOf, end->end, unitOf(rule.unit));
        if (!left)
            return left.errors();
        ClockStatus status;
        status.rule = &rule;
        status.start = *stateDate;
        status.end = end->end;
        status.remaining = *left;
        // Past the last day (also on a weekend right after it, when no working day has passed yet).
        const bool past = asOf > end->end;
        status.lapsed = rule.window && past;
        status.overdue = !rule.window && past;
        status.statutoryYears = end->statutoryYearsUsed;
        status.daysOff = end->daysOffCrossed;
        out.push_back(std::move(status));
    }
    return out;
}

Result<WorkflowView> WorkflowService::show(const std::string& systemId, Date asOf)
{
    auto system = m_store.system(systemId);
    if (!system)
        return system.errors();
    if (!*system)
        return makeError(ErrorKind::NotFound, "", 0, "system", "Không có hệ thống " + quoted(systemId),
                         "No system " + quoted(systemId));
    WorkflowView view;
    view.system = std::move(**system);
    if (view.system.rulesetId.empty())
        return noProcedureYet(systemId);
    auto procedure = m_catalogue.procedure(view.system.rulesetId);
    if (!procedure)
        return procedure.errors();
    view.procedure = *procedure;
    view.state = view.system.workflowState.empty() ? view.procedure->initialState : view.system.workflowState;
    view.stateInfo = view.procedure->state(view.state);
    auto history = m_store.workflowSteps(systemId);
    if (!history)
        return history.errors();
    view.history = std::move(*history);
    auto clocks = clocksOf(*view.procedure, view.system.stateStep, view.system.stateDate, view.system.stateLevel, asOf);
    if (!clocks)
        return clocks.errors();
    view.clocks = std::move(*clocks);
    for (const ClockStatus& clock : view.clocks)
        if (!clock.statutoryYears.empty())
            view.notices.push_back(Notice{"CALENDAR-STATUTORY",
                                          {"Thời hạn tính qua năm chưa có thông báo nghỉ lễ chính thức; áp dụng quy "
                                           "định của Bộ luật Lao động",
                                           "The period runs through a year without an announced calendar; the "
                                           "Labour Code rule was applied"}});
    if (view.system.stateLevel != 0 && view.system.stateLevel != view.system.proposedLevel)
        view.notices.push_back(Notice{"LEVEL-CHANGED",
                                      {"Cấp độ đề xuất đã đổi sau khi hồ sơ được gửi: cần trình lại",
                                       "The proposed level changed after the dossier was sent: submit it again"}});
    return view;
}

Result<std::vector<StepDecision>> WorkflowService::actions(const std::string& systemId, const std::string& userId,
                                                           Date date)
{
    auto view = show(systemId, date);
    if (!view)
        return view.errors();
    UserService users(m_store);
    auto standing = users.standing(userId);
    if (!standing)
        return standing.errors();
    auto f = facts(view->system, *view->procedure, view->history, date);
    if (!f)
        return f.errors();
    bool needsDossier = false;
    for (const ProcedureStep& step : view->procedure->steps)
        if (appliesToLevel(step.levels, f->level) &&
            (step.from.empty() || std::find(step.from.begin(), step.from.end(), f->state) != step.from.end()))
            for (const StepRequirement& requirement : step.requirements)
                needsDossier = needsDossier || requirement.check == StepCheck::DossierComplete;
    if (needsDossier) {
        auto checked = checkDossier(*f, systemId, {});
        if (!checked)
            return checked.errors();
    }
    return availableSteps(*view->procedure, *f, *standing);
}

Result<WorkflowStepRecord> WorkflowService::perform(const std::string& systemId, const StepRequest& request,
                                                    const std::string& userId, TimePoint at)
{
    const Date today = todayInVietnam(at);
    const Date date = request.date.value_or(today);
    if (date > today)
        return makeError(ErrorKind::InvalidInput, "", 0, "date",
                         "Không ghi nhận bước với ngày trong tương lai (" + formatIsoDate(date) + ")",
                         "A step cannot be recorded with a future date (" + formatIsoDate(date) + ")");
    if (request.documentDate && *request.documentDate > today)
        return makeError(ErrorKind::InvalidInput, "", 0, "document-date", "Ngày văn bản ở tương lai",
                         "The document date lies in the future");
    auto view = show(systemId, date);
    if (!view)
        return view.errors();
    const Procedure& procedure = *view->procedure;
    const int level = view->system.proposedLevel;
    const ProcedureStep* step = procedure.step(request.step, level);
    if (!step) {
        std::set<std::string> ids;
        for (const ProcedureStep& s : procedure.steps)
            ids.insert(s.id);
        std::string known;
        for (const std::string& id : ids)
            known += (known.empty() ? "" : ", ") + id;
        return makeError(
            ErrorKind::Usage, procedure.sourceFile, 0, "step",
            "Thủ tục " + procedure.rulesetId + " không có bước " + quoted(request.step) + "; các bước: " + known,
            "The " + procedure.rulesetId + " procedure has no step " + quoted(request.step) + "; its steps: " + known);
    }
    if (!view->history.empty() && date < view->history.back().date)
        return makeError(ErrorKind::InvalidInput, "", 0, "date",
                         "Ngày của bước (" + formatIsoDate(date) + ") trước ngày của bước đã ghi gần nhất (" +
                             formatIsoDate(view->history.back().date) + ")",
                         "The step's date (" + formatIsoDate(date) + ") is before the last recorded step's (" +
                             formatIsoDate(view->history.back().date) + ")");
    UserService users(m_store);
    auto standing = users.standing(userId);
    if (!standing)
        return standing.errors();
    auto f = facts(view->system, procedure, view->history, date);
    if (!f)
        return f.errors();
    for (const StepRequirement& requirement : step->requirements)
        if (requirement.check == StepCheck::DossierComplete) {
            auto checked = checkDossier(*f, systemId, request.references);
            if (!checked)
                return checked.errors();
        }
    const StepInput input{request.documentNumber, request.documentDate, request.note};
    StepDecision decision = decideStep(procedure, *step, *f, *standing, &input);
    if (!decision.allowed) {
        Errors errors;
        for (const Reason& reason : decision.reasons)
            errors.push_back(makeError(ErrorKind::Refused, "", 0, step->id,
                                       reason.text.vi + " (" + reason.citation + ")",
                                       reason.text.en + " (" + reason.citation + ")"));
        return errors;
    }
    Errors errors;
    std::vector<std::string> contents;
    WorkflowStepRecord record;
    record.attachments = attachmentsOf(request.attachments, contents, errors);
    if (!errors.empty())
        return errors;
    record.systemId = systemId;
    record.seq = view->system.workflowSeq + 1;
    record.step = step->id;
    record.fromState = view->state;
    record.toState = step->to.empty() ? view->state : step->to;
    record.rulesetId = procedure.rulesetId;
    record.rulesetVersion = procedure.version;
    record.level = level;
    record.date = date;
    record.documentNumber = request.documentNumber;
    record.documentDate = request.documentDate;
    record.note = request.note;
    record.approvedLevel = step->setsApprovedLevel ? level : 0;
    Actor actor{userId, decision.as ? decision.as->organisationId : std::string(),
                decision.as ? decision.as->role : Role::Administrator, at};
    record.actor = RecordedActor{actor.userId, actor.organisationId, roleName(actor.role)};
    record.at = at;
    auto stored = m_store.appendWorkflowStep(record, contents, actor);
    if (!stored)
        return stored.errors();
    return record;
}

Result<std::vector<StoredSystem>> WorkflowService::inScope(const std::string& organisationId)
{
    auto systems = m_store.systemHeaders();
    if (!systems || organisationId.empty())
        return systems;
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    bool known = false;
    for (const Organisation& o : *organisations)
        known = known || o.id == organisationId;
    if (!known)
        return makeError(ErrorKind::NotFound, "", 0, "org", "Không có tổ chức " + quoted(organisationId),
                         "No organisation " + quoted(organisationId));
    const OrganisationTree tree(*organisations); // once, not once per organisation met
    std::map<std::string, bool> inside;          // organisation id → lies in the subtree
    std::vector<StoredSystem> out;
    for (StoredSystem& system : *systems) {
        const std::string& org = system.description.organisationId;
        auto found = inside.find(org);
        if (found == inside.end())
            found = inside.emplace(org, contains(tree.chain(org), organisationId)).first;
        if (found->second)
            out.push_back(std::move(system));
    }
    return out;
}

Result<std::vector<DeadlineItem>> WorkflowService::deadlines(Date asOf, const std::string& organisationId)
{
    auto systems = inScope(organisationId);
    if (!systems)
        return systems.errors();
    return deadlinesOf(*systems, asOf);
}

Result<std::vector<DeadlineItem>> WorkflowService::deadlinesOf(const std::vector<StoredSystem>& systems, Date asOf)
{
    std::vector<DeadlineItem> out;
    for (const StoredSystem& system : systems) {
        if (system.stateStep.empty() || system.rulesetId.empty())
            continue;
        auto procedure = m_catalogue.procedure(system.rulesetId);
        if (!procedure)
            return procedure.errors();
        auto clocks = clocksOf(**procedure, system.stateStep, system.stateDate, system.stateLevel, asOf);
        if (!clocks)
            return clocks.errors();
        for (ClockStatus& clock : *clocks) {
            if (clock.lapsed)
                continue;
            out.push_back(DeadlineItem{system.description.id, system.description.name,
                                       system.description.organisationId, system.workflowState, system.stateLevel,
                                       std::move(clock)});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const DeadlineItem& a, const DeadlineItem& b) {
        if (a.clock.end != b.clock.end)
            return a.clock.end < b.clock.end;
        return a.systemId < b.systemId;
    });
    return out;
}

Result<std::vector<DutyStatus>> WorkflowService::duties(Date asOf, const std::string& organisationId)
{
    auto systems = inScope(organisationId);
    if (!systems)
        return systems.errors();
    return dutiesOf(*systems, asOf);
}

Result<std::vector<DutyStatus>> WorkflowService::dutiesOf(const std::vector<StoredSystem>& systems, Date asOf,
                                                          bool ordered)
{
    auto records = m_store.dutyRecords();
    if (!records)
        return records.errors();
    // (system, duty) → fulfilment dates up to the day asked about, oldest first (the store orders them so): the
    // duties as they stood that day, so an inspection of a past period does not count what was done later.
    std::map<std::pair<std::string, std::string>, std::vector<Date>> fulfilled;
    for (const DutyRecord& record : *records)
        if (!(asOf < record.fulfilledOn))
            fulfilled[{record.systemId, record.dutyId}].push_back(record.fulfilledOn);
    const RuleSet* inForce = ruleSetInForce(m_catalogue.ruleSets(), asOf);
    const Procedure* current = nullptr;
    if (inForce) {
        auto procedure = m_catalogue.procedure(inForce->id);
        if (!procedure)
            return procedure.errors();
        current = *procedure;
    }
    // The first day any shipped procedure owes a duty: the earliest start of the rule sets whose procedure has it.
    std::map<std::string, Date> firstOwedCache;
    auto firstOwed = [&](const std::string& dutyId) {
        auto cached = firstOwedCache.find(dutyId);
        if (cached != firstOwedCache.end())
            return cached->second;
        Date first = Date{std::chrono::year{9999} / 12 / 31};
        for (const RuleSet& ruleSet : m_catalogue.ruleSets()) {
            auto procedure = m_catalogue.procedure(ruleSet.id);
            if (!procedure || !ruleSet.validFrom)
                continue;
            for (const DutyRule& duty : (*procedure)->duties)
                if (duty.id == dutyId)
                    first = std::min(first, *ruleSet.validFrom);
        }
        return firstOwedCache[dutyId] = first;
    };
    std::vector<DutyStatus> out;
    for (const StoredSystem& system : systems) {
        if (system.approvedLevel == 0 || !system.approvedOn || asOf < *system.approvedOn)
            continue; // not approved (yet on that day): no duties of an approved system
        const Procedure* approving = nullptr;
        if (!system.approvedRuleset.empty()) {
            auto procedure = m_catalogue.procedure(system.approvedRuleset);
            if (!procedure)
                return procedure.errors();
            approving = *procedure;
        }
        // Recurring duties follow the law in force on the date asked about; fixed-date (transition) duties
        // come from the regime that approved the system.
        std::vector<std::pair<const DutyRule*, const Procedure*>> rules;
        if (const Procedure* periodic = current ? current : approving)
            for (const DutyRule& rule : periodic->duties)
                if (!rule.due)
                    rules.emplace_back(&rule, periodic);
        if (approving)
            for (const DutyRule& rule : approving->duties)
                if (rule.due)
                    rules.emplace_back(&rule, approving);
        for (const auto& [rule, procedure] : rules) {
            if (!appliesToLevel(rule->levels, system.approvedLevel))
                continue;
            if (!rule->onlyApprovedUnder.empty() && rule->onlyApprovedUnder != system.approvedRuleset)
                continue;
            DutyStatus status;
            status.systemId = system.description.id;
            status.systemName = system.description.name;
            status.organisationId = system.description.organisationId;
            status.approvedLevel = system.approvedLevel;
            status.rule = rule;
            status.rulesetId = procedure->rulesetId;
            const auto found = fulfilled.find({system.description.id, rule->id});
            const std::vector<Date>* dates = found == fulfilled.end() ? nullptr : &found->second;
            if (dates && !dates->empty())
                status.lastFulfilled = dates->back();
            const Date approvedOn = *system.approvedOn;
            if (rule->onEvent) {
                status.state = DutyState::OnEvent;
                out.push_back(std::move(status));
                continue;
            }
            bool done = false;
            if (rule->everyMonths > 0) {
                status.due = addMonths(status.lastFulfilled.value_or(approvedOn), rule->everyMonths);
            } else if (!rule->annualDue.empty()) {
                // The report of year Y is due on Y-MM-DD; a fulfilment after last year's due date and up to
                // this one sends it. The first report owed is the first due date after the approval.
                const unsigned month = static_cast<unsigned>(std::stoi(rule->annualDue.substr(0, 2)));
                const unsigned day = static_cast<unsigned>(std::stoi(rule->annualDue.substr(3, 2)));
                auto dueIn = [&](int y) {
                    return Date{std::chrono::year{y}, std::chrono::month{month}, std::chrono::day{day}};
                };
                // Nor before a law setting this report came into force (a 2019 approval owes no Form 08 of 2019).
                const Date owedFrom = std::max(approvedOn, firstOwed(rule->id));
                int y = static_cast<int>(owedFrom.year());
                if (owedFrom > dueIn(y))
                    ++y;
                auto sent = [&](int year) {
                    if (!dates)
                        return false;
                    return std::any_of(dates->begin(), dates->end(),
                                       [&](Date d) { return d > dueIn(year - 1) && d <= dueIn(year); });
                };
                while (sent(y) && y <= static_cast<int>(asOf.year()))
                    ++y;
                status.due = dueIn(y);
            } else if (rule->due) {
                status.due = *rule->due;
                done = dates && !dates->empty();
            } else if (rule->once) {
                status.due = approvedOn;
                done = dates && !dates->empty();
            }
            if (done)
                status.state = DutyState::Done;
            else if (status.due && asOf > *status.due)
                status.state = DutyState::Overdue;
            else if (status.due && daysBetween(asOf, *status.due) <= kDutyDueWindowDays)
                status.state = DutyState::Due;
            else
                status.state = DutyState::Upcoming;
            out.push_back(std::move(status));
        }
    }
    auto rank = [](DutyState s) {
        switch (s) {
        case DutyState::Overdue: return 0;
        case DutyState::Due: return 1;
        case DutyState::Upcoming: return 2;
        case DutyState::OnEvent: return 3;
        case DutyState::Done: return 4;
        }
        return 5;
    };
    if (!ordered)
        return out;
    std::stable_sort(out.begin(), out.end(), [&](const DutyStatus& a, const DutyStatus& b) {
        if (rank(a.state) != rank(b.state))
            return rank(a.state) < rank(b.state);
        if (a.due != b.due)
            return a.due.value_or(Date{}) < b.due.value_or(Date{});
        return a.systemId < b.systemId;
    });
    return out;
}

Result<DutyRecord> WorkflowService::fulfil(const std::string& systemId, const DutyFulfilment& fulfilment,
                                           const Actor& actor)
{
    auto system = m_store.system(systemId);
    if (!system)
        return system.errors();
    if (!*system)
        return makeError(ErrorKind::NotFound, "", 0, "system", "Không có hệ thống " + quoted(systemId),
                         "No system " + quoted(systemId));
    if ((*system)->approvedLevel == 0)
        return makeError(ErrorKind::Refused, "", 0, "system",
                         "Hệ thống " + quoted(systemId) + " chưa được phê duyệt cấp độ: chưa có nghĩa vụ định kỳ",
                         "System " + quoted(systemId) + " has no approved level: it owes no recurring duties yet");
    const DutyRule* rule = nullptr;
    for (const std::string& id : {(*system)->approvedRuleset, (*system)->rulesetId}) {
        auto procedure = m_catalogue.procedure(id);
        if (procedure)
            for (const DutyRule& r : (*procedure)->duties)
                if (r.id == fulfilment.dutyId && !rule)
                    rule = &r;
    }
    if (const RuleSet* inForce = ruleSetInForce(m_catalogue.ruleSets(), todayInVietnam(actor.at)); inForce && !rule)
        if (auto procedure = m_catalogue.procedure(inForce->id))
            for (const DutyRule& r : (*procedure)->duties)
                if (r.id == fulfilment.dutyId && !rule)
                    rule = &r;
    if (!rule)
        return makeError(ErrorKind::Usage, "", 0, "duty", "Không có nghĩa vụ " + quoted(fulfilment.dutyId),
                         "No duty " + quoted(fulfilment.dutyId));
    if (fulfilment.fulfilledOn > todayInVietnam(actor.at))
        return makeError(ErrorKind::InvalidInput, "", 0, "date", "Ngày thực hiện ở tương lai",
                         "The fulfilment date lies in the future");
    if (fulfilment.attachments.empty() && isBlank(fulfilment.documentNumber))
        return makeError(
            ErrorKind::Refused, "", 0, "attach",
            "Ghi nhận thực hiện nghĩa vụ cần bằng chứng: tệp đính kèm (--attach) hoặc số văn bản (--number)",
            "Recording a duty as fulfilled needs evidence: an attachment (--attach) or a document number "
            "(--number)");
    if (!fulfilment.assessorKind.empty() && !isAssessorKind(fulfilment.assessorKind))
        return makeError(ErrorKind::InvalidInput, "", 0, "assessor-kind",
                         "Loại tổ chức đánh giá " + quoted(fulfilment.assessorKind) +
                             " không hợp lệ: internal (tự đánh giá), licensed (tổ chức được cấp phép), "
                             "public-service (đơn vị sự nghiệp nhà nước), designated (tổ chức được chỉ định)",
                         "Unknown kind of assessor " + quoted(fulfilment.assessorKind) +
                             ": internal, licensed, public-service or designated");
    // The assessor is recorded (--assessor, or named in the note as before); whether their kind is qualified
    // for the level is an inspection finding (findings.xml, fact assessed-by-unqualified-body), not a refusal:
    // what happened is recorded as it happened.
    if (rule->evidence == "qualified-assessor" && isBlank(fulfilment.note) && isBlank(fulfilment.assessor))
        return makeError(ErrorKind::Refused, "", 0, "assessor",
                         "Cấp độ 3 trở lên: ghi rõ tổ chức đánh giá (--assessor), loại tổ chức (--assessor-kind) và "
                         "giấy phép hoặc quyết định chỉ định (--assessor-licence) (" +
                             rule->citation + ")",
                         "Level 3 and above: name the assessing organisation (--assessor), its kind (--assessor-kind) "
                         "and its licence or designation (--assessor-licence) (" +
                             rule->citation + ")");
    Errors errors;
    std::vector<std::string> contents;
    DutyRecord record;
    record.attachments = attachmentsOf(fulfilment.attachments, contents, errors);
    if (!errors.empty())
        return errors;
    record.systemId = systemId;
    record.dutyId = rule->id;
    record.fulfilledOn = fulfilment.fulfilledOn;
    record.documentNumber = fulfilment.documentNumber;
    record.note = fulfilment.note;
    record.assessor = fulfilment.assessor;
    record.assessorKind = fulfilment.assessorKind;
    record.assessorReference = fulfilment.assessorReference;
    record.actor = RecordedActor{actor.userId, actor.organisationId, roleName(actor.role)};
    record.at = actor.at;
    auto stored = m_store.recordDuty(record, contents, actor);
    if (!stored)
        return stored.errors();
    return record;
}

std::vector<Reason> WorkflowService::redeterminationReasons(const StoredSystem& before, const SystemDescription& after,
                                                            const Assessment& assessment)
{
    std::vector<Reason> reasons;
    if (before.approvedLevel == 0 || before.workflowState.empty())
        return reasons;
    auto procedure = m_catalogue.procedure(before.approvedRuleset.empty() ? before.rulesetId : before.approvedRuleset);
    if (!procedure || before.workflowState != (*procedure)->approvedState)
        return reasons;
    for (const RedeterminationTrigger& trigger : (*procedure)->triggers) {
        if (trigger.kind == "derived-level" && assessment.derivedLevel != before.derivedLevel)
            reasons.push_back({{"cấp độ xác định theo tiêu chí đổi từ " + std::to_string(before.derivedLevel) +
                                    " thành " + std::to_string(assessment.derivedLevel),
                                "the derived level changed from " + std::to_string(before.derivedLevel) + " to " +
                                    std::to_string(assessment.derivedLevel)},
                               trigger.citation});
        else if (trigger.kind == "ruleset" && assessment.rulesetId != before.rulesetId)
            reasons.push_back({{"bộ quy tắc đổi từ " + before.rulesetId + " thành " + assessment.rulesetId,
                                "the rule set changed from " + before.rulesetId + " to " + assessment.rulesetId},
                               trigger.citation});
        else if (trigger.kind == "components") {
            std::vector<std::string> was, now;
            for (const Component& c : before.description.components)
                was.push_back(c.name);
            for (const Component& c : after.components)
                now.push_back(c.name);
            if (was != now)
                reasons.push_back({{"danh sách hợp phần thay đổi", "the components changed"}, trigger.citation});
        } else if (trigger.kind == "answer") {
            std::vector<std::string> changed;
            for (const std::string& key : trigger.keys) {
                auto a = before.description.answers.values.find(key);
                auto b = after.answers.values.find(key);
                const bool hadA = a != before.description.answers.values.end();
                const bool hasB = b != after.answers.values.end();
                if (hadA != hasB || (hadA && !(a->second == b->second)))
                    changed.push_back(key);
            }
            if (!changed.empty()) {
                std::string keys;
                for (const std::string& key : changed)
                    keys += (keys.empty() ? "" : ", ") + key;
                reasons.push_back({{"thay đổi: " + keys, "changed: " + keys}, trigger.citation});
            }
        }
    }
    return reasons;
}

Result<bool> WorkflowService::markRedetermination(const StoredSystem& system, const std::vector<Reason>& reasons,
                                                  const Actor& actor)
{
    auto procedure = m_catalogue.procedure(system.approvedRuleset.empty() ? system.rulesetId : system.approvedRuleset);
    if (!procedure)
        return procedure.errors();
    const ProcedureStep* step = (*procedure)->step("require_redetermination", system.approvedLevel);
    WorkflowStepRecord record;
    record.systemId = system.description.id;
    record.seq = system.workflowSeq + 1;
    record.step = step ? step->id : std::string("require_redetermination");
    record.fromState = system.workflowState;
    record.toState = (*procedure)->redeterminationState;
    record.rulesetId = (*procedure)->rulesetId;
    record.rulesetVersion = (*procedure)->version;
    record.level = system.proposedLevel;
    record.date = todayInVietnam(actor.at);
    std::string vi = "Tự động: hệ thống đã phê duyệt thay đổi — ", en = "Automatic: the approved system changed — ";
    for (size_t i = 0; i < reasons.size(); ++i) {
        vi += (i ? "; " : "") + reasons[i].text.vi + " (" + reasons[i].citation + ")";
        en += (i ? "; " : "") + reasons[i].text.en + " (" + reasons[i].citation + ")";
    }
    record.note = vi + " / " + en;
    record.actor = RecordedActor{actor.userId, actor.organisationId, roleName(actor.role)};
    record.at = actor.at;
    return m_store.appendWorkflowStep(record, {}, actor);
}

} // namespace seclevel
