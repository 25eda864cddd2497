#pragma once
// A rule set is the law as data: its questionnaire, its level criteria with citations, its floors and its
// named ambiguity warnings. Loaded from questionnaires/<ID>/ruleset.xml by src/rules; the core only reads it.
#include "core/Answers.h"
#include "core/Date.h"
#include "core/Text.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

enum class AnswerType { Choice, MultiChoice, Integer, Boolean, Text, Date };
const char* answerTypeName(AnswerType type);

struct Question;
struct RuleSet;

// A count over the whole system (NĐ331 Art 8.3: delimiting a system so as to lower its level is forbidden):
// the system's own answer when it gives one, else the sum of the answers its components give; and the
// largest value a component is judged on. Computed once per system for questions with a count scope.
struct SystemCount {
    Value total;         // unanswered when neither the system nor any component answers
    bool summed = false; // total is the sum of component answers (the system gave none)
    Value largest;       // the largest value any component is judged on (its own, else the system's)
};

// Why one atom of a condition is false, e.g. key "personal_data_subjects", requirement "≥ 10000",
// answered "3200". Rendered bilingually by explainShortfall().
struct Shortfall {
    std::string key;
    std::string requirement; // operator and operand, language-neutral: "≥ 10000", "= citizen_service", "∋ state_secret"
    std::string answered; // renderValue() of the answer, "—" when not answered
    bool negated = false; // the atom sits under a `not`
};

// Answers laid out by question position (Question::slot) for evaluating many conditions over one component
// quickly: built once per component, each lookup is an index instead of a string search. A key without a
// slot is looked up in `component`, then in `system`.
struct AnswerSlots {
    std::vector<const Value*> values;
    const AnswerSet* component = nullptr;
    const AnswerSet* system = nullptr;
    const std::vector<SystemCount>* counts = nullptr; // by slot; null when the rule set has no count scopes

    const Value& get(int slot, const std::string& key) const;
};

// A typed boolean condition over answers. Implemented by the expression language in src/rules.
class Condition {
public:
    virtual ~Condition() = default;
    virtual bool evaluate(const AnswerSet& answers) const = 0;
    // The answer keys the condition reads, in order of first appearance.
    virtual const std::vector<std::string>& keys() const = 0;
    // The atoms that keep the condition from being true (empty when it is true). For `a or b` the shortest
    // alternative's shortfalls.
    virtual std::vector<Shortfall> shortfalls(const AnswerSet& answers) const = 0;
    // shortfalls(answers).size(), without building any text (the derivation ranks every missed criterion).
    virtual size_t shortfallCount(const AnswerSet& answers) const = 0;
    // The same over slotted answers (the derivation's fast path).
    virtual bool evaluate(const AnswerSlots& answers) const = 0;
    virtual std::vector<Shortfall> shortfalls(const AnswerSlots& answers) const = 0;
    virtual size_t shortfallCount(const AnswerSlots& answers) const = 0;
    // The slot of each of keys() (−1 when its question has none).
    virtual const std::vector<int>& keySlots() const = 0;
    // The expression as written in the rule set.
    virtual const std::string& source() const = 0;
};

using ConditionPtr = std::shared_ptr<const Condition>;

struct Option {
    std::string value;
    LocalizedText label;
};

struct Question {
    std::string key;
    AnswerType type = AnswerType::Text;
    LocalizedText text;
    LocalizedText help;
    std::string citation;
    std::vector<Option> options;          // choice and multi-choice
    std::optional<std::int64_t> min, max; // integer
    // Integer counts only: how the count adds up over components. Component = each component is judged on
    // its own count (NĐ85 Art 5.2) but system_total()/component_max() are available to warnings; System =
    // every component is judged on the count of the whole system (NĐ331 Art 8.3). Either way a component
    // may not declare more than the system.
    enum class CountScope { None, Component, System } countScope = CountScope::None;
    bool required = false;   // required whenever shown
    ConditionPtr showIf;     // null = always shown
    ConditionPtr requiredIf; // null = see `required`
    int line = 0;            // in the rule-set file
    int slot = -1;           // position in RuleSet::questions, set by the loader

