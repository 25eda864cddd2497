#pragma once
// The Decree 30/2020/NĐ-CP frame every printed document of seclevel shares (Annex I Part I): the issuer and
// motto blocks, "Số:" with place and date, type and summary, "Căn cứ …" legal bases, "Kính gửi:", the
// signature block with "Nơi nhận:". The dossier (DossierHtml) and the documents of the procedure's steps
// (WorkflowDocumentHtml) are both built from these parts, with reports/dossier.css embedded. Every argument
// is plain text; everything is escaped here.
#include "core/Date.h"
#include "core/RuleSet.h"
#include "core/Text.h"

#include <string>
#include <vector>

namespace seclevel {

// Who issues the document and who signs it (Decree 30 Art 8.2.b, c, d, g, i).
struct DocumentHeader {
    std::string superiorBody;    // cơ quan chủ quản, e.g. "ỦY BAN NHÂN DÂN TỈNH HÀ NAM" (may be empty)
    std::string issuerName;      // cơ quan ban hành, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    std::string numberSymbol;    // after "Số:", e.g. "15/TTr-SKHCN"; empty prints a blank to fill by hand
    std::string place;           // địa danh, e.g. "Hà Nam"
    Date date{};                 // !date.ok() prints "ngày … tháng … năm …" to fill by hand
    std::string addressee;       // "Kính gửi:" of forms 01, 02, 05 (empty = a dotted blank)
    std::string signerAuthority; // "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN" (empty = none)
    std::string signerTitle;     // "PHÓ GIÁM ĐỐC"
    std::string signerName;
    std::vector<std::string> recipients; // "Nơi nhận:" lines without the leading "- " and trailing ";"
};

namespace decree30 {

// "ngày 05 tháng 01 năm 2020": a leading zero for days below 10 and for months 1 and 2 only (Annex I.I).
std::string dateText(Date date);
// NĐ331 (Law 116/2025) for VN-2026; NĐ85 (Law 86/2015, TT03/TT12) for the rule sets before it.
bool underDecree331(const RuleSet& ruleSet);
// The titles of the rule set's instruments a document cites as its legal bases.
std::vector<std::string> legalBases(const RuleSet& ruleSet);

// <!DOCTYPE html> … <main class="document">, with the stylesheet embedded; `lang` is the html lang attribute.
std::string openDocument(const std::string& title, const std::string& css, Lang lang);
std::string closeDocument();
// "Mẫu số 04" printed top right.
std::string formLabel(const std::string& label);
// Issuer block left, motto block right; "Số:" under the issuer, place and date under the motto.
std::string headerBlock(const DocumentHeader& header);
std::string titleBlock(const std::string& type, const std::string& summary);
// "Căn cứ …;" one per line, the last ending with ".".
std::string basesBlock(const std::vector<std::string>& bases);
// The same block with each line as written ("Căn cứ …", "Theo đề nghị của …").
std::string basisLines(const std::vector<std::string>& lines);
std::string addresseeBlock(const DocumentHeader& header);
// "Nơi nhận:" left (header.recipients and "Lưu: VT"), signature right: authority and title caps bold, name bold.
std::string signatureBlock(const DocumentHeader& header, bool withRecipients);

} // namespace decree30
} // namespace seclevel
