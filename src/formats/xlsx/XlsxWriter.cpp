#include "formats/xlsx/XlsxWriter.h"

#include "formats/sheet/SheetRows.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>

namespace seclevel {

struct XlsxWriter::State {
    std::string path;
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* header = nullptr;
    lxw_row_t nextRow = 0;
};

namespace {

Error writeError(const std::string& path, const std::string& why)
{
    return makeError(ErrorKind::InvalidInput, path, 0, "", "không ghi được tệp XLSX: " + why,
                     "cannot write the XLSX file: " + why);
}

} // namespace

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::create(const std::string& path)
{
    std::unique_ptr<XlsxWriter> writer(new XlsxWriter());
    writer->m_state = std::make_unique<State>();
    writer->m_state->path = path;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = nullptr;
    // Written beside the target and renamed on close(): a failed export never leaves half a workbook at `path`.
    writer->m_state->workbook = workbook_new_opt((path + ".part").c_str(), &options);
    if (!writer->m_state->workbook)
        return writeError(path, "không tạo được / cannot create");
    writer->m_state->header = workbook_add_format(writer->m_state->workbook);
    format_set_bold(writer->m_state->header);
    return writer;
}

XlsxWriter::~XlsxWriter()
{
    // A workbook never closed is discarded: libxlsxwriter frees it only by writing it, so it is written to the
    // temporary name and removed.
    if (m_state && m_state->workbook) {
        workbook_close(m_state->workbook);
        std::remove((m_state->path + ".part").c_str());
    }
}

Result<bool> XlsxWriter::addSheet(const std::string& name)
{
    // Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules, checked by libxlsxwriter).
    m_state->sheet = workbook_add_worksheet(m_state->workbook, name.c_str());
    if (!m_state->sheet)
        return writeError(m_state->path, "tên trang tính không hợp lệ '" + name + "' / invalid sheet name");
    m_state->nextRow = 0;
    worksheet_freeze_panes(m_state->sheet, 1, 0);
    return true;
}

Result<bool> XlsxWriter::row(const std::vector<std::string>& fields, const std::vector<bool>& numeric)
{
    if (!m_state->sheet)
        return writeError(m_state->path, "chưa có trang tính / no worksheet");
    if (m_state->nextRow >= LXW_ROW_MAX)
        return writeError(m_state->path, "quá nhiều hàng / too many rows");
    lxw_format* format = m_state->nextRow == 0 ? m_state->header : nullptr;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].empty())
            continue;
        const auto column = static_cast<lxw_col_t>(i);
        lxw_error status;
        if (i < numeric.size() && numeric[i]) {
            char* end = nullptr;
            const double value = std::strtod(fields[i].c_str(), &end);
            status = (end && *end == '\0')
                         ? worksheet_write_number(m_state->sheet, m_state->nextRow, column, value, format)
                         : worksheet_write_string(m_state->sheet, m_state->nextRow, column,
                                                  neutraliseFormula(fields[i]).c_str(), format);
        } else {
            status = worksheet_write_string(m_state->sheet, m_state->nextRow, column,
                                            neutraliseFormula(fields[i]).c_str(), format);
        }
        if (status != LXW_NO_ERROR)
            return writeError(m_state->path, lxw_strerror(status));
    }
    ++m_state->nextRow;
    return true;
}

Result<bool> XlsxWriter::close()
{
    lxw_workbook* workbook = m_state->workbook;
    m_state->workbook = nullptr;
    const std::string part = m_state->path + ".part";
    const lxw_error status = workbook_close(workbook);
    if (status != LXW_NO_ERROR) {
        std::remove(part.c_str());
        return writeError(m_state->path, lxw_strerror(status));
    }
    if (std::rename(part.c_str(), m_state->path.c_str()) != 0) {
        std::remove(part.c_str());
        return writeError(m_state->path, "không đổi tên được / cannot rename");
    }
    return true;
}

} // namespace seclevel
