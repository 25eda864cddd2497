#include "core/Workflow.h"

#include <algorithm>

namespace seclevel {

const ProcedureState* Procedure::state(const std::string& id) const
{
    for (const ProcedureState& s : states)
        if (s.id == id)
            return &s;
    return nullptr;
}

const ProcedureStep* Procedure::step(const std::string& id, int level) const
{
    const ProcedureStep* first = nullptr;
    for (const ProcedureStep& s : steps)
        if (s.id == id) {
            if (level == 0 || appliesToLevel(s.levels, level))
                return &s;
            if (!first)
                first = &s;
        }
    return first;
}

bool appliesToLevel(const std::vector<int>& levels, int level)
{
    return levels.empty() || std::find(levels.begin(), levels.end(), level) != levels.end();
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::string levelsText(const std::vector<int>& levels)
{
    std::string text;
    for (int level : levels) {
        if (!text.empty())
            text += ", ";
        text += std::to_string(level);
    }
    return text;
}

std::string roleVi(Role role)
{
    switch (role) {
    case Role::Operator: return "đơn vị vận hành";
    case Role::SecurityUnit: return "đơn vị chuyên trách về an toàn thông tin";
    case Role::Owner: return "chủ quản hệ thống thông tin";
    case Role::AppraisingBody: return "cơ quan thẩm định";
    case Role::Inspector: return "thanh tra";
    case Role::Administrator: return "quản trị";
    }
    return "";
}

std::string roleEn(Role role)
{
    switch (role) {
    case Role::Operator: return "operating unit";
    case Role::SecurityUnit: return "specialised security unit";
    case Role::Owner: return "system owner";
    case Role::AppraisingBody: return "appraising body";
    case Role::Inspector: return "inspector";
    case Role::Administrator: return "administrator";
    }
    return "";
}

std::string joined(const std::vector<std::string>& items, const std::string& separator)
{
    std::string text;
    for (const std::string& item : items) {
        if (!text.empty())
            text += separator;
        text += item;
    }
    return text;
}

// Does the date fall inside the actor rule's validity?
bool validOn(const StepActor& actor, Date date)
{
    if (actor.validFrom && date < *actor.validFrom)
        return false;
    if (actor.validTo && date > *actor.validTo)
        return false;
    return true;
}

// Which managing body (MOD, MPS, BCY …) the system's tree belongs to, if any of the procedure's.
std::string managingBody(const Procedure& procedure, const WorkflowFacts& facts)
{
    for (const std::string& code : facts.chainAuthorities)
        if (contains(procedure.managingBodies, code))
            return code;
    return {};
}

// Whether this actor rule applies to the system at all (date, managing body, unit-operates condition).
bool ruleApplies(const Procedure& procedure, const StepActor& actor, const WorkflowFacts& facts)
{
    if (!validOn(actor, facts.date))
        return false;
    const std::string managed = managingBody(procedure, facts);
    if (!actor.managedBy.empty() && actor.managedBy != managed)
        return false;
    if (actor.notForManaged && !managed.empty())
        return false;
    if (actor.onlyWhenUnitOperates && !facts.securityUnitOperates)
        return false;
    return true;
}

// Whether the seat sits where the rule wants it.
bool seatMatches(const StepActor& actor, const UserStanding::Seat& seat, const WorkflowFacts& facts)
{
    if (seat.membership.role != actor.role)
        return false;
    const std::string& org = seat.membership.organisationId;
    switch (actor.scope) {
    case ActorScope::SystemTree:
        if (!contains(facts.chain, org))
            return false;
        break;
    case ActorScope::Subordinate:
        if (seat.chain.size() < 2 || !contains(facts.chain, seat.chain[1]) || contains(facts.chain, org))
            return false;
        break;
    case ActorScope::Body:
        if (!contains(actor.bodies, seat.authorityCode))
            return false;
        break;
    }
    if (actor.notOperator && !facts.chain.empty() && org == facts.chain.front())
        return false;
    return true;
}

LocalizedText describeRule(const StepActor& actor)
{
    std::string vi = roleVi(actor.role);
    std::string en = roleEn(actor.role);
    switch (actor.scope) {
    case ActorScope::SystemTree:
        vi += " của cơ quan chủ quản hệ thống (hoặc cấp trên)";
        en += " of the system's body (or a body above it)";
        break;
    case ActorScope::Subordinate:
        vi += " là đơn vị trực thuộc cơ quan chủ quản (hoặc hội đồng thẩm định do chủ quản thành lập)";
        en += " being a unit directly under the owner's body (or an appraisal council it set up)";
        break;
    case ActorScope::Body:
        vi += " thuộc " + joined(actor.bodies, "/");
        en += " of " + joined(actor.bodies, "/");
        break;
    }
    if (actor.notOperator) {
        vi += ", không phải chính đơn vị vận hành hệ thống";
        en += ", not the system's own operating unit";
    }
    return {vi, en};
}

bool roundHas(const WorkflowFacts& facts, const Procedure& procedure, const std::string& record,
              bool needsNumber = false)
{
    for (const StepFact& fact : facts.round) {
        const ProcedureStep* step = procedure.step(fact.step, fact.level);
        if (step && step->records == record && (!needsNumber || !isBlank(fact.documentNumber)))
            return true;
    }
    return false;
}

void checkRequirement(const Procedure& procedure, const StepRequirement& requirement, const WorkflowFacts& facts,
                      const StepInput* input, std::vector<Reason>& reasons)
{
    switch (requirement.check) {
    case StepCheck::DossierComplete:
        if (facts.dossierComplete && !*facts.dossierComplete)
            reasons.push_back(
                {{"Hồ sơ đề xuất cấp độ chưa đầy đủ hoặc tệp đính kèm đã bị thay đổi: " + facts.dossierProblem.vi,
                  "The level-proposal dossier is incomplete or an attachment was altered: " + facts.dossierProblem.en},
                 requirement.citation});
        break;
    case StepCheck::SecurityRegulation:
        if (!facts.securityRegulation)
            reasons.push_back({{"Chưa có quyết định ban hành quy chế bảo đảm an toàn hệ thống thông tin",
                                "No decision issuing the system's security regulation is on record"},
                               requirement.citation});
        break;
    case StepCheck::AppraisalOpinion:
        if (!roundHas(facts, procedure, "appraisal-opinion", true))
            reasons.push_back({{"Hồ sơ phê duyệt cần văn bản thẩm định (có số, ngày) kết luận phù hợp",
                                "The approval dossier needs the appraisal opinion (with its number and date) "
                                "finding the dossier fit"},
                               requirement.citation});
        break;
    case StepCheck::PmList:
        if (!roundHas(facts, procedure, "pm-list", true))
            reasons.push_back({{"Cấp độ 5: chưa có quyết định của Thủ tướng Chính phủ phê duyệt danh mục",
                                "Level 5: the Prime Minister's decision approving the list is not on record"},
                               requirement.citation});
        break;
    case StepCheck::Note:
        if (input && isBlank(input->note))
            reasons.push_back(
                {{"Bước này cần ghi nội dung/lý do (--note)", "This step needs its decision text or reasons (--note)"},
                 requirement.citation});
        break;
    case StepCheck::Document:
        if (input && (isBlank(input->documentNumber) || !input->documentDate))
            reasons.push_back({{"Bước này cần số và ngày của văn bản (--number, --document-date)",
                                "This step needs the number and date of its document (--number, --document-date)"},
                               requirement.citation});
        break;
    case StepCheck::RuleSetInForce:
        if (!facts.ruleSetInForce)
            reasons.push_back({{"Bộ quy tắc đã đánh giá hệ thống không còn áp dụng vào ngày thực hiện; hãy đánh giá "
                                "lại theo bộ quy tắc hiện hành (seclevel system update)",
                                "The rule set that judged the system does not apply on the step date; re-assess "
                                "it under the rule set in force (seclevel system update)"},
                               requirement.citation});
        break;
    }
}

} // namespace

bool seatMayTake(const Procedure& procedure, const ProcedureStep& step, const WorkflowFacts& facts,
                 const UserStanding::Seat& seat)
{
    for (const StepActor& actor : step.actors)
        if (ruleApplies(procedure, actor, facts) && seatMatches(actor, seat, facts))
            return true;
    return false;
}

int roundLevel(const WorkflowFacts& facts)
{
    return facts.round.empty() ? 0 : facts.round.front().level;
}

StepDecision decideStep(const Procedure& procedure, const ProcedureStep& step, const WorkflowFacts& facts,
                        const UserStanding& user, const StepInput* input)
{
    StepDecision decision;
    decision.step = &step;
    decision.citation = step.citation;

    if (facts.level < 1 || facts.level > 5) {
        decision.reasons.push_back({{"Hệ thống chưa có cấp độ đề xuất: hãy đánh giá trước",
                                     "The system has no proposed level yet: assess it first"},
                                    step.citation});
        return decision;
    }
    if (!step.from.empty() && !contains(step.from, facts.state)) {
        const ProcedureState* state = procedure.state(facts.state);
        const std::string name = state ? state->name.vi : facts.state;
        const std::string nameEn = state ? state->name.en : facts.state;
        decision.reasons.push_back({{"Không thực hiện được ở trạng thái hiện tại (" + name + ")",
                                     "Not possible in the current state (" + nameEn + ")"},
                                    step.citation});
    }
    if (!appliesToLevel(step.levels, facts.level))
        decision.reasons.push_back({{"Bước này chỉ áp dụng cho cấp độ " + levelsText(step.levels) +
                                         "; cấp độ đề xuất là " + std::to_string(facts.level),
                                     "This step applies to level " + levelsText(step.levels) +
                                         " only; the proposed level is " + std::to_string(facts.level)},
                                    step.citation});
    const int submitted = roundLevel(facts);
    if (submitted != 0 && submitted != facts.level && !step.prepares)
        decision.reasons.push_back(
            {{"Cấp độ đề xuất đã đổi từ " + std::to_string(submitted) + " thành " + std::to_string(facts.level) +
                  " sau khi gửi hồ sơ: phải trình lại",
              "The proposed level changed from " + std::to_string(submitted) + " to " + std::to_string(facts.level) +
                  " after the dossier was sent: it must be submitted again"},
             step.citation});

    // Who: the first seat of the user that one of the applicable actor rules accepts.
    std::vector<const StepActor*> applicable;
    for (const StepActor& actor : step.actors)
        if (ruleApplies(procedure, actor, facts))
            applicable.push_back(&actor);
    bool seated = false;
    for (const StepActor* actor : applicable) {
        for (const UserStanding::Seat& seat : user.seats)
            if (seatMatches(*actor, seat, facts)) {
                decision.as = seat.membership;
                if (!actor->citation.empty())
                    decision.citation = actor->citation;
                seated = true;
                break;
            }
        if (seated)
            break;
    }
    if (!seated) {
        if (applicable.empty()) {
            decision.reasons.push_back(
                {{"Không có chủ thể nào có thẩm quyền thực hiện bước này vào ngày " + formatIsoDate(facts.date),
                  "Nobody is competent to take this step on " + formatIsoDate(facts.date)},
                 step.citation});
        } else {
            std::vector<std::string> vi, en;
            std::string cite;
            for (const StepActor* actor : applicable) {
                const LocalizedText who = describeRule(*actor);
                vi.push_back(who.vi);
                en.push_back(who.en);
                if (cite.empty())
                    cite = actor->citation;
            }
            decision.reasons.push_back(
                {{"Người dùng " + user.userId + " không có thẩm quyền: bước này do " + joined(vi, " hoặc ") +
                      " thực hiện",
                  "User " + user.userId + " is not competent: this step is taken by " + joined(en, " or ")},
                 cite.empty() ? step.citation : cite});
        }
    }

    // Separation of duties: whoever prepared or submitted this round cannot appraise or approve it.
    if (step.independent)
        for (const StepFact& fact : facts.round) {
            const ProcedureStep* earlier = procedure.step(fact.step, fact.level);
            if (earlier && earlier->prepares && fact.userId == user.userId) {
                decision.reasons.push_back({{"Người đã lập hoặc trình hồ sơ (" + earlier->name.vi +
                                                 ") không được thẩm định hoặc phê duyệt chính hồ sơ đó",
                                             "Whoever prepared or submitted the dossier (" + earlier->name.en +
                                                 ") may not appraise or approve it"},
                                            procedure.separationCitation});
                break;
            }
        }

    for (const StepRequirement& requirement : step.requirements)
        checkRequirement(procedure, requirement, facts, input, decision.reasons);

    decision.allowed = decision.reasons.empty();
    if (!decision.allowed)
        decision.as.reset();
    return decision;
}

std::vector<StepDecision> availableSteps(const Procedure& procedure, const WorkflowFacts& facts,
                                         const UserStanding& user)
{
    std::vector<StepDecision> allowed, refused;
    for (const ProcedureStep& step : procedure.steps) {
        if (!step.from.empty() && !contains(step.from, facts.state))
            continue;
        if (!appliesToLevel(step.levels, facts.level))
            continue;
        StepDecision decision = decideStep(procedure, step, facts, user, nullptr);
        (decision.allowed ? allowed : refused).push_back(std::move(decision));
    }
    allowed.insert(allowed.end(), std::make_move_iterator(refused.begin()), std::make_move_iterator(refused.end()));
    return allowed;
}

} // namespace seclevel
