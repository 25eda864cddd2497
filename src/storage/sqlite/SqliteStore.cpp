#include "storage/sqlite/SqliteStore.h"

#include "core/Date.h"
#include "core/Sha256.h"

#include "storage/sqlite/Migrations.h"
#include "storage/sqlite/Statement.h"
#include "storage/sqlite/ValueEncoding.h"

#include <sqlite3.h>

#include <cstdint>
#include <exception>
#include <limits>
#include <filesystem>
#include <map>
#include <new>
#include <set>
#include <string_view>
#include <utility>

namespace seclevel {

using sqlite::EncodedValue;
using sqlite::fail;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

constexpr int busyTimeoutMilliseconds = 5000;
constexpr int highestLevel = 5;  // cấp độ 1..5 (NĐ85/2016 Art 7); 0 = not yet assessed

// Runs one public operation: Failures thrown inside storage/sqlite, and anything else, become Errors here.
template <class T, class Body>
Result<T> guarded(const std::string& path, Body&& body)
{
    try {
        return body();
    } catch (const sqlite::Failure& failure) {
        return failure.error;
    } catch (const std::bad_alloc&) {
        return makeError(path, 0, {}, "Hết bộ nhớ", "Out of memory");
    } catch (const std::exception& exception) {
        return makeError(path, 0, {}, std::string("Lỗi không lường trước: ") + exception.what(),
                         std::string("Unexpected error: ") + exception.what());
    }
}

// ---- validation: everything that can be checked without the database, all errors at once -------------------

bool hasControlCharacter(std::string_view text)
{
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return true;
    return false;
}

std::string inQuotes(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

struct Checker {
    std::string file;
    Errors errors;

    // Ids, keys, names of components and actors: one line of text, no surrounding spaces.
    void identifier(const std::string& field, std::string_view value, std::string_view whatVi,
                    std::string_view whatEn, int line = 0)
    {
        if (value.empty())
            add(line, field, std::string(whatVi) + " không được để trống", std::string(whatEn) + " must not be empty");
        else if (!sqlite::isStorableText(value))
            text(field, value, whatVi, whatEn, line);
        else if (hasControlCharacter(value) || value.front() == ' ' || value.back() == ' ')
            add(line, field, std::string(whatVi) + " chứa ký tự điều khiển hoặc khoảng trắng ở đầu/cuối",
                std::string(whatEn) + " contains control characters or leading/trailing spaces");
    }

    // Free text: anything that is well-formed UTF-8 without NUL.
    void text(const std::string& field, std::string_view value, std::string_view whatVi, std::string_view whatEn,
              int line = 0)
    {
        if (!sqlite::isStorableText(value))
            add(line, field, std::string(whatVi) + " không phải văn bản UTF-8 hợp lệ hoặc chứa ký tự NUL",
                std::string(whatEn) + " is not valid UTF-8 text or contains a NUL character");
    }

    void add(int line, const std::string& field, std::string vi, std::string en)
    {
        errors.push_back(makeError(file, line, field, std::move(vi), std::move(en)));
    }
};

void checkActor(Checker& checker, const Actor& actor)
{
    checker.identifier("actor", actor.name, "Tên người thực hiện", "The actor's name");
}

// component ('' = system-level), key
using AnswerKey = std::pair<std::string, std::string>;

struct PreparedAnswer {
    EncodedValue stored;
    std::string json;  // for the history
};

using PreparedAnswers = std::map<AnswerKey, PreparedAnswer>;

void prepareAnswers(Checker& checker, const std::string& component, const AnswerSet& answers,
                    PreparedAnswers& prepared)
{
    for (const auto& [key, value] : answers.values) {
        if (!isAnswered(value))
            continue;  // not answered = not stored; in an update this removes the answer
        const int line = answers.lineOf(key);
        const std::string field = component.empty() ? key : component + " / " + key;
        checker.identifier(field, key, "Khóa câu trả lời", "The answer key", line);
        auto encoded = sqlite::encodeValue(value);
        if (!encoded) {
            checker.add(line, field,
                        "Giá trị câu trả lời không lưu được: văn bản phải là UTF-8 hợp lệ không chứa ký tự NUL, "
                        "ngày phải có thật và trong khoảng năm 0000–9999",
                        "The answer's value cannot be stored: text must be valid UTF-8 without NUL characters, "
                        "dates must exist and lie within the years 0000–9999");
            continue;
        }
        prepared[{component, key}] = PreparedAnswer{std::move(*encoded), sqlite::canonicalJson(value)};
    }
}

Errors checkSystem(const SystemDescription& system, const Actor& actor, PreparedAnswers& prepared)
{
    Checker checker{system.sourceFile, {}};
    checker.identifier("id", system.id, "Mã hệ thống", "The system id");
    if (system.name.empty())
        checker.add(0, "name", "Tên hệ thống không được để trống", "The system name must not be empty");
    checker.text("name", system.name, "Tên hệ thống", "The system name");
    checker.text("owner", system.owner, "Chủ quản hệ thống", "The system owner");
    checker.text("operator", system.operatorName, "Đơn vị vận hành", "The operator");
    if (!system.organisationId.empty())
        checker.identifier("organisation", system.organisationId, "Mã tổ chức", "The organisation id");
    prepareAnswers(checker, {}, system.answers, prepared);
    std::set<std::string> names;
    for (const Component& component : system.components) {
        checker.identifier("components", component.name, "Tên hợp phần", "The component name");
        if (!names.insert(component.name).second)
            checker.add(0, "components", "Hợp phần " + inQuotes(component.name) + " xuất hiện nhiều lần",
                        "Component " + inQuotes(component.name) + " appears more than once");
        prepareAnswers(checker, component.name, component.answers, prepared);
    }
    checkActor(checker, actor);
    return std::move(checker.errors);
}

// ---- queries shared by the write paths ---------------------------------------------------------------------

struct Database {
    sqlite3* handle;
    const std::string& path;
};

bool exists(Database db, const char* sql, const std::string& id)
{
    Statement statement(db.handle, db.path, sql);
    statement.bindText(1, id);
    return statement.step();
}

bool systemExists(Database db, const std::string& id)
{
    return exists(db, "SELECT 1 FROM systems WHERE id = ?1", id);
}

Error noSuchOrganisation(Database db, const std::string& organisationId)
{
    return makeError(db.path, 0, "organisation", "Không có tổ chức " + inQuotes(organisationId),
                     "No organisation " + inQuotes(organisationId) + " exists");
}

void requireOrganisation(Database db, const std::string& organisationId)
{
    if (!organisationId.empty() && !exists(db, "SELECT 1 FROM organisations WHERE id = ?1", organisationId))
        fail(noSuchOrganisation(db, organisationId));
}

Error noSuchSystem(Database db, const std::string& id)
{
    return makeError(db.path, 0, "id", "Không có hệ thống " + inQuotes(id), "No system " + inQuotes(id) + " exists");
}

Error damagedAnswer(Database db, const std::string& systemId, const std::string& component, const std::string& key)
{
    const std::string where = inQuotes(systemId) + (component.empty() ? "" : " / " + inQuotes(component));
    return makeError(db.path, 0, key,
                     "Câu trả lời " + inQuotes(key) + " của " + where +
                         " trong cơ sở dữ liệu bị hỏng (kiểu hoặc giá trị không hợp lệ)",
                     "The stored answer " + inQuotes(key) + " of " + where +
                         " is damaged (invalid type or value)");
}

void insertComponentsAndAnswers(Database db, const SystemDescription& system, const PreparedAnswers& answers)
{
    Statement component(db.handle, db.path, "INSERT INTO components (system_id, position, name) VALUES (?1, ?2, ?3)");
    for (size_t position = 0; position < system.components.size(); ++position)
        component.bindText(1, system.id)
            .bindInt(2, static_cast<std::int64_t>(position))
            .bindText(3, system.components[position].name)
            .run();
    Statement answer(db.handle, db.path,
                     "INSERT INTO answers (system_id, component, key, value_type, value_text) "
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
    HistoryWriter(Database db, const std::string& systemId, const std::string& actor, const std::string& at)
        : m_statement(db.handle, db.path,
                      "INSERT INTO answer_history (system_id, component, key, old_value, new_value, actor, at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
          m_systemId(systemId), m_actor(actor), m_at(at)
    {
    }

    void record(const AnswerKey& where, const std::string& oldValue, const std::string& newValue)
    {
        m_statement.bindText(1, m_systemId)
            .bindText(2, where.first)
            .bindText(3, where.second)
            .bindText(4, oldValue)
            .bindText(5, newValue)
            .bindText(6, m_actor)
            .bindText(7, m_at)
            .run();
    }

private:
    Statement m_statement;
    const std::string& m_systemId;
    const std::string& m_actor;
    const std::string& m_at;
};

Errors checkAssessment(const std::string& systemId, const Assessment& assessment, const std::string& traceJson,
                       const Actor& actor)
{
    Checker checker{{}, {}};
    checker.identifier("id", systemId, "Mã hệ thống", "The system id");
    checker.identifier("ruleset", assessment.rulesetId, "Mã bộ quy tắc", "The rule set id");
    checker.text("ruleset_version", assessment.rulesetVersion, "Phiên bản bộ quy tắc", "The rule set version");
    for (const auto& [field, level] : {std::pair{"derived_level", assessment.derivedLevel},
                                       std::pair{"proposed_level", assessment.proposedLevel}})
        if (level < 0 || level > highestLevel)
            checker.add(0, field, "Cấp độ " + std::to_string(level) + " nằm ngoài khoảng 0–5",
                        "Level " + std::to_string(level) + " is outside 0–5");
    // What proposeLevel guarantees, checked again because the record must never say otherwise.
    if (assessment.proposedLevel < assessment.derivedLevel)
        checker.add(0, "proposed_level", "Cấp độ đề xuất không được thấp hơn cấp độ xác định theo tiêu chí",
                    "The proposed level must not be lower than the derived level");
    if (assessment.proposedLevel > assessment.derivedLevel && assessment.justification.empty())
        checker.add(0, "justification", "Đề xuất cấp độ cao hơn cần có lý do",
                    "Proposing a higher level needs a justification");
    checker.text("justification", assessment.justification, "Lý do", "The justification");
    if (traceJson.empty())
        checker.add(0, "trace", "Thiếu bản giải trình (trace) của kết quả", "The assessment trace is missing");
    checker.text("trace", traceJson, "Bản giải trình", "The trace");
    checkActor(checker, actor);
    return std::move(checker.errors);
}

// The write steps below run inside the caller's write transaction and throw Failure on any refusal, so that
// they compose (saveSystem = insert or replace + assessment) and the caller's rollback undoes all of it.

void insertSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                  const std::string& actor, const std::string& at)
{
    if (systemExists(db, system.id))
        fail(makeError(db.path, 0, "id", "Hệ thống " + inQuotes(system.id) + " đã tồn tại",
                       "System " + inQuotes(system.id) + " already exists"));
    requireOrganisation(db, system.organisationId);
    Statement insert(db.handle, db.path,
                     "INSERT INTO systems (id, name, owner, operator, organisation_id,"
                     "                     created_by, created_at, updated_by, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)");
    insert.bindText(1, system.id)
        .bindText(2, system.name)
        .bindText(3, system.owner)
        .bindText(4, system.operatorName)
        .bindTextOrNull(5, system.organisationId)
        .bindText(6, actor)
        .bindText(7, at)
        .run();
    insertComponentsAndAnswers(db, system, answers);
    HistoryWriter history(db, system.id, actor, at);
    for (const auto& [where, answer] : answers)
        history.record(where, {}, answer.json);
}

// Replaces what the owner describes; writes nothing at all when nothing changed.
void replaceSystem(Database db, const SystemDescription& system, const PreparedAnswers& answers,
                   const std::string& actor, const std::string& at)
{
    Statement current(db.handle, db.path, "SELECT name, owner, operator, organisation_id FROM systems WHERE id = ?1");
    current.bindText(1, system.id);
    if (!current.step())
        fail(noSuchSystem(db, system.id));
    bool changed = current.text(0) != system.name || current.text(1) != system.owner ||
                   current.text(2) != system.operatorName || current.text(3) != system.organisationId;
    requireOrganisation(db, system.organisationId);

    std::vector<std::string> storedComponents;
    Statement components(db.handle, db.path, "SELECT name FROM components WHERE system_id = ?1 ORDER BY position");
    components.bindText(1, system.id);
    while (components.step())
        storedComponents.push_back(components.text(0));
    changed = changed || storedComponents.size() != system.components.size();
    for (size_t i = 0; !changed && i < storedComponents.size(); ++i)
        changed = storedComponents[i] != system.components[i].name;

    std::map<AnswerKey, EncodedValue> storedAnswers;
    Statement stored(db.handle, db.path,
                     "SELECT component, key, value_type, value_text FROM answers WHERE system_id = ?1");
    stored.bindText(1, system.id);
    while (stored.step())
        storedAnswers.emplace(AnswerKey{stored.text(0), stored.text(1)}, EncodedValue{stored.text(2), stored.text(3)});

    // Old and new canonical JSON of every answer that was changed, added or removed. Encodings are canonical,
    // so equal encodings mean equal values and an unchanged answer leaves no trace.
    std::map<AnswerKey, std::pair<std::string, std::string>> changes;
    for (const auto& [where, old] : storedAnswers) {
        const auto now = answers.find(where);
        if (now != answers.end() && now->second.stored == old)
            continue;
        changed = true;
        const auto oldValue = sqlite::decodeValue(old.type, old.text);
        if (!oldValue)
            fail(damagedAnswer(db, system.id, where.first, where.second));
        std::string oldJson = sqlite::canonicalJson(*oldValue);
        std::string newJson = now == answers.end() ? "" : now->second.json;
        // The date 2026-08-19 and the text "2026-08-19" share one JSON text: the stored type follows the
        // new value, but the history, which speaks JSON, has no change to show.
        if (oldJson != newJson)
            changes[where] = {std::move(oldJson), std::move(newJson)};
    }
    for (const auto& [where, answer] : answers) {
        if (!storedAnswers.count(where)) {
            changed = true;
            changes[where] = {"", answer.json};
        }
    }
    if (!changed)
        return;

    Statement update(db.handle, db.path,
                     "UPDATE systems SET name = ?2, owner = ?3, operator = ?4, organisation_id = ?5,"
                     " updated_by = ?6, updated_at = ?7 WHERE id = ?1");
    update.bindText(1, system.id)
        .bindText(2, system.name)
        .bindText(3, system.owner)
        .bindText(4, system.operatorName)
        .bindTextOrNull(5, system.organisationId)
        .bindText(6, actor)
        .bindText(7, at)
        .run();
    // Components go with their answers (trigger components_delete_answers); the system-level ones explicitly.
    Statement clearAnswers(db.handle, db.path, "DELETE FROM answers WHERE system_id = ?1");
    clearAnswers.bindText(1, system.id).run();
    Statement clearComponents(db.handle, db.path, "DELETE FROM components WHERE system_id = ?1");
    clearComponents.bindText(1, system.id).run();
    insertComponentsAndAnswers(db, system, answers);
    HistoryWriter history(db, system.id, actor, at);
    for (const auto& [where, values] : changes)
        history.record(where, values.first, values.second);
}

void insertAssessment(Database db, const std::string& systemId, const Assessment& assessment,
                      const std::string& traceJson, const std::string& actor, const std::string& at)
{
    if (!systemExists(db, systemId))
        fail(noSuchSystem(db, systemId));
    {
        Statement valid(db.handle, db.path, "SELECT json_valid(?1)");
        valid.bindText(1, traceJson);
        if (!valid.step() || valid.integer(0) != 1)
            fail(makeError(db.path, 0, "trace", "Bản giải trình không phải JSON hợp lệ", "The trace is not valid JSON"));
    }
    Statement update(db.handle, db.path,
                     "UPDATE systems SET ruleset_id = ?2, derived_level = ?3, proposed_level = ?4,"
                     " justification = ?5, updated_by = ?6, updated_at = ?7 WHERE id = ?1");
    update.bindText(1, systemId)
        .bindText(2, assessment.rulesetId)
        .bindInt(3, assessment.derivedLevel)
        .bindInt(4, assessment.proposedLevel)
        .bindText(5, assessment.justification)
        .bindText(6, actor)
        .bindText(7, at)
        .run();
    Statement insert(db.handle, db.path,
                     "INSERT INTO assessments (system_id, ruleset_id, ruleset_version, derived_level,"
                     " proposed_level, justification, trace_json, actor, at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bindText(1, systemId)
        .bindText(2, assessment.rulesetId)
        .bindText(3, assessment.rulesetVersion)
        .bindInt(4, assessment.derivedLevel)
        .bindInt(5, assessment.proposedLevel)
        .bindText(6, assessment.justification)
        .bindText(7, traceJson)
        .bindText(8, actor)
        .bindText(9, at)
        .run();
}

} // namespace

// ---- opening ------------------------------------------------------------------------------------------------

SqliteStore::SqliteStore(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}

SqliteStore::~SqliteStore()
{
    sqlite3_close_v2(m_db);
}

int SqliteStore::supportedSchemaVersion()
{
    return sqlite::supportedSchemaVersion();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, bool create)
{
    namespace fs = std::filesystem;
    return guarded<std::unique_ptr<SqliteStore>>(path, [&]() -> Result<std::unique_ptr<SqliteStore>> {
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
                    return makeError(parent.string(), 0, {},
                                     "Không tạo được thư mục chứa cơ sở dữ liệu: " + error.message(),
                                     "Cannot create the database's directory: " + error.message());
            } else if (!fs::exists(path, error)) {
                return makeError(path, 0, {}, "Không tìm thấy tệp cơ sở dữ liệu",
                                 "The database file does not exist");
            }
            if (fs::is_directory(path, error))
                return makeError(path, 0, {}, "Đường dẫn là một thư mục, không phải tệp cơ sở dữ liệu",
                                 "The path is a directory, not a database file");
        }

        sqlite3* handle = nullptr;
        const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_EXRESCODE;
        const int code = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
        std::unique_ptr<SqliteStore> store(new SqliteStore(handle, path));  // owns the handle even on failure
        if (code != SQLITE_OK)
            return sqlite::databaseError(handle, code, path, "Không mở được cơ sở dữ liệu", "Cannot open the database");
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds);

        // The first read of the file: this is where a file that is not SQLite shows itself.
        const int probe = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        if ((probe & 0xFF) == SQLITE_NOTADB)
            return makeError(path, 0, {},
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
                return makeError(path, 0, {}, "Thư viện SQLite không hỗ trợ khóa ngoại",
                                 "The SQLite library does not enforce foreign keys");
        }
        // Refuse a foreign or newer database before changing anything in it (journal mode included).
        sqlite::readSchemaVersion(handle, path);
        // WAL lets readers work while one writer writes. Where WAL is impossible (some network file systems)
        // SQLite keeps its rollback journal, which is just as safe, only less concurrent.
        sqlite::execute(handle, path, "PRAGMA journal_mode = WAL");
        sqlite::migrate(handle, path);
        return store;
    });
}

