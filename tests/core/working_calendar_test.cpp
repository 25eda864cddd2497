#define BOOST_TEST_MODULE working_calendar
#include <boost/test/unit_test.hpp>

// The working-day calendar and the periods of the statutory clocks, against the shipped data
// (calendars/vn-civil-service.xml) and the announced days off of 2024–2026 (shared legal note working-days.md).
#include "core/WorkingCalendar.h"
#include "rules/CalendarLoader.h"
#include "rules/XmlSchema.h"

#include <algorithm>
#include <filesystem>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const fs::path sourceDir = SECLEVEL_SOURCE_DIR;

const WorkingCalendar& shipped()
{
    static const WorkingCalendar calendar = [] {
        auto schema = XmlSchema::load((sourceDir / "schemas" / "calendar.xsd").string());
        if (!schema)
            throw std::runtime_error(schema.errors().front().describe(Lang::En));
        auto loaded = loadWorkingCalendarFile((sourceDir / "calendars" / "vn-civil-service.xml").string(), **schema);
        if (!loaded)
            throw std::runtime_error(loaded.errors().front().describe(Lang::En));
        return *loaded;
    }();
    return calendar;
}

Date d(int y, unsigned m, unsigned day)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

bool working(Date date)
{
    auto result = shipped().isWorkingDay(date);
    BOOST_REQUIRE_MESSAGE(result.ok(), formatIsoDate(date) + " should be inside the data");
    return *result;
}

PeriodEnd period(Date start, int count, PeriodUnit unit)
{
    auto result = endOfPeriod(shipped(), start, count, unit);
    BOOST_REQUIRE_MESSAGE(result.ok(), (result.ok() ? std::string() : result.errors().front().describe(Lang::En)));
    return *result;
}

} // namespace

BOOST_AUTO_TEST_CASE(covers_2016_to_2030_with_statutory_years_marked)
{
    BOOST_TEST(shipped().firstYear() == 2016);
    BOOST_TEST(shipped().lastYear() == 2030);
    for (int y = 2016; y <= 2030; ++y) {
        const CalendarYear* year = shipped().year(y);
        BOOST_REQUIRE(year);
        BOOST_TEST((year->status == YearStatus::Statutory) == (y >= 2027), y);
        BOOST_TEST(year->labourCode == (y >= 2021 ? "45/2019/QH14" : "10/2012/QH13"), y);
    }
}

BOOST_AUTO_TEST_CASE(weekends_are_off_and_weekdays_work)
{
    BOOST_TEST(!working(d(2025, 3, 8))); // Saturday
    BOOST_TEST(!working(d(2025, 3, 9))); // Sunday
    BOOST_TEST(working(d(2025, 3, 10))); // Monday
    BOOST_TEST(isoWeekday(d(2025, 3, 9)) == 7u);
    BOOST_TEST(weekdayName(d(2025, 3, 9)).vi == "Chủ nhật");
}

BOOST_AUTO_TEST_CASE(announced_days_off_2024_with_the_april_swap)
{
    BOOST_TEST(!working(d(2024, 1, 1)));
    for (unsigned day : {8u, 9u, 12u, 13u, 14u})
        BOOST_TEST(!working(d(2024, 2, day)), "Tết 2024, February " << day);
    BOOST_TEST(working(d(2024, 2, 7)));
    BOOST_TEST(working(d(2024, 2, 15)));
    BOOST_TEST(!working(d(2024, 4, 18))); // Hùng Kings
    // CV 2450/VPCP-KGVX: Monday 29/4 off, Saturday 4/5 worked.
    BOOST_TEST(!working(d(2024, 4, 29)));
    BOOST_TEST(working(d(2024, 5, 4)));
    const DayOff* swap = shipped().dayOff(d(2024, 4, 29));
    BOOST_REQUIRE(swap);
    BOOST_TEST(dayOffReasonName(swap->reason) == std::string("swap"));
    BOOST_TEST(swap->document.number == "2450/VPCP-KGVX");
    BOOST_TEST(!swap->statutory);
    BOOST_TEST(!working(d(2024, 4, 30)));
    BOOST_TEST(!working(d(2024, 5, 1)));
    BOOST_TEST(working(d(2024, 5, 2)));
    BOOST_TEST(!working(d(2024, 9, 2)));
    BOOST_TEST(!working(d(2024, 9, 3)));
    BOOST_TEST(working(d(2024, 9, 4)));
}

