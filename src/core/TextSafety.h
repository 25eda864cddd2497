#pragma once
// Text that came from outside is printed on terminals, written into reports and compared as keys. Some
// characters do harm there even though they are valid UTF-8:
//   - C0/C1 control characters (U+0000–U+001F, U+007F, U+0080–U+009F): ESC [31m or CSI recolours or rewrites
//     the user's terminal, BEL rings it, CR overwrites what was printed before it;
//   - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): the text is shown in another
//     order than it is stored ("Trojan Source"), so a printed id or number is not what the program compares.
// Ids and names refuse all of them; free text (justifications, "how" statements) keeps tab and line breaks.
// Whatever still reaches output is escaped visibly (escapeUnsafeCharacters; formats/text/TerminalText.h).
#include "core/Error.h"

#include <optional>
#include <string>
#include <string_view>

namespace seclevel {

// U+0000–U+001F, U+007F, U+0080–U+009F.
bool isControlCharacter(char32_t codePoint);
// U+202A–U+202E (embeddings, overrides, PDF) and U+2066–U+2069 (isolates, PDI).
bool isBidiControl(char32_t codePoint);

// Non-empty, well-formed UTF-8, no control or bidi characters, no leading or trailing whitespace.
bool isSafeIdentifier(std::string_view value);

// The first problem of `value` as an Error naming file, line and field, or nullopt. None of them reports an
// empty value: whether a field may be empty is the caller's rule.
//   checkIdentifier: ids (system, organisation, answer keys): no control or bidi characters, no leading or
//                    trailing whitespace (Unicode spaces included), well-formed UTF-8;
//   checkName:       names (system, owner, operator, component): no control or bidi characters, UTF-8;
//   checkFreeText:   free text: tab, line feed and carriage return allowed, other controls and bidi
//                    characters refused (in a printed dossier an override can make a number read backwards).
std::optional<Error> checkIdentifier(std::string_view value, const std::string& field, const std::string& file = {},
                                     int line = 0);
std::optional<Error> checkName(std::string_view value, const std::string& field, const std::string& file = {},
                               int line = 0);
std::optional<Error> checkFreeText(std::string_view value, const std::string& field, const std::string& file = {},
                                   int line = 0);

// `text` with control and bidi characters replaced by visible escapes: C0, DEL and bytes that are not UTF-8
// as \xHH (ESC → \x1B), C1 and bidi characters as \uHHHH (U+202E → \u202E). Line feed and tab are kept when
// keepLinesAndTabs (multi-line output), escaped otherwise (one-line messages). Everything else is unchanged.
std::string escapeUnsafeCharacters(std::string_view text, bool keepLinesAndTabs = false);

} // namespace seclevel
