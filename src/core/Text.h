#pragma once
// Bilingual text: Vietnamese first, English second (the users are Vietnamese officials).
#include <string>

namespace seclevel {

enum class Lang { Vi, En };

struct LocalizedText {
    std::string vi;
    std::string en;

    const std::string& in(Lang lang) const { return (lang == Lang::En && !en.empty()) || vi.empty() ? en : vi; }
    bool empty() const { return vi.empty() && en.empty(); }
};

} // namespace seclevel
