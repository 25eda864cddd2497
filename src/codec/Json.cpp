#include "codec/Json.h"

#include "core/Utf8.h"
#include "io/InputFile.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <unordered_map>

namespace seclevel::json {

const char* typeName(Type type)
{
    switch (type) {
    case Type::Null: return "null";
    case Type::Boolean: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
    }
    return "?";
}

LocalizedText describeType(Type type)
{
    switch (type) {
    case Type::Null: return {"null", "null"};
    case Type::Boolean: return {"giá trị đúng/sai", "a boolean"};
    case Type::Number: return {"số", "a number"};
    case Type::String: return {"chuỗi", "a string"};
    case Type::Array: return {"danh sách [...]", "an array [...]"};
    case Type::Object: return {"đối tượng {...}", "an object {...}"};
    }
    return {"?", "?"};
}

const Node* Node::find(std::string_view key) const
{
    for (const auto& member : members)
        if (member.key == key)
            return &member.value;
    return nullptr;
}

std::optional<double> Node::asDouble() const
{
    if (type != Type::Number)
        return std::nullopt;
    double out = 0;
    const char* begin = text.data();
    const char* end = begin + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, out);
    if (ec != std::errc{} || ptr != end)
        return std::nullopt;
    return out;
}

namespace {

std::string hex(unsigned value, int digits)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, value);
    return buffer;
}

// Thrown inside the parser only; parse() turns it into a Result.
struct ParseFailure {
    Error error;
};

class Parser {
public:
    Parser(std::string_view text, const std::string& fileName, const ArrayItemCap* cap = nullptr)
        : m_text(text),
          m_file(fileName),
          m_cap(cap)
    {}

