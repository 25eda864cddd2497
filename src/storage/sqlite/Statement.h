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

namespace seclevel::sqlite {

struct Failure {
    Error error;
};

[[noreturn]] void fail(Error error);

// An Error for the SQLite result code `code`: names the database file, says what was being done (vi/en)
// and adds SQLite's own words, with plain explanations for the codes a user can act on.
Error databaseError(sqlite3* db, int code, const std::string& path, std::string_view doingVi,
                    std::string_view doingEn);

// Runs a script of statements without parameters (schema, PRAGMA, BEGIN/COMMIT).
void execute(sqlite3* db, const std::string& path, const char* sql);

class Statement {
public:
    Statement(sqlite3* db, const std::string& path, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQL (?1, ?2 …).
    Statement& bindText(int index, std::string_view text);
    Statement& bindTextOrNull(int index, std::string_view text);  // NULL when empty (optional foreign keys)
    Statement& bindInt(int index, std::int64_t value);
    Statement& bindNull(int index);

    // Advances; true when a row is available, false when done.
    bool step();
    // Runs a statement that returns no rows, then makes it ready to run again with new bindings.
    void run();
    void reset();

    std::string text(int column) const;  // empty for NULL
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    void check(int code, std::string_view doingVi, std::string_view doingEn) const;

    sqlite3* m_db;
    const std::string& m_path;
    sqlite3_stmt* m_statement = nullptr;
};

class Transaction {
public:
    enum class Kind { Read, Write };
    // Write transactions start with BEGIN IMMEDIATE: the write lock is taken before anything is read, so
    // the checks made inside the transaction still hold when it commits.
    Transaction(sqlite3* db, const std::string& path, Kind kind);
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    sqlite3* m_db;
    const std::string& m_path;
    bool m_open = true;
};

} // namespace seclevel::sqlite
