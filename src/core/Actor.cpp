#include "core/Actor.h"

#include <cstdio>
#include <ctime>

namespace seclevel {

namespace {
struct RoleName {
    Role role;
    const char* name;
};
constexpr RoleName kRoleNames[] = {
    {Role::Operator, "operator"},   {Role::SecurityUnit, "security_unit"},
    {Role::Owner, "owner"},         {Role::AppraisingBody, "appraising_body"},
    {Role::Inspector, "inspector"}, {Role::Administrator, "administrator"},
};
} // namespace

const char* roleName(Role role)
{
    for (const auto& entry : kRoleNames)
        if (entry.role == role)
            return entry.name;
    return "operator";
}

bool parseRole(const std::string& text, Role& role)
{
    for (const auto& entry : kRoleNames)
        if (text == entry.name) {
            role = entry.role;
            return true;
        }
    return false;
}

std::string isoTimestamp(TimePoint at)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" with every digit in place, what isoTimestamp writes: read without sscanf, which
// cost a tenth of listing every system's header (bench/workflow_bench). Anything else goes to sscanf.
bool parseFixedTimestamp(const std::string& text, int& year, int& month, int& day, int& hour, int& minute, int& second)
{
    static constexpr char pattern[] = "dddd-dd-ddTdd:dd:dd";
    constexpr std::size_t length = sizeof pattern - 1;
    if (text.size() < length)
        return false;
    for (std::size_t i = 0; i < length; ++i)
        if (pattern[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != pattern[i])
            return false;
    auto number = [&](std::size_t from, std::size_t digits) {
        int n = 0;
        for (std::size_t i = from; i < from + digits; ++i)
            n = n * 10 + (text[i] - '0');
        return n;
    };
    year = number(0, 4);
    month = number(5, 2);
    day = number(8, 2);
    hour = number(11, 2);
    minute = number(14, 2);
    second = number(17, 2);
    return true;
}

} // namespace

bool parseIsoTimestamp(const std::string& text, TimePoint& at)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int consumed = 19;
    if (!parseFixedTimestamp(text, year, month, day, hour, minute, second) &&
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                    &consumed) != 6)
        return false;
    std::size_t pos = static_cast<std::size_t>(consumed);
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
    }
    if (pos + 1 != text.size() || text[pos] != 'Z')
        return false;
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok() || hour > 23 || minute > 59 || second > 60)
        return false;
    at = sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
    return true;
}

OrganisationTree::OrganisationTree(const std::vector<Organisation>& organisations) : m_size(organisations.size())
{
    m_byId.reserve(organisations.size());
    for (const Organisation& o : organisations)
        m_byId[o.id] = &o; // ids are unique in a store; of a repeated one the last counts, as before
}

const Organisation* OrganisationTree::find(const std::string& id) const
{
    auto found = m_byId.find(id);
    return found == m_byId.end() ? nullptr : found->second;
}

std::string OrganisationTree::parentOf(const std::string& id) const
{
    const Organisation* o = find(id);
    return o ? o->parentId : std::string();
}

std::vector<std::string> OrganisationTree::chain(const std::string& id) const
{
    std::vector<std::string> chain;
    for (std::string current = id; !current.empty() && chain.size() <= m_size;) {
        const Organisation* o = find(current);
        if (!o)
            break;
        chain.push_back(current);
        current = o->parentId;
    }
    return chain;
}

} // namespace seclevel
