#include "core/System.h"

namespace seclevel {

AnswerSet effectiveAnswers(const SystemDescription& system, const Component& component)
{
    AnswerSet merged = system.answers;
    for (const auto& [key, value] : component.answers.values) {
        merged.values[key] = value;
        if (const int line = component.answers.lineOf(key))
            merged.lines[key] = line;
    }
    return merged;
}

} // namespace seclevel
