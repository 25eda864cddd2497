#pragma once
// Reading one worksheet of an XLSX workbook (Office Open XML, ECMA-376) without a spreadsheet program: the zip
// with libzip, the small parts (workbook, relationships) with pugixml, the worksheet and the shared strings
// streamed with libxml2's reader so that a 100,000-row sheet never sits in memory as a tree.
//
// What a workbook can do and what is done with it:
//   - shared strings, inline strings, rich-text runs: read as plain text (phonetic runs left out);
//   - formulas: never evaluated; the value the program that saved the file cached is used (a formula cell
//     without a cached value reads as empty);
//   - dates: numbers (serial days since 1899-12-30) as Excel stores them; whoever reads the cell decides;
//   - merged cells: the top-left value is given to every cell of the merged area (a header "Thông tin hệ
//     thống" over three columns names all three);
//   - links to other workbooks (xl/externalLinks/): never opened; a notice says that cached values were used;
//     a worksheet whose relationship points outside the package is refused;
//   - zip bombs: every entry is read with a cap on the bytes it actually inflates to (declared sizes are
//     checked first but not trusted), and the whole workbook with a cap on the total; entries and the number of
//     entries are bounded; a DOCTYPE is refused (no entity expansion); the file itself is read through
//     io/InputFile with a size cap.
#include "formats/sheet/SheetRows.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace seclevel {

struct XlsxLimits {
    std::size_t maxFileBytes = 100u << 20;              // the .xlsx file itself
    std::uint64_t maxEntryBytes = 512ull << 20;         // one part, inflated
    std::uint64_t maxTotalBytes = 1024ull << 20;        // all parts read, inflated
    std::uint64_t maxSmallPartBytes = 8u << 20;         // workbook.xml, relationships
    std::uint64_t maxSharedStringsBytes = 128ull << 20; // sharedStrings.xml, inflated
    std::size_t maxEntries = 10000;
    std::size_t maxColumns = 1000;
    std::size_t maxCellBytes = 1u << 20;
};

// The rows of the sheet named `sheet` (folded comparison is not done: the name as the workbook has it), or of
// the first sheet when `sheet` is empty. The content is `bytes`; `fileName` names it in messages.
Result<std::unique_ptr<SheetRows>> readXlsx(std::string bytes, const std::string& fileName,
                                            const std::optional<std::string>& sheet, const XlsxLimits& limits = {});
Result<std::unique_ptr<SheetRows>> readXlsxFile(const std::string& path, const std::optional<std::string>& sheet,
                                                const XlsxLimits& limits = {});

// True when `bytes` start like a zip archive ("PK\x03\x04"): how a file is told to be XLSX whatever its name.
bool looksLikeZip(std::string_view bytes);

} // namespace seclevel
