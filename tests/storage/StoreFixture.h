#pragma once
// Which store the contract suite (store_contract_test.cpp) runs against.
//
//   SECLEVEL_TEST_STORE unset (or a path)      a new empty SQLite file in a temporary directory per store
//   SECLEVEL_TEST_STORE=postgresql://…         a new empty PostgreSQL database per store, created through
//                                              the server the URL names (the URL is the admin connection)
//
// There is no silent skip: when the variable names PostgreSQL and this build has no PostgreSQL store, every
// test that asks for a store fails and says so.
#include "storage/Store.h"
#include "storage/sqlite/SqliteStore.h"

#ifdef SECLEVEL_HAVE_POSTGRES
#include "../support/PostgresTestDatabase.h"
#include <unistd.h>
#include <utility>
#include <vector>
#endif

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace seclevel::test {

// ==== TO BE IMPLEMENTED ON THE postgres BRANCH ===============================================================
// A new, empty PostgreSQL store: creates a fresh database on the server `adminUrl` connects to (a unique
// name, dropped again when the test program ends if possible) and opens the store in it. When `url` is given
// it receives the postgresql:// URL of the new database, so that other processes can open the same store.
std::unique_ptr<Store> freshPostgresStore(const std::string& adminUrl, std::string* url = nullptr);
// Opens the PostgreSQL store a postgresql:// URL names (what a second process or connection does).
std::unique_ptr<Store> openPostgresStore(const std::string& url);
// =============================================================================================================

#ifdef SECLEVEL_HAVE_POSTGRES
// Implemented with a fresh *schema* per store rather than a fresh database: the store keeps everything in the
// schema its connection's search_path names, so a schema isolates as well, and it costs milliseconds where a
// database copies template1 (~8 MB each). The URL carries options=-c search_path=<schema>, so forked children
// and other connections land in the same place. Schemas created by this process are dropped when it ends.
inline void dropTestSchemasAtExit(const std::string& adminUrl, const std::string& schema)
{
    struct Created {
        pid_t owner = getpid();
        std::vector<std::pair<std::string, std::string>> schemas; // admin URL, schema
        ~Created()
        {
            if (getpid() != owner)
                return;
            for (const auto& [url, name] : schemas) {
                try {
                    testing::executeAsAdmin(url, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                } catch (const std::exception&) {
                    // the cluster may be gone already; it is thrown away whole anyway
                }
            }
        }
    };
    static Created created;
    created.schemas.emplace_back(adminUrl, schema);
}

inline std::unique_ptr<Store> openPostgresStore(const std::string& url)
{
    auto opened = openStore(url);
    if (!opened)
        BOOST_FAIL("cannot open the PostgreSQL store " + url + ": " + opened.errors().front().describe(Lang::En));
    return std::move(*opened);
}

inline std::unique_ptr<Store> freshPostgresStore(const std::string& adminUrl, std::string* url)
{
    const std::string schema = testing::uniqueSchemaName();
    try {
        testing::executeAsAdmin(adminUrl, "CREATE SCHEMA " + schema);
    } catch (const std::exception& failure) {
        BOOST_FAIL(std::string("cannot create a test schema: ") + failure.what());
    }
    dropTestSchemasAtExit(adminUrl, schema);
    const std::string location = testing::urlForSchema(adminUrl, schema);
    if (url)
        *url = location;
    return openPostgresStore(location);
}
#else
inline std::unique_ptr<Store> freshPostgresStore(const std::string& adminUrl, std::string*)
{
    BOOST_FAIL("SECLEVEL_TEST_STORE=" + adminUrl +
               " asks for PostgreSQL, but this build has no PostgreSQL store (SECLEVEL_HAVE_POSTGRES is not "
               "defined); unset SECLEVEL_TEST_STORE to test the SQLite store");
    return nullptr;
}
inline std::unique_ptr<Store> openPostgresStore(const std::string& url)
{
    BOOST_FAIL("cannot open " + url + ": this build has no PostgreSQL store");
    return nullptr;
}
#endif

// The admin URL when the suite runs against PostgreSQL, else empty.
inline std::string postgresAdminUrl()
{
    const char* chosen = std::getenv("SECLEVEL_TEST_STORE");
    const std::string location = chosen ? chosen : "";
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0 ? location : "";
}

inline bool testingPostgres()
{
    return !postgresAdminUrl().empty();
}

// One temporary directory per test program, removed when the program ends normally. Forked children leave
// with _exit and so never remove it.
inline const std::filesystem::path& temporaryRoot()
{
    struct Root {
        std::filesystem::path path;
        Root()
        {
            std::string pattern = (std::filesystem::temp_directory_path() / "seclevel-store-test-XXXXXX").string();
            if (!mkdtemp(pattern.data()))
                throw std::runtime_error("cannot create a temporary directory");
            path = pattern;
        }
        ~Root()
        {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    };
    static Root root;
    return root.path;
}

// Opens the store at `location` (an SQLite path or a postgresql:// URL), failing the test when it cannot.
inline std::unique_ptr<Store> openStoreAt(const std::string& location)
{
    if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0)
        return openPostgresStore(location);
    auto opened = SqliteStore::open(location);
    if (!opened)
        BOOST_FAIL("cannot open the SQLite store " + location + ": " + opened.errors().front().describe(Lang::En));
    return std::move(*opened);
}

// A new, empty store; `location` (when given) receives where it lives, for openStoreAt from other processes.
inline std::unique_ptr<Store> freshStore(std::string* location = nullptr)
{
    if (testingPostgres())
        return freshPostgresStore(postgresAdminUrl(), location);
    static int counter = 0;
    const std::string path = (temporaryRoot() / ("store-" + std::to_string(++counter) + ".db")).string();
    if (location)
        *location = path;
    return openStoreAt(path);
}

// Where a new, empty store can be opened, without opening it: a path no file exists at yet (SQLite), or a new
// database whose schema the first opener creates… as far as the server allows (PostgreSQL: a fresh database
// already migrated once, which is what the first use of a national installation looks like).
inline std::string freshLocation()
{
    if (testingPostgres()) {
        std::string url;
        freshPostgresStore(postgresAdminUrl(), &url);
        return url;
    }
    static int counter = 0;
    return (temporaryRoot() / ("new-" + std::to_string(++counter) + ".db")).string();
}

// A system whose answers hold every value alternative and hostile text, for the exact round-trip tests of
// every store (and of what the SQLite columns hold).
inline SystemDescription everyValueSystem()
{
    const auto strings = [](std::initializer_list<const char*> items) {
        return std::vector<std::string>(items.begin(), items.end());
    };
    const auto day = [](int y, unsigned m, unsigned d) {
        return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    };
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
        {"text_injection", std::string("'); DROP TABLE systems;--")},
        {"text_looks_like_json", std::string("[\"public\",\"personal\"]")},
        {"text_looks_like_bool", std::string("true")},
        {"text_looks_like_date", std::string("2026-08-19")},
        {"list_empty", std::vector<std::string>{}},
        {"list_two", strings({"public", "personal"})},
        {"list_hostile",
         strings({"a,b", "\"quoted\"", "[]", "", "back\\slash", "xuống\ndòng", "'); DROP TABLE answers;--"})},
        {"list_one_empty", strings({""})},
        {"date", day(2026, 8, 19)},
        {"date_leap", day(2024, 2, 29)},
        {"date_first", day(0, 1, 1)},
        {"date_last", day(9999, 12, 31)},
        {"not_answered", std::monostate{}},
    };
    Component component{"cổng 'thông tin'", {}};
    component.answers.values = {{"bool_true", false}, {"only_here", strings({"x"})}, {"when", day(2020, 1, 5)}};
    Component empty{"no answers", {}};
    system.components = {component, empty};
    return system;
}

// ---- sample data the store tests share ----------------------------------------------------------------------

inline const std::string injection = "'); DROP TABLE systems;--";

// A system with system-level and component answers of several types.
inline SystemDescription sampleSystem(const std::string& id = "BNV-QLVB", const std::string& organisation = {})
{
    SystemDescription system;
    system.id = id;
    system.name = "Hệ thống quản lý văn bản và điều hành";
    system.owner = "Bộ Nội vụ";
    system.operatorName = "Trung tâm Thông tin";
    system.organisationId = organisation;
    system.answers.values = {
        {"data_types", std::vector<std::string>{"public", "personal"}},
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

inline Assessment sampleAssessment(int derived, int proposed, const std::string& justification = {})
{
    Assessment assessment;
    assessment.rulesetId = "VN-2016";
    assessment.rulesetVersion = "85/2016/NĐ-CP";
    assessment.derivedLevel = derived;
    assessment.proposedLevel = proposed;
    assessment.justification = justification;
    return assessment;
}

} // namespace seclevel::test
