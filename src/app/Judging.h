#pragma once
// Judging a system: choose the rule set, validate the answers against its questionnaire, derive the level,
// record the owner's proposal. The one place every front end (assess, system add/update, dossier import,
// the server) goes through, so the rule "proposed ≥ derived; higher needs a justification" lives in
// core/Assessment.cpp (proposeLevel) and is applied here only.
#include "app/Catalogue.h"
#include "core/Actor.h"
#include "core/Assessment.h"
#include "core/Date.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// Something the user should know about a result that is not an error (e.g. a rule set named explicitly that
// is not in force on the date given).
struct Notice {
    std::string id; // "RULESET-DATE", "RULESET-VERSION", …
    LocalizedText text;
};

// Which rule set judges: the one named, else the one in force on `asOf`, else on `today`.
struct RuleSetChoice {
    std::optional<std::string> rulesetId;
    std::optional<Date> asOf;
};

// An owner's proposal of a level above the derived one (NĐ85 Art 15.1; NĐ331 Art 21): level 0 = none.
struct Proposal {
    int level = 0;
    std::string justification;
};

struct Judgement {
    const RuleSet* ruleSet = nullptr; // owned by the Catalogue
    SystemDescription system;         // as validated (typed answers)
    Assessment assessment;
    std::vector<Notice> notices;
};

// The rule set the choice names (ErrorKind::NotFound with the known ids), with a notice when a named rule
// set does not apply on an explicit date.
Result<const RuleSet*> chooseRuleSet(const Catalogue& catalogue, const RuleSetChoice& choice, Date today,
                                     std::vector<Notice>& notices);

// Validates (ErrorKind::InvalidInput, naming file, line and key) and derives under `ruleSet`; applies the
// proposal (ErrorKind::Refused below the derived level, or higher without a justification).
Result<Judgement> judgeUnder(const RuleSet& ruleSet, SystemDescription system, const Proposal& proposal);

Result<Judgement> judge(const Catalogue& catalogue, SystemDescription system, const RuleSetChoice& choice,
                        const Proposal& proposal, Date today);

// The same answers judged by two rule sets, with what changed.
struct ReassessOutcome {
    const RuleSet* from = nullptr;
    const RuleSet* to = nullptr;
    Reassessment diff;
};
Result<ReassessOutcome> reassess(const Catalogue& catalogue, const SystemDescription& system, const RuleSetChoice& from,
                                 const RuleSetChoice& to, Date today);

// Today's date in UTC+7 (Vietnam), the date statutory rules are read on.
Date todayInVietnam(TimePoint now);

} // namespace seclevel
