#pragma once
// The narrow storage interface the application needs. Implemented by storage/sqlite (one file, the default)
// and storage/postgres (a national installation); tests/storage/store_contract_test.cpp runs the same
// contract against both.
//
// The store holds no domain rules beyond the integrity of what it keeps (levels 0–5, references between
// rows, append-only history). Every write is one transaction: it either happens whole or leaves the store
// as it was. Writes that must happen together are composed with transact().
#include "core/Actor.h"
#include "core/Assessment.h"
#include "core/Date.h"
#include "core/Dossier.h"
#include "core/Error.h"
#include "core/Finding.h"
#include "core/Inspection.h"
#include "core/System.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct AuditHead;      // storage/AuditChain.h
struct AuditEntryView; // storage/AuditChain.h

// The actor as recorded with a change.
struct RecordedActor {
    std::string userId;
    std::string organisationId;
    std::string role; // roleName(Role)
};

struct StoredSystem {
    SystemDescription description;
    std::string rulesetId;      // rule set of the latest assessment, empty before any
    std::string rulesetVersion; // its version as it judged the system
    int derivedLevel = 0;       // 0 = not yet assessed
    int proposedLevel = 0;
    std::string justification;
    int approvedLevel = 0; // set by the approval workflow
    std::optional<Date> approvedOn;
    std::string approvedRuleset; // the rule set whose procedure approved it
    // The appraisal and approval procedure: current state (empty = never started: the procedure's initial
    // state), the step that entered it with its date and level, and how many steps are recorded.
    std::string workflowState;
    std::string stateStep;
    std::optional<Date> stateDate;
    int stateLevel = 0;
    int workflowSeq = 0;
    RecordedActor createdBy;
    TimePoint createdAt;
    TimePoint updatedAt;
};

// One change of one answer: who, when, old and new value (canonical JSON text of the value).
struct AnswerChange {
    std::string systemId;
    std::string component; // empty = system-level answer
    std::string key;
    std::string oldValue; // empty when the key had no answer
    std::string newValue; // empty when the answer was removed
    RecordedActor actor;
    TimePoint at;
};

// An assessment as stored: the whole trace, language-neutral, with the rule-set id and version that judged
// it, so that later rule-set changes never rewrite history.
struct StoredAssessment {
    std::string systemId;
    Assessment assessment;
    RecordedActor actor;
    TimePoint at;
};

// One step of the appraisal and approval procedure, as recorded (append-only).
struct WorkflowStepRecord {
    std::string systemId;
    int seq = 0; // 1, 2, … per system
    std::string step;
    std::string fromState;
    std::string toState; // the same as fromState for a step that only records a fact
    std::string rulesetId;
    std::string rulesetVersion; // of the procedure that judged the step
    int level = 0;              // the proposed level the step was taken at
    Date date{};                // the date the step takes effect (the document date of receipt, decision …)
    std::string documentNumber;
    std::optional<Date> documentDate;
    std::string note;
    std::vector<Attachment> attachments; // kind "step"; contents kept in the store
    int approvedLevel = 0;               // > 0: the approved level this step sets
    RecordedActor actor;
    TimePoint at;
};

// The fulfilment of a duty of an approved system, with its evidence.
struct DutyRecord {
    std::string systemId;
    std::string dutyId;
    Date fulfilledOn{};
    std::string documentNumber;
    std::string note;
    std::vector<Attachment> attachments;
    RecordedActor actor;
    TimePoint at;
    // Inspections and assessments: who assessed (name), of what kind (core isAssessorKind; empty = not recorded)
    // and the licence or designation document that qualifies them.
    std::string assessor{};
    std::string assessorKind{};
    std::string assessorReference{};
};

// An administrator's record of one year's announced days off (seclevel calendar announce): the <year> element
// as given (schemas/calendar.xsd), kept verbatim, append-only; the latest of a year overrides the shipped year.
struct StoredCalendarAnnouncement {
    int year = 0;
    std::string xml;
    RecordedActor actor;
    TimePoint at;
};

// An inspection as stored, with who created it and who last changed it.
struct StoredInspection {
    Inspection inspection;
    RecordedActor createdBy;
    TimePoint createdAt;
    RecordedActor updatedBy;
    TimePoint updatedAt;
};

// What merging a run's findings into an inspection did.
struct FindingMerge {
    int added = 0;     // new findings, open
    int reopened = 0;  // closed findings that appeared again, open again
    int unchanged = 0; // known findings (not closed): kept as they are, never duplicated
};

class Store {
public:
    virtual ~Store() = default;

    // "SQLite /path/to/file.db" or "PostgreSQL host/dbname": what messages and `--version` show.
    virtual std::string describe() const = 0;