    const Option* option(const std::string& value) const;
};

enum class CriterionKind {
    Criterion, // a level criterion of the law (NĐ85 Art 7–11, NĐ331 Art 11–15)
    Floor      // a minimum the law implies (e.g. a state secret never below level 3)
};

struct Criterion {
    std::string id;
    int level = 0;
    std::string citation; // "NĐ85 Art 9.2.c"
    LocalizedText text;
    ConditionPtr when;
    CriterionKind kind = CriterionKind::Criterion;
    int line = 0;
    // A fallback row (legal note A9): evaluated only for a component where no criterion of kind Criterion
    // that is not itself a fallback fires.
    bool fallback = false;
};

// A named warning for a point where the law is ambiguous (legal-basis §2.3 A1–A11) or an assumption is made.
struct WarningRule {
    std::string id; // "A8"
    std::string citation;
    LocalizedText text;
    ConditionPtr when; // null = no condition on the answers (then decidedBy is not empty)
    int line = 0;
    // Positions in RuleSet::criteria. When not empty the warning is raised only where these criteria decide
    // the component's level: without them the level would be lower.
    std::vector<size_t> decidedBy = {};
    // The text holds "{decisive}", replaced by the citations of the criteria that set the component's level.
    bool namesDecisive = false;
};

// A combination of answers the law does not allow, refused when the answers are checked (exit 2): e.g. a
// system that settles administrative procedures declared as an internal system (NĐ331 Art 9.2.b).
struct RefusalRule {
    std::string id;
    std::string citation;
    std::string key; // the answer the refusal is about; checked where this answer is given
    LocalizedText text;
    ConditionPtr when;
    int line = 0;
};

struct Instrument {
    std::string code; // "NĐ85"
    LocalizedText title;
    // The short name a citation ends with: "Nghị định số 85/2016/NĐ-CP" / "Decree 85/2016/ND-CP". Empty in a
    // rule set's own list (ruleset.xml gives titles); filled from the instrument register
    // (questionnaires/instruments.xml, see core/Citation.h).
    LocalizedText name;
};

struct RuleSet {
    std::string id;      // "VN-2022"
    std::string version; // "1.0.0"
    LocalizedText title;
    std::optional<Date> validFrom;
    std::optional<Date> validTo; // inclusive; empty = still in force
    std::vector<Instrument> instruments;
    std::vector<Question> questions;
    std::vector<Criterion> criteria;
    std::vector<WarningRule> warnings;
    std::vector<RefusalRule> refusals;
    std::string sourceFile;
    // Question positions in key order, for slotting answers with one merge walk (see indexQuestions).
    std::vector<int> questionsByKey;
    // Positions of the questions with a count scope (see indexQuestions).
    std::vector<int> countSlots;

    const Question* question(const std::string& key) const;
    bool appliesOn(Date date) const;
};

bool ruleSetAppliesOn(const RuleSet& ruleSet, Date date);

// The rule set in force on `date` (the one with the latest validFrom among those that apply), or null.
const RuleSet* ruleSetInForce(const std::vector<RuleSet>& ruleSets, Date date);
// Sets every Question::slot to its position and fills questionsByKey and countSlots. Loaders call it once.
void indexQuestions(RuleSet& ruleSet);

// Slots for every question of the rule set: the component's answer where it has one, else the system's.
AnswerSlots slotAnswers(const RuleSet& ruleSet, const AnswerSet* component, const AnswerSet& system);

// A question is asked only while its show-if holds (an unanswered key makes a comparison false).
bool isQuestionShown(const Question& question, const AnswerSet& answers);
// Shown, and then required-if when the question has one, else its `required` attribute.
bool isQuestionRequired(const Question& question, const AnswerSet& answers);

const RuleSet* ruleSetById(const std::vector<RuleSet>& ruleSets, const std::string& id);

// "personal_data_subjects: cần ≥ 10000; đã trả lời 3200" (vi) / "…: needs ≥ 10000; answered 3200" (en).
std::string explainShortfall(const Shortfall& shortfall, const RuleSet& ruleSet, Lang lang);

} // namespace seclevel
