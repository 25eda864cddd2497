#include "formats/report/AnnualReportHtml.h"

#include "formats/html/Decree30Html.h"
#include "formats/html/HtmlEscape.h"

namespace seclevel {
namespace {

std::string esc(const std::string& text)
{
    return escapeHtml(text);
}

} // namespace

std::string annualReportCell(const AnnualReport& report, const AnnualReportRow& row, int number, int column)
{
    const AnnualReportDefinition& d = report.definition;
    switch (column) {
    case 1: return std::to_string(number);
    case 2: return row.name;
    case 3: return row.owner;
    case 4: return row.operatorName;
    case 5: return row.proposedLevel > 0 ? std::to_string(row.proposedLevel) : std::string();
    case 6: return row.approvalState;
    case 7: return row.approval ? decisionText(*row.approval) : std::string();
    case 8: return row.regulation ? decisionText(*row.regulation) : std::string();
    case 9: return row.expectedApproval ? slashDate(*row.expectedApproval) : std::string();
    case 10: return planText(d, row.plan);
    case 11: return row.expectedFullDeployment ? slashDate(*row.expectedFullDeployment) : std::string();
    case 12: return inspectionText(d, row.inspection);
    default: return {};
    }
}

std::string annualReportTotal(const AnnualReport& report, int total)
{
    switch (static_cast<ReportTotal>(total)) {
    case ReportTotal::Managed: return std::to_string(report.managed);
    case ReportTotal::Classified: return std::to_string(report.classified);
    case ReportTotal::WithDossier: return std::to_string(report.withDossier);
    case ReportTotal::Appraised: return std::to_string(report.appraised);
    case ReportTotal::Approved: return std::to_string(report.approved);
    case ReportTotal::Inspected: return std::to_string(report.inspected);
    case ReportTotal::ExpectedCompletion:
        return report.expectedCompletion ? slashDate(*report.expectedCompletion) : std::string();
    }
    return {};
}

std::string annualReportHtml(const AnnualReport& report, const std::string& css, Lang lang)
{
    const AnnualReportDefinition& d = report.definition;
    const bool vi = lang == Lang::Vi;
    const std::string summary = summaryFor(d, lang, report.year);
    std::string out = decree30::openDocument(summary, css, lang);
    out += decree30::formLabel(d.formLabel);
    DocumentHeader header;
    header.superiorBody = report.parentName;
    header.issuerName = report.organisationName; // upper-cased by the stylesheet
    header.addressee = d.addressee;
    header.signerAuthority = "ĐẠI DIỆN CỦA CƠ QUAN, TỔ CHỨC";
    header.recipients = {"Như trên"};
    out += decree30::headerBlock(header);
    out += decree30::titleBlock(d.title.in(lang), summary);
    out += decree30::addresseeBlock(header);
    out += "<p class=\"period\">" +
           esc((vi ? "Số liệu từ ngày " : "Data from ") + slashDate(report.from) + (vi ? " đến ngày " : " to ") +
               slashDate(report.to) + " (" + d.citation + ")") +
           "</p>\n";
    out += decree30::basisLines(d.bases);

    out += "<h2 class=\"report-part\">" + esc(vi ? "I. SỐ LIỆU TỔNG HỢP" : "I. TOTALS") + "</h2>\n";
    out += "<table class=\"totals\">\n<tbody>\n";
    for (int t = 0; t < kReportTotals; ++t) {
        std::string value = annualReportTotal(report, t);
        if (static_cast<ReportTotal>(t) == ReportTotal::ExpectedCompletion && report.withoutExpectedDate > 0) {
            if (!value.empty())
                value += "; ";
            value += std::to_string(report.withoutExpectedDate) +
                     (vi ? " hệ thống chưa có thời gian dự kiến" : " systems without an expected date");
        }
        out += "<tr><th>" + std::to_string(t + 1) + ". " + esc(d.totals[t].in(lang)) + "</th><td class=\"count\">" +
               esc(value.empty() ? std::string("—") : value) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";

    out += "<h2 class=\"report-part\">" + esc(vi ? "II. DANH SÁCH HỆ THỐNG THÔNG TIN" : "II. INFORMATION SYSTEMS") +
           "</h2>\n";
    out += "<table class=\"form08\">\n<colgroup>";
    for (int c = 1; c <= kReportColumns; ++c)
        out += "<col class=\"c" + std::to_string(c) + "\">";
    out += "</colgroup>\n<thead>\n<tr>";
    for (int c = 0; c < kReportColumns; ++c)
        out += "<th>" + esc(d.columns[c].in(lang)) + "</th>";
    out += "</tr>\n<tr class=\"numbers\">";
    for (int c = 1; c <= kReportColumns; ++c)
        out += "<th>(" + std::to_string(c) + ")</th>";
    out += "</tr>\n</thead>\n<tbody>\n";
    int number = 0;
    for (const AnnualReportRow& row : report.rows) {
        ++number;
        out += "<tr>";
        for (int c = 1; c <= kReportColumns; ++c) {
            const bool date = c == 9 || c == 11;
            out += date ? "<td class=\"centre date\">" : c == 1 || c == 5 ? "<td class=\"centre\">" : "<td>";
            out += esc(annualReportCell(report, row, number, c)) + "</td>";
        }
        out += "</tr>\n";
    }
    if (report.rows.empty())
        out += "<tr><td colspan=\"12\" class=\"centre\">" +
               esc(vi ? "Không có hệ thống thông tin trong kỳ báo cáo" : "No information system in the period") +
               "</td></tr>\n";
    out += "</tbody>\n</table>\n";
    out += "<p class=\"report-note\">" +
           esc(vi ? "Cột (6) theo bước thủ tục đã ghi nhận đến hết ngày " + slashDate(report.to) +
                        "; cột (10), (11) theo thuyết minh đáp ứng yêu cầu đang lưu; cột (12) theo kết quả kiểm tra, "
                        "đánh giá đã ghi nhận. Mẫu báo cáo: " +
                        d.id + " (phiên bản " + d.version + "), thủ tục theo bộ quy tắc " + d.rulesetId + "."
                  : "Column (6) from the procedure steps recorded up to " + slashDate(report.to) +
                        "; columns (10), (11) from the requirement statements as stored; column (12) from the recorded "
                        "inspections. Report definition: " +
                        d.id + " (version " + d.version + "), procedure of rule set " + d.rulesetId + ".") +
           "</p>\n";
    out += decree30::signatureBlock(header, true);
    out += decree30::closeDocument();
    return out;
}

} // namespace seclevel
