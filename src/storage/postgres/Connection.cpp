#include "storage/postgres/Connection.h"

#include <cstring>

#include <libpq-fe.h>

#include <cstdlib>
#include <utility>

namespace seclevel::postgres {

namespace {

// libpq's messages end in a newline and put hints on further lines: one line, for an Error.
std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
        text.pop_back();
    std::string line;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            line += "; ";
            while (i + 1 < text.size() && (text[i + 1] == '\t' || text[i + 1] == ' '))
                ++i;
        } else {
            line += text[i];
        }
    }
    return line;
}

void ignoreNotice(void*, const char*) {}

struct ConnectionOptions {
    std::string host, dbname, user, password;
};

bool parseOptions(const std::string& url, ConnectionOptions& options, std::string* error)
{
    char* message = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &message);
    if (!parsed) {
        if (error)
            *error = message ? trimmed(message) : "out of memory";
        PQfreemem(message);
        return false;
    }
    for (PQconninfoOption* option = parsed; option->keyword; ++option) {
        if (!option->val)
            continue;
        const std::string keyword = option->keyword;
        if (keyword == "host")
            options.host = option->val;
        else if (keyword == "hostaddr" && options.host.empty())
            options.host = option->val;
        else if (keyword == "dbname")
            options.dbname = option->val;
        else if (keyword == "user")
            options.user = option->val;
        else if (keyword == "password")
            options.password = option->val;
    }
    PQconninfoFree(parsed);
    return true;
}

std::string labelOf(const ConnectionOptions& options)
{
    const std::string host = options.host.empty() ? "localhost" : options.host;
    const std::string dbname = !options.dbname.empty() ? options.dbname : options.user;
    return host + "/" + dbname;
}

} // namespace

void fail(Error error)
{
    throw Failure{std::move(error), {}};
}

// ---- parameters ----------------------------------------------------------------------------------------------

Params& Params::add(const char* data, int length, int format)
{
    m_values.push_back(data);
    m_lengths.push_back(length);
    m_formats.push_back(format);
    return *this;
}

Params& Params::text(std::string_view value)
{
    // Text parameters are read up to their length only when sent in binary; in text format libpq wants a
    // terminated string, so keep a copy (texts are validated to hold no NUL before they get here).
    m_owned.emplace_back(value);
    return add(m_owned.back().c_str(), 0, 0);
}

Params& Params::textOrNull(std::string_view value)
{
    return value.empty() ? null() : text(value);
}

Params& Params::integer(std::int64_t value)
{
    m_owned.push_back(std::to_string(value));
    return add(m_owned.back().c_str(), 0, 0);
}

Params& Params::bytes(std::string_view value)
{
    static const char empty = 0;
    return add(value.empty() ? &empty : value.data(), static_cast<int>(value.size()), 1);
}

Params& Params::null()
{
    return add(nullptr, 0, 0);
}

// ---- results -------------------------------------------------------------------------------------------------

Rows::Rows(pg_result* result) : m_result(result) {}

Rows::~Rows()
{
    PQclear(m_result);
}

Rows::Rows(Rows&& other) noexcept : m_result(std::exchange(other.m_result, nullptr)) {}

int Rows::count() const
{
    return m_result ? PQntuples(m_result) : 0;
}

bool Rows::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}

std::string Rows::text(int row, int column) const
{
    return std::string(PQgetvalue(m_result, row, column), static_cast<size_t>(PQgetlength(m_result, row, column)));
}

std::string_view Rows::view(int row, int column) const
{
    return std::string_view(PQgetvalue(m_result, row, column), static_cast<size_t>(PQgetlength(m_result, row, column)));
}

std::int64_t Rows::integer(int row, int column) const
{
    return std::strtoll(PQgetvalue(m_result, row, column), nullptr, 10);
}

std::string Rows::bytes(int row, int column) const
{
    return text(row, column);
}

// ---- the connection ------------------------------------------------------------------------------------------

std::string describeUrl(const std::string& url, std::string* error)
{
    ConnectionOptions options;
    if (!parseOptions(url, options, error))
        return {};
    return labelOf(options);
}

