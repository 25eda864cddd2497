#include "formats/xlsx/XlsxReader.h"

#include "io/InputFile.h"

#include <libxml/xmlreader.h>
#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <vector>

namespace seclevel {

namespace {

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

struct ReaderCloser {
    void operator()(xmlTextReaderPtr reader) const { xmlFreeTextReader(reader); }
};
using ReaderPtr = std::unique_ptr<xmlTextReader, ReaderCloser>;

std::string sizeText(std::uint64_t bytes)
{
    return std::to_string(bytes >> 20) + " MB";
}

// The workbook as a zip archive held in memory, with the count of every byte inflated from it.
class Package {
public:
    Package(std::string bytes, std::string fileName, const XlsxLimits& limits)
        : m_bytes(std::move(bytes)),
          m_fileName(std::move(fileName)),
          m_limits(limits)
    {}

    Error error(const std::string& vi, const std::string& en, const std::string& part = {}) const
    {
        return makeError(m_fileName, 0, part, vi, en);
    }

    std::optional<Error> open()
    {
        zip_error_t zipError;
        zip_error_init(&zipError);
        zip_source_t* source = zip_source_buffer_create(m_bytes.data(), m_bytes.size(), 0, &zipError);
        if (!source) {
            zip_error_fini(&zipError);
            return error("không đọc được tệp XLSX", "cannot read the XLSX file");
        }
        zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &zipError);
        if (!archive) {
            zip_source_free(source);
            const std::string why = zip_error_strerror(&zipError);
            zip_error_fini(&zipError);
            return error("tệp XLSX bị hỏng hoặc bị cắt cụt (không phải tệp zip đầy đủ: " + why + ")",
                         "the XLSX file is damaged or truncated (not a complete zip archive: " + why + ")");
        }
        zip_error_fini(&zipError);
        m_zip.reset(archive);
        const zip_int64_t entries = zip_get_num_entries(archive, 0);
        if (entries < 0 || static_cast<std::uint64_t>(entries) > m_limits.maxEntries)
            return error("tệp XLSX có quá nhiều phần (" + std::to_string(entries) + ")",
                         "the XLSX file has too many parts (" + std::to_string(entries) + ")");
        return std::nullopt;
    }

    bool has(const std::string& name) const { return zip_name_locate(m_zip.get(), name.c_str(), 0) >= 0; }

    std::vector<std::string> names() const
    {
        std::vector<std::string> all;
        const zip_int64_t entries = zip_get_num_entries(m_zip.get(), 0);
        for (zip_int64_t i = 0; i < entries; ++i)
            if (const char* name = zip_get_name(m_zip.get(), static_cast<zip_uint64_t>(i), 0))
                all.emplace_back(name);
        return all;
    }

    // The declared inflated size, or an error when it is over `cap` (declared sizes are re-checked while
    // inflating: they can lie).
    Result<std::uint64_t> declaredSize(const std::string& name, std::uint64_t cap) const
    {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat(m_zip.get(), name.c_str(), 0, &stat) != 0)
            return error("tệp XLSX thiếu phần " + name, "the XLSX file lacks the part " + name, name);
        if ((stat.valid & ZIP_STAT_SIZE) && stat.size > cap)
            return bomb(name, cap);
        return (stat.valid & ZIP_STAT_SIZE) ? static_cast<std::uint64_t>(stat.size) : 0;
    }

    Error bomb(const std::string& name, std::uint64_t cap) const
    {
        return error("phần " + name + " của tệp XLSX giải nén ra hơn " + sizeText(cap) +
                         " (có thể là \"bom zip\"); không đọc",
                     "the part " + name + " of the XLSX file inflates to more than " + sizeText(cap) +
                         " (possibly a zip bomb); not read",
                     name);
    }

