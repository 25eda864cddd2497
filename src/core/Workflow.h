#pragma once
// Decisions of the appraisal and approval procedure (core/Procedure.h): which steps a user may take now, and
// why a step is refused, each reason citing the article behind it. Pure: the facts come in as values
// (the system's place in the organisation tree, its state and round, the user's roles, the checks the
// application made), the decision goes out as a value.
#include "core/Procedure.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace seclevel {

// A user as the procedure sees them: each role in each organisation, with that organisation's ancestors
// (self first) and authority code.
struct UserStanding {
    std::string userId;
    struct Seat {
        Membership membership;
        std::vector<std::string> chain; // the organisation, its parent, …, the root
        std::string authorityCode;      // "MIC", "MPS", "MOD", "BCY"; empty for ordinary bodies
    };
    std::vector<Seat> seats;
};

// One recorded step, as the decisions need it.
struct StepFact {
    std::string step;
    std::string userId;
    int level = 0;
    std::string documentNumber;
};

struct WorkflowFacts {
    std::string systemId;
    std::vector<std::string> chain;            // the system's organisation, its parent, …, the root
    std::vector<std::string> chainAuthorities; // authority codes met along the chain (e.g. "MOD")
    bool securityUnitOperates = false;         // a security-unit seat exists in the system's own organisation
    std::string state;                         // current state id (the procedure's initial state before any step)
    int level = 0;                             // the proposed level now
    std::vector<StepFact> round;               // steps since the last approval, oldest first
    bool securityRegulation = false;           // a security regulation is on record
    Date date{};                               // the date the step is taken on
    // Filled by the application before deciding:
    std::optional<bool> dossierComplete; // nullopt = not checked
    LocalizedText dossierProblem;        // why it is not complete
    bool ruleSetInForce = true;
};

// What the user gives with a step.
struct StepInput {
    std::string documentNumber;
    std::optional<Date> documentDate;
    std::string note;
};

struct Reason {
    LocalizedText text;
    std::string citation;
};

struct StepDecision {
    const ProcedureStep* step = nullptr;
    bool allowed = false;
    std::optional<Membership> as; // the seat the user takes it in
    std::string citation;         // the article behind the step (or behind the seat)
    std::vector<Reason> reasons;  // why not (empty when allowed)
};

// Decides one step for one user. `input` is checked only when given (actions() leaves it out).
StepDecision decideStep(const Procedure& procedure, const ProcedureStep& step, const WorkflowFacts& facts,
                        const UserStanding& user, const StepInput* input);

// Every step of the procedure that leads out of the current state (or records a fact) for this level, each
// decided for the user: allowed ones first.
std::vector<StepDecision> availableSteps(const Procedure& procedure, const WorkflowFacts& facts,
                                         const UserStanding& user);

// Whether a seat (a role in an organisation) is one the procedure lets take `step` for the system of `facts` on
// facts.date: some actor rule of the step applies and the seat sits where it wants. What an inspection checks
// against a recorded approval (approval by the wrong authority for its level).
bool seatMayTake(const Procedure& procedure, const ProcedureStep& step, const WorkflowFacts& facts,
                 const UserStanding::Seat& seat);

// The level the current round was submitted at (0 when the round has no step yet).
int roundLevel(const WorkflowFacts& facts);

} // namespace seclevel
