#pragma once
// The Store in one SQLite file (plain sqlite3 C API): the single-agency deployment and the CLI's database.
//
// Every write validates its input first, then runs as one BEGIN IMMEDIATE … COMMIT transaction and rolls back
// on any failure, so a failed write leaves the file exactly as it was; inside transact() it runs in a savepoint
// of the unit of work instead. Every value goes in as a bound parameter. No exception leaves this class:
// failures are returned as Errors naming the database file (ErrorKind::Storage for the database itself,
// NotFound, Conflict and InvalidInput for what the caller asked).
//
// Concurrency: the file is in WAL mode (readers never wait for the writer); a writer waits for another
// writer's lock (busy timeout, then repeated attempts for up to a minute) instead of failing. One
// SqliteStore is one connection: use it from one thread at a time (open one per thread otherwise).
#include "storage/AuditChain.h"
#include "storage/Store.h"

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace seclevel::sqlite {
class StatementCache;
}

namespace seclevel {

class SqliteStore : public Store {
public:
    // Opens the database at `path`, creating the file and its parent directory when `create` is set, and
    // brings the schema up to date (in one exclusive transaction, so that processes opening a new file at
    // the same time wait for each other). Refuses a file that is not an SQLite database, an SQLite database of
    // another program, and a database whose schema is newer than this program. A file this call created is
    // removed again when the open fails before anything was stored in it.
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, bool create = true);
    // The newest schema version this program knows (see storage/sqlite/Migrations.cpp).
    static int supportedSchemaVersion();

    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    const std::string& path() const { return m_path; }
    Result<int> schemaVersion();

    // "SQLite <path>".
    std::string describe() const override;
    // BEGIN IMMEDIATE … COMMIT around `work`; the writes inside are savepoints of it, so a failed write
    // inside undoes only itself and `work` may go on or give up (returning the errors rolls everything back).
    Result<bool> transact(const std::function<Result<bool>()>& work) override;

    // Creates or renames an organisation; its parent must exist and must not be the organisation itself
    // or one of its descendants. Returns true.
    Result<bool> upsertOrganisation(const Organisation& organisation, const Actor& actor) override;
    // Ordered by id.
    Result<std::vector<Organisation>> organisations() override;

    Result<bool> addSystem(const SystemDescription& system, const Actor& actor) override;
    // Does not write anything when nothing changed; otherwise also sets updated_by/updated_at.
    Result<bool> updateSystem(const SystemDescription& system, const Actor& actor) override;
    Result<std::optional<StoredSystem>> system(const std::string& id) override;
    // Ordered by id; organisationId selects the systems of exactly that organisation (not its descendants).
    Result<std::vector<StoredSystem>> systems(const std::string& organisationId = {}) override;
    // Ordered by time, then by order of recording.
    Result<std::vector<StoredSystem>> systemHeaders() override;
    Result<std::vector<AnswerChange>> answerHistory(const std::string& systemId) override;

    // Refuses levels outside 0..5, a proposal below the derived level, a higher proposal without a
    // justification and text that could not be read back (codec::encodeStorableAssessment).
    Result<bool> recordAssessment(const std::string& systemId, const Assessment& assessment,
                                  const Actor& actor) override;
    // Ordered by time, then by order of recording.
    Result<std::vector<StoredAssessment>> assessments(const std::string& systemId) override;
    // The last of assessments(); nullopt when there is none.
    Result<std::optional<StoredAssessment>> latestAssessment(const std::string& systemId) override;

    // addSystem (isNew) or updateSystem, then recordAssessment, all in ONE transaction: a system is never
    // stored without the assessment made of it.
    Result<bool> saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                            const Actor& actor) override;

    // The dossier: fields ordered by key, requirement statements by group and item, attachments in the
    // order recorded. Refuses a dossier that names a system that does not exist.
    Result<Dossier> dossier(const std::string& systemId) override;
    // Writes nothing (and returns false) when the dossier is unchanged.
    Result<bool> saveDossier(const Dossier& dossier, const Actor& actor) override;
    // Refuses content whose SHA-256 or size differ from the attachment record, and a record with a reference.
    Result<bool> storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                        const std::string& bytes, const Actor& actor) override;
    Result<std::optional<std::string>> attachmentContent(const std::string& sha256) override;
    // The assessment is recorded only when its canonical encoding differs from the system's latest one, so a
    // second import of the same file adds no row.
    Result<bool> importDossier(const DossierDocument& document, const Actor& actor) override;

    Result<bool> saveUser(const User& user, const Actor& actor) override;
    Result<std::optional<User>> user(const std::string& id) override;
    Result<std::vector<User>> users() override;
    Result<bool> appendWorkflowStep(const WorkflowStepRecord& record, const std::vector<std::string>& contents,
                                    const Actor& actor) override;
    Result<std::vector<WorkflowStepRecord>> workflowSteps(const std::string& systemId) override;
    Result<bool> recordDuty(const DutyRecord& record, const std::vector<std::string>& contents,
                            const Actor& actor) override;
    Result<std::vector<DutyRecord>> dutyRecords(const std::string& systemId = {}) override;
    Result<std::optional<std::string>> recordContent(const std::string& sha256) override;
    Result<bool> saveInspection(const Inspection& inspection, const Actor& actor) override;
    Result<std::optional<StoredInspection>> inspection(const std::string& id) override;
    Result<std::vector<StoredInspection>> inspections() override;
    Result<FindingMerge> mergeFindings(const std::string& inspectionId, const std::vector<Finding>& findings,
                                       const std::optional<Date>& deadline, const Actor& actor) override;
    Result<std::vector<StoredFinding>> findings(const std::string& inspectionId) override;
    Result<bool> updateFinding(const std::string& inspectionId, const std::string& key,
                               const std::optional<Date>& deadline, const RemediationEntry& entry,
                               const std::vector<std::string>& contents, const Actor& actor) override;
    Result<std::vector<WorkflowStepRecord>> workflowStepsOf(const std::vector<std::string>& systemIds) override;
    Result<std::vector<Dossier>> dossiersOf(const std::vector<std::string>& systemIds) override;

    // Ordered by year, then by order of recording.
    Result<std::vector<StoredCalendarAnnouncement>> calendarAnnouncements() override;
    Result<bool> saveCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor) override;

    // The audit trail (Store.h; storage/AuditChain.h).
    Result<AuditHead> auditHead() override;
    Result<bool> forEachAuditEntry(std::int64_t fromSeq,
                                   const std::function<bool(const AuditEntryView&)>& visit) override;

protected:
    // Appends the audit entry of a change made in the write Scope that is open (call it inside the Scope,
    // after the change, only when something changed). Throws sqlite::Failure like the other write steps.
    void appendAudit(const AuditRecord& record, const Actor& actor);

private:
    SqliteStore(sqlite3* db, std::string path);
    // Appends the steps of one system, oldest first (workflowSteps, workflowStepsOf).
    void appendSteps(const std::string& systemId, std::vector<WorkflowStepRecord>& out);

    std::vector<StoredSystem> loadSystems(const std::string* id, const std::string* organisationId,
                                          bool headersOnly = false);
    std::vector<StoredAssessment> loadAssessments(const std::string& systemId, bool latestOnly);
    void fillTexts(std::string_view digests, Assessment& assessment, const std::string& row,
                   const std::string& systemId);

    sqlite3* m_db;
    std::string m_path;
    std::unique_ptr<sqlite::StatementCache> m_cache;
    int m_depth = 0; // open scopes (transact and the write methods inside it)
};

} // namespace seclevel
