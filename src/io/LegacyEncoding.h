#pragma once
// Vietnamese files from before Unicode are still about: spreadsheets saved as "CSV" by old Excel versions in
// Windows-1258, or typed with the TCVN3 (ABC) and VNI fonts. Read as UTF-8 they turn into mojibake that would
// be stored as names and ids, so they are refused with a message that says which encoding the bytes look like
// and how to convert them.
#include "core/Text.h"

#include <optional>
#include <string_view>

namespace seclevel {

enum class LegacyEncoding { Windows1258, Tcvn3, Vni, Unknown };

// Which legacy encoding `data` (not valid UTF-8) most looks like, from its characteristic byte patterns:
// Windows-1258 writes tones as combining bytes after the letter (0xCC, 0xEC, 0xD2, 0xDE, 0xF2), VNI as a mark
// byte after a plain ASCII vowel, TCVN3 as one byte per toned vowel (0xB5–0xFE) and 0xA8–0xAE for ă â ê ô ơ ư đ.
LegacyEncoding guessLegacyEncoding(std::string_view data);

// nullopt for valid UTF-8 (a UTF-8 byte order mark allowed); else what the file looks like and how to fix it.
std::optional<LocalizedText> describeLegacyEncoding(std::string_view data);

} // namespace seclevel
