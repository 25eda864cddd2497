#include "formats/report/RollupHtml.h"

#include "codec/Json.h"
#include "core/AnnualReport.h"
#include "formats/html/Decree30Html.h"
#include "formats/html/HtmlEscape.h"

#include <algorithm>
#include <cstdio>

namespace seclevel {
namespace {

std::string esc(const std::string& text)
{
    return escapeHtml(text);
}

std::string number(double value, int decimals = 1)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Distinct on screen and still apart when printed in grey.
const std::vector<std::string> kPalette = {"#c0392b", "#e67e22", "#f1c40f", "#2980b9", "#27ae60", "#8e44ad", "#7f8c8d"};

std::string legend(const std::vector<std::string>& names, const std::vector<std::string>& colours)
{
    std::string out = "<ul class=\"legend\">";
    for (std::size_t i = 0; i < names.size(); ++i)
        out += "<li><span class=\"swatch\" style=\"background:" + colours[i] + "\"></span>" + esc(names[i]) + "</li>";
    out += "</ul>\n";
    return out;
}

std::string figure(const std::string& caption, const std::string& body)
{
    return "<figure class=\"chart\">\n<figcaption>" + esc(caption) + "</figcaption>\n" + body + "</figure>\n";
}

} // namespace

std::string svgBarChart(const std::vector<std::string>& labels, const std::vector<std::vector<double>>& values,
                        const std::vector<std::string>& seriesColours, double maxValue, const std::string& unit)
{
    const int labelWidth = 260, barWidth = 620, valueWidth = 80, rowHeight = 18, top = 4, axis = 18;
    const int width = labelWidth + barWidth + valueWidth;
    const int height = top + static_cast<int>(labels.size()) * rowHeight + axis;
    // Four ticks at round values: a step of 1, 2 or 5 × 10^k (whole numbers for counts), 25 % for percentages.
    if (unit != "%") {
        double step = 1;
        for (double power = 1; step * 4 < maxValue; power *= 10)
            for (double m : {1.0, 2.0, 5.0})
                if ((step = m * power) * 4 >= maxValue)
                    break;
        maxValue = step * 4;
    }
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\">\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const int y = top + static_cast<int>(i) * rowHeight;
        // Long agency names are cut to fit the label column; the table lists them whole.
        std::string label = labels[i];
        std::size_t chars = 0, cut = label.size();
        for (std::size_t b = 0; b < label.size(); ++b)
            if ((static_cast<unsigned char>(label[b]) & 0xC0) != 0x80 && ++chars > 40) {
                cut = b;
                break;
            }
        if (cut < label.size())
            label = label.substr(0, cut) + "…";
        out += "<text x=\"" + std::to_string(labelWidth - 6) + "\" y=\"" + std::to_string(y + 13) +
               "\" font-size=\"12\" text-anchor=\"end\">" + esc(label) + "</text>\n";
        double x = labelWidth, sum = 0;
        for (std::size_t s = 0; s < values[i].size(); ++s) {
            const double w = values[i][s] / maxValue * barWidth;
            sum += values[i][s];
            if (w <= 0)
                continue;
            out += "<rect x=\"" + number(x, 2) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + number(w, 2) +
                   "\" height=\"" + std::to_string(rowHeight - 6) + "\" fill=\"" +
                   seriesColours[s % seriesColours.size()] + "\" stroke=\"#000\" stroke-width=\"0.5\"/>\n";
            x += w;
        }
        out += "<text x=\"" + number(x + 4, 2) + "\" y=\"" + std::to_string(y + 13) + "\" font-size=\"12\">" +
               esc(number(sum, unit == "%" ? 1 : 0) + unit) + "</text>\n";
    }
    const int axisY = top + static_cast<int>(labels.size()) * rowHeight;
    out += "<line x1=\"" + std::to_string(labelWidth) + "\" y1=\"" + std::to_string(top) + "\" x2=\"" +
           std::to_string(labelWidth) + "\" y2=\"" + std::to_string(axisY) + "\" stroke=\"#000\"/>\n";
    out += "<line x1=\"" + std::to_string(labelWidth) + "\" y1=\"" + std::to_string(axisY) + "\" x2=\"" +
           std::to_string(labelWidth + barWidth) + "\" y2=\"" + std::to_string(axisY) + "\" stroke=\"#000\"/>\n";
    for (int tick = 0; tick <= 4; ++tick) {
        const double x = labelWidth + barWidth * tick / 4.0;
        out += "<text x=\"" + number(x, 2) + "\" y=\"" + std::to_string(axisY + 13) +
               "\" font-size=\"10\" text-anchor=\"middle\">" + esc(number(maxValue * tick / 4.0, 0) + unit) +
               "</text>\n";
    }
    out += "</svg>\n";
    return out;
}

