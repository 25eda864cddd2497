// seclevel calendar announce FILE — an administrator records a year's announced days off (one <year> element
// of schemas/calendar.xsd); from then on it overrides the shipped year for every clock read from this store.
#include "cli/CalendarCommands.h"
#include "cli/Commands.h"
#include "io/InputFile.h"

#include <cstdlib>
#include <iostream>

namespace seclevel {
namespace {

class CalendarAnnounceCommand final : public Command {
public:
    std::string name() const override { return "calendar announce"; }
    LocalizedText summary() const override
    {
        return {"ghi thông báo ngày nghỉ của một năm (thay dữ liệu kèm theo của năm đó)",
                "record a year's announced days off (overrides the shipped year)"};
    }
    std::string usage() const override { return "FILE --db PATH [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {{"db",
                                          true,
                                          {"cơ sở dữ liệu ghi thông báo (bắt buộc, hoặc $SECLEVEL_DB)",
                                           "database to record the announcement in (required, or $SECLEVEL_DB)"}}};
        for (OptionSpec& spec : actingOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần một tệp <year>", "expects one <year> file");
        // Reads of the calendar use a database only when one is named; an announcement stored in the default
        // one would never be seen by them, so the database must be named here too.
        const char* env = std::getenv("SECLEVEL_DB");
        if (!line.value("db") && !(env && *env))
            return usageError(*this, context, "cần --db PATH (hoặc $SECLEVEL_DB): nơi các lệnh tính hạn sẽ đọc",
                              "needs --db PATH (or $SECLEVEL_DB): where the deadline commands will read it");
        const std::string& file = line.positional()[0];
        auto text = readInputFile(
            file, {.maxBytes = 1u << 20, .what = {"tệp thông báo ngày nghỉ", "announcement file"}, .text = true});
        if (!text)
            return printErrors(text.errors(), context);
        int exitCode = ExitOk;
        auto session = openCalendarSession(line, context, true, exitCode);
        if (!session)
            return exitCode;
        auto actor = currentActor(line, *session->store);
        if (!actor)
            return printErrors(actor.errors(), context);
        bool changed = false;
        auto year = session->service->announce(*text, file, *actor, &changed);
        if (!year)
            return printErrors(year.errors(), context);
        const bool en = context.lang == Lang::En;
        *context.out << (changed ? (en ? "Recorded the announcement of " : "Đã ghi thông báo năm ")
                                 : (en ? "Unchanged: this announcement is already in force for "
                                       : "Không thay đổi: thông báo này đã áp dụng cho năm "))
                     << year->year << " (" << year->daysOff.size() << (en ? " days off, " : " ngày nghỉ, ")
                     << year->makeUpDays.size() << (en ? " make-up working days) in " : " ngày làm bù) vào ")
                     << session->store->describe() << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeCalendarAnnounceCommand()
{
    return std::make_unique<CalendarAnnounceCommand>();
}

} // namespace seclevel
