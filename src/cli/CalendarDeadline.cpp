// seclevel calendar deadline --from DATE (--working-days N | --days N) — the last day of a statutory period
// counted on the civil servants' working-day calendar (Civil Code 91/2015 Art 147–148).
#include "cli/CalendarCommands.h"
#include "cli/Commands.h"
#include "codec/Json.h"

#include <iostream>

namespace seclevel {
namespace {

class CalendarDeadlineCommand final : public Command {
public:
    std::string name() const override { return "calendar deadline"; }
    LocalizedText summary() const override
    {
        return {"tính ngày hết hạn theo ngày làm việc hoặc ngày theo lịch (Điều 147–148 Bộ luật Dân sự)",
                "the end of a period in working or calendar days (Civil Code Art 147–148)"};
    }
    std::string usage() const override
    {
        return "--from DATE (--working-days N | --days N) [--format text|json] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        return {{"from",
                 true,
                 {"ngày xảy ra sự kiện (nhận hồ sơ), YYYY-MM-DD; không tính vào thời hạn",
                  "day of the event (receipt), YYYY-MM-DD; not counted"}},
                {"working-days", true, {"thời hạn tính bằng ngày làm việc", "period in working days"}},
                {"days", true, {"thời hạn tính bằng ngày theo lịch", "period in calendar days"}},
                {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}},
                {"db",
                 true,
                 {"cơ sở dữ liệu có thông báo nghỉ đã ghi (mặc định: chỉ dữ liệu kèm theo)",
                  "database with recorded announcements (default: the shipped data only)"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "lệnh không nhận đối số", "takes no arguments");
        const auto fromText = line.value("from");
        if (!fromText)
            return usageError(*this, context, "thiếu --from DATE", "--from DATE is missing");
        const auto from = parseIsoDate(*fromText);
        if (!from)
            return usageError(*this, context, "--from phải là ngày YYYY-MM-DD, không phải '" + *fromText + "'",
                              "--from must be a date YYYY-MM-DD, not '" + *fromText + "'");
        const auto working = line.value("working-days"), calendar = line.value("days");
        if (working.has_value() == calendar.has_value())
            return usageError(*this, context, "cần đúng một trong --working-days N và --days N",
                              "give exactly one of --working-days N and --days N");
        const std::string countText = working ? *working : *calendar;
        const auto count = parseInteger(countText);
        if (!count || *count < 1)
            return usageError(*this, context, "số ngày phải là số nguyên dương, không phải '" + countText + "'",
                              "the number of days must be a positive integer, not '" + countText + "'");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format là text hoặc json", "--format is text or json");

        int exitCode = ExitOk;
        auto session = openCalendarSession(line, context, false, exitCode);
        if (!session)
            return exitCode;
        const PeriodUnit unit = working ? PeriodUnit::WorkingDays : PeriodUnit::CalendarDays;
        auto deadline = session->service->deadline(*from, *count, unit);
        if (!deadline)
            return printErrors(deadline.errors(), context);
        if (format == "json")
            printJson(*deadline, context);
        else
            printText(*deadline, context);
        return ExitOk;
    }

private:
    static void printJson(const Deadline& d, Context& context)
    {
        const Lang lang = context.lang;
        json::Writer w;
        w.beginObject();
        w.key("from").value(formatIsoDate(d.from));
        w.key("end").value(formatIsoDate(d.end.end));
        w.key("days_off").beginArray();
        for (const DayOff& day : d.end.daysOffCrossed)
            writeDayOff(w, day, lang);
        w.endArray();
        w.key("unit").value(periodUnitName(d.unit));
        w.key("count").value(static_cast<std::int64_t>(d.count));
        w.key("end_weekday").value(weekdayName(d.end.end).in(lang));
        w.key("moved_to_next_working_day").value(d.end.movedToNextWorkingDay);
        w.key("make_up_days").beginArray();
        for (const MakeUpWorkingDay& day : d.end.makeUpDaysCrossed)
            writeMakeUpDay(w, day, lang);
        w.endArray();
        w.key("statutory_years").beginArray();
        for (int year : d.end.statutoryYearsUsed)
            w.value(static_cast<std::int64_t>(year));
        w.endArray();
        w.key("calendar_source").value(d.source.in(lang));
        w.endObject();
        *context.out << w.str();
    }

    static void printText(const Deadline& d, Context& context)
    {
        const Lang lang = context.lang;
        const bool en = lang == Lang::En;
        std::ostream& out = *context.out;
        const bool workingDays = d.unit == PeriodUnit::WorkingDays;
        out << (en ? "From:      " : "Từ ngày:   ") << dayText(d.from, lang)
            << (en ? " (the day of the event is not counted, Civil Code Art 147.1)"
                   : " (ngày xảy ra sự kiện không tính, Điều 147.1 Bộ luật Dân sự)")
            << "\n";
        out << (en ? "Period:    " : "Thời hạn:  ") << d.count << " "
            << (workingDays ? (en ? "working days" : "ngày làm việc") : (en ? "calendar days" : "ngày theo lịch"))
            << "\n";
        out << (en ? "Ends:      end of " : "Hạn cuối:  hết ngày ") << dayText(d.end.end, lang) << "\n";
        if (d.end.movedToNextWorkingDay) {
            const Date nominal{std::chrono::sys_days(d.from) + std::chrono::days(d.count)};
            out << (en ? "           the last day, " : "           ngày cuối ") << dayText(nominal, lang)
                << (en ? ", is a day off: the period ends at the end of the next working day (Civil Code Art 148.5)"
                       : " là ngày nghỉ: thời hạn kết thúc vào cuối ngày làm việc tiếp theo (Điều 148.5 Bộ luật "
                         "Dân sự)")
                << "\n";
        }
        if (!d.end.daysOffCrossed.empty()) {
            out << (en ? "Days off in the period (besides weekends):\n"
                       : "Ngày nghỉ trong thời hạn (ngoài thứ Bảy, Chủ nhật):\n");
            for (const DayOff& day : d.end.daysOffCrossed)
                out << "  " << dayOffLine(day, lang) << "\n";
        }
        if (!d.end.makeUpDaysCrossed.empty()) {
            out << (en ? "Make-up working days in the period:\n" : "Ngày làm bù trong thời hạn:\n");
            for (const MakeUpWorkingDay& day : d.end.makeUpDaysCrossed)
                out << "  " << makeUpDayLine(day, lang) << "\n";
        }
        for (int year : d.end.statutoryYearsUsed)
            out << (en ? "Note: no Government announcement of the days off of " + std::to_string(year) +
                             " is recorded; the statutory rule (Labour Code Art 112, compensatory days Art 111.3) "
                             "was applied and may change when the year is announced.\n"
                       : "Lưu ý: chưa có thông báo nghỉ lễ, Tết năm " + std::to_string(year) +
                             " của Chính phủ; đã áp dụng quy định của Bộ luật Lao động (Điều 112, nghỉ bù Điều 111.3), "
                             "có thể thay đổi khi có thông báo.\n");
        out << (en ? "Calendar:  " : "Lịch:      ") << d.source.in(lang) << "\n";
    }
};

} // namespace

std::unique_ptr<Command> makeCalendarDeadlineCommand()
{
    return std::make_unique<CalendarDeadlineCommand>();
}

} // namespace seclevel
