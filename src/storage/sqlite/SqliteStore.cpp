#include "storage/sqlite/SqliteStore.h"

#include "codec/Json.h"
#include "codec/StoredEncoding.h"
#include "core/Date.h"
#include "core/Sha256.h"

#include "storage/AnswerChanges.h"
#include "storage/AuditChain.h"
#include "storage/AuditDetails.h"
#include "storage/DossierState.h"
#include "storage/InspectionRecords.h"
#include "storage/StoreValidation.h"
#include "storage/WorkflowRecords.h"
#include "storage/sqlite/Migrations.h"
#include "storage/sqlite/Statement.h"

#include <sqlite3.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <new>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace seclevel {

using codec::EncodedValue;
using sqlite::fail;
using sqlite::Scope;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

// Runs one public operation: Failures thrown inside storage/sqlite, and anything else, become Errors here.
template <class T, class Body>
Result<T> guarded(const std::string& path, Body&& body)
{
    try {
        return body();
    } catch (const sqlite::Failure& failure) {
        return failure.error;
    } catch (const std::bad_alloc&) {
        return makeError(ErrorKind::Storage, path, 0, {}, "Hết bộ nhớ", "Out of memory");
    } catch (const std::exception& exception) {
        return makeError(ErrorKind::Internal, path, 0, {}, std::string("Lỗi không lường trước: ") + exception.what(),
                         std::string("Unexpected error: ") + exception.what());
    } catch (...) {
        return makeError(ErrorKind::Internal, path, 0, {}, "Lỗi không lường trước", "Unexpected error");
    }
}

// ---- validation: everything that can be checked without the database (storage/StoreValidation.h) -----------

using storage::AnswerKey;
using storage::Checker;
using storage::inQuotes;
using storage::PreparedAnswers;

constexpr storage::ActorLabels actorLabels{"Mã người thực hiện", "The actor's user id", "Tổ chức của người thực hiện",
                                           "The actor's organisation"};

// Who and when, as the columns record them.
struct ActorColumns {
    std::string user;
    std::string organisation;
    std::string role;
    std::string at;
};

ActorColumns columnsOf(const Actor& actor)
{
    return {actor.userId, actor.organisationId, roleName(actor.role), isoTimestamp(actor.at)};
}

// ---- queries shared by the write paths ---------------------------------------------------------------------

struct Database {
    sqlite3* handle;
    const std::string& path;
    sqlite::StatementCache& cache;
};

bool exists(Database db, const char* sql, const std::string& id)
{
    Statement statement(db.cache, sql);
    statement.bindText(1, id);
    return statement.step();
}

bool systemExists(Database db, const std::string& id)
{
    return exists(db, "SELECT 1 FROM systems WHERE id = ?1", id);
}

Error noSuchOrganisation(Database db, const std::string& organisationId)
{
    return makeError(ErrorKind::NotFound, db.path, 0, "organisation", "Không có tổ chức " + inQuotes(organisationId),
                     "No organisation " + inQuotes(organisationId) + " exists");
}

void requireOrganisation(Database db, const std::string& organisationId)
{
    if (!organisationId.empty() && !exists(db, "SELECT 1 FROM organisations WHERE id = ?1", organisationId))
        fail(noSuchOrganisation(db, organisationId));
}

Error noSuchSystem(Database db, const std::string& id)
{
    return makeError(ErrorKind::NotFound, db.path, 0, "id", "Không có hệ thống " + inQuotes(id),
                     "No system " + inQuotes(id) + " exists");
}

Error damagedAnswer(Database db, const std::string& systemId, const std::string& component, const std::string& key)
{
    return storage::damagedAnswer(db.path, systemId, component, key);
}

