#define BOOST_TEST_MODULE sqlite_store
#include <boost/test/unit_test.hpp>

#include "storage/sqlite/SqliteStore.h"
#include "storage/sqlite/ValueEncoding.h"

#include <sqlite3.h>

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

const Actor alice{"alice", utc(2026, 3, 1, 8, 0, 0)};
const Actor bob{"bob", utc(2026, 3, 2, 14, 30, 5)};

std::unique_ptr<SqliteStore> openStore(const std::string& path, bool create = true)
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
    BOOST_REQUIRE(sqlite3_prepare_v2(raw.db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
                                     -1, &schema, nullptr) == SQLITE_OK);
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

const std::string injection = "'); DROP TABLE systems;--";

std::vector<std::string> list(std::initializer_list<const char*> items)
{
    return {items.begin(), items.end()};
}

Date date(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

SystemDescription sampleSystem(const std::string& id = "BNV-QLVB", const std::string& organisation = {})
{
    SystemDescription system;
    system.id = id;
    system.name = "Hệ thống quản lý văn bản và điều hành";
    system.owner = "Bộ Nội vụ";
    system.operatorName = "Trung tâm Thông tin";
    system.organisationId = organisation;
    system.answers.values = {
        {"data_types", list({"public", "personal"})},
        {"subjects", std::int64_t{3200}},
        {"internet", true},
        {"purpose", std::string("internal")},
        {"removed_key", std::string("bye")},
    };
    Component portal{"portal", {}};
    portal.answers.values = {{"internet", true}, {"users", std::int64_t{100}}};
    Component backend{"backend", {}};
    backend.answers.values = {{"internet", false}};
    system.components = {portal, backend};
    return system;
}

Assessment sampleAssessment(int derived, int proposed, const std::string& justification = {})
{
    Assessment assessment;
    assessment.rulesetId = "VN-2016";
    assessment.rulesetVersion = "85/2016/NĐ-CP";
    assessment.derivedLevel = derived;
    assessment.proposedLevel = proposed;
    assessment.justification = justification;
    return assessment;
}

std::string json(const AnswerSet& answers)
{
    std::string out;
    for (const auto& [key, value] : answers.values)
        if (isAnswered(value))
            out += key + "=" + sqlite::canonicalJson(value) + "\n";
    return out;
}

std::string historyRow(const AnswerChange& change)
{
    return change.component + "|" + change.key + "|" + change.oldValue + "|" + change.newValue + "|" + change.actor +
           "|" + change.at;
}

std::vector<std::string> historyRows(SqliteStore& store, const std::string& id)
{
    auto history = store.answerHistory(id);
    requireOk(history);
    std::vector<std::string> rows;
    for (const AnswerChange& change : *history) {
        BOOST_TEST(change.systemId == id);
        rows.push_back(historyRow(change));
    }
    return rows;
}

} // namespace

// ---- opening, migrations, refusing what is not ours ---------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(open_creates_the_file_and_its_parent_directories, TempDir)
{
    const std::string path = (dir / "a" / "b" / "seclevel.db").string();
    auto store = openStore(path);
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
    openStore(db());
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
        auto store = openStore(db());
        requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
        requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
        requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 3, "phục vụ người dân"), "{}", alice));
    }
    const std::string before = dump(db());
    auto store = openStore(db(), /*create=*/false);
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
    BOOST_TEST(stored.createdBy == "alice");
    BOOST_TEST(stored.createdAt == "2026-03-01T08:00:00Z");
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
    openStore(db());
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
    std::ofstream(binary, std::ios::binary) << std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10) << std::string(600, '\xAB');
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

BOOST_FIXTURE_TEST_CASE(two_connections_see_each_others_writes, TempDir)
{
    auto writer = openStore(db());
    auto reader = openStore(db());
    requireOk(writer->addSystem(sampleSystem(), alice));
    auto found = reader->system("BNV-QLVB");
    requireOk(found);
    BOOST_TEST(found->has_value());
}

