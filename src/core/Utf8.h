#pragma once
// UTF-8, the one text encoding of the program (RFC 3629): checked at every edge that takes text in.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace seclevel {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when it is not one (no overlongs,
// no surrogates, nothing above U+10FFFF).
std::size_t utf8SequenceLength(std::string_view text, std::size_t pos);
// True when `text` is well-formed UTF-8.
bool isValidUtf8(std::string_view text);
// Appends a code point (≤ U+10FFFF) encoded as UTF-8.
void appendUtf8(std::string& out, std::uint32_t codePoint);

} // namespace seclevel
