#pragma once
// The inspection conclusion (kết luận thanh tra) as printable HTML in the Decree 30/2020/NĐ-CP layout (the frame
// shared through Decree30Html): issuer and motto, "Số:", place and date, "KẾT LUẬN THANH TRA", the decision it
// follows, I. general situation, II. results per agency (findings with the articles breached, read the
// Vietnamese way), III. conclusion and recommendations with the deadline to report remediation, signature and
// recipients. And the remediation report per unit (báo cáo kết quả khắc phục). Vietnamese, as the law prescribes;
// everything escaped; the CSS (reports/dossier.css) embedded.
#include "core/Citation.h"
#include "core/InspectionConclusion.h"
#include "formats/html/Decree30Html.h"

#include <string>

namespace seclevel {

std::string inspectionConclusionToHtml(const InspectionConclusion& conclusion, const InstrumentRegister& instruments,
                                       const std::string& css, const DocumentHeader& header);

// Per unit: what was done (remediated or closed, with the evidence) and what remains (open, in progress, overdue
// on the conclusion's as-of date).
std::string remediationReportToHtml(const InspectionConclusion& conclusion, const InstrumentRegister& instruments,
                                    const std::string& css, const DocumentHeader& header);

} // namespace seclevel
