#include "formats/html/DossierHtml.h"

#include "formats/html/HtmlEscape.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace seclevel {
namespace {

using decree30::addresseeBlock;
using decree30::basesBlock;
using decree30::closeDocument;
using decree30::headerBlock;
using decree30::legalBases;
using decree30::openDocument;
using decree30::signatureBlock;
using decree30::titleBlock;
using decree30::underDecree331;

std::string esc(std::string_view text)
{
    return escapeHtml(text);
}

const char* tr(Lang lang, const char* vi, const char* en)
{
    return lang == Lang::En ? en : vi;
}

std::string levelText(int level, Lang lang)
{
    return level == 0 ? tr(lang, "chưa xác định", "undetermined") : std::to_string(level);
}

int documentLevel(const DossierDocument& document)
{
    return document.assessment.proposedLevel != 0 ? document.assessment.proposedLevel
                                                  : document.assessment.derivedLevel;
}

std::string fieldValue(const DossierDocument& document, const std::string& key)
{
    auto it = document.dossier.fields.find(key);
    return it == document.dossier.fields.end() ? std::string() : it->second;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : separator) + part;
    return out;
}

// ---- dossier parts ------------------------------------------------------------------------------------------

std::string missingMark(Lang lang)
{
    return std::string("<span class=\"missing-mark\">") + tr(lang, "Còn thiếu", "Missing") + "</span>";
}

// A citation as the reader of `lang` reads it: the Vietnamese way in Vietnamese, machine form in English.
std::string cite(const std::string& citation, Lang lang, const InstrumentRegister& instruments)
{
    return esc(citationText(citation, lang, instruments));
}

std::string partA(const DossierDocument& document, const DossierTemplate& t, const std::set<std::string>& missing,
                  int level, Lang lang, const InstrumentRegister& instruments)
{
    std::string out = std::string("<section class=\"part part-first\" id=\"part-a\">\n<h2>") +
                      tr(lang, "PHẦN A. THÔNG TIN VỀ HỆ THỐNG VÀ HỒ SƠ", "PART A. THE SYSTEM AND THE DOSSIER") +
                      "</h2>\n";
    out += "<table class=\"fields\">\n<tr><th>" + std::string(tr(lang, "Hệ thống", "System")) + "</th><td>" +
           esc(document.system.name) + " (" + esc(document.system.id) + ")</td></tr>\n";
    out += "<tr><th>" + std::string(tr(lang, "Chủ quản", "Owner")) + "</th><td>" + esc(document.system.owner) +
           "</td></tr>\n";
    out += "<tr><th>" + std::string(tr(lang, "Đơn vị vận hành", "Operator")) + "</th><td>" +
           esc(document.system.operatorName) + "</td></tr>\n";
    out += "<tr><th>" + std::string(tr(lang, "Bộ quy tắc", "Rule set")) + "</th><td>" +
           esc(document.assessment.rulesetId) + " v" + esc(document.assessment.rulesetVersion) + "</td></tr>\n";
    out += "</table>\n";
    for (const auto& section : t.sections) {
        if (section.generated || section.minLevel > level)
            continue;
        out += "<h3>" + esc(section.id) + ". " + esc(section.title.in(lang)) + " <span class=\"citation\">(" +
               cite(section.citation, lang, instruments) + ")</span></h3>\n";
        std::string rows;
        for (const auto& field : section.fields) {
            if (field.minLevel > level)
                continue;
            const std::string value = fieldValue(document, field.key);
            const bool isMissing = missing.count(field.key) > 0;
            rows += std::string("<tr") + (isMissing ? " class=\"missing\"" : "") + "><th>" + esc(field.label.in(lang)) +
                    " <span class=\"citation\">(" + cite(field.citation, lang, instruments) + ")</span></th><td>" +
                    (value.empty() ? (isMissing ? missingMark(lang) : std::string("—")) : escapeHtml(value, true)) +
                    "</td></tr>\n";
        }
        if (!rows.empty())
            out += "<table class=\"fields\">\n" + rows + "</table>\n";
    }
    out += "</section>\n";
    return out;
}

