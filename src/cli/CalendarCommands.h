#pragma once
// What the `calendar …` commands share: the calendar service on the shipped data, with the store's recorded
// announcements when a database is named (--db or $SECLEVEL_DB; no database is created just to read), and
// the way a day off is written in text and JSON.
#include "app/CalendarService.h"
#include "cli/Command.h"

#include <memory>
#include <string>

namespace seclevel {

namespace json {
class Writer;
}

// The service and what it needs to live. `store` stays null when no database was named.
struct CalendarSession {
    std::shared_ptr<const Catalogue> catalogue;
    std::unique_ptr<Store> store;
    std::unique_ptr<CalendarService> service;
};

// Opens the catalogue and, when --db or $SECLEVEL_DB names one (or `requireStore`), the store. On failure
// prints why and returns nullptr with the exit code in `exitCode`.
std::unique_ptr<CalendarSession> openCalendarSession(const CommandLine& line, Context& context, bool requireStore,
                                                     int& exitCode);

// "Thứ Hai 23/02/2026" / "Monday 2026-02-23".
std::string dayText(Date date, Lang lang);

// One line: "Thứ Hai 16/02/2026  Tết Âm lịch — văn bản số 9859/VPCP-KGVX, Văn phòng Chính phủ".
std::string dayOffLine(const DayOff& day, Lang lang);
std::string makeUpDayLine(const MakeUpWorkingDay& day, Lang lang);

// {"date", "weekday", "reason", "reason_text", "statutory", "document": {...} | null, "for", "swapped_with"}
void writeDayOff(json::Writer& writer, const DayOff& day, Lang lang);
void writeMakeUpDay(json::Writer& writer, const MakeUpWorkingDay& day, Lang lang);
void writeDocument(json::Writer& writer, const CalendarDocument& document, Lang lang);

} // namespace seclevel
