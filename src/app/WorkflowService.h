#pragma once
// The appraisal and approval procedure as use cases: where a system stands (state, history, running clocks),
// what a user may do next (each step with the article behind it), taking a step (refused with the article
// that forbids it), every running clock across agencies, the duties of approved systems and their
// fulfilment, and re-determination when an approved system changes. The procedure is the data of the rule
// set that judged the system (Catalogue::procedure); the clocks count on the working-day calendar.
#include "app/CalendarService.h"
#include "app/Catalogue.h"
#include "app/DossierService.h"
#include "app/Judging.h"
#include "core/Workflow.h"
#include "core/WorkingCalendar.h"
#include "storage/Store.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// A statutory clock of a system as of a date.
struct ClockStatus {
    const ClockRule* rule = nullptr;
    Date start{};      // the step that started it took effect on this day (not counted)
    Date end{};        // the last day
    int remaining = 0; // units left (0 on the last day, negative when overdue)
    bool overdue = false;
    bool lapsed = false;             // a window that has closed (not overdue)
    std::vector<int> statutoryYears; // years counted without an announced calendar
    std::vector<DayOff> daysOff;     // listed days off inside the period
};

struct WorkflowView {
    StoredSystem system;
    const Procedure* procedure = nullptr;
    std::string state;
    const ProcedureState* stateInfo = nullptr;
    std::vector<WorkflowStepRecord> history;
    std::vector<ClockStatus> clocks;
    std::vector<Notice> notices;
};

struct StepAttachment {
    std::string fileName;
    std::string bytes;
};

struct StepRequest {
    std::string step;
    std::optional<Date> date; // when the step takes effect; default today in Viet Nam
    std::string documentNumber;
    std::optional<Date> documentDate;
    std::string note;
    std::vector<StepAttachment> attachments;
    ReferenceCheck references; // how `dossier check` reads referenced attachments
};

// One running clock in the deadlines listing.
struct DeadlineItem {
    std::string systemId;
    std::string systemName;
    std::string organisationId;
    std::string state;
    int level = 0;
    ClockStatus clock;
};

enum class DutyState { Upcoming, Due, Overdue, Done, OnEvent };
const char* dutyStateName(DutyState state); // "upcoming", "due", "overdue", "done", "on_event"

struct DutyStatus {
    std::string systemId;
    std::string systemName;
    std::string organisationId;
    int approvedLevel = 0;
    const DutyRule* rule = nullptr;
    std::string rulesetId; // the procedure the duty comes from
    std::optional<Date> due;
    DutyState state = DutyState::Upcoming;
    std::optional<Date> lastFulfilled;
};

struct DutyFulfilment {
    std::string dutyId;
    Date fulfilledOn{};
    std::string documentNumber;
    std::string note;
    std::vector<StepAttachment> attachments;
    // Inspections and assessments: who assessed, of what kind (core isAssessorKind), licence or designation.
    std::string assessor{};
    std::string assessorKind{};
    std::string assessorReference{};
};

// How many days before the due date a duty counts as due (shown, not yet overdue).
inline constexpr int kDutyDueWindowDays = 30;
// The most attachments one step or fulfilment may carry, and their total size.
inline constexpr size_t kMaxStepAttachments = 20;

class WorkflowService {
public:
    WorkflowService(const Catalogue& catalogue, Store& store)
        : m_catalogue(catalogue),
          m_store(store),
          m_calendar(catalogue, &store)
    {}

    Result<WorkflowView> show(const std::string& systemId, Date asOf);
    // Every step leading out of the current state for the system's level, decided for the user on `date`:
    // allowed ones first, each refused one with its reasons.
    Result<std::vector<StepDecision>> actions(const std::string& systemId, const std::string& userId, Date date);
    // Takes a step; ErrorKind::Refused with the article when the user may not, ErrorKind::Conflict when
    // someone else took a step first.
    Result<WorkflowStepRecord> perform(const std::string& systemId, const StepRequest& request,
                                       const std::string& userId, TimePoint at);

    // Every running clock of the systems of `organisationId` and the organisations below it (all when
    // empty), most urgent first.
    Result<std::vector<DeadlineItem>> deadlines(Date asOf, const std::string& organisationId);
    // The duties of every system in scope approved by `asOf`, as they stood that day (fulfilments dated later are
    // not counted), overdue first.
    Result<std::vector<DutyStatus>> duties(Date asOf, const std::string& organisationId);
    // The same two listings over systems the caller already read (the roll-up reads the headers once); duties
    // in the order computed (by system) when `ordered` is false — for a caller that only counts them.
    Result<std::vector<DeadlineItem>> deadlinesOf(const std::vector<StoredSystem>& systems, Date asOf);
    Result<std::vector<DutyStatus>> dutiesOf(const std::vector<StoredSystem>& systems, Date asOf, bool ordered = true);
    // Records the fulfilment of a duty with its evidence (at least one attachment, or a document number).
    Result<DutyRecord> fulfil(const std::string& systemId, const DutyFulfilment& fulfilment, const Actor& actor);

    // NĐ85 Art 18 / NĐ331 Art 10, 25: when `before` (an approved system as stored) and `after` (the same system
    // as about to be stored with `assessment`) differ in what the procedure names as a trigger, the reasons
    // (with their citations); empty when nothing triggers or the system is not approved.
    std::vector<Reason> redeterminationReasons(const StoredSystem& before, const SystemDescription& after,
                                               const Assessment& assessment);
    // Appends the re-determination step (inside the caller's unit of work).
    Result<bool> markRedetermination(const StoredSystem& system, const std::vector<Reason>& reasons,
                                     const Actor& actor);

    // The clocks `stateStep` (taken on `stateDate` at `level`) starts, as of `asOf` (the annual report reads
    // the clock running at the end of its data period).
    Result<std::vector<ClockStatus>> statutoryClocks(const Procedure& procedure, const std::string& stateStep,
                                                     Date stateDate, int level, Date asOf)
    {
        return clocksOf(procedure, stateStep, stateDate, level, asOf);
    }

private:
    Result<const WorkingCalendar*> calendar();
    Result<WorkflowFacts> facts(const StoredSystem& system, const Procedure& procedure,
                                const std::vector<WorkflowStepRecord>& history, Date date);
    // Runs `dossier check` and records the outcome in facts (dossierComplete, dossierProblem).
    Result<bool> checkDossier(WorkflowFacts& facts, const std::string& systemId, const ReferenceCheck& references);
    Result<std::vector<ClockStatus>> clocksOf(const Procedure& procedure, const std::string& stateStep,
                                              std::optional<Date> stateDate, int level, Date asOf);
    Result<std::vector<StoredSystem>> inScope(const std::string& organisationId);

    const Catalogue& m_catalogue;
    Store& m_store;
    CalendarService m_calendar; // shipped days off merged with the announcements recorded in the store
};

} // namespace seclevel
