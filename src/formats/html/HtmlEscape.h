#pragma once
// Escaping text for HTML: every piece of user or rule-set text goes through here before it reaches markup.
#include <string>
#include <string_view>

namespace seclevel {

// Replaces & < > " ' with entities; safe in element content and in quoted attribute values.
// Newlines become <br> when `keepLineBreaks` (multi-line dossier fields keep their layout).
std::string escapeHtml(std::string_view text, bool keepLineBreaks = false);

} // namespace seclevel
