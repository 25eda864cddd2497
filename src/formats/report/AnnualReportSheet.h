#pragma once
// The annual report (TT12 Art 14 / NĐ331 Form 08) as CSV and as an XLSX workbook. CSV: the title and period,
// the totals, a blank line, then the twelve-column table (header "(n) label") with the system and organisation
// ids after it. XLSX: sheet "Mau 08" the table (header frozen), sheet "Tong hop" the totals. Every text cell
// is written as a string with formula-like text neutralised (CsvWriter, XlsxWriter); only seclevel's own
// numbers (row number, level, totals) are number cells.
#include "core/AnnualReport.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace seclevel {

std::string annualReportCsv(const AnnualReport& report, Lang lang = Lang::Vi);
Result<bool> writeAnnualReportXlsx(const AnnualReport& report, const std::string& path, Lang lang = Lang::Vi);

} // namespace seclevel
