#include "app/InspectionService.h"

#include <algorithm>
#include <map>

namespace seclevel {
namespace {

std::string quoted(const std::string& text)
{
    return "'" + text + "'";
}

bool onTeam(const Inspection& inspection, const std::string& userId)
{
    return std::find(inspection.team.begin(), inspection.team.end(), userId) != inspection.team.end();
}

Error refused(const std::string& field, std::string vi, std::string en)
{
    return makeError(ErrorKind::Refused, "", 0, field, std::move(vi), std::move(en));
}

bool within(const OrganisationTree& tree, const std::string& organisationId, const std::string& root)
{
    return organisationWithin(organisationId, root, [&](const std::string& id) { return tree.parentOf(id); });
}

bool inScope(const Inspection& inspection, const StoredSystem& system, const OrganisationTree& tree)
{
    const auto& listed = inspection.scope.systems;
    if (!listed.empty() && std::find(listed.begin(), listed.end(), system.description.id) == listed.end())
        return false;
    return within(tree, system.description.organisationId, inspection.scope.organisationId);
}

} // namespace

bool systemInScope(const Inspection& inspection, const StoredSystem& system,
                   const std::vector<Organisation>& organisations)
{
    return inScope(inspection, system, OrganisationTree(organisations));
}

Result<bool> InspectionService::save(const Inspection& inspection, const Actor& actor)
{
    const bool administrator = actor.role == Role::Administrator;
    if (!administrator && !(actor.role == Role::Inspector && actor.organisationId == inspection.inspectingBody))
        return refused("as",
                       "Chỉ thanh tra viên của cơ quan thanh tra " + quoted(inspection.inspectingBody) +
                           " hoặc quản trị viên mới được ghi cuộc thanh tra (dùng --as, --as-role inspector)",
                       "Only an inspector of the inspecting body " + quoted(inspection.inspectingBody) +
                           " or an administrator may record the inspection (use --as, --as-role inspector)");
    if (inspection.team.empty())
        return makeError(ErrorKind::InvalidInput, "", 0, "team", "Đoàn thanh tra cần ít nhất một thành viên",
                         "The inspection team needs at least one member");
    Result<bool> outcome = false;
    auto done = m_store.transact([&]() -> Result<bool> {
        for (const std::string& member : inspection.team) {
            auto user = m_store.user(member);
            if (!user)
                return user.errors();
            if (!*user)
                return makeError(ErrorKind::NotFound, "", 0, "team", "Không có người dùng " + quoted(member),
                                 "No user " + quoted(member) + " exists");
            const auto& seats = (*user)->memberships;
            if (std::none_of(seats.begin(), seats.end(), [](const Membership& m) { return m.role == Role::Inspector; }))
                return refused("team",
                               "Người dùng " + quoted(member) +
                                   " không có vai trò thanh tra (inspector), không thể là thành viên đoàn thanh tra",
                               "User " + quoted(member) +
                                   " does not hold the inspector role and cannot be on the inspection team");
        }
        if (!inspection.scope.systems.empty()) {
            auto organisations = m_store.organisations();
            if (!organisations)
                return organisations.errors();
            const OrganisationTree tree(*organisations);
            for (const std::string& systemId : inspection.scope.systems) {
                auto system = m_store.system(systemId);
                if (!system)
                    return system.errors();
                if (*system && !within(tree, (*system)->description.organisationId, inspection.scope.organisationId))
                    return makeError(ErrorKind::InvalidInput, "", 0, "systems",
                                     "Hệ thống " + quoted(systemId) + " không thuộc " +
                                         quoted(inspection.scope.organisationId) +
                                         " hoặc đơn vị trực thuộc, nên không thể thuộc phạm vi thanh tra",
                                     "System " + quoted(systemId) + " does not belong to " +
                                         quoted(inspection.scope.organisationId) +
                                         " or a unit under it, so it cannot be in the inspection's scope");
            }
        }
        auto saved = m_store.saveInspection(inspection, actor);
        if (!saved)
            return saved.errors();
        outcome = *saved;
        return true;
    });
    if (!done)
        return done.errors();
    return outcome;
}

Result<StoredInspection> InspectionService::authorised(const std::string& id, const Actor& actor)
{
    auto stored = m_store.inspection(id);
    if (!stored)
        return stored.errors();
    if (!*stored)
        return makeError(ErrorKind::NotFound, "", 0, "id", "Không có cuộc thanh tra " + quoted(id),
                         "No inspection " + quoted(id) + " exists");
    if (actor.role == Role::Administrator ||
        (actor.role == Role::Inspector && onTeam((*stored)->inspection, actor.userId)))
        return std::move(**stored);
    return refused("as",
                   "Người dùng " + quoted(actor.userId) + " không thuộc đoàn thanh tra " + quoted(id) +
                       " (hoặc không hành động với vai trò thanh tra), nên không được xem dữ liệu của cuộc thanh tra",
                   "User " + quoted(actor.userId) + " is not on the team of inspection " + quoted(id) +
                       " (or does not act as inspector), so may not read its data");
}

Result<StoredInspection> InspectionService::show(const std::string& id, const Actor& actor)
{
    return authorised(id, actor);
}

Result<std::vector<StoredInspection>> InspectionService::list(const Actor& actor)
{
    auto all = m_store.inspections();
    if (!all)
        return all.errors();
    if (actor.role == Role::Administrator)
        return std::move(*all);
    std::vector<StoredInspection> mine;
    if (actor.role == Role::Inspector)
        for (StoredInspection& stored : *all)
            if (onTeam(stored.inspection, actor.userId))
                mine.push_back(std::move(stored));
    return mine;
}

Result<std::vector<StoredSystem>> InspectionService::systemsInScope(const std::string& id, const Actor& actor)
{
    auto inspection = authorised(id, actor);
    if (!inspection)
        return inspection.errors();
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    auto systems = m_store.systemHeaders();
    if (!systems)
        return systems.errors();
    // The tree once for all of them (a country: 100,000 systems, 1,000 agencies).
    const OrganisationTree tree(*organisations);
    std::vector<StoredSystem> covered;
    for (StoredSystem& system : *systems)
        if (inScope(inspection->inspection, system, tree))
            covered.push_back(std::move(system));
    return covered;
}

Result<StoredSystem> InspectionService::system(const std::string& id, const std::string& systemId, const Actor& actor)
{
    auto inspection = authorised(id, actor);
    if (!inspection)
        return inspection.errors();
    auto system = m_store.system(systemId);
    if (!system)
        return system.errors();
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    // A system that does not exist is refused the same way as one outside the scope: an inspector learns
    // nothing about what lies outside it.
    if (!*system || !systemInScope(inspection->inspection, **system, *organisations))
        return refused("system", "Hệ thống " + quoted(systemId) + " nằm ngoài phạm vi cuộc thanh tra " + quoted(id),
                       "System " + quoted(systemId) + " lies outside the scope of inspection " + quoted(id));
    return std::move(**system);
}

} // namespace seclevel
