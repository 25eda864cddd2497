// seclevel calendar show YEAR — the civil servants' days off of one year, each with its reason and source.
#include "cli/CalendarCommands.h"
#include "cli/Commands.h"
#include "codec/Json.h"
#include "formats/xml/CalendarYearXml.h"

#include <iostream>

namespace seclevel {
namespace {

class CalendarShowCommand final : public Command {
public:
    std::string name() const override { return "calendar show"; }
    LocalizedText summary() const override
    {
        return {"liệt kê ngày nghỉ của công chức trong một năm và văn bản công bố",
                "list the civil servants' days off of a year and the documents that announced them"};
    }
    std::string usage() const override { return "YEAR [--format text|json|xml] [--db PATH]"; }
    std::vector<OptionSpec> options() const override
    {
        return {{"format",
                 true,
                 {"text (mặc định), json, hoặc xml (phần tử <year> để sửa thành thông báo mới)",
                  "text (default), json, or xml (the <year> element, to edit into a new announcement)"}},
                {"db",
                 true,
                 {"cơ sở dữ liệu có thông báo nghỉ đã ghi (mặc định: chỉ dữ liệu kèm theo)",
                  "database with recorded announcements (default: the shipped data only)"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần một năm, ví dụ 2026", "expects one year, e.g. 2026");
        const auto number = parseInteger(line.positional()[0]);
        if (!number)
            return usageError(*this, context, "năm phải là số, không phải '" + line.positional()[0] + "'",
                              "the year must be a number, not '" + line.positional()[0] + "'");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json" && format != "xml")
            return usageError(*this, context, "--format là text, json hoặc xml", "--format is text, json or xml");
        int exitCode = ExitOk;
        auto session = openCalendarSession(line, context, false, exitCode);
        if (!session)
            return exitCode;
        auto year = session->service->year(*number);
        if (!year)
            return printErrors(year.errors(), context);
        auto inForce = session->service->inForce();
        if (!inForce)
            return printErrors(inForce.errors(), context);
        if (format == "xml")
            *context.out << calendarYearXml(*year);
        else if (format == "json")
            printJson(*year, (*inForce)->source, context);
        else
            printText(*year, (*inForce)->source, context);
        return ExitOk;
    }

private:
    static void printJson(const CalendarYear& y, const LocalizedText& source, Context& context)
    {
        const Lang lang = context.lang;
        json::Writer w;
        w.beginObject();
        w.key("year").value(static_cast<std::int64_t>(y.year));
        w.key("status").value(yearStatusName(y.status));
        w.key("labour_code").value(y.labourCode);
        w.key("note").value(y.note.in(lang));
        w.key("origin").value(y.origin);
        w.key("days_off").beginArray();
        for (const DayOff& day : y.daysOff)
            writeDayOff(w, day, lang);
        w.endArray();
        w.key("make_up_days").beginArray();
        for (const MakeUpWorkingDay& day : y.makeUpDays)
            writeMakeUpDay(w, day, lang);
        w.endArray();
        w.key("documents").beginArray();
        for (const CalendarDocument& document : y.documents)
            writeDocument(w, document, lang);
        w.endArray();
        w.key("calendar_source").value(source.in(lang));
        w.endObject();
        *context.out << w.str();
    }

    static void printText(const CalendarYear& y, const LocalizedText& source, Context& context)
    {
        const Lang lang = context.lang;
        const bool en = lang == Lang::En;
        std::ostream& out = *context.out;
        const bool announced = y.status == YearStatus::Announced;
        out << (en ? "Year " : "Năm ") << y.year << " — "
            << (announced ? (en ? "announced" : "đã có thông báo của Chính phủ")
                          : (en ? "STATUTORY: no announcement found, the Labour Code rule applied"
                                : "THEO LUẬT ĐỊNH: chưa có thông báo, áp dụng quy định của Bộ luật Lao động"))
            << (en ? "; Labour Code " : "; Bộ luật Lao động ") << y.labourCode << "\n";
        out << "  " << y.note.in(lang) << "\n";
        out << (en ? "Weekly rest: Saturday and Sunday (Decision 188/1999/QĐ-TTg Art 1)\n"
                   : "Nghỉ hằng tuần: thứ Bảy và Chủ nhật (Quyết định 188/1999/QĐ-TTg Điều 1)\n");
        out << (en ? "Days off:\n" : "Ngày nghỉ:\n");
        for (const DayOff& day : y.daysOff)
            out << "  " << dayOffLine(day, lang) << "\n";
        if (!y.makeUpDays.empty()) {
            out << (en ? "Make-up working days:\n" : "Ngày làm bù:\n");
            for (const MakeUpWorkingDay& day : y.makeUpDays)
                out << "  " << makeUpDayLine(day, lang) << "\n";
        }
        if (!y.documents.empty()) {
            out << (en ? "Documents:\n" : "Văn bản:\n");
            for (const CalendarDocument& d : y.documents) {
                out << "  "
                    << (d.number.empty() ? std::string(en ? "(number not found)" : "(chưa rõ số hiệu)") : d.number);
                if (d.date)
                    out << "  " << formatIsoDate(*d.date);
                out << "  " << d.issuer.in(lang) << "\n";
                if (!d.note.empty())
                    out << "      " << d.note.in(lang) << "\n";
                out << "      " << d.reference << "\n";
            }
        }
        out << (en ? "Calendar: " : "Lịch: ") << source.in(lang);
        if (y.origin != "shipped")
            out << (en ? "; this year: " : "; năm này: ") << y.origin;
        out << "\n";
    }
};

} // namespace

std::unique_ptr<Command> makeCalendarShowCommand()
{
    return std::make_unique<CalendarShowCommand>();
}

} // namespace seclevel