// ---- values round-trip exactly ------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(every_value_alternative_round_trips_exactly, TempDir)
{
    SystemDescription system;
    system.id = "ROUND-TRIP";
    system.name = "Round trip";
    system.answers.values = {
        {"bool_true", true},
        {"bool_false", false},
        {"int_zero", std::int64_t{0}},
        {"int_negative", std::int64_t{-42}},
        {"int_large", std::int64_t{12'000'000'000'000}},
        {"int_max", std::numeric_limits<std::int64_t>::max()},
        {"int_min", std::numeric_limits<std::int64_t>::min()},
        {"text_empty", std::string()},
        {"text_vietnamese", std::string("Cổng Dịch vụ công quốc gia — dữ liệu cá nhân")},
        {"text_emoji", std::string("🔒 cấp độ 4 \u2028 \u00a0")},
        {"text_quotes", std::string("He said \"hi\" and 'bye' \\ back\\slash")},
        {"text_newlines", std::string("line 1\nline 2\r\n\tindented\x01\x1f\x7f")},
        {"text_injection", injection},
        {"text_looks_like_json", std::string("[\"public\",\"personal\"]")},
        {"text_looks_like_bool", std::string("true")},
        {"text_looks_like_date", std::string("2026-08-19")},
        {"list_empty", std::vector<std::string>{}},
        {"list_two", list({"public", "personal"})},
        {"list_hostile", list({"a,b", "\"quoted\"", "[]", "", "back\\slash", "xuống\ndòng", "'); DROP TABLE answers;--"})},
        {"list_one_empty", list({""})},
        {"date", date(2026, 8, 19)},
        {"date_leap", date(2024, 2, 29)},
        {"date_first", date(0, 1, 1)},
        {"date_last", date(9999, 12, 31)},
        {"not_answered", std::monostate{}},
    };
    Component component{"cổng 'thông tin'", {}};
    component.answers.values = {{"bool_true", false}, {"only_here", list({"x"})}, {"when", date(2020, 1, 5)}};
    Component empty{"no answers", {}};
    system.components = {component, empty};

    auto store = openStore(db());
    requireOk(store->addSystem(system, alice));
    auto found = store->system("ROUND-TRIP");
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const SystemDescription& back = (*found)->description;

    auto expected = system.answers.values;
    expected.erase("not_answered");  // not answered = not stored
    BOOST_TEST(json(back.answers) == json(system.answers));
    BOOST_CHECK(back.answers.values == expected);  // exact variant alternatives, not just equal renderings
    BOOST_REQUIRE_EQUAL(back.components.size(), 2u);
    BOOST_TEST(back.components[0].name == "cổng 'thông tin'");
    BOOST_CHECK(back.components[0].answers.values == component.answers.values);
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

BOOST_FIXTURE_TEST_CASE(creation_is_recorded_in_the_history_as_canonical_json, TempDir)
{
    SystemDescription system;
    system.id = "HIST";
    system.name = "History";
    system.answers.values = {
        {"internet", true},
        {"subjects", std::int64_t{12000}},
        {"purpose", std::string("citizen_service")},
        {"data_types", list({"public", "personal"})},
        {"since", date(2026, 8, 19)},
        {"note", std::string("a \"b\"\nc\\")},
    };
    auto store = openStore(db());
    requireOk(store->addSystem(system, alice));
    const std::vector<std::string> expected = {
        "|data_types||[\"public\",\"personal\"]|alice|2026-03-01T08:00:00Z",
        "|internet||true|alice|2026-03-01T08:00:00Z",
        "|note||\"a \\\"b\\\"\\nc\\\\\"|alice|2026-03-01T08:00:00Z",
        "|purpose||\"citizen_service\"|alice|2026-03-01T08:00:00Z",
        "|since||\"2026-08-19\"|alice|2026-03-01T08:00:00Z",
        "|subjects||12000|alice|2026-03-01T08:00:00Z",
    };
    BOOST_TEST(historyRows(*store, "HIST") == expected, boost::test_tools::per_element());
}

// ---- add and update -----------------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_duplicate_id_is_refused_and_nothing_changes, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = dump(db());
    SystemDescription other = sampleSystem();
    other.name = "Another system with the same id";
    other.answers.values["subjects"] = std::int64_t{1};
    auto result = store->addSystem(other, bob);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(result.errors().front().field == "id");
    BOOST_TEST(contains(allMessages(result.errors()), "System 'BNV-QLVB' already exists"));
    BOOST_TEST(contains(allMessages(result.errors()), "Hệ thống 'BNV-QLVB' đã tồn tại"));
    BOOST_TEST(dump(db()) == before);
}

