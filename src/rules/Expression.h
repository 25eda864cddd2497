#pragma once
// The condition language of rule sets (show-if, required-if, criteria, warnings). Small and typed:
//   system_type == 'citizen_service' and personal_data_subjects >= 10000
//   info_classes contains 'state_secret' or defence_security_harm in ['serious', 'especially_serious']
// Operators: == != < <= > >= in contains contains_any subset_of, answered(key), a bare boolean key,
// and / or / not, parentheses. An unanswered key makes its comparison false. Every key and literal is
// checked against the questionnaire when the rule set is loaded.
#include "core/Error.h"
#include "core/RuleSet.h"

#include <functional>
#include <string>

namespace seclevel {

// Looks a question up by key while a rule set is being loaded (null = no such question).
using QuestionLookup = std::function<const Question*(const std::string& key)>;

// Parses and type-checks `text`. Errors name `file`, `line` and `field` (the element the text came from).
// With `systemCounts`, the text may also use, for a question with a count scope (Question::countScope),
//   system_total(key) <op> N   the count of the whole system (its own answer, else the sum of its components')
//   component_max(key) <op> N  the largest count a component is judged on
//   summed(key)                the whole-system count is a sum of component counts (the system gave none)
// These are known only while a whole system is judged (criteria and warnings), never while answers are
// being asked (show-if, required-if, refusals).
Result<ConditionPtr> parseCondition(const std::string& text, const QuestionLookup& questions, const std::string& file,
                                    int line, const std::string& field, bool systemCounts = false);

} // namespace seclevel
