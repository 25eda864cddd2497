#pragma once
// Loads the working-day calendar (calendars/vn-civil-service.xml) and single years of it (an administrator's
// record of a new announcement): XSD validation first (schemas/calendar.xsd), then what the schema cannot
// say — every date within its year, sources that name a document of the same year, a make-up day on a
// weekend, no date twice. A wrong file is rejected whole, each error naming file, line and field, in
// Vietnamese and English.
#include "core/Error.h"
#include "core/WorkingCalendar.h"

#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema;

Result<WorkingCalendar> loadWorkingCalendar(std::string_view xml, const std::string& fileName, const XmlSchema& schema);
Result<WorkingCalendar> loadWorkingCalendarFile(const std::string& path, const XmlSchema& schema);

// One <year> element as the root of a document (the same vocabulary as inside <calendar>).
Result<CalendarYear> loadCalendarYear(std::string_view xml, const std::string& fileName, const XmlSchema& schema);

} // namespace seclevel