BOOST_FIXTURE_TEST_CASE(an_update_writes_exactly_one_history_row_per_changed_answer, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const auto initial = historyRows(*store, "BNV-QLVB");
    BOOST_TEST(initial.size() == 8u);

    SystemDescription changed = sampleSystem();
    changed.name = "QLVB 2.0";
    changed.answers.values["subjects"] = std::int64_t{12000};              // changed
    changed.answers.values["purpose"] = std::string("citizen_service");    // changed
    changed.answers.values.erase("removed_key");                           // removed
    changed.answers.values["new_key"] = date(2026, 8, 19);                 // added
    changed.components[0].answers.values["users"] = std::int64_t{150};    // changed in a component
    Component gateway{"gateway", {}};
    gateway.answers.values = {{"exposed", true}};
    changed.components = {changed.components[0], gateway};                 // backend removed, gateway added
    requireOk(store->updateSystem(changed, bob));

    auto rows = historyRows(*store, "BNV-QLVB");
    BOOST_REQUIRE_EQUAL(rows.size(), initial.size() + 7);
    const std::vector<std::string> added(rows.begin() + static_cast<long>(initial.size()), rows.end());
    const std::vector<std::string> expected = {
        "|new_key||\"2026-08-19\"|bob|2026-03-02T14:30:05Z",
        "|purpose|\"internal\"|\"citizen_service\"|bob|2026-03-02T14:30:05Z",
        "|removed_key|\"bye\"||bob|2026-03-02T14:30:05Z",
        "|subjects|3200|12000|bob|2026-03-02T14:30:05Z",
        "backend|internet|false||bob|2026-03-02T14:30:05Z",
        "gateway|exposed||true|bob|2026-03-02T14:30:05Z",
        "portal|users|100|150|bob|2026-03-02T14:30:05Z",
    };
    BOOST_TEST(added == expected, boost::test_tools::per_element());

    auto found = store->system("BNV-QLVB");
    requireOk(found);
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.name == "QLVB 2.0");
    BOOST_TEST(json(stored.description.answers) == json(changed.answers));
    BOOST_REQUIRE_EQUAL(stored.description.components.size(), 2u);
    BOOST_TEST(stored.description.components[0].name == "portal");
    BOOST_TEST(stored.description.components[1].name == "gateway");
    BOOST_TEST(json(stored.description.components[1].answers) == "exposed=true\n");
    BOOST_TEST(stored.createdBy == "alice");
    BOOST_TEST(stored.createdAt == "2026-03-01T08:00:00Z");
    BOOST_TEST(stored.updatedAt == "2026-03-02T14:30:05Z");
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT count(*) FROM answers WHERE component = 'backend'") == "0");
}

BOOST_FIXTURE_TEST_CASE(an_unchanged_update_writes_nothing, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = dump(db());
    requireOk(store->updateSystem(sampleSystem(), bob));
    BOOST_TEST(dump(db()) == before);
}

BOOST_FIXTURE_TEST_CASE(only_the_changed_answer_is_recorded, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    SystemDescription changed = sampleSystem();
    changed.answers.values["internet"] = false;
    requireOk(store->updateSystem(changed, bob));
    const auto rows = historyRows(*store, "BNV-QLVB");
    BOOST_REQUIRE_EQUAL(rows.size(), 9u);
    BOOST_TEST(rows.back() == "|internet|true|false|bob|2026-03-02T14:30:05Z");
}

BOOST_FIXTURE_TEST_CASE(an_unanswered_value_removes_the_answer, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    SystemDescription changed = sampleSystem();
    changed.answers.values["data_types"] = std::monostate{};
    requireOk(store->updateSystem(changed, bob));
    BOOST_TEST(historyRows(*store, "BNV-QLVB").back() ==
               "|data_types|[\"public\",\"personal\"]||bob|2026-03-02T14:30:05Z");
    BOOST_TEST(!(*store->system("BNV-QLVB"))->description.answers.has("data_types"));
}

BOOST_FIXTURE_TEST_CASE(a_type_change_with_the_same_text_is_a_change, TempDir)
{
    auto store = openStore(db());
    SystemDescription system = sampleSystem();
    system.answers.values["since"] = std::string("2026-08-19");
    requireOk(store->addSystem(system, alice));
    system.answers.values["since"] = date(2026, 8, 19);
    requireOk(store->updateSystem(system, bob));
    // Both render as "2026-08-19" in JSON, so the history shows no change, but the stored type must follow.
    BOOST_CHECK((*store->system("BNV-QLVB"))->description.answers.get("since") == Value{date(2026, 8, 19)});
    BOOST_TEST(historyRows(*store, "BNV-QLVB").size() == 9u);
}

