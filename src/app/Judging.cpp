#include "app/Judging.h"

#include "core/Actor.h"
#include "core/TextSafety.h"

namespace seclevel {

namespace {

std::string knownRuleSets(const Catalogue& catalogue)
{
    std::string known;
    for (const auto& rs : catalogue.ruleSets())
        known += (known.empty() ? "" : ", ") + rs.id;
    return known;
}

std::string applicability(const RuleSet& ruleSet)
{
    std::string from = ruleSet.validFrom ? formatIsoDate(*ruleSet.validFrom) : "…";
    std::string to = ruleSet.validTo ? formatIsoDate(*ruleSet.validTo) : "…";
    return from + " – " + to;
}

Result<const RuleSet*> ruleSetNamed(const Catalogue& catalogue, const std::string& id)
{
    if (const RuleSet* rs = catalogue.ruleSet(id))
        return rs;
    const std::string known = knownRuleSets(catalogue);
    return makeError(ErrorKind::NotFound, "", 0, "--ruleset", "không có bộ quy tắc '" + id + "' (có: " + known + ")",
                     "no rule set '" + id + "' (known: " + known + ")");
}

} // namespace

Date todayInVietnam(TimePoint now)
{
    return Date{std::chrono::floor<std::chrono::days>(now + std::chrono::hours{7})};
}

Result<const RuleSet*> chooseRuleSet(const Catalogue& catalogue, const RuleSetChoice& choice, Date today,
                                     std::vector<Notice>& notices)
{
    if (choice.rulesetId) {
        auto named = ruleSetNamed(catalogue, *choice.rulesetId);
        if (!named)
            return named;
        if (choice.asOf && !(*named)->appliesOn(*choice.asOf)) {
            const std::string date = formatIsoDate(*choice.asOf);
            const std::string span = applicability(**named);
            notices.push_back({"RULESET-DATE",
                               {"bộ quy tắc " + (*named)->id + " không áp dụng ngày " + date + " (áp dụng " + span +
                                    "); kết quả theo " + (*named)->id + " như đã yêu cầu",
                                "the rule set " + (*named)->id + " does not apply on " + date + " (it applies " + span +
                                    "); judged under " + (*named)->id + " as requested"}});
        }
        return named;
    }
    const Date date = choice.asOf.value_or(today);
    if (const RuleSet* rs = ruleSetInForce(catalogue.ruleSets(), date))
        return rs;
    return makeError(ErrorKind::NotFound, "", 0, "--as-of",
                     "không có bộ quy tắc nào áp dụng ngày " + formatIsoDate(date),
                     "no rule set applies on " + formatIsoDate(date));
}

Result<Judgement> judgeUnder(const RuleSet& ruleSet, SystemDescription system, const Proposal& proposal)
{
    auto valid = validateAnswers(ruleSet, std::move(system));
    if (!valid)
        return withKind(valid.errors(), ErrorKind::InvalidInput);
    Judgement judgement;
    judgement.ruleSet = &ruleSet;
    judgement.system = std::move(*valid);
    judgement.assessment = deriveLevel(ruleSet, judgement.system);
    if (auto unsafe = checkFreeText(proposal.justification, "--justification"))
        return *unsafe;
    if (proposal.level != 0) {
        auto proposed = proposeLevel(std::move(judgement.assessment), proposal.level, proposal.justification);
        if (!proposed)
            return withKind(proposed.errors(), ErrorKind::Refused);
        judgement.assessment = std::move(*proposed);
    }
    return judgement;
}

Result<Judgement> judge(const Catalogue& catalogue, SystemDescription system, const RuleSetChoice& choice,
                        const Proposal& proposal, Date today)
{
    std::vector<Notice> notices;
    auto ruleSet = chooseRuleSet(catalogue, choice, today, notices);
    if (!ruleSet)
        return ruleSet.errors();
    auto judgement = judgeUnder(**ruleSet, std::move(system), proposal);
    if (judgement)
        judgement->notices = std::move(notices);
    return judgement;
}

Result<ReassessOutcome> reassess(const Catalogue& catalogue, const SystemDescription& system, const RuleSetChoice& from,
                                 const RuleSetChoice& to, Date today)
{
    auto before = judge(catalogue, system, from, {}, today);
    if (!before)
        return before.errors();
    auto after = judge(catalogue, system, to, {}, today);
    if (!after)
        return after.errors();
    ReassessOutcome outcome;
    outcome.from = before->ruleSet;
    outcome.to = after->ruleSet;
    outcome.diff = compareAssessments(std::move(before->assessment), std::move(after->assessment));
    return outcome;
}

} // namespace seclevel