Result<int> SqliteStore::schemaVersion()
{
    return guarded<int>(m_path, [&]() -> Result<int> { return sqlite::readSchemaVersion(m_db, m_path); });
}

// ---- organisations ------------------------------------------------------------------------------------------

Result<bool> SqliteStore::upsertOrganisation(const Organisation& organisation, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        Checker checker{{}, {}};
        checker.identifier("id", organisation.id, "Mã tổ chức", "The organisation id");
        if (organisation.name.empty())
            checker.add(0, "name", "Tên tổ chức không được để trống", "The organisation name must not be empty");
        checker.text("name", organisation.name, "Tên tổ chức", "The organisation name");
        if (!organisation.parentId.empty()) {
            checker.identifier("parent", organisation.parentId, "Mã tổ chức cấp trên", "The parent organisation id");
            if (organisation.parentId == organisation.id)
                checker.add(0, "parent", "Một tổ chức không thể là cấp trên của chính nó",
                            "An organisation cannot be its own parent");
        }
        checkActor(checker, actor);
        if (!checker.errors.empty())
            return checker.errors;
        const std::string at = isoTimestamp(actor.at);
        const Database db{m_db, m_path};

        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        if (!organisation.parentId.empty()) {
            if (!exists(db, "SELECT 1 FROM organisations WHERE id = ?1", organisation.parentId)) {
                Error missing = noSuchOrganisation(db, organisation.parentId);
                missing.field = "parent";
                return missing;
            }
            // The new parent must not lie below the organisation: that would make the tree a loop.
            Statement ancestors(m_db, m_path,
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
        Statement upsert(m_db, m_path,
                         "INSERT INTO organisations (id, name, parent_id, created_by, created_at, updated_by, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)"
                         " ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,"
                         "   updated_by = excluded.updated_by, updated_at = excluded.updated_at"
                         " WHERE name IS NOT excluded.name OR parent_id IS NOT excluded.parent_id");
        upsert.bindText(1, organisation.id)
            .bindText(2, organisation.name)
            .bindTextOrNull(3, organisation.parentId)
            .bindText(4, actor.name)
            .bindText(5, at)
            .run();
        transaction.commit();
        return true;
    });
}

