#include "storage/sqlite/Statement.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace seclevel::sqlite {

namespace {

struct Explanation {
    const char* vi;
    const char* en;
};

Explanation explain(int code)
{
    switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {"cơ sở dữ liệu đang bị một chương trình khác khóa, hãy thử lại sau",
                "the database is locked by another program, try again later"};
    case SQLITE_NOTADB: return {"tệp không phải là cơ sở dữ liệu SQLite", "the file is not an SQLite database"};
    case SQLITE_CORRUPT:
        return {"cơ sở dữ liệu bị hỏng, hãy khôi phục từ bản sao lưu",
                "the database is damaged, restore it from a backup"};
    case SQLITE_READONLY: return {"không có quyền ghi vào cơ sở dữ liệu", "the database cannot be written to"};
    case SQLITE_FULL: return {"ổ đĩa đã đầy", "the disk is full"};
    case SQLITE_CANTOPEN: return {"không mở được tệp", "the file cannot be opened"};
    case SQLITE_IOERR: return {"lỗi đọc/ghi đĩa", "a disk read/write error occurred"};
    case SQLITE_PERM:
    case SQLITE_AUTH: return {"không đủ quyền truy cập", "access is not permitted"};
    case SQLITE_CONSTRAINT:
        return {"dữ liệu vi phạm một ràng buộc của cơ sở dữ liệu", "the data violates a database constraint"};
    case SQLITE_NOMEM: return {"hết bộ nhớ", "out of memory"};
    default: return {"lỗi cơ sở dữ liệu", "database error"};
    }
}

} // namespace

void fail(Error error)
{
    throw Failure{std::move(error)};
}

Error databaseError(sqlite3* db, int code, const std::string& path, std::string_view doingVi, std::string_view doingEn)
{
    const Explanation explanation = explain(code);
    const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    return makeError(ErrorKind::Storage, path, 0, {},
                     std::string(doingVi) + ": " + explanation.vi + " (SQLite: " + detail + ")",
                     std::string(doingEn) + ": " + explanation.en + " (SQLite: " + detail + ")");
}

int executeWaiting(sqlite3* db, const char* sql)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyDeadlineMilliseconds);
    auto pause = std::chrono::milliseconds(1);
    while (true) {
        const int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        const int primary = code & 0xFF;
        if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || std::chrono::steady_clock::now() >= deadline)
            return code;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

StatementCache::~StatementCache()
{
    for (auto& [sql, entry] : m_entries)
        sqlite3_finalize(entry.statement);
}

sqlite3_stmt* StatementCache::borrow(std::string_view sql)
{
    auto found = m_entries.find(std::string(sql));
    if (found == m_entries.end()) {
        sqlite3_stmt* statement = nullptr;
        const int code = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                            &statement, nullptr);
        if (code != SQLITE_OK)
            fail(databaseError(m_db, code, m_path, "Không chuẩn bị được câu lệnh SQL",
                               "Cannot prepare an SQL statement"));
        found = m_entries.emplace(std::string(sql), Entry{statement, false}).first;
    }
    if (found->second.inUse)
        return nullptr;
    found->second.inUse = true;
    return found->second.statement;
}

void StatementCache::giveBack(sqlite3_stmt* statement)
{
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    for (auto& [sql, entry] : m_entries)
        if (entry.statement == statement) {
            entry.inUse = false;
            return;
        }
}

void execute(sqlite3* db, const std::string& path, const char* sql)
{
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        fail(databaseError(db, code, path, "Không thực hiện được lệnh SQL", "Cannot run SQL"));
}

Statement::Statement(sqlite3* db, const std::string& path, std::string_view sql) : m_db(db), m_path(path)
{
    const int code = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_statement, nullptr);
    check(code, "Không chuẩn bị được câu lệnh SQL", "Cannot prepare an SQL statement");
}

Statement::Statement(StatementCache& cache, std::string_view sql) : m_db(cache.db()), m_path(cache.path())
{
    m_statement = cache.borrow(sql);
    if (m_statement) {
        m_cache = &cache;
        return;
    }
    const int code = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_statement, nullptr);
    check(code, "Không chuẩn bị được câu lệnh SQL", "Cannot prepare an SQL statement");
}

