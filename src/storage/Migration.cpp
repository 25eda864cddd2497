#include "storage/Migration.h"

namespace seclevel::storage {

Error newerSchema(const std::string& file, std::int64_t found, int supported)
{
    const std::string version = std::to_string(found), known = std::to_string(supported);
    return makeError(ErrorKind::Storage, file, 0, "schema_migrations",
                     "Cơ sở dữ liệu có phiên bản lược đồ " + version + ", mới hơn phiên bản " + known +
                         " mà chương trình này hỗ trợ; hãy dùng phiên bản seclevel mới hơn",
                     "The database has schema version " + version + ", newer than version " + known +
                         " this program supports; use a newer seclevel");
}

} // namespace seclevel::storage