    // A whole small part.
    Result<std::string> readPart(const std::string& name, std::uint64_t cap)
    {
        auto declared = declaredSize(name, cap);
        if (!declared)
            return declared.errors();
        zip_file_t* file = zip_fopen(m_zip.get(), name.c_str(), 0);
        if (!file)
            return error("không mở được phần " + name + " của tệp XLSX", "cannot open the part " + name, name);
        std::string out;
        char buffer[65536];
        for (;;) {
            const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
            if (got < 0) {
                zip_fclose(file);
                return damaged(name);
            }
            if (got == 0)
                break;
            out.append(buffer, static_cast<std::size_t>(got));
            if (out.size() > cap || !count(static_cast<std::uint64_t>(got))) {
                zip_fclose(file);
                return out.size() > cap ? bomb(name, cap) : bomb("(tổng / total)", m_limits.maxTotalBytes);
            }
        }
        zip_fclose(file);
        return out;
    }

    // A part inflated chunk by chunk into `consume`, with the same caps as readPart; an error or nullopt.
    std::optional<Error> streamPart(const std::string& name, std::uint64_t cap,
                                    const std::function<void(std::string_view)>& consume)
    {
        auto declared = declaredSize(name, cap);
        if (!declared)
            return declared.errors().front();
        zip_file_t* file = zip_fopen(m_zip.get(), name.c_str(), 0);
        if (!file)
            return error("không mở được phần " + name + " của tệp XLSX", "cannot open the part " + name, name);
        std::uint64_t read = 0;
        std::vector<char> buffer(1 << 16);
        for (;;) {
            const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
            if (got < 0) {
                zip_fclose(file);
                return damaged(name);
            }
            if (got == 0)
                break;
            read += static_cast<std::uint64_t>(got);
            if (read > cap || !count(static_cast<std::uint64_t>(got))) {
                zip_fclose(file);
                return read > cap ? bomb(name, cap) : bomb("(tổng / total)", m_limits.maxTotalBytes);
            }
            consume(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
        }
        zip_fclose(file);
        return std::nullopt;
    }

    Error damaged(const std::string& name) const
    {
        return error("phần " + name + " của tệp XLSX bị hỏng (giải nén hoặc CRC sai)",
                     "the part " + name + " of the XLSX file is damaged (inflate or CRC error)", name);
    }

    // Adds to the total inflated; false when the workbook's total cap is passed.
    bool count(std::uint64_t bytes)
    {
        m_total += bytes;
        return m_total <= m_limits.maxTotalBytes;
    }

    zip_t* zip() const { return m_zip.get(); }
    const std::string& fileName() const { return m_fileName; }
    const XlsxLimits& limits() const { return m_limits; }

private:
    std::string m_bytes;
    std::string m_fileName;
    XlsxLimits m_limits;
    ZipPtr m_zip;
    std::uint64_t m_total = 0;
};

// One part inflated on demand into libxml2's streaming reader, with the caps counted as bytes come out.
class PartStream {
public:
    PartStream(Package& package, std::string name, std::uint64_t cap)
        : m_package(package),
          m_name(std::move(name)),
          m_cap(cap)
    {}
    ~PartStream()
    {
        m_reader.reset();
        if (m_file)
            zip_fclose(m_file);
    }
    PartStream(const PartStream&) = delete;
    PartStream& operator=(const PartStream&) = delete;