Connection::Connection(pg_conn* connection, std::string label, std::string password)
    : m_connection(connection),
      m_label(std::move(label)),
      m_password(std::move(password))
{}

Connection::~Connection()
{
    PQfinish(m_connection);
}

std::string Connection::scrub(std::string message) const
{
    if (m_password.empty())
        return message;
    for (size_t at = message.find(m_password); at != std::string::npos; at = message.find(m_password, at + 3))
        message.replace(at, m_password.size(), "***");
    return message;
}

std::unique_ptr<Connection> Connection::open(const std::string& url)
{
    ConnectionOptions options;
    std::string reason;
    if (!parseOptions(url, options, &reason)) {
        // libpq's reason may quote the URL; the URL may hold a password.
        std::string what = reason;
        if (!options.password.empty())
            what = "invalid connection URL";
        fail(makeError(ErrorKind::Storage, {}, 0, "url", "Địa chỉ cơ sở dữ liệu PostgreSQL không hợp lệ: " + what,
                       "The PostgreSQL database URL is not valid: " + what));
    }
    const std::string label = "PostgreSQL " + labelOf(options);
    // Later keywords override what the URL says; earlier ones are defaults the URL may override.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
    const char* values[] = {"10", "seclevel", url.c_str(), "UTF8", nullptr};
    pg_conn* handle = PQconnectdbParams(keywords, values, 1);
    std::unique_ptr<Connection> connection(new Connection(handle, label, options.password));
    if (!handle)
        fail(makeError(ErrorKind::Storage, label, 0, {}, "Hết bộ nhớ khi kết nối PostgreSQL",
                       "Out of memory while connecting to PostgreSQL"));
    if (PQstatus(handle) != CONNECTION_OK) {
        const std::string message = connection->scrub(trimmed(PQerrorMessage(handle)));
        fail(makeError(ErrorKind::Storage, label, 0, {}, "Không kết nối được máy chủ cơ sở dữ liệu: " + message,
                       "Cannot connect to the database server: " + message));
    }
    PQsetNoticeProcessor(handle, ignoreNotice, nullptr);
    // What the connection actually reached (the default socket directory when the URL names no host).
    if (const char* host = PQhost(handle); host && *host && PQdb(handle))
        connection->m_label = "PostgreSQL " + std::string(host) + "/" + PQdb(handle);
    connection->execute("SET TIME ZONE 'UTC'");
    return connection;
}

void Connection::reconnectIfLost()
{
    if (PQstatus(m_connection) != CONNECTION_BAD)
        return;
    PQreset(m_connection);
    m_prepared.clear();
    if (PQstatus(m_connection) != CONNECTION_OK) {
        const std::string message = scrub(trimmed(PQerrorMessage(m_connection)));
        fail(makeError(ErrorKind::Storage, m_label, 0, {}, "Mất kết nối tới máy chủ cơ sở dữ liệu: " + message,
                       "Lost the connection to the database server: " + message));
    }
    execute("SET TIME ZONE 'UTC'");
}

