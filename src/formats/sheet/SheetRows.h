#pragma once
// A spreadsheet read row by row, whatever file it came from (CSV, XLSX): what the import reads. Rows are
// handed over one at a time so that a large file never sits in memory as cells.
#include "core/Error.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct SheetCell {
    enum class Kind { Text, Number, Boolean, Error };
    std::string text; // as written (Number: the stored decimal text "86000", "1.5E+4"; Boolean "1"/"0")
    Kind kind = Kind::Text;
};

struct SheetRow {
    int number = 0; // 1-based: the CSV line the record starts on, the XLSX row number
    std::vector<SheetCell> cells;

    bool blank() const;
};

class SheetRows {
public:
    virtual ~SheetRows() = default;
    // The next row that is not blank: true and `row` filled, false at the end, or the errors that stop reading
    // (naming file, row and what is wrong).
    virtual Result<bool> next(SheetRow& row) = 0;
    virtual const std::string& fileName() const = 0;
    virtual const std::string& sheetName() const = 0; // "" for CSV
    // Notices about the file that are not errors (e.g. an XLSX with links to other workbooks, not followed).
    virtual std::vector<LocalizedText> notices() const { return {}; }
    // Roughly how far reading has got, 0–1 (for a progress bar).
    virtual double progress() const = 0;
    // How many rows the sheet has at most (blank and header rows included), when the format tells it without
    // reading the rows (XLSX: the row elements counted in the raw bytes); nullopt when it does not (CSV).
    virtual std::optional<std::size_t> rowCountHint() const { return std::nullopt; }
};

// "A", "B", … "Z", "AA", … for a 0-based column.
std::string columnLetters(int column);
// The 0-based column of "A", "AB" … (letters only, upper or lower case); −1 when it is not one.
int columnIndex(std::string_view letters);

// Text written into a CSV or XLSX cell that a spreadsheet program would run as a formula (it starts with
// = + - @, or a tab or carriage return before one of them) gets a leading apostrophe, as OWASP recommends for
// CSV injection; other text is returned as it is.
std::string neutraliseFormula(std::string_view text);
// The reverse on reading: a cell that seclevel neutralised comes back as it was (so export → import changes
// nothing). Text that starts with an apostrophe followed by anything else is left alone.
std::string restoreNeutralised(std::string_view text);

} // namespace seclevel
