#pragma once
// Printable HTML of the level-proposal dossier and of the NĐ331 Annex forms 01, 02, 05 and 06, laid out as
// Decree 30/2020/NĐ-CP Annex I requires (motto and issuer blocks, "Số:", place and date, type and summary,
// legal bases in italics, body, signature block, "Nơi nhận:"). One self-contained HTML file each, with the
// CSS (reports/dossier.css, read by the caller) embedded, so it prints the same anywhere. All text escaped.
#include "core/Date.h"
#include "core/Dossier.h"
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

// The whole dossier: Decree-30 header, title, Part A (template fields), Part B (from the stored trace),
// Part C (requirement statements of the proposed level, missing items marked), attachments with SHA-256,
// signature and recipients. Section titles and labels come from the template in `lang`; the document frame
// (motto, "Số:", "Nơi nhận:") stays Vietnamese, as the law prescribes it.
std::string dossierToHtml(const DossierDocument& document, const DossierTemplate& dossierTemplate,
                          const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header);

// NĐ331 Annex forms filled from the dossier: 1 (request to appraise and approve), 2 (request for appraisal),
// 5 (Tờ trình, submission for approval), 6 (decision approving the level). For VN-2016 / VN-2022 dossiers
// the same documents cite NĐ85 Art 14–17 instead of NĐ331 Art 18–25.
bool formSupported(int formNumber);
// Throws std::invalid_argument when !formSupported(formNumber) (a programming error, not a user error).
std::string formToHtml(int formNumber, const DossierDocument& document, const DossierTemplate& dossierTemplate,
                       const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header);

} // namespace seclevel
