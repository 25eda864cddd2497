#pragma once
// The working-day calendar as the statutory clocks use it: the shipped data (calendars/vn-civil-service.xml)
// merged with the announcements an administrator recorded in the store (the latest of a year overrides the
// shipped year), period ends and days left, and the recording of a new announcement. Plain values in,
// Result<T> with an ErrorKind out; nothing here prints.
#include "core/WorkingCalendar.h"
#include "storage/Store.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class Catalogue;

// The calendar in force and where it came from.
struct CalendarInForce {
    WorkingCalendar calendar;
    // The stored announcements that override shipped years (the latest of each year), by year.
    std::vector<StoredCalendarAnnouncement> announcements;
    // "vn-civil-service v2026.11.1 (data of 2026-11-28)", plus the store when announcements were applied.
    LocalizedText source;
};

struct Deadline {
    Date from;
    int count = 0;
    PeriodUnit unit = PeriodUnit::WorkingDays;
    PeriodEnd end;
    LocalizedText source; // CalendarInForce::source
};

// One per request or command run (it caches the merged calendar and is not thread-safe); a server that keeps
// one must reload it after an announcement recorded by another process.
class CalendarService {
public:
    // `store` may be null: then only the shipped data is used and announce() is refused.
    CalendarService(const Catalogue& catalogue, Store* store) : m_catalogue(catalogue), m_store(store) {}

    // Shipped + stored, merged once per service. ErrorKind::RuleSet for a broken shipped file, Storage for a
    // stored announcement that no longer loads (it names the year and who recorded it).
    Result<const CalendarInForce*> inForce();

    // endOfPeriod on the calendar in force (Civil Code Art 147–148).
    Result<Deadline> deadline(Date from, int count, PeriodUnit unit);
    // daysRemaining on the calendar in force.
    Result<int> daysLeft(Date asOf, Date end, PeriodUnit unit);
    // One year of the calendar in force (ErrorKind::NotFound outside the data).
    Result<CalendarYear> year(int number);

    // Records one <year> element (schemas/calendar.xsd) read from `fileName`: validated against the schema
    // and the calendar's rules, checked to merge with the calendar in force, then stored in one write.
    // Returns the year as it now stands; `changed` is false when the same text was already the one in force.
    Result<CalendarYear> announce(const std::string& xmlText, const std::string& fileName, const Actor& actor,
                                  bool* changed = nullptr);

private:
    const Catalogue& m_catalogue;
    Store* m_store;
    std::optional<Result<CalendarInForce>> m_inForce;
};

} // namespace seclevel
