#include "core/Error.h"

namespace seclevel {

std::string Error::describe(Lang lang) const
{
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
        }
        out += ": ";
    }
    if (!field.empty())
        out += field + ": ";
    out += message.in(lang);
    return out;
}

} // namespace seclevel
