#include "storage/DossierState.h"

#include "codec/StoredEncoding.h"

namespace seclevel::storage {

DossierState stateOf(const Dossier& dossier)
{
    DossierState state;
    for (const auto& [key, value] : dossier.fields)
        state.items[key] = value;
    for (const RequirementStatement& statement : dossier.requirements)
        state.items[codec::requirementKey(statement)] = codec::requirementText(statement);
    for (const Attachment& attachment : dossier.attachments) {
        state.items[codec::attachmentKey(attachment)] = codec::attachmentText(attachment);
        state.attachmentOrder.push_back(codec::attachmentKey(attachment));
    }
    return state;
}

std::vector<DossierItemChange> itemChanges(const DossierState& before, const DossierState& after)
{
    std::vector<DossierItemChange> changes;
    for (const auto& [key, oldValue] : before.items) {
        const auto now = after.items.find(key);
        const std::string newValue = now == after.items.end() ? std::string() : now->second;
        if (newValue != oldValue)
            changes.push_back({key, oldValue, newValue});
    }
    for (const auto& [key, newValue] : after.items)
        if (!before.items.count(key) && !newValue.empty())
            changes.push_back({key, {}, newValue});
    return changes;
}

} // namespace seclevel::storage
