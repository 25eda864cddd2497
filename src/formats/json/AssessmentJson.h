#pragma once
// An assessment as JSON, for the CLI's --json output and the HTTP API. Texts are in the requested language;
// answer values keep their natural JSON types (dates as "YYYY-MM-DD").
//
//   {"ruleset", "ruleset_version", "ruleset_title", "level" (= proposed), "derived_level", "proposed_level",
//    "justification",
//    "components": [{"name", "level",
//                    "basis":   [{"id", "citation", "level", "kind": "criterion"|"floor", "text", "answers": {…}}],
//                    "nearest": [{"id", "citation", "level", "text", "missing": ["<explainShortfall>", …]}]}],
//    "basis":    [the fired criteria of all components, each with "component" first],
//    "warnings": [{"id", "citation", "text", "component"}]}
#include "codec/Json.h"
#include "core/Assessment.h"
#include "core/RuleSet.h"

#include <string>

namespace seclevel {

std::string assessmentToJson(const Assessment& assessment, const RuleSet& ruleSet, Lang lang);

// {"before": {…}, "after": {…}, "level_change": {"from", "to"}, "components": [{"name", "from", "to"}],
//  "citations_added": [{"component", "citation", "level"}], "citations_removed": [...]}.
// The levels compared are the proposed levels, i.e. the "level" of each side.
std::string reassessmentToJson(const Reassessment& reassessment, const RuleSet& before, const RuleSet& after,
                               Lang lang);

// The assessment object written into an enclosing document (e.g. an API response).
void writeAssessment(json::Writer& writer, const Assessment& assessment, const RuleSet& ruleSet, Lang lang);

const char* criterionKindName(CriterionKind kind); // "criterion" | "floor"

} // namespace seclevel
