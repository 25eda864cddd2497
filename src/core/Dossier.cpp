#include "core/Dossier.h"

#include <algorithm>

namespace seclevel {

std::vector<const RequirementGroupSpec*> DossierTemplate::requirementsForLevel(int level) const
{
    std::vector<const RequirementGroupSpec*> groups;
    for (const auto& g : requirements)
        if (g.level == level)
            groups.push_back(&g);
    return groups;
}

const DossierFieldSpec* DossierTemplate::field(const std::string& key) const
{
    for (const auto& s : sections)
        for (const auto& f : s.fields)
            if (f.key == key)
                return &f;
    return nullptr;
}

const RequirementGroupSpec* DossierTemplate::requirementGroup(const std::string& id) const
{
    for (const auto& g : requirements)
        if (g.id == id)
            return &g;
    return nullptr;
}

const AttachmentSpec* DossierTemplate::attachment(const std::string& kind) const
{
    for (const auto& a : attachments)
        if (a.kind == kind)
            return &a;
    return nullptr;
}

const char* requirementStatusName(RequirementStatus status)
{
    switch (status) {
    case RequirementStatus::Met: return "met";
    case RequirementStatus::PartlyMet: return "partly_met";
    case RequirementStatus::Planned: return "planned";
    case RequirementStatus::NotApplicable: return "not_applicable";
    }
    return "?";
}

std::optional<RequirementStatus> parseRequirementStatus(const std::string& name)
{
    for (auto s : {RequirementStatus::Met, RequirementStatus::PartlyMet, RequirementStatus::Planned,
                   RequirementStatus::NotApplicable})
        if (name == requirementStatusName(s))
            return s;
    return std::nullopt;
}

LocalizedText requirementStatusLabel(RequirementStatus status)
{
    switch (status) {
    case RequirementStatus::Met: return {"Đã đáp ứng", "Met"};
    case RequirementStatus::PartlyMet: return {"Đáp ứng một phần", "Partly met"};
    case RequirementStatus::Planned: return {"Có lộ trình thực hiện", "Planned (roadmap)"};
    case RequirementStatus::NotApplicable: return {"Không áp dụng", "Not applicable"};
    }
    return {};
}

std::vector<MissingItem> checkCompleteness(const DossierTemplate& t, const Dossier& dossier, int proposedLevel)
{
    std::vector<MissingItem> missing;
    if (proposedLevel < 1) {
        missing.push_back({"level", {"chưa xác định được cấp độ đề xuất", "no proposed level yet"}, "NĐ85 Art 15.3"});
        return missing;
    }
    for (const auto& section : t.sections) {
        if (section.generated || proposedLevel < section.minLevel)
            continue;
        for (const auto& f : section.fields) {
            if (!f.required || proposedLevel < f.minLevel)
                continue;
            auto it = dossier.fields.find(f.key);
            if (it == dossier.fields.end() || isBlank(it->second))
                missing.push_back(
                    {f.key, {section.id + ". " + f.label.vi, section.id + ". " + f.label.en}, f.citation});
        }
    }
    for (const auto& a : t.attachments) {
        if (!a.required || proposedLevel < a.minLevel)
            continue;
        const bool present = std::any_of(dossier.attachments.begin(), dossier.attachments.end(),
                                         [&](const Attachment& x) { return x.kind == a.kind; });
        if (!present)
            missing.push_back({"attachment:" + a.kind,
                               {"Tài liệu kèm theo: " + a.title.vi, "Attachment: " + a.title.en},
                               a.citation});
    }
    for (const RequirementGroupSpec* g : t.requirementsForLevel(proposedLevel)) {
        for (int item = 1; item <= g->count; ++item) {
            auto it = std::find_if(dossier.requirements.begin(), dossier.requirements.end(),
                                   [&](const RequirementStatement& s) { return s.groupId == g->id && s.item == item; });
            const std::string key = "requirement:" + g->id + "#" + std::to_string(item);
            const LocalizedText what{g->heading.vi + " — mục " + std::to_string(item),
                                     g->heading.en + " — item " + std::to_string(item)};
            if (it == dossier.requirements.end() || isBlank(it->how)) {
                missing.push_back({key, what, g->citation});
            } else if ((it->status == RequirementStatus::Planned || it->status == RequirementStatus::PartlyMet) &&
                       !it->plannedBy) {
                missing.push_back(
                    {key + ":planned_by",
                     {what.vi + ": thiếu thời hạn hoàn thành theo lộ trình", what.en + ": roadmap date missing"},
                     g->citation});
            }
        }
    }
    return missing;
}

} // namespace seclevel