Result<std::vector<Organisation>> SqliteStore::organisations()
{
    return guarded<std::vector<Organisation>>(m_path, [&]() -> Result<std::vector<Organisation>> {
        std::vector<Organisation> result;
        Statement select(m_db, m_path, "SELECT id, name, parent_id FROM organisations ORDER BY id");
        while (select.step())
            result.push_back(Organisation{select.text(0), select.text(1), select.text(2)});
        return result;
    });
}

// ---- systems ------------------------------------------------------------------------------------------------

Result<bool> SqliteStore::addSystem(const SystemDescription& system, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        if (Errors errors = checkSystem(system, actor, answers); !errors.empty())
            return errors;
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        insertSystem({m_db, m_path}, system, answers, actor.name, isoTimestamp(actor.at));
        transaction.commit();
        return true;
    });
}

Result<bool> SqliteStore::updateSystem(const SystemDescription& system, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        if (Errors errors = checkSystem(system, actor, answers); !errors.empty())
            return errors;
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        replaceSystem({m_db, m_path}, system, answers, actor.name, isoTimestamp(actor.at));
        transaction.commit();
        return true;
    });
}

Result<bool> SqliteStore::saveSystem(const SystemDescription& system, bool isNew, const Assessment& assessment,
                                     const std::string& traceJson, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        Errors errors = checkSystem(system, actor, answers);
        for (Error& error : checkAssessment(system.id, assessment, traceJson, actor))
            if (error.field != "id" && error.field != "actor")  // already reported by checkSystem
                errors.push_back(std::move(error));
        if (!errors.empty())
            return errors;
        const std::string at = isoTimestamp(actor.at);
        const Database db{m_db, m_path};
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        if (isNew)
            insertSystem(db, system, answers, actor.name, at);
        else
            replaceSystem(db, system, answers, actor.name, at);
        insertAssessment(db, system.id, assessment, traceJson, actor.name, at);
        transaction.commit();
        return true;
    });
}

