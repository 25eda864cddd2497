#define BOOST_TEST_MODULE sqlite_store
#include <boost/test/unit_test.hpp>

#include "StoreFixture.h"
#include "codec/StoredEncoding.h"
#include "storage/sqlite/Migrations.h"
#include "storage/sqlite/SqliteStore.h"

#include "core/Sha256.h"

#include <csignal>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

// Every test gets its own fresh directory, removed afterwards.
struct TempDir {
    fs::path dir;

    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "sqlite-store-test-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    std::string db(const std::string& name = "store.db") const { return (dir / name).string(); }
};

std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0)
{
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

const Actor alice{"alice", "", Role::Operator, utc(2026, 3, 1, 8, 0, 0)};
const Actor bob{"bob", "BNV", Role::Owner, utc(2026, 3, 2, 14, 30, 5)};

std::unique_ptr<SqliteStore> openSqlite(const std::string& path, bool create = true)
{
    auto store = SqliteStore::open(path, create);
    if (!store) {
        for (const Error& error : store.errors())
            BOOST_TEST_MESSAGE(error.describe(Lang::En));
    }
    BOOST_REQUIRE(store.ok());
    return std::move(*store);
}

template <class T>
void requireOk(const Result<T>& result)
{
    if (!result) {
        for (const Error& error : result.errors())
            BOOST_TEST_MESSAGE(error.describe(Lang::En));
    }
    BOOST_REQUIRE(result.ok());
}

std::string allMessages(const Errors& errors)
{
    std::string out;
    for (const Error& error : errors)
        out += error.describe(Lang::En) + "\n" + error.describe(Lang::Vi) + "\n";
    return out;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// ---- a second, raw connection: to look at the file as it is, and to inject faults --------------------------

struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::string& path)
    {
        BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
                      SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
    }
    ~RawDb() { sqlite3_close(db); }

    void exec(const std::string& sql)
    {
        char* message = nullptr;
        const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
        if (code != SQLITE_OK)
            BOOST_TEST_MESSAGE(sql << ": " << (message ? message : ""));
        sqlite3_free(message);
        BOOST_REQUIRE(code == SQLITE_OK);
    }

    // Rows as text, columns separated by " | ", NULL shown as <null>.
    std::vector<std::string> rows(const std::string& sql)
    {
        sqlite3_stmt* statement = nullptr;
        BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
        std::vector<std::string> out;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                if (i)
                    row += " | ";
                if (sqlite3_column_type(statement, i) == SQLITE_NULL) {
                    row += "<null>";
                } else {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
                    row.append(text, static_cast<size_t>(sqlite3_column_bytes(statement, i)));
                }
            }
            out.push_back(row);
        }
        sqlite3_finalize(statement);
        return out;
    }

    std::string single(const std::string& sql)
    {
        auto result = rows(sql);
        BOOST_REQUIRE_EQUAL(result.size(), 1u);
        return result.front();
    }
};

// Everything the file holds: the schema and every row of every table, each cell with its storage class and
// exact bytes. Two equal dumps mean equal content.
std::string dump(const std::string& path)
{
    RawDb raw(path);
    std::string out;
    std::vector<std::string> tables;
    sqlite3_stmt* schema = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(raw.db,
                                     "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name", -1,
                                     &schema, nullptr) == SQLITE_OK);
    while (sqlite3_step(schema) == SQLITE_ROW) {
        const std::string type = reinterpret_cast<const char*>(sqlite3_column_text(schema, 0));
        const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(schema, 1));
        out += type + " " + name + ": " + reinterpret_cast<const char*>(sqlite3_column_text(schema, 2)) + "\n";
        if (type == "table")
            tables.push_back(name);
    }
    sqlite3_finalize(schema);
    for (const std::string& table : tables) {
        sqlite3_stmt* select = nullptr;
        BOOST_REQUIRE(sqlite3_prepare_v2(raw.db, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &select, nullptr) ==
                      SQLITE_OK);
        std::vector<std::string> rows;
        while (sqlite3_step(select) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(select); ++i) {
                const int type = sqlite3_column_type(select, i);
                row += '[';
                row += std::to_string(type) + ":";
                if (type != SQLITE_NULL) {
                    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(select, i));
                    row.append(bytes ? bytes : "", static_cast<size_t>(sqlite3_column_bytes(select, i)));
                }
                row += "]";
            }
            rows.push_back(row);
        }
        sqlite3_finalize(select);
        std::sort(rows.begin(), rows.end());
        out += "== " + table + " (" + std::to_string(rows.size()) + " rows)\n";
        for (const std::string& row : rows)
            out += row + "\n";
    }
    return out;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ---- sample data -----------------------------------------------------------------------------------------

