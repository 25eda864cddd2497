#pragma once
// An inspection (thanh tra, kiểm tra) of the security of information systems across agencies: the decision
// that orders it, the inspecting body, what it covers and who does it (NĐ85 Art 20.2.c, 23; TT12 Art 11–12;
// NĐ331 Art 33–36; legal notes §3.10, §4.5, §6.7). Inspectors read only inside its scope.
#include "core/Date.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct InspectionScope {
    std::string organisationId;       // the root of the organisation subtree inspected
    std::vector<std::string> systems; // empty = every system of the subtree; else only these (inside it)
    Date periodFrom{};                // the period whose facts are inspected, both days included
    Date periodTo{};
};

struct Inspection {
    std::string id;             // "TTR-2026-01"
    std::string decisionNumber; // "125/QĐ-TTr"
    Date decisionDate{};
    std::string inspectingBody; // organisation id of the body that inspects (Thanh tra tỉnh, Sở …)
    InspectionScope scope;
    std::vector<std::string> team; // user ids of the inspectors (Role::Inspector)
};

// Whether `organisationId` lies in the subtree rooted at `root`, following `parentOf` (which returns the
// parent id, empty at a top). A loop in the data stops the walk (false).
template <class ParentOf>
bool organisationWithin(const std::string& organisationId, const std::string& root, ParentOf parentOf)
{
    std::string current = organisationId;
    for (int hops = 0; !current.empty() && hops < 64; ++hops) {
        if (current == root)
            return true;
        current = parentOf(current);
    }
    return false;
}

} // namespace seclevel
