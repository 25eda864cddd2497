#pragma once
// Loads reports/annual-report.xml (schemas/annual-report-definition.xsd): the annual report of TT12 Art 13–14 /
// NĐ331 Form 08 as data. Beyond the schema it checks that the years of the reports do not overlap.
#include "core/AnnualReport.h"
#include "core/Error.h"

#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

class XmlSchema;

Result<std::vector<AnnualReportDefinition>> loadAnnualReports(std::string_view xml, const std::string& fileName,
                                                              const XmlSchema& schema);
// `dataDir` holds reports/annual-report.xml and schemas/annual-report-definition.xsd.
Result<std::vector<AnnualReportDefinition>> loadAnnualReportsFrom(const std::string& dataDir);

} // namespace seclevel