BOOST_FIXTURE_TEST_CASE(updating_an_unknown_system_fails_and_changes_nothing, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = dump(db());
    auto result = store->updateSystem(sampleSystem("NO-SUCH"), bob);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(contains(allMessages(result.errors()), "No system 'NO-SUCH' exists"));
    BOOST_TEST(contains(allMessages(result.errors()), "Không có hệ thống 'NO-SUCH'"));
    BOOST_TEST(dump(db()) == before);
}

BOOST_FIXTURE_TEST_CASE(an_unknown_organisation_fails_and_changes_nothing, TempDir)
{
    auto store = openStore(db());
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->addSystem(sampleSystem("BNV-QLVB", "BNV"), alice));
    const std::string before = dump(db());

    SystemDescription changed = sampleSystem("BNV-QLVB", "NO-SUCH-ORG");
    changed.answers.values["subjects"] = std::int64_t{99};
    auto updated = store->updateSystem(changed, bob);
    BOOST_REQUIRE(!updated.ok());
    BOOST_TEST(updated.errors().front().field == "organisation");
    BOOST_TEST(contains(allMessages(updated.errors()), "No organisation 'NO-SUCH-ORG' exists"));
    BOOST_TEST(dump(db()) == before);

    auto added = store->addSystem(sampleSystem("OTHER", "NO-SUCH-ORG"), bob);
    BOOST_REQUIRE(!added.ok());
    BOOST_TEST(dump(db()) == before);
}

// SQLite's rule, applied here: a write that fails half-way leaves the database as it was. A trigger created
// through a second connection makes the last statement of each write path fail, after the others succeeded.
BOOST_FIXTURE_TEST_CASE(a_failure_half_way_through_a_write_rolls_everything_back, TempDir)
{
    auto store = openStore(db());
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
    auto recorded = store->recordAssessment("BNV-QLVB", sampleAssessment(3, 3), "{}", bob);
    BOOST_REQUIRE(!recorded.ok());
    BOOST_TEST(dump(db()) == before);
    BOOST_TEST((*store->system("BNV-QLVB"))->derivedLevel == 0);

    // saveSystem: an update that would succeed alone is undone with the failing assessment
    raw.exec("DROP TRIGGER inject_history_fault");
    const std::string withoutHistoryFault = dump(db());
    auto saved = store->saveSystem(changed, false, sampleAssessment(3, 3), "{}", bob);
    BOOST_REQUIRE(!saved.ok());
    BOOST_TEST(dump(db()) == withoutHistoryFault);

    // and the store still works afterwards: no transaction was left open
    raw.exec("DROP TRIGGER inject_assessment_fault");
    requireOk(store->saveSystem(changed, false, sampleAssessment(3, 3), "{}", bob));
    BOOST_TEST((*store->system("BNV-QLVB"))->description.name == "renamed");
}

BOOST_FIXTURE_TEST_CASE(invalid_input_is_refused_with_every_error_before_writing, TempDir)
{
    auto store = openStore(db());
    const std::string before = dump(db());
    SystemDescription system;
    system.sourceFile = "answers/bad.json";
    system.id = "";
    system.name = "";
    system.owner = std::string("bad \xC3\x28 utf-8");
    system.answers.values = {{"when", date(2026, 2, 30)}, {"text", std::string("nul\0inside", 10)}};
    system.answers.lines = {{"when", 7}};
    system.components = {Component{"dup", {}}, Component{"dup", {}}, Component{"", {}}};
    auto result = store->addSystem(system, Actor{"", alice.at});
    BOOST_REQUIRE(!result.ok());
    const Errors& errors = result.errors();
    auto has = [&](const std::string& field) {
        return std::any_of(errors.begin(), errors.end(), [&](const Error& e) { return e.field == field; });
    };
    BOOST_TEST(has("id"));
    BOOST_TEST(has("name"));
    BOOST_TEST(has("owner"));
    BOOST_TEST(has("when"));
    BOOST_TEST(has("text"));
    BOOST_TEST(has("components"));
    BOOST_TEST(has("actor"));
    const auto when = std::find_if(errors.begin(), errors.end(), [](const Error& e) { return e.field == "when"; });
    BOOST_TEST(when->file == "answers/bad.json");
    BOOST_TEST(when->line == 7);
    BOOST_TEST(!when->message.vi.empty());
    BOOST_TEST(!when->message.en.empty());
    BOOST_TEST(dump(db()) == before);
}

