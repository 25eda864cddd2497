#pragma once
// The working days of Vietnamese civil servants, and the periods the statutory clocks count on them.
//
// - Saturday and Sunday are days off (Decision 188/1999/QĐ-TTg Art 1: a 5-day week for civil servants).
// - The public holidays of the Labour Code (45/2019/QH14 Art 112; 10/2012/QH13 Art 115 before 2021), with the
//   compensatory day (nghỉ bù, Art 111.3) when a holiday falls on a weekly rest day, and each year's announced
//   days off and day swaps (hoán đổi): a swapped weekday is off, the make-up Saturday a working day.
// - Every day off carries its reason and the document that announced it, or "statutory" when it follows from
//   the Labour Code alone. A year is `announced` when the Government's announcement for it was found, else
//   `statutory` (the rule applied without an announcement — results that use such a year say so).
// - A date in a year outside the data is an error, never a guess.
//
// Periods (Civil Code 91/2015/QH13 Art 147–148): the day of the event is not counted; a period in calendar
// days whose last day is a day off ends at the end of the next working day (Art 148.5); a period in working
// days ends on the N-th working day after the start.
//
// Pure: no I/O. The data comes from calendars/vn-civil-service.xml (rules/CalendarLoader) and the
// announcements an administrator recorded (app/CalendarService).
#include "core/Date.h"
#include "core/Error.h"
#include "core/Text.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

enum class DayOffReason {
    NewYear,          // Tết Dương lịch, 1/1
    LunarNewYear,     // Tết Âm lịch
    HungKings,        // Giỗ Tổ Hùng Vương, 10/3 lunar
    ReunificationDay, // Ngày Chiến thắng, 30/4
    LabourDay,        // Ngày Quốc tế lao động, 1/5
    NationalDay,      // Quốc khánh, 2/9 (and the day before or after from 2021)
    Compensatory,     // nghỉ bù: a holiday fell on a weekly rest day (Labour Code Art 111.3)
    Swap,             // hoán đổi: a weekday made off against a make-up Saturday
    Other             // a day off a document grants for another reason (its note says which)
};

// "new-year", "lunar-new-year", "hung-kings", "reunification-day", "labour-day", "national-day",
// "compensatory", "swap", "other": the words of the data file and of JSON output.
const char* dayOffReasonName(DayOffReason reason);
std::optional<DayOffReason> parseDayOffReason(std::string_view name);
LocalizedText dayOffReasonText(DayOffReason reason);

// The document that announced days off: e.g. CV 2450/VPCP-KGVX of 12/04/2024, Government Office.
struct CalendarDocument {
    std::string id;           // key within its year
    std::string number;       // "2450/VPCP-KGVX"; empty when the number was not found (see note)
    std::optional<Date> date; // date of issue, when known
    LocalizedText issuer;     // "Văn phòng Chính phủ" / "Government Office"
    std::string reference;    // where it was read (URL), so anyone can check
    LocalizedText note;       // e.g. "only one source"
};

struct DayOff {
    Date date;
    DayOffReason reason = DayOffReason::Other;
    bool statutory = true;              // follows from the Labour Code alone (no document)
    CalendarDocument document;          // the announcing document, when not statutory
    std::optional<Date> compensatesFor; // Compensatory: the holiday that fell on a rest day
    std::optional<Date> swappedWith;    // Swap: the make-up Saturday worked instead
    LocalizedText note;

    // "CV 2450/VPCP-KGVX ngày 12/04/2024, Văn phòng Chính phủ" / "statutory (Labour Code)".
    LocalizedText sourceText() const;
};

// A Saturday (or Sunday) that civil servants work to make up for a swapped weekday.
struct MakeUpWorkingDay {
    Date date;
    std::optional<Date> replaces; // the weekday given off instead
    CalendarDocument document;
};

enum class YearStatus { Announced, Statutory };
const char* yearStatusName(YearStatus status); // "announced", "statutory"

struct CalendarYear {
    int year = 0;
    YearStatus status = YearStatus::Statutory;
    std::string labourCode; // "10/2012/QH13" or "45/2019/QH14": whose Art 112/115 applies
    LocalizedText note;     // what was found, what was assumed
    std::vector<CalendarDocument> documents;
    std::vector<DayOff> daysOff;              // ordered by date, each date once
    std::vector<MakeUpWorkingDay> makeUpDays; // ordered by date
    std::string origin;                       // "shipped" or what recorded it ("announcement recorded by … at …")
};