Statement::~Statement()
{
    if (m_cache)
        m_cache->giveBack(m_statement);
    else
        sqlite3_finalize(m_statement);
}

void Statement::check(int code, std::string_view doingVi, std::string_view doingEn) const
{
    if (code != SQLITE_OK)
        fail(databaseError(m_db, code, m_path, doingVi, doingEn));
}

Statement& Statement::bindText(int index, std::string_view text)
{
    // An empty view may have a null data pointer, which SQLite would store as NULL instead of ''.
    const char* data = text.data() ? text.data() : "";
    check(sqlite3_bind_text64(m_statement, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
          "Không gán được tham số", "Cannot bind a parameter");
    return *this;
}

Statement& Statement::bindTextOrNull(int index, std::string_view text)
{
    return text.empty() ? bindNull(index) : bindText(index, text);
}

Statement& Statement::bindInt(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(m_statement, index, value), "Không gán được tham số", "Cannot bind a parameter");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_statement, index), "Không gán được tham số", "Cannot bind a parameter");
    return *this;
}

bool Statement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    fail(databaseError(m_db, code, m_path, "Không thực hiện được câu lệnh SQL", "Cannot run an SQL statement"));
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

std::string Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!data)
        return {};
    return std::string(data, static_cast<size_t>(sqlite3_column_bytes(m_statement, column)));
}

std::string_view Statement::view(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!data)
        return {};
    return std::string_view(data, static_cast<size_t>(sqlite3_column_bytes(m_statement, column)));
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

Transaction::Transaction(sqlite3* db, const std::string& path, Kind kind) : m_db(db), m_path(path)
{
    const int code = executeWaiting(m_db, kind == Kind::Write       ? "BEGIN IMMEDIATE"
                                          : kind == Kind::Exclusive ? "BEGIN EXCLUSIVE"
                                                                    : "BEGIN");
    if (code != SQLITE_OK)
        fail(databaseError(m_db, code, m_path, "Không bắt đầu được giao dịch", "Cannot begin a transaction"));
}

Transaction::~Transaction()
{
    if (m_open)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    const int code = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        fail(databaseError(m_db, code, m_path, "Không ghi được giao dịch", "Cannot commit the transaction"));
    m_open = false;
}

Scope::Scope(sqlite3* db, const std::string& path, int& depth, Transaction::Kind kind)
    : m_db(db),
      m_path(path),
      m_depth(depth),
      m_kind(kind)
{
    if (m_depth == 0) {
        const int code = executeWaiting(m_db, kind == Transaction::Kind::Write       ? "BEGIN IMMEDIATE"
                                              : kind == Transaction::Kind::Exclusive ? "BEGIN EXCLUSIVE"
                                                                                     : "BEGIN");
        if (code != SQLITE_OK)
            fail(databaseError(m_db, code, m_path, "Không bắt đầu được giao dịch", "Cannot begin a transaction"));
    } else if (kind != Transaction::Kind::Read) {
        m_savepoint = "unit_" + std::to_string(m_depth);
        const std::string sql = "SAVEPOINT " + m_savepoint;
        const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
        if (code != SQLITE_OK)
            fail(databaseError(m_db, code, m_path, "Không bắt đầu được giao dịch con", "Cannot begin a savepoint"));
    }
    ++m_depth;
    m_open = true;
}

Scope::~Scope()
{
    if (m_open)
        rollback();
}

void Scope::rollback() noexcept
{
    m_open = false;
    --m_depth;
    if (m_depth == 0) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    } else if (!m_savepoint.empty()) {
        const std::string sql = "ROLLBACK TO " + m_savepoint + "; RELEASE " + m_savepoint;
        sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    }
}

void Scope::commit()
{
    int code = SQLITE_OK;
    if (m_depth == 1)
        code = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    else if (!m_savepoint.empty())
        code = sqlite3_exec(m_db, ("RELEASE " + m_savepoint).c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        fail(databaseError(m_db, code, m_path, "Không ghi được giao dịch", "Cannot commit the transaction"));
    m_open = false;
    --m_depth;
}

} // namespace seclevel::sqlite