// ---- hostile text -------------------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(sql_injection_strings_are_stored_verbatim_in_every_field, TempDir)
{
    const std::string evil = injection;
    const std::string quote = "Robert'); DELETE FROM answers WHERE ('1'='1";
    auto store = openStore(db());
    requireOk(store->upsertOrganisation({evil, quote, ""}, Actor{evil, alice.at}));
    requireOk(store->upsertOrganisation({quote, evil, evil}, Actor{quote, alice.at}));

    SystemDescription system;
    system.id = evil;
    system.name = quote;
    system.owner = evil;
    system.operatorName = "\" OR \"\"=\"";
    system.organisationId = quote;
    system.answers.values = {{evil, evil}, {quote, std::vector<std::string>{evil, quote}}};
    Component component{evil, {}};
    component.answers.values = {{quote, evil}};
    system.components = {component};
    requireOk(store->addSystem(system, Actor{evil, alice.at}));
    Assessment assessment = sampleAssessment(1, 2, evil);
    assessment.rulesetId = evil;
    assessment.rulesetVersion = quote;
    const std::string trace = sqlite::jsonString(evil);
    requireOk(store->recordAssessment(evil, assessment, trace, Actor{quote, bob.at}));

    auto organisations = store->organisations();
    requireOk(organisations);
    BOOST_REQUIRE_EQUAL(organisations->size(), 2u);
    BOOST_TEST((*organisations)[0].id == evil);  // "'" (0x27) sorts before "R"
    BOOST_TEST((*organisations)[1].id == quote);
    BOOST_TEST((*organisations)[1].parentId == evil);
    auto found = store->system(evil);
    requireOk(found);
    BOOST_REQUIRE(found->has_value());
    const StoredSystem& stored = **found;
    BOOST_TEST(stored.description.id == evil);
    BOOST_TEST(stored.description.name == quote);
    BOOST_TEST(stored.description.owner == evil);
    BOOST_TEST(stored.description.operatorName == "\" OR \"\"=\"");
    BOOST_TEST(stored.description.organisationId == quote);
    BOOST_CHECK(stored.description.answers.values == system.answers.values);
    BOOST_REQUIRE_EQUAL(stored.description.components.size(), 1u);
    BOOST_TEST(stored.description.components[0].name == evil);
    BOOST_CHECK(stored.description.components[0].answers.values == component.answers.values);
    BOOST_TEST(stored.createdBy == evil);
    BOOST_TEST(stored.rulesetId == evil);
    BOOST_TEST(stored.justification == evil);
    auto assessments = store->assessments(evil);
    requireOk(assessments);
    BOOST_REQUIRE_EQUAL(assessments->size(), 1u);
    BOOST_TEST((*assessments)[0].rulesetVersion == quote);
    BOOST_TEST((*assessments)[0].traceJson == trace);
    BOOST_TEST((*assessments)[0].actor == quote);
    BOOST_TEST(store->answerHistory(evil)->front().actor == evil);

    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT count(*) FROM sqlite_master WHERE type = 'table'") == "12");
    BOOST_TEST(raw.single("SELECT count(*) FROM answers") == "3");
}

// ---- assessments --------------------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(assessments_are_recorded_and_set_the_systems_levels, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string firstTrace = R"({"derived":2,"components":[{"name":"portal","level":2}]})";
    requireOk(store->recordAssessment("BNV-QLVB", sampleAssessment(2, 2), firstTrace, alice));
    Assessment second = sampleAssessment(3, 4, "Hệ thống phục vụ Chính phủ điện tử");
    second.rulesetId = "VN-2026";
    second.rulesetVersion = "331/2025/NĐ-CP";
    requireOk(store->recordAssessment("BNV-QLVB", second, R"({"derived":3})", bob));

    auto found = store->system("BNV-QLVB");
    requireOk(found);
    BOOST_TEST((*found)->rulesetId == "VN-2026");
    BOOST_TEST((*found)->derivedLevel == 3);
    BOOST_TEST((*found)->proposedLevel == 4);
    BOOST_TEST((*found)->justification == "Hệ thống phục vụ Chính phủ điện tử");
    BOOST_TEST((*found)->updatedAt == "2026-03-02T14:30:05Z");

    auto list = store->assessments("BNV-QLVB");
    requireOk(list);
    BOOST_REQUIRE_EQUAL(list->size(), 2u);
    const StoredAssessment& a = (*list)[0];
    BOOST_TEST(a.systemId == "BNV-QLVB");
    BOOST_TEST(a.rulesetId == "VN-2016");
    BOOST_TEST(a.rulesetVersion == "85/2016/NĐ-CP");
    BOOST_TEST(a.derivedLevel == 2);
    BOOST_TEST(a.proposedLevel == 2);
    BOOST_TEST(a.justification.empty());
    BOOST_TEST(a.traceJson == firstTrace);
    BOOST_TEST(a.actor == "alice");
    BOOST_TEST(a.at == "2026-03-01T08:00:00Z");
    const StoredAssessment& b = (*list)[1];
    BOOST_TEST(b.rulesetId == "VN-2026");
    BOOST_TEST(b.proposedLevel == 4);
    BOOST_TEST(b.actor == "bob");
    BOOST_TEST(b.at == "2026-03-02T14:30:05Z");
    BOOST_TEST(store->assessments("NO-SUCH")->empty());
}