void insertComponentsAndAnswers(Database db, const SystemDescription& system, const PreparedAnswers& answers)
{
    Statement component(db.cache, "INSERT INTO components (system_id, position, name) VALUES (?1, ?2, ?3)");
    for (size_t position = 0; position < system.components.size(); ++position)
        component.bindText(1, system.id)
            .bindInt(2, static_cast<std::int64_t>(position))
            .bindText(3, system.components[position].name)
            .run();
    Statement answer(db.cache, "INSERT INTO answers (system_id, component, key, value_type, value_text) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& [where, prepared] : answers)
        answer.bindText(1, system.id)
            .bindText(2, where.first)
            .bindText(3, where.second)
            .bindText(4, prepared.stored.type)
            .bindText(5, prepared.stored.text)
            .run();
}

class HistoryWriter {
public:
    HistoryWriter(Database db, const std::string& systemId, const ActorColumns& actor)
        : m_statement(db.cache,
                      "INSERT INTO answer_history (system_id, component, key, old_value, new_value, actor, at,"
                      " actor_organisation, actor_role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
          m_systemId(systemId),
          m_actor(actor)
    {}

    void record(const AnswerKey& where, const std::string& oldValue, const std::string& newValue)
    {
        m_statement.bindText(1, m_systemId)
            .bindText(2, where.first)
            .bindText(3, where.second)
            .bindText(4, oldValue)
            .bindText(5, newValue)
            .bindText(6, m_actor.user)
            .bindText(7, m_actor.at)
            .bindText(8, m_actor.organisation)
            .bindText(9, m_actor.role)
            .run();
    }

private:
    Statement m_statement;
    const std::string& m_systemId;
    const ActorColumns& m_actor;
};

// An assessment as the assessments table keeps it. About two thirds of an encoded assessment are the bilingual
// texts of its criteria and warnings, the same few hundred texts in every assessment under a rule set: they
// are kept once each in assessment_texts, keyed by the SHA-256 of their content (so a later rule-set edit
// never changes what an old assessment said), and the row holds the canonical encoding with the texts left
// empty plus the digests in the order the texts appear.
struct AssessmentRow {
    std::string stripped; // codec::encodeAssessment with every criterion and warning text empty
    std::string digests;  // JSON array of the texts' digests, in order of appearance
    std::vector<std::pair<std::string, LocalizedText>> texts; // the distinct texts, by digest
};

// Visits every criterion and warning text in a fixed order: per component its fired, then its nearest
// criteria; then the warnings. `where` renders the member's path, for messages.
template <class AssessmentType, class Visit>
void eachText(AssessmentType& assessment, Visit&& visit)
{
    for (size_t c = 0; c < assessment.components.size(); ++c) {
        auto& component = assessment.components[c];
        const std::string at = "components[" + std::to_string(c) + "]";
        for (size_t i = 0; i < component.fired.size(); ++i)
            visit(component.fired[i].text, [&] { return at + ".fired[" + std::to_string(i) + "].text"; });
        for (size_t i = 0; i < component.nearest.size(); ++i)
            visit(component.nearest[i].text, [&] { return at + ".nearest[" + std::to_string(i) + "].text"; });
    }
    for (size_t i = 0; i < assessment.warnings.size(); ++i)
        visit(assessment.warnings[i].text, [&] { return "warnings[" + std::to_string(i) + "].text"; });
}

// SHA-256 of a text's content, remembered (the digest of a text never changes, so the memo is always right).
const std::string& digestOf(const LocalizedText& text)
{
    thread_local std::unordered_map<std::string, std::string> known;
    std::string content = std::to_string(text.vi.size()) + ":" + text.vi + text.en;
    auto found = known.find(content);
    if (found != known.end())
        return found->second;
    if (known.size() > 100'000)
        known.clear();
    std::string digest = sha256Hex(content);
    return known.emplace(std::move(content), std::move(digest)).first->second;
}

// Checks what the record must never say otherwise and prepares the row (into `row`).
Errors checkAssessment(const std::string& systemId, const Assessment& assessment, const Actor& actor,
                       AssessmentRow& row)
{
    Checker checker{{}, {}};
    storage::checkAssessmentLevels(checker, systemId, assessment);
    Assessment stripped = assessment;
    std::set<std::string> distinct;
    row.digests = "[";
    eachText(stripped, [&](LocalizedText& text, auto where) {
        if (!codec::isStorableText(text.vi) || !codec::isStorableText(text.en))
            checker.add(0, where(), "Văn bản của kết quả đánh giá không phải UTF-8 hợp lệ hoặc chứa ký tự NUL",
                        "A text of the assessment is not valid UTF-8 or contains a NUL character");
        const std::string& digest = digestOf(text);
        row.digests += (row.digests.size() > 1 ? ",\"" : "\"") + digest + "\"";
        if (distinct.insert(digest).second)
            row.texts.emplace_back(digest, std::move(text));
        text = LocalizedText{};
    });
    row.digests += "]";
    if (auto storable = storage::storableAssessment(checker, stripped))
        row.stripped = std::move(*storable);
    storage::checkActor(checker, actor, actorLabels);
    return std::move(checker.errors);
}

// The write steps below run inside the caller's write transaction and throw Failure on any refusal, so that
// they compose (saveSystem = insert or replace + assessment) and the caller's rollback undoes all of it.

void insertSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                  const ActorColumns& actor)
{
    if (systemExists(db, system.id))
        fail(makeError(ErrorKind::Conflict, db.path, 0, "id", "Hệ thống " + inQuotes(system.id) + " đã tồn tại",
                       "System " + inQuotes(system.id) + " already exists"));
    requireOrganisation(db, system.organisationId);
    Statement insert(db.cache,
                     "INSERT INTO systems (id, name, owner, operator, organisation_id,"
                     "                     created_by, created_at, updated_by, updated_at, created_by_organisation,"
                     "                     created_by_role, updated_by_organisation, updated_by_role)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7, ?8, ?9, ?8, ?9)");
    insert.bindText(1, system.id)
        .bindText(2, system.name)
        .bindText(3, system.owner)
        .bindText(4, system.operatorName)
        .bindTextOrNull(5, system.organisationId)
        .bindText(6, actor.user)
        .bindText(7, actor.at)
        .bindText(8, actor.organisation)
        .bindText(9, actor.role)
        .run();
    insertComponentsAndAnswers(db, system, answers);
    HistoryWriter history(db, system.id, actor);
    for (const auto& [where, answer] : answers)
        history.record(where, {}, answer.json);
}

// Replaces what the owner describes; writes nothing at all (and returns false) when nothing changed. The
// answer changes go to `changed` when given (the audit entry's details).
bool replaceSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                   const ActorColumns& actor, storage::AnswerChanges* changedAnswers = nullptr)
{
    Statement current(db.cache, "SELECT name, owner, operator, organisation_id FROM systems WHERE id = ?1");
    current.bindText(1, system.id);
    if (!current.step())
        fail(noSuchSystem(db, system.id));
    bool changed = current.text(0) != system.name || current.text(1) != system.owner ||
                   current.text(2) != system.operatorName || current.text(3) != system.organisationId;
    requireOrganisation(db, system.organisationId);

    std::vector<std::string> storedComponents;
    Statement components(db.cache, "SELECT name FROM components WHERE system_id = ?1 ORDER BY position");
    components.bindText(1, system.id);
    while (components.step())
        storedComponents.push_back(components.text(0));
    changed = changed || storedComponents.size() != system.components.size();
    for (size_t i = 0; !changed && i < storedComponents.size(); ++i)
        changed = storedComponents[i] != system.components[i].name;

    storage::StoredAnswers storedAnswers;
    Statement stored(db.cache, "SELECT component, key, value_type, value_text FROM answers WHERE system_id = ?1");
    stored.bindText(1, system.id);
    while (stored.step())
        storedAnswers.emplace(AnswerKey{stored.text(0), stored.text(1)}, EncodedValue{stored.text(2), stored.text(3)});

    storage::AnswerChanges changes;
    if (const auto damaged = storage::compareAnswers(storedAnswers, answers, changed, changes))
        fail(damagedAnswer(db, system.id, damaged->first, damaged->second));
    if (!changed)
        return false;

    Statement update(db.cache, "UPDATE systems SET name = ?2, owner = ?3, operator = ?4, organisation_id = ?5,"
                               " updated_by = ?6, updated_at = ?7, updated_by_organisation = ?8, updated_by_role = ?9"
                               " WHERE id = ?1");
    update.bindText(1, system.id)
        .bindText(2, system.name)
        .bindText(3, system.owner)
        .bindText(4, system.operatorName)
        .bindTextOrNull(5, system.organisationId)
        .bindText(6, actor.user)
        .bindText(7, actor.at)
        .bindText(8, actor.organisation)
        .bindText(9, actor.role)
        .run();
    // Components go with their answers (trigger components_delete_answers); the system-level ones explicitly.
    Statement clearAnswers(db.cache, "DELETE FROM answers WHERE system_id = ?1");
    clearAnswers.bindText(1, system.id).run();
    Statement clearComponents(db.cache, "DELETE FROM components WHERE system_id = ?1");
    clearComponents.bindText(1, system.id).run();
    insertComponentsAndAnswers(db, system, answers);
    HistoryWriter history(db, system.id, actor);
    for (const auto& [where, values] : changes)
        history.record(where, values.first, values.second);
    if (changedAnswers)
        *changedAnswers = std::move(changes);
    return true;
}

void insertAssessment(Database db, const std::string& systemId, const Assessment& assessment, const AssessmentRow& row,
                      const ActorColumns& actor)
{
    if (!systemExists(db, systemId))
        fail(noSuchSystem(db, systemId));
    Statement update(
        db.cache, "UPDATE systems SET ruleset_id = ?2, ruleset_version = ?3, derived_level = ?4, proposed_level = ?5,"
                  " justification = ?6, updated_by = ?7, updated_at = ?8, updated_by_organisation = ?9,"
                  " updated_by_role = ?10 WHERE id = ?1");
    update.bindText(1, systemId)
        .bindText(2, assessment.rulesetId)
        .bindText(3, assessment.rulesetVersion)
        .bindInt(4, assessment.derivedLevel)
        .bindInt(5, assessment.proposedLevel)
        .bindText(6, assessment.justification)
        .bindText(7, actor.user)
        .bindText(8, actor.at)
        .bindText(9, actor.organisation)
        .bindText(10, actor.role)
        .run();
    Statement text(db.cache, "INSERT INTO assessment_texts (digest, vi, en) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT (digest) DO NOTHING");
    for (const auto& [digest, content] : row.texts)
        text.bindText(1, digest).bindText(2, content.vi).bindText(3, content.en).run();
    Statement insert(db.cache,
                     "INSERT INTO assessments (system_id, ruleset_id, ruleset_version, derived_level, proposed_level,"
                     " assessment, actor, at, actor_organisation, actor_role, texts)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    insert.bindText(1, systemId)
        .bindText(2, assessment.rulesetId)
        .bindText(3, assessment.rulesetVersion)
        .bindInt(4, assessment.derivedLevel)
        .bindInt(5, assessment.proposedLevel)
        .bindText(6, row.stripped)
        .bindText(7, actor.user)
        .bindText(8, actor.at)
        .bindText(9, actor.organisation)
        .bindText(10, actor.role)
        .bindText(11, row.digests)
        .run();
}

} // namespace

// ---- opening ------------------------------------------------------------------------------------------------

SqliteStore::SqliteStore(sqlite3* db, std::string path)
    : m_db(db),
      m_path(std::move(path)),
      m_cache(std::make_unique<sqlite::StatementCache>(m_db, m_path))
{}

SqliteStore::~SqliteStore()
{
    m_cache.reset(); // statements first, then the connection
    sqlite3_close_v2(m_db);
}

int SqliteStore::supportedSchemaVersion()
{
    return sqlite::supportedSchemaVersion();
}

std::string SqliteStore::describe() const
{
    return "SQLite " + m_path;
}

namespace {

// After a first open that failed: removes the file it created when nothing was stored in it (no table), with
// its journal files, so that a failed first use leaves nothing behind. Directories are never removed.
void removeIfEmpty(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        return;
    bool empty = fs::file_size(path, error) == 0 && !error;
    if (!empty) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_stmt* statement = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &statement, nullptr) == SQLITE_OK &&
                sqlite3_step(statement) == SQLITE_ROW)
                empty = sqlite3_column_int64(statement, 0) == 0;
            sqlite3_finalize(statement);
        }
        sqlite3_close_v2(db);
    }
    if (!empty)
        return;
    for (const char* suffix : {"-wal", "-shm", "-journal", ""})
        if (fs::is_regular_file(path + suffix, error))
            fs::remove(path + suffix, error);
}

} // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, bool create)
{
    namespace fs = std::filesystem;
    std::error_code existsError;
    const bool existed = path == ":memory:" || fs::exists(path, existsError);
    auto opened = guarded<std::unique_ptr<SqliteStore>>(path, [&]() -> Result<std::unique_ptr<SqliteStore>> {
        if (path.empty() || path.find('\0') != std::string::npos)
            return makeError(path, 0, "path", "Đường dẫn tệp cơ sở dữ liệu không hợp lệ",
                             "The database path is not valid");
        if (path != ":memory:") {
            std::error_code error;
            if (create) {
                const fs::path parent = fs::path(path).parent_path();
                if (!parent.empty())
                    fs::create_directories(parent, error);
                if (error)
                    return makeError(ErrorKind::Storage, parent.string(), 0, {},
                                     "Không tạo được thư mục chứa cơ sở dữ liệu: " + error.message(),
                                     "Cannot create the database's directory: " + error.message());
            } else if (!fs::exists(path, error)) {
                return makeError(ErrorKind::NotFound, path, 0, {}, "Không tìm thấy tệp cơ sở dữ liệu",
                                 "The database file does not exist");
            }
            if (fs::is_directory(path, error))
                return makeError(ErrorKind::Storage, path, 0, {},
                                 "Đường dẫn là một thư mục, không phải tệp cơ sở dữ liệu",
                                 "The path is a directory, not a database file");
        }

        sqlite3* handle = nullptr;
        // One connection is used by one thread at a time (see the header), so SQLite's own mutexes only cost.
        const int flags =
            SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
        const int code = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
        std::unique_ptr<SqliteStore> store(new SqliteStore(handle, path)); // owns the handle even on failure
        if (code != SQLITE_OK)
            return sqlite::databaseError(handle, code, path, "Không mở được cơ sở dữ liệu", "Cannot open the database");
        sqlite3_busy_timeout(handle, sqlite::kBusyTimeoutMilliseconds);

        // The first read of the file: this is where a file that is not SQLite shows itself.
        const int probe = sqlite::executeWaiting(handle, "SELECT count(*) FROM sqlite_master");
        if ((probe & 0xFF) == SQLITE_NOTADB)
            return makeError(ErrorKind::Storage, path, 0, {},
                             "Tệp không phải là cơ sở dữ liệu SQLite (có thể là tệp khác hoặc đã bị mã hóa, hỏng); "
                             "không mở và không sửa đổi tệp",
                             "The file is not an SQLite database (another kind of file, encrypted or damaged); "
                             "it was neither opened nor changed");
        if (probe != SQLITE_OK)
            return sqlite::databaseError(handle, probe, path, "Không đọc được cơ sở dữ liệu",
                                         "Cannot read the database");

        sqlite::execute(handle, path, "PRAGMA foreign_keys = ON");
        {
            Statement check(handle, path, "PRAGMA foreign_keys");
            if (!check.step() || check.integer(0) != 1)
                return makeError(ErrorKind::Storage, path, 0, {}, "Thư viện SQLite không hỗ trợ khóa ngoại",
                                 "The SQLite library does not enforce foreign keys");
        }
        // Refuse a foreign or newer database before changing anything in it (journal mode included).
        sqlite::readSchemaVersion(handle, path);
        // WAL lets readers work while one writer writes. Where WAL is impossible (some network file systems)
        // SQLite keeps its rollback journal, which is just as safe, only less concurrent. Switching needs a
        // moment alone with the file, so it waits for other connections like a writer does.
        const int wal = sqlite::executeWaiting(handle, "PRAGMA journal_mode = WAL");
        if (wal != SQLITE_OK)
            return sqlite::databaseError(handle, wal, path, "Không chuyển được sang chế độ WAL",
                                         "Cannot switch to WAL mode");
        // In WAL mode NORMAL still never corrupts the file; a power cut may lose the last commits, not more.
        sqlite::execute(handle, path, "PRAGMA synchronous = NORMAL");
        // Assessments are ~17 KB each: a larger page cache and fewer, larger checkpoints (32 MB of WAL instead of
        // 4 MB) write the same index pages back less often.
        sqlite::execute(handle, path, "PRAGMA cache_size = -32768");
        sqlite::execute(handle, path, "PRAGMA wal_autocheckpoint = 8192");
        sqlite::migrate(handle, path);
        return store;
    });
    if (!opened && !existed && create)
        removeIfEmpty(path);
    return opened;
}

