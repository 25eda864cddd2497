#include "app/CalendarService.h"

#include "app/Catalogue.h"
#include "rules/CalendarLoader.h"
#include "rules/XmlSchema.h"

#include <map>

namespace seclevel {

namespace {

std::string storedName(const StoredCalendarAnnouncement& a)
{
    return "calendar announcement " + std::to_string(a.year) + " (" + a.actor.userId + ", " + isoTimestamp(a.at) + ")";
}

LocalizedText shippedSource(const WorkingCalendar& calendar)
{
    return {"lịch " + calendar.id() + " v" + calendar.version() + " (dữ liệu ngày " + calendar.dataDate() + ")",
            "calendar " + calendar.id() + " v" + calendar.version() + " (data of " + calendar.dataDate() + ")"};
}

} // namespace

Result<const CalendarInForce*> CalendarService::inForce()
{
    if (!m_inForce) {
        m_inForce = [&]() -> Result<CalendarInForce> {
            auto shipped = m_catalogue.calendar();
            if (!shipped)
                return shipped.errors();
            CalendarInForce result{**shipped, {}, shippedSource(**shipped)};
            if (!m_store)
                return result;
            auto stored = m_store->calendarAnnouncements();
            if (!stored)
                return stored.errors();
            // The last recorded of each year is in force (the store lists them oldest first within a year).
            std::map<int, StoredCalendarAnnouncement> latest;
            for (StoredCalendarAnnouncement& a : *stored)
                latest[a.year] = std::move(a);
            if (latest.empty())
                return result;
            auto schema = m_catalogue.calendarSchema();
            if (!schema)
                return schema.errors();
            std::string years;
            for (auto& [number, announcement] : latest) {
                auto year = loadCalendarYear(announcement.xml, storedName(announcement), **schema);
                if (!year)
                    return withKind(year.errors(), ErrorKind::Storage);
                year->origin =
                    "announcement recorded by " + announcement.actor.userId + " at " + isoTimestamp(announcement.at);
                auto merged = result.calendar.withYear(std::move(*year));
                if (!merged)
                    return withKind(merged.errors(), ErrorKind::Storage);
                result.calendar = std::move(*merged);
                years.append(years.empty() ? "" : ", ").append(std::to_string(number));
                result.announcements.push_back(std::move(announcement));
            }
            result.source.vi.append(" và thông báo đã ghi năm ")
                .append(years)
                .append(" (")
                .append(m_store->describe())
                .append(")");
            result.source.en.append(" and the recorded announcements of ")
                .append(years)
                .append(" (")
                .append(m_store->describe())
                .append(")");
            return result;
        }();
    }
    if (!*m_inForce)
        return m_inForce->errors();
    return &m_inForce->value();
}

Result<Deadline> CalendarService::deadline(Date from, int count, PeriodUnit unit)
{
    auto calendar = inForce();
    if (!calendar)
        return calendar.errors();
    auto end = endOfPeriod((*calendar)->calendar, from, count, unit);
    if (!end)
        return end.errors();
    return Deadline{from, count, unit, std::move(*end), (*calendar)->source};
}

Result<int> CalendarService::daysLeft(Date asOf, Date end, PeriodUnit unit)
{
    auto calendar = inForce();
    if (!calendar)
        return calendar.errors();
    return daysRemaining((*calendar)->calendar, asOf, end, unit);
}

Result<CalendarYear> CalendarService::year(int number)
{
    auto calendar = inForce();
    if (!calendar)
        return calendar.errors();
    const WorkingCalendar& c = (*calendar)->calendar;
    if (const CalendarYear* found = c.year(number))
        return *found;
    const std::string range = std::to_string(c.firstYear()) + "–" + std::to_string(c.lastYear());
    return makeError(ErrorKind::NotFound, "", 0, "year",
                     "Lịch ngày làm việc không có năm " + std::to_string(number) + " (có các năm " + range + ")",
                     "The working-day calendar has no year " + std::to_string(number) + " (it covers " + range + ")");
}

Result<CalendarYear> CalendarService::announce(const std::string& xmlText, const std::string& fileName,
                                               const Actor& actor, bool* changed)
{
    if (!m_store)
        return makeError(ErrorKind::Usage, "", 0, "db", "Cần cơ sở dữ liệu để ghi thông báo (--db)",
                         "Recording an announcement needs a database (--db)");
    // Once users are registered, only an administrator edits the calendar the statutory clocks count on.
    auto users = m_store->users();
    if (!users)
        return users.errors();
    if (!users->empty() && actor.role != Role::Administrator)
        return makeError(
            ErrorKind::Refused, "", 0, "as",
            "Chỉ quản trị viên mới được ghi thông báo ngày nghỉ (--as với người dùng có vai trò administrator)",
            "Only an administrator records days-off announcements (--as a user with the administrator "
            "role)");
    auto schema = m_catalogue.calendarSchema();
    if (!schema)
        return schema.errors();
    auto year = loadCalendarYear(xmlText, fileName, **schema);
    if (!year)
        return year.errors();
    auto current = inForce();
    if (!current)
        return current.errors();
    // It must fit with the rest: the same checks as a whole calendar.
    auto merged = (*current)->calendar.withYear(*year);
    if (!merged) {
        Errors errors = merged.errors();
        for (Error& e : errors)
            e.file = fileName;
        return errors;
    }
    bool same = false;
    for (const StoredCalendarAnnouncement& a : (*current)->announcements)
        same = same || (a.year == year->year && a.xml == xmlText);
    if (changed)
        *changed = !same;
    if (!same) {
        auto saved = m_store->saveCalendarAnnouncement(year->year, xmlText, actor);
        if (!saved)
            return saved.errors();
        m_inForce.reset();
    }
    year->origin = "announcement recorded by " + actor.userId + " at " + isoTimestamp(actor.at);
    return std::move(*year);
}

} // namespace seclevel