    std::optional<Error> open()
    {
        auto declared = m_package.declaredSize(m_name, m_cap);
        if (!declared)
            return declared.errors().front();
        m_declared = *declared;
        m_file = zip_fopen(m_package.zip(), m_name.c_str(), 0);
        if (!m_file)
            return m_package.error("không mở được phần " + m_name, "cannot open the part " + m_name, m_name);
        // No network, no entity substitution, no DTD loading: a worksheet is plain data.
        m_reader.reset(xmlReaderForIO(&PartStream::readCallback, nullptr, this, m_name.c_str(), nullptr,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
        if (!m_reader)
            return m_package.error("không đọc được phần " + m_name, "cannot read the part " + m_name, m_name);
        xmlTextReaderSetErrorHandler(m_reader.get(), &PartStream::errorCallback, this);
        return std::nullopt;
    }

    // Advances; true on a node, false at the end, or the error that stopped reading.
    Result<bool> read()
    {
        const int status = xmlTextReaderRead(m_reader.get());
        if (status == 1) {
            if (xmlTextReaderNodeType(m_reader.get()) == XML_READER_TYPE_DOCUMENT_TYPE)
                return m_package.error("phần " + m_name + " có khai báo DOCTYPE; không đọc",
                                       "the part " + m_name + " has a DOCTYPE declaration; not read", m_name);
            return true;
        }
        if (status == 0 && !m_failure)
            return false;
        return failure();
    }
    // Skips the subtree of the current element.
    Result<bool> skip()
    {
        const int status = xmlTextReaderNext(m_reader.get());
        if (status >= 0 && !m_failure)
            return status == 1;
        return failure();
    }

    xmlTextReaderPtr reader() const { return m_reader.get(); }
    double progress() const
    {
        return m_declared ? std::min(1.0, static_cast<double>(m_read) / static_cast<double>(m_declared)) : 0.0;
    }

private:
    Error failure()
    {
        if (m_failure)
            return *m_failure;
        std::string detail = m_xmlMessage.empty() ? std::string("?") : m_xmlMessage;
        while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' '))
            detail.pop_back();
        return m_package.error("phần " + m_name + " của tệp XLSX không phải XML hợp lệ: " + detail,
                               "the part " + m_name + " of the XLSX file is not valid XML: " + detail, m_name);
    }

    static int readCallback(void* context, char* buffer, int length)
    {
        auto* self = static_cast<PartStream*>(context);
        if (self->m_failure)
            return -1;
        const zip_int64_t got = zip_fread(self->m_file, buffer, static_cast<zip_uint64_t>(length));
        if (got < 0) {
            self->m_failure = self->m_package.damaged(self->m_name);
            return -1;
        }
        self->m_read += static_cast<std::uint64_t>(got);
        if (self->m_read > self->m_cap) {
            self->m_failure = self->m_package.bomb(self->m_name, self->m_cap);
            return -1;
        }
        if (!self->m_package.count(static_cast<std::uint64_t>(got))) {
            self->m_failure = self->m_package.bomb("(tổng / total)", self->m_package.limits().maxTotalBytes);
            return -1;
        }
        return static_cast<int>(got);
    }

    static void errorCallback(void* context, const char* message, xmlParserSeverities severity, xmlTextReaderLocatorPtr)
    {
        auto* self = static_cast<PartStream*>(context);
        if ((severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR) &&
            self->m_xmlMessage.empty() && message)
            self->m_xmlMessage = message;
    }