Result<int> SqliteStore::schemaVersion()
{
    return guarded<int>(m_path, [&]() -> Result<int> { return sqlite::readSchemaVersion(m_db, m_path); });
}

// ---- organisations ------------------------------------------------------------------------------------------

Result<bool> SqliteStore::upsertOrganisation(const Organisation& organisation, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkOrganisation(organisation, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};

        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        if (!organisation.parentId.empty()) {
            if (!exists(db, "SELECT 1 FROM organisations WHERE id = ?1", organisation.parentId)) {
                Error missing = noSuchOrganisation(db, organisation.parentId);
                missing.field = "parent";
                return missing;
            }
            // The new parent must not lie below the organisation: that would make the tree a loop.
            Statement ancestors(*m_cache,
                                "WITH RECURSIVE ancestor(id) AS ("
                                "  SELECT ?1"
                                "  UNION SELECT o.parent_id FROM organisations o JOIN ancestor a ON o.id = a.id"
                                "   WHERE o.parent_id IS NOT NULL)"
                                " SELECT 1 FROM ancestor WHERE id = ?2");
            ancestors.bindText(1, organisation.parentId).bindText(2, organisation.id);
            if (ancestors.step())
                return makeError(m_path, 0, "parent",
                                 "Tổ chức " + inQuotes(organisation.parentId) + " là cấp dưới của " +
                                     inQuotes(organisation.id) + ", không thể làm cấp trên của nó",
                                 "Organisation " + inQuotes(organisation.parentId) + " lies below " +
                                     inQuotes(organisation.id) + " and cannot be its parent");
        }
        Statement upsert(
            *m_cache, "INSERT INTO organisations (id, name, parent_id, created_by, created_at, updated_by, updated_at,"
                      "  created_by_organisation, created_by_role, updated_by_organisation, updated_by_role,"
                      "  authority_code)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5, ?6, ?7, ?6, ?7, ?8)"
                      " ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,"
                      "   authority_code = excluded.authority_code,"
                      "   updated_by = excluded.updated_by, updated_at = excluded.updated_at,"
                      "   updated_by_organisation = excluded.updated_by_organisation,"
                      "   updated_by_role = excluded.updated_by_role"
                      " WHERE name IS NOT excluded.name OR parent_id IS NOT excluded.parent_id"
                      "    OR authority_code IS NOT excluded.authority_code");
        upsert.bindText(1, organisation.id)
            .bindText(2, organisation.name)
            .bindTextOrNull(3, organisation.parentId)
            .bindText(4, by.user)
            .bindText(5, by.at)
            .bindText(6, by.organisation)
            .bindText(7, by.role)
            .bindText(8, organisation.authorityCode)
            .run();
        if (sqlite3_changes(m_db) > 0) // an unchanged organisation is not updated, and appends nothing
            appendAudit(
                {"organisation.upsert", "organisation", organisation.id, storage::organisationDetails(organisation)},
                actor);
        transaction.commit();
        return true;
    });
}

Result<std::vector<Organisation>> SqliteStore::organisations()
{
    return guarded<std::vector<Organisation>>(m_path, [&]() -> Result<std::vector<Organisation>> {
        std::vector<Organisation> result;
        Statement select(*m_cache, "SELECT id, name, parent_id, authority_code FROM organisations ORDER BY id");
        while (select.step())
            result.push_back(Organisation{select.text(0), select.text(1), select.text(2), select.text(3)});
        return result;
    });
}

// ---- systems ------------------------------------------------------------------------------------------------

Result<bool> SqliteStore::addSystem(const SystemDescription& system, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        if (Errors errors = storage::checkSystem(system, actor, actorLabels, answers); !errors.empty())
            return errors;
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        insertSystem({m_db, m_path, *m_cache}, system, answers, columnsOf(actor));
        appendAudit({"system.add", "system", system.id, storage::systemDetails(system)}, actor);
        transaction.commit();
        return true;
    });
}

Result<bool> SqliteStore::updateSystem(const SystemDescription& system, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        if (Errors errors = storage::checkSystem(system, actor, actorLabels, answers); !errors.empty())
            return errors;
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        storage::AnswerChanges changes;
        if (replaceSystem({m_db, m_path, *m_cache}, system, answers, columnsOf(actor), &changes))
            appendAudit({"system.update", "system", system.id, storage::systemUpdateDetails(system, changes)}, actor);
        transaction.commit();
        return true;
    });
}

Result<bool> SqliteStore::saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                                     const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        Errors errors = storage::checkSystem(system, actor, actorLabels, answers);
        AssessmentRow row;
        storage::appendNew(errors, checkAssessment(system.id, assessment, actor, row));
        if (!errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        storage::AnswerChanges changes;
        if (isNew) {
            insertSystem(db, system, answers, by);
            appendAudit({"system.add", "system", system.id, storage::systemDetails(system)}, actor);
        } else if (replaceSystem(db, system, answers, by, &changes)) {
            appendAudit({"system.update", "system", system.id, storage::systemUpdateDetails(system, changes)}, actor);
        }
        insertAssessment(db, system.id, assessment, row, by);
        appendAudit({"assessment.record", "system", system.id, storage::assessmentDetails(system.id, assessment)},
                    actor);
        transaction.commit();
        return true;
    });
}

Result<bool> SqliteStore::transact(const std::function<Result<bool>()>& work)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        Scope unit(m_db, m_path, m_depth, Transaction::Kind::Write);
        Result<bool> result = work(); // an exception rolls back as the scope unwinds; guarded() reports it
        if (result)
            unit.commit();
        return result;
    });
}

namespace {

TimePoint storedTime(const std::string& path, const std::string& text, const std::string& field)
{
    TimePoint at;
    if (!parseIsoTimestamp(text, at))
        fail(makeError(ErrorKind::Storage, path, 0, field,
                       "Thời điểm " + inQuotes(text) + " trong cơ sở dữ liệu bị hỏng",
                       "The stored time " + inQuotes(text) + " is damaged"));
    return at;
}

RecordedActor recordedActor(std::string user, std::string organisation, std::string role)
{
    return RecordedActor{std::move(user), std::move(organisation), std::move(role)};
}

} // namespace