std::vector<StoredSystem> SqliteStore::loadSystems(const std::string* id, const std::string* organisationId)
{
    // The filter is one of three fixed SQL fragments; the value itself is always a bound parameter.
    const std::string filter = id ? " WHERE s.id = ?1" : organisationId ? " WHERE s.organisation_id = ?1" : "";
    const std::string* value = id ? id : organisationId;
    auto bind = [&](Statement& statement) {
        if (value)
            statement.bindText(1, *value);
    };
    const Database db{m_db, m_path};

    std::vector<StoredSystem> result;
    std::map<std::string, size_t> index;
    Statement systems(m_db, m_path,
                      "SELECT s.id, s.name, s.owner, s.operator, s.organisation_id, s.ruleset_id, s.derived_level,"
                      " s.proposed_level, s.justification, s.approved_level, s.created_by, s.created_at,"
                      " s.updated_at FROM systems s" + filter + " ORDER BY s.id");
    bind(systems);
    while (systems.step()) {
        StoredSystem stored;
        stored.description.id = systems.text(0);
        stored.description.name = systems.text(1);
        stored.description.owner = systems.text(2);
        stored.description.operatorName = systems.text(3);
        stored.description.organisationId = systems.text(4);
        stored.rulesetId = systems.text(5);
        stored.derivedLevel = static_cast<int>(systems.integer(6));
        stored.proposedLevel = static_cast<int>(systems.integer(7));
        stored.justification = systems.text(8);
        stored.approvedLevel = static_cast<int>(systems.integer(9));
        stored.createdBy = systems.text(10);
        stored.createdAt = systems.text(11);
        stored.updatedAt = systems.text(12);
        index.emplace(stored.description.id, result.size());
        result.push_back(std::move(stored));
    }

    Statement components(m_db, m_path,
                         "SELECT c.system_id, c.name FROM components c JOIN systems s ON s.id = c.system_id" +
                             filter + " ORDER BY c.system_id, c.position");
    bind(components);
    while (components.step())
        result[index.at(components.text(0))].description.components.push_back(Component{components.text(1), {}});

    Statement answers(m_db, m_path,
                      "SELECT a.system_id, a.component, a.key, a.value_type, a.value_text"
                      " FROM answers a JOIN systems s ON s.id = a.system_id" + filter);
    bind(answers);
    while (answers.step()) {
        SystemDescription& system = result[index.at(answers.text(0))].description;
        const std::string component = answers.text(1), key = answers.text(2);
        auto value = sqlite::decodeValue(answers.text(3), answers.text(4));
        if (!value)
            fail(damagedAnswer(db, system.id, component, key));
        AnswerSet* target = &system.answers;
        if (!component.empty()) {
            target = nullptr;
            for (Component& candidate : system.components)
                if (candidate.name == component)
                    target = &candidate.answers;
            if (!target)  // the schema's triggers prevent this; a damaged file might not
                fail(damagedAnswer(db, system.id, component, key));
        }
        target->values.emplace(key, std::move(*value));
    }
    return result;
}