class WorkingCalendar {
public:
    WorkingCalendar() = default;

    // Checks what a calendar needs whatever its source: each year once, every date within its year, a date
    // not both a day off and a make-up day, a make-up day on a weekly rest day and with its document, a swap with its document.
    // Errors are ErrorKind::InvalidInput with field "year N".
    static Result<WorkingCalendar> make(std::string id, std::string version, std::string dataDate,
                                        std::vector<CalendarYear> years);
    // Checks one year on its own (the same rules): how an announcement is judged before it is stored.
    static Errors checkYear(const CalendarYear& year);

    const std::string& id() const { return m_id; }
    const std::string& version() const { return m_version; }
    const std::string& dataDate() const { return m_dataDate; } // date the data was last checked
    int firstYear() const { return m_years.empty() ? 0 : m_years.front().year; }
    int lastYear() const { return m_years.empty() ? 0 : m_years.back().year; }
    const std::vector<CalendarYear>& years() const { return m_years; }
    const CalendarYear* year(int number) const;
    bool covers(Date date) const;

    // False on Saturdays and Sundays unless a make-up day, and on the listed days off. An error
    // (ErrorKind::InvalidInput) for a date in a year outside the data.
    Result<bool> isWorkingDay(Date date) const;
    // The listed day off on that date (not ordinary weekends), or nullptr.
    const DayOff* dayOff(Date date) const;
    const MakeUpWorkingDay* makeUpDay(Date date) const;

    // This calendar with `replacement` instead of the year of the same number (or added to it): how an
    // administrator's recorded announcement overrides the shipped year.
    Result<WorkingCalendar> withYear(CalendarYear replacement) const;

private:
    void index();
    // Position of a date among m_dayKinds, or -1 when outside the data.
    std::int64_t slot(Date date) const;

    std::string m_id, m_version, m_dataDate;
    std::vector<CalendarYear> m_years; // ordered by year
    // One entry per day from 1 January of firstYear to 31 December of lastYear. Makes isWorkingDay a lookup
    // and spares dayOff/makeUpDay a search on ordinary days (the deadlines listing asks millions of times).
    enum : std::uint8_t { kOutside = 0, kWorking = 1, kWeekend = 2, kListedOff = 3, kMakeUp = 4 };
    std::vector<std::uint8_t> m_dayKinds;
    std::int64_t m_firstDay = 0; // sys_days count of m_dayKinds[0]
};

enum class PeriodUnit { CalendarDays, WorkingDays };
const char* periodUnitName(PeriodUnit unit); // "calendar_days", "working_days"

struct PeriodEnd {
    Date end;
    std::vector<DayOff> daysOffCrossed;              // listed days off after the start up to the end
    std::vector<MakeUpWorkingDay> makeUpDaysCrossed; // make-up Saturdays counted as working days
    std::vector<int> statutoryYearsUsed;             // years without an announcement that the count went through
    bool movedToNextWorkingDay = false;              // CalendarDays: the last day was a day off (Art 148.5)
};

// The last day of a period of `count` (1..3660) units that starts with the event on `start`.
// Civil Code Art 147.1: counting begins the day after `start`. CalendarDays: start + count, moved to the next
// working day when that is a day off (Art 148.5). WorkingDays: the count-th working day after start.
Result<PeriodEnd> endOfPeriod(const WorkingCalendar& calendar, Date start, int count, PeriodUnit unit);

// Units left from `asOf` until the period ending on `end`: 0 on the last day itself, negative when overdue
// (by as many units). WorkingDays counts the working days in (asOf, end], or minus those in (end, asOf].
Result<int> daysRemaining(const WorkingCalendar& calendar, Date asOf, Date end, PeriodUnit unit);

// Monday = 1 … Sunday = 7 (ISO 8601).
unsigned isoWeekday(Date date);
// "Thứ Hai" … "Chủ nhật" / "Monday" … "Sunday".
LocalizedText weekdayName(Date date);

} // namespace seclevel
