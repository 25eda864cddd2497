#include "io/LegacyEncoding.h"

#include "core/Utf8.h"

#include <string>

namespace seclevel {

namespace {

bool isAsciiVowel(unsigned char c)
{
    switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y': return true;
    default: return false;
    }
}

bool isAsciiLetter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// The tone marks of Windows-1258: combining grave, acute, hook above, tilde, dot below.
bool isCp1258Tone(unsigned char c)
{
    return c == 0xCC || c == 0xEC || c == 0xD2 || c == 0xDE || c == 0xF2;
}

// Windows-1258's own vowels that take a tone byte after them: â ă ê ô ơ ư (and capitals).
bool isCp1258Vowel(unsigned char c)
{
    return c == 0xE2 || c == 0xE3 || c == 0xEA || c == 0xF4 || c == 0xF5 || c == 0xFD || c == 0xC2 || c == 0xC3 ||
           c == 0xCA || c == 0xD4 || c == 0xD5 || c == 0xDD;
}

// The mark bytes VNI writes after a plain vowel (tones, breve, circumflex, horn and their combinations).
bool isVniMark(unsigned char c)
{
    switch (c) {
    case 0xF9:
    case 0xF8:
    case 0xFB:
    case 0xF5:
    case 0xEF: // tones
    case 0xE2:
    case 0xE1:
    case 0xE0:
    case 0xE5:
    case 0xE3:
    case 0xE4: // circumflex (+ tone)
    case 0xEA:
    case 0xE9:
    case 0xE8:
    case 0xFA:
    case 0xFC:
    case 0xEB: // breve (+ tone)
    case 0xF4:
    case 0xF6: // horn (ơ, ư)
    case 0xD9:
    case 0xD8:
    case 0xDB:
    case 0xD5:
    case 0xCF: // capitals
    case 0xC2:
    case 0xC1:
    case 0xC0:
    case 0xC5:
    case 0xC3:
    case 0xC4:
    case 0xCA:
    case 0xC9:
    case 0xC8:
    case 0xDA:
    case 0xDC:
    case 0xCB:
    case 0xD4:
    case 0xD6: return true;
    default: return false;
    }
}

} // namespace

LegacyEncoding guessLegacyEncoding(std::string_view data)
{
    long cp1258 = 0, vni = 0, tcvn3 = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x80)
            continue;
        const auto before = i > 0 ? static_cast<unsigned char>(data[i - 1]) : 0;
        const auto after = i + 1 < data.size() ? static_cast<unsigned char>(data[i + 1]) : 0;
        if (isCp1258Tone(c) && (isAsciiLetter(before) || isCp1258Vowel(before)))
            cp1258 += 2;
        if (isVniMark(c) && isAsciiVowel(before))
            vni += 2;
        if ((c == 0xF1 || c == 0xD1) && (before < 0x80) && isAsciiVowel(after)) // VNI đ/Đ before a vowel
            vni += 1;
        if (c >= 0xA8 && c <= 0xAE && (isAsciiLetter(before) || isAsciiLetter(after) || before == ' '))
            tcvn3 += 2;
        if (c >= 0xB5 && !isAsciiVowel(before) && (isAsciiLetter(before) || before == ' ' || before == 0) &&
            (isAsciiLetter(after) || after == ' ' || after == 0 || after == ',' || after == ';'))
            tcvn3 += 1;
    }
    if (cp1258 == 0 && vni == 0 && tcvn3 == 0)
        return LegacyEncoding::Unknown;
    if (cp1258 >= vni && cp1258 >= tcvn3)
        return LegacyEncoding::Windows1258;
    if (vni >= tcvn3)
        return LegacyEncoding::Vni;
    return LegacyEncoding::Tcvn3;
}

std::optional<LocalizedText> describeLegacyEncoding(std::string_view data)
{
    std::string_view body = data;
    if (body.substr(0, 3) == "\xEF\xBB\xBF")
        body.remove_prefix(3);
    if (isValidUtf8(body))
        return std::nullopt;
    std::size_t line = 1;
    for (std::size_t pos = 0; pos < body.size();) {
        if (body[pos] == '\n')
            ++line;
        const std::size_t length = utf8SequenceLength(body, pos);
        if (length == 0)
            break;
        pos += length;
    }
    const std::string where = std::to_string(line);
    switch (guessLegacyEncoding(body)) {
    case LegacyEncoding::Windows1258:
        return LocalizedText{"tệp không phải UTF-8 (từ dòng " + where +
                                 "); có vẻ là bảng mã Windows-1258 (CP1258). Hãy lưu lại dạng \"CSV UTF-8\" hoặc "
                                 "chuyển mã: iconv -f CP1258 -t UTF-8",
                             "the file is not UTF-8 (from line " + where +
                                 "); it looks like Windows-1258 (CP1258). Save it as \"CSV UTF-8\" or convert it: "
                                 "iconv -f CP1258 -t UTF-8"};
    case LegacyEncoding::Tcvn3:
        return LocalizedText{"tệp không phải UTF-8 (từ dòng " + where +
                                 "); có vẻ là bảng mã TCVN3 (ABC, phông .Vn…). Hãy chuyển sang Unicode (ví dụ bằng "
                                 "Unikey: Công cụ chuyển mã, TCVN3 → Unicode) rồi lưu dạng \"CSV UTF-8\"",
                             "the file is not UTF-8 (from line " + where +
                                 "); it looks like TCVN3 (ABC, .Vn fonts). Convert it to Unicode (e.g. Unikey's "
                                 "converter, TCVN3 → Unicode) and save it as \"CSV UTF-8\""};
    case LegacyEncoding::Vni:
        return LocalizedText{"tệp không phải UTF-8 (từ dòng " + where +
                                 "); có vẻ là bảng mã VNI (phông VNI-…). Hãy chuyển sang Unicode (ví dụ bằng Unikey: "
                                 "VNI Windows → Unicode) rồi lưu dạng \"CSV UTF-8\"",
                             "the file is not UTF-8 (from line " + where +
                                 "); it looks like VNI (VNI-… fonts). Convert it to Unicode (e.g. Unikey's converter, "
                                 "VNI Windows → Unicode) and save it as \"CSV UTF-8\""};
    case LegacyEncoding::Unknown: break;
    }
    return LocalizedText{"tệp không phải UTF-8 (từ dòng " + where + "); hãy lưu lại dạng \"CSV UTF-8\"",
                         "the file is not UTF-8 (from line " + where + "); save it as \"CSV UTF-8\""};
}

} // namespace seclevel
