#include "formats/csv/CsvReader.h"

#include "io/InputFile.h"
#include "io/LegacyEncoding.h"

#include <optional>

namespace seclevel {

namespace {

class CsvRows final : public SheetRows {
public:
    CsvRows(std::string text, std::string fileName, char separator, std::size_t start, int firstLine,
            const CsvLimits& limits)
        : m_text(std::move(text)),
          m_fileName(std::move(fileName)),
          m_separator(separator),
          m_pos(start),
          m_line(firstLine),
          m_limits(limits)
    {}

    Result<bool> next(SheetRow& row) override
    {
        while (m_pos < m_text.size()) {
            auto read = readRecord(row);
            if (!read)
                return read;
            if (!row.blank())
                return true;
        }
        return false;
    }
    const std::string& fileName() const override { return m_fileName; }
    const std::string& sheetName() const override { return m_sheet; }
    double progress() const override
    {
        return m_text.empty() ? 1.0 : static_cast<double>(m_pos) / static_cast<double>(m_text.size());
    }

private:
    Error error(int line, const std::string& vi, const std::string& en) const
    {
        return makeError(m_fileName, line, "", vi, en);
    }

    // One record starting at m_pos; advances past its line end.
    Result<bool> readRecord(SheetRow& row)
    {
        row.number = m_line;
        row.cells.clear();
        SheetCell cell;
        bool quoted = false, wasQuoted = false;
        const std::size_t size = m_text.size();
        auto endField = [&]() -> std::optional<Error> {
            if (row.cells.size() >= m_limits.maxColumns)
                return error(row.number, "dòng có quá " + std::to_string(m_limits.maxColumns) + " cột",
                             "the row has more than " + std::to_string(m_limits.maxColumns) + " columns");
            row.cells.push_back(std::move(cell));
            cell = SheetCell{};
            wasQuoted = false;
            return std::nullopt;
        };
        while (m_pos < size) {
            const char c = m_text[m_pos];
            if (quoted) {
                if (c == '"') {
                    if (m_pos + 1 < size && m_text[m_pos + 1] == '"') {
                        cell.text += '"';
                        m_pos += 2;
                    } else {
                        quoted = false;
                        ++m_pos;
                    }
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    // A line break inside a quoted field: kept as "\n" whatever the file's line ends are.
                    cell.text += '\n';
                    m_pos += (c == '\r' && m_pos + 1 < size && m_text[m_pos + 1] == '\n') ? 2 : 1;
                    ++m_line;
                } else {
                    cell.text += c;
                    ++m_pos;
                }
                if (cell.text.size() > m_limits.maxFieldBytes)
                    return error(row.number, "một ô dài quá " + std::to_string(m_limits.maxFieldBytes) + " byte",
                                 "a field is longer than " + std::to_string(m_limits.maxFieldBytes) + " bytes");
                continue;
            }
            if (c == m_separator) {
                if (auto e = endField())
                    return *e;
                ++m_pos;
                continue;
            }
            if (c == '\r' || c == '\n') {
                m_pos += (c == '\r' && m_pos + 1 < size && m_text[m_pos + 1] == '\n') ? 2 : 1;
                ++m_line;
                if (auto e = endField())
                    return *e;
                return true;
            }
            if (c == '"' && cell.text.empty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                ++m_pos;
                continue;
            }
            cell.text += c;
            ++m_pos;
            if (cell.text.size() > m_limits.maxFieldBytes)
                return error(row.number, "một ô dài quá " + std::to_string(m_limits.maxFieldBytes) + " byte",
                             "a field is longer than " + std::to_string(m_limits.maxFieldBytes) + " bytes");
        }
        if (quoted)
            return error(row.number, "dấu ngoặc kép mở ở dòng này không được đóng trước khi hết tệp",
                         "a quote opened on this line is not closed before the end of the file");
        if (auto e = endField())
            return *e;
        return true;
    }

    std::string m_text;
    std::string m_fileName;
    std::string m_sheet;
    char m_separator;
    std::size_t m_pos;
    int m_line;
    CsvLimits m_limits;
};

// The separator that splits the header line (outside quotes) most often: ';' ',' or tab.
char detectSeparator(std::string_view text, std::size_t start)
{
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

} // namespace

Result<std::unique_ptr<SheetRows>> readCsv(std::string text, const std::string& fileName, const CsvLimits& limits)
{
    if (auto problem = describeEncodingProblem(text))
        return makeError(fileName, 1, "", problem->vi, problem->en);
    if (auto legacy = describeLegacyEncoding(text))
        return makeError(fileName, 0, "", legacy->vi, legacy->en);
    std::size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line = 1;
    char separator = 0;
    // Excel writes and reads a first line "sep=;" naming the separator.
    if (text.compare(start, 4, "sep=") == 0 && start + 4 < text.size() && text[start + 4] != '\r' &&
        text[start + 4] != '\n') {
        separator = text[start + 4];
        start += 5;
        while (start < text.size() && (text[start] == '\r' || text[start] == '\n')) {
            if (text[start] == '\n' || (text[start] == '\r' && (start + 1 >= text.size() || text[start + 1] != '\n')))
                ++line;
            ++start;
        }
    }
    if (!separator)
        separator = detectSeparator(text, start);
    return std::unique_ptr<SheetRows>(new CsvRows(std::move(text), fileName, separator, start, line, limits));
}

Result<std::unique_ptr<SheetRows>> readCsvFile(const std::string& path, const CsvLimits& limits)
{
    InputFileLimits fileLimits;
    fileLimits.maxBytes = limits.maxBytes;
    fileLimits.what = {"tệp CSV", "CSV file"};
    auto content = readInputFile(path, fileLimits);
    if (!content)
        return content.errors();
    return readCsv(std::move(*content), path, limits);
}

CsvWriter::CsvWriter(char separator) : m_separator(separator)
{
    m_text = "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& fields)
{
    row(fields, {});
}

void CsvWriter::row(const std::vector<std::string>& fields, const std::vector<bool>& numeric)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_text += m_separator;
        const bool asIs = i < numeric.size() && numeric[i];
        const std::string field = asIs ? fields[i] : neutraliseFormula(fields[i]);
        if (field.find_first_of(std::string{m_separator, '"', '\n', '\r'}) == std::string::npos) {
            m_text += field;
            continue;
        }
        m_text += '"';
        for (char c : field) {
            if (c == '"')
                m_text += '"';
            m_text += c;
        }
        m_text += '"';
    }
    m_text += "\r\n";
}

} // namespace seclevel
