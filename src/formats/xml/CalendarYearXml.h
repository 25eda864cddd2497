#pragma once
// One year of the working-day calendar written as the <year> element of schemas/calendar.xsd: what
// `calendar show YEAR --format xml` prints, so that an administrator edits it into the new announcement and
// records it with `calendar announce` (rules/CalendarLoader reads it back).
#include "core/WorkingCalendar.h"

#include <string>

namespace seclevel {

std::string calendarYearXml(const CalendarYear& year);

} // namespace seclevel
