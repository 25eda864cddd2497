#pragma once
// RAII over the sqlite3 C API for the SQLite store (internal to storage/sqlite): prepared statements with
// bound parameters only, and transactions that roll back unless committed.
//
// Inside storage/sqlite a failed call throws Failure; every public SqliteStore method catches it and returns
// the Error as a value, so nothing is thrown across the Store interface and no failure check can be forgotten.
#include "core/Error.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace seclevel::sqlite {

struct Failure {
    Error error;
};

[[noreturn]] void fail(Error error);

// An Error for the SQLite result code `code`: names the database file, says what was being done (vi/en)
// and adds SQLite's own words, with plain explanations for the codes a user can act on.
Error databaseError(sqlite3* db, int code, const std::string& path, std::string_view doingVi, std::string_view doingEn);

// Runs a script of statements without parameters (schema, PRAGMA, BEGIN/COMMIT).
void execute(sqlite3* db, const std::string& path, const char* sql);

// Prepared statements kept for the life of a connection: the store runs the same few dozen statements over
// and over, and preparing one costs about as much as running it.
class StatementCache {
public:
    StatementCache(sqlite3* db, const std::string& path) : m_db(db), m_path(path) {}
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    sqlite3* db() const { return m_db; }
    const std::string& path() const { return m_path; }
    // The prepared statement for `sql`, or null when it is already in use (the caller prepares its own).
    sqlite3_stmt* borrow(std::string_view sql);
    void giveBack(sqlite3_stmt* statement);

private:
    struct Entry {
        sqlite3_stmt* statement = nullptr;
        bool inUse = false;
    };
    sqlite3* m_db;
    const std::string& m_path;
    std::unordered_map<std::string, Entry> m_entries;
};

class Statement {
public:
    Statement(sqlite3* db, const std::string& path, std::string_view sql);
    // A statement from the cache (prepared once per connection), reset and unbound again when done.
    Statement(StatementCache& cache, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQL (?1, ?2 …).
    Statement& bindText(int index, std::string_view text);
    Statement& bindTextOrNull(int index, std::string_view text); // NULL when empty (optional foreign keys)
    Statement& bindInt(int index, std::int64_t value);
    Statement& bindNull(int index);

    // Advances; true when a row is available, false when done.
    bool step();
    // Runs a statement that returns no rows, then makes it ready to run again with new bindings.
    void run();
    void reset();

    std::string text(int column) const;      // empty for NULL
    std::string_view view(int column) const; // the same, valid until the next step or reset
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    void check(int code, std::string_view doingVi, std::string_view doingEn) const;

    sqlite3* m_db;
    const std::string& m_path;
    sqlite3_stmt* m_statement = nullptr;
    StatementCache* m_cache = nullptr; // set when borrowed
};

// How long a writer waits for another connection's write lock before it gives up (each attempt waits in
// SQLite's busy handler; attempts are repeated until this much time has passed).
inline constexpr int kBusyTimeoutMilliseconds = 5000;
inline constexpr int kBusyDeadlineMilliseconds = 60000;

// Runs a statement without parameters, repeating it while another connection holds the lock (SQLITE_BUSY,
// also for the cases where SQLite does not call the busy handler: changing the journal mode, WAL recovery)
// until kBusyDeadlineMilliseconds have passed. Returns SQLite's result code.
int executeWaiting(sqlite3* db, const char* sql);

class Transaction {
public:
    enum class Kind { Read, Write, Exclusive };
    // Write transactions start with BEGIN IMMEDIATE (Exclusive: BEGIN EXCLUSIVE): the write lock is taken
    // before anything is read, so the checks made inside the transaction still hold when it commits. A busy
    // database is waited for (see executeWaiting).
    Transaction(sqlite3* db, const std::string& path, Kind kind);
    ~Transaction(); // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    sqlite3* m_db;
    const std::string& m_path;
    bool m_open = true;
};

// A unit of work that nests: the outermost scope is a transaction (BEGIN IMMEDIATE for writes, BEGIN for
// reads), scopes opened inside it are savepoints (writes) or nothing at all (reads, which simply see the
// enclosing transaction). `depth` counts the open scopes of one connection.
class Scope {
public:
    Scope(sqlite3* db, const std::string& path, int& depth, Transaction::Kind kind);
    ~Scope(); // rolls back to where it began unless committed
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

    void commit();

private:
    void rollback() noexcept;

    sqlite3* m_db;
    const std::string& m_path;
    int& m_depth;
    Transaction::Kind m_kind;
    std::string m_savepoint; // empty for the outermost scope
    bool m_open = false;
};

} // namespace seclevel::sqlite