std::string answerLine(const std::string& key, const Value& value, const RuleSet& ruleSet, Lang lang)
{
    std::string label;
    if (const Question* q = ruleSet.question(key); q && !q->text.empty())
        label = q->text.in(lang);
    std::string rendered = renderValue(value);
    if (const Question* q = ruleSet.question(key); q && std::holds_alternative<std::string>(value))
        if (const Option* o = q->option(std::get<std::string>(value)); o && !o->label.empty())
            rendered = o->label.in(lang) + " (" + rendered + ")";
    return "<li><code>" + esc(key) + "</code>" + (label.empty() ? "" : " — " + esc(label)) + ": <b>" + esc(rendered) +
           "</b></li>\n";
}

std::string partB(const DossierDocument& document, const DossierTemplate& t, const RuleSet& ruleSet, Lang lang,
                  const InstrumentRegister& instruments)
{
    const Assessment& a = document.assessment;
    std::string out = std::string("<section class=\"part\" id=\"part-b\">\n<h2>") +
                      tr(lang, "PHẦN B. THUYẾT MINH ĐỀ XUẤT CẤP ĐỘ", "PART B. EXPLANATION OF THE PROPOSED LEVEL") +
                      "</h2>\n";
    for (const auto& section : t.sections)
        if (section.generated)
            out += "<p class=\"section-ref\">" + esc(section.title.in(lang)) + " <span class=\"citation\">(" +
                   cite(section.citation, lang, instruments) + ")</span></p>\n";
    out += "<p>" + std::string(tr(lang, "Cấp độ đề xuất của hệ thống: ", "Proposed level of the system: ")) +
           "<b class=\"level\">" + esc(levelText(a.proposedLevel, lang)) + "</b> (" +
           tr(lang, "cấp độ xác định theo tiêu chí: ", "level derived from the criteria: ") +
           esc(levelText(a.derivedLevel, lang)) + ").</p>\n";
    if (!a.justification.empty())
        out += "<p>" + std::string(tr(lang, "Lý do đề xuất cao hơn: ", "Justification for the higher level: ")) +
               escapeHtml(a.justification, true) + "</p>\n";

    out += "<table class=\"grid\">\n<thead><tr><th>" + std::string(tr(lang, "STT", "No.")) + "</th><th>" +
           tr(lang, "Hệ thống thành phần", "Component") + "</th><th>" + tr(lang, "Cấp độ đề xuất", "Proposed level") +
           "</th><th>" + tr(lang, "Căn cứ đề xuất", "Legal basis") + "</th></tr></thead>\n<tbody>\n";
    int number = 0;
    for (const auto& c : a.components) {
        std::vector<std::string> citations;
        for (const auto& f : c.fired)
            citations.push_back(citationText(f.citation, lang, instruments));
        out += "<tr><td class=\"centre\">" + std::to_string(++number) + "</td><td>" + esc(c.name) +
               "</td><td class=\"centre\">" + esc(levelText(c.level, lang)) + "</td><td>" +
               esc(citations.empty() ? std::string("—") : join(citations, "; ")) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";

    for (const auto& c : a.components) {
        out += "<h3>" + esc(c.name) + " — " + tr(lang, "cấp độ ", "level ") + esc(levelText(c.level, lang)) + "</h3>\n";
        if (c.fired.empty())
            out += std::string("<p>") +
                   tr(lang, "Không tiêu chí nào thỏa mãn: pháp luật không quy định cấp độ cho trường hợp này.",
                      "No criterion is met: the law sets no level for this case.") +
                   "</p>\n";
        else
            out += std::string("<p class=\"list-title\">") + tr(lang, "Tiêu chí thỏa mãn:", "Criteria met:") + "</p>\n";
        for (const auto& f : c.fired) {
            out += "<div class=\"criterion fired\"><p><b>" + cite(f.citation, lang, instruments) + "</b> (" +
                   tr(lang, "cấp độ ", "level ") + std::to_string(f.level) +
                   (f.kind == CriterionKind::Floor ? std::string(", ") + tr(lang, "mức sàn", "floor") : std::string()) +
                   "): " + esc(f.text.in(lang)) + "</p>\n";
            if (!f.answers.empty()) {
                out += "<ul class=\"answers\">\n";
                for (const auto& [key, value] : f.answers)
                    out += answerLine(key, value, ruleSet, lang);
                out += "</ul>\n";
            }
            out += "</div>\n";
        }
        if (!c.nearest.empty())
            out += std::string("<p class=\"list-title\">") +
                   tr(lang, "Tiêu chí gần đạt (chưa thỏa):", "Nearest criteria not met:") + "</p>\n";
        for (const auto& m : c.nearest) {
            out += "<div class=\"criterion nearest\"><p><b>" + cite(m.citation, lang, instruments) + "</b> (" +
                   tr(lang, "cấp độ ", "level ") + std::to_string(m.level) + "): " + esc(m.text.in(lang)) + "</p>\n";
            if (!m.shortfalls.empty()) {
                out += "<ul class=\"shortfalls\">\n";
                for (const auto& s : m.shortfalls)
                    out += "<li>" + esc(explainShortfall(s, ruleSet, lang)) + "</li>\n";
                out += "</ul>\n";
            }
            out += "</div>\n";
        }
    }
    if (!a.warnings.empty()) {
        out += std::string("<h3>") + tr(lang, "Cảnh báo", "Warnings") + "</h3>\n<ul class=\"warnings\">\n";
        for (const auto& w : a.warnings)
            out += "<li>[" + esc(w.id) + "] " + (w.component.empty() ? std::string() : esc(w.component) + ": ") +
                   esc(w.text.in(lang)) +
                   (w.citation.empty() ? std::string() : " (" + cite(w.citation, lang, instruments) + ")") + "</li>\n";
        out += "</ul>\n";
    }
    out += "</section>\n";
    return out;
}

const RequirementStatement* findStatement(const Dossier& dossier, const std::string& groupId, int item)
{
    for (const auto& s : dossier.requirements)
        if (s.groupId == groupId && s.item == item)
            return &s;
    return nullptr;
}

std::string shortDate(Date date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return buffer;
}

std::string partC(const DossierDocument& document, const DossierTemplate& t, const std::set<std::string>& missing,
                  int level, Lang lang, bool nd331, const InstrumentRegister& instruments)
{
    std::string out = std::string("<section class=\"part\" id=\"part-c\">\n<h2>") +
                      (nd331 ? tr(lang, "PHẦN C. PHƯƠNG ÁN BẢO ĐẢM AN NINH MẠNG THEO CẤP ĐỘ",
                                  "PART C. CYBERSECURITY PLAN FOR THE PROPOSED LEVEL")
                             : tr(lang, "PHẦN C. PHƯƠNG ÁN BẢO ĐẢM AN TOÀN HỆ THỐNG THÔNG TIN THEO CẤP ĐỘ",
                                  "PART C. SECURITY PLAN FOR THE PROPOSED LEVEL")) +
                      "</h2>\n";
    const auto groups = t.requirementsForLevel(level);
    if (groups.empty()) {
        out += std::string("<p>") + tr(lang, "Chưa xác định cấp độ: không có yêu cầu.", "No level: no requirements.") +
               "</p>\n</section>\n";
        return out;
    }
    for (RequirementCategory category : {RequirementCategory::Management, RequirementCategory::Technical}) {
        out += std::string("<h3>") +
               (category == RequirementCategory::Management ? tr(lang, "Yêu cầu quản lý", "Management requirements")
                                                            : tr(lang, "Yêu cầu kỹ thuật", "Technical requirements")) +
               "</h3>\n";
        out += "<table class=\"grid requirements\">\n<thead><tr><th>" +
               std::string(tr(lang, "Yêu cầu", "Requirement")) + "</th><th>" + tr(lang, "Tình trạng", "Status") +
               "</th><th>" + tr(lang, "Cách đáp ứng / kế hoạch", "How it is met / plan") + "</th><th>" +
               tr(lang, "Hoàn thành trước", "Planned by") + "</th></tr></thead>\n<tbody>\n";
        for (const RequirementGroupSpec* group : groups) {
            if (group->category != category)
                continue;
            for (int item = 1; item <= group->count; ++item) {
                const RequirementStatement* s = findStatement(document.dossier, group->id, item);
                const bool isMissing = missing.count("requirement:" + group->id + "#" + std::to_string(item)) > 0;
                out += std::string("<tr") + (isMissing ? " class=\"missing\"" : "") + "><td>" +
                       esc(group->heading.in(lang)) +
                       (group->count > 1 ? " — " + std::to_string(item) : std::string()) +
                       " <span class=\"citation\">(" + cite(group->citation, lang, instruments) + ")</span></td>";
                if (s)
                    out += "<td>" + esc(requirementStatusLabel(s->status).in(lang)) + "</td><td>" +
                           escapeHtml(s->how, true) + "</td><td class=\"centre\">" +
                           (s->plannedBy ? esc(shortDate(*s->plannedBy)) : std::string("—")) + "</td>";
                else
                    out += "<td colspan=\"3\">" + (isMissing ? missingMark(lang) : std::string("—")) + "</td>";
                out += "</tr>\n";
            }
        }
        out += "</tbody>\n</table>\n";
    }
    out += "</section>\n";
    return out;
}

std::string attachmentsTable(const DossierDocument& document, const DossierTemplate& t,
                             const std::set<std::string>& missing, int level, Lang lang,
                             const InstrumentRegister& instruments)
{
    std::string out = std::string("<section class=\"attachments\">\n<h2>") +
                      tr(lang, "DANH MỤC TÀI LIỆU KÈM THEO", "ATTACHED DOCUMENTS") + "</h2>\n";
    out += "<table class=\"grid\">\n<thead><tr><th>" + std::string(tr(lang, "STT", "No.")) + "</th><th>" +
           tr(lang, "Tài liệu", "Document") + "</th><th>" + tr(lang, "Tệp", "File") + "</th><th>" +
           tr(lang, "Dung lượng (byte)", "Size (bytes)") + "</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
    int number = 0;
    auto row = [&](const std::string& title, const std::string& citation, const Attachment* a, bool isMissing) {
        out += std::string("<tr") + (isMissing ? " class=\"missing\"" : "") + "><td class=\"centre\">" +
               std::to_string(++number) + "</td><td>" + esc(title) +
               (citation.empty() ? std::string()
                                 : " <span class=\"citation\">(" + cite(citation, lang, instruments) + ")</span>") +
               "</td>";
        if (a)
            out += "<td>" + esc(a->name) + "</td><td class=\"number\">" + std::to_string(a->size) +
                   "</td><td class=\"hash\">" + esc(a->sha256) + "</td>";
        else
            out += "<td colspan=\"3\">" + (isMissing ? missingMark(lang) : std::string("—")) + "</td>";
        out += "</tr>\n";
    };
    std::set<std::string> known;
    for (const auto& spec : t.attachments) {
        known.insert(spec.kind);
        if (spec.minLevel > level)
            continue;
        bool any = false;
        for (const auto& a : document.dossier.attachments)
            if (a.kind == spec.kind) {
                row(spec.title.in(lang), spec.citation, &a, false);
                any = true;
            }
        if (!any)
            row(spec.title.in(lang), spec.citation, nullptr, missing.count("attachment:" + spec.kind) > 0);
    }
    for (const auto& a : document.dossier.attachments)
        if (!known.count(a.kind))
            row(a.kind, {}, &a, false);
    out += "</tbody>\n</table>\n</section>\n";
    return out;
}

// ---- NĐ331 Annex forms --------------------------------------------------------------------------------------

struct FormText {
    std::string type;
    std::string summary;
};

FormText formTitle(int formNumber, bool nd331)
{
    switch (formNumber) {
    case 1: return {"ĐỀ NGHỊ", "Thẩm định và phê duyệt hồ sơ đề xuất cấp độ"};
    case 2: return {"ĐỀ NGHỊ", "Thẩm định hồ sơ đề xuất cấp độ"};
    case 5: return {"TỜ TRÌNH", "Về việc phê duyệt hồ sơ đề xuất cấp độ"};
    case 6:
        return {"QUYẾT ĐỊNH", nd331 ? "Về việc phê duyệt cấp độ của hệ thống thông tin"
                                    : "Về việc phê duyệt cấp độ an toàn hệ thống thông tin"};
    default: return {};
    }
}

std::string generalInformation(const DossierDocument& document, int level, bool approved)
{
    std::string address = fieldValue(document, "A.2.operator_address");
    if (address.empty())
        address = fieldValue(document, "A.1.owner_address");
    std::string out = "<ul class=\"plain\">\n";
    out += "<li>- Tên hệ thống thông tin: <b>" + esc(document.system.name) + "</b>;</li>\n";
    out += "<li>- Đơn vị vận hành hệ thống thông tin: " + esc(document.system.operatorName) + ";</li>\n";
    if (!address.empty())
        out += "<li>- Địa chỉ: " + esc(address) + ";</li>\n";
    out += "<li>- " + std::string(approved ? "Cấp độ" : "Cấp độ đề xuất") + ": <b>cấp độ " +
           esc(levelText(level, Lang::Vi)) + "</b>.</li>\n</ul>\n";
    return out;
}

std::string formAttachments(int formNumber, const DossierDocument& document, int level, bool nd331)
{
    std::vector<std::string> items{
        "Tài liệu mô tả, thuyết minh tổng quan về hệ thống thông tin",
        "Tài liệu thiết kế thi công đã được phê duyệt hoặc tài liệu có giá trị tương đương",
        "Tài liệu thuyết minh về việc đề xuất cấp độ",
        nd331 ? "Tài liệu thuyết minh phương án bảo đảm an ninh mạng theo cấp độ"
              : "Tài liệu thuyết minh phương án bảo đảm an toàn hệ thống thông tin theo cấp độ"};
    if ((formNumber == 2 || formNumber == 5) && level >= 4)
        items.push_back(nd331 ? "Ý kiến chuyên môn của đơn vị chuyên trách về an ninh mạng"
                              : "Ý kiến chuyên môn của đơn vị chuyên trách về an toàn thông tin");
    if (formNumber == 5 && level >= 3)
        items.push_back("Văn bản thẩm định hồ sơ đề xuất cấp độ");
    std::string out = "<ol class=\"numbered\">\n";
    for (const auto& item : items)
        out += "<li>" + esc(item) + ".</li>\n";
    out += "</ol>\n";
    if (!document.dossier.attachments.empty()) {
        out += "<table class=\"grid\">\n<thead><tr><th>STT</th><th>Tệp</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
        int number = 0;
        for (const auto& a : document.dossier.attachments)
            out += "<tr><td class=\"centre\">" + std::to_string(++number) + "</td><td>" + esc(a.name) +
                   "</td><td class=\"hash\">" + esc(a.sha256) + "</td></tr>\n";
        out += "</tbody>\n</table>\n";
    }
    return out;
}

} // namespace