    Node run()
    {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") { // a BOM is tolerated at the very start only
            m_pos = 3;
            m_lineStart = m_colPos = 3;
        }
        skipWhitespace();
        if (atEnd())
            fail("không có giá trị JSON (tệp rỗng)", "no JSON value (the input is empty)");
        Node root;
        parseValue(root, 0);
        skipWhitespace();
        if (!atEnd())
            fail("dữ liệu thừa " + describeHere().vi + " sau giá trị JSON",
                 "unexpected " + describeHere().en + " after the JSON value");
        return root;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(m_text[m_pos]); }

    [[noreturn]] void fail(std::string vi, std::string en) const { failAt(m_line, std::move(vi), std::move(en)); }
    [[noreturn]] void failAt(int line, std::string vi, std::string en) const
    {
        throw ParseFailure{makeError(m_file, line, m_field, std::move(vi), std::move(en))};
    }

    // What sits at the current position, for messages: "ký tự ']'" / "character ']'", "U+00E9", "byte 0xFF".
    LocalizedText describeHere() const
    {
        if (atEnd())
            return {"cuối tệp", "end of input"};
        const unsigned char c = peek();
        if (c >= 0x20 && c < 0x7F) {
            const std::string shown = std::string("'") + static_cast<char>(c) + "'";
            return {"ký tự " + shown, "character " + shown};
        }
        if (c < 0x80)
            return {"ký tự điều khiển U+" + hex(c, 4), "control character U+" + hex(c, 4)};
        const std::size_t length = utf8SequenceLength(m_text, m_pos);
        if (length == 0)
            return {"byte 0x" + hex(c, 2) + " (không phải UTF-8 hợp lệ)", "byte 0x" + hex(c, 2) + " (invalid UTF-8)"};
        const std::string shown = "'" + std::string(m_text.substr(m_pos, length)) + "'";
        return {"ký tự " + shown, "character " + shown};
    }

    int column(std::size_t pos)
    {
        // Positions asked for only grow within a line, so counting from the last answer is linear overall.
        for (; m_colPos < pos; ++m_colPos)
            if ((static_cast<unsigned char>(m_text[m_colPos]) & 0xC0) != 0x80)
                ++m_col;
        return m_col + 1;
    }

    void newLine(std::size_t nextLineStart)
    {
        ++m_line;
        m_lineStart = m_colPos = nextLineStart;
        m_col = 0;
    }

    void skipWhitespace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t') {
                ++m_pos;
            } else if (c == '\n') {
                newLine(++m_pos);
            } else if (c == '\r') { // CRLF counts once; a lone CR (old Mac files) also ends a line
                ++m_pos;
                if (!atEnd() && m_text[m_pos] == '\n')
                    ++m_pos;
                newLine(m_pos);
            } else {
                break;
            }
        }
    }

    void parseValue(Node& node, int depth)
    {
        if (atEnd())
            fail("tệp kết thúc đột ngột: cần một giá trị JSON", "unexpected end of input: expected a JSON value");
        if (++m_values > kMaxValues)
            fail("quá nhiều giá trị: tối đa " + std::to_string(kMaxValues),
                 "too many values: at most " + std::to_string(kMaxValues));
        node.line = m_line;
        node.column = column(m_pos);
        const unsigned char c = peek();
        if (c == '{')
            parseObject(node, depth + 1);
        else if (c == '[')
            parseArray(node, depth + 1);
        else if (c == '"') {
            node.type = Type::String;
            parseString(node.text);
        } else if (c == '-' || (c >= '0' && c <= '9'))
            parseNumber(node);
        else if (c == 't' || c == 'f' || c == 'n')
            parseLiteral(node);
        else
            fail(describeHere().vi + " không hợp lệ: cần một giá trị JSON",
                 "unexpected " + describeHere().en + ": expected a JSON value");
    }

    void checkDepth(int depth) const
    {
        if (depth > kMaxDepth)
            fail("cấu trúc lồng quá sâu: tối đa " + std::to_string(kMaxDepth) + " cấp",
                 "nesting too deep: at most " + std::to_string(kMaxDepth) + " levels");
    }

    void parseObject(Node& node, int depth)
    {
        checkDepth(depth);
        node.type = Type::Object;
        ++m_pos; // '{'
        const std::string outerField = m_field;
        std::unordered_map<std::string, int> keyLines; // a map, not a scan: hostile objects may be huge
        skipWhitespace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            return;
        }
        for (;;) {
            skipWhitespace();
            if (atEnd() || peek() != '"') {
                if (!atEnd() && peek() == '}' && !node.members.empty())
                    fail("dấu ',' thừa trước '}'", "trailing comma before '}'");
                fail("cần tên khóa trong dấu ngoặc kép, gặp " + describeHere().vi,
                     "expected an object key in double quotes, found " + describeHere().en);
            }
            const int keyLine = m_line;
            std::string key;
            parseString(key);
            m_field = key;
            if (auto [it, inserted] = keyLines.emplace(key, keyLine); !inserted)
                failAt(keyLine, "khóa \"" + key + "\" bị lặp (đã có ở dòng " + std::to_string(it->second) + ")",
                       "duplicate key \"" + key + "\" (first at line " + std::to_string(it->second) + ")");
            skipWhitespace();
            if (atEnd() || peek() != ':')
                fail("thiếu dấu ':' sau tên khóa", "expected ':' after object key");
            ++m_pos;
            skipWhitespace();
            node.members.push_back(Member{std::move(key), Node{}});
            parseValue(node.members.back().value, depth);
            skipWhitespace();
            if (!atEnd() && peek() == ',') {
                ++m_pos;
                continue;
            }
            if (!atEnd() && peek() == '}') {
                ++m_pos;
                m_field = outerField;
                return;
            }
            if (atEnd())
                fail("tệp kết thúc đột ngột: thiếu dấu '}' đóng đối tượng",
                     "unexpected end of input: missing '}' to close the object");
            fail("thiếu dấu ',' hoặc '}' trong đối tượng, gặp " + describeHere().vi,
                 "expected ',' or '}' in object, found " + describeHere().en);
        }
    }

    void parseArray(Node& node, int depth)
    {
        checkDepth(depth);
        node.type = Type::Array;
        ++m_pos; // '['
        const bool capped = m_cap && m_field == m_cap->key;
        skipWhitespace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            return;
        }
        for (;;) {
            skipWhitespace();
            if (!atEnd() && peek() == ']' && !node.items.empty())
                fail("dấu ',' thừa trước ']'", "trailing comma before ']'");
            if (capped && node.items.size() == m_cap->maxItems)
                throw ParseFailure{Error{ErrorKind::InvalidInput, m_file, m_line,
                                         m_cap->key + "[" + std::to_string(m_cap->maxItems + 1) + "]", m_cap->message}};
            node.items.emplace_back();
            parseValue(node.items.back(), depth);
            skipWhitespace();
            if (!atEnd() && peek() == ',') {
                ++m_pos;
                continue;
            }
            if (!atEnd() && peek() == ']') {
                ++m_pos;
                return;
            }
            if (atEnd())
                fail("tệp kết thúc đột ngột: thiếu dấu ']' đóng danh sách",
                     "unexpected end of input: missing ']' to close the array");
            fail("thiếu dấu ',' hoặc ']' trong danh sách, gặp " + describeHere().vi,
                 "expected ',' or ']' in array, found " + describeHere().en);
        }
    }

    // Four hex digits after "\u" at m_pos; advances past them.
    std::uint32_t parseHex4()
    {
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i, ++m_pos) {
            if (atEnd())
                fail("\\u cần đúng 4 chữ số thập lục phân", "\\u must be followed by 4 hex digits");
            const char c = m_text[m_pos];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                fail("\\u cần đúng 4 chữ số thập lục phân", "\\u must be followed by 4 hex digits");
        }
        return value;
    }

    void parseString(std::string& out)
    {
        const int startLine = m_line;
        ++m_pos; // opening quote
        for (;;) {
            // Copy the run of plain ASCII in one go.
            std::size_t run = m_pos;
            while (run < m_text.size()) {
                const unsigned char c = static_cast<unsigned char>(m_text[run]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    break;
                ++run;
            }
            out.append(m_text.data() + m_pos, run - m_pos);
            m_pos = run;
            if (atEnd())
                failAt(startLine, "chuỗi chưa được đóng (thiếu dấu \")", "unterminated string (missing \")");
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return;
            }
            if (c < 0x20)
                fail("ký tự điều khiển U+" + hex(c, 4) +
                         " không được phép trong chuỗi (phải viết dạng thoát, ví dụ \\n)",
                     "control character U+" + hex(c, 4) + " is not allowed in a string (escape it, e.g. \\n)");
            if (c >= 0x80) {
                const std::size_t length = utf8SequenceLength(m_text, m_pos);
                if (length == 0)
                    fail("chuỗi không phải UTF-8 hợp lệ (byte 0x" + hex(c, 2) + ")",
                         "invalid UTF-8 in string (byte 0x" + hex(c, 2) + ")");
                out.append(m_text.data() + m_pos, length);
                m_pos += length;
                continue;
            }
            parseEscape(out);
        }
    }

    void parseEscape(std::string& out)
    {
        ++m_pos; // backslash
        if (atEnd())
            fail("chuỗi chưa được đóng (thiếu dấu \")", "unterminated string (missing \")");
        const char e = m_text[m_pos++];
        switch (e) {
        case '"': out += '"'; return;
        case '\\': out += '\\'; return;
        case '/': out += '/'; return;
        case 'b': out += '\b'; return;
        case 'f': out += '\f'; return;
        case 'n': out += '\n'; return;
        case 'r': out += '\r'; return;
        case 't': out += '\t'; return;
        case 'u': break;
        default: {
            --m_pos;
            fail("chuỗi thoát không hợp lệ: \\ trước " + describeHere().vi,
                 "invalid escape sequence: \\ before " + describeHere().en);
        }
        }
        std::uint32_t cp = parseHex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            fail("\\u" + hex(cp, 4) + " là nửa sau của cặp thay thế (surrogate) nhưng đứng một mình",
                 "lone low surrogate \\u" + hex(cp, 4));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_text.substr(m_pos, 2) != "\\u")
                fail("\\u" + hex(cp, 4) + " là nửa đầu của cặp thay thế (surrogate) nhưng thiếu nửa sau",
                     "lone high surrogate \\u" + hex(cp, 4) + " (no low surrogate follows)");
            m_pos += 2;
            const std::uint32_t low = parseHex4();
            if (low < 0xDC00 || low > 0xDFFF)
                fail("\\u" + hex(cp, 4) + " là nửa đầu của cặp thay thế (surrogate) nhưng theo sau là \\u" +
                         hex(low, 4),
                     "high surrogate \\u" + hex(cp, 4) + " followed by \\u" + hex(low, 4) + ", not a low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        // RFC 8259 §9 lets a parser limit string contents. NUL is refused: it cannot travel through the XML
        // dossiers and C APIs downstream, and no answer needs it.
        if (cp == 0)
            fail("không chấp nhận ký tự NUL (\\u0000) trong chuỗi",
                 "the NUL character (\\u0000) is not accepted in strings");
        appendUtf8(out, cp);
    }

    void parseNumber(Node& node)
    {
        const std::size_t start = m_pos;
        const auto digit = [&] { return !atEnd() && peek() >= '0' && peek() <= '9'; };
        const auto invalid = [&](const char* vi, const char* en) {
            fail(std::string("số không hợp lệ: ") + vi, std::string("invalid number: ") + en);
        };
        if (peek() == '-')
            ++m_pos;
        if (!digit())
            invalid("cần chữ số sau dấu '-'", "expected a digit after '-'");
        if (peek() == '0') {
            ++m_pos;
            if (digit())
                invalid("không được có chữ số 0 ở đầu", "leading zeros are not allowed");
        } else {
            while (digit())
                ++m_pos;
        }
        bool integral = true;
        if (!atEnd() && peek() == '.') {
            integral = false;
            ++m_pos;
            if (!digit())
                invalid("cần chữ số sau dấu '.'", "expected a digit after '.'");
            while (digit())
                ++m_pos;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            integral = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (!digit())
                invalid("cần chữ số trong phần mũ", "expected a digit in the exponent");
            while (digit())
                ++m_pos;
        }
        node.type = Type::Number;
        node.text = std::string(m_text.substr(start, m_pos - start));
        if (integral) {
            const char* end = node.text.data() + node.text.size();
            auto [ptr, ec] = std::from_chars(node.text.data(), end, node.integer);
            node.isInteger = ec == std::errc{} && ptr == end;
            if (!node.isInteger)
                node.integer = 0;
        }
    }

    void parseLiteral(Node& node)
    {
        const auto matches = [&](std::string_view word) { return m_text.substr(m_pos, word.size()) == word; };
        if (matches("true")) {
            node.type = Type::Boolean;
            node.boolean = true;
            m_pos += 4;
        } else if (matches("false")) {
            node.type = Type::Boolean;
            m_pos += 5;
        } else if (matches("null")) {
            node.type = Type::Null;
            m_pos += 4;
        } else {
            fail("giá trị không hợp lệ (cần true, false hoặc null)", "invalid literal (expected true, false or null)");
        }
    }

    std::string_view m_text;
    std::string m_file;
    const ArrayItemCap* m_cap = nullptr;
    std::string m_field; // innermost object key, for messages
    std::size_t m_pos = 0;
    int m_line = 1;
    std::size_t m_lineStart = 0;
    std::size_t m_colPos = 0; // column() has counted characters of the current line up to here
    int m_col = 0;
    std::size_t m_values = 0;
};