std::string rollupHtml(const RollupView& rollup, const std::string& css, Lang lang)
{
    const bool vi = lang == Lang::Vi;
    const std::string title = vi ? "TỔNG HỢP TÌNH HÌNH XÁC ĐỊNH, PHÊ DUYỆT CẤP ĐỘ HỆ THỐNG THÔNG TIN"
                                 : "INFORMATION-SYSTEM LEVELS: ROLL-UP FOR INSPECTION";
    std::string out = decree30::openDocument(title, css, lang);
    DocumentHeader header;
    header.issuerName =
        rollup.organisationName.empty() ? (vi ? "TOÀN BỘ CƠ QUAN" : "ALL ORGANISATIONS") : rollup.organisationName;
    header.date = rollup.asOf;
    out += decree30::headerBlock(header);
    out += decree30::titleBlock(title, (vi ? "Tính đến ngày " : "As of ") + slashDate(rollup.asOf));

    // The agencies needing attention first: lowest coverage, then most overdue.
    std::vector<const RollupRow*> order;
    for (const RollupRow& a : rollup.agencies)
        order.push_back(&a);
    std::stable_sort(order.begin(), order.end(), [](const RollupRow* a, const RollupRow* b) {
        if (a->coverage() != b->coverage())
            return a->coverage() < b->coverage();
        return a->overdueClocks + a->overdueDuties > b->overdueClocks + b->overdueDuties;
    });
    if (order.size() > kRollupChartAgencies)
        order.resize(kRollupChartAgencies);
    if (rollup.agencies.size() > order.size())
        out +=
            "<p class=\"report-note\">" +
            esc(vi ? "Biểu đồ thể hiện " + std::to_string(order.size()) + "/" + std::to_string(rollup.agencies.size()) +
                         " cơ quan có tỷ lệ phê duyệt thấp nhất; bảng dưới liệt kê đầy đủ."
                   : "The charts show the " + std::to_string(order.size()) + " of " +
                         std::to_string(rollup.agencies.size()) +
                         " agencies with the lowest approval coverage; the table lists all.") +
            "</p>\n";
    std::vector<std::string> labels;
    for (const RollupRow* a : order)
        labels.push_back(a->name);

    // 1. Systems by approval status.
    std::vector<std::string> statusNames = rollup.statuses;
    const std::string unclassified = vi ? "Chưa xác định" : "Not determined";
    bool anyUnknown = false;
    for (const RollupRow& a : rollup.agencies)
        anyUnknown = anyUnknown || a.byStatus.count("");
    if (anyUnknown)
        statusNames.push_back("");
    std::vector<std::vector<double>> byStatus;
    double maxSystems = 0;
    for (const RollupRow* a : order) {
        std::vector<double> v;
        for (const std::string& s : statusNames) {
            auto found = a->byStatus.find(s);
            v.push_back(found == a->byStatus.end() ? 0 : found->second);
        }
        byStatus.push_back(v);
        maxSystems = std::max(maxSystems, static_cast<double>(a->systems));
    }
    std::vector<std::string> shownStatus;
    for (const std::string& s : statusNames)
        shownStatus.push_back(s.empty() ? unclassified : s);
    std::vector<std::string> colours;
    for (std::size_t i = 0; i < statusNames.size(); ++i)
        colours.push_back(kPalette[i % kPalette.size()]);
    out += figure(vi ? "1. Số hệ thống theo tình trạng phê duyệt (cột 6 Mẫu 08)"
                     : "1. Systems by approval status (Form 08 column 6)",
                  legend(shownStatus, colours) + svgBarChart(labels, byStatus, colours, maxSystems, ""));

    // 2. Approval coverage.
    std::vector<std::vector<double>> coverage;
    for (const RollupRow* a : order)
        coverage.push_back({a->coverage()});
    out += figure(vi ? "2. Tỷ lệ hệ thống đã được phê duyệt cấp độ" : "2. Approval coverage",
                  svgBarChart(labels, coverage, {"#27ae60"}, 100, "%"));

    // 3. Overdue clocks and duties.
    std::vector<std::vector<double>> overdue;
    double maxOverdue = 0;
    for (const RollupRow* a : order) {
        overdue.push_back({static_cast<double>(a->overdueClocks), static_cast<double>(a->overdueDuties)});
        maxOverdue = std::max(maxOverdue, static_cast<double>(a->overdueClocks + a->overdueDuties));
    }
    const std::vector<std::string> overdueColours = {"#c0392b", "#e67e22"};
    out += figure(vi ? "3. Thời hạn thẩm định, phê duyệt và nghĩa vụ đã quá hạn"
                     : "3. Overdue statutory clocks and duties",
                  legend({vi ? "Thời hạn quá hạn" : "Overdue clocks", vi ? "Nghĩa vụ quá hạn" : "Overdue duties"},
                         overdueColours) +
                      svgBarChart(labels, overdue, overdueColours, maxOverdue, ""));

    const bool withFindings = !rollup.inspectionId.empty();
    // 4. With an inspection: its findings by the article(s) breached.
    if (withFindings) {
        std::vector<std::string> articleLabels;
        std::vector<std::vector<double>> articleCounts;
        double maxFindings = 0;
        for (const RollupArticle& a : rollup.articles) {
            articleLabels.push_back(a.citation);
            articleCounts.push_back({static_cast<double>(a.findings - a.open), static_cast<double>(a.open)});
            maxFindings = std::max(maxFindings, static_cast<double>(a.findings));
        }
        const std::vector<std::string> findingColours = {"#27ae60", "#c0392b"};
        const std::string caption = (vi ? "4. Phát hiện của cuộc thanh tra " : "4. Findings of inspection ") +
                                    rollup.inspectionId +
                                    (vi ? " theo điều khoản vi phạm" : " by the article breached");
        if (rollup.articles.empty()) // no chart to carry the caption
            out += "<h2 class=\"report-part\">" + esc(caption) + "</h2>\n";
        else
            out += figure(caption, legend({vi ? "Đã khắc phục, đã đóng" : "Remediated or closed",
                                           vi ? "Chưa khắc phục" : "Not yet remediated"},
                                          findingColours) +
                                       svgBarChart(articleLabels, articleCounts, findingColours, maxFindings, ""));
        out += "<table class=\"rollup\">\n<thead>\n<tr><th>" + esc(vi ? "Điều khoản vi phạm" : "Article breached") +
               "</th><th>" + esc(vi ? "Quy tắc" : "Rules") + "</th><th>" + esc(vi ? "Số phát hiện" : "Findings") +
               "</th><th>" + esc(vi ? "Chưa khắc phục" : "Not yet remediated") + "</th></tr>\n</thead>\n<tbody>\n";
        for (const RollupArticle& a : rollup.articles) {
            std::string rules;
            for (const std::string& r : a.rules)
                rules += (rules.empty() ? "" : ", ") + r;
            out += "<tr><td>" + esc(vi ? a.citationText : a.citation) + "</td><td>" + esc(rules) +
                   "</td><td class=\"number\">" + std::to_string(a.findings) + "</td><td class=\"number\">" +
                   std::to_string(a.open) + "</td></tr>\n";
        }
        if (rollup.articles.empty())
            out += "<tr><td colspan=\"4\">" + esc(vi ? "Không có phát hiện." : "No findings.") + "</td></tr>\n";
        out += "</tbody>\n</table>\n";
    }

    // 4 (5). The table, every agency.
    out += "<h2 class=\"report-part\">" +
           esc(withFindings ? (vi ? "5. Số liệu theo cơ quan" : "5. Figures per agency")
                            : (vi ? "4. Số liệu theo cơ quan" : "4. Figures per agency")) +
           "</h2>\n";
    out += "<table class=\"rollup\">\n<thead>\n<tr><th rowspan=\"2\">" + esc(vi ? "Cơ quan" : "Agency") +
           "</th><th rowspan=\"2\">" + esc(vi ? "Số hệ thống" : "Systems") + "</th><th colspan=\"6\">" +
           esc(vi ? "Theo cấp độ" : "By level") + "</th><th colspan=\"" + std::to_string(statusNames.size()) + "\">" +
           esc(vi ? "Theo tình trạng phê duyệt" : "By approval status") + "</th><th rowspan=\"2\">" +
           esc(vi ? "Tỷ lệ phê duyệt" : "Coverage") + "</th><th rowspan=\"2\">" +
           esc(vi ? "Thời hạn quá hạn" : "Overdue clocks") + "</th><th rowspan=\"2\">" +
           esc(vi ? "Nghĩa vụ quá hạn" : "Overdue duties") + "</th>" +
           (withFindings ? "<th rowspan=\"2\">" + esc(vi ? "Phát hiện (chưa khắc phục)" : "Findings (open)") + "</th>"
                         : std::string()) +
           "</tr>\n<tr><th>" + esc(vi ? "Chưa xác định" : "None") + "</th>";
    for (int l = 1; l <= 5; ++l)
        out += "<th>" + std::to_string(l) + "</th>";
    for (const std::string& s : shownStatus)
        out += "<th>" + esc(s) + "</th>";
    out += "</tr>\n</thead>\n<tbody>\n";
    auto line = [&](const RollupRow& a, bool total) {
        std::string row = total ? "<tr class=\"total\">" : "<tr>";
        row += "<td>" + esc(total ? std::string(vi ? "Tổng cộng" : "Total") : a.name + " (" + a.organisationId + ")") +
               "</td><td class=\"number\">" + std::to_string(a.systems) + "</td>";
        for (int l = 0; l <= 5; ++l)
            row += "<td class=\"number\">" + std::to_string(a.byLevel[l]) + "</td>";
        for (const std::string& s : statusNames) {
            auto found = a.byStatus.find(s);
            row += "<td class=\"number\">" + std::to_string(found == a.byStatus.end() ? 0 : found->second) + "</td>";
        }
        row += "<td class=\"number\">" + number(a.coverage()) + "%</td><td class=\"number\">" +
               std::to_string(a.overdueClocks) + "</td><td class=\"number\">" + std::to_string(a.overdueDuties) +
               "</td>";
        if (withFindings)
            row +=
                "<td class=\"number\">" + std::to_string(a.findings) + " (" + std::to_string(a.openFindings) + ")</td>";
        row += "</tr>\n";
        return row;
    };
    for (const RollupRow& a : rollup.agencies)
        out += line(a, false);
    out += line(rollup.total, true);
    out += "</tbody>\n</table>\n";
    out += decree30::closeDocument();
    return out;
}

