#include "formats/html/InspectionConclusionHtml.h"

#include "formats/html/HtmlEscape.h"
#include "formats/xml/InspectionConclusionXml.h"

#include <map>
#include <set>

namespace seclevel {
namespace {

std::string esc(const std::string& text)
{
    return escapeHtml(text);
}

std::string cite(const std::string& citation, const InstrumentRegister& instruments)
{
    return esc(citationToVietnamese(citation, instruments));
}

std::string twoDigits(unsigned n)
{
    std::string out;
    if (n < 10)
        out += '0';
    out += std::to_string(n);
    return out;
}

std::string shortDate(Date date)
{
    std::string out = twoDigits(static_cast<unsigned>(date.day()));
    out += '/';
    out += twoDigits(static_cast<unsigned>(date.month()));
    out += '/';
    out += std::to_string(static_cast<int>(date.year()));
    return out;
}

const char* severityVi(const std::string& severity)
{
    return severity == "high" ? "Nghiêm trọng" : severity == "medium" ? "Trung bình" : "Thấp";
}

const char* statusVi(RemediationStatus status, bool overdue)
{
    if (overdue)
        return "Quá hạn khắc phục";
    switch (status) {
    case RemediationStatus::Open: return "Chưa khắc phục";
    case RemediationStatus::InProgress: return "Đang khắc phục";
    case RemediationStatus::Remediated: return "Đã khắc phục";
    case RemediationStatus::Closed: return "Đã kết thúc (đoàn thanh tra xác nhận)";
    }
    return "";
}

std::string agencyName(const ConclusionAgency& agency)
{
    return agency.organisation.name.empty() ? agency.organisation.id : agency.organisation.name;
}

std::string frame(const InspectionConclusion& c, const std::string& css, const DocumentHeader& header,
                  const std::string& type, const std::string& summary)
{
    // Two rules of these documents only (the dossier's stylesheet and its golden files stay as they are): the
    // summary balanced over its lines (no word left alone on the last), a system id ("HN-DVC-01") never broken
    // at its hyphens.
    std::string styles = css;
    styles += "\n.doc-summary { text-wrap: balance; }\ntable.grid td.code, table.grid th.code { white-space: nowrap; }";
    std::string out = decree30::openDocument(type + " " + c.inspection.id, styles, Lang::Vi);
    out += decree30::headerBlock(header);
    out += decree30::titleBlock(type, summary);
    return out;
}

} // namespace

std::string inspectionConclusionToHtml(const InspectionConclusion& c, const InstrumentRegister& instruments,
                                       const std::string& css, const DocumentHeader& header)
{
    std::string out = frame(c, css, header, "KẾT LUẬN THANH TRA",
                            "Về việc chấp hành quy định bảo đảm an toàn hệ thống thông tin theo cấp độ");
    out += decree30::basisLines({"Căn cứ Quyết định thanh tra số " + c.inspection.decisionNumber + " " +
                                     decree30::dateText(c.inspection.decisionDate),
                                 "Xét báo cáo kết quả thanh tra của Đoàn thanh tra"});
    int systems = 0, approved = 0, findings = 0;
    for (const ConclusionAgency& agency : c.agencies) {
        systems += agency.systems;
        approved += agency.approved;
        findings += static_cast<int>(agency.findings.size());
    }
    const std::string body = c.inspectingBodyName.empty() ? c.inspection.inspectingBody : c.inspectingBodyName;
    out += "<p>" + esc(body) + " kết luận như sau:</p>\n";
    out += "<section class=\"part part-first\" id=\"general\">\n<h2>I. KHÁI QUÁT CHUNG</h2>\n";
    out += "<p>Phạm vi thanh tra: " + esc(c.scopeName.empty() ? c.inspection.scope.organisationId : c.scopeName) +
           " và các đơn vị trực thuộc; thời kỳ thanh tra từ ngày " + shortDate(c.inspection.scope.periodFrom) +
           " đến ngày " + shortDate(c.inspection.scope.periodTo) + ".</p>\n";
    out += "<p>Số cơ quan, đơn vị có hệ thống thông tin thuộc phạm vi: " + std::to_string(c.agencies.size()) +
           "; số hệ thống thông tin: " + std::to_string(systems) +
           ", trong đó đã được phê duyệt cấp độ: " + std::to_string(approved) +
           ". Số phát hiện: " + std::to_string(findings) + ".</p>\n</section>\n";

    out += "<section class=\"part part-first\" id=\"results\">\n<h2>II. KẾT QUẢ THANH TRA</h2>\n";
    int number = 0;
    for (const ConclusionAgency& agency : c.agencies) {
        out += "<h3>" + std::to_string(++number) + ". " + esc(agencyName(agency)) + "</h3>\n";
        out += "<p>Hệ thống thông tin: " + std::to_string(agency.systems) +
               "; đã được phê duyệt cấp độ: " + std::to_string(agency.approved) + ".</p>\n";
        if (agency.findings.empty()) {
            out += "<p>Không phát hiện vi phạm.</p>\n";
            continue;
        }
        out += "<table class=\"grid\"><thead><tr><th>TT</th><th>Hệ thống</th><th>Nội dung phát hiện</th>"
               "<th>Căn cứ pháp lý bị vi phạm</th><th>Mức độ</th></tr></thead>\n<tbody>\n";
        int row = 0;
        for (const StoredFinding& stored : agency.findings) {
            const Finding& f = stored.finding;
            out += "<tr><td class=\"centre\">" + std::to_string(++row) + "</td><td>" + esc(f.systemName) + " (" +
                   esc(f.systemId) + ")</td><td>" + esc(f.title.vi) + "</td><td>Trái quy định tại " +
                   cite(f.citation, instruments) + "</td><td>" + severityVi(f.severity) + "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }
    out += "</section>\n";

    out += "<section class=\"part part-first\" id=\"recommendations\">\n<h2>III. KẾT LUẬN VÀ KIẾN NGHỊ</h2>\n";
    // One recommendation per rule, with the units it concerns.
    std::map<std::string, std::pair<const Finding*, std::set<std::string>>> byRule;
    for (const ConclusionAgency& agency : c.agencies)
        for (const StoredFinding& stored : agency.findings) {
            auto& entry = byRule[stored.finding.ruleId + "|" + stored.finding.citation];
            if (!entry.first || stored.finding.ruleId == "manual")
                entry.first = &stored.finding;
            entry.second.insert(agencyName(agency));
        }
    if (byRule.empty())
        out += "<p>Các cơ quan, đơn vị thuộc phạm vi thanh tra chấp hành đúng quy định.</p>\n";
    number = 0;
    for (const auto& [rule, entry] : byRule) {
        const Finding& f = *entry.first;
        std::string units;
        for (const std::string& unit : entry.second)
            units += (units.empty() ? "" : ", ") + unit;
        const std::string recommendation = f.recommendation.vi.empty() ? f.title.vi : f.recommendation.vi;
        // The articles breached, unless the recommendation already names them in the same words ("… theo Điều 15
        // Nghị định số 85/2016/NĐ-CP (Điều 15 Nghị định số 85/2016/NĐ-CP)" read twice in the printed conclusion).
        const std::string cited = cite(f.citation, instruments);
        const std::string text = esc(recommendation);
        out += "<p>" + std::to_string(++number) + ". " + text;
        if (text.find(cited) == std::string::npos)
            out += " (" + cited + ")";
        out += ". Đơn vị thực hiện: " + esc(units) + ".</p>\n";
    }
    out += "<p class=\"report-by\">Các cơ quan, đơn vị báo cáo kết quả khắc phục về " + esc(body) +
           (c.reportBy ? " trước ngày " + shortDate(*c.reportBy) : std::string(" trong thời hạn quy định")) +
           ".</p>\n</section>\n";
    DocumentHeader signature = header;
    if (signature.recipients.empty())
        signature.recipients = conclusionRecipients(c);
    out += decree30::signatureBlock(signature, true);
    out += decree30::closeDocument();
    return out;
}

std::string remediationReportToHtml(const InspectionConclusion& c, const InstrumentRegister& instruments,
                                    const std::string& css, const DocumentHeader& header)
{
    std::string out = frame(c, css, header, "BÁO CÁO",
                            "Kết quả thực hiện Kết luận thanh tra về bảo đảm an toàn hệ thống thông tin theo cấp độ");
    out += decree30::basisLines({"Thực hiện Kết luận thanh tra theo Quyết định thanh tra số " +
                                 c.inspection.decisionNumber + " " + decree30::dateText(c.inspection.decisionDate) +
                                 ", tình hình khắc phục tính đến " + decree30::dateText(c.asOf)});
    int number = 0;
    for (const ConclusionAgency& agency : c.agencies) {
        if (agency.findings.empty())
            continue;
        out += "<section class=\"part part-first\">\n<h2>" + std::to_string(++number) + ". " + esc(agencyName(agency)) +
               "</h2>\n";
        for (const bool done : {true, false}) {
            out +=
                std::string("<h3>") + (done ? "a) Kết quả đã thực hiện" : "b) Nội dung tiếp tục khắc phục") + "</h3>\n";
            out += "<table class=\"grid\"><thead><tr><th class=\"code\">Hệ thống</th><th>Nội dung</th><th>Căn cứ</th>"
                   "<th>Tình trạng</th><th>Bằng chứng, thời hạn</th></tr></thead>\n<tbody>\n";
            int rows = 0;
            for (const StoredFinding& stored : agency.findings) {
                const bool finished =
                    stored.status == RemediationStatus::Remediated || stored.status == RemediationStatus::Closed;
                if (finished != done)
                    continue;
                ++rows;
                std::string evidence;
                for (const RemediationEntry& e : stored.history)
                    if (!e.evidence.empty())
                        evidence = e.evidence;
                const std::string when =
                    done ? evidence : (stored.deadline ? "hạn " + shortDate(*stored.deadline) : std::string("—"));
                // Every file given as evidence so far: name, size and the first 12 hex digits of its SHA-256,
                // enough to find it again (seclevel finding evidence) and to compare with the paper copy.
                std::string files;
                for (const RemediationEntry& e : stored.history)
                    for (const Attachment& file : e.files) {
                        files += "<br/><span class=\"evidence-file\">Tệp: ";
                        files += esc(file.name);
                        files += " (";
                        files += std::to_string(file.size);
                        files += " byte, SHA-256 ";
                        files += file.sha256.substr(0, 12);
                        files += ")</span>";
                    }
                // The system's id on one line: "HN-DVC-01" broken at its hyphens reads as three codes.
                out += "<tr><td class=\"code\">" + esc(stored.finding.systemId) + "</td><td>" +
                       esc(stored.finding.title.vi) + "</td><td>" + cite(stored.finding.citation, instruments) +
                       "</td><td>" + statusVi(stored.status, remediationOverdue(stored, c.asOf)) + "</td><td>" +
                       esc(when) + files + "</td></tr>\n";
            }
            if (rows == 0)
                out += "<tr><td colspan=\"5\">Không có.</td></tr>\n";
            out += "</tbody></table>\n";
        }
        out += "</section>\n";
    }
    if (number == 0)
        out += "<p>Không có phát hiện phải khắc phục.</p>\n";
    out += decree30::signatureBlock(header, true);
    out += decree30::closeDocument();
    return out;
}

} // namespace seclevel