using test::injection;

using test::sampleAssessment;
using test::sampleSystem;

std::string json(const AnswerSet& answers)
{
    std::string out;
    for (const auto& [key, value] : answers.values)
        if (isAnswered(value))
            out += key + "=" + codec::canonicalJson(value) + "\n";
    return out;
}

} // namespace

// ---- opening, migrations, refusing what is not ours ---------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(open_creates_the_file_and_its_parent_directories, TempDir)
{
    const std::string path = (dir / "a" / "b" / "seclevel.db").string();
    auto store = openSqlite(path);
    BOOST_TEST(fs::exists(path));
    BOOST_TEST(store->path() == path);
    auto version = store->schemaVersion();
    requireOk(version);
    BOOST_TEST(*version == SqliteStore::supportedSchemaVersion());
    RawDb raw(path);
    BOOST_TEST(raw.single("PRAGMA journal_mode") == "wal");
}

BOOST_FIXTURE_TEST_CASE(every_migration_is_recorded_with_its_time, TempDir)
{
    openSqlite(db());
    RawDb raw(db());
    auto rows = raw.rows("SELECT version, applied_at FROM schema_migrations ORDER BY version");
    BOOST_REQUIRE_EQUAL(rows.size(), static_cast<size_t>(SqliteStore::supportedSchemaVersion()));
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string version = std::to_string(i + 1);
        BOOST_TEST(rows[i].substr(0, version.size() + 3) == version + " | ");
        const std::string at = rows[i].substr(version.size() + 3);
        BOOST_TEST(at.size() == 20u);
        BOOST_TEST(at[10] == 'T');
        BOOST_TEST(at.back() == 'Z');
    }
    for (const char* table : {"organisations", "systems", "components", "answers", "answer_history", "assessments"})
        BOOST_TEST(raw.single(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '") +
                              table + "'") == "1");
}

BOOST_FIXTURE_TEST_CASE(reopening_keeps_everything_and_migrates_nothing_twice, TempDir)
{
    {
        auto store = openSqlite(db());
        requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
        requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
        requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 3, "phục vụ người dân"), alice));
    }
    const std::string before = dump(db());
    auto store = openSqlite(db(), /*create=*/false);
    BOOST_TEST(dump(db()) == before);
    auto found = store->system("BNV-QLVB");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.name == "Hệ thống quản lý văn bản và điều hành");
    BOOST_TEST(stored.description.organisationId == "BNV");
    BOOST_TEST(stored.rulesetId == "VN-2016");
    BOOST_TEST(stored.derivedLevel == 2);
    BOOST_TEST(stored.proposedLevel == 3);
    BOOST_TEST(stored.justification == "phục vụ người dân");
    BOOST_TEST(stored.approvedLevel == 0);
    BOOST_TEST(stored.createdBy.userId == "alice");
    BOOST_TEST(isoTimestamp(stored.createdAt) == "2026-03-01T08:00:00Z");
    BOOST_TEST(json(stored.description.answers) == json(sampleSystem().answers));
    BOOST_TEST(store->organisations()->size() == 1u);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 1u);
    BOOST_TEST(store->answerHistory("BNV-QLVB")->size() == 8u);
}

BOOST_FIXTURE_TEST_CASE(open_without_create_refuses_a_missing_file, TempDir)
{
    auto store = SqliteStore::open(db("missing.db"), /*create=*/false);
    BOOST_REQUIRE(!store.ok());
    BOOST_TEST(store.errors().front().file == db("missing.db"));
    BOOST_TEST(!fs::exists(db("missing.db")));
}