    Package& m_package;
    std::string m_name;
    std::uint64_t m_cap;
    std::uint64_t m_declared = 0;
    std::uint64_t m_read = 0;
    zip_file_t* m_file = nullptr;
    ReaderPtr m_reader;
    std::optional<Error> m_failure;
    std::string m_xmlMessage;
};

std::string localName(xmlTextReaderPtr reader)
{
    const xmlChar* name = xmlTextReaderConstLocalName(reader);
    return name ? reinterpret_cast<const char*>(name) : "";
}

std::string attribute(xmlTextReaderPtr reader, const char* name)
{
    xmlChar* value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
    if (!value)
        return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string nodeText(xmlTextReaderPtr reader)
{
    const xmlChar* value = xmlTextReaderConstValue(reader);
    return value ? reinterpret_cast<const char*>(value) : "";
}

bool isTextNode(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

// "B12" → column 1, row 12; false when it is not a cell reference.
bool parseCellReference(std::string_view ref, int& column, int& row)
{
    std::size_t letters = 0;
    while (letters < ref.size() &&
           ((ref[letters] >= 'A' && ref[letters] <= 'Z') || (ref[letters] >= 'a' && ref[letters] <= 'z')))
        ++letters;
    column = columnIndex(ref.substr(0, letters));
    if (column < 0 || letters == ref.size() || ref.size() - letters > 7)
        return false;
    row = 0;
    for (std::size_t i = letters; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9')
            return false;
        row = row * 10 + (ref[i] - '0');
    }
    return row > 0;
}

// The directory part of a part name ("xl/workbook.xml" → "xl/").
std::string directoryOf(const std::string& part)
{
    const std::size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// A relationship target resolved against the part that holds it; nullopt when it leaves the package.
std::optional<std::string> resolveTarget(const std::string& baseDir, const std::string& target)
{
    std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : baseDir + target;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string piece = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (piece == "..") {
            if (parts.empty())
                return std::nullopt;
            parts.pop_back();
        } else if (!piece.empty() && piece != ".") {
            parts.push_back(piece);
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& piece : parts)
        out += (out.empty() ? "" : "/") + piece;
    if (out.find("://") != std::string::npos || out.find(':') != std::string::npos)
        return std::nullopt;
    return out;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Relationship {
    std::string id, type, target;
    bool external = false;
};

Result<std::vector<Relationship>> readRelationships(Package& package, const std::string& part)
{
    std::vector<Relationship> relationships;
    if (!package.has(part))
        return relationships;
    auto text = package.readPart(part, package.limits().maxSmallPartBytes);
    if (!text)
        return text.errors();
    pugi::xml_document document;
    if (!document.load_buffer(text->data(), text->size(), pugi::parse_default & ~pugi::parse_doctype))
        return package.error("phần " + part + " không phải XML hợp lệ", "the part " + part + " is not valid XML", part);
    for (pugi::xml_node node : document.document_element().children()) {
        std::string name = node.name();
        if (name.substr(name.find(':') == std::string::npos ? 0 : name.find(':') + 1) != "Relationship")
            continue;
        relationships.push_back({node.attribute("Id").value(), node.attribute("Type").value(),
                                 node.attribute("Target").value(),
                                 std::string(node.attribute("TargetMode").value()) == "External"});
    }
    return relationships;
}

std::string local(const char* qualified)
{
    std::string name = qualified;
    const std::size_t colon = name.find(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

struct MergedArea {
    int firstRow, firstColumn, lastRow, lastColumn;
    SheetCell value;
};

class XlsxRows final : public SheetRows {
public:
    XlsxRows(std::unique_ptr<Package> package, std::string sheetName, std::string sheetPart,
             std::vector<std::string> sharedStrings, std::vector<MergedArea> merged, std::vector<LocalizedText> notices)
        : m_package(std::move(package)),
          m_sheetName(std::move(sheetName)),
          m_sheetPart(std::move(sheetPart)),
          m_sharedStrings(std::move(sharedStrings)),
          m_merged(std::move(merged)),
          m_notices(std::move(notices))
    {}

    std::optional<Error> open()
    {
        m_stream = std::make_unique<PartStream>(*m_package, m_sheetPart, m_package->limits().maxEntryBytes);
        return m_stream->open();
    }

    Result<bool> next(SheetRow& row) override
    {
        for (;;) {
            auto got = readRow(row);
            if (!got || !*got)
                return got;
            applyMerges(row);
            if (!row.blank())
                return true;
        }
    }
    const std::string& fileName() const override { return m_package->fileName(); }
    const std::string& sheetName() const override { return m_sheetName; }
    std::vector<LocalizedText> notices() const override { return m_notices; }
    double progress() const override { return m_stream ? m_stream->progress() : 0.0; }
    std::optional<std::size_t> rowCountHint() const override { return m_rowElements; }
    void setRowElements(std::size_t rows) { m_rowElements = rows; }

private:
    Error cellError(int row, const std::string& vi, const std::string& en) const
    {
        return makeError(m_package->fileName(), row, m_sheetName, vi, en);
    }

    Result<bool> readRow(SheetRow& row)
    {
        xmlTextReaderPtr reader = m_stream->reader();
        for (;;) {
            auto step = m_stream->read();
            if (!step || !*step)
                return step;
            if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT || localName(reader) != "row")
                continue;
            row.cells.clear();
            const std::string r = attribute(reader, "r");
            row.number = r.empty() ? m_lastRow + 1 : std::atoi(r.c_str());
            if (row.number <= m_lastRow || row.number <= 0)
                row.number = m_lastRow + 1;
            m_lastRow = row.number;
            if (xmlTextReaderIsEmptyElement(reader))
                return true;
            int nextColumn = 0;
            for (;;) {
                auto inner = m_stream->read();
                if (!inner)
                    return inner;
                if (!*inner)
                    return cellError(row.number, "tệp XLSX kết thúc giữa một hàng", "the XLSX file ends inside a row");
                const int type = xmlTextReaderNodeType(reader);
                if (type == XML_READER_TYPE_END_ELEMENT && localName(reader) == "row")
                    return true;
                if (type != XML_READER_TYPE_ELEMENT || localName(reader) != "c")
                    continue;
                auto cell = readCell(row.number, nextColumn);
                if (!cell)
                    return cell.errors();
                const int column = cell->first;
                if (static_cast<std::size_t>(column) >= m_package->limits().maxColumns)
                    return cellError(row.number, "hàng có ô quá cột " + std::to_string(m_package->limits().maxColumns),
                                     "the row has a cell beyond column " +
                                         std::to_string(m_package->limits().maxColumns));
                if (static_cast<std::size_t>(column) >= row.cells.size())
                    row.cells.resize(static_cast<std::size_t>(column) + 1);
                row.cells[static_cast<std::size_t>(column)] = std::move(cell->second);
                nextColumn = column + 1;
            }
        }
    }

    // The current <c> element: its column and value (the cached value for a formula).
    Result<std::pair<int, SheetCell>> readCell(int rowNumber, int nextColumn)
    {
        xmlTextReaderPtr reader = m_stream->reader();
        int column = nextColumn, refRow = 0;
        const std::string ref = attribute(reader, "r");
        if (!ref.empty() && !parseCellReference(ref, column, refRow))
            column = nextColumn;
        const std::string type = attribute(reader, "t");
        SheetCell cell;
        if (xmlTextReaderIsEmptyElement(reader))
            return std::make_pair(column, cell);
        std::string value, inlineText;
        std::string element; // the child being read: "v", "t" (inline), "f", …
        bool inPhonetic = false;
        for (;;) {
            auto step = m_stream->read();
            if (!step)
                return step.errors();
            if (!*step)
                return cellError(rowNumber, "tệp XLSX kết thúc giữa một ô", "the XLSX file ends inside a cell");
            const int nodeType = xmlTextReaderNodeType(reader);
            if (nodeType == XML_READER_TYPE_ELEMENT) {
                element = localName(reader);
                if (element == "rPh")
                    inPhonetic = !xmlTextReaderIsEmptyElement(reader);
            } else if (nodeType == XML_READER_TYPE_END_ELEMENT) {
                const std::string name = localName(reader);
                if (name == "c")
                    break;
                if (name == "rPh")
                    inPhonetic = false;
                element.clear();
            } else if (isTextNode(nodeType)) {
                if (element == "v")
                    value += nodeText(reader);
                else if (element == "t" && !inPhonetic)
                    inlineText += nodeText(reader);
                if (value.size() + inlineText.size() > m_package->limits().maxCellBytes)
                    return cellError(
                        rowNumber, "một ô dài quá " + std::to_string(m_package->limits().maxCellBytes) + " byte",
                        "a cell is longer than " + std::to_string(m_package->limits().maxCellBytes) + " bytes");
            }
        }
        if (type == "s") {
            char* end = nullptr;
            const unsigned long index = std::strtoul(value.c_str(), &end, 10);
            if (value.empty() || *end || index >= m_sharedStrings.size())
                return cellError(
                    rowNumber, "ô " + columnLetters(column) + " trỏ tới chuỗi dùng chung không có (" + value + ")",
                    "cell " + columnLetters(column) + " refers to a shared string that does not exist (" + value + ")");
            cell.text = m_sharedStrings[index];
        } else if (type == "inlineStr") {
            cell.text = std::move(inlineText);
        } else if (type == "b") {
            cell.kind = SheetCell::Kind::Boolean;
            cell.text = value;
        } else if (type == "e") {
            cell.kind = SheetCell::Kind::Error;
            cell.text = value;
        } else if (type == "str" || type == "d") {
            cell.text = std::move(value);
        } else {
            cell.kind = value.empty() ? SheetCell::Kind::Text : SheetCell::Kind::Number;
            cell.text = std::move(value);
        }
        return std::make_pair(column, std::move(cell));
    }

    void applyMerges(SheetRow& row)
    {
        for (MergedArea& area : m_merged) {
            if (row.number < area.firstRow || row.number > area.lastRow)
                continue;
            if (row.number == area.firstRow && static_cast<std::size_t>(area.firstColumn) < row.cells.size())
                area.value = row.cells[static_cast<std::size_t>(area.firstColumn)];
            if (area.value.text.empty())
                continue;
            if (row.cells.size() <= static_cast<std::size_t>(area.lastColumn))
                row.cells.resize(static_cast<std::size_t>(area.lastColumn) + 1);
            for (int column = area.firstColumn; column <= area.lastColumn; ++column)
                if (row.cells[static_cast<std::size_t>(column)].text.empty())
                    row.cells[static_cast<std::size_t>(column)] = area.value;
        }
    }

    std::unique_ptr<Package> m_package;
    std::string m_sheetName;
    std::string m_sheetPart;
    std::vector<std::string> m_sharedStrings;
    std::vector<MergedArea> m_merged;
    std::vector<LocalizedText> m_notices;
    std::unique_ptr<PartStream> m_stream;
    int m_lastRow = 0;
    std::size_t m_rowElements = 0;
};

Result<std::vector<std::string>> readSharedStrings(Package& package, const std::string& part)
{
    std::vector<std::string> strings;
    PartStream stream(package, part, package.limits().maxSharedStringsBytes);
    if (auto e = stream.open())
        return *e;
    xmlTextReaderPtr reader = stream.reader();
    std::string current, element;
    bool inItem = false, inPhonetic = false;
    for (;;) {
        auto step = stream.read();
        if (!step)
            return step.errors();
        if (!*step)
            break;
        const int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            element = localName(reader);
            if (element == "si") {
                inItem = true;
                current.clear();
                if (xmlTextReaderIsEmptyElement(reader)) {
                    strings.push_back({});
                    inItem = false;
                }
            } else if (element == "rPh") {
                inPhonetic = !xmlTextReaderIsEmptyElement(reader);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            const std::string name = localName(reader);
            if (name == "si" && inItem) {
                strings.push_back(std::move(current));
                current.clear();
                inItem = false;
            } else if (name == "rPh") {
                inPhonetic = false;
            }
            element.clear();
        } else if (isTextNode(type) && inItem && element == "t" && !inPhonetic) {
            current += nodeText(reader);
            if (current.size() > package.limits().maxCellBytes)
                return package.error("một chuỗi dùng chung dài quá giới hạn", "a shared string is too long", part);
        }
    }
    return strings;
}

// What a quick look at the raw bytes of a worksheet gives, before it is parsed: its merged areas (listed after
// its rows in the file, so they must be known before the first row is handed over) and how many row elements
// it has (for the row cap and the progress bar). One inflating pass over the bytes, no XML parsing: every '<'
// outside a comment or CDATA starts markup, so the element names can be picked out of the stream directly.
struct SheetScan {
    std::vector<MergedArea> merged;
    std::size_t rows = 0;
};

Result<SheetScan> scanSheet(Package& package, const std::string& part)
{
    SheetScan scan;
    enum class State { Text, Name, MergeTag, Skip } state = State::Text;
    std::string name, tag;
    auto finishMerge = [&]() {
        const std::size_t at = tag.find("ref=");
        if (at == std::string::npos || at + 5 >= tag.size())
            return;
        const char quote = tag[at + 4];
        const std::size_t close = tag.find(quote, at + 5);
        if (close == std::string::npos)
            return;
        const std::string ref = tag.substr(at + 5, close - at - 5);
        const std::size_t colon = ref.find(':');
        MergedArea area{};
        if (colon != std::string::npos &&
            parseCellReference(std::string_view(ref).substr(0, colon), area.firstColumn, area.firstRow) &&
            parseCellReference(std::string_view(ref).substr(colon + 1), area.lastColumn, area.lastRow) &&
            area.firstRow <= area.lastRow && area.firstColumn <= area.lastColumn &&
            static_cast<std::size_t>(area.lastColumn) < package.limits().maxColumns && scan.merged.size() < 100000)
            scan.merged.push_back(area);
    };
    auto consume = [&](std::string_view chunk) {
        for (const char c : chunk) {
            switch (state) {
            case State::Text:
                if (c == '<') {
                    state = State::Name;
                    name.clear();
                }
                break;
            case State::Name:
                if ((std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-' || c == '.' ||
                     c == '/') &&
                    name.size() < 64) {
                    name += c;
                    break;
                }
                {
                    const std::size_t colon = name.rfind(':');
                    const std::string_view local =
                        colon == std::string::npos ? std::string_view(name) : std::string_view(name).substr(colon + 1);
                    if (local == "row")
                        ++scan.rows;
                    if (local == "mergeCell" && c != '>') {
                        state = State::MergeTag;
                        tag.assign(1, c);
                    } else {
                        state = c == '>' ? State::Text : State::Skip;
                    }
                }
                break;
            case State::MergeTag:
                if (c == '>') {
                    finishMerge();
                    state = State::Text;
                } else if (tag.size() < 512) {
                    tag += c;
                }
                break;
            case State::Skip:
                if (c == '>')
                    state = State::Text;
                break;
            }
        }
    };
    if (auto failed = package.streamPart(part, package.limits().maxEntryBytes, consume))
        return *failed;
    std::sort(scan.merged.begin(), scan.merged.end(),
              [](const MergedArea& a, const MergedArea& b) { return a.firstRow < b.firstRow; });
    return scan;
}

} // namespace

bool looksLikeZip(std::string_view bytes)
{
    return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::unique_ptr<SheetRows>> readXlsx(std::string bytes, const std::string& fileName,
                                            const std::optional<std::string>& sheet, const XlsxLimits& limits)
{
    auto package = std::make_unique<Package>(std::move(bytes), fileName, limits);
    if (auto e = package->open())
        return *e;
    // The main part, through the package relationships; xl/workbook.xml when they do not say.
    std::string workbookPart = "xl/workbook.xml";
    auto packageRels = readRelationships(*package, "_rels/.rels");
    if (!packageRels)
        return packageRels.errors();
    for (const auto& rel : *packageRels)
        if (endsWith(rel.type, "/officeDocument") && !rel.external)
            if (auto resolved = resolveTarget("", rel.target))
                workbookPart = *resolved;
    auto workbookText = package->readPart(workbookPart, limits.maxSmallPartBytes);
    if (!workbookText)
        return package->error("không phải tệp XLSX (thiếu " + workbookPart + ")",
                              "not an XLSX file (no " + workbookPart + ")");
    pugi::xml_document workbook;
    if (!workbook.load_buffer(workbookText->data(), workbookText->size(), pugi::parse_default & ~pugi::parse_doctype))
        return package->error("phần " + workbookPart + " không phải XML hợp lệ",
                              "the part " + workbookPart + " is not valid XML", workbookPart);
    const std::string baseDir = directoryOf(workbookPart);
    const std::string relsPart = baseDir + "_rels/" + workbookPart.substr(baseDir.size()) + ".rels";
    auto rels = readRelationships(*package, relsPart);
    if (!rels)
        return rels.errors();

    std::vector<std::pair<std::string, std::string>> sheets; // name, relationship id
    for (pugi::xml_node node : workbook.document_element().children()) {
        if (local(node.name()) != "sheets")
            continue;
        for (pugi::xml_node entry : node.children()) {
            if (local(entry.name()) != "sheet")
                continue;
            std::string relId;
            for (pugi::xml_attribute attr : entry.attributes())
                if (local(attr.name()) == "id")
                    relId = attr.value();
            sheets.emplace_back(entry.attribute("name").value(), relId);
        }
    }
    if (sheets.empty())
        return package->error("tệp XLSX không có trang tính nào", "the XLSX file has no worksheet");
    auto chosen = sheets.begin();
    if (sheet) {
        chosen = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == *sheet; });
        if (chosen == sheets.end()) {
            std::string known;
            for (const auto& s : sheets)
                known += (known.empty() ? "" : ", ") + s.first;
            return makeError(ErrorKind::InvalidInput, fileName, 0, "--sheet",
                             "không có trang tính '" + *sheet + "' (có: " + known + ")",
                             "no worksheet '" + *sheet + "' (the workbook has: " + known + ")");
        }
    }
    std::string sheetPart, sharedStringsPart;
    std::vector<LocalizedText> notices;
    bool externalLinks = false;
    for (const auto& rel : *rels) {
        if (rel.id == chosen->second) {
            if (rel.external)
                return package->error("trang tính '" + chosen->first + "' trỏ ra ngoài tệp (" + rel.target +
                                          "); không theo liên kết ngoài",
                                      "the worksheet '" + chosen->first + "' points outside the file (" + rel.target +
                                          "); external links are not followed");
            auto resolved = resolveTarget(baseDir, rel.target);
            if (!resolved)
                return package->error(
                    "trang tính '" + chosen->first + "' có đường dẫn không hợp lệ (" + rel.target + ")",
                    "the worksheet '" + chosen->first + "' has an invalid target (" + rel.target + ")");
            sheetPart = *resolved;
        } else if (endsWith(rel.type, "/sharedStrings") && !rel.external) {
            if (auto resolved = resolveTarget(baseDir, rel.target))
                sharedStringsPart = *resolved;
        } else if (endsWith(rel.type, "/externalLink")) {
            externalLinks = true;
        }
    }
    for (const auto& name : package->names())
        if (name.rfind(baseDir + "externalLinks/", 0) == 0)
            externalLinks = true;
    if (externalLinks)
        notices.push_back({"tệp XLSX có liên kết tới tệp khác; các liên kết không được mở, giá trị đã lưu trong tệp "
                           "được dùng",
                           "the XLSX file links to other files; the links are not opened, the values cached in the "
                           "file are used"});
    if (sheetPart.empty())
        return package->error("không tìm thấy phần của trang tính '" + chosen->first + "'",
                              "the part of the worksheet '" + chosen->first + "' is missing");
    std::vector<std::string> sharedStrings;
    if (!sharedStringsPart.empty() && package->has(sharedStringsPart)) {
        auto read = readSharedStrings(*package, sharedStringsPart);
        if (!read)
            return read.errors();
        sharedStrings = std::move(*read);
    }
    auto scan = scanSheet(*package, sheetPart);
    if (!scan)
        return scan.errors();
    auto rows = std::make_unique<XlsxRows>(std::move(package), chosen->first, sheetPart, std::move(sharedStrings),
                                           std::move(scan->merged), std::move(notices));
    rows->setRowElements(scan->rows);
    if (auto e = rows->open())
        return *e;
    return std::unique_ptr<SheetRows>(std::move(rows));
}

Result<std::unique_ptr<SheetRows>> readXlsxFile(const std::string& path, const std::optional<std::string>& sheet,
                                                const XlsxLimits& limits)
{
    InputFileLimits fileLimits;
    fileLimits.maxBytes = limits.maxFileBytes;
    fileLimits.what = {"tệp XLSX", "XLSX file"};
    auto content = readInputFile(path, fileLimits);
    if (!content)
        return content.errors();
    return readXlsx(std::move(*content), path, sheet, limits);
}

} // namespace seclevel