Result<std::optional<StoredSystem>> SqliteStore::system(const std::string& id)
{
    return guarded<std::optional<StoredSystem>>(m_path, [&]() -> Result<std::optional<StoredSystem>> {
        Transaction transaction(m_db, m_path, Transaction::Kind::Read);  // one consistent snapshot
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
        Transaction transaction(m_db, m_path, Transaction::Kind::Read);
        auto found = loadSystems(nullptr, organisationId.empty() ? nullptr : &organisationId);
        transaction.commit();
        return found;
    });
}

Result<std::vector<AnswerChange>> SqliteStore::answerHistory(const std::string& systemId)
{
    return guarded<std::vector<AnswerChange>>(m_path, [&]() -> Result<std::vector<AnswerChange>> {
        std::vector<AnswerChange> result;
        Statement select(m_db, m_path,
                         "SELECT system_id, component, key, old_value, new_value, actor, at FROM answer_history"
                         " WHERE system_id = ?1 ORDER BY at, id");
        select.bindText(1, systemId);
        while (select.step())
            result.push_back(AnswerChange{select.text(0), select.text(1), select.text(2), select.text(3),
                                          select.text(4), select.text(5), select.text(6)});
        return result;
    });
}

// ---- assessments --------------------------------------------------------------------------------------------

