#include "formats/html/HtmlEscape.h"

namespace seclevel {

std::string escapeHtml(std::string_view text, bool keepLineBreaks)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\r': break;
        case '\n': out += keepLineBreaks ? "<br>\n" : " "; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace seclevel