std::string rollupJson(const RollupView& rollup)
{
    json::Writer w;
    auto agency = [&](const RollupRow& a) {
        w.beginObject();
        if (!a.organisationId.empty())
            w.member("organisation", a.organisationId).member("name", a.name);
        w.member("systems", a.systems).key("by_level").beginObject();
        for (int l = 0; l <= 5; ++l)
            w.member(std::to_string(l), a.byLevel[l]);
        w.endObject().key("by_status").beginObject();
        for (const auto& [status, n] : a.byStatus)
            w.member(status, n);
        w.endObject();
        w.member("approved", a.approved).member("coverage_percent", a.coverage());
        w.member("overdue_clocks", a.overdueClocks).member("overdue_duties", a.overdueDuties);
        if (!rollup.inspectionId.empty())
            w.member("findings", a.findings).member("open_findings", a.openFindings);
        w.endObject();
    };
    w.beginObject().member("as_of", formatIsoDate(rollup.asOf)).member("organisation", rollup.organisationId);
    w.key("statuses").beginArray();
    for (const std::string& s : rollup.statuses)
        w.value(s);
    w.endArray().key("agencies").beginArray();
    for (const RollupRow& a : rollup.agencies)
        agency(a);
    w.endArray().key("total");
    agency(rollup.total);
    if (!rollup.inspectionId.empty()) {
        w.member("inspection", rollup.inspectionId).key("findings_by_article").beginArray();
        for (const RollupArticle& a : rollup.articles) {
            w.beginObject().member("citation", a.citation).member("citation_vi", a.citationText);
            w.key("rules").beginArray();
            for (const std::string& r : a.rules)
                w.value(r);
            w.endArray().member("findings", a.findings).member("open", a.open).endObject();
        }
        w.endArray();
    }
    w.endObject();
    return w.str();
}

} // namespace seclevel