Error tooLarge(const std::string& fileName, std::size_t size, std::size_t maxBytes)
{
    const std::string count = std::to_string(size);
    return makeError(fileName, 0, "",
                     "dữ liệu quá lớn: " + count + " byte, tối đa " + std::to_string(maxBytes) + " byte",
                     "input too large: " + count + " bytes, at most " + std::to_string(maxBytes) + " allowed");
}

} // namespace

Result<Node> parse(std::string_view text, const std::string& fileName, std::size_t maxBytes)
{
    if (text.size() > maxBytes)
        return tooLarge(fileName, text.size(), maxBytes);
    try {
        return Parser(text, fileName).run();
    } catch (const ParseFailure& failure) {
        return failure.error;
    }
}

Result<Node> parse(std::string_view text, const std::string& fileName, const ArrayItemCap& cap, std::size_t maxBytes)
{
    if (text.size() > maxBytes)
        return tooLarge(fileName, text.size(), maxBytes);
    try {
        return Parser(text, fileName, &cap).run();
    } catch (const ParseFailure& failure) {
        return failure.error;
    }
}

Result<Node> parseFile(const std::string& path, std::size_t maxBytes)
{
    auto text = readInputFile(path, {.maxBytes = maxBytes, .what = {"tệp JSON", "JSON file"}, .text = true});
    if (!text)
        return text.errors();
    return parse(*text, path, maxBytes);
}

