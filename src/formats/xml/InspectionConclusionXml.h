#pragma once
// The inspection conclusion as XML: namespace urn:seclevel:inspection-conclusion:1, schema
// schemas/inspection-conclusion.xsd. Citations stay in machine form. Deterministic: the same conclusion gives the
// same bytes.
#include "core/InspectionConclusion.h"

#include <string>
#include <vector>

namespace seclevel {

std::string inspectionConclusionToXml(const InspectionConclusion& conclusion);

// The recipients of a conclusion ("Nơi nhận"): the inspected agencies, then the scope's organisation.
std::vector<std::string> conclusionRecipients(const InspectionConclusion& conclusion);
// A rule's citation split per instrument ("TT12 Art 13; NĐ331 Art 35" gives two).
std::vector<std::string> splitCitations(const std::string& citation);

} // namespace seclevel