Result<bool> SqliteStore::recordAssessment(const std::string& systemId, const Assessment& assessment,
                                           const std::string& traceJson, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = checkAssessment(systemId, assessment, traceJson, actor); !errors.empty())
            return errors;
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        insertAssessment({m_db, m_path}, systemId, assessment, traceJson, actor.name, isoTimestamp(actor.at));
        transaction.commit();
        return true;
    });
}

Result<std::vector<StoredAssessment>> SqliteStore::assessments(const std::string& systemId)
{
    return guarded<std::vector<StoredAssessment>>(m_path, [&]() -> Result<std::vector<StoredAssessment>> {
        std::vector<StoredAssessment> result;
        Statement select(m_db, m_path,
                         "SELECT system_id, ruleset_id, ruleset_version, derived_level, proposed_level,"
                         " justification, trace_json, actor, at FROM assessments WHERE system_id = ?1"
                         " ORDER BY at, id");
        select.bindText(1, systemId);
        while (select.step())
            result.push_back(StoredAssessment{select.text(0), select.text(1), select.text(2),
                                              static_cast<int>(select.integer(3)),
                                              static_cast<int>(select.integer(4)), select.text(5), select.text(6),
                                              select.text(7), select.text(8)});
        return result;
    });
}

// ---- the level-proposal dossier -----------------------------------------------------------------------------

