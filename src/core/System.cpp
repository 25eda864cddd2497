#include "core/System.h"

namespace seclevel {

AnswerSet effectiveAnswers(const SystemDescription& system, const Component& component)
{
    AnswerSet merged = system.answers;
    for (const auto& [key, value] : component.answers.values) {
        merged.values[key] = value;
        merged.lines[key] = component.answers.lineOf(key);
    }
    return merged;
}

} // namespace seclevel
