#define BOOST_TEST_MODULE postgres_store
#include <boost/test/unit_test.hpp>

// What only the PostgreSQL store has to show (the shared behaviour is tests/storage/store_contract_test.cpp):
// history that the database itself keeps append-only, concurrent writers on separate connections that lose
// nothing, migrations that concurrent first users do not run twice, and a URL's password that never shows.
// Runs against the throwaway cluster of tests/support/postgres-cluster.sh (CTest fixture postgres_cluster),
// whose admin URL comes in SECLEVEL_TEST_STORE.
#include "storage/postgres/PostgresStore.h"

#include "../support/PostgresTestDatabase.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>
#include <vector>

using namespace seclevel;

namespace {

std::string adminUrl()
{
    const char* url = std::getenv("SECLEVEL_TEST_STORE");
    if (!url || std::string(url).rfind("postgres", 0) != 0)
        BOOST_FAIL("SECLEVEL_TEST_STORE must hold the URL of a test PostgreSQL cluster "
                   "(ctest runs tests/support/postgres-cluster.sh start first)");
    return url;
}

std::string describe(const Errors& errors)
{
    std::string text;
    for (const Error& error : errors)
        text += error.describe(Lang::En) + "\n";
    return text;
}

std::unique_ptr<PostgresStore> open(const std::string& url)
{
    auto store = PostgresStore::open(url);
    BOOST_REQUIRE_MESSAGE(store.ok(), describe(store.ok() ? Errors{} : store.errors()));
    return std::move(*store);
}

// The number in the first column of the first row of `sql`, run in the test schema.
long long scalar(const std::string& url, const std::string& sql)
{
    std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
    BOOST_REQUIRE(PQstatus(connection.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
    BOOST_REQUIRE_MESSAGE(PQresultStatus(result.get()) == PGRES_TUPLES_OK, PQresultErrorMessage(result.get()));
    return std::atoll(PQgetvalue(result.get(), 0, 0));
}

// The error message of `sql`, run in the test schema; empty when it succeeded.
std::string refusal(const std::string& url, const std::string& sql)
{
    std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
    BOOST_REQUIRE(PQstatus(connection.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(result.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(result.get());
}

std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h = 0)
{
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h};
}

const Actor alice{"alice", "UBND-HANAM", Role::Operator, utc(2026, 9, 1, 8)};

SystemDescription systemNamed(const std::string& id)
{
    SystemDescription system;
    system.id = id;
    system.name = "Hệ thống " + id;
    system.answers.values["handles_administrative_procedures"] = true;
    system.answers.values["personal_data_subjects"] = std::int64_t(86000);
    return system;
}

Assessment levelTwo()
{
    Assessment assessment;
    assessment.rulesetId = "VN-2026";
    assessment.rulesetVersion = "1.0.0";
    assessment.derivedLevel = 2;
    assessment.proposedLevel = 2;
    ComponentResult component;
    component.name = "Cổng";
    component.level = 2;
    component.fired.push_back(FiredCriterion{"c-12-2-b",
                                             2,
                                             "NĐ331 Art 12.2.b",
                                             {"dưới 100.000", "below 100,000"},
                                             CriterionKind::Criterion,
                                             {{"personal_data_subjects", Value{std::int64_t(86000)}}}});
    assessment.components.push_back(component);
    return assessment;
}

struct FreshSchema {
    std::string url = testing::freshPostgresUrl(adminUrl());
};

} // namespace

BOOST_FIXTURE_TEST_CASE(history_tables_refuse_update_delete_and_truncate_in_the_database, FreshSchema)
{
    auto store = open(url);
    SystemDescription system = systemNamed("HN-DVC-01");
    BOOST_REQUIRE(store->saveSystem(system, true, levelTwo(), alice).ok());
    Dossier dossier{system.id, {{"purpose", "Giải quyết thủ tục hành chính"}}, {}, {}};
    BOOST_REQUIRE(store->saveDossier(dossier, alice).ok());

    for (const std::string table : {"answer_history", "assessments", "dossier_history"}) {
        BOOST_TEST_CONTEXT(table)
        {
            BOOST_TEST(scalar(url, "SELECT count(*) FROM " + table) > 0);
            BOOST_TEST(refusal(url, "UPDATE " + table + " SET at = at + interval '1 day'").find("append-only") !=
                       std::string::npos);
            BOOST_TEST(refusal(url, "DELETE FROM " + table).find("append-only") != std::string::npos);
            BOOST_TEST(refusal(url, "TRUNCATE " + table + " CASCADE").find("append-only") != std::string::npos);
        }
    }
    BOOST_TEST(store->answerHistory(system.id)->size() == 2u);
    BOOST_TEST(store->assessments(system.id)->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(concurrent_read_modify_write_units_on_separate_connections_lose_nothing, FreshSchema)
{
    auto store = open(url);
    BOOST_REQUIRE(store->addSystem(systemNamed("SHARED"), alice).ok());
    constexpr int writers = 4, rounds = 15;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int writer = 0; writer < writers; ++writer)
        threads.emplace_back([&, writer] {
            auto own = PostgresStore::open(url);
            if (!own) {
                ++failures;
                return;
            }
            for (int round = 0; round < rounds; ++round) {
                // Read the system, add one answer, write it back: the classic lost update without isolation.
                auto done = (*own)->transact([&]() -> Result<bool> {
                    auto current = (*own)->system("SHARED");
                    if (!current)
                        return current.errors();
                    SystemDescription next = (*current)->description;
                    next.answers.values["w" + std::to_string(writer) + "_" + std::to_string(round)] = true;
                    return (*own)->updateSystem(next, alice);
                });
                if (!done)
                    ++failures;
            }
        });
    for (std::thread& thread : threads)
        thread.join();
    BOOST_TEST(failures.load() == 0);
    auto stored = store->system("SHARED");
    BOOST_REQUIRE(stored.ok() && stored->has_value());
    BOOST_TEST((*stored)->description.answers.values.size() == size_t(2 + writers * rounds));
    BOOST_TEST(store->answerHistory("SHARED")->size() == size_t(2 + writers * rounds));
}

BOOST_FIXTURE_TEST_CASE(concurrent_adds_of_one_system_let_exactly_one_win, FreshSchema)
{
    open(url); // migrate first: this test is about the adds
    constexpr int writers = 6;
    std::atomic<int> added{0}, conflicts{0}, other{0};
    std::vector<std::thread> threads;
    for (int writer = 0; writer < writers; ++writer)
        threads.emplace_back([&] {
            auto own = PostgresStore::open(url);
            if (!own) {
                ++other;
                return;
            }
            auto result = (*own)->saveSystem(systemNamed("RACE"), true, levelTwo(), alice);
            if (result)
                ++added;
            else if (kindOf(result.errors()) == ErrorKind::Conflict)
                ++conflicts;
            else
                ++other;
        });
    for (std::thread& thread : threads)
        thread.join();
    BOOST_TEST(added.load() == 1);
    BOOST_TEST(conflicts.load() == writers - 1);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(scalar(url, "SELECT count(*) FROM assessments") == 1);
}

BOOST_FIXTURE_TEST_CASE(concurrent_first_use_migrates_once, FreshSchema)
{
    constexpr int openers = 6;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < openers; ++i)
        threads.emplace_back([&] {
            if (!PostgresStore::open(url))
                ++failures;
        });
    for (std::thread& thread : threads)
        thread.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(scalar(url, "SELECT count(*) FROM schema_migrations") == PostgresStore::supportedSchemaVersion());
    BOOST_TEST(open(url)->schemaVersion().value() == PostgresStore::supportedSchemaVersion());
}

BOOST_FIXTURE_TEST_CASE(a_newer_schema_and_another_programs_tables_are_refused, FreshSchema)
{
    open(url);
    BOOST_REQUIRE(refusal(url, "INSERT INTO schema_migrations (version, description) VALUES (999, 'future')").empty());
    auto newer = PostgresStore::open(url);
    BOOST_REQUIRE(!newer.ok());
    BOOST_TEST(describe(newer.errors()).find("newer") != std::string::npos);

    const std::string foreign = testing::freshPostgresUrl(adminUrl());
    BOOST_REQUIRE(refusal(foreign, "CREATE TABLE invoices (id integer)").empty());
    auto other = PostgresStore::open(foreign);
    BOOST_REQUIRE(!other.ok());
    BOOST_TEST(describe(other.errors()).find("not a seclevel one") != std::string::npos);
    BOOST_TEST(
        scalar(foreign, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()") ==
        1); // nothing was added
}

BOOST_FIXTURE_TEST_CASE(describe_names_host_and_database_but_never_the_password, FreshSchema)
{
    // The test cluster trusts local connections, so a password in the URL is accepted and ignored.
    auto store = open(url + "&password=s3cr3t-pw");
    const std::string described = store->describe();
    BOOST_TEST(described.rfind("PostgreSQL ", 0) == 0);
    BOOST_TEST(described.find("/socket/") != std::string::npos);
    BOOST_TEST(described.find("s3cr3t-pw") == std::string::npos);
    // A failing statement's error names the database, not the password.
    auto missing = store->dossier("NO-SUCH-SYSTEM");
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST(describe(missing.errors()).find("s3cr3t-pw") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_refused_step_inside_a_unit_of_work_undoes_only_itself, FreshSchema)
{
    auto store = open(url);
    auto result = store->transact([&]() -> Result<bool> {
        if (auto added = store->addSystem(systemNamed("A"), alice); !added)
            return added.errors();
        auto again = store->addSystem(systemNamed("A"), alice); // Conflict: its savepoint is rolled back
        BOOST_TEST(!again.ok());
        return store->recordAssessment("A", levelTwo(), alice); // the transaction is still usable
    });
    BOOST_TEST(result.ok());
    BOOST_TEST(store->latestAssessment("A")->has_value());

    auto refused = store->transact([&]() -> Result<bool> {
        if (auto added = store->addSystem(systemNamed("B"), alice); !added)
            return added.errors();
        return makeError(ErrorKind::Refused, {}, 0, {}, "không", "no");
    });
    BOOST_TEST(!refused.ok());
    BOOST_TEST(!store->system("B")->has_value());
    BOOST_TEST(scalar(url, "SELECT count(*) FROM answer_history WHERE system_id = 'B'") == 0);
}

BOOST_FIXTURE_TEST_CASE(lookups_of_text_postgresql_cannot_hold_find_nothing_rather_than_fail, FreshSchema)
{
    // SQLite compares such bytes and finds nothing; PostgreSQL refuses the parameter itself (invalid UTF-8,
    // NUL). The store answers as the contract says: nothing there.
    auto store = open(url);
    BOOST_REQUIRE(store->addSystem(systemNamed("A"), alice).ok());
    for (const std::string& id : {std::string("A\xff"), std::string("A\0B", 3), std::string("\xc3\x28")}) {
        auto found = store->system(id);
        BOOST_REQUIRE(found.ok());
        BOOST_TEST(!found->has_value());
        BOOST_TEST(store->answerHistory(id)->empty());
        BOOST_TEST(store->assessments(id)->empty());
        BOOST_TEST(!store->latestAssessment(id)->has_value());
        BOOST_TEST(store->systems(id)->empty());
        auto dossier = store->dossier(id);
        BOOST_REQUIRE(!dossier.ok());
        BOOST_TEST((kindOf(dossier.errors()) == ErrorKind::NotFound));
        BOOST_TEST(!store->attachmentContent(id)->has_value());
    }
    BOOST_TEST(store->system("A")->has_value()); // the connection is still fine
}
