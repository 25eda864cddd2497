#pragma once
// Printable HTML of the document a step of the appraisal and approval procedure issues — NĐ331 Annex forms 03,
// 04, 06, 07 and their NĐ85 counterparts — from the step's template (questionnaires/<ID>/documents.xml) filled
// with the stored data (core/StepDocument.h). The Decree-30 frame (issuer and motto, "Số:", place and date,
// title, legal bases, signature, "Nơi nhận:") is the dossier's (Decree30Html), with reports/dossier.css
// embedded. The document is Vietnamese, as the law prescribes; every value is escaped; a value the store does
// not have prints as a dotted blank to fill by hand.
#include "core/RuleSet.h"
#include "core/StepDocument.h"

#include <string>

namespace seclevel {

// `place` is the địa danh of the place-and-date line (empty = a blank to fill by hand); `documentsVersion` is the
// version of documents.xml, named with the rule set in the note under the signature.
std::string stepDocumentToHtml(const DocumentTemplate& document, const StepDocumentInput& input, const RuleSet& ruleSet,
                               const std::string& documentsVersion, const std::string& css, const std::string& place);

} // namespace seclevel