std::vector<StoredSystem> SqliteStore::loadSystems(const std::string* id, const std::string* organisationId,
                                                   bool headersOnly)
{
    // The filter is one of three fixed SQL fragments; the value itself is always a bound parameter.
    const std::string filter = id ? " WHERE s.id = ?1" : organisationId ? " WHERE s.organisation_id = ?1" : "";
    const std::string* value = id ? id : organisationId;
    auto bind = [&](Statement& statement) {
        if (value)
            statement.bindText(1, *value);
    };
    const Database db{m_db, m_path, *m_cache};

    // All three queries walk the systems in id order, so components and answers are attached by walking
    // along instead of looking each system up.
    std::vector<StoredSystem> result;
    if (!value) {
        // All of them: counted first, so that the vector never grows by copying 100,000 systems along
        // (bench/workflow_bench: a fifth of `seclevel deadlines` went into those moves and their page faults).
        Statement count(*m_cache, "SELECT count(*) FROM systems");
        if (count.step())
            result.reserve(static_cast<size_t>(count.integer(0)));
    }
    Statement systems(*m_cache,
                      "SELECT s.id, s.name, s.owner, s.operator, s.organisation_id, s.ruleset_id, s.ruleset_version,"
                      " s.derived_level, s.proposed_level, s.justification, s.approved_level, s.created_by,"
                      " s.created_by_organisation, s.created_by_role, s.created_at, s.updated_at, s.approved_on,"
                      " s.approved_ruleset, s.workflow_state, s.state_step, s.state_date, s.state_level,"
                      " s.workflow_seq FROM systems s" +
                          filter + " ORDER BY s.id");
    bind(systems);
    while (systems.step()) {
        StoredSystem stored;
        stored.description.id = systems.text(0);
        stored.description.name = systems.text(1);
        stored.description.owner = systems.text(2);
        stored.description.operatorName = systems.text(3);
        stored.description.organisationId = systems.text(4);
        stored.rulesetId = systems.text(5);
        stored.rulesetVersion = systems.text(6);
        stored.derivedLevel = static_cast<int>(systems.integer(7));
        stored.proposedLevel = static_cast<int>(systems.integer(8));
        stored.justification = systems.text(9);
        stored.approvedLevel = static_cast<int>(systems.integer(10));
        stored.createdBy = recordedActor(systems.text(11), systems.text(12), systems.text(13));
        stored.createdAt = storedTime(m_path, systems.text(14), "created_at");
        stored.updatedAt = storedTime(m_path, systems.text(15), "updated_at");
        stored.approvedOn = parseIsoDate(systems.view(16));
        stored.approvedRuleset = systems.text(17);
        stored.workflowState = systems.text(18);
        stored.stateStep = systems.text(19);
        stored.stateDate = parseIsoDate(systems.view(20));
        stored.stateLevel = static_cast<int>(systems.integer(21));
        stored.workflowSeq = static_cast<int>(systems.integer(22));
        result.push_back(std::move(stored));
    }
    if (headersOnly)
        return result;

    // The position in `result` of the system `systemId`, walking forward from `cursor` (rows come in id order).
    auto locate = [&](size_t& cursor, std::string_view systemId) -> StoredSystem& {
        while (cursor < result.size() && result[cursor].description.id < systemId)
            ++cursor;
        if (cursor == result.size() || result[cursor].description.id != systemId)
            fail(makeError(ErrorKind::Storage, m_path, 0, "id",
                           "Dữ liệu của hệ thống " + inQuotes(systemId) + " trong cơ sở dữ liệu không nhất quán",
                           "The stored data of system " + inQuotes(systemId) + " is inconsistent"));
        return result[cursor];
    };

    // Components and answers need the systems table only to filter by organisation.
    const std::string from = organisationId ? " JOIN systems s ON s.id = x.system_id WHERE s.organisation_id = ?1"
                             : id           ? " WHERE x.system_id = ?1"
                                            : "";
    Statement components(*m_cache,
                         "SELECT x.system_id, x.name FROM components x" + from + " ORDER BY x.system_id, x.position");
    bind(components);
    size_t cursor = 0;
    while (components.step())
        locate(cursor, components.view(0)).description.components.push_back(Component{components.text(1), {}});

    Statement answers(*m_cache, "SELECT x.system_id, x.component, x.key, x.value_type, x.value_text FROM answers x" +
                                    from + " ORDER BY x.system_id, x.component, x.key");
    bind(answers);
    cursor = 0;
    while (answers.step()) {
        SystemDescription& system = locate(cursor, answers.view(0)).description;
        const std::string_view component = answers.view(1), key = answers.view(2);
        auto value = codec::decodeValue(answers.view(3), answers.view(4));
        if (!value)
            fail(damagedAnswer(db, system.id, std::string(component), std::string(key)));
        AnswerSet* target = &system.answers;
        if (!component.empty()) {
            target = nullptr;
            for (Component& candidate : system.components)
                if (candidate.name == component)
                    target = &candidate.answers;
            if (!target) // the schema's triggers prevent this; a damaged file might not
                fail(damagedAnswer(db, system.id, std::string(component), std::string(key)));
        }
        target->values.emplace_hint(target->values.end(), std::string(key), std::move(*value));
    }
    return result;
}

Result<std::optional<StoredSystem>> SqliteStore::system(const std::string& id)
{
    return guarded<std::optional<StoredSystem>>(m_path, [&]() -> Result<std::optional<StoredSystem>> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read); // one consistent snapshot
        auto found = loadSystems(&id, nullptr);
        transaction.commit();
        if (found.empty())
            return std::optional<StoredSystem>{};
        return std::optional<StoredSystem>{std::move(found.front())};
    });
}

Result<std::vector<StoredSystem>> SqliteStore::systems(const std::string& organisationId)
{
    return guarded<std::vector<StoredSystem>>(m_path, [&]() -> Result<std::vector<StoredSystem>> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read);
        auto found = loadSystems(nullptr, organisationId.empty() ? nullptr : &organisationId);
        transaction.commit();
        return found;
    });
}

Result<std::vector<StoredSystem>> SqliteStore::systemHeaders()
{
    return guarded<std::vector<StoredSystem>>(m_path, [&]() -> Result<std::vector<StoredSystem>> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read);
        auto found = loadSystems(nullptr, nullptr, /*headersOnly=*/true);
        transaction.commit();
        return found;
    });
}

Result<std::vector<AnswerChange>> SqliteStore::answerHistory(const std::string& systemId)
{
    return guarded<std::vector<AnswerChange>>(m_path, [&]() -> Result<std::vector<AnswerChange>> {
        std::vector<AnswerChange> result;
        Statement select(*m_cache, "SELECT system_id, component, key, old_value, new_value, actor, actor_organisation,"
                                   " actor_role, at FROM answer_history WHERE system_id = ?1 ORDER BY at, id");
        select.bindText(1, systemId);
        while (select.step())
            result.push_back(AnswerChange{select.text(0), select.text(1), select.text(2), select.text(3),
                                          select.text(4), recordedActor(select.text(5), select.text(6), select.text(7)),
                                          storedTime(m_path, select.text(8), "at")});
        return result;
    });
}

// ---- assessments --------------------------------------------------------------------------------------------

Result<bool> SqliteStore::recordAssessment(const std::string& systemId, const Assessment& assessment,
                                           const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        AssessmentRow row;
        if (Errors errors = checkAssessment(systemId, assessment, actor, row); !errors.empty())
            return errors;
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        insertAssessment({m_db, m_path, *m_cache}, systemId, assessment, row, columnsOf(actor));
        appendAudit({"assessment.record", "system", systemId, storage::assessmentDetails(systemId, assessment)}, actor);
        transaction.commit();
        return true;
    });
}

