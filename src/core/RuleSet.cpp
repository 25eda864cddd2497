#include "core/RuleSet.h"

namespace seclevel {

const char* answerTypeName(AnswerType type)
{
    switch (type) {
    case AnswerType::Choice: return "choice";
    case AnswerType::MultiChoice: return "multi_choice";
    case AnswerType::Integer: return "integer";
    case AnswerType::Boolean: return "boolean";
    case AnswerType::Text: return "text";
    case AnswerType::Date: return "date";
    }
    return "?";
}

const Option* Question::option(const std::string& value) const
{
    for (const auto& o : options)
        if (o.value == value)
            return &o;
    return nullptr;
}

const Question* RuleSet::question(const std::string& key) const
{
    for (const auto& q : questions)
        if (q.key == key)
            return &q;
    return nullptr;
}

bool RuleSet::appliesOn(Date date) const
{
    if (validFrom && date < *validFrom)
        return false;
    if (validTo && date > *validTo)
        return false;
    return true;
}

const RuleSet* ruleSetInForce(const std::vector<RuleSet>& ruleSets, Date date)
{
    const RuleSet* best = nullptr;
    for (const auto& rs : ruleSets) {
        if (!rs.appliesOn(date))
            continue;
        if (!best || (rs.validFrom && (!best->validFrom || *rs.validFrom > *best->validFrom)))
            best = &rs;
    }
    return best;
}

const RuleSet* ruleSetById(const std::vector<RuleSet>& ruleSets, const std::string& id)
{
    for (const auto& rs : ruleSets)
        if (rs.id == id)
            return &rs;
    return nullptr;
}

std::string explainShortfall(const Shortfall& shortfall, const RuleSet& ruleSet, Lang lang)
{
    std::string subject = shortfall.key;
    if (const Question* q = ruleSet.question(shortfall.key); q && !q->text.empty())
        subject = q->text.in(lang) + " (" + shortfall.key + ")";
    const bool vi = lang == Lang::Vi;
    std::string need = shortfall.negated ? (vi ? "cần không thỏa " : "needs not ") : (vi ? "cần " : "needs ");
    std::string answered = shortfall.answered == "—" ? (vi ? "chưa trả lời" : "not answered")
                                                     : (vi ? "đã trả lời " : "answered ") + shortfall.answered;
    return subject + ": " + need + shortfall.requirement + "; " + answered;
}

} // namespace seclevel
