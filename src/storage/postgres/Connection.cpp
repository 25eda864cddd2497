#include "storage/postgres/Connection.h"

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

void Connection::execute(const std::string& sql)
{
    pg_result* result = PQexec(m_connection, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        failWith(result, "Lỗi cơ sở dữ liệu", "Database error");
    PQclear(result);
}

} // namespace seclevel::postgres