void SqliteStore::fillTexts(std::string_view digests, Assessment& assessment, const std::string& row,
                            const std::string& systemId)
{
    auto damaged = [&](const std::string& what) {
        return makeError(
            ErrorKind::Storage, m_path, 0, "texts",
            "Văn bản của kết quả đánh giá số " + row + " của hệ thống " + inQuotes(systemId) + " bị hỏng: " + what,
            "The texts of assessment " + row + " of system " + inQuotes(systemId) + " are damaged: " + what);
    };
    auto list = json::parse(digests, m_path);
    if (!list || !list->isArray())
        fail(damaged("not a JSON array"));
    size_t next = 0;
    thread_local std::unordered_map<std::string, LocalizedText> known; // by digest: content never changes
    Statement lookup(*m_cache, "SELECT vi, en FROM assessment_texts WHERE digest = ?1");
    eachText(assessment, [&](LocalizedText& text, auto) {
        if (next >= list->items.size() || !list->items[next].isString())
            fail(damaged("fewer digests than texts"));
        const std::string& digest = list->items[next++].text;
        auto found = known.find(digest);
        if (found == known.end()) {
            lookup.bindText(1, digest);
            if (!lookup.step())
                fail(damaged("no text " + digest));
            if (known.size() > 100'000)
                known.clear();
            found = known.emplace(digest, LocalizedText{lookup.text(0), lookup.text(1)}).first;
            lookup.reset();
        }
        text = found->second;
    });
    if (next != list->items.size())
        fail(damaged("more digests than texts"));
}

std::vector<StoredAssessment> SqliteStore::loadAssessments(const std::string& systemId, bool latestOnly)
{
    std::vector<StoredAssessment> result;
    Statement select(*m_cache,
                     latestOnly ? "SELECT id, ruleset_id, ruleset_version, derived_level, proposed_level, assessment,"
                                  " actor, actor_organisation, actor_role, at, texts FROM assessments"
                                  " WHERE system_id = ?1 ORDER BY at DESC, id DESC LIMIT 1"
                                : "SELECT id, ruleset_id, ruleset_version, derived_level, proposed_level, assessment,"
                                  " actor, actor_organisation, actor_role, at, texts FROM assessments"
                                  " WHERE system_id = ?1 ORDER BY at, id");
    select.bindText(1, systemId);
    while (select.step()) {
        const std::string row = std::to_string(select.integer(0));
        auto decoded = codec::decodeAssessment(select.text(5));
        if (!decoded) {
            Error error = decoded.errors().front();
            error.file = m_path;
            error.message.vi =
                "Kết quả đánh giá số " + row + " của hệ thống " + inQuotes(systemId) + ": " + error.message.vi;
            error.message.en = "Assessment " + row + " of system " + inQuotes(systemId) + ": " + error.message.en;
            fail(std::move(error));
        }
        // The columns repeat what the encoding says, for SQL; they must agree.
        if (decoded->rulesetId != select.text(1) || decoded->rulesetVersion != select.text(2) ||
            decoded->derivedLevel != select.integer(3) || decoded->proposedLevel != select.integer(4))
            fail(makeError(ErrorKind::Storage, m_path, 0, "assessment",
                           "Kết quả đánh giá số " + row + " của hệ thống " + inQuotes(systemId) +
                               " không khớp với các cột của nó (dữ liệu bị hỏng)",
                           "Assessment " + row + " of system " + inQuotes(systemId) +
                               " disagrees with its columns (damaged data)"));
        fillTexts(select.view(10), *decoded, row, systemId);
        result.push_back(StoredAssessment{systemId, std::move(*decoded),
                                          recordedActor(select.text(6), select.text(7), select.text(8)),
                                          storedTime(m_path, select.text(9), "at")});
    }
    return result;
}

Result<std::vector<StoredAssessment>> SqliteStore::assessments(const std::string& systemId)
{
    return guarded<std::vector<StoredAssessment>>(
        m_path, [&]() -> Result<std::vector<StoredAssessment>> { return loadAssessments(systemId, false); });
}

Result<std::optional<StoredAssessment>> SqliteStore::latestAssessment(const std::string& systemId)
{
    return guarded<std::optional<StoredAssessment>>(m_path, [&]() -> Result<std::optional<StoredAssessment>> {
        auto found = loadAssessments(systemId, true);
        if (found.empty())
            return std::optional<StoredAssessment>{};
        return std::optional<StoredAssessment>{std::move(found.front())};
    });
}

// ---- the level-proposal dossier -----------------------------------------------------------------------------

namespace {

using codec::attachmentKey;
using codec::requirementKey;

using storage::DossierState;
using storage::stateOf;

Dossier loadDossier(Database db, const std::string& systemId)
{
    if (!systemExists(db, systemId))
        fail(noSuchSystem(db, systemId));
    Dossier dossier;
    dossier.systemId = systemId;
    Statement fields(db.cache, "SELECT key, value FROM dossier_fields WHERE system_id = ?1 ORDER BY key");
    fields.bindText(1, systemId);
    while (fields.step())
        dossier.fields.emplace(fields.text(0), fields.text(1));
    Statement requirements(db.cache, "SELECT group_id, item, status, how, planned_by FROM dossier_requirements"
                                     " WHERE system_id = ?1 ORDER BY group_id, item");
    requirements.bindText(1, systemId);
    while (requirements.step()) {
        RequirementStatement statement;
        statement.groupId = requirements.text(0);
        statement.item = static_cast<int>(requirements.integer(1));
        const auto status = parseRequirementStatus(requirements.text(2));
        std::optional<Date> plannedBy;
        if (!requirements.isNull(4)) {
            plannedBy = parseIsoDate(requirements.text(4));
            if (!plannedBy)
                fail(makeError(ErrorKind::Storage, db.path, 0, requirementKey(statement),
                               "Ngày hoàn thành trong cơ sở dữ liệu bị hỏng", "The stored planned-by date is damaged"));
        }
        if (!status)
            fail(makeError(ErrorKind::Storage, db.path, 0, requirementKey(statement),
                           "Trạng thái trong cơ sở dữ liệu bị hỏng", "The stored status is damaged"));
        statement.status = *status;
        statement.how = requirements.text(3);
        statement.plannedBy = plannedBy;
        dossier.requirements.push_back(std::move(statement));
    }
    Statement attachments(db.cache, "SELECT kind, name, media_type, size, sha256, reference, imported_reference"
                                    " FROM dossier_attachments WHERE system_id = ?1 ORDER BY position");
    attachments.bindText(1, systemId);
    while (attachments.step())
        dossier.attachments.push_back(Attachment{attachments.text(0), attachments.text(1), attachments.text(2),
                                                 static_cast<std::uint64_t>(attachments.integer(3)),
                                                 attachments.text(4), attachments.text(5),
                                                 attachments.integer(6) != 0});
    return dossier;
}

// Replaces the stored dossier by `dossier` with a history row per changed item; writes nothing when equal.
// The changed items go to `changedItems` when given (the audit entry's details).
bool writeDossier(Database db, const Dossier& dossier, const ActorColumns& actor,
                  std::vector<storage::DossierItemChange>* changedItems = nullptr)
{
    const Dossier previous = loadDossier(db, dossier.systemId);
    const DossierState before = stateOf(previous);
    const DossierState after = stateOf(dossier);
    if (before == after)
        return false;
    for (const char* table : {"dossier_fields", "dossier_requirements", "dossier_attachments"}) {
        // The table name is one of three constants; the value is bound.
        Statement clear(db.cache, std::string("DELETE FROM ") + table + " WHERE system_id = ?1");
        clear.bindText(1, dossier.systemId).run();
    }
    Statement field(db.cache, "INSERT INTO dossier_fields (system_id, key, value) VALUES (?1, ?2, ?3)");
    for (const auto& [key, value] : dossier.fields)
        field.bindText(1, dossier.systemId).bindText(2, key).bindText(3, value).run();
    Statement requirement(db.cache,
                          "INSERT INTO dossier_requirements (system_id, group_id, item, status, how, planned_by)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const RequirementStatement& statement : dossier.requirements) {
        requirement.bindText(1, dossier.systemId)
            .bindText(2, statement.groupId)
            .bindInt(3, statement.item)
            .bindText(4, requirementStatusName(statement.status))
            .bindText(5, statement.how);
        if (statement.plannedBy)
            requirement.bindText(6, formatIsoDate(*statement.plannedBy));
        else
            requirement.bindNull(6);
        requirement.run();
    }
    Statement attachment(db.cache,
                         "INSERT INTO dossier_attachments (system_id, position, kind, name, media_type, size, sha256,"
                         " reference, imported_reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (size_t position = 0; position < dossier.attachments.size(); ++position) {
        const Attachment& a = dossier.attachments[position];
        attachment.bindText(1, dossier.systemId)
            .bindInt(2, static_cast<std::int64_t>(position))
            .bindText(3, a.kind)
            .bindText(4, a.name)
            .bindText(5, a.mediaType)
            .bindInt(6, static_cast<std::int64_t>(a.size))
            .bindText(7, a.sha256)
            .bindText(8, a.reference)
            .bindInt(9, a.importedReference ? 1 : 0)
            .run();
    }
    Statement history(db.cache, "INSERT INTO dossier_history (system_id, key, old_value, new_value, actor, at,"
                                " actor_organisation, actor_role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto record = [&](const std::string& key, const std::string& oldValue, const std::string& newValue) {
        history.bindText(1, dossier.systemId)
            .bindText(2, key)
            .bindText(3, oldValue)
            .bindText(4, newValue)
            .bindText(5, actor.user)
            .bindText(6, actor.at)
            .bindText(7, actor.organisation)
            .bindText(8, actor.role)
            .run();
    };
    std::vector<storage::DossierItemChange> changes = storage::itemChanges(before, after);
    for (const storage::DossierItemChange& change : changes)
        record(change.key, change.oldValue, change.newValue);
    if (changedItems)
        *changedItems = std::move(changes);
    // Contents no attachment refers to any more go; the history keeps their digest.
    Statement orphan(db.cache, "DELETE FROM attachment_contents WHERE sha256 = ?1"
                               " AND NOT EXISTS (SELECT 1 FROM dossier_attachments WHERE sha256 = ?1)");
    std::set<std::string> dropped;
    for (const Attachment& attachment : previous.attachments)
        dropped.insert(attachment.sha256);
    for (const std::string& sha256 : dropped)
        orphan.bindText(1, sha256).run();
    return true;
}

// The statements below bind and read BLOBs, which Statement does not; plain sqlite3 with the same care.
class BlobStatement {
public:
    BlobStatement(Database db, const char* sql) : m_db(db)
    {
        check(sqlite3_prepare_v2(db.handle, sql, -1, &m_statement, nullptr));
    }
    ~BlobStatement() { sqlite3_finalize(m_statement); }
    BlobStatement(const BlobStatement&) = delete;
    BlobStatement& operator=(const BlobStatement&) = delete;

    void bindText(int index, const std::string& text)
    {
        check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    }
    void bindBlob(int index, const std::string& bytes)
    {
        check(sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_STATIC));
    }
    bool step()
    {
        const int code = sqlite3_step(m_statement);
        if (code == SQLITE_ROW)
            return true;
        if (code != SQLITE_DONE)
            check(code);
        return false;
    }
    std::string blob(int column) const
    {
        const void* data = sqlite3_column_blob(m_statement, column);
        const int size = sqlite3_column_bytes(m_statement, column);
        return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(size)) : std::string();
    }

private:
    void check(int code) const
    {
        if (code != SQLITE_OK)
            fail(sqlite::databaseError(m_db.handle, code, m_db.path, "Không đọc/ghi được nội dung tài liệu kèm theo",
                                       "Cannot read or write attachment content"));
    }

    Database m_db;
    sqlite3_stmt* m_statement = nullptr;
};

// True when the latest assessment of the system has exactly this canonical encoding.
bool sameAsLatestAssessment(Database db, const std::string& systemId, const AssessmentRow& row)
{
    Statement latest(db.cache, "SELECT assessment, texts FROM assessments WHERE system_id = ?1"
                               " ORDER BY at DESC, id DESC LIMIT 1");
    latest.bindText(1, systemId);
    return latest.step() && latest.view(0) == row.stripped && latest.view(1) == row.digests;
}

} // namespace

Result<Dossier> SqliteStore::dossier(const std::string& systemId)
{
    return guarded<Dossier>(m_path, [&]() -> Result<Dossier> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read);
        Dossier found = loadDossier({m_db, m_path, *m_cache}, systemId);
        transaction.commit();
        return found;
    });
}

Result<bool> SqliteStore::saveDossier(const Dossier& dossier, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkDossier(dossier, actor, actorLabels); !errors.empty())
            return errors;
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        std::vector<storage::DossierItemChange> changes;
        const bool changed = writeDossier({m_db, m_path, *m_cache}, dossier, columnsOf(actor), &changes);
        if (changed)
            appendAudit(
                {"dossier.save", "system", dossier.systemId, storage::dossierDetails(dossier.systemId, changes)},
                actor);
        transaction.commit();
        return changed;
    });
}

Result<bool> SqliteStore::storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                                 const std::string& bytes, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        Dossier single{systemId, {}, {}, {attachment}};
        Errors errors = storage::checkDossier(single, actor, actorLabels);
        const std::string field = attachmentKey(attachment);
        if (!attachment.reference.empty())
            errors.push_back(makeError(ErrorKind::InvalidInput, m_path, 0, field,
                                       "Tài liệu lưu nội dung không được có đường dẫn tham chiếu",
                                       "An attachment whose content is stored must not carry a reference"));
        if (attachment.size != bytes.size() || sha256Hex(bytes) != attachment.sha256)
            errors.push_back(makeError(m_path, 0, field,
                                       "Nội dung không khớp với kích thước hoặc mã băm SHA-256 đã ghi",
                                       "The content does not match the recorded size or SHA-256 digest"));
        if (!errors.empty())
            return errors;
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        Dossier dossier = loadDossier(db, systemId);
        BlobStatement insert(db, "INSERT INTO attachment_contents (sha256, content) VALUES (?1, ?2)"
                                 " ON CONFLICT (sha256) DO NOTHING");
        insert.bindText(1, attachment.sha256);
        insert.bindBlob(2, bytes);
        insert.step();
        const bool contentAdded = sqlite3_changes(m_db) > 0;
        bool replaced = false;
        for (Attachment& existing : dossier.attachments)
            if (existing.kind == attachment.kind && existing.name == attachment.name) {
                existing = attachment;
                replaced = true;
            }
        if (!replaced)
            dossier.attachments.push_back(attachment);
        std::vector<storage::DossierItemChange> changes;
        const bool changed = writeDossier(db, dossier, columnsOf(actor), &changes);
        if (changed || contentAdded)
            appendAudit(
                {"attachment.store", "system", systemId, storage::attachmentDetails(systemId, attachment, changes)},
                actor);
        transaction.commit();
        return changed;
    });
}