BOOST_FIXTURE_TEST_CASE(a_directory_is_refused, TempDir)
{
    fs::create_directories(dir / "folder.db");
    auto store = SqliteStore::open(db("folder.db"));
    BOOST_REQUIRE(!store.ok());
    BOOST_TEST(contains(allMessages(store.errors()), "directory"));
}

BOOST_FIXTURE_TEST_CASE(a_newer_schema_is_refused_and_left_untouched, TempDir)
{
    openSqlite(db());
    const int newer = SqliteStore::supportedSchemaVersion() + 1;
    RawDb(db()).exec("INSERT INTO schema_migrations VALUES (" + std::to_string(newer) +
                     ", 'from the future', '2030-01-01T00:00:00Z')");
    const std::string before = dump(db());
    auto store = SqliteStore::open(db());
    BOOST_REQUIRE(!store.ok());
    const std::string messages = allMessages(store.errors());
    BOOST_TEST(store.errors().front().file == db());
    BOOST_TEST(contains(messages, "schema version " + std::to_string(newer)));
    BOOST_TEST(contains(messages, "newer than version " + std::to_string(newer - 1)));
    BOOST_TEST(contains(messages, "phiên bản lược đồ " + std::to_string(newer)));
    BOOST_TEST(dump(db()) == before);
}

BOOST_FIXTURE_TEST_CASE(a_file_that_is_not_sqlite_is_refused_with_its_name, TempDir)
{
    const std::string path = db("notes.db");
    std::string garbage;
    for (int i = 0; i < 200; ++i)
        garbage += "Biên bản họp, không phải cơ sở dữ liệu. " + std::to_string(i) + "\n";
    std::ofstream(path, std::ios::binary) << garbage;
    auto store = SqliteStore::open(path);
    BOOST_REQUIRE(!store.ok());
    const Error& error = store.errors().front();
    BOOST_TEST(error.file == path);
    BOOST_TEST(contains(error.describe(Lang::En), path));
    BOOST_TEST(contains(error.describe(Lang::En), "not an SQLite database"));
    BOOST_TEST(contains(error.describe(Lang::Vi), "không phải là cơ sở dữ liệu SQLite"));
    BOOST_TEST(readFile(path) == garbage);
    BOOST_TEST(!fs::exists(path + "-wal"));

    // a short binary file too
    const std::string binary = db("random.bin");
    std::ofstream(binary, std::ios::binary) << std::string("\x7f"
                                                           "ELF\x02\x01\x01\0\0\0",
                                                           10)
                                            << std::string(600, '\xAB');
    auto again = SqliteStore::open(binary, false);
    BOOST_REQUIRE(!again.ok());
    BOOST_TEST(again.errors().front().file == binary);
}

BOOST_FIXTURE_TEST_CASE(an_sqlite_database_of_another_program_is_refused, TempDir)
{
    RawDb(db()).exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An');");
    const std::string before = dump(db());
    auto store = SqliteStore::open(db());
    BOOST_REQUIRE(!store.ok());
    BOOST_TEST(contains(allMessages(store.errors()), "not a seclevel one"));
    BOOST_TEST(dump(db()) == before);
}

