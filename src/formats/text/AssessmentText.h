#pragma once
// The human-readable explanation of an assessment, for terminals and plain-text reports.
#include "core/Assessment.h"
#include "core/RuleSet.h"
#include "core/System.h"

#include <string>

namespace seclevel {

std::string assessmentToText(const Assessment& assessment, const RuleSet& ruleSet, const SystemDescription& system,
                             Lang lang);
std::string reassessmentToText(const Reassessment& diff, const RuleSet& before, const RuleSet& after, Lang lang);

} // namespace seclevel
