#include "formats/report/AnnualReportSheet.h"

#include "formats/csv/CsvReader.h"
#include "formats/report/AnnualReportHtml.h"
#include "formats/xlsx/XlsxWriter.h"

namespace seclevel {
namespace {

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<bool>> numeric;
};

Table tableOf(const AnnualReport& report, Lang lang)
{
    Table t;
    for (int c = 0; c < kReportColumns; ++c) {
        // Appends, not "(" + std::string: GCC 12 -O3 reports a false -Wrestrict on the latter.
        std::string heading = "(";
        heading += std::to_string(c + 1);
        heading += ") ";
        heading += report.definition.columns[c].in(lang);
        t.header.push_back(std::move(heading));
    }
    t.header.push_back(lang == Lang::Vi ? "Mã hệ thống" : "System id");
    t.header.push_back(lang == Lang::Vi ? "Mã cơ quan" : "Organisation id");
    int number = 0;
    for (const AnnualReportRow& row : report.rows) {
        ++number;
        std::vector<std::string> cells;
        std::vector<bool> numeric;
        for (int c = 1; c <= kReportColumns; ++c) {
            cells.push_back(annualReportCell(report, row, number, c));
            numeric.push_back((c == 1 || c == 5) && !cells.back().empty());
        }
        cells.push_back(row.systemId);
        cells.push_back(row.organisationId);
        numeric.resize(cells.size(), false);
        t.rows.push_back(std::move(cells));
        t.numeric.push_back(std::move(numeric));
    }
    return t;
}

std::vector<std::vector<std::string>> totalsOf(const AnnualReport& report, Lang lang)
{
    std::vector<std::vector<std::string>> out;
    for (int t = 0; t < kReportTotals; ++t)
        out.push_back({report.definition.totals[t].in(lang), annualReportTotal(report, t)});
    out.push_back({lang == Lang::Vi ? "Số hệ thống chưa phê duyệt chưa có thời gian dự kiến"
                                    : "Systems not approved without an expected date",
                   std::to_string(report.withoutExpectedDate)});
    return out;
}

std::string periodLine(const AnnualReport& report, Lang lang)
{
    std::string line = lang == Lang::Vi ? "Số liệu từ ngày " : "Data from ";
    line += slashDate(report.from);
    line += lang == Lang::Vi ? " đến ngày " : " to ";
    line += slashDate(report.to);
    line += " — ";
    line += report.definition.citation;
    line += " — ";
    line += report.definition.id;
    line += " ";
    line += report.definition.version;
    line += " — ";
    line += report.definition.rulesetId;
    return line;
}

} // namespace

std::string annualReportCsv(const AnnualReport& report, Lang lang)
{
    CsvWriter csv;
    csv.row({report.organisationName});
    csv.row({summaryFor(report.definition, lang, report.year)});
    csv.row({periodLine(report, lang)});
    csv.row({});
    for (const auto& total : totalsOf(report, lang))
        csv.row(total);
    csv.row({});
    const Table t = tableOf(report, lang);
    csv.row(t.header);
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        csv.row(t.rows[i], t.numeric[i]);
    return csv.take(); // with the byte order mark CsvWriter starts with
}

Result<bool> writeAnnualReportXlsx(const AnnualReport& report, const std::string& path, Lang lang)
{
    auto writer = XlsxWriter::create(path);
    if (!writer)
        return writer.errors();
    XlsxWriter& w = **writer;
    const Table t = tableOf(report, lang);
    if (auto added = w.addSheet("Mau 08"); !added)
        return added.errors();
    if (auto written = w.row(t.header); !written)
        return written.errors();
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        if (auto written = w.row(t.rows[i], t.numeric[i]); !written)
            return written.errors();
    if (auto added = w.addSheet("Tong hop"); !added)
        return added.errors();
    for (const std::vector<std::string>& line : std::vector<std::vector<std::string>>{
             {report.organisationName, summaryFor(report.definition, lang, report.year)}, {periodLine(report, lang)}})
        if (auto written = w.row(line); !written)
            return written.errors();
    for (const auto& total : totalsOf(report, lang))
        if (auto written = w.row(total, {false, total[1].find('/') == std::string::npos && !total[1].empty()});
            !written)
            return written.errors();
    return w.close();
}

} // namespace seclevel