namespace {

using DossierItems = std::map<std::string, std::string>;  // history key → canonical text

std::string requirementKey(const RequirementStatement& statement)
{
    return "requirement:" + statement.groupId + "#" + std::to_string(statement.item);
}

std::string attachmentKey(const Attachment& attachment)
{
    return "attachment:" + attachment.kind + "/" + attachment.name;
}

std::string requirementText(const RequirementStatement& statement)
{
    return "{\"status\":" + sqlite::jsonString(requirementStatusName(statement.status)) +
           ",\"planned_by\":" + (statement.plannedBy ? sqlite::jsonString(formatIsoDate(*statement.plannedBy)) : "null") +
           ",\"how\":" + sqlite::jsonString(statement.how) + "}";
}

std::string attachmentText(const Attachment& attachment)
{
    return "{\"media_type\":" + sqlite::jsonString(attachment.mediaType) + ",\"size\":" +
           std::to_string(attachment.size) + ",\"sha256\":" + sqlite::jsonString(attachment.sha256) +
           ",\"reference\":" + sqlite::jsonString(attachment.reference) + "}";
}

// Everything the history compares, plus the attachments' order (which the export keeps).
struct DossierState {
    DossierItems items;
    std::vector<std::string> attachmentOrder;
    bool operator==(const DossierState&) const = default;
};

DossierState stateOf(const Dossier& dossier)
{
    DossierState state;
    for (const auto& [key, value] : dossier.fields)
        state.items[key] = value;
    for (const RequirementStatement& statement : dossier.requirements)
        state.items[requirementKey(statement)] = requirementText(statement);
    for (const Attachment& attachment : dossier.attachments) {
        state.items[attachmentKey(attachment)] = attachmentText(attachment);
        state.attachmentOrder.push_back(attachmentKey(attachment));
    }
    return state;
}

bool storableDate(const Date& date)
{
    return date.ok() && int(date.year()) >= 0 && int(date.year()) <= 9999;
}

Errors checkDossier(const Dossier& dossier, const Actor& actor)
{
    Checker checker{{}, {}};
    checker.identifier("id", dossier.systemId, "Mã hệ thống", "The system id");
    for (const auto& [key, value] : dossier.fields) {
        checker.identifier("field", key, "Khóa mục hồ sơ", "The dossier field key");
        checker.text(key, value, "Nội dung mục " + inQuotes(key), "The text of field " + inQuotes(key));
    }
    std::set<std::pair<std::string, int>> statements;
    for (const RequirementStatement& statement : dossier.requirements) {
        const std::string field = requirementKey(statement);
        checker.identifier(field, statement.groupId, "Mã nhóm yêu cầu", "The requirement group id");
        if (statement.item < 1)
            checker.add(0, field, "Số thứ tự yêu cầu phải từ 1", "The requirement item must be 1 or more");
        if (!statements.insert({statement.groupId, statement.item}).second)
            checker.add(0, field, "Yêu cầu được ghi nhiều lần", "The requirement is recorded more than once");
        checker.text(field, statement.how, "Cách đáp ứng", "How it is met");
        if (statement.plannedBy && !storableDate(*statement.plannedBy))
            checker.add(0, field, "Ngày hoàn thành không hợp lệ", "The planned-by date is not valid");
    }
    std::set<std::pair<std::string, std::string>> attachments;
    for (const Attachment& attachment : dossier.attachments) {
        const std::string field = attachmentKey(attachment);
        checker.identifier(field, attachment.kind, "Loại tài liệu kèm theo", "The attachment kind");
        checker.identifier(field, attachment.name, "Tên tài liệu kèm theo", "The attachment name");
        checker.text(field, attachment.mediaType, "Kiểu nội dung", "The media type");
        checker.text(field, attachment.reference, "Đường dẫn tham chiếu", "The reference");
        if (!isSha256Hex(attachment.sha256))
            checker.add(0, field, "Mã băm SHA-256 phải gồm 64 chữ số thập lục phân viết thường",
                        "The SHA-256 digest must be 64 lowercase hex digits");
        if (attachment.size > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            checker.add(0, field, "Kích thước không hợp lệ", "The size is not valid");
        if (!attachments.insert({attachment.kind, attachment.name}).second)
            checker.add(0, field, "Tài liệu kèm theo được ghi nhiều lần", "The attachment is recorded more than once");
    }
    checkActor(checker, actor);
    return std::move(checker.errors);
}

Dossier loadDossier(Database db, const std::string& systemId)
{
    if (!systemExists(db, systemId))
        fail(noSuchSystem(db, systemId));
    Dossier dossier;
    dossier.systemId = systemId;
    Statement fields(db.handle, db.path, "SELECT key, value FROM dossier_fields WHERE system_id = ?1 ORDER BY key");
    fields.bindText(1, systemId);
    while (fields.step())
        dossier.fields.emplace(fields.text(0), fields.text(1));
    Statement requirements(db.handle, db.path,
                           "SELECT group_id, item, status, how, planned_by FROM dossier_requirements"
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
                fail(makeError(db.path, 0, requirementKey(statement), "Ngày hoàn thành trong cơ sở dữ liệu bị hỏng",
                               "The stored planned-by date is damaged"));
        }
        if (!status)
            fail(makeError(db.path, 0, requirementKey(statement), "Trạng thái trong cơ sở dữ liệu bị hỏng",
                           "The stored status is damaged"));
        statement.status = *status;
        statement.how = requirements.text(3);
        statement.plannedBy = plannedBy;
        dossier.requirements.push_back(std::move(statement));
    }
    Statement attachments(db.handle, db.path,
                          "SELECT kind, name, media_type, size, sha256, reference FROM dossier_attachments"
                          " WHERE system_id = ?1 ORDER BY position");
    attachments.bindText(1, systemId);
    while (attachments.step())
        dossier.attachments.push_back(Attachment{attachments.text(0), attachments.text(1), attachments.text(2),
                                                 static_cast<std::uint64_t>(attachments.integer(3)),
                                                 attachments.text(4), attachments.text(5)});
    return dossier;
}

// Replaces the stored dossier by `dossier` with a history row per changed item; writes nothing when equal.
bool writeDossier(Database db, const Dossier& dossier, const std::string& actor, const std::string& at)
{
    const DossierState before = stateOf(loadDossier(db, dossier.systemId));
    const DossierState after = stateOf(dossier);
    if (before == after)
        return false;
    for (const char* table : {"dossier_fields", "dossier_requirements", "dossier_attachments"}) {
        // The table name is one of three constants; the value is bound.
        Statement clear(db.handle, db.path, std::string("DELETE FROM ") + table + " WHERE system_id = ?1");
        clear.bindText(1, dossier.systemId).run();
    }
    Statement field(db.handle, db.path, "INSERT INTO dossier_fields (system_id, key, value) VALUES (?1, ?2, ?3)");
    for (const auto& [key, value] : dossier.fields)
        field.bindText(1, dossier.systemId).bindText(2, key).bindText(3, value).run();
    Statement requirement(db.handle, db.path,
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
    Statement attachment(db.handle, db.path,
                         "INSERT INTO dossier_attachments (system_id, position, kind, name, media_type, size, sha256,"
                         " reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
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
            .run();
    }
    Statement history(db.handle, db.path,
                      "INSERT INTO dossier_history (system_id, key, old_value, new_value, actor, at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto record = [&](const std::string& key, const std::string& oldValue, const std::string& newValue) {
        history.bindText(1, dossier.systemId)
            .bindText(2, key)
            .bindText(3, oldValue)
            .bindText(4, newValue)
            .bindText(5, actor)
            .bindText(6, at)
            .run();
    };
    for (const auto& [key, oldValue] : before.items) {
        const auto now = after.items.find(key);
        const std::string newValue = now == after.items.end() ? std::string() : now->second;
        if (newValue != oldValue)
            record(key, oldValue, newValue);
    }
    for (const auto& [key, newValue] : after.items)
        if (!before.items.count(key) && !newValue.empty())
            record(key, {}, newValue);
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

// True when the latest assessment of the system says exactly this (same rule set, levels, reasons, trace).
bool sameAsLatestAssessment(Database db, const std::string& systemId, const Assessment& assessment,
                            const std::string& traceJson)
{
    Statement latest(db.handle, db.path,
                     "SELECT ruleset_id, ruleset_version, derived_level, proposed_level, justification, trace_json"
                     " FROM assessments WHERE system_id = ?1 ORDER BY at DESC, id DESC LIMIT 1");
    latest.bindText(1, systemId);
    return latest.step() && latest.text(0) == assessment.rulesetId && latest.text(1) == assessment.rulesetVersion &&
           latest.integer(2) == assessment.derivedLevel && latest.integer(3) == assessment.proposedLevel &&
           latest.text(4) == assessment.justification && latest.text(5) == traceJson;
}

} // namespace

Result<Dossier> SqliteStore::dossier(const std::string& systemId)
{
    return guarded<Dossier>(m_path, [&]() -> Result<Dossier> {
        Transaction transaction(m_db, m_path, Transaction::Kind::Read);
        Dossier found = loadDossier({m_db, m_path}, systemId);
        transaction.commit();
        return found;
    });
}

Result<bool> SqliteStore::saveDossier(const Dossier& dossier, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        if (Errors errors = checkDossier(dossier, actor); !errors.empty())
            return errors;
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        const bool changed = writeDossier({m_db, m_path}, dossier, actor.name, isoTimestamp(actor.at));
        transaction.commit();
        return changed;
    });
}