    // ---- the audit trail (storage/AuditChain.h) ----
    // Every write method above appends one entry per change it makes to the append-only, hash-chained
    // audit_log, inside the same transaction as the change (no change without its entry, no entry without a
    // change; a write that changes nothing appends nothing): upsertOrganisation "organisation.upsert",
    // addSystem "system.add", updateSystem "system.update", recordAssessment "assessment.record", saveSystem
    // the entries of its two steps, saveDossier "dossier.save", storeAttachmentContent "attachment.store",
    // importDossier "dossier.import".
    //
    // A NEW WRITE METHOD appends its entry with one call, inside its transaction, after the change and only
    // when something changed:
    //   SqliteStore:   appendAudit(AuditRecord{"user.add", "user", id, details}, actor);   (inside the Scope)
    //   PostgresStore: appendAudit(AuditRecord{"user.add", "user", id, details}, actor);   (inside write())
    // with `details` a canonical text of what changed (storage/AuditDetails.h has the builders; add one there).
    // The call reads the head and appends under the store's write lock, so concurrent writers never fork the
    // chain.
    //
    // The last entry's seq and hash; seq 0 and 64 zeros when the chain is empty.
    virtual Result<AuditHead> auditHead() = 0;
    // Streams the entries with seq >= fromSeq in seq order to `visit` (one consistent snapshot, constant
    // memory) until `visit` returns false. The views are valid only during the call, and `visit` must not call
    // the store (the connection is busy streaming). The rows are read as stored, without any check:
    // AuditVerifier judges them.
    virtual Result<bool> forEachAuditEntry(std::int64_t fromSeq,
                                           const std::function<bool(const AuditEntryView&)>& visit) = 0;

    // A unit of work: runs `work` in one transaction that every write method called on this store from
    // inside joins (nested calls become savepoints). Commits when `work` returns a value, rolls everything
    // back when it returns errors or throws. Concurrent writers wait for each other and are retried on
    // serialisation failures; a failed unit of work leaves the store as it was. An exception thrown by `work`
    // is not rethrown: it comes back as an ErrorKind::Internal error carrying its what() (contract test
    // transact_rolls_everything_back_on_errors_and_exceptions). A write inside that fails undoes only itself
    // (its savepoint); `work` decides whether the unit goes on.
    virtual Result<bool> transact(const std::function<Result<bool>()>& work) = 0;

    virtual Result<bool> upsertOrganisation(const Organisation& organisation, const Actor& actor) = 0;
    virtual Result<std::vector<Organisation>> organisations() = 0;

    // Fails (ErrorKind::Conflict) if a system with that id exists.
    virtual Result<bool> addSystem(const SystemDescription& system, const Actor& actor) = 0;
    // Replaces name/owner/operator/answers/components; records every changed answer in the history.
    virtual Result<bool> updateSystem(const SystemDescription& system, const Actor& actor) = 0;
    virtual Result<std::optional<StoredSystem>> system(const std::string& id) = 0;
    // Optionally restricted to one organisation (empty = all); ordered by id.
    virtual Result<std::vector<StoredSystem>> systems(const std::string& organisationId = {}) = 0;
    // Every system without its answers and components (the procedure's state, levels, organisation): what
    // the deadline and duty listings read, cheaply, for a whole country. Ordered by id.
    virtual Result<std::vector<StoredSystem>> systemHeaders() = 0;
    virtual Result<std::vector<AnswerChange>> answerHistory(const std::string& systemId) = 0;