BOOST_AUTO_TEST_CASE(announced_days_off_2025)
{
    BOOST_TEST(!working(d(2025, 1, 1)));
    for (unsigned day : {27u, 28u, 29u, 30u, 31u})
        BOOST_TEST(!working(d(2025, 1, day)), "Tết 2025, January " << day);
    BOOST_TEST(working(d(2025, 2, 3)));
    BOOST_TEST(!working(d(2025, 4, 7)));
    BOOST_TEST(working(d(2025, 4, 26))); // Saturday worked for Friday 2/5
    BOOST_TEST(!working(d(2025, 4, 30)));
    BOOST_TEST(!working(d(2025, 5, 1)));
    BOOST_TEST(!working(d(2025, 5, 2)));
    BOOST_TEST(working(d(2025, 5, 5)));
    BOOST_TEST(!working(d(2025, 9, 1)));
    BOOST_TEST(!working(d(2025, 9, 2)));
}

BOOST_AUTO_TEST_CASE(announced_days_off_2026)
{
    BOOST_TEST(!working(d(2026, 1, 1)));
    BOOST_TEST(!working(d(2026, 1, 2))); // Friday, swapped
    BOOST_TEST(working(d(2026, 1, 10))); // Saturday worked (CV 12729/VPCP-KGVX)
    const MakeUpWorkingDay* makeUp = shipped().makeUpDay(d(2026, 1, 10));
    BOOST_REQUIRE(makeUp);
    BOOST_TEST(makeUp->document.number == "12729/VPCP-KGVX");
    BOOST_TEST((makeUp->replaces == d(2026, 1, 2)));
    for (unsigned day = 16; day <= 20; ++day)
        BOOST_TEST(!working(d(2026, 2, day)), "Tết 2026, February " << day);
    BOOST_TEST(working(d(2026, 2, 23)));
    BOOST_TEST(!working(d(2026, 4, 27))); // compensatory for Hùng Kings' day on Sunday 26/4
    const DayOff* compensatory = shipped().dayOff(d(2026, 4, 27));
    BOOST_REQUIRE(compensatory);
    BOOST_TEST((compensatory->compensatesFor == d(2026, 4, 26)));
    BOOST_TEST(!working(d(2026, 4, 30)));
    BOOST_TEST(!working(d(2026, 5, 1)));
}

BOOST_AUTO_TEST_CASE(tet_2030_follows_the_vietnamese_calendar)
{
    // Vietnamese calendar (UTC+7): Tết 2030 is 02/02; the Chinese calendar's 03/02 would be a day late.
    const DayOff* tet = shipped().dayOff(d(2030, 2, 2));
    BOOST_REQUIRE(tet);
    BOOST_TEST(dayOffReasonName(tet->reason) == std::string("lunar-new-year"));
    BOOST_TEST(tet->statutory);
    const DayOff* eve = shipped().dayOff(d(2030, 2, 1)); // the last day of the lunar year, a Friday
    BOOST_REQUIRE(eve);
    BOOST_TEST(dayOffReasonName(eve->reason) == std::string("lunar-new-year"));
    BOOST_TEST(!working(d(2030, 2, 1)));
    // 2/2 and 3/2 fall on a weekend: Tết holidays 4/2 and 5/2, then two compensatory days.
    BOOST_TEST(!working(d(2030, 2, 4)));
    BOOST_TEST(!working(d(2030, 2, 5)));
    BOOST_TEST(!working(d(2030, 2, 6)));
    BOOST_TEST(!working(d(2030, 2, 7)));
    BOOST_TEST(working(d(2030, 2, 8)));
}

BOOST_AUTO_TEST_CASE(working_day_period_across_tet_2025)
{
    // Received Friday 24/1/2025; 5 working days: Tết is 27–31/1, so Mon 3/2 … Fri 7/2.
    const PeriodEnd end = period(d(2025, 1, 24), 5, PeriodUnit::WorkingDays);
    BOOST_TEST(formatIsoDate(end.end) == "2025-02-07");
    BOOST_TEST(end.daysOffCrossed.size() == 5u);
    BOOST_TEST(end.statutoryYearsUsed.empty());
}

BOOST_AUTO_TEST_CASE(working_day_period_across_tet_2026)
{
    // Received Friday 13/2/2026; 7 working days (approval): Tết 16–20/2, so 23/2 … 3/3.
    const PeriodEnd end = period(d(2026, 2, 13), 7, PeriodUnit::WorkingDays);
    BOOST_TEST(formatIsoDate(end.end) == "2026-03-03");
    BOOST_TEST(end.daysOffCrossed.size() == 5u);
}

BOOST_AUTO_TEST_CASE(calendar_day_period_across_tet_ends_on_next_working_day)
{
    // 15 days from 5/2/2026 is Friday 20/2 — a Tết day off — so the period ends at the end of Monday 23/2.
    const PeriodEnd end = period(d(2026, 2, 5), 15, PeriodUnit::CalendarDays);
    BOOST_TEST(formatIsoDate(end.end) == "2026-02-23");
    BOOST_TEST(end.movedToNextWorkingDay);
}