std::string quote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[pos]);
        if (c >= 0x80) {
            const std::size_t length = utf8SequenceLength(text, pos);
            if (length == 0) {
                out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
                ++pos;
            } else {
                out.append(text.data() + pos, length);
                pos += length;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F)
                out += "\\u" + hex(c, 4);
            else
                out += static_cast<char>(c);
        }
        ++pos;
    }
    out += '"';
    return out;
}

// ---- Writer ----

void Writer::newline(std::size_t depth)
{
    m_out += '\n';
    m_out.append(2 * depth, ' ');
}

void Writer::beforeValue()
{
    if (m_stack.empty()) {
        if (m_done)
            throw std::logic_error("json::Writer: a second top-level value");
        return;
    }
    Frame& top = m_stack.back();
    if (top.object) {
        if (!top.keyPending)
            throw std::logic_error("json::Writer: a value inside an object needs key() first");
        top.keyPending = false;
        return;
    }
    if (!top.empty)
        m_out += ',';
    top.empty = false;
    newline(m_stack.size());
}

void Writer::afterValue()
{
    if (m_stack.empty()) {
        m_done = true;
        m_out += '\n';
    }
}

Writer& Writer::raw(std::string_view literal)
{
    beforeValue();
    m_out += literal;
    afterValue();
    return *this;
}

