#pragma once
// The Store in a PostgreSQL database (libpq, plain C API): the national, multi-agency deployment.
//
// Same contract as the SQLite store (tests/storage/store_contract_test.cpp runs against both). Every write
// validates its input first, then runs as one SERIALIZABLE transaction that is run again, whole, when the
// server reports a serialisation failure or a deadlock (SQLSTATE 40001 / 40P01), so concurrent writers never
// lose a write and a failed write leaves the database as it was. Writes called inside transact() join its
// transaction as savepoints. Every value goes in as a bound parameter of a prepared statement. No exception
// leaves this class, and no message shows the password of the URL.
// One PostgresStore is one connection: use it from one thread at a time (open one per thread otherwise).
#include "storage/AuditChain.h"
#include "storage/Store.h"

#include <functional>
#include <memory>
#include <string>

namespace seclevel {

namespace postgres {
class Connection;
}

class PostgresStore : public Store {
public:
    // Connects to `url` (postgresql://… or postgres://…, any libpq URL) and brings the schema of the
    // connection's current schema up to date. Refuses a database whose schema is newer than this program
    // and a schema that holds another program's tables.
    static Result<std::unique_ptr<PostgresStore>> open(const std::string& url);
    // The newest schema version this program knows (see storage/postgres/Migrations.cpp).
    static int supportedSchemaVersion();

    ~PostgresStore() override;
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    // "PostgreSQL host/dbname".
    std::string describe() const override;
    Result<int> schemaVersion();

    Result<bool> transact(const std::function<Result<bool>()>& work) override;

    Result<bool> upsertOrganisation(const Organisation& organisation, const Actor& actor) override;
    Result<std::vector<Organisation>> organisations() override;

    Result<bool> addSystem(const SystemDescription& system, const Actor& actor) override;
    Result<bool> updateSystem(const SystemDescription& system, const Actor& actor) override;
    Result<std::optional<StoredSystem>> system(const std::string& id) override;
    Result<std::vector<StoredSystem>> systems(const std::string& organisationId = {}) override;
    Result<std::vector<StoredSystem>> systemHeaders() override;
    Result<std::vector<AnswerChange>> answerHistory(const std::string& systemId) override;

    Result<bool> saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                            const Actor& actor) override;
    Result<bool> recordAssessment(const std::string& systemId, const Assessment& assessment,
                                  const Actor& actor) override;
    Result<std::vector<StoredAssessment>> assessments(const std::string& systemId) override;
    Result<std::optional<StoredAssessment>> latestAssessment(const std::string& systemId) override;

    Result<Dossier> dossier(const std::string& systemId) override;
    Result<bool> saveDossier(const Dossier& dossier, const Actor& actor) override;
    Result<bool> storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                        const std::string& bytes, const Actor& actor) override;
    Result<std::optional<std::string>> attachmentContent(const std::string& sha256) override;
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
    // Appends the audit entry of a change made inside the write() that is running (call it in the body, after
    // the change, only when something changed). Throws postgres::Failure like the other write steps.
    void appendAudit(const AuditRecord& record, const Actor& actor);

private:
    explicit PostgresStore(std::unique_ptr<postgres::Connection> connection);

    // Runs `body` as one write: a SERIALIZABLE transaction retried on serialisation failures, or a savepoint
    // inside the unit of work already open. Failures thrown by `body` become Errors.
    Result<bool> write(const std::function<Result<bool>()>& body);
    // Runs `body` reading; with `snapshot`, in one REPEATABLE READ READ ONLY transaction (unless a unit of
    // work is open) so that several statements see one state.
    template <class T>
    Result<T> read(bool snapshot, const std::function<T()>& body);

    // addSystem (isNew), updateSystem and saveSystem: the checks, then one write that inserts or replaces the
    // system and, when there is one, records the assessment.
    Result<bool> writeSystem(const SystemDescription& system, bool isNew, const Assessment* assessment,
                             const Actor& actor);
    std::vector<StoredSystem> loadSystems(const std::string* id, const std::string* organisationId,
                                          bool headersOnly = false);

    std::unique_ptr<postgres::Connection> m_connection;
    int m_depth = 0;          // 0 = no transaction open; 1 = the outer transaction; more = savepoints
    bool m_mustRetry = false; // a serialisation failure happened inside the open transaction
};

} // namespace seclevel