BOOST_FIXTURE_TEST_CASE(an_assessment_is_refused_for_an_unknown_system_or_impossible_levels, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    const std::string before = dump(db());
    auto fails = [&](const std::string& id, const Assessment& assessment, const std::string& trace,
                     const std::string& expected) {
        auto result = store->recordAssessment(id, assessment, trace, bob);
        BOOST_REQUIRE(!result.ok());
        BOOST_TEST(contains(allMessages(result.errors()), expected), "expected: " << expected << "\nin: "
                                                                              << allMessages(result.errors()));
        BOOST_TEST(dump(db()) == before);
    };
    fails("NO-SUCH", sampleAssessment(2, 2), "{}", "No system 'NO-SUCH' exists");
    fails("BNV-QLVB", sampleAssessment(6, 6), "{}", "Level 6 is outside 0–5");
    fails("BNV-QLVB", sampleAssessment(-1, 1, "x"), "{}", "Level -1 is outside 0–5");
    fails("BNV-QLVB", sampleAssessment(3, 2), "{}", "must not be lower than the derived level");
    fails("BNV-QLVB", sampleAssessment(2, 3), "{}", "needs a justification");
    fails("BNV-QLVB", sampleAssessment(2, 2), "{\"unterminated\": ", "not valid JSON");
    fails("BNV-QLVB", sampleAssessment(2, 2), "", "trace is missing");
    Assessment noRuleset = sampleAssessment(2, 2);
    noRuleset.rulesetId.clear();
    fails("BNV-QLVB", noRuleset, "{}", "rule set id must not be empty");
}

BOOST_FIXTURE_TEST_CASE(save_system_stores_the_system_and_its_assessment_together, TempDir)
{
    auto store = openStore(db());
    requireOk(store->saveSystem(sampleSystem(), true, sampleAssessment(2, 2), "{}", alice));
    auto found = store->system("BNV-QLVB");
    requireOk(found);
    BOOST_TEST((*found)->derivedLevel == 2);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 1u);

    SystemDescription changed = sampleSystem();
    changed.answers.values["subjects"] = std::int64_t{200000};
    requireOk(store->saveSystem(changed, false, sampleAssessment(3, 3), "{}", bob));
    BOOST_TEST((*store->system("BNV-QLVB"))->derivedLevel == 3);
    BOOST_TEST(store->assessments("BNV-QLVB")->size() == 2u);
    BOOST_TEST(historyRows(*store, "BNV-QLVB").back() == "|subjects|3200|200000|bob|2026-03-02T14:30:05Z");

    const std::string before = dump(db());
    BOOST_TEST(!store->saveSystem(changed, true, sampleAssessment(3, 3), "{}", bob).ok());  // exists already
    BOOST_TEST(!store->saveSystem(sampleSystem("NEW"), false, sampleAssessment(3, 3), "{}", bob).ok());  // missing
    BOOST_TEST(!store->saveSystem(sampleSystem("NEW"), true, sampleAssessment(3, 1), "{}", bob).ok());  // bad levels
    BOOST_TEST(dump(db()) == before);
}