// The contract suite checks the round trip in every store; here: what the SQLite columns hold.
BOOST_FIXTURE_TEST_CASE(answer_columns_hold_readable_canonical_text, TempDir)
{
    const SystemDescription system = test::everyValueSystem();

    auto store = openSqlite(db());
    requireOk(store->addSystem(system, alice));
    auto found = store->system("ROUND-TRIP");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const SystemDescription& back = (*found)->description;

    auto expected = system.answers.values;
    expected.erase("not_answered"); // not answered = not stored
    BOOST_TEST(json(back.answers) == json(system.answers));
    BOOST_CHECK(back.answers.values == expected); // exact variant alternatives, not just equal renderings
    BOOST_REQUIRE_EQUAL(back.components.size(), 2u);
    BOOST_TEST(back.components[0].name == "cổng 'thông tin'");
    BOOST_CHECK(back.components[0].answers.values == system.components[0].answers.values);
    BOOST_TEST(back.components[1].name == "no answers");
    BOOST_TEST(back.components[1].answers.values.empty());

    // The columns hold readable canonical text, so SQL (and a human) can query them.
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT value_type || ' ' || value_text FROM answers WHERE key = 'list_two'") ==
               "list [\"public\",\"personal\"]");
    BOOST_TEST(raw.single("SELECT value_type || ' ' || value_text FROM answers WHERE key = 'text_injection'") ==
               "string " + injection);
    BOOST_TEST(raw.single("SELECT value_type || ' ' || value_text FROM answers WHERE key = 'date'") ==
               "date 2026-08-19");
    BOOST_TEST(raw.single("SELECT value_type || ' ' || value_text FROM answers WHERE key = 'int_min'") ==
               "int -9223372036854775808");
}

BOOST_FIXTURE_TEST_CASE(a_failure_half_way_through_a_write_rolls_everything_back, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
    RawDb raw(db());
    raw.exec("CREATE TRIGGER inject_history_fault BEFORE INSERT ON answer_history "
             "BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
             "CREATE TRIGGER inject_assessment_fault BEFORE INSERT ON assessments "
             "BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
    const std::string before = dump(db());

    // update: systems row, answers and components are rewritten before the history insert fails
    SystemDescription changed = sampleSystem("BNV-QLVB", "BNV");
    changed.name = "renamed";
    changed.components.pop_back();
    changed.answers.values["subjects"] = std::int64_t{1};
    auto updated = store->updateSystem(changed, bob);
    BOOST_REQUIRE(!updated.ok());
    BOOST_TEST(contains(allMessages(updated.errors()), "injected fault"));
    BOOST_TEST(updated.errors().front().file == db());
    BOOST_TEST(dump(db()) == before);

    // add: the systems row, components and answers are inserted before the history insert fails
    auto added = store->addSystem(sampleSystem("NEW", "BNV"), bob);
    BOOST_REQUIRE(!added.ok());
    BOOST_TEST(dump(db()) == before);
    BOOST_TEST(!store->system("NEW")->has_value());

    // recordAssessment: the system's levels are set before the assessments insert fails
    auto recorded = store->recordAssessment("BNV-QLVB", sampleAssessment(3, 3), bob);
    BOOST_REQUIRE(!recorded.ok());
    BOOST_TEST(dump(db()) == before);
    BOOST_TEST((*store->system("BNV-QLVB"))->derivedLevel == 0);

    // saveSystem: an update that would succeed alone is undone with the failing assessment
    raw.exec("DROP TRIGGER inject_history_fault");
    const std::string withoutHistoryFault = dump(db());
    auto saved = store->saveSystem(changed, false, sampleAssessment(3, 3), bob);
    BOOST_REQUIRE(!saved.ok());
    BOOST_TEST(dump(db()) == withoutHistoryFault);

    // and the store still works afterwards: no transaction was left open
    raw.exec("DROP TRIGGER inject_assessment_fault");
    requireOk(store->saveSystem(changed, false, sampleAssessment(3, 3), bob));
    BOOST_TEST((*store->system("BNV-QLVB"))->description.name == "renamed");
}

BOOST_FIXTURE_TEST_CASE(a_damaged_stored_answer_is_an_error_not_a_crash, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    // Both pass the schema's CHECKs but are not what the store writes.
    RawDb(db()).exec("UPDATE answers SET value_text = '03200' WHERE key = 'subjects'");
    auto found = store->system("BNV-QLVB");
    BOOST_REQUIRE(!found.ok());
    BOOST_TEST(found.errors().front().field == "subjects");
    BOOST_TEST(contains(allMessages(found.errors()), "damaged"));
    BOOST_TEST(!store->systems().ok());
    auto update = store->updateSystem(sampleSystem(), bob); // the old value cannot be rendered for history
    BOOST_REQUIRE(!update.ok());

    RawDb(db()).exec("UPDATE answers SET value_text = '3200' WHERE key = 'subjects';"
                     "UPDATE answers SET value_text = '[\"public\", \"personal\"]' WHERE key = 'data_types'");
    BOOST_TEST(!store->system("BNV-QLVB").ok());
}

BOOST_FIXTURE_TEST_CASE(a_damaged_stored_assessment_is_an_error_naming_the_member, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 2), alice));
    RawDb raw(db());
    raw.exec("DROP TRIGGER assessments_no_update;"
             "UPDATE assessments SET assessment = replace(assessment, '\"warnings\":[]', '\"warnings\":{}')");
    auto all = store->assessments("BNV-QLVB");
    BOOST_REQUIRE(!all.ok());
    BOOST_TEST((all.errors().front().kind == ErrorKind::Storage));
    BOOST_TEST(all.errors().front().file == db());
    BOOST_TEST(all.errors().front().field == "warnings");
    BOOST_TEST(!store->latestAssessment("BNV-QLVB").ok());
    // A column that disagrees with the encoding is damage too.
    raw.exec("UPDATE assessments SET assessment = replace(assessment, '\"warnings\":{}', '\"warnings\":[]'),"
             " derived_level = 1, proposed_level = 1");
    auto disagreeing = store->assessments("BNV-QLVB");
    BOOST_REQUIRE(!disagreeing.ok());
    BOOST_TEST(contains(allMessages(disagreeing.errors()), "disagrees with its columns"));
}

