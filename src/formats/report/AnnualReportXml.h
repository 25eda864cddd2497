#pragma once
// The annual report (TT12 Art 14 / NĐ331 Form 08) as XML (schemas/annual-report.xsd): the totals and one
// <system> per row with the twelve columns as elements, dates ISO 8601, each status with its code and the
// wording the form prints, and the report definition, its version and the rule set that judged it.
#include "core/AnnualReport.h"

#include <string>

namespace seclevel {

std::string annualReportXml(const AnnualReport& report);

} // namespace seclevel
