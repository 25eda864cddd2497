#pragma once
// A small RAII layer over libpq (internal to storage/postgres): one connection, results that free
// themselves, statements prepared once per connection, and every value a bound parameter.
//
// Failures are thrown as Failure (carrying the SQLSTATE) and turned into Errors at the edge of each public
// PostgresStore method; nothing here lets an exception out of storage/postgres. Messages never contain the
// password of the connection URL.
#include "core/Error.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace seclevel::postgres {

struct Failure {
    Error error;
    std::string sqlState; // five characters, empty when the failure did not come from the server

    // Serialisation failure or deadlock: the transaction may simply be run again.
    bool retryable() const { return sqlState == "40001" || sqlState == "40P01"; }
};

[[noreturn]] void fail(Error error);

// The parameters of one statement, $1, $2, … in the order added. Texts are copied (libpq wants them
// terminated); bytes are referenced and must outlive the statement's execution.
class Params {
public:
    Params& text(std::string_view value);
    Params& textOrNull(std::string_view value); // empty → NULL
    Params& integer(std::int64_t value);
    Params& bytes(std::string_view value); // bytea, sent in binary
    Params& null();

    int count() const { return static_cast<int>(m_values.size()); }
    const char* const* values() const { return m_values.data(); }
    const int* lengths() const { return m_lengths.data(); }
    const int* formats() const { return m_formats.data(); }

private:
    Params& add(const char* data, int length, int format);

    std::deque<std::string> m_owned; // integers turned into text; a deque keeps addresses stable
    std::vector<const char*> m_values;
    std::vector<int> m_lengths;
    std::vector<int> m_formats;
};

class Rows {
public:
    explicit Rows(pg_result* result);
    ~Rows();
    Rows(Rows&& other) noexcept;
    Rows& operator=(Rows&&) = delete;
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    int count() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;      // "" for NULL
    std::string_view view(int row, int column) const; // the same without a copy, valid while the Rows live
    std::int64_t integer(int row, int column) const;
    // The raw bytes of a column fetched in binary (bytea).
    std::string bytes(int row, int column) const;

private:
    pg_result* m_result;
};

class Connection {
public:
    // Connects to `url` (postgresql:// or postgres://). `label` is what messages call the database
    // ("PostgreSQL host/dbname").
    static std::unique_ptr<Connection> open(const std::string& url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const std::string& label() const { return m_label; }

    // A statement with parameters, prepared on first use and kept for the connection's life.
    Rows run(const std::string& sql, const Params& params = {}, bool binaryResult = false);
    // A statement or script without parameters (BEGIN, SAVEPOINT, DDL).
    void execute(const std::string& sql);
    // Streams `COPY (query) TO STDOUT (FORMAT binary)`: `row` gets each row's fields as raw bytes (text columns
    // as UTF-8, bigint as 8 bytes big-endian; a NULL as an empty view with `isNull` set), valid during the call.
    // One statement, one snapshot, constant memory. When `row` returns false the remaining rows are read and
    // dropped (the copy is not interrupted).
    void copyOut(
        const std::string& query,
        const std::function<bool(const std::vector<std::string_view>& fields, const std::vector<bool>& isNull)>& row);

    // Connects again if the server closed the connection (restart, idle timeout); call only between
    // transactions. Prepared statements are prepared again on their next use.
    void reconnectIfLost();

    // The message of a failed result or connection, with the password (if any) masked.
    std::string scrub(std::string message) const;

private:
    Connection(pg_conn* connection, std::string label, std::string password);
    [[noreturn]] void failWith(pg_result* result, const std::string& vi, const std::string& en);

    pg_conn* m_connection;
    std::string m_label;
    std::string m_password;
    std::map<std::string, std::string> m_prepared; // SQL → statement name
};

// "host/dbname" of a URL without connecting (the password is never part of it); empty when the URL cannot be
// parsed. `error` receives libpq's reason then.
std::string describeUrl(const std::string& url, std::string* error = nullptr);

} // namespace seclevel::postgres