BOOST_FIXTURE_TEST_CASE(the_history_tables_are_append_only_in_the_database, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 2), alice));
    Dossier dossier{"BNV-QLVB", {{"A.1", "x"}}, {}, {}};
    requireOk(store->saveDossier(dossier, alice));
    sqlite3* raw = nullptr;
    BOOST_REQUIRE(sqlite3_open(db().c_str(), &raw) == SQLITE_OK);
    for (const char* table : {"answer_history", "assessments", "dossier_history"}) {
        const std::string update = std::string("UPDATE ") + table + " SET at = '2000-01-01T00:00:00Z'";
        const std::string remove = std::string("DELETE FROM ") + table;
        BOOST_TEST(sqlite3_exec(raw, update.c_str(), nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT, table);
        BOOST_TEST(contains(sqlite3_errmsg(raw), "append-only"), table);
        BOOST_TEST(sqlite3_exec(raw, remove.c_str(), nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT, table);
    }
    sqlite3_close(raw);
    BOOST_TEST(store->answerHistory("BNV-QLVB")->size() == 8u);
}

// A database written by the previous schema (version 2: actors as one name, traces as the caller's JSON)
// opens, migrates and reads: old rows get role 'operator' and no organisation, old assessments keep their
// levels and rule set, and their trace is kept aside.
BOOST_FIXTURE_TEST_CASE(a_version_2_database_migrates_and_keeps_its_rows, TempDir)
{
    {
        RawDb raw(db());
        raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY CHECK (version > 0),"
                 " description TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
        for (const auto& migration : sqlite::migrations()) {
            if (migration.version > 2)
                break;
            raw.exec(migration.sql);
            raw.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(migration.version) +
                     ", 'old', '2026-01-01T00:00:00Z')");
        }
        raw.exec("INSERT INTO systems (id, name, ruleset_id, derived_level, proposed_level, justification,"
                 " created_by, created_at, updated_by, updated_at) VALUES ('OLD', 'Hệ thống cũ', 'VN-2022', 2, 3,"
                 " 'lý do', 'nguyen.van.a', '2025-05-01T01:02:03Z', 'nguyen.van.a', '2025-05-01T01:02:03Z');"
                 "INSERT INTO answers VALUES ('OLD', '', 'subjects', 'int', '3200');"
                 "INSERT INTO answer_history (system_id, key, new_value, actor, at)"
                 " VALUES ('OLD', 'subjects', '3200', 'nguyen.van.a', '2025-05-01T01:02:03Z');"
                 "INSERT INTO assessments (system_id, ruleset_id, ruleset_version, derived_level, proposed_level,"
                 " justification, trace_json, actor, at) VALUES ('OLD', 'VN-2022', '1.0.0', 2, 3, 'lý do',"
                 " '{\"level\":3,\"basis\":[\"NĐ85 Art 9.2.a\"]}', 'nguyen.van.a', '2025-05-01T01:02:03Z');"
                 "INSERT INTO dossier_history (system_id, key, new_value, actor, at)"
                 " VALUES ('OLD', 'A.1', 'x', 'nguyen.van.a', '2025-05-01T01:02:03Z');");
    }
    auto store = openSqlite(db());
    BOOST_TEST(*store->schemaVersion() == SqliteStore::supportedSchemaVersion());
    auto found = store->system("OLD");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    BOOST_TEST((*found)->createdBy.userId == "nguyen.van.a");
    BOOST_TEST((*found)->createdBy.organisationId == "");
    BOOST_TEST((*found)->createdBy.role == "operator");
    BOOST_TEST((*found)->rulesetVersion == "1.0.0");
    auto history = store->answerHistory("OLD");
    requireOk(history);
    BOOST_REQUIRE_EQUAL(history->size(), 1u);
    BOOST_TEST(history->front().actor.role == "operator");
    auto latest = store->latestAssessment("OLD");
    requireOk(latest);
    BOOST_REQUIRE(latest->has_value());
    const Assessment& old = (*latest)->assessment;
    BOOST_TEST(old.rulesetId == "VN-2022");
    BOOST_TEST(old.rulesetVersion == "1.0.0");
    BOOST_TEST(old.derivedLevel == 2);
    BOOST_TEST(old.proposedLevel == 3);
    BOOST_TEST(old.justification == "lý do");
    BOOST_TEST(old.components.empty());
    BOOST_TEST((*latest)->actor.role == "operator");
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT legacy_trace FROM assessments") == "{\"level\":3,\"basis\":[\"NĐ85 Art 9.2.a\"]}");
    BOOST_TEST(raw.single("SELECT actor || '/' || actor_organisation || '/' || actor_role FROM dossier_history") ==
               "nguyen.van.a//operator");
    // The rebuilt table is append-only again, and new rows go in beside the old.
    BOOST_TEST(sqlite3_exec(raw.db, "DELETE FROM assessments", nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
    requireOk(store->recordAssessment("OLD", sampleAssessment(3, 3), bob));
    BOOST_TEST(store->assessments("OLD")->size() == 2u);
}

// A first open that fails (here: SQLite cannot create its journal because a directory stands in its way)
// leaves no empty database file behind.
BOOST_FIXTURE_TEST_CASE(a_failed_first_open_leaves_no_file_behind, TempDir)
{
    const std::string path = db("blocked.db");
    fs::create_directories(path + "-journal");
    fs::create_directories(path + "-wal");
    auto store = SqliteStore::open(path);
    BOOST_REQUIRE(!store.ok());
    BOOST_TEST((store.errors().front().kind == ErrorKind::Storage));
    BOOST_TEST(store.errors().front().file == path);
    BOOST_TEST(!fs::exists(path));
    BOOST_TEST(fs::is_directory(path + "-journal")); // what was there before stays
}

BOOST_FIXTURE_TEST_CASE(describe_names_the_file, TempDir)
{
    auto store = openSqlite(db());
    BOOST_TEST(store->describe() == "SQLite " + db());
}

// Refused dossier writes add no history and no content rows; a repeated import adds no history.
BOOST_FIXTURE_TEST_CASE(refused_dossier_writes_add_no_rows, TempDir)
{
    auto store = openSqlite(db());
    SystemDescription system = sampleSystem("S-1");
    requireOk(store->addSystem(system, alice));
    Dossier dossier{"S-1", {{"A.1.owner_mandate", "Quyết định"}, {"A.2.scope", "Phạm vi"}}, {}, {}};
    requireOk(store->saveDossier(dossier, alice));
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT count(*) FROM dossier_history") == "2");
    Dossier bad = dossier;
    bad.fields["A.9"] = std::string("nul\0byte", 8);
    BOOST_TEST(!store->saveDossier(bad, bob).ok());
    std::string bytes = "hello";
    Attachment attachment{"security_regulation", "quy-che.pdf", "application/pdf", 5, sha256Hex("HELLO"), ""};
    BOOST_TEST(!store->storeAttachmentContent("S-1", attachment, bytes, bob).ok());
    BOOST_TEST(raw.single("SELECT count(*) FROM dossier_history") == "2");
    BOOST_TEST(raw.single("SELECT count(*) FROM attachment_contents") == "0");

    DossierDocument document{system, sampleAssessment(1, 1), 0, dossier, {}, {}};
    requireOk(store->importDossier(document, bob));
    const std::string history = raw.single("SELECT count(*) FROM dossier_history") + " " +
                                raw.single("SELECT count(*) FROM answer_history") + " " +
                                raw.single("SELECT count(*) FROM assessments");
    requireOk(store->importDossier(document, bob));
    BOOST_TEST(raw.single("SELECT count(*) FROM dossier_history") + " " +
                   raw.single("SELECT count(*) FROM answer_history") + " " +
                   raw.single("SELECT count(*) FROM assessments") ==
               history);
}

// Eight processes create one new database at once: every one of them opens it and writes.
BOOST_FIXTURE_TEST_CASE(eight_processes_creating_one_new_file_all_succeed, TempDir)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        const std::string path = db("race-" + std::to_string(attempt) + ".db");
        int start[2];
        BOOST_REQUIRE(pipe(start) == 0);
        std::vector<pid_t> pids;
        for (int child = 0; child < 8; ++child) {
            const pid_t pid = fork();
            BOOST_REQUIRE(pid >= 0);
            if (pid == 0) {
                close(start[1]);
                char go;
                [[maybe_unused]] const auto ignored = read(start[0], &go, 1);
                auto store = SqliteStore::open(path);
                if (!store) {
                    std::fprintf(stderr, "child %d: %s\n", child, store.errors().front().describe(Lang::En).c_str());
                    _exit(1);
                }
                auto added = (*store)->addSystem(sampleSystem("C" + std::to_string(child)), alice);
                if (!added) {
                    std::fprintf(stderr, "child %d: %s\n", child, added.errors().front().describe(Lang::En).c_str());
                    _exit(1);
                }
                _exit(0);
            }
            pids.push_back(pid);
        }
        close(start[0]);
        close(start[1]);
        for (const pid_t pid : pids) {
            int status = 0;
            BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
            BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
        BOOST_TEST(openSqlite(path)->systems()->size() == 8u);
    }
}

// Criterion texts are kept once however many assessments repeat them, and a missing one is damage, not a
// silently empty text.
BOOST_FIXTURE_TEST_CASE(assessment_texts_are_kept_once_and_must_be_there, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    Assessment assessment = sampleAssessment(2, 2);
    const LocalizedText text{"Hệ thống phục vụ người dân", "A system serving citizens"};
    assessment.components = {ComponentResult{"portal",
                                             2,
                                             {FiredCriterion{"9.2.a", 2, "NĐ85 Art 9.2.a", text, {}, {}}},
                                             {MissedCriterion{"10.2.a", 3, "NĐ85 Art 10.2.a", text, {}}}}};
    assessment.warnings = {RaisedWarning{"A5", "x", {"cảnh báo", "warning"}, ""}};
    requireOk(store->recordAssessment("BNV-QLVB", assessment, alice));
    requireOk(store->recordAssessment("BNV-QLVB", assessment, bob));
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT count(*) FROM assessment_texts") == "2");
    BOOST_TEST(raw.single("SELECT count(*) FROM assessments WHERE instr(assessment, 'người dân') > 0") == "0");
    auto all = store->assessments("BNV-QLVB");
    requireOk(all);
    BOOST_REQUIRE_EQUAL(all->size(), 2u);
    BOOST_TEST(codec::sameAssessment((*all)[1].assessment, assessment));

    raw.exec("DROP TRIGGER assessments_no_update;"
             "UPDATE assessments SET texts = '[\"" +
             std::string(64, 'a') + "\",\"x\",\"y\"]'");
    auto damaged = store->assessments("BNV-QLVB");
    BOOST_REQUIRE(!damaged.ok());
    BOOST_TEST((damaged.errors().front().kind == ErrorKind::Storage));
    BOOST_TEST(contains(allMessages(damaged.errors()), "texts of assessment"));
}

// A process killed (SIGKILL) in the middle of writing leaves a database that opens, passes SQLite's integrity
// check and holds only whole writes: every stored system has the assessment saved with it.
BOOST_FIXTURE_TEST_CASE(a_writer_killed_mid_write_leaves_only_whole_writes, TempDir)
{
    openSqlite(db());
    const pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
        auto store = SqliteStore::open(db());
        if (!store)
            _exit(1);
        for (int i = 0;; ++i)
            if (!(*store)->saveSystem(sampleSystem("K-" + std::to_string(i)), true, sampleAssessment(2, 2), alice))
                _exit(1);
    }
    // Let it write a while, then kill it wherever it is.
    for (int waited = 0; waited < 200; ++waited) {
        usleep(10'000);
        RawDb raw(db());
        if (std::stoi(raw.single("SELECT count(*) FROM systems")) >= 50)
            break;
    }
    kill(pid, SIGKILL);
    int status = 0;
    BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
    BOOST_TEST(WIFSIGNALED(status));

    auto store = openSqlite(db());
    RawDb raw(db());
    BOOST_TEST(raw.single("PRAGMA integrity_check") == "ok");
    BOOST_TEST(raw.rows("PRAGMA foreign_key_check").empty());
    auto systems = store->systems();
    requireOk(systems);
    BOOST_TEST(systems->size() >= 50u);
    for (const StoredSystem& system : *systems) {
        BOOST_TEST(system.derivedLevel == 2, system.description.id);
        BOOST_TEST(store->assessments(system.description.id)->size() == 1u, system.description.id);
        BOOST_TEST(store->answerHistory(system.description.id)->size() == 8u, system.description.id);
    }
}

// Inside a unit of work, a write that fails half-way (its systems row already updated when the history insert
// fails) is undone back to its savepoint, while the unit's other writes commit.
BOOST_FIXTURE_TEST_CASE(a_write_failing_half_way_inside_transact_is_undone_to_its_savepoint, TempDir)
{
    auto store = openSqlite(db());
    requireOk(store->addSystem(sampleSystem("A"), alice));
    requireOk(store->addSystem(sampleSystem("B"), alice));
    RawDb raw(db());
    raw.exec("CREATE TRIGGER inject_fault BEFORE INSERT ON answer_history WHEN NEW.system_id = 'A' "
             "BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
    SystemDescription renamedA = sampleSystem("A");
    renamedA.name = "renamed A";
    renamedA.answers.values["subjects"] = std::int64_t{1};
    SystemDescription renamedB = sampleSystem("B");
    renamedB.name = "renamed B";
    renamedB.answers.values["subjects"] = std::int64_t{2};
    auto unit = store->transact([&]() -> Result<bool> {
        auto failed = store->updateSystem(renamedA, bob);
        BOOST_TEST(!failed.ok());
        BOOST_TEST(contains(allMessages(failed.errors()), "injected fault"));
        return store->updateSystem(renamedB, bob);
    });
    requireOk(unit);
    BOOST_TEST((*store->system("A"))->description.name == "Hệ thống quản lý văn bản và điều hành");
    BOOST_CHECK((*store->system("A"))->description.answers.get("subjects") == Value{std::int64_t{3200}});
    BOOST_TEST((*store->system("B"))->description.name == "renamed B");
    BOOST_TEST(raw.single("SELECT count(*) FROM answer_history WHERE system_id = 'A'") == "8");
    BOOST_TEST(raw.single("SELECT count(*) FROM answer_history WHERE system_id = 'B'") == "9");
}
