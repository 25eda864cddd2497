#pragma once
// Inspections across agencies (thanh tra): the decision, the inspecting body, the scope and the team, and who
// may read what (NĐ85 Art 20.2.c, 23; TT12 Art 11–12; NĐ331 Art 33–36; legal notes §3.10, §4.5, §6.7).
//
// Who: an inspector of the inspecting body (or an administrator) records an inspection; every team member
// holds the inspector role. Reading: a team member reads the inspection and, of the agencies' data, only the
// systems inside its scope (the organisation subtree, narrowed to the listed systems when there are any);
// anyone else is refused (ErrorKind::Refused). Administrators read everything. The agencies' data stays
// read-only to inspectors: this service writes nothing but the inspection itself.
#include "core/Error.h"
#include "core/Inspection.h"
#include "storage/Store.h"

#include <string>
#include <vector>

namespace seclevel {

class InspectionService {
public:
    explicit InspectionService(Store& store) : m_store(store) {}

    // Creates or replaces the inspection (true when anything changed). Refused unless the actor acts as an
    // inspector of the inspecting body or as an administrator, or when a team member does not hold the
    // inspector role; a listed system outside the scope's organisation subtree is invalid input.
    Result<bool> save(const Inspection& inspection, const Actor& actor);
    // The inspection, for a team member or an administrator (ErrorKind::NotFound / Refused).
    Result<StoredInspection> show(const std::string& id, const Actor& actor);
    // The inspections the actor is on the team of; every inspection for an administrator.
    Result<std::vector<StoredInspection>> list(const Actor& actor);
    // The systems the inspection covers (organisation subtree, narrowed to the listed systems), by id; what an
    // inspector may read.
    Result<std::vector<StoredSystem>> systemsInScope(const std::string& id, const Actor& actor);
    // One system, read by a team member: refused when it lies outside the inspection's scope.
    Result<StoredSystem> system(const std::string& id, const std::string& systemId, const Actor& actor);

private:
    Result<StoredInspection> authorised(const std::string& id, const Actor& actor);

    Store& m_store;
};

// Whether `system` lies inside `inspection`'s scope, the organisations given to walk the tree.
bool systemInScope(const Inspection& inspection, const StoredSystem& system,
                   const std::vector<Organisation>& organisations);

} // namespace seclevel
