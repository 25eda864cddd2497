#pragma once
// Writing a zip archive (libzip) of files already on disk: how `export --format dossier-xml` hands over many
// dossiers as one file. Entries are read from disk only when the archive is closed, so the archive never holds
// their contents in memory; it is written beside the target and renamed, never left half-written.
#include "core/Error.h"

#include <memory>
#include <string>

namespace seclevel {

class ZipWriter {
public:
    static Result<std::unique_ptr<ZipWriter>> create(const std::string& path);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // Adds the file at `source` under `name` (deflated). The file must stay until close().
    Result<bool> add(const std::string& name, const std::string& source);
    Result<bool> close();

private:
    ZipWriter() = default;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace seclevel