    // Adds (isNew) or updates a system and records its assessment, all in one transaction.
    virtual Result<bool> saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                                    const Actor& actor) = 0;

    // Stores an assessment (whole trace, rule-set id and version) and sets the system's rule set, derived and
    // proposed levels, in one transaction.
    virtual Result<bool> recordAssessment(const std::string& systemId, const Assessment& assessment,
                                          const Actor& actor) = 0;
    // Oldest first.
    virtual Result<std::vector<StoredAssessment>> assessments(const std::string& systemId) = 0;
    virtual Result<std::optional<StoredAssessment>> latestAssessment(const std::string& systemId) = 0;

    // ---- the level-proposal dossier (NĐ85 Art 15; NĐ331 Art 21–22) ----
    // The dossier of a system; empty when nothing was recorded yet. An error when the system does not exist.
    virtual Result<Dossier> dossier(const std::string& systemId) = 0;
    // Replaces fields, requirement statements and attachment records of dossier.systemId in one transaction,
    // with one dossier_history row per changed item; contents no attachment refers to any more are removed.
    // True when anything changed.
    virtual Result<bool> saveDossier(const Dossier& dossier, const Actor& actor) = 0;
    // Keeps `bytes` in the store (keyed by the SHA-256, which must match) and records the attachment
    // (replacing one of the same kind and name), in one transaction.
    virtual Result<bool> storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                                const std::string& bytes, const Actor& actor) = 0;
    virtual Result<std::optional<std::string>> attachmentContent(const std::string& sha256) = 0;
    // Creates or updates the system, records the assessment unless the latest one says the same, and

    // ---- the working-day calendar (statutory clocks) ----
    // Every recorded announcement, by year, oldest first within a year (the last one of a year is in force).
    virtual Result<std::vector<StoredCalendarAnnouncement>> calendarAnnouncements() = 0;
    // Appends one; the caller has validated `xmlText` against schemas/calendar.xsd (app/CalendarService). The
    // store checks the year (1900–2200), that the text is non-empty UTF-8 of at most 1 MiB, and the actor.
    virtual Result<bool> saveCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor) = 0;
    // replaces the dossier, in one transaction. Importing the same document twice changes nothing the
    // second time. True when anything changed.
    virtual Result<bool> importDossier(const DossierDocument& document, const Actor& actor) = 0;

    // ---- users, the appraisal and approval procedure, duties ----
    // Creates or replaces a user (name, memberships); every membership's organisation must exist.
    virtual Result<bool> saveUser(const User& user, const Actor& actor) = 0;
    virtual Result<std::optional<User>> user(const std::string& id) = 0;
    // Ordered by id.
    virtual Result<std::vector<User>> users() = 0;

    // Appends a step (and keeps contents[i], the bytes of record.attachments[i]) and moves the system to
    // record.toState — setting the approved level when record.approvedLevel > 0 — in one transaction.
    // Refuses (ErrorKind::Conflict) a record whose seq is not the next number or whose fromState is not the
    // system's current state: someone else took a step first.
    virtual Result<bool> appendWorkflowStep(const WorkflowStepRecord& record, const std::vector<std::string>& contents,
                                            const Actor& actor) = 0;
    // Oldest first.
    virtual Result<std::vector<WorkflowStepRecord>> workflowSteps(const std::string& systemId) = 0;
    virtual Result<bool> recordDuty(const DutyRecord& record, const std::vector<std::string>& contents,
                                    const Actor& actor) = 0;
    // Of one system, or of every system when systemId is empty; ordered by system, duty, date.
    virtual Result<std::vector<DutyRecord>> dutyRecords(const std::string& systemId = {}) = 0;
    // The bytes of a step's or duty's attachment.
    virtual Result<std::optional<std::string>> recordContent(const std::string& sha256) = 0;

    // ---- inspections (NĐ85 Art 20.2.c, 23; TT12 Art 11–12; NĐ331 Art 33–36) ----
    // Creates or replaces an inspection; the inspecting body and the scope's organisation, every team member
    // and every listed system must exist (ErrorKind::NotFound). Audit entry "inspection.save" when anything
    // changed; true then. Who may do it (inspectors of the body, the team's roles) is the service's rule.
    virtual Result<bool> saveInspection(const Inspection& inspection, const Actor& actor) = 0;
    virtual Result<std::optional<StoredInspection>> inspection(const std::string& id) = 0;
    // Ordered by id.
    virtual Result<std::vector<StoredInspection>> inspections() = 0;

    // Merges the findings of a run into the inspection's, keyed by Finding::key() (rule, system, subject): a
    // new one is added open with `deadline`; a closed one is reopened (a history entry by the actor); any other
    // known one is left as it is. One transaction; audit entries "finding.add" and "finding.reopen" per change.
    // The inspection must exist (NotFound).
    virtual Result<FindingMerge> mergeFindings(const std::string& inspectionId, const std::vector<Finding>& findings,
                                               const std::optional<Date>& deadline, const Actor& actor) = 0;
    // Of one inspection, by key.
    virtual Result<std::vector<StoredFinding>> findings(const std::string& inspectionId) = 0;
    // Sets a finding's status (and deadline when given) and appends `entry` to its history, with its files
    // (entry.files[i] the record of contents[i], kept once by SHA-256 like the files of steps: recordContent reads
    // them back); NotFound when the inspection has no finding with that key. Audit entry "finding.update" (with
    // the files' digests). Who may is the service's rule.
    virtual Result<bool> updateFinding(const std::string& inspectionId, const std::string& key,
                                       const std::optional<Date>& deadline, const RemediationEntry& entry,
                                       const std::vector<std::string>& contents, const Actor& actor) = 0;

    // ---- reading many systems at once (an inspection over a whole country) ----
    // The steps of each of `systemIds` (each id once; an unknown id gives none), in the order the ids are given,
    // oldest first within a system: what workflowSteps gives for each, in a few round trips instead of one each.
    virtual Result<std::vector<WorkflowStepRecord>> workflowStepsOf(const std::vector<std::string>& systemIds) = 0;
    // The dossier of each of `systemIds`, one per id in the order given, as dossier() gives it (an unknown id, or
    // one with nothing recorded, gives an empty dossier of that id).
    virtual Result<std::vector<Dossier>> dossiersOf(const std::vector<std::string>& systemIds) = 0;
};

// Opens the store a location names: a `postgresql://` (or `postgres://`) URL, or else a path to an SQLite
// file (created when missing). Any other `scheme://` is an error, never a new file.
Result<std::unique_ptr<Store>> openStore(const std::string& location);

} // namespace seclevel
