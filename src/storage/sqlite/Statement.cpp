#include "storage/sqlite/Statement.h"

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

Error databaseError(sqlite3* db, int code, const std::string& path, std::string_view doingVi,
                    std::string_view doingEn)
{
    const Explanation explanation = explain(code);
    const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    return makeError(path, 0, {},
                     std::string(doingVi) + ": " + explanation.vi + " (SQLite: " + detail + ")",
                     std::string(doingEn) + ": " + explanation.en + " (SQLite: " + detail + ")");
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

Statement::~Statement()
{
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
    const int code = sqlite3_exec(m_db, kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN", nullptr, nullptr,
                                  nullptr);
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

} // namespace seclevel::sqlite
