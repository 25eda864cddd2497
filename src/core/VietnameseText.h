#pragma once
// Vietnamese text as officials type it into spreadsheets: the same header or value comes with and without
// diacritics, in any case, with NFC or NFD marks ("Nội bộ", "noi bo", "NỘI BỘ"), and numbers are written the
// Vietnamese way (dot groups thousands, comma marks the decimals: "86.000", "1,5"). Pure functions, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seclevel {

// The comparison key of a label: Vietnamese letters folded to their base letter (đ/Đ → d, ộ → o, Ư → u),
// combining marks (U+0300–U+036F) dropped, ASCII lower-cased, runs of white space (incl. U+00A0) made one
// space, trimmed. Other characters are kept as they are. "  NỘI   BỘ " and "noi bo" give "noi bo".
std::string foldVietnamese(std::string_view text);

// A whole number as written in a Vietnamese spreadsheet: "86000", "86.000", "86 000", "1.234.567", with an
// optional sign; a decimal part of zeros ("12,0", "12,00") is allowed. nullopt for anything else — "1,5" is
// not whole, "86,000" is refused as ambiguous (86 in Vietnamese notation, 86000 in English), "8.6000" has a
// misplaced group.
enum class NumberProblem { None, NotANumber, NotWhole, Ambiguous, OutOfRange };
struct ParsedInteger {
    std::int64_t value = 0;
    NumberProblem problem = NumberProblem::None;
};
ParsedInteger parseVietnameseInteger(std::string_view text);

// A decimal number in Vietnamese notation ("1,5", "86.000,25", "-3"); nullopt when it is not one.
std::optional<double> parseVietnameseDecimal(std::string_view text);

} // namespace seclevel
