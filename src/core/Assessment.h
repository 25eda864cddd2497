#pragma once
// Deriving the proposed security level (cấp độ) from answers, with the trace that explains it clause by clause.
#include "core/Error.h"
#include "core/RuleSet.h"
#include "core/System.h"

#include <string>
#include <utility>
#include <vector>

namespace seclevel {

struct FiredCriterion {
    std::string id;
    int level = 0;
    std::string citation;
    LocalizedText text;
    CriterionKind kind = CriterionKind::Criterion;
    std::vector<std::pair<std::string, Value>> answers; // the answers the criterion read, in its order
};

struct MissedCriterion {
    std::string id;
    int level = 0;
    std::string citation;
    LocalizedText text;
    std::vector<Shortfall> shortfalls;
};

struct RaisedWarning {
    std::string id;
    std::string citation;
    LocalizedText text;
    std::string component; // empty = the whole system
};

struct ComponentResult {
    std::string name;
    int level = 0;                        // 0 = no criterion fired
    std::vector<FiredCriterion> fired;    // highest level first
    std::vector<MissedCriterion> nearest; // criteria above `level` closest to firing, fewest shortfalls first
};

struct Assessment {
    std::string rulesetId;
    std::string rulesetVersion;
    int derivedLevel = 0;  // max over components (NĐ85 Art 5.2; NĐ331 Art 8.2)
    int proposedLevel = 0; // = derived unless the owner proposes higher with a justification
    std::string justification;
    std::vector<ComponentResult> components;
    std::vector<RaisedWarning> warnings;

    // The fired criterion with the highest level over all components (what forbids a lower proposal).
    const FiredCriterion* decisiveCriterion() const;
};

// Checks answers against the questionnaire: unknown keys, wrong types, out-of-range and unknown choice
// values, missing required answers (taking show-if / required-if into account). Converts date answers
// given as ISO strings into dates. Errors name the file, the line and the key.
Result<SystemDescription> validateAnswers(const RuleSet& ruleSet, SystemDescription system);

// Evaluates every criterion, floor and warning of the rule set for every component. The system must have
// passed validateAnswers. A system without components is judged as one component named after the system.
Assessment deriveLevel(const RuleSet& ruleSet, const SystemDescription& system);

// Records an owner's proposal. Higher than derived needs a non-empty justification; lower is refused with
// the criterion that forbids it.
Result<Assessment> proposeLevel(Assessment assessment, int proposedLevel, const std::string& justification);

// What changes when the same answers are judged by another rule set.
struct CitationChange {
    std::string component;
    std::string citation;
    int level = 0;
    bool added = false; // fired only under the second rule set; otherwise only under the first
};

struct Reassessment {
    Assessment before;
    Assessment after;
    std::vector<std::pair<std::string, std::pair<int, int>>> componentLevels; // name → (before, after)
    std::vector<CitationChange> citationChanges;
};

Reassessment compareAssessments(Assessment before, Assessment after);

} // namespace seclevel
