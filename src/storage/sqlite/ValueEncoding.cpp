#include "storage/sqlite/ValueEncoding.h"

#include "core/Utf8.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace seclevel::sqlite {

namespace {

// Reads exactly four hex digits at text[pos].
std::optional<std::uint32_t> hex4(std::string_view text, size_t pos)
{
    if (pos + 4 > text.size())
        return std::nullopt;
    std::uint32_t value = 0;
    for (size_t i = pos; i < pos + 4; ++i) {
        const char c = text[i];
        value <<= 4;
        if (c >= '0' && c <= '9')
            value |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return std::nullopt;
    }
    return value;
}

// Parses one JSON string starting at text[pos] == '"'; on success pos is just past the closing quote.
std::optional<std::string> parseJsonString(std::string_view text, size_t& pos)
{
    if (pos >= text.size() || text[pos] != '"')
        return std::nullopt;
    ++pos;
    std::string out;
    while (pos < text.size()) {
        const char c = text[pos++];
        if (c == '"')
            return out;
        if (static_cast<unsigned char>(c) < 0x20)
            return std::nullopt;  // JSON forbids raw control characters inside strings
        if (c != '\\') {
            out += c;
            continue;
        }
        if (pos >= text.size())
            return std::nullopt;
        const char escape = text[pos++];
        switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            auto unit = hex4(text, pos);
            if (!unit)
                return std::nullopt;
            pos += 4;
            std::uint32_t codePoint = *unit;
            if (codePoint >= 0xD800 && codePoint <= 0xDBFF) {  // high surrogate: a low one must follow
                if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u')
                    return std::nullopt;
                auto low = hex4(text, pos + 2);
                if (!low || *low < 0xDC00 || *low > 0xDFFF)
                    return std::nullopt;
                pos += 6;
                codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (*low - 0xDC00);
            } else if (codePoint >= 0xDC00 && codePoint <= 0xDFFF) {
                return std::nullopt;
            }
            appendUtf8(out, codePoint);
            break;
        }
        default: return std::nullopt;
        }
    }
    return std::nullopt;  // unterminated
}

// Canonical arrays have no whitespace, so neither does the parser accept any.
std::optional<std::vector<std::string>> parseJsonStringArray(std::string_view text)
{
    if (text.size() < 2 || text.front() != '[')
        return std::nullopt;
    std::vector<std::string> items;
    size_t pos = 1;
    if (text[pos] == ']')
        return pos + 1 == text.size() ? std::optional(items) : std::nullopt;
    while (true) {
        auto item = parseJsonString(text, pos);
        if (!item || pos >= text.size())
            return std::nullopt;
        items.push_back(std::move(*item));
        if (text[pos] == ']')
            return pos + 1 == text.size() ? std::optional(items) : std::nullopt;
        if (text[pos] != ',')
            return std::nullopt;
        ++pos;
    }
}

std::string jsonArray(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(items[i]);
    }
    return out + "]";
}

bool isStorableDate(Date date)
{
    const int year = static_cast<int>(date.year());
    return date.ok() && year >= 0 && year <= 9999;  // formatIsoDate/parseIsoDate round-trip exactly these
}

// Not answered (monostate) means the text does not parse. (A plain Value rather than optional<Value>: GCC 12
// reports a false maybe-uninitialized for the latter under -fsanitize.)
Value parseEncoded(std::string_view type, std::string_view text)
{
    if (type == "bool" && (text == "true" || text == "false"))
        return text == "true";
    if (type == "int") {
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc{} && end == text.data() + text.size())
            return number;
    }
    if (type == "string")
        return std::string(text);
    if (type == "list") {
        if (auto items = parseJsonStringArray(text))
            return std::move(*items);
    }
    if (type == "date") {
        if (auto date = parseIsoDate(text))
            return *date;
    }
    return std::monostate{};
}

} // namespace

bool isStorableText(std::string_view text)
{
    return text.find('\0') == std::string_view::npos && isValidUtf8(text);
}

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::optional<EncodedValue> encodeValue(const Value& value)
{
    struct Visitor {
        std::optional<EncodedValue> operator()(std::monostate) const { return std::nullopt; }
        std::optional<EncodedValue> operator()(bool b) const { return EncodedValue{"bool", b ? "true" : "false"}; }
        std::optional<EncodedValue> operator()(std::int64_t i) const { return EncodedValue{"int", std::to_string(i)}; }
        std::optional<EncodedValue> operator()(const std::string& s) const
        {
            if (!isStorableText(s))
                return std::nullopt;
            return EncodedValue{"string", s};
        }
        std::optional<EncodedValue> operator()(const std::vector<std::string>& items) const
        {
            for (const auto& item : items)
                if (!isStorableText(item))
                    return std::nullopt;
            return EncodedValue{"list", jsonArray(items)};
        }
        std::optional<EncodedValue> operator()(Date d) const
        {
            if (!isStorableDate(d))
                return std::nullopt;
            return EncodedValue{"date", formatIsoDate(d)};
        }
    };
    return std::visit(Visitor{}, value);
}

std::optional<Value> decodeValue(std::string_view type, std::string_view text)
{
    Value value = parseEncoded(type, text);
    // Only the exact text encodeValue writes is accepted: "007", "+1", "[ \"a\"]" or a NUL mean damage.
    const auto again = encodeValue(value);  // nullopt for monostate
    if (!again || again->type != type || again->text != text)
        return std::nullopt;
    return std::make_optional(std::move(value));
}

std::string canonicalJson(const Value& value)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(const std::string& s) const { return jsonString(s); }
        std::string operator()(const std::vector<std::string>& items) const { return jsonArray(items); }
        std::string operator()(Date d) const { return jsonString(formatIsoDate(d)); }
    };
    return std::visit(Visitor{}, value);
}

} // namespace seclevel::sqlite