Result<std::optional<std::string>> SqliteStore::attachmentContent(const std::string& sha256)
{
    return guarded<std::optional<std::string>>(m_path, [&]() -> Result<std::optional<std::string>> {
        BlobStatement select({m_db, m_path, *m_cache}, "SELECT content FROM attachment_contents WHERE sha256 = ?1");
        select.bindText(1, sha256);
        if (!select.step())
            return std::optional<std::string>{};
        return std::optional<std::string>{select.blob(0)};
    });
}

Result<bool> SqliteStore::importDossier(const DossierDocument& document, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        Errors errors = storage::checkSystem(document.system, actor, actorLabels, answers);
        AssessmentRow row;
        storage::appendNew(errors, checkAssessment(document.system.id, document.assessment, actor, row));
        Dossier dossier = document.dossier;
        dossier.systemId = document.system.id;
        storage::appendNew(errors, storage::checkDossier(dossier, actor, actorLabels));
        if (!errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        storage::AnswerChanges answerChanges;
        bool systemChanged = true;
        if (systemExists(db, document.system.id))
            systemChanged = replaceSystem(db, document.system, answers, by, &answerChanges);
        else
            insertSystem(db, document.system, answers, by);
        bool assessed = false;
        if (!sameAsLatestAssessment(db, document.system.id, row)) {
            insertAssessment(db, document.system.id, document.assessment, row, by);
            assessed = true;
        }
        std::vector<storage::DossierItemChange> dossierChanges;
        const bool dossierChanged = writeDossier(db, dossier, by, &dossierChanges);
        const bool changed = systemChanged || assessed || dossierChanged;
        if (changed)
            appendAudit({"dossier.import", "system", document.system.id,
                         storage::importDetails(document.system, systemChanged, answerChanges,
                                                assessed ? &document.assessment : nullptr, dossierChanges)},
                        actor);
        transaction.commit();
        return changed;
    });
}

// ---- users, workflow steps, duties -------------------------------------------------------------------------

namespace {

void keepContents(Database db, const std::vector<Attachment>& attachments, const std::vector<std::string>& contents)
{
    for (size_t i = 0; i < attachments.size(); ++i) {
        BlobStatement insert(db, "INSERT INTO record_contents (sha256, bytes) VALUES (?1, ?2)"
                                 " ON CONFLICT (sha256) DO NOTHING");
        insert.bindText(1, attachments[i].sha256);
        insert.bindBlob(2, contents[i]);
        insert.step();
    }
}

} // namespace

Result<bool> SqliteStore::saveUser(const User& user, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkUser(user, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        for (const Membership& membership : user.memberships)
            if (!exists(db, "SELECT 1 FROM organisations WHERE id = ?1", membership.organisationId))
                return noSuchOrganisation(db, membership.organisationId);
        Statement upsert(
            *m_cache, "INSERT INTO users (id, name, memberships, created_by, created_by_organisation, created_by_role,"
                      "  created_at, updated_by, updated_by_organisation, updated_by_role, updated_at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?5, ?6, ?7)"
                      " ON CONFLICT (id) DO UPDATE SET name = excluded.name, memberships = excluded.memberships,"
                      "   updated_by = excluded.updated_by, updated_by_organisation = excluded.updated_by_organisation,"
                      "   updated_by_role = excluded.updated_by_role, updated_at = excluded.updated_at"
                      " WHERE name IS NOT excluded.name OR memberships IS NOT excluded.memberships");
        upsert.bindText(1, user.id)
            .bindText(2, user.name)
            .bindText(3, storage::encodeMemberships(user.memberships))
            .bindText(4, by.user)
            .bindText(5, by.organisation)
            .bindText(6, by.role)
            .bindText(7, by.at)
            .run();
        const bool changed = sqlite3_changes(m_db) > 0;
        if (changed)
            appendAudit({"user.save", "user", user.id, storage::userDetails(user)}, actor);
        transaction.commit();
        return changed;
    });
}

Result<std::optional<User>> SqliteStore::user(const std::string& id)
{
    return guarded<std::optional<User>>(m_path, [&]() -> Result<std::optional<User>> {
        Statement select(*m_cache, "SELECT id, name, memberships FROM users WHERE id = ?1");
        select.bindText(1, id);
        if (!select.step())
            return std::optional<User>{};
        return std::optional<User>{User{select.text(0), select.text(1), storage::decodeMemberships(select.text(2))}};
    });
}

Result<std::vector<User>> SqliteStore::users()
{
    return guarded<std::vector<User>>(m_path, [&]() -> Result<std::vector<User>> {
        std::vector<User> result;
        Statement select(*m_cache, "SELECT id, name, memberships FROM users ORDER BY id");
        while (select.step())
            result.push_back(User{select.text(0), select.text(1), storage::decodeMemberships(select.text(2))});
        return result;
    });
}

Result<bool> SqliteStore::appendWorkflowStep(const WorkflowStepRecord& record, const std::vector<std::string>& contents,
                                             const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkStepRecord(record, contents, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        Statement current(*m_cache, "SELECT workflow_state, workflow_seq FROM systems WHERE id = ?1");
        current.bindText(1, record.systemId);
        if (!current.step())
            return noSuchSystem(db, record.systemId);
        const std::string state = current.text(0);
        const std::int64_t seq = current.integer(1);
        current.reset();
        if (seq + 1 != record.seq || (!state.empty() && state != record.fromState))
            return storage::workflowConflict(m_path, record.systemId);
        keepContents(db, record.attachments, contents);
        Statement insert(*m_cache,
                         "INSERT INTO workflow_steps (system_id, seq, step, to_state, effective_date, details,"
                         " user_id, organisation, role, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        insert.bindText(1, record.systemId)
            .bindInt(2, record.seq)
            .bindText(3, record.step)
            .bindText(4, record.toState)
            .bindText(5, formatIsoDate(record.date))
            .bindText(6, storage::encodeStepDetails(record))
            .bindText(7, by.user)
            .bindText(8, by.organisation)
            .bindText(9, by.role)
            .bindText(10, by.at)
            .run();
        const bool entersState = record.toState != record.fromState || state.empty();
        Statement update(*m_cache, "UPDATE systems SET workflow_seq = ?2, workflow_state = ?3,"
                                   " state_step = CASE WHEN ?4 THEN ?5 ELSE state_step END,"
                                   " state_date = CASE WHEN ?4 THEN ?6 ELSE state_date END,"
                                   " state_level = CASE WHEN ?4 THEN ?7 ELSE state_level END,"
                                   " approved_level = CASE WHEN ?8 > 0 THEN ?8 ELSE approved_level END,"
                                   " approved_on = CASE WHEN ?8 > 0 THEN ?6 ELSE approved_on END,"
                                   " approved_ruleset = CASE WHEN ?8 > 0 THEN ?9 ELSE approved_ruleset END"
                                   " WHERE id = ?1");
        update.bindText(1, record.systemId)
            .bindInt(2, record.seq)
            .bindText(3, record.toState)
            .bindInt(4, entersState ? 1 : 0)
            .bindText(5, record.step)
            .bindText(6, formatIsoDate(record.date))
            .bindInt(7, record.level)
            .bindInt(8, record.approvedLevel)
            .bindText(9, record.rulesetId)
            .run();
        appendAudit({"workflow.step", "system", record.systemId, storage::workflowStepDetails(record)}, actor);
        transaction.commit();
        return true;
    });
}

Result<std::vector<WorkflowStepRecord>> SqliteStore::workflowSteps(const std::string& systemId)
{
    return guarded<std::vector<WorkflowStepRecord>>(m_path, [&]() -> Result<std::vector<WorkflowStepRecord>> {
        std::vector<WorkflowStepRecord> result;
        appendSteps(systemId, result);
        return result;
    });
}

void SqliteStore::appendSteps(const std::string& systemId, std::vector<WorkflowStepRecord>& out)
{
    Statement select(*m_cache, "SELECT seq, step, to_state, effective_date, details, user_id, organisation, role, at"
                               " FROM workflow_steps WHERE system_id = ?1 ORDER BY seq");
    select.bindText(1, systemId);
    while (select.step()) {
        WorkflowStepRecord record;
        record.systemId = systemId;
        record.seq = static_cast<int>(select.integer(0));
        record.step = select.text(1);
        record.toState = select.text(2);
        record.date = parseIsoDate(select.view(3)).value_or(Date{});
        storage::decodeStepDetails(select.text(4), record);
        record.actor = recordedActor(select.text(5), select.text(6), select.text(7));
        record.at = storedTime(m_path, select.text(8), "at");
        out.push_back(std::move(record));
    }
}

