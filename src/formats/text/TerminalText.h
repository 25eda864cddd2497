#pragma once
// Stored text on a terminal. A system name holding ESC [31m or BEL, a C1 CSI or a bidi override would recolour,
// ring or reorder the user's terminal when printed raw (system list/show, assess); printing it through
// terminalSafe shows such characters as visible escapes instead (\x1B, \u009B, \u202E). Line feeds and tabs
// are kept; a carriage return is escaped (it would let a text overwrite what was printed before it).
#include <string>
#include <string_view>

namespace seclevel {

std::string terminalSafe(std::string_view text);

} // namespace seclevel
