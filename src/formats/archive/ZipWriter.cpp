#include "formats/archive/ZipWriter.h"

#include <zip.h>

#include <cstdio>

namespace seclevel {

struct ZipWriter::State {
    std::string path;
    zip_t* archive = nullptr;
};

namespace {

Error zipError(const std::string& path, const std::string& why)
{
    return makeError(ErrorKind::InvalidInput, path, 0, "", "không ghi được tệp zip: " + why,
                     "cannot write the zip file: " + why);
}

} // namespace

Result<std::unique_ptr<ZipWriter>> ZipWriter::create(const std::string& path)
{
    std::unique_ptr<ZipWriter> writer(new ZipWriter());
    writer->m_state = std::make_unique<State>();
    writer->m_state->path = path;
    int error = 0;
    writer->m_state->archive = zip_open((path + ".part").c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!writer->m_state->archive) {
        zip_error_t details;
        zip_error_init_with_code(&details, error);
        const std::string why = zip_error_strerror(&details);
        zip_error_fini(&details);
        return zipError(path, why);
    }
    return writer;
}

ZipWriter::~ZipWriter()
{
    if (m_state && m_state->archive) {
        zip_discard(m_state->archive);
        std::remove((m_state->path + ".part").c_str());
    }
}

Result<bool> ZipWriter::add(const std::string& name, const std::string& source)
{
    zip_source_t* file = zip_source_file(m_state->archive, source.c_str(), 0, -1);
    if (!file)
        return zipError(m_state->path, zip_strerror(m_state->archive));
    if (zip_file_add(m_state->archive, name.c_str(), file, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(file);
        return zipError(m_state->path, zip_strerror(m_state->archive));
    }
    return true;
}

Result<bool> ZipWriter::close()
{
    zip_t* archive = m_state->archive;
    m_state->archive = nullptr;
    const std::string part = m_state->path + ".part";
    if (zip_close(archive) != 0) {
        const std::string why = zip_strerror(archive);
        zip_discard(archive);
        std::remove(part.c_str());
        return zipError(m_state->path, why);
    }
    if (std::rename(part.c_str(), m_state->path.c_str()) != 0) {
        std::remove(part.c_str());
        return zipError(m_state->path, "không đổi tên được / cannot rename");
    }
    return true;
}

} // namespace seclevel