Result<bool> SqliteStore::recordDuty(const DutyRecord& record, const std::vector<std::string>& contents,
                                     const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkDutyRecord(record, contents, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        if (!systemExists(db, record.systemId))
            return noSuchSystem(db, record.systemId);
        keepContents(db, record.attachments, contents);
        Statement insert(*m_cache, "INSERT INTO duty_records (system_id, duty_id, fulfilled_on, details, user_id,"
                                   " organisation, role, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        insert.bindText(1, record.systemId)
            .bindText(2, record.dutyId)
            .bindText(3, formatIsoDate(record.fulfilledOn))
            .bindText(4, storage::encodeDutyDetails(record))
            .bindText(5, by.user)
            .bindText(6, by.organisation)
            .bindText(7, by.role)
            .bindText(8, by.at)
            .run();
        appendAudit({"duty.record", "system", record.systemId, storage::dutyDetails(record)}, actor);
        transaction.commit();
        return true;
    });
}

Result<std::vector<DutyRecord>> SqliteStore::dutyRecords(const std::string& systemId)
{
    return guarded<std::vector<DutyRecord>>(m_path, [&]() -> Result<std::vector<DutyRecord>> {
        std::vector<DutyRecord> result;
        Statement select(
            *m_cache,
            "SELECT system_id, duty_id, fulfilled_on, details, user_id, organisation, role, at"
            " FROM duty_records WHERE ?1 = '' OR system_id = ?1 ORDER BY system_id, duty_id, fulfilled_on, id");
        select.bindText(1, systemId);
        while (select.step()) {
            DutyRecord record;
            record.systemId = select.text(0);
            record.dutyId = select.text(1);
            record.fulfilledOn = parseIsoDate(select.view(2)).value_or(Date{});
            storage::decodeDutyDetails(select.text(3), record);
            record.actor = recordedActor(select.text(4), select.text(5), select.text(6));
            record.at = storedTime(m_path, select.text(7), "at");
            result.push_back(std::move(record));
        }
        return result;
    });
}

Result<std::optional<std::string>> SqliteStore::recordContent(const std::string& sha256)
{
    return guarded<std::optional<std::string>>(m_path, [&]() -> Result<std::optional<std::string>> {
        BlobStatement select({m_db, m_path, *m_cache}, "SELECT bytes FROM record_contents WHERE sha256 = ?1");
        select.bindText(1, sha256);
        if (!select.step())
            return std::optional<std::string>{};
        return std::optional<std::string>{select.blob(0)};
    });
}

// ---- working-day calendar announcements ---------------------------------------------------------------------

Result<std::vector<StoredCalendarAnnouncement>> SqliteStore::calendarAnnouncements()
{
    return guarded<std::vector<StoredCalendarAnnouncement>>(
        m_path, [&]() -> Result<std::vector<StoredCalendarAnnouncement>> {
            std::vector<StoredCalendarAnnouncement> result;
            Statement select(*m_cache, "SELECT year, xml, actor, actor_organisation, actor_role, at"
                                       " FROM calendar_announcements ORDER BY year, id");
            while (select.step())
                result.push_back(
                    StoredCalendarAnnouncement{static_cast<int>(select.integer(0)), select.text(1),
                                               recordedActor(select.text(2), select.text(3), select.text(4)),
                                               storedTime(m_path, select.text(5), "calendar_announcements.at")});
            return result;
        });
}

Result<bool> SqliteStore::saveCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkCalendarAnnouncement(year, xmlText, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        Statement insert(*m_cache, "INSERT INTO calendar_announcements (year, xml, actor, actor_organisation,"
                                   " actor_role, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bindInt(1, year)
            .bindText(2, xmlText)
            .bindText(3, by.user)
            .bindText(4, by.organisation)
            .bindText(5, by.role)
            .bindText(6, by.at)
            .run();
        appendAudit({"calendar.announce", "calendar", std::to_string(year),
                     storage::calendarAnnouncementDetails(year, xmlText)},
                    actor);
        transaction.commit();
        return true;
    });
}

} // namespace seclevel

// ---- the audit trail ----------------------------------------------------------------------------------------

namespace seclevel {

void SqliteStore::appendAudit(const AuditRecord& record, const Actor& actor)
{
    // Only ever called inside a write Scope: BEGIN IMMEDIATE holds the file's write lock, so no other process
    // can append between reading the head and inserting after it.
    AuditHead head;
    {
        Statement last(*m_cache, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            head.seq = last.integer(0);
            head.hash = last.text(1);
        }
    }
    const AuditEntry entry = chainedEntry(head, record, actor);
    Statement insert(*m_cache, "INSERT INTO audit_log (seq, at, actor, actor_organisation, actor_role, action,"
                               " subject_kind, subject_id, details, prev_hash, hash)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    insert.bindInt(1, entry.seq)
        .bindText(2, isoTimestamp(entry.at))
        .bindText(3, entry.actor.userId)
        .bindText(4, entry.actor.organisationId)
        .bindText(5, entry.actor.role)
        .bindText(6, entry.action)
        .bindText(7, entry.subjectKind)
        .bindText(8, entry.subjectId)
        .bindText(9, entry.details)
        .bindText(10, entry.prevHash)
        .bindText(11, entry.hash)
        .run();
}

Result<AuditHead> SqliteStore::auditHead()
{
    return guarded<AuditHead>(m_path, [&]() -> Result<AuditHead> {
        AuditHead head;
        Statement last(*m_cache, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            head.seq = last.integer(0);
            head.hash = last.text(1);
        }
        return head;
    });
}

Result<bool> SqliteStore::forEachAuditEntry(std::int64_t fromSeq,
                                            const std::function<bool(const AuditEntryView&)>& visit)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read); // one snapshot, writers go on
        // Not from the cache: a callback may call the store again (a nested read borrows its own statements).
        Statement select(m_db, m_path,
                         "SELECT seq, at, actor, actor_organisation, actor_role, action, subject_kind, subject_id,"
                         " details, prev_hash, hash FROM audit_log WHERE seq >= ?1 ORDER BY seq");
        select.bindInt(1, fromSeq);
        AuditEntryView view;
        while (select.step()) {
            view.seq = select.integer(0);
            view.at = select.view(1);
            view.user = select.view(2);
            view.organisation = select.view(3);
            view.role = select.view(4);
            view.action = select.view(5);
            view.subjectKind = select.view(6);
            view.subjectId = select.view(7);
            view.details = select.view(8);
            view.prevHash = select.view(9);
            view.hash = select.view(10);
            if (!visit(view))
                break;
        }
        transaction.commit();
        return true;
    });
}

// ---- inspections ---------------------------------------------------------------------------------------------

Result<bool> SqliteStore::saveInspection(const Inspection& inspection, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkInspection(inspection, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        for (const std::string* organisation : {&inspection.inspectingBody, &inspection.scope.organisationId})
            if (!exists(db, "SELECT 1 FROM organisations WHERE id = ?1", *organisation))
                return noSuchOrganisation(db, *organisation);
        for (const std::string& member : inspection.team)
            if (!exists(db, "SELECT 1 FROM users WHERE id = ?1", member))
                return storage::noSuchUser(m_path, member);
        for (const std::string& system : inspection.scope.systems)
            if (!systemExists(db, system))
                return storage::noSuchScopeSystem(m_path, system);
        Statement upsert(
            *m_cache,
            "INSERT INTO inspections (id, decision_number, decision_date, inspecting_body, scope_organisation,"
            "  period_from, period_to, details, created_by, created_by_organisation, created_by_role, created_at,"
            "  updated_by, updated_by_organisation, updated_by_role, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?9, ?10, ?11, ?12)"
            " ON CONFLICT (id) DO UPDATE SET decision_number = excluded.decision_number,"
            "   decision_date = excluded.decision_date, inspecting_body = excluded.inspecting_body,"
            "   scope_organisation = excluded.scope_organisation, period_from = excluded.period_from,"
            "   period_to = excluded.period_to, details = excluded.details, updated_by = excluded.updated_by,"
            "   updated_by_organisation = excluded.updated_by_organisation, updated_by_role = excluded.updated_by_role,"
            "   updated_at = excluded.updated_at"
            " WHERE decision_number IS NOT excluded.decision_number OR decision_date IS NOT excluded.decision_date"
            "   OR inspecting_body IS NOT excluded.inspecting_body"
            "   OR scope_organisation IS NOT excluded.scope_organisation OR period_from IS NOT excluded.period_from"
            "   OR period_to IS NOT excluded.period_to OR details IS NOT excluded.details");
        upsert.bindText(1, inspection.id)
            .bindText(2, inspection.decisionNumber)
            .bindText(3, formatIsoDate(inspection.decisionDate))
            .bindText(4, inspection.inspectingBody)
            .bindText(5, inspection.scope.organisationId)
            .bindText(6, formatIsoDate(inspection.scope.periodFrom))
            .bindText(7, formatIsoDate(inspection.scope.periodTo))
            .bindText(8, storage::encodeInspectionDetails(inspection))
            .bindText(9, by.user)
            .bindText(10, by.organisation)
            .bindText(11, by.role)
            .bindText(12, by.at)
            .run();
        const bool changed = sqlite3_changes(m_db) > 0;
        if (changed)
            appendAudit({"inspection.save", "inspection", inspection.id, storage::inspectionDetails(inspection)},
                        actor);
        transaction.commit();
        return changed;
    });
}