BOOST_AUTO_TEST_CASE(calendar_day_period_ending_on_a_sunday_moves_to_monday)
{
    // 15 days from Saturday 1/3/2025 is Sunday 16/3/2025 → Monday 17/3 (Civil Code Art 148.5).
    const PeriodEnd end = period(d(2025, 3, 1), 15, PeriodUnit::CalendarDays);
    BOOST_TEST(formatIsoDate(end.end) == "2025-03-17");
    BOOST_TEST(end.movedToNextWorkingDay);
    // Ending on a working day stays there.
    BOOST_TEST(formatIsoDate(period(d(2025, 3, 1), 16, PeriodUnit::CalendarDays).end) == "2025-03-17");
    BOOST_TEST(!period(d(2025, 3, 1), 16, PeriodUnit::CalendarDays).movedToNextWorkingDay);
}

BOOST_AUTO_TEST_CASE(calendar_day_period_ending_on_a_holiday_moves_past_it)
{
    // 30 days from 31/3/2025 is Wednesday 30/4 (holiday); 1/5 holiday, 2/5 swapped off, 3–4/5 weekend → 5/5.
    const PeriodEnd end = period(d(2025, 3, 31), 30, PeriodUnit::CalendarDays);
    BOOST_TEST(formatIsoDate(end.end) == "2025-05-05");
    // Days off after the start: Hùng Kings 7/4, 30/4, 1/5, 2/5.
    std::vector<std::string> crossed;
    for (const DayOff& off : end.daysOffCrossed)
        crossed.push_back(formatIsoDate(off.date));
    BOOST_TEST(crossed == (std::vector<std::string>{"2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(working_day_period_over_a_swapped_saturday)
{
    // From Thursday 24/4/2025: Fri 25/4 (1), Sat 26/4 make-up (2), Mon 28/4 (3), Tue 29/4 (4), then 30/4–4/5
    // off, Mon 5/5 (5).
    const PeriodEnd end = period(d(2025, 4, 24), 5, PeriodUnit::WorkingDays);
    BOOST_TEST(formatIsoDate(end.end) == "2025-05-05");
    BOOST_REQUIRE(end.makeUpDaysCrossed.size() == 1u);
    BOOST_TEST(formatIsoDate(end.makeUpDaysCrossed.front().date) == "2025-04-26");
    // 2024: Saturday 4/5 worked; from Friday 3/5/2024, 1 working day is that Saturday.
    BOOST_TEST(formatIsoDate(period(d(2024, 5, 3), 1, PeriodUnit::WorkingDays).end) == "2024-05-04");
    // 2026: Saturday 10/1 worked; from Friday 9/1/2026, 1 working day is that Saturday.
    BOOST_TEST(formatIsoDate(period(d(2026, 1, 9), 1, PeriodUnit::WorkingDays).end) == "2026-01-10");
}

BOOST_AUTO_TEST_CASE(the_start_day_is_not_counted)
{
    // Received on a Monday: 1 working day is Tuesday, 1 calendar day is Tuesday.
    BOOST_TEST(formatIsoDate(period(d(2025, 3, 10), 1, PeriodUnit::WorkingDays).end) == "2025-03-11");
    BOOST_TEST(formatIsoDate(period(d(2025, 3, 10), 1, PeriodUnit::CalendarDays).end) == "2025-03-11");
}

BOOST_AUTO_TEST_CASE(statutory_years_are_reported)
{
    const PeriodEnd end = period(d(2026, 12, 28), 10, PeriodUnit::WorkingDays);
    BOOST_TEST(end.statutoryYearsUsed == (std::vector<int>{2027}), boost::test_tools::per_element());
    BOOST_TEST(period(d(2026, 12, 1), 10, PeriodUnit::WorkingDays).statutoryYearsUsed.empty());
}

BOOST_AUTO_TEST_CASE(a_year_outside_the_data_is_refused)
{
    auto before = shipped().isWorkingDay(d(2015, 12, 31));
    BOOST_REQUIRE(!before.ok());
    BOOST_TEST((before.errors().front().kind == ErrorKind::InvalidInput));
    BOOST_TEST(before.errors().front().message.en.find("2016–2030") != std::string::npos);
    auto after = endOfPeriod(shipped(), d(2030, 12, 20), 15, PeriodUnit::WorkingDays);
    BOOST_REQUIRE(!after.ok());
    BOOST_TEST(after.errors().front().message.vi.find("2031") != std::string::npos);
    BOOST_TEST(!endOfPeriod(shipped(), d(2030, 12, 20), 30, PeriodUnit::CalendarDays).ok());
    BOOST_TEST(!shipped().covers(d(2031, 1, 1)));
    BOOST_TEST(shipped().covers(d(2030, 12, 31)));
}

BOOST_AUTO_TEST_CASE(a_count_out_of_range_is_refused)
{
    BOOST_TEST(!endOfPeriod(shipped(), d(2025, 1, 1), 0, PeriodUnit::WorkingDays).ok());
    BOOST_TEST(!endOfPeriod(shipped(), d(2025, 1, 1), -3, PeriodUnit::CalendarDays).ok());
}

BOOST_AUTO_TEST_CASE(days_remaining_counts_down_and_goes_negative)
{
    // A working-day period ending Friday 7/2/2025, seen on Friday 24/1: 5 working days left.
    auto left = daysRemaining(shipped(), d(2025, 1, 24), d(2025, 2, 7), PeriodUnit::WorkingDays);
    BOOST_REQUIRE(left.ok());
    BOOST_TEST(*left == 5);
    BOOST_TEST(*daysRemaining(shipped(), d(2025, 2, 7), d(2025, 2, 7), PeriodUnit::WorkingDays) == 0);
    // Seen on Tuesday 11/2: 2 working days overdue.
    BOOST_TEST(*daysRemaining(shipped(), d(2025, 2, 11), d(2025, 2, 7), PeriodUnit::WorkingDays) == -2);
    BOOST_TEST(*daysRemaining(shipped(), d(2025, 2, 11), d(2025, 2, 7), PeriodUnit::CalendarDays) == -4);
    BOOST_TEST(*daysRemaining(shipped(), d(2025, 1, 24), d(2025, 2, 7), PeriodUnit::CalendarDays) == 14);
    BOOST_TEST(!daysRemaining(shipped(), d(2015, 12, 1), d(2016, 1, 5), PeriodUnit::WorkingDays).ok());
}

BOOST_AUTO_TEST_CASE(an_announcement_overrides_the_shipped_year)
{
    CalendarYear year = *shipped().year(2027);
    year.status = YearStatus::Announced;
    CalendarDocument document{"cv-test",
                              "1/VPCP-KGVX",
                              d(2026, 11, 1),
                              {"Văn phòng Chính phủ", "Government Office"},
                              "https://example.invalid/1",
                              {}};
    year.documents.push_back(document);
    DayOff swap;
    swap.date = d(2027, 3, 15);
    swap.reason = DayOffReason::Swap;
    swap.statutory = false;
    swap.document = document;
    year.daysOff.push_back(swap);
    year.makeUpDays.push_back(MakeUpWorkingDay{d(2027, 3, 20), d(2027, 3, 15), document});
    auto merged = shipped().withYear(year);
    BOOST_REQUIRE(merged.ok());
    BOOST_TEST(!*merged->isWorkingDay(d(2027, 3, 15)));
    BOOST_TEST(*merged->isWorkingDay(d(2027, 3, 20)));
    BOOST_TEST(*shipped().isWorkingDay(d(2027, 3, 15)));
    // A day listed twice is refused, as in the file.
    CalendarYear twice = year;
    twice.daysOff.push_back(swap);
    BOOST_TEST(!shipped().withYear(twice).ok());
    BOOST_TEST(period(d(2027, 1, 4), 1, PeriodUnit::WorkingDays).statutoryYearsUsed.size() == 1u);
    auto end = endOfPeriod(*merged, d(2027, 1, 4), 1, PeriodUnit::WorkingDays);
    BOOST_REQUIRE(end.ok());
    BOOST_TEST(end->statutoryYearsUsed.empty());
}

BOOST_AUTO_TEST_CASE(a_make_up_day_on_a_weekday_is_refused)
{
    CalendarYear year;
    year.year = 2027;
    year.makeUpDays.push_back(MakeUpWorkingDay{d(2027, 5, 5), std::nullopt, CalendarDocument{"x", "", {}, {}, "", {}}});
    const Errors errors = WorkingCalendar::checkYear(year);
    BOOST_REQUIRE(!errors.empty());
    BOOST_TEST(errors.front().message.en.find("not a Saturday or Sunday") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(both_sides_of_a_swap_must_be_listed)
{
    // The shipped 2018/2019 swap crosses the year: 31/12/2018 off, Saturday 05/01/2019 worked.
    BOOST_TEST(!working(d(2018, 12, 31)));
    BOOST_TEST(working(d(2019, 1, 5)));
    // A 2019 that forgets the make-up Saturday is refused against 2018's swap.
    CalendarYear forgetful = *shipped().year(2019);
    forgetful.makeUpDays.erase(std::remove_if(forgetful.makeUpDays.begin(), forgetful.makeUpDays.end(),
                                              [](const MakeUpWorkingDay& w) { return w.date == d(2019, 1, 5); }),
                               forgetful.makeUpDays.end());
    auto merged = shipped().withYear(forgetful);
    BOOST_REQUIRE(!merged.ok());
    BOOST_TEST(merged.errors().front().message.en.find("2019-01-05") != std::string::npos);
    BOOST_TEST(merged.errors().front().field == "year 2018");
}
