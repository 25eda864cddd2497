#pragma once
// Bilingual text: Vietnamese first, English second (the users are Vietnamese officials).
#include <string>
#include <string_view>

namespace seclevel {

enum class Lang { Vi, En };

struct LocalizedText {
    std::string vi;
    std::string en;

    const std::string& in(Lang lang) const { return (lang == Lang::En && !en.empty()) || vi.empty() ? en : vi; }
    bool empty() const { return vi.empty() && en.empty(); }
};

// Empty, or nothing but spaces, tabs and line breaks: what counts as "not given" for a text the law requires.
inline bool isBlank(std::string_view text)
{
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

} // namespace seclevel
