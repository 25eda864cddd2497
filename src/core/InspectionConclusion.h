#pragma once
// The inspection conclusion (kết luận thanh tra) as data, built by app/FindingService from the stored findings and
// printed by formats/html/InspectionConclusionHtml (Decree 30 layout) and formats/xml/InspectionConclusionXml
// (schemas/inspection-conclusion.xsd).
#include "core/Actor.h"
#include "core/Finding.h"
#include "core/Inspection.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct ConclusionAgency {
    Organisation organisation;
    int systems = 0;  // systems of this agency in the scope
    int approved = 0; // of which with an approved level
    std::vector<StoredFinding> findings;
};

struct InspectionConclusion {
    Inspection inspection;
    std::string inspectingBodyName;
    std::string scopeName;
    Date asOf{};
    std::optional<Date> reportBy;           // the deadline to report remediation
    std::vector<ConclusionAgency> agencies; // by organisation id; agencies with systems in scope
};

} // namespace seclevel
