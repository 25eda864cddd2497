#pragma once
// CSV as spreadsheets write it (RFC 4180 and what Excel does beyond it): UTF-8 with or without a byte order
// mark; separator comma, semicolon (Excel with a Vietnamese or other comma-decimal locale) or tab, found from
// the header line, or named by an Excel "sep=;" first line; fields quoted with "…" may hold separators, quotes
// ("") and line breaks; LF, CRLF and CR line endings, mixed; blank rows skipped. A file in a legacy Vietnamese
// encoding (Windows-1258, TCVN3, VNI) or UTF-16/32 is refused with what it looks like.
#include "formats/sheet/SheetRows.h"

#include <cstddef>
#include <memory>
#include <string>

namespace seclevel {

struct CsvLimits {
    std::size_t maxBytes = 256u << 20; // the file
    std::size_t maxFieldBytes = 1u << 20;
    std::size_t maxColumns = 1000;
};

// The rows of `text` (the file's content; `fileName` for messages).
Result<std::unique_ptr<SheetRows>> readCsv(std::string text, const std::string& fileName, const CsvLimits& limits = {});
// The same, reading the file through io/InputFile (regular files only, size capped while reading).
Result<std::unique_ptr<SheetRows>> readCsvFile(const std::string& path, const CsvLimits& limits = {});

// Writing: UTF-8 with a byte order mark (so Excel shows Vietnamese correctly), CRLF line ends, fields quoted
// when they hold the separator, a quote or a line break, and text that would be a formula neutralised
// (neutraliseFormula).
class CsvWriter {
public:
    explicit CsvWriter(char separator = ',');
    void row(const std::vector<std::string>& fields);
    // `numeric[i]` marks fields written as they are (numbers seclevel wrote itself: never neutralised).
    void row(const std::vector<std::string>& fields, const std::vector<bool>& numeric);
    const std::string& text() const { return m_text; }
    std::string take() { return std::move(m_text); }

private:
    char m_separator;
    std::string m_text;
};

} // namespace seclevel