// ---- organisations and listing ------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(organisations_form_a_tree_without_loops, TempDir)
{
    auto store = openStore(db());
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->upsertOrganisation({"BNV-TTTT", "Trung tâm Thông tin", "BNV"}, alice));
    requireOk(store->upsertOrganisation({"BNV-TTTT-HT", "Phòng Hạ tầng", "BNV-TTTT"}, alice));

    auto list = store->organisations();
    requireOk(list);
    BOOST_REQUIRE_EQUAL(list->size(), 3u);
    BOOST_TEST((*list)[0].id == "BNV");
    BOOST_TEST((*list)[0].parentId.empty());
    BOOST_TEST((*list)[1].parentId == "BNV");
    BOOST_TEST((*list)[2].name == "Phòng Hạ tầng");
    BOOST_TEST((*list)[2].parentId == "BNV-TTTT");

    const std::string before = dump(db());
    auto unknownParent = store->upsertOrganisation({"X", "X", "NO-SUCH"}, bob);
    BOOST_REQUIRE(!unknownParent.ok());
    BOOST_TEST(unknownParent.errors().front().field == "parent");
    BOOST_TEST(!store->upsertOrganisation({"BNV", "Bộ Nội vụ", "BNV"}, bob).ok());
    auto loop = store->upsertOrganisation({"BNV", "Bộ Nội vụ", "BNV-TTTT-HT"}, bob);
    BOOST_REQUIRE(!loop.ok());
    BOOST_TEST(contains(allMessages(loop.errors()), "lies below"));
    BOOST_TEST(!store->upsertOrganisation({"", "no id", ""}, bob).ok());
    BOOST_TEST(!store->upsertOrganisation({"Y", "", ""}, bob).ok());
    BOOST_TEST(dump(db()) == before);

    // Upserting the same values again changes nothing; renaming and moving work.
    requireOk(store->upsertOrganisation({"BNV-TTTT", "Trung tâm Thông tin", "BNV"}, bob));
    BOOST_TEST(dump(db()) == before);
    requireOk(store->upsertOrganisation({"BNV-TTTT-HT", "Phòng Hạ tầng số", "BNV"}, bob));
    list = store->organisations();
    BOOST_TEST((*list)[2].name == "Phòng Hạ tầng số");
    BOOST_TEST((*list)[2].parentId == "BNV");
    RawDb raw(db());
    BOOST_TEST(raw.single("SELECT created_by || ' ' || updated_by || ' ' || updated_at FROM organisations "
                          "WHERE id = 'BNV-TTTT-HT'") == "alice bob 2026-03-02T14:30:05Z");
}

BOOST_FIXTURE_TEST_CASE(systems_are_listed_by_id_and_filtered_by_organisation, TempDir)
{
    auto store = openStore(db());
    requireOk(store->upsertOrganisation({"BNV", "Bộ Nội vụ", ""}, alice));
    requireOk(store->upsertOrganisation({"BTC", "Bộ Tài chính", ""}, alice));
    requireOk(store->addSystem(sampleSystem("C", "BNV"), alice));
    requireOk(store->addSystem(sampleSystem("A", "BTC"), alice));
    requireOk(store->addSystem(sampleSystem("B", "BNV"), alice));
    requireOk(store->addSystem(sampleSystem("D"), alice));

    auto ids = [](const Result<std::vector<StoredSystem>>& systems) {
        requireOk(systems);
        std::string out;
        for (const StoredSystem& system : *systems)
            out += system.description.id + " ";
        return out;
    };
    BOOST_TEST(ids(store->systems()) == "A B C D ");
    BOOST_TEST(ids(store->systems("BNV")) == "B C ");
    BOOST_TEST(ids(store->systems("BTC")) == "A ");
    BOOST_TEST(ids(store->systems("NO-SUCH")) == "");
    auto all = store->systems();
    for (const StoredSystem& system : *all) {  // each with its full description
        BOOST_TEST(system.description.components.size() == 2u);
        BOOST_TEST(json(system.description.answers) == json(sampleSystem().answers));
        BOOST_TEST(json(system.description.components[0].answers) == json(sampleSystem().components[0].answers));
    }
    BOOST_TEST(!store->system("NO-SUCH")->has_value());
}

BOOST_FIXTURE_TEST_CASE(a_thousand_systems_are_stored_and_listed, TempDir)
{
    auto store = openStore(db());
    requireOk(store->upsertOrganisation({"EVEN", "Even", ""}, alice));
    for (int i = 0; i < 1000; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "SYS-%04d", i);
        requireOk(store->addSystem(sampleSystem(id, i % 2 == 0 ? "EVEN" : ""), alice));
    }
    auto all = store->systems();
    requireOk(all);
    BOOST_REQUIRE_EQUAL(all->size(), 1000u);
    BOOST_TEST(all->front().description.id == "SYS-0000");
    BOOST_TEST(all->back().description.id == "SYS-0999");
    BOOST_TEST(all->back().description.components.size() == 2u);
    BOOST_TEST(store->systems("EVEN")->size() == 500u);
}

