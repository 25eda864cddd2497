#include "formats/html/Decree30Html.h"

#include "formats/html/HtmlEscape.h"

#include <algorithm>
#include <set>

namespace seclevel::decree30 {
namespace {

std::string esc(std::string_view text)
{
    return escapeHtml(text);
}

} // namespace

// Decree 30 Annex I.I: a leading zero for days below 10 and for months 1 and 2 only.
std::string dateText(Date date)
{
    if (!date.ok())
        return "ngày … tháng … năm …";
    const unsigned day = static_cast<unsigned>(date.day());
    const unsigned month = static_cast<unsigned>(date.month());
    // Appends, not "literal" + std::string: GCC 12 -O3 reports a false -Wrestrict on the latter.
    std::string text = "ngày ";
    if (day < 10)
        text += '0';
    text += std::to_string(day);
    text += " tháng ";
    if (month < 3)
        text += '0';
    text += std::to_string(month);
    text += " năm ";
    text += std::to_string(static_cast<int>(date.year()));
    return text;
}

// NĐ331 (Law 116/2025) for VN-2026; NĐ85 (Law 86/2015, TT12) for the rule sets before it.
bool underDecree331(const RuleSet& ruleSet)
{
    return std::any_of(ruleSet.instruments.begin(), ruleSet.instruments.end(),
                       [](const Instrument& i) { return i.code == "NĐ331"; });
}

std::vector<std::string> legalBases(const RuleSet& ruleSet)
{
    const std::set<std::string> codes = underDecree331(ruleSet) ? std::set<std::string>{"L116", "NĐ331"}
                                                                : std::set<std::string>{"L86", "NĐ85", "TT03", "TT12"};
    std::vector<std::string> bases;
    for (const auto& instrument : ruleSet.instruments)
        if (codes.count(instrument.code) && !instrument.title.vi.empty())
            bases.push_back(instrument.title.vi);
    return bases;
}

std::string openDocument(const std::string& title, const std::string& css, Lang lang)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    out += lang == Lang::En ? "en" : "vi";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n<style>\n" + css +
           "\n</style>\n</head>\n<body>\n<main class=\"document\">\n";
    return out;
}

std::string closeDocument()
{
    return "</main>\n</body>\n</html>\n";
}

// Issuer block left, motto block right; "Số:" under the issuer, place and date under the motto (Annex I.I).
std::string headerBlock(const DocumentHeader& header)
{
    std::string out = "<table class=\"doc-header\">\n<tr>\n<td class=\"issuer\">\n";
    if (!header.superiorBody.empty())
        out += "<div class=\"superior-body\">" + esc(header.superiorBody) + "</div>\n";
    out += "<div class=\"issuer-name\">" + esc(header.issuerName.empty() ? std::string("………………") : header.issuerName) +
           "</div>\n<div class=\"short-rule\"></div>\n</td>\n";
    out += "<td class=\"motto\">\n<div class=\"nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>\n"
           "<div class=\"motto-line\"><span>Độc lập - Tự do - Hạnh phúc</span></div>\n</td>\n</tr>\n";
    out += "<tr>\n<td class=\"number\">Số: " +
           esc(header.numberSymbol.empty() ? std::string("……/……") : header.numberSymbol) + "</td>\n";
    out += "<td class=\"place-date\">" + esc(header.place.empty() ? std::string("………") : header.place) + ", " +
           esc(dateText(header.date)) + "</td>\n</tr>\n</table>\n";
    return out;
}

std::string titleBlock(const std::string& type, const std::string& summary)
{
    std::string out = "<div class=\"doc-title\">\n<div class=\"doc-type\">" + esc(type) + "</div>\n";
    if (!summary.empty())
        out += "<div class=\"doc-summary\">" + esc(summary) + "</div>\n";
    out += "<div class=\"short-rule centred\"></div>\n</div>\n";
    return out;
}

std::string basisLines(const std::vector<std::string>& lines)
{
    if (lines.empty())
        return {};
    std::string out = "<div class=\"legal-bases\">\n";
    for (size_t i = 0; i < lines.size(); ++i)
        out += "<p>" + esc(lines[i]) + (i + 1 == lines.size() ? "." : ";") + "</p>\n";
    out += "</div>\n";
    return out;
}

std::string basesBlock(const std::vector<std::string>& bases)
{
    std::vector<std::string> lines;
    for (const std::string& basis : bases) {
        std::string line = "Căn cứ ";
        line += basis;
        lines.push_back(std::move(line));
    }
    return basisLines(lines);
}

std::string addresseeBlock(const DocumentHeader& header)
{
    return "<p class=\"addressee\">Kính gửi: " +
           esc(header.addressee.empty() ? std::string("……………………………………") : header.addressee) + "</p>\n";
}

// "Nơi nhận:" left, signature right (Annex I.I: authority prefix and title caps bold, name bold).
std::string signatureBlock(const DocumentHeader& header, bool withRecipients)
{
    std::string out = "<table class=\"signature\">\n<tr>\n<td class=\"recipients\">\n";
    if (withRecipients) {
        out += "<div class=\"recipients-title\">Nơi nhận:</div>\n<ul>\n";
        std::vector<std::string> lines = header.recipients;
        lines.push_back("Lưu: VT");
        for (size_t i = 0; i < lines.size(); ++i)
            out += "<li>- " + esc(lines[i]) + (i + 1 == lines.size() ? "." : ";") + "</li>\n";
        out += "</ul>\n";
    }
    out += "</td>\n<td class=\"signer\">\n";
    if (!header.signerAuthority.empty())
        out += "<div class=\"signer-authority\">" + esc(header.signerAuthority) + "</div>\n";
    if (!header.signerTitle.empty())
        out += "<div class=\"signer-title\">" + esc(header.signerTitle) + "</div>\n";
    out += "<div class=\"signer-note\">(Ký, ghi rõ họ tên, chức danh và đóng dấu)</div>\n"
           "<div class=\"signature-space\"></div>\n";
    out += "<div class=\"signer-name\">" + esc(header.signerName) + "</div>\n</td>\n</tr>\n</table>\n";
    return out;
}

std::string formLabel(const std::string& label)
{
    return label.empty() ? std::string() : "<p class=\"form-label\">" + esc(label) + "</p>\n";
}

} // namespace seclevel::decree30
