#pragma once
// pugixml reports byte offsets; our errors name lines. Built once per document, each lookup is a binary search.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

namespace seclevel {

class LineIndex {
public:
    explicit LineIndex(std::string_view text)
    {
        if (text.empty())
            return;
        for (const char *p = text.data(), *end = text.data() + text.size();
             (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p)
            m_newlines.push_back(p - text.data());
    }
    // 1-based line of a byte offset.
    int lineOf(std::ptrdiff_t offset) const
    {
        return static_cast<int>(std::lower_bound(m_newlines.begin(), m_newlines.end(), offset) - m_newlines.begin()) +
               1;
    }

private:
    std::vector<std::ptrdiff_t> m_newlines;
};

} // namespace seclevel
