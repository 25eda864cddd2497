#pragma once
// A fresh, empty place in a test PostgreSQL cluster for each test case: a new schema with a unique name,
// created through the admin URL (tests/support/postgres-cluster.sh prints one), and a URL whose sessions
// see only that schema (options=-c search_path=<schema>). A schema costs a few milliseconds where a new
// database copies template1 (~8 MB); the cluster is thrown away whole by `postgres-cluster.sh stop`.
// Tests that include this link libpq (see CMakeLists.txt, the PostgreSQL block).
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace seclevel::testing {

// SQL on the admin connection (schema names are generated here, never taken from input). Throws on failure.
inline void executeAsAdmin(const std::string& adminUrl, const std::string& sql)
{
    std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(adminUrl.c_str()), &PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to the test cluster: " +
                                 std::string(PQerrorMessage(connection.get())));
    PQsetNoticeProcessor(
        connection.get(), [](void*, const char*) {}, nullptr); // "drop cascades to …"
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && PQresultStatus(result.get()) != PGRES_TUPLES_OK)
        throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
}

// "test_<pid>_<n>_<clock>": unique across test processes run at the same time and across runs.
inline std::string uniqueSchemaName()
{
    static std::atomic<int> counter{0};
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    return "test_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
           std::to_string(static_cast<unsigned long long>(ticks) % 1000000007ULL);
}

// The admin URL restricted to `schema` (a URL keeps every connection option; options is one of them).
inline std::string urlForSchema(const std::string& adminUrl, const std::string& schema)
{
    return adminUrl + (adminUrl.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" + schema;
}

// Creates a new empty schema and returns the URL of a store living in it.
inline std::string freshPostgresUrl(const std::string& adminUrl)
{
    const std::string schema = uniqueSchemaName();
    executeAsAdmin(adminUrl, "CREATE SCHEMA " + schema);
    return urlForSchema(adminUrl, schema);
}

} // namespace seclevel::testing
