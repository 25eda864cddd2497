// openStore: which Store a location names. A URL's scheme decides; anything without one is an SQLite file.
#include "storage/Store.h"

#include "storage/postgres/PostgresStore.h"
#include "storage/sqlite/SqliteStore.h"

#include <cctype>

namespace seclevel {

namespace {

// The scheme of "scheme:…" (RFC 3986: a letter, then letters, digits, '+', '-', '.'), lowercased; empty when
// the location does not start with one.
std::string schemeOf(const std::string& location)
{
    const size_t colon = location.find(':');
    if (colon == std::string::npos || colon == 0)
        return {};
    std::string scheme;
    for (size_t i = 0; i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(location[i]);
        if (!(std::isalpha(c) || (i > 0 && (std::isdigit(c) || c == '+' || c == '-' || c == '.'))))
            return {};
        scheme += static_cast<char>(std::tolower(c));
    }
    return scheme;
}

} // namespace

Result<std::unique_ptr<Store>> openStore(const std::string& location)
{
    const std::string scheme = schemeOf(location);
    if (scheme == "postgresql" || scheme == "postgres") {
        if (location.compare(scheme.size(), 3, "://") != 0)
            return makeError(ErrorKind::Storage, {}, 0, "--db",
                             "Địa chỉ PostgreSQL phải có dạng postgresql://máy-chủ/tên-cơ-sở-dữ-liệu",
                             "A PostgreSQL location must look like postgresql://host/dbname");
        auto store = PostgresStore::open(location);
        if (!store)
            return store.errors();
        return std::unique_ptr<Store>(std::move(*store));
    }
    // Any other URL is refused rather than taken for a file name ("mysql://x" would otherwise become a
    // directory "mysql:" holding a new SQLite file). Only the scheme is quoted: the rest may hold a password.
    if (!scheme.empty() && location.compare(scheme.size(), 3, "://") == 0)
        return makeError(ErrorKind::Storage, {}, 0, "--db",
                         "Không hỗ trợ cơ sở dữ liệu loại '" + scheme +
                             "://'; hãy dùng postgresql://… hoặc đường dẫn tới tệp SQLite",
                         "Databases of the kind '" + scheme +
                             "://' are not supported; use postgresql://… or the path of an SQLite file");
    auto store = SqliteStore::open(location);
    if (!store)
        return store.errors();
    return std::unique_ptr<Store>(std::move(*store));
}

} // namespace seclevel
