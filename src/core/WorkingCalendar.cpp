#include "core/WorkingCalendar.h"

#include <algorithm>
#include <set>
#include <utility>

namespace seclevel {

namespace {

using std::chrono::sys_days;

std::int64_t dayNumber(Date date)
{
    return sys_days(date).time_since_epoch().count();
}

Date dateOf(std::int64_t number)
{
    return Date{sys_days{std::chrono::days{number}}};
}

Date firstDayOf(int y)
{
    return Date{std::chrono::year{y}, std::chrono::January, std::chrono::day{1}};
}

Date lastDayOf(int y)
{
    return Date{std::chrono::year{y}, std::chrono::December, std::chrono::day{31}};
}

std::string yearText(int year)
{
    return std::to_string(year);
}

// "dd/mm/yyyy", as Vietnamese documents write dates.
std::string vietnameseDate(Date date)
{
    const std::string iso = formatIsoDate(date);
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

struct ReasonInfo {
    DayOffReason reason;
    const char* name;
    const char* vi;
    const char* en;
};

constexpr ReasonInfo reasons[] = {
    {DayOffReason::NewYear, "new-year", "Tết Dương lịch", "New Year's Day"},
    {DayOffReason::LunarNewYear, "lunar-new-year", "Tết Âm lịch", "Lunar New Year (Tết)"},
    {DayOffReason::HungKings, "hung-kings", "Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration"},
    {DayOffReason::ReunificationDay, "reunification-day", "Ngày Chiến thắng 30/4", "Victory Day (30 April)"},
    {DayOffReason::LabourDay, "labour-day", "Ngày Quốc tế lao động 1/5", "International Labour Day (1 May)"},
    {DayOffReason::NationalDay, "national-day", "Quốc khánh", "National Day"},
    // Labour Code 45/2019 Art 111.3; Art 115.3 of the 2012 code before 2021 (the year says which code applies).
    {DayOffReason::Compensatory, "compensatory", "Nghỉ bù (ngày lễ trùng ngày nghỉ hằng tuần)",
     "Compensatory day off (holiday on a weekly rest day)"},
    {DayOffReason::Swap, "swap", "Hoán đổi ngày làm việc", "Swapped working day"},
    {DayOffReason::Other, "other", "Ngày nghỉ khác", "Other day off"},
};

bool isWeekend(Date date)
{
    return isoWeekday(date) >= 6;
}

Error yearError(int year, const std::string& vi, const std::string& en)
{
    return makeError("", 0, "year " + yearText(year), vi, en);
}

Error outsideData(const WorkingCalendar& calendar, Date date)
{
    const std::string range = calendar.years().empty()
                                  ? std::string("—")
                                  : yearText(calendar.firstYear()) + "–" + yearText(calendar.lastYear());
    const std::string day = formatIsoDate(date);
    return makeError(ErrorKind::InvalidInput, "", 0, "date",
                     "Ngày " + day + " nằm ngoài lịch ngày làm việc (có dữ liệu các năm " + range +
                         "); không đoán ngày nghỉ của năm " + yearText(static_cast<int>(date.year())),
                     "The date " + day + " lies outside the working-day calendar (data for " + range +
                         "); the days off of " + yearText(static_cast<int>(date.year())) + " are not guessed");
}

} // namespace

const char* dayOffReasonName(DayOffReason reason)
{
    for (const auto& info : reasons)
        if (info.reason == reason)
            return info.name;
    return "other";
}

std::optional<DayOffReason> parseDayOffReason(std::string_view name)
{
    for (const auto& info : reasons)
        if (name == info.name)
            return info.reason;
    return std::nullopt;
}

LocalizedText dayOffReasonText(DayOffReason reason)
{
    for (const auto& info : reasons)
        if (info.reason == reason)
            return {info.vi, info.en};
    return {"Ngày nghỉ khác", "Other day off"};
}

LocalizedText DayOff::sourceText() const
{
    if (statutory)
        return {"theo luật định (Bộ luật Lao động), không cần thông báo",
                "statutory (Labour Code), no announcement needed"};
    std::string vi, en;
    if (!document.number.empty()) {
        vi = "văn bản số " + document.number;
        en = "document No. " + document.number;
    } else {
        vi = "thông báo (chưa rõ số hiệu)";
        en = "announcement (number not found)";
    }
    if (document.date) {
        vi.append(" ngày ").append(vietnameseDate(*document.date));
        en.append(" of ").append(formatIsoDate(*document.date));
    }
    if (!document.issuer.empty()) {
        vi.append(", ").append(document.issuer.in(Lang::Vi));
        en.append(", ").append(document.issuer.in(Lang::En));
    }
    return {vi, en};
}

const char* yearStatusName(YearStatus status)
{
    return status == YearStatus::Announced ? "announced" : "statutory";
}

const char* periodUnitName(PeriodUnit unit)
{
    return unit == PeriodUnit::WorkingDays ? "working_days" : "calendar_days";
}

unsigned isoWeekday(Date date)
{
    return std::chrono::weekday(sys_days(date)).iso_encoding();
}

LocalizedText weekdayName(Date date)
{
    static constexpr const char* vi[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    static constexpr const char* en[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    const unsigned day = isoWeekday(date) - 1;
    return {vi[day], en[day]};
}

// ---- building -------------------------------------------------------------------------------------------------

Errors WorkingCalendar::checkYear(const CalendarYear& year)
{
    Errors errors;
    const int y = year.year;
    auto inYear = [&](Date date) { return date.ok() && static_cast<int>(date.year()) == y; };
    if (y < 1900 || y > 2200)
        errors.push_back(
            yearError(y, "Năm " + yearText(y) + " không hợp lệ", "The year " + yearText(y) + " is invalid"));
    std::set<std::int64_t> offDays, makeUpDays;
    for (const DayOff& day : year.daysOff) {
        const std::string iso = formatIsoDate(day.date);
        if (!inYear(day.date))
            errors.push_back(yearError(y, "Ngày nghỉ " + iso + " không thuộc năm " + yearText(y),
                                       "The day off " + iso + " is not in the year " + yearText(y)));
        else if (!offDays.insert(dayNumber(day.date)).second)
            errors.push_back(
                yearError(y, "Ngày nghỉ " + iso + " ghi hai lần", "The day off " + iso + " is listed twice"));
        if (day.reason == DayOffReason::Swap && day.statutory)
            errors.push_back(yearError(y, "Ngày hoán đổi " + iso + " phải có văn bản công bố",
                                       "The swapped day " + iso + " needs the document that announced it"));
    }
    for (const MakeUpWorkingDay& day : year.makeUpDays) {
        const std::string iso = formatIsoDate(day.date);
        if (!inYear(day.date))
            errors.push_back(yearError(y, "Ngày làm bù " + iso + " không thuộc năm " + yearText(y),
                                       "The make-up working day " + iso + " is not in the year " + yearText(y)));
        else if (!makeUpDays.insert(dayNumber(day.date)).second)
            errors.push_back(yearError(y, "Ngày làm bù " + iso + " ghi hai lần",
                                       "The make-up working day " + iso + " is listed twice"));
        if (day.date.ok() && !isWeekend(day.date))
            errors.push_back(yearError(y, "Ngày làm bù " + iso + " không phải thứ Bảy hay Chủ nhật",
                                       "The make-up working day " + iso + " is not a Saturday or Sunday"));
        if (day.date.ok() && offDays.count(dayNumber(day.date)))
            errors.push_back(yearError(y, "Ngày " + iso + " vừa là ngày nghỉ vừa là ngày làm bù",
                                       "The date " + iso + " is both a day off and a make-up working day"));
        if (day.document.id.empty())
            errors.push_back(yearError(y, "Ngày làm bù " + iso + " phải có văn bản công bố",
                                       "The make-up working day " + iso + " needs the document that announced it"));
    }
    if (year.status == YearStatus::Announced && year.documents.empty())
        errors.push_back(yearError(y, "Năm " + yearText(y) + " ghi 'announced' nhưng không có văn bản nào",
                                   "The year " + yearText(y) + " is 'announced' but names no document"));
    return errors;
}

Result<WorkingCalendar> WorkingCalendar::make(std::string id, std::string version, std::string dataDate,
                                              std::vector<CalendarYear> years)
{
    Errors errors;
    std::sort(years.begin(), years.end(), [](const CalendarYear& a, const CalendarYear& b) { return a.year < b.year; });
    for (std::size_t i = 0; i < years.size(); ++i) {
        Errors yearErrors = checkYear(years[i]);
        errors.insert(errors.end(), yearErrors.begin(), yearErrors.end());
        if (i > 0 && years[i].year == years[i - 1].year)
            errors.push_back(yearError(years[i].year, "Năm " + yearText(years[i].year) + " ghi hai lần",
                                       "The year " + yearText(years[i].year) + " is listed twice"));
        auto byDate = [](const auto& a, const auto& b) { return dayNumber(a.date) < dayNumber(b.date); };
        std::sort(years[i].daysOff.begin(), years[i].daysOff.end(), byDate);
        std::sort(years[i].makeUpDays.begin(), years[i].makeUpDays.end(), byDate);
    }
    // A swap is two dates, possibly in two years (31/12/2018 off, Saturday 05/01/2019 worked): each side must
    // name the other when the other's year is in the calendar.
    auto yearOf = [&](Date date) -> const CalendarYear* {
        for (const CalendarYear& y : years)
            if (date.ok() && y.year == static_cast<int>(date.year()))
                return &y;
        return nullptr;
    };
    for (const CalendarYear& y : years) {
        for (const DayOff& off : y.daysOff) {
            if (off.reason != DayOffReason::Swap || !off.swappedWith)
                continue;
            const CalendarYear* other = yearOf(*off.swappedWith);
            if (other && std::none_of(other->makeUpDays.begin(), other->makeUpDays.end(),
                                      [&](const MakeUpWorkingDay& w) { return w.date == *off.swappedWith; }))
                errors.push_back(yearError(y.year,
                                           "Ngày hoán đổi " + formatIsoDate(off.date) + " ghi làm bù ngày " +
                                               formatIsoDate(*off.swappedWith) + " nhưng ngày đó không là ngày làm bù",
                                           "The swapped day " + formatIsoDate(off.date) + " names " +
                                               formatIsoDate(*off.swappedWith) +
                                               " as its make-up day, which is not listed as one"));
        }
        for (const MakeUpWorkingDay& work : y.makeUpDays) {
            if (!work.replaces)
                continue;
            const CalendarYear* other = yearOf(*work.replaces);
            if (other && std::none_of(other->daysOff.begin(), other->daysOff.end(),
                                      [&](const DayOff& d) { return d.date == *work.replaces; }))
                errors.push_back(yearError(y.year,
                                           "Ngày làm bù " + formatIsoDate(work.date) + " thay cho ngày " +
                                               formatIsoDate(*work.replaces) + " nhưng ngày đó không là ngày nghỉ",
                                           "The make-up working day " + formatIsoDate(work.date) + " replaces " +
                                               formatIsoDate(*work.replaces) + ", which is not listed as a day off"));
        }
    }
    if (!errors.empty())
        return errors;
    WorkingCalendar calendar;
    calendar.m_id = std::move(id);
    calendar.m_version = std::move(version);
    calendar.m_dataDate = std::move(dataDate);
    calendar.m_years = std::move(years);
    calendar.index();
    return calendar;
}

void WorkingCalendar::index()
{
    m_dayKinds.clear();
    if (m_years.empty())
        return;
    m_firstDay = dayNumber(firstDayOf(firstYear()));
    const std::int64_t last = dayNumber(lastDayOf(lastYear()));
    m_dayKinds.assign(static_cast<std::size_t>(last - m_firstDay + 1), 0);
    for (const CalendarYear& y : m_years) {
        const std::int64_t from = dayNumber(firstDayOf(y.year));
        const std::int64_t to = dayNumber(lastDayOf(y.year));
        for (std::int64_t d = from; d <= to; ++d)
            m_dayKinds[static_cast<std::size_t>(d - m_firstDay)] = isWeekend(dateOf(d)) ? kWeekend : kWorking;
        for (const DayOff& off : y.daysOff)
            m_dayKinds[static_cast<std::size_t>(dayNumber(off.date) - m_firstDay)] = kListedOff;
        for (const MakeUpWorkingDay& work : y.makeUpDays)
            m_dayKinds[static_cast<std::size_t>(dayNumber(work.date) - m_firstDay)] = kMakeUp;
    }
}

std::int64_t WorkingCalendar::slot(Date date) const
{
    if (!date.ok() || m_dayKinds.empty())
        return -1;
    const std::int64_t at = dayNumber(date) - m_firstDay;
    if (at < 0 || at >= static_cast<std::int64_t>(m_dayKinds.size()) || m_dayKinds[static_cast<std::size_t>(at)] == 0)
        return -1;
    return at;
}

const CalendarYear* WorkingCalendar::year(int number) const
{
    for (const CalendarYear& y : m_years)
        if (y.year == number)
            return &y;
    return nullptr;
}

bool WorkingCalendar::covers(Date date) const
{
    return slot(date) >= 0;
}

Result<bool> WorkingCalendar::isWorkingDay(Date date) const
{
    const std::int64_t at = slot(date);
    if (at < 0)
        return outsideData(*this, date);
    const std::uint8_t kind = m_dayKinds[static_cast<std::size_t>(at)];
    return kind == kWorking || kind == kMakeUp;
}

const DayOff* WorkingCalendar::dayOff(Date date) const
{
    const std::int64_t at = slot(date);
    if (at < 0 || m_dayKinds[static_cast<std::size_t>(at)] != kListedOff)
        return nullptr; // the common case, without a search
    const CalendarYear* y = year(static_cast<int>(date.year()));
    if (!y)
        return nullptr;
    const auto it = std::lower_bound(y->daysOff.begin(), y->daysOff.end(), dayNumber(date),
                                     [](const DayOff& d, std::int64_t n) { return dayNumber(d.date) < n; });
    return it != y->daysOff.end() && it->date == date ? &*it : nullptr;
}

const MakeUpWorkingDay* WorkingCalendar::makeUpDay(Date date) const
{
    const std::int64_t at = slot(date);
    if (at < 0 || m_dayKinds[static_cast<std::size_t>(at)] != kMakeUp)
        return nullptr;
    const CalendarYear* y = year(static_cast<int>(date.year()));
    if (!y)
        return nullptr;
    for (const MakeUpWorkingDay& day : y->makeUpDays)
        if (day.date == date)
            return &day;
    return nullptr;
}

Result<WorkingCalendar> WorkingCalendar::withYear(CalendarYear replacement) const
{
    std::vector<CalendarYear> years;
    for (const CalendarYear& y : m_years)
        if (y.year != replacement.year)
            years.push_back(y);
    years.push_back(std::move(replacement));
    return make(m_id, m_version, m_dataDate, std::move(years));
}

// ---- periods --------------------------------------------------------------------------------------------------

namespace {

// Follows the count day by day, collecting what the result reports.
class PeriodWalk {
public:
    PeriodWalk(const WorkingCalendar& calendar, PeriodEnd& result) : m_calendar(calendar), m_result(result) {}

    // Whether `date` is a working day; records the listed day off or make-up day and a statutory year.
    Result<bool> visit(Date date)
    {
        auto working = m_calendar.isWorkingDay(date);
        if (!working)
            return working;
        if (const DayOff* off = m_calendar.dayOff(date))
            m_result.daysOffCrossed.push_back(*off);
        else if (const MakeUpWorkingDay* work = m_calendar.makeUpDay(date))
            m_result.makeUpDaysCrossed.push_back(*work);
        const int y = static_cast<int>(date.year());
        if (y == m_lastYear)
            return working;
        m_lastYear = y;
        const CalendarYear* data = m_calendar.year(y);
        if (data && data->status == YearStatus::Statutory &&
            std::find(m_result.statutoryYearsUsed.begin(), m_result.statutoryYearsUsed.end(), y) ==
                m_result.statutoryYearsUsed.end())
            m_result.statutoryYearsUsed.push_back(y);
        return working;
    }

private:
    const WorkingCalendar& m_calendar;
    PeriodEnd& m_result;
    int m_lastYear = 0; // the year whose status was last looked at
};

} // namespace

Result<PeriodEnd> endOfPeriod(const WorkingCalendar& calendar, Date start, int count, PeriodUnit unit)
{
    if (!start.ok())
        return makeError(ErrorKind::InvalidInput, "", 0, "from", "Ngày bắt đầu không hợp lệ", "Invalid start date");
    if (count < 1 || count > 3660)
        return makeError(ErrorKind::InvalidInput, "", 0, "count",
                         "Thời hạn phải từ 1 đến 3660 ngày, không phải " + std::to_string(count),
                         "The period must be 1 to 3660 days, not " + std::to_string(count));
    PeriodEnd result;
    PeriodWalk walk(calendar, result);
    std::int64_t day = dayNumber(start);
    if (unit == PeriodUnit::CalendarDays) {
        // Art 147.1: from the day after the event; every day counts, days off too.
        for (int i = 1; i <= count; ++i) {
            auto working = walk.visit(dateOf(++day));
            if (!working)
                return working.errors();
        }
        // Art 148.5: a last day that is a day off gives way to the next working day.
        for (;;) {
            auto working = calendar.isWorkingDay(dateOf(day));
            if (!working)
                return working.errors();
            if (*working)
                break;
            result.movedToNextWorkingDay = true;
            auto next = walk.visit(dateOf(++day));
            if (!next)
                return next.errors();
        }
    } else {
        int counted = 0;
        while (counted < count) {
            auto working = walk.visit(dateOf(++day));
            if (!working)
                return working.errors();
            if (*working)
                ++counted;
        }
    }
    result.end = dateOf(day);
    std::sort(result.statutoryYearsUsed.begin(), result.statutoryYearsUsed.end());
    return result;
}

Result<int> daysRemaining(const WorkingCalendar& calendar, Date asOf, Date end, PeriodUnit unit)
{
    if (!asOf.ok() || !end.ok())
        return makeError(ErrorKind::InvalidInput, "", 0, "date", "Ngày không hợp lệ", "Invalid date");
    const std::int64_t from = dayNumber(asOf), to = dayNumber(end);
    if (unit == PeriodUnit::CalendarDays)
        return static_cast<int>(to - from);
    const std::int64_t low = std::min(from, to), high = std::max(from, to);
    int working = 0;
    for (std::int64_t d = low + 1; d <= high; ++d) {
        auto isWorking = calendar.isWorkingDay(dateOf(d));
        if (!isWorking)
            return isWorking.errors();
        working += *isWorking ? 1 : 0;
    }
    return to >= from ? working : -working;
}

} // namespace seclevel
