// Benchmark: the statutory-clock arithmetic on the shipped working-day calendar, one core. Loads
// calendars/vn-civil-service.xml, then computes 1,000,000 period ends (random start days 2016–2029, 5–30
// working days or 7–45 calendar days) and as many days-left counts, as the deadlines listing will.
//   calendar_bench [PERIODS] [SOURCE_DIR]
#include "core/WorkingCalendar.h"
#include "rules/CalendarLoader.h"
#include "rules/XmlSchema.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace seclevel;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    const long periods = argc > 1 ? std::stol(argv[1]) : 1'000'000;
    const std::filesystem::path source = argc > 2 ? argv[2] : SECLEVEL_SOURCE_DIR;
    const auto loadStart = Clock::now();
    auto schema = XmlSchema::load((source / "schemas" / "calendar.xsd").string());
    if (!schema) {
        std::fprintf(stderr, "%s\n", schema.errors().front().describe(Lang::En).c_str());
        return 1;
    }
    auto calendar = loadWorkingCalendarFile((source / "calendars" / "vn-civil-service.xml").string(), **schema);
    if (!calendar) {
        std::fprintf(stderr, "%s\n", calendar.errors().front().describe(Lang::En).c_str());
        return 1;
    }
    const double loadSeconds = std::chrono::duration<double>(Clock::now() - loadStart).count();

    std::mt19937 random(42);
    const auto first = std::chrono::sys_days(Date{std::chrono::year{2016}, std::chrono::January, std::chrono::day{1}});
    std::uniform_int_distribution<int> dayOffset(0, 14 * 365 - 1), working(5, 30), calendarDays(7, 45);
    long checksum = 0;
    const auto start = Clock::now();
    for (long i = 0; i < periods; ++i) {
        const Date from{first + std::chrono::days(dayOffset(random))};
        const bool inWorkingDays = i % 2 == 0;
        auto end = endOfPeriod(*calendar, from, inWorkingDays ? working(random) : calendarDays(random),
                               inWorkingDays ? PeriodUnit::WorkingDays : PeriodUnit::CalendarDays);
        if (!end)
            return 1;
        auto left = daysRemaining(*calendar, from, end->end, PeriodUnit::WorkingDays);
        if (!left)
            return 1;
        checksum += *left + static_cast<long>(end->daysOffCrossed.size());
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("calendar load + XSD validation: %.1f ms\n", loadSeconds * 1000);
    std::printf("%ld period ends + days-left counts: %.3f s, %.0f per second (checksum %ld)\n", periods, seconds,
                periods / seconds, checksum);
    return 0;
}
