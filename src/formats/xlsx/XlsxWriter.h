#pragma once
// Writing XLSX workbooks with libxlsxwriter, row by row (its constant-memory mode: each row goes to disk as it
// is written, cells as inline strings). Every text cell is written as a string — never as a formula — and text
// that a spreadsheet would take for a formula is neutralised as well (neutraliseFormula), so that a value such
// as =HYPERLINK(…) read from an agency's file stays inert in whatever seclevel writes.
#include "core/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace seclevel {

class XlsxWriter {
public:
    // Creates (replaces) the workbook at `path`; nothing is final until close().
    static Result<std::unique_ptr<XlsxWriter>> create(const std::string& path);
    ~XlsxWriter();
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    // A new worksheet; the rows that follow go into it. The first row written is the header (bold, frozen).
    Result<bool> addSheet(const std::string& name);
    // `numeric[i]` marks fields that are decimal numbers seclevel wrote (written as numbers).
    Result<bool> row(const std::vector<std::string>& fields, const std::vector<bool>& numeric = {});
    // Writes the file; an error names the path.
    Result<bool> close();

private:
    XlsxWriter() = default;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace seclevel