namespace {

constexpr const char* selectInspections =
    "SELECT id, decision_number, decision_date, inspecting_body, scope_organisation, period_from, period_to, details,"
    " created_by, created_by_organisation, created_by_role, created_at,"
    " updated_by, updated_by_organisation, updated_by_role, updated_at FROM inspections";

StoredInspection readInspection(Statement& select, const std::string& path)
{
    StoredInspection stored;
    Inspection& i = stored.inspection;
    i.id = select.text(0);
    i.decisionNumber = select.text(1);
    i.decisionDate = parseIsoDate(select.view(2)).value_or(Date{});
    i.inspectingBody = select.text(3);
    i.scope.organisationId = select.text(4);
    i.scope.periodFrom = parseIsoDate(select.view(5)).value_or(Date{});
    i.scope.periodTo = parseIsoDate(select.view(6)).value_or(Date{});
    storage::decodeInspectionDetails(select.text(7), i);
    stored.createdBy = recordedActor(select.text(8), select.text(9), select.text(10));
    stored.createdAt = storedTime(path, select.text(11), "created_at");
    stored.updatedBy = recordedActor(select.text(12), select.text(13), select.text(14));
    stored.updatedAt = storedTime(path, select.text(15), "updated_at");
    return stored;
}

} // namespace

Result<std::optional<StoredInspection>> SqliteStore::inspection(const std::string& id)
{
    return guarded<std::optional<StoredInspection>>(m_path, [&]() -> Result<std::optional<StoredInspection>> {
        Statement select(*m_cache, std::string(selectInspections) + " WHERE id = ?1");
        select.bindText(1, id);
        if (!select.step())
            return std::optional<StoredInspection>{};
        return std::optional<StoredInspection>{readInspection(select, m_path)};
    });
}

Result<std::vector<StoredInspection>> SqliteStore::inspections()
{
    return guarded<std::vector<StoredInspection>>(m_path, [&]() -> Result<std::vector<StoredInspection>> {
        std::vector<StoredInspection> result;
        Statement select(*m_cache, std::string(selectInspections) + " ORDER BY id");
        while (select.step())
            result.push_back(readInspection(select, m_path));
        return result;
    });
}

// ---- findings of inspections ----------------------------------------------------------------------------------

Result<FindingMerge> SqliteStore::mergeFindings(const std::string& inspectionId, const std::vector<Finding>& found,
                                                const std::optional<Date>& deadline, const Actor& actor)
{
    return guarded<FindingMerge>(m_path, [&]() -> Result<FindingMerge> {
        if (Errors errors = storage::checkFindings(inspectionId, found, actor, actorLabels); !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        if (!exists(db, "SELECT 1 FROM inspections WHERE id = ?1", inspectionId))
            return storage::noSuchInspection(m_path, inspectionId);
        FindingMerge merge;
        for (const Finding& finding : found) {
            Statement select(*m_cache, "SELECT status, deadline, details FROM findings"
                                       " WHERE inspection_id = ?1 AND finding_key = ?2");
            select.bindText(1, inspectionId).bindText(2, finding.key());
            StoredFinding stored;
            const bool known = select.step();
            if (known) {
                parseRemediationStatus(select.text(0), stored.status);
                stored.deadline = parseIsoDate(select.view(1));
                storage::decodeFinding(select.text(2), stored);
            }
            select.reset();
            if (known && stored.status != RemediationStatus::Closed) {
                ++merge.unchanged;
                continue;
            }
            const bool reopened = known;
            stored.finding = finding; // the facts as found now
            stored.status = RemediationStatus::Open;
            if (!reopened)
                stored.deadline = deadline;
            stored.history.push_back(RemediationEntry{
                RemediationStatus::Open, reopened ? "reopened: found again" : "found", "", by.user, by.at});
            Statement write(*m_cache,
                            "INSERT INTO findings (inspection_id, finding_key, rule_id, system_id, status, deadline,"
                            " details, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            " ON CONFLICT (inspection_id, finding_key) DO UPDATE SET status = excluded.status,"
                            " details = excluded.details, updated_at = excluded.updated_at");
            write.bindText(1, inspectionId)
                .bindText(2, finding.key())
                .bindText(3, finding.ruleId)
                .bindText(4, finding.systemId)
                .bindText(5, remediationStatusName(stored.status))
                .bindText(6, stored.deadline ? formatIsoDate(*stored.deadline) : std::string())
                .bindText(7, storage::encodeFinding(stored))
                .bindText(8, by.at)
                .run();
            appendAudit({reopened ? "finding.reopen" : "finding.add", "finding", inspectionId + "/" + finding.key(),
                         storage::findingDetails(inspectionId, stored)},
                        actor);
            ++(reopened ? merge.reopened : merge.added);
        }
        transaction.commit();
        return merge;
    });
}

Result<std::vector<StoredFinding>> SqliteStore::findings(const std::string& inspectionId)
{
    return guarded<std::vector<StoredFinding>>(m_path, [&]() -> Result<std::vector<StoredFinding>> {
        std::vector<StoredFinding> result;
        std::map<std::string, size_t> byKey;
        // One snapshot for the findings and their files.
        Scope snapshot(m_db, m_path, m_depth, Transaction::Kind::Read);
        Statement select(*m_cache, "SELECT status, deadline, details FROM findings WHERE inspection_id = ?1"
                                   " ORDER BY finding_key");
        select.bindText(1, inspectionId);
        while (select.step()) {
            StoredFinding stored;
            stored.inspectionId = inspectionId;
            parseRemediationStatus(select.text(0), stored.status);
            stored.deadline = parseIsoDate(select.view(1));
            storage::decodeFinding(select.text(2), stored);
            byKey[stored.finding.key()] = result.size();
            result.push_back(std::move(stored));
        }
        Statement files(*m_cache, "SELECT finding_key, entry, name, media_type, size, sha256 FROM remediation_files"
                                  " WHERE inspection_id = ?1 ORDER BY finding_key, entry, position");
        files.bindText(1, inspectionId);
        while (files.step()) {
            auto found = byKey.find(files.text(0));
            const auto entry = static_cast<size_t>(files.integer(1));
            if (found == byKey.end() || entry >= result[found->second].history.size())
                continue;
            result[found->second].history[entry].files.push_back(
                Attachment{"evidence",
                           files.text(2),
                           files.text(3),
                           static_cast<std::uint64_t>(files.integer(4)),
                           files.text(5),
                           {},
                           false});
        }
        snapshot.commit();
        return result;
    });
}

Result<bool> SqliteStore::updateFinding(const std::string& inspectionId, const std::string& key,
                                        const std::optional<Date>& deadline, const RemediationEntry& entry,
                                        const std::vector<std::string>& contents, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = storage::checkRemediation(inspectionId, key, entry, contents, actor, actorLabels);
            !errors.empty())
            return errors;
        const ActorColumns by = columnsOf(actor);
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Write);
        Statement select(*m_cache, "SELECT status, deadline, details FROM findings"
                                   " WHERE inspection_id = ?1 AND finding_key = ?2");
        select.bindText(1, inspectionId).bindText(2, key);
        if (!select.step())
            return storage::noSuchFinding(m_path, inspectionId, key);
        StoredFinding stored;
        stored.deadline = parseIsoDate(select.view(1));
        storage::decodeFinding(select.text(2), stored);
        select.reset();
        stored.status = entry.status;
        if (deadline)
            stored.deadline = deadline;
        RemediationEntry recorded = entry;
        recorded.userId = by.user;
        recorded.at = by.at;
        stored.history.push_back(std::move(recorded));
        keepContents(db, entry.files, contents);
        const auto entryIndex = static_cast<std::int64_t>(stored.history.size() - 1);
        for (size_t position = 0; position < entry.files.size(); ++position) {
            const Attachment& a = entry.files[position];
            Statement insert(*m_cache, "INSERT INTO remediation_files (inspection_id, finding_key, entry, position,"
                                       " name, media_type, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            insert.bindText(1, inspectionId)
                .bindText(2, key)
                .bindInt(3, entryIndex)
                .bindInt(4, static_cast<std::int64_t>(position))
                .bindText(5, a.name)
                .bindText(6, a.mediaType)
                .bindInt(7, static_cast<std::int64_t>(a.size))
                .bindText(8, a.sha256)
                .run();
        }
        Statement update(*m_cache, "UPDATE findings SET status = ?3, deadline = ?4, details = ?5, updated_at = ?6"
                                   " WHERE inspection_id = ?1 AND finding_key = ?2");
        update.bindText(1, inspectionId)
            .bindText(2, key)
            .bindText(3, remediationStatusName(stored.status))
            .bindText(4, stored.deadline ? formatIsoDate(*stored.deadline) : std::string())
            .bindText(5, storage::encodeFinding(stored))
            .bindText(6, by.at)
            .run();
        appendAudit(
            {"finding.update", "finding", inspectionId + "/" + key, storage::findingDetails(inspectionId, stored)},
            actor);
        transaction.commit();
        return true;
    });
}

// ---- reading many systems at once --------------------------------------------------------------------------
// SQLite runs inside the process: a prepared statement stepped once per system costs an index lookup, not a
// round trip, so these read system by system inside one read transaction.

Result<std::vector<WorkflowStepRecord>> SqliteStore::workflowStepsOf(const std::vector<std::string>& systemIds)
{
    return guarded<std::vector<WorkflowStepRecord>>(m_path, [&]() -> Result<std::vector<WorkflowStepRecord>> {
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read);
        std::vector<WorkflowStepRecord> result;
        for (const std::string& systemId : systemIds)
            appendSteps(systemId, result);
        transaction.commit();
        return result;
    });
}

Result<std::vector<Dossier>> SqliteStore::dossiersOf(const std::vector<std::string>& systemIds)
{
    return guarded<std::vector<Dossier>>(m_path, [&]() -> Result<std::vector<Dossier>> {
        const Database db{m_db, m_path, *m_cache};
        Scope transaction(m_db, m_path, m_depth, Transaction::Kind::Read);
        std::vector<Dossier> result;
        result.reserve(systemIds.size());
        for (const std::string& systemId : systemIds) {
            if (systemExists(db, systemId))
                result.push_back(loadDossier(db, systemId));
            else
                result.push_back(Dossier{systemId, {}, {}, {}});
        }
        transaction.commit();
        return result;
    });
}

} // namespace seclevel