std::string dossierToHtml(const DossierDocument& document, const DossierTemplate& dossierTemplate,
                          const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header,
                          const InstrumentRegister& instruments)
{
    const int level = documentLevel(document);
    std::set<std::string> missing;
    for (const auto& item : checkCompleteness(dossierTemplate, document.dossier, level))
        missing.insert(item.key);

    const std::string type = tr(lang, "HỒ SƠ ĐỀ XUẤT CẤP ĐỘ", "LEVEL PROPOSAL DOSSIER");
    std::string out = openDocument(type + " — " + document.system.name, css, lang);
    out += headerBlock(header);
    out += titleBlock(type, document.system.name);
    out += basesBlock(legalBases(ruleSet));
    if (!missing.empty())
        out += "<p class=\"missing-summary\">" +
               std::string(tr(lang, "Hồ sơ chưa đầy đủ: còn thiếu ", "The dossier is incomplete: ")) +
               std::to_string(missing.size()) +
               tr(lang, " mục (đánh dấu bên dưới).", " items missing (marked below).") + "</p>\n";
    out += partA(document, dossierTemplate, missing, level, lang, instruments);
    out += partB(document, dossierTemplate, ruleSet, lang, instruments);
    out += partC(document, dossierTemplate, missing, level, lang, underDecree331(ruleSet), instruments);
    out += attachmentsTable(document, dossierTemplate, missing, level, lang, instruments);
    if (!document.auditHead.empty())
        out += "<p class=\"audit-head\">" +
               std::string(tr(lang, "Đầu chuỗi nhật ký kiểm toán khi xuất hồ sơ: ", "Audit head at export: ")) +
               (document.auditHeadSeq ? std::to_string(*document.auditHeadSeq) + ":" : std::string()) +
               escapeHtml(document.auditHead) + "</p>\n";
    out += signatureBlock(header, true);
    out += closeDocument();
    return out;
}

