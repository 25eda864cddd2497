#pragma once
// Printable HTML of the level-proposal dossier and of the NĐ331 Annex forms 01, 02, 05 and 06, laid out as
// Decree 30/2020/NĐ-CP Annex I requires (motto and issuer blocks, "Số:", place and date, type and summary,
// legal bases in italics, body, signature block, "Nơi nhận:" — the frame shared through Decree30Html). One
// self-contained HTML file each, with the CSS (reports/dossier.css, read by the caller) embedded, so it prints
// the same anywhere. All text escaped.
#include "core/Citation.h"
#include "core/Date.h"
#include "core/Dossier.h"
#include "core/RuleSet.h"
#include "core/Text.h"
#include "formats/html/Decree30Html.h"

#include <string>
#include <vector>

namespace seclevel {

// The whole dossier: Decree-30 header, title, Part A (template fields), Part B (from the stored trace),
// Part C (requirement statements of the proposed level, missing items marked), attachments with SHA-256,
// signature and recipients. Section titles and labels come from the template in `lang`; the document frame
// (motto, "Số:", "Nơi nhận:") stays Vietnamese, as the law prescribes it. Citations read the Vietnamese way in
// Vietnamese ("khoản 1 Điều 15 Nghị định số 85/2016/NĐ-CP", names from `instruments`), machine form in English.
std::string dossierToHtml(const DossierDocument& document, const DossierTemplate& dossierTemplate,
                          const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header,
                          const InstrumentRegister& instruments);

// NĐ331 Annex forms filled from the dossier: 1 (request to appraise and approve), 2 (request for appraisal),
// 5 (Tờ trình, submission for approval), 6 (decision approving the level). For VN-2016 / VN-2022 dossiers
// the same documents cite NĐ85 Art 14–17 instead of NĐ331 Art 18–25.
bool formSupported(int formNumber);
// Throws std::invalid_argument when !formSupported(formNumber) (a programming error, not a user error).
std::string formToHtml(int formNumber, const DossierDocument& document, const DossierTemplate& dossierTemplate,
                       const RuleSet& ruleSet, const std::string& css, Lang lang, const DocumentHeader& header);

} // namespace seclevel
