#include "core/RuleSet.h"

#include <algorithm>

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

const Value& AnswerSlots::get(int slot, const std::string& key) const
{
    if (slot >= 0 && static_cast<size_t>(slot) < values.size())
        return *values[static_cast<size_t>(slot)];
    if (component && component->has(key))
        return component->get(key);
    static const Value none;
    return system ? system->get(key) : none;
}

bool ruleSetAppliesOn(const RuleSet& ruleSet, Date date)
{
    return ruleSet.appliesOn(date);
}

void indexQuestions(RuleSet& ruleSet)
{
    ruleSet.questionsByKey.clear();
    ruleSet.countSlots.clear();
    for (size_t i = 0; i < ruleSet.questions.size(); ++i) {
        ruleSet.questions[i].slot = static_cast<int>(i);
        ruleSet.questionsByKey.push_back(static_cast<int>(i));
        if (ruleSet.questions[i].countScope != Question::CountScope::None)
            ruleSet.countSlots.push_back(static_cast<int>(i));
    }
    std::sort(ruleSet.questionsByKey.begin(), ruleSet.questionsByKey.end(), [&](int a, int b) {
        return ruleSet.questions[static_cast<size_t>(a)].key < ruleSet.questions[static_cast<size_t>(b)].key;
    });
}

namespace {

// Both sides are in key order: one merge walk fills the slots without a single lookup.
void fillSlots(const RuleSet& ruleSet, const AnswerSet& answers, std::vector<const Value*>& values)
{
    auto answer = answers.values.begin();
    for (int index : ruleSet.questionsByKey) {
        const std::string& key = ruleSet.questions[static_cast<size_t>(index)].key;
        while (answer != answers.values.end() && answer->first < key)
            ++answer;
        if (answer == answers.values.end())
            return;
        if (answer->first == key && isAnswered(answer->second))
            values[static_cast<size_t>(index)] = &answer->second;
    }
}

} // namespace

AnswerSlots slotAnswers(const RuleSet& ruleSet, const AnswerSet* component, const AnswerSet& system)
{
    static const Value none;
    AnswerSlots slots;
    slots.component = component;
    slots.system = &system;
    if (ruleSet.questionsByKey.size() == ruleSet.questions.size()) {
        slots.values.assign(ruleSet.questions.size(), &none);
        fillSlots(ruleSet, system, slots.values);
        if (component)
            fillSlots(ruleSet, *component, slots.values);
        return slots;
    }
    slots.values.reserve(ruleSet.questions.size());
    for (const auto& q : ruleSet.questions)
        slots.values.push_back(component && component->has(q.key) ? &component->get(q.key) : &system.get(q.key));
    return slots;
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

bool isQuestionShown(const Question& question, const AnswerSet& answers)
{
    return !question.showIf || question.showIf->evaluate(answers);
}

bool isQuestionRequired(const Question& question, const AnswerSet& answers)
{
    if (!isQuestionShown(question, answers))
        return false;
    return question.requiredIf ? question.requiredIf->evaluate(answers) : question.required;
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