bool formSupported(int formNumber)
{
    return formNumber == 1 || formNumber == 2 || formNumber == 5 || formNumber == 6;
}

std::string formToHtml(int formNumber, const DossierDocument& document, const DossierTemplate& dossierTemplate,
                       const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header)
{
    (void)dossierTemplate;
    if (!formSupported(formNumber))
        throw std::invalid_argument("formToHtml: unsupported form number " + std::to_string(formNumber));
    const bool nd331 = underDecree331(ruleSet);
    const int level = formNumber == 6 && document.approvedLevel != 0 ? document.approvedLevel : documentLevel(document);
    const FormText title = formTitle(formNumber, nd331);
    // Procedure articles: NĐ331 Art 18–25 (appraisal and approval), NĐ85 Art 14–17 before 19 Aug 2026.
    const std::string procedure =
        nd331 ? "Điều 18 đến Điều 25 Nghị định số 331/2026/NĐ-CP" : "Điều 14 đến Điều 17 Nghị định số 85/2016/NĐ-CP";
    const std::string formLabel =
        "Mẫu số 0" + std::to_string(formNumber) + (nd331 ? " (Phụ lục Nghị định số 331/2026/NĐ-CP)" : "");

    std::string out = openDocument(title.type + " — " + title.summary + " — " + document.system.name, css, lang);
    out += decree30::formLabel(formLabel);
    out += headerBlock(header);
    out += titleBlock(title.type, title.summary);
    if (formNumber != 6)
        out += addresseeBlock(header);

    std::vector<std::string> bases = legalBases(ruleSet);
    if (formNumber == 5 && level >= 3)
        bases.push_back("ý kiến thẩm định hồ sơ đề xuất cấp độ số ……… ngày ………");
    if (formNumber == 6) {
        bases.insert(bases.begin(), "chức năng, nhiệm vụ, quyền hạn của " +
                                        (header.issuerName.empty() ? std::string("………") : header.issuerName));
        bases.push_back("hồ sơ đề xuất cấp độ của hệ thống thông tin " + document.system.name);
    }
    out += basesBlock(bases);

    out += "<div class=\"body\">\n";
    const std::string issuer = header.issuerName.empty() ? std::string("………") : header.issuerName;
    switch (formNumber) {
    case 1:
    case 2:
        out += "<p>Thực hiện quy định tại " + esc(procedure) + ", " + esc(issuer) + " đề nghị " +
               (formNumber == 1 ? "thẩm định và phê duyệt" : "thẩm định") +
               " hồ sơ đề xuất cấp độ đối với hệ thống thông tin như sau:</p>\n";
        break;
    case 5:
        out += "<p>Thực hiện quy định tại " + esc(procedure) + ", " + esc(issuer) +
               " kính trình phê duyệt hồ sơ đề xuất cấp độ đối với hệ thống thông tin như sau:</p>\n";
        break;
    case 6:
        out += "<p class=\"decides\">QUYẾT ĐỊNH:</p>\n";
        out += "<p><b>Điều 1.</b> Phê duyệt cấp độ của hệ thống thông tin như sau:</p>\n";
        out += generalInformation(document, level, true);
        out += "<p>Phương án bảo đảm " + std::string(nd331 ? "an ninh mạng" : "an toàn thông tin") +
               " trong thiết kế và trong vận hành của hệ thống phù hợp với tiêu chuẩn quốc gia " +
               (nd331 ? "TCVN 14423:2026" : "TCVN 11930:2017") + ".</p>\n";
        out += "<p><b>Điều 2.</b> Đơn vị vận hành hệ thống thông tin có trách nhiệm thực hiện " +
               std::string(nd331 ? "quy định tại Điều 33 Nghị định số 331/2026/NĐ-CP"
                                 : "các trách nhiệm quy định tại Nghị định số 85/2016/NĐ-CP") +
               " và các nhiệm vụ khác được giao.</p>\n";
        out += "<p><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. Đơn vị chuyên trách về " +
               std::string(nd331 ? "an ninh mạng" : "an toàn thông tin") +
               " có trách nhiệm giám sát, báo cáo chủ quản hệ thống thông tin. Đơn vị vận hành hệ thống thông tin "
               "và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.</p>\n";
        break;
    default: break;
    }
    if (formNumber != 6) {
        out += "<p><b>1. Thông tin chung</b></p>\n" + generalInformation(document, level, false);
        out += "<p><b>2. Hồ sơ kèm theo</b></p>\n" + formAttachments(formNumber, document, level, nd331);
        if (formNumber == 2 && nd331 && level == 5)
            out +=
                "<p>Đề nghị đưa hệ thống thông tin vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia.</p>\n";
        out += "<p>" + esc(issuer) +
               (formNumber == 5 ? " kính trình xem xét, phê duyệt./." : " đề nghị xem xét, giải quyết./.") + "</p>\n";
    }
    out += "</div>\n";
    out += signatureBlock(header, true);
    out += closeDocument();
    return out;
}

} // namespace seclevel
