#pragma once
// The annual report (TT12 Art 14 / NĐ331 Form 08) as a printable HTML document in the Decree 30 layout: the
// header blocks, the totals, the twelve-column table on A4 landscape, "Nơi nhận" and the signature block. No
// script; every value escaped. `css` is ReportService::stylesheet().
#include "core/AnnualReport.h"

#include <string>

namespace seclevel {

std::string annualReportHtml(const AnnualReport& report, const std::string& css, Lang lang = Lang::Vi);

// The text of one column (1..12) of a row, as every format writes it (HTML, CSV, XLSX; XML keeps the parts).
std::string annualReportCell(const AnnualReport& report, const AnnualReportRow& row, int number, int column);
// The text of a total (ReportTotal order).
std::string annualReportTotal(const AnnualReport& report, int total);

} // namespace seclevel
