#pragma once
// An assessment as XML (namespace urn:seclevel:assessment:1): the rule set that judged it, the three levels,
// each component's basis with the answers behind it, the nearest criteria not met, and the warnings.
#include "core/Assessment.h"
#include "core/RuleSet.h"
#include "core/System.h"

#include <string>

namespace seclevel {

std::string assessmentToXml(const Assessment& assessment, const RuleSet& ruleSet, const SystemDescription& system,
                            Lang lang);

} // namespace seclevel