// ---- damaged files and the value encoding's parser ----------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(a_damaged_stored_answer_is_an_error_not_a_crash, TempDir)
{
    auto store = openStore(db());
    requireOk(store->addSystem(sampleSystem(), alice));
    // Both pass the schema's CHECKs but are not what the store writes.
    RawDb(db()).exec("UPDATE answers SET value_text = '03200' WHERE key = 'subjects'");
    auto found = store->system("BNV-QLVB");
    BOOST_REQUIRE(!found.ok());
    BOOST_TEST(found.errors().front().field == "subjects");
    BOOST_TEST(contains(allMessages(found.errors()), "damaged"));
    BOOST_TEST(!store->systems().ok());
    auto update = store->updateSystem(sampleSystem(), bob);  // the old value cannot be rendered for history
    BOOST_REQUIRE(!update.ok());

    RawDb(db()).exec("UPDATE answers SET value_text = '3200' WHERE key = 'subjects';"
                     "UPDATE answers SET value_text = '[\"public\", \"personal\"]' WHERE key = 'data_types'");
    BOOST_TEST(!store->system("BNV-QLVB").ok());
}

BOOST_AUTO_TEST_CASE(the_value_decoder_accepts_only_canonical_text)
{
    using sqlite::decodeValue;
    BOOST_CHECK(decodeValue("bool", "true") == Value{true});
    BOOST_CHECK(decodeValue("int", "-9223372036854775808") == Value{std::numeric_limits<std::int64_t>::min()});
    BOOST_CHECK(decodeValue("list", "[]") == Value{std::vector<std::string>{}});
    BOOST_CHECK(decodeValue("list", R"(["a\"b","\u0001","é"])") == Value{list({"a\"b", "\x01", "é"})});
    BOOST_CHECK(decodeValue("string", "") == Value{std::string()});
    BOOST_CHECK(decodeValue("date", "2024-02-29") == Value{date(2024, 2, 29)});

    const std::pair<const char*, std::string> hostile[] = {
        {"bool", "TRUE"}, {"bool", "1"}, {"bool", ""},
        {"int", ""}, {"int", "007"}, {"int", "+1"}, {"int", "-0"}, {"int", "1e3"}, {"int", " 1"},
        {"int", "9223372036854775808"}, {"int", "0x10"},
        {"date", "2026-02-30"}, {"date", "2026-2-3"}, {"date", "20260219"}, {"date", ""},
        {"list", ""}, {"list", "["}, {"list", "[\"a\""}, {"list", "[\"a\",]"}, {"list", "[ \"a\"]"},
        {"list", "[\"a\"]x"}, {"list", "[\"\\u0000\"]"}, {"list", "[\"\\ud800\"]"}, {"list", "[\"\\udc00x\"]"},
        {"list", "[\"\\u00e9\"]"}, {"list", "[\"\\/\"]"}, {"list", "[\"\n\"]"}, {"list", "[1]"},
        {"list", "[\"a\" ,\"b\"]"}, {"list", "{}"}, {"list", "[\"\\q\"]"}, {"list", "[\"\\u12\"]"},
        {"string", std::string("a\0b", 3)}, {"string", "\xC0\x80"}, {"string", "\xED\xA0\x80"},
        {"string", "\xF4\x90\x80\x80"}, {"string", "\xE1\x80"}, {"string", "\xFF"},
        {"float", "1.5"}, {"", ""},
    };
    for (const auto& [type, text] : hostile)
        BOOST_TEST(!decodeValue(type, text).has_value(), type << " '" << text << "' must be refused");

    // surrogate pairs decode to one code point, but the canonical form is the raw UTF-8
    BOOST_TEST(!decodeValue("list", R"(["\ud83d\udd12"])").has_value());
    BOOST_CHECK(decodeValue("list", "[\"🔒\"]") == Value{list({"🔒"})});
}

BOOST_AUTO_TEST_CASE(canonical_json_matches_the_documented_examples)
{
    using sqlite::canonicalJson;
    BOOST_TEST(canonicalJson(Value{true}) == "true");
    BOOST_TEST(canonicalJson(Value{std::int64_t{12000}}) == "12000");
    BOOST_TEST(canonicalJson(Value{std::string("citizen_service")}) == "\"citizen_service\"");
    BOOST_TEST(canonicalJson(Value{list({"public", "personal"})}) == "[\"public\",\"personal\"]");
    BOOST_TEST(canonicalJson(Value{date(2026, 8, 19)}) == "\"2026-08-19\"");
    BOOST_TEST(canonicalJson(Value{}) == "");
    BOOST_TEST(canonicalJson(Value{std::string("\x01\t\"\\/é")}) == "\"\\u0001\\t\\\"\\\\/é\"");
}