void Connection::failWith(pg_result* result, const std::string& vi, const std::string& en)
{
    std::string state, message;
    if (result) {
        if (const char* field = PQresultErrorField(result, PG_DIAG_SQLSTATE))
            state = field;
        if (const char* field = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
            message = field;
        PQclear(result);
    }
    if (message.empty())
        message = trimmed(PQerrorMessage(m_connection));
    if (PQstatus(m_connection) == CONNECTION_BAD)
        message += " (connection lost)";
    message = scrub(message);
    const std::string suffix = state.empty() ? message : message + " [SQLSTATE " + state + "]";
    throw Failure{makeError(ErrorKind::Storage, m_label, 0, {}, vi + ": " + suffix, en + ": " + suffix), state};
}

Rows Connection::run(const std::string& sql, const Params& params, bool binaryResult)
{
    auto prepared = m_prepared.find(sql);
    if (prepared == m_prepared.end()) {
        // Appended, not "s" + to_string(…): GCC 12 at -O3 reports a false -Wrestrict for the latter.
        std::string name = "s";
        name += std::to_string(m_prepared.size() + 1);
        pg_result* result = PQprepare(m_connection, name.c_str(), sql.c_str(), 0, nullptr);
        if (PQresultStatus(result) != PGRES_COMMAND_OK)
            failWith(result, "Lỗi cơ sở dữ liệu khi chuẩn bị câu lệnh", "Database error preparing a statement");
        PQclear(result);
        prepared = m_prepared.emplace(sql, name).first;
    }
    pg_result* result = PQexecPrepared(m_connection, prepared->second.c_str(), params.count(), params.values(),
                                       params.lengths(), params.formats(), binaryResult ? 1 : 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        failWith(result, "Lỗi cơ sở dữ liệu", "Database error");
    return Rows(result);
}

void Connection::copyOut(
    const std::string& query,
    const std::function<bool(const std::vector<std::string_view>& fields, const std::vector<bool>& isNull)>& row)
{
    std::string sql = "COPY (";
    sql += query;
    sql += ") TO STDOUT (FORMAT binary)";
    pg_result* started = PQexec(m_connection, sql.c_str());
    if (PQresultStatus(started) != PGRES_COPY_OUT)
        failWith(started, "Lỗi cơ sở dữ liệu khi đọc", "Database error while reading");
    PQclear(started);
    auto damaged = [&] {
        throw Failure{makeError(ErrorKind::Storage, m_label, 0, {}, "Dữ liệu COPY nhận được không hợp lệ",
                                "The COPY data received is not valid"),
                      {}};
    };
    auto be32 = [](const char* p) {
        const auto* u = reinterpret_cast<const unsigned char*>(p);
        return (std::uint32_t(u[0]) << 24) | (std::uint32_t(u[1]) << 16) | (std::uint32_t(u[2]) << 8) | u[3];
    };
    std::vector<std::string_view> fields;
    std::vector<bool> isNull;
    bool wanted = true, header = true;
    for (;;) {
        char* buffer = nullptr;
        const int size = PQgetCopyData(m_connection, &buffer, 0);
        if (size == -1)
            break; // done; the final result follows
        if (size < 0)
            failWith(PQgetResult(m_connection), "Lỗi cơ sở dữ liệu khi đọc", "Database error while reading");
        std::unique_ptr<char, decltype(&PQfreemem)> owned(buffer, &PQfreemem);
        const char* p = buffer;
        const char* end = buffer + size;
        if (header) {
            // "PGCOPY\n\377\r\n\0", flags (4 bytes), header extension length (4 bytes) and extension.
            if (size < 19 || std::memcmp(p, "PGCOPY\n\377\r\n\0", 11) != 0)
                damaged();
            const std::uint32_t extension = be32(p + 15);
            if (extension > static_cast<std::uint32_t>(size - 19))
                damaged();
            p += 19 + extension;
            header = false;
            if (p == end)
                continue;
        }
        if (end - p < 2)
            damaged();
        const auto count =
            static_cast<std::int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
        p += 2;
        if (count == -1)
            continue; // the trailer
        fields.assign(static_cast<size_t>(count), {});
        isNull.assign(static_cast<size_t>(count), false);
        for (int i = 0; i < count; ++i) {
            if (end - p < 4)
                damaged();
            const auto length = static_cast<std::int32_t>(be32(p));
            p += 4;
            if (length == -1) {
                isNull[static_cast<size_t>(i)] = true;
                continue;
            }
            if (length < 0 || end - p < length)
                damaged();
            fields[static_cast<size_t>(i)] = std::string_view(p, static_cast<size_t>(length));
            p += length;
        }
        if (wanted)
            wanted = row(fields, isNull);
    }
    pg_result* finished = PQgetResult(m_connection);
    if (PQresultStatus(finished) != PGRES_COMMAND_OK)
        failWith(finished, "Lỗi cơ sở dữ liệu khi đọc", "Database error while reading");
    PQclear(finished);
    while (pg_result* more = PQgetResult(m_connection))
        PQclear(more);
}

void Connection::execute(const std::string& sql)
{
    pg_result* result = PQexec(m_connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        failWith(result, "Lỗi cơ sở dữ liệu", "Database error");
    PQclear(result);
}

} // namespace seclevel::postgres
