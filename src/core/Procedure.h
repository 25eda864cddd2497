#pragma once
// The appraisal and approval procedure of a rule set, as data (questionnaires/<ID>/procedure.xml, checked
// against schemas/procedure.xsd): the states a system's level dossier goes through, the steps between them,
// who may take each step (role, where the user's organisation stands relative to the system, which national
// body, from and until which date), what a step needs before it may be taken, the statutory clocks, the
// recurring duties of an approved system and what makes an approved system need re-determination.
//
// NĐ85 Art 12, 14, 16, 17, 18, 20–22 (VN-2016, VN-2022); NĐ331 Art 18, 20, 23–25, 31–33, 36, 39 (VN-2026).
// The decisions on this data are in core/Workflow.h; nothing here knows a store or a terminal.
#include "core/Actor.h"
#include "core/Date.h"
#include "core/Text.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct ProcedureState {
    std::string id; // "draft", "submitted_for_appraisal", …
    LocalizedText name;
    std::string form08Status; // NĐ331 Form 08 column 6 wording ("Đang dự thảo", "Đã gửi thẩm định", …)
};

// Where the organisation a user acts for must stand for a step.
enum class ActorScope {
    SystemTree,  // the system's organisation or one of its ancestors (the owner's tree)
    Subordinate, // a unit directly under one of those (a subordinate unit, an independent appraisal council)
    Body         // an organisation whose authority code is one of `bodies` (a national appraising body)
};

// One way of being entitled to a step.
struct StepActor {
    Role role = Role::Operator;
    ActorScope scope = ActorScope::SystemTree;
    std::vector<std::string> bodies;   // ActorScope::Body: accepted authority codes ("MIC", "MPS", …)
    std::string managedBy;             // only for systems under an organisation with this authority code
    bool notForManaged = false;        // only for systems under none of the procedure's managing codes
    bool notOperator = false;          // the user's organisation must not be the system's own (TT12 Art 6)
    bool onlyWhenUnitOperates = false; // only when the owner's security unit is the system's operator
    std::optional<Date> validFrom;     // inclusive
    std::optional<Date> validTo;       // inclusive
    std::string citation;              // "NĐ85 Art 12.2.a"
};

// What a step needs before it may be taken (a fixed vocabulary; see core/Workflow.cpp).
enum class StepCheck {
    DossierComplete,    // `dossier check` finds nothing missing or altered (NĐ85 Art 15)
    SecurityRegulation, // the security regulation was issued (TT12 Art 9.7, NĐ331 Art 30.7)
    AppraisalOpinion,   // a "fit" appraisal opinion with its number in this round (NĐ85 Art 17.1)
    PmList,             // level 5: the Prime Minister's list decision recorded in this round
    Note,               // a decision text / reasons
    Document,           // the number and date of the document the step issues
    RuleSetInForce      // the rule set that judged the system applies on the step date
};

struct StepRequirement {
    StepCheck check = StepCheck::Note;
    std::string citation;
};

struct ProcedureStep {
    std::string id; // "submit_appraisal"
    LocalizedText name;
    std::vector<std::string> from; // states it may be taken from; empty = any state (a record, no state change)
    std::string to;                // state after it; empty = stays (a record only)
    std::vector<int> levels;       // proposed levels it applies to; empty = all
    std::vector<StepActor> actors;
    std::vector<StepRequirement> requirements;
    std::string citation;
    bool prepares = false;          // the user who takes it prepared the dossier of this round
    bool independent = false;       // may not be taken by anyone who prepared this round (separation of duties)
    bool setsApprovedLevel = false; // approval: the round's level becomes the approved level
    std::string records;            // a fact it records: "security-regulation", "pm-list", "appraisal-opinion"
    std::string form;               // the document it issues (e.g. "NĐ331 Form 06"), for the generated documents
    std::string document;           // the template of that document in documents.xml ("nd331-06"); empty = none
};

enum class ClockUnit { CalendarDays, WorkingDays };

// A statutory time limit: runs from the step that starts it until one of the steps that stop it.
struct ClockRule {
    std::string id; // "appraisal"
    LocalizedText name;
    std::vector<std::string> startSteps;
    std::vector<std::string> stopSteps;
    std::vector<int> levels; // empty = all
    int count = 0;
    ClockUnit unit = ClockUnit::CalendarDays;
    std::string owedBy;  // role owing the answer ("security_unit", "appraising_body", "owner")
    bool window = false; // a window that closes at its end (e.g. returning an invalid dossier), never overdue
    std::string citation;
};

// A recurring or one-off duty of an approved system.
struct DutyRule {
    std::string id; // "periodic-assessment"
    LocalizedText name;
    Role owedBy = Role::Owner;
    std::vector<int> levels;       // empty = all
    int everyMonths = 0;           // recurring period; 0 = see `annualDue` / `due` / on event
    std::string annualDue;         // "12-20": due every year on that day (month-day)
    std::optional<Date> due;       // a fixed date (transition deadlines)
    std::string onlyApprovedUnder; // only for systems approved under this rule set (transition duties)
    bool once = false;             // owed once, from the approval (e.g. designating the security unit)
    bool onEvent = false;          // owed when an event happens (incident reports): listed, never overdue
    std::string evidence;          // what the fulfilment must show (e.g. "qualified-assessor")
    std::string note;              // e.g. "[U] 30/06/2027 or 01/07/2027"
    std::string citation;
};

// Who carried out an inspection and assessment of a system (NĐ85 Art 20.2.c; NĐ331 Art 31.2.c): the body's own
// unit ("internal"), a licensed professional organisation ("licensed"), a state public-service unit with a matching
// mandate ("public-service"), or a professional organisation designated by a competent authority ("designated").
// Which kinds a level needs is the finding rules' data (questionnaires/<ID>/findings.xml, attribute qualified).
inline bool isAssessorKind(const std::string& kind)
{
    return kind == "internal" || kind == "licensed" || kind == "public-service" || kind == "designated";
}

// What makes an approved system need re-determination (NĐ85 Art 18; NĐ331 Art 10.2, 25).
struct RedeterminationTrigger {
    std::string kind;              // "derived-level", "ruleset", "components", "answer"
    std::vector<std::string> keys; // kind "answer": the answer keys whose change triggers it
    std::string citation;
};

struct Procedure {
    std::string rulesetId;
    std::string version;
    std::string initialState = "draft";
    std::string approvedState = "approved";
    std::string redeterminationState = "redetermination_required";
    std::vector<std::string> managingBodies; // authority codes that appraise their own systems (MOD, MPS, BCY)
    std::string separationCitation;          // the article behind the separation of duties
    std::vector<ProcedureState> states;
    std::vector<ProcedureStep> steps;
    std::vector<ClockRule> clocks;
    std::vector<DutyRule> duties;
    std::vector<RedeterminationTrigger> triggers;
    std::string sourceFile;

    const ProcedureState* state(const std::string& id) const;
    // A step may be defined once per group of levels (e.g. appraisal of levels 1–3 and of levels 4–5): the
    // definition for `level`, else the first of that id.
    const ProcedureStep* step(const std::string& id, int level = 0) const;
};

bool appliesToLevel(const std::vector<int>& levels, int level);

} // namespace seclevel
