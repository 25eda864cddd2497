#include "core/TextSafety.h"

#include "core/Utf8.h"

#include <cstdio>

namespace seclevel {
namespace {

// The code point of the well-formed sequence of `length` bytes at text[pos].
char32_t decodeAt(std::string_view text, std::size_t pos, std::size_t length)
{
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[pos + i])); };
    switch (length) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

// Spaces that are invisible at the edge of an id: ASCII whitespace, NBSP, the U+2000 block, narrow and
// mathematical spaces, ideographic space, zero-width space and the BOM used as a zero-width no-break space.
bool isEdgeWhitespace(char32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

std::string hex(char32_t cp, int digits)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, static_cast<unsigned>(cp));
    return buffer;
}

std::string codePointName(char32_t cp)
{
    static const char* const c0[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",
                                       "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
                                       "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    static const char* const embeddings[5] = {"LRE", "RLE", "PDF", "LRO", "RLO"};
    static const char* const isolates[4] = {"LRI", "RLI", "FSI", "PDI"};
    std::string name = "U+" + hex(cp, 4);
    const char* abbreviation = nullptr;
    if (cp < 0x20)
        abbreviation = c0[cp];
    else if (cp == 0x7F)
        abbreviation = "DEL";
    else if (cp == 0x85)
        abbreviation = "NEL";
    else if (cp == 0x9B)
        abbreviation = "CSI";
    else if (cp == 0x9D)
        abbreviation = "OSC";
    else if (cp >= 0x202A && cp <= 0x202E)
        abbreviation = embeddings[cp - 0x202A];
    else if (cp >= 0x2066 && cp <= 0x2069)
        abbreviation = isolates[cp - 0x2066];
    if (abbreviation)
        name += std::string(" (") + abbreviation + ")";
    return name;
}

enum class TextKind { Identifier, Name, FreeText };

struct KindWords {
    const char* vi;
    const char* en;
};

KindWords wordsOf(TextKind kind)
{
    switch (kind) {
    case TextKind::Identifier: return {"mã định danh", "an identifier"};
    case TextKind::Name: return {"tên", "a name"};
    case TextKind::FreeText: return {"văn bản", "text"};
    }
    return {"", ""};
}

std::optional<Error> checkText(std::string_view value, TextKind kind, const std::string& field, const std::string& file,
                               int line)
{
    const KindWords words = wordsOf(kind);
    auto refuse = [&](const std::string& vi, const std::string& en) { return makeError(file, line, field, vi, en); };
    std::size_t character = 0;
    char32_t first = 0, last = 0;
    for (std::size_t pos = 0; pos < value.size();) {
        const std::size_t length = utf8SequenceLength(value, pos);
        ++character;
        if (length == 0)
            return refuse("không phải UTF-8 hợp lệ (byte thứ " + std::to_string(pos + 1) + ")",
                          "is not valid UTF-8 (byte " + std::to_string(pos + 1) + ")");
        const char32_t cp = decodeAt(value, pos, length);
        pos += length;
        if (character == 1)
            first = cp;
        last = cp;
        const std::string at = std::to_string(character);
        if (isControlCharacter(cp)) {
            if (kind == TextKind::FreeText && (cp == '\t' || cp == '\n' || cp == '\r'))
                continue;
            return refuse("chứa ký tự điều khiển " + codePointName(cp) + " ở ký tự thứ " + at + "; " + words.vi +
                              " không được chứa ký tự điều khiển" +
                              (kind == TextKind::FreeText ? " (trừ tab và xuống dòng)" : ""),
                          "contains the control character " + codePointName(cp) + " at character " + at +
                              "; control characters are not allowed in " + words.en +
                              (kind == TextKind::FreeText ? " (except tab and line breaks)" : ""));
        }
        if (isBidiControl(cp))
            return refuse("chứa ký tự điều khiển hướng chữ " + codePointName(cp) + " ở ký tự thứ " + at + "; " +
                              words.vi + " không được chứa nó (văn bản sẽ hiển thị theo thứ tự khác với thứ tự lưu)",
                          "contains the bidirectional control " + codePointName(cp) + " at character " + at +
                              "; it is not allowed in " + words.en +
                              " (the text would display in another order than it is stored)");
    }
    if (kind == TextKind::Identifier && character > 0) {
        if (isEdgeWhitespace(first))
            return refuse("bắt đầu bằng khoảng trắng " + codePointName(first) +
                              "; mã định danh không có khoảng trắng ở đầu hay cuối",
                          "begins with the whitespace " + codePointName(first) +
                              "; an identifier has no leading or trailing whitespace");
        if (isEdgeWhitespace(last))
            return refuse("kết thúc bằng khoảng trắng " + codePointName(last) +
                              "; mã định danh không có khoảng trắng ở đầu hay cuối",
                          "ends with the whitespace " + codePointName(last) +
                              "; an identifier has no leading or trailing whitespace");
    }
    return std::nullopt;
}

} // namespace

bool isControlCharacter(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool isBidiControl(char32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool isSafeIdentifier(std::string_view value)
{
    return !value.empty() && !checkIdentifier(value, {}).has_value();
}

std::optional<Error> checkIdentifier(std::string_view value, const std::string& field, const std::string& file,
                                     int line)
{
    return checkText(value, TextKind::Identifier, field, file, line);
}

std::optional<Error> checkName(std::string_view value, const std::string& field, const std::string& file, int line)
{
    return checkText(value, TextKind::Name, field, file, line);
}

std::optional<Error> checkFreeText(std::string_view value, const std::string& field, const std::string& file, int line)
{
    return checkText(value, TextKind::FreeText, field, file, line);
}

std::string escapeUnsafeCharacters(std::string_view text, bool keepLinesAndTabs)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = utf8SequenceLength(text, pos);
        if (length == 0) { // not UTF-8: the byte itself, visibly
            out += "\\x" + hex(static_cast<unsigned char>(text[pos]), 2);
            ++pos;
            continue;
        }
        const char32_t cp = decodeAt(text, pos, length);
        if (keepLinesAndTabs && (cp == '\n' || cp == '\t'))
            out += static_cast<char>(cp);
        else if (cp < 0x20 || cp == 0x7F)
            out += "\\x" + hex(cp, 2);
        else if (isControlCharacter(cp) || isBidiControl(cp))
            out += "\\u" + hex(cp, 4);
        else
            out.append(text.data() + pos, length);
        pos += length;
    }
    return out;
}

} // namespace seclevel
