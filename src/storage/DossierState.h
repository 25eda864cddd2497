#pragma once
// What both stores compare when a dossier is saved (internal to storage): a save that changes nothing writes
// nothing, and each changed item gets one history row.
#include "core/Dossier.h"

#include <map>
#include <string>
#include <vector>

namespace seclevel::storage {

// Everything the history compares (history key → canonical text), plus the attachments' order (which the
// export keeps).
struct DossierState {
    std::map<std::string, std::string> items;
    std::vector<std::string> attachmentOrder;
    bool operator==(const DossierState&) const = default;
};

DossierState stateOf(const Dossier& dossier);

// One history row: '' = no item.
struct DossierItemChange {
    std::string key, oldValue, newValue;
};

// The items changed or removed (in key order), then those added with a value (in key order).
std::vector<DossierItemChange> itemChanges(const DossierState& before, const DossierState& after);

} // namespace seclevel::storage
