#pragma once
// The Store in one SQLite file (plain sqlite3 C API): the single-agency deployment and the CLI's database.
//
// Every write validates its input first, then runs as one BEGIN IMMEDIATE … COMMIT transaction and rolls back
// on any failure, so a failed write leaves the file exactly as it was. Every value goes in as a bound
// parameter. No exception leaves this class: failures are returned as Errors naming the database file.
// One SqliteStore is one connection: use it from one thread at a time (open one per thread otherwise).
#include "storage/Store.h"

#include <memory>
#include <string>

struct sqlite3;

namespace seclevel {

class SqliteStore : public Store {
public:
    // Opens the database at `path`, creating the file and its parent directory when `create` is set, and
    // brings the schema up to date. Refuses a file that is not an SQLite database, an SQLite database of
    // another program, and a database whose schema is newer than this program.
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, bool create = true);
    // The newest schema version this program knows (see storage/sqlite/Migrations.cpp).
    static int supportedSchemaVersion();

    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    const std::string& path() const { return m_path; }
    Result<int> schemaVersion();

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
    Result<std::vector<AnswerChange>> answerHistory(const std::string& systemId) override;

    // Refuses levels outside 0..5, a proposal below the derived level, a higher proposal without a
    // justification and a trace that is not JSON.
    Result<bool> recordAssessment(const std::string& systemId, const Assessment& assessment,
                                  const std::string& traceJson, const Actor& actor) override;
    // Ordered by time, then by order of recording.
    Result<std::vector<StoredAssessment>> assessments(const std::string& systemId) override;

    // addSystem (isNew) or updateSystem, then recordAssessment, all in ONE transaction: a system is never
    // stored without the assessment made of it.
    Result<bool> saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                            const std::string& traceJson, const Actor& actor) override;

    // The dossier: fields ordered by key, requirement statements by group and item, attachments in the
    // order recorded. Refuses a dossier that names a system that does not exist.
    Result<Dossier> dossier(const std::string& systemId) override;
    // Writes nothing (and returns false) when the dossier is unchanged.
    Result<bool> saveDossier(const Dossier& dossier, const Actor& actor) override;
    // Refuses content whose SHA-256 or size differ from the attachment record, and a record with a reference.
    Result<bool> storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                        const std::string& bytes, const Actor& actor) override;
    Result<std::optional<std::string>> attachmentContent(const std::string& sha256) override;
    // The assessment is recorded only when it differs from the system's latest one (levels, rule set,
    // justification or trace), so a second import of the same file adds no row.
    Result<bool> importDossier(const DossierDocument& document, const std::string& traceJson,
                               const Actor& actor) override;

private:
    SqliteStore(sqlite3* db, std::string path);

    std::vector<StoredSystem> loadSystems(const std::string* id, const std::string* organisationId);

    sqlite3* m_db;
    std::string m_path;
};

} // namespace seclevel
