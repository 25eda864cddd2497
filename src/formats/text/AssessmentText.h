#pragma once
// The human-readable explanation of an assessment, for terminals and plain-text reports.
#include "core/Assessment.h"
#include "core/Citation.h"
#include "core/RuleSet.h"
#include "core/System.h"

#include <string>

namespace seclevel {

// Citations read the Vietnamese way in Vietnamese text ("điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP", names
// from `instruments`), in machine form in English text.
std::string assessmentToText(const Assessment& assessment, const RuleSet& ruleSet, const SystemDescription& system,
                             Lang lang, const InstrumentRegister& instruments);
std::string reassessmentToText(const Reassessment& diff, const RuleSet& before, const RuleSet& after, Lang lang,
                               const InstrumentRegister& instruments);

} // namespace seclevel
