#include "formats/text/TerminalText.h"

#include "core/TextSafety.h"

namespace seclevel {

std::string terminalSafe(std::string_view text)
{
    return escapeUnsafeCharacters(text, /*keepLinesAndTabs=*/true);
}

} // namespace seclevel