Writer& Writer::beginObject()
{
    beforeValue();
    m_out += '{';
    m_stack.push_back(Frame{true, true, false});
    return *this;
}

Writer& Writer::beginArray()
{
    beforeValue();
    m_out += '[';
    m_stack.push_back(Frame{false, true, false});
    return *this;
}

Writer& Writer::endObject()
{
    if (m_stack.empty() || !m_stack.back().object || m_stack.back().keyPending)
        throw std::logic_error("json::Writer: endObject() without a matching beginObject() or after a bare key()");
    const bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty)
        newline(m_stack.size());
    m_out += '}';
    afterValue();
    return *this;
}

Writer& Writer::endArray()
{
    if (m_stack.empty() || m_stack.back().object)
        throw std::logic_error("json::Writer: endArray() without a matching beginArray()");
    const bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty)
        newline(m_stack.size());
    m_out += ']';
    afterValue();
    return *this;
}

Writer& Writer::key(std::string_view name)
{
    if (m_stack.empty() || !m_stack.back().object || m_stack.back().keyPending)
        throw std::logic_error("json::Writer: key() outside an object or twice in a row");
    Frame& top = m_stack.back();
    if (!top.empty)
        m_out += ',';
    top.empty = false;
    top.keyPending = true;
    newline(m_stack.size());
    m_out += quote(name);
    m_out += ": ";
    return *this;
}

Writer& Writer::value(std::string_view text)
{
    return raw(quote(text));
}

Writer& Writer::value(bool flag)
{
    return raw(flag ? "true" : "false");
}

Writer& Writer::value(double number)
{
    if (!std::isfinite(number))
        return null();
    char buffer[32];
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
    if (ec != std::errc{})
        return null();
    return raw(std::string_view(buffer, static_cast<std::size_t>(ptr - buffer)));
}

Writer& Writer::null()
{
    return raw("null");
}

Writer& Writer::value(const Node& node)
{
    switch (node.type) {
    case Type::Null: return null();
    case Type::Boolean: return value(node.boolean);
    case Type::Number: // a hand-built node may carry only the integer
        return node.text.empty() ? value(node.integer) : raw(node.text);
    case Type::String: return value(std::string_view(node.text));
    case Type::Array:
        beginArray();
        for (const auto& item : node.items)
            value(item);
        return endArray();
    case Type::Object:
        beginObject();
        for (const auto& member : node.members) {
            key(member.key);
            value(member.value);
        }
        return endObject();
    }
    return *this;
}

std::string write(const Node& node)
{
    Writer writer;
    writer.value(node);
    return writer.str();
}

} // namespace seclevel::json