Result<bool> SqliteStore::storeAttachmentContent(const std::string& systemId, const Attachment& attachment,
                                                 const std::string& bytes, const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        Dossier single{systemId, {}, {}, {attachment}};
        Errors errors = checkDossier(single, actor);
        const std::string field = attachmentKey(attachment);
        if (!attachment.reference.empty())
            errors.push_back(makeError(m_path, 0, field, "Tài liệu lưu nội dung không được có đường dẫn tham chiếu",
                                       "An attachment whose content is stored must not carry a reference"));
        if (attachment.size != bytes.size() || sha256Hex(bytes) != attachment.sha256)
            errors.push_back(makeError(m_path, 0, field, "Nội dung không khớp với kích thước hoặc mã băm SHA-256 đã ghi",
                                       "The content does not match the recorded size or SHA-256 digest"));
        if (!errors.empty())
            return errors;
        const Database db{m_db, m_path};
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        Dossier dossier = loadDossier(db, systemId);
        BlobStatement insert(db, "INSERT INTO attachment_contents (sha256, content) VALUES (?1, ?2)"
                                 " ON CONFLICT (sha256) DO NOTHING");
        insert.bindText(1, attachment.sha256);
        insert.bindBlob(2, bytes);
        insert.step();
        bool replaced = false;
        for (Attachment& existing : dossier.attachments)
            if (existing.kind == attachment.kind && existing.name == attachment.name) {
                existing = attachment;
                replaced = true;
            }
        if (!replaced)
            dossier.attachments.push_back(attachment);
        const bool changed = writeDossier(db, dossier, actor.name, isoTimestamp(actor.at));
        transaction.commit();
        return changed;
    });
}

Result<std::optional<std::string>> SqliteStore::attachmentContent(const std::string& sha256)
{
    return guarded<std::optional<std::string>>(m_path, [&]() -> Result<std::optional<std::string>> {
        BlobStatement select({m_db, m_path}, "SELECT content FROM attachment_contents WHERE sha256 = ?1");
        select.bindText(1, sha256);
        if (!select.step())
            return std::optional<std::string>{};
        return std::optional<std::string>{select.blob(0)};
    });
}

Result<bool> SqliteStore::importDossier(const DossierDocument& document, const std::string& traceJson,
                                        const Actor& actor)
{
    return guarded<bool>(m_path, [&]() -> Result<bool> {
        PreparedAnswers answers;
        Errors errors = checkSystem(document.system, actor, answers);
        for (Error& error : checkAssessment(document.system.id, document.assessment, traceJson, actor))
            if (error.field != "id" && error.field != "actor")
                errors.push_back(std::move(error));
        Dossier dossier = document.dossier;
        dossier.systemId = document.system.id;
        for (Error& error : checkDossier(dossier, actor))
            if (error.field != "id" && error.field != "actor")
                errors.push_back(std::move(error));
        if (!errors.empty())
            return errors;
        const std::string at = isoTimestamp(actor.at);
        const Database db{m_db, m_path};
        Transaction transaction(m_db, m_path, Transaction::Kind::Write);
        const auto changesBefore = sqlite3_total_changes64(m_db);
        if (systemExists(db, document.system.id))
            replaceSystem(db, document.system, answers, actor.name, at);
        else
            insertSystem(db, document.system, answers, actor.name, at);
        bool changed = sqlite3_total_changes64(m_db) != changesBefore;
        if (!sameAsLatestAssessment(db, document.system.id, document.assessment, traceJson)) {
            insertAssessment(db, document.system.id, document.assessment, traceJson, actor.name, at);
            changed = true;
        }
        changed = writeDossier(db, dossier, actor.name, at) || changed;
        transaction.commit();
        return changed;
    });
}

} // namespace seclevel
