#include "core/VietnameseText.h"

#include "core/Utf8.h"

#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace seclevel {

namespace {

char32_t decodeAt(std::string_view text, std::size_t pos, std::size_t length)
{
    if (length == 1)
        return static_cast<unsigned char>(text[pos]);
    char32_t cp = static_cast<unsigned char>(text[pos]) & (0xFF >> (length + 1));
    for (std::size_t i = 1; i < length; ++i)
        cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
    return cp;
}

// Each precomposed Vietnamese letter (and the Latin-1 letters Vietnamese shares) with its base letter.
const std::unordered_map<char32_t, char>& baseLetters()
{
    static const std::unordered_map<char32_t, char> table = [] {
        const std::array<std::pair<const char*, char>, 14> groups{{
            {"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
            {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
            {"èéẻẽẹêềếểễệ", 'e'},
            {"ÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
            {"ìíỉĩị", 'i'},
            {"ÌÍỈĨỊ", 'i'},
            {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
            {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
            {"ùúủũụưừứửữự", 'u'},
            {"ÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
            {"ỳýỷỹỵ", 'y'},
            {"ỲÝỶỸỴ", 'y'},
            {"đ", 'd'},
            {"Đ", 'd'},
        }};
        std::unordered_map<char32_t, char> map;
        for (const auto& [letters, base] : groups) {
            std::string_view text(letters);
            for (std::size_t pos = 0; pos < text.size();) {
                const std::size_t length = utf8SequenceLength(text, pos);
                map.emplace(decodeAt(text, pos, length), base);
                pos += length;
            }
        }
        return map;
    }();
    return table;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Removes the group separators of an integer part ("1.234.567", "1 234 567"); false when a group is malformed.
bool ungroup(std::string_view digits, std::string& out)
{
    out.clear();
    char separator = 0;
    std::size_t groupLength = 0;
    bool first = true;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const char c = digits[i];
        if (isDigit(c)) {
            out += c;
            ++groupLength;
            continue;
        }
        if (c != '.' && c != ' ')
            return false;
        if (separator && c != separator)
            return false;
        separator = c;
        if (groupLength == 0 || groupLength > 3 || (!first && groupLength != 3))
            return false;
        first = false;
        groupLength = 0;
    }
    if (out.empty())
        return false;
    return !separator || groupLength == 3;
}

// Sign, integer part (grouped or not) and decimal digits of a Vietnamese-notation number.
struct NumberParts {
    bool negative = false;
    std::string integer;
    std::string decimals;
    bool hasComma = false;
    bool grouped = false; // the integer part had group separators
};

std::optional<NumberParts> splitNumber(std::string_view text)
{
    std::string cleaned;
    // Non-breaking and narrow spaces (U+00A0, U+202F) are what spreadsheet programs put between groups.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 2) == "\xC2\xA0") {
            cleaned += ' ';
            ++i;
        } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
            cleaned += ' ';
            i += 2;
        } else {
            cleaned += text[i];
        }
    }
    std::string_view t(cleaned);
    while (!t.empty() && t.front() == ' ')
        t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ')
        t.remove_suffix(1);
    NumberParts parts;
    if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
        parts.negative = t.front() == '-';
        t.remove_prefix(1);
    }
    if (t.empty())
        return std::nullopt;
    const std::size_t comma = t.find(',');
    std::string_view integer = t.substr(0, comma);
    if (comma != std::string_view::npos) {
        parts.hasComma = true;
        std::string_view decimals = t.substr(comma + 1);
        if (decimals.empty())
            return std::nullopt;
        for (char c : decimals)
            if (!isDigit(c))
                return std::nullopt;
        parts.decimals = std::string(decimals);
    }
    if (!ungroup(integer, parts.integer))
        return std::nullopt;
    parts.grouped = parts.integer.size() != integer.size();
    return parts;
}

} // namespace

std::string foldVietnamese(std::string_view text)
{
    const auto& letters = baseLetters();
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t length = utf8SequenceLength(text, pos);
        if (length == 0) { // not UTF-8: keep the byte as it is (callers check encodings before)
            out += text[pos++];
            continue;
        }
        const char32_t cp = decodeAt(text, pos, length);
        const bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F ||
                           cp == 0x2007 || cp == 0x3000;
        if (space) {
            pendingSpace = !out.empty();
            pos += length;
            continue;
        }
        if (cp >= 0x300 && cp <= 0x36F) { // combining marks of decomposed (NFD) text
            pos += length;
            continue;
        }
        if (pendingSpace) {
            out += ' ';
            pendingSpace = false;
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        } else if (auto found = letters.find(cp); found != letters.end()) {
            out += found->second;
        } else {
            out.append(text.substr(pos, length));
        }
        pos += length;
    }
    return out;
}

ParsedInteger parseVietnameseInteger(std::string_view text)
{
    auto parts = splitNumber(text);
    if (!parts)
        return {0, NumberProblem::NotANumber};
    if (parts->hasComma) {
        const bool zeros = parts->decimals.find_first_not_of('0') == std::string::npos;
        // "86,000": a Vietnamese reader sees 86, an English one 86000 — refuse rather than guess.
        if (zeros && parts->decimals.size() == 3 && !parts->grouped)
            return {0, NumberProblem::Ambiguous};
        if (!zeros)
            return {0, NumberProblem::NotWhole};
    }
    std::int64_t value = 0;
    for (char c : parts->integer) {
        if (value > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10)
            return {0, NumberProblem::OutOfRange};
        value = value * 10 + (c - '0');
    }
    return {parts->negative ? -value : value, NumberProblem::None};
}

std::optional<double> parseVietnameseDecimal(std::string_view text)
{
    auto parts = splitNumber(text);
    if (!parts)
        return std::nullopt;
    double value = 0;
    for (char c : parts->integer)
        value = value * 10 + (c - '0');
    double scale = 0.1;
    for (char c : parts->decimals) {
        value += (c - '0') * scale;
        scale /= 10;
    }
    if (!std::isfinite(value))
        return std::nullopt;
    return parts->negative ? -value : value;
}

} // namespace seclevel
