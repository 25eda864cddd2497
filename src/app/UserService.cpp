#include "app/UserService.h"

#include <algorithm>
#include <map>

namespace seclevel {
namespace {

std::string quoted(const std::string& text)
{
    return "'" + text + "'";
}

bool sameSeat(const Membership& a, const Membership& b)
{
    return a.organisationId == b.organisationId && a.role == b.role;
}

} // namespace

std::vector<std::string> organisationChain(const std::vector<Organisation>& organisations, const std::string& id)
{
    return OrganisationTree(organisations).chain(id);
}

Result<bool> UserService::requireAdministrator(const Actor& actor)
{
    auto users = m_store.users();
    if (!users)
        return users.errors();
    if (users->empty())
        return true; // single-user installation: the first registration decides
    if (actor.role == Role::Administrator) {
        auto user = m_store.user(actor.userId);
        if (!user)
            return user.errors();
        if (*user)
            for (const Membership& m : (*user)->memberships)
                if (m.role == Role::Administrator)
                    return true;
    }
    return makeError(
        ErrorKind::Refused, "", 0, "as",
        "Chỉ người dùng có vai trò quản trị (administrator) mới được thêm người dùng hoặc đổi vai trò; "
        "hãy dùng --as với một quản trị viên (và --as-role administrator nếu người đó có nhiều vai trò)",
        "Only a user acting as administrator may add users or change roles; use --as with an administrator "
        "(and --as-role administrator when they hold several roles)");
}

Result<User> UserService::add(const User& user, const Actor& actor)
{
    if (user.memberships.empty())
        return makeError(ErrorKind::Usage, "", 0, "role", "Người dùng cần ít nhất một vai trò (--org ORG --role ROLE)",
                         "A user needs at least one role (--org ORG --role ROLE)");
    Result<User> outcome = user;
    auto done = m_store.transact([&]() -> Result<bool> {
        auto users = m_store.users();
        if (!users)
            return users.errors();
        if (users->empty()) {
            const bool admin = std::any_of(user.memberships.begin(), user.memberships.end(),
                                           [](const Membership& m) { return m.role == Role::Administrator; });
            if (!admin)
                return makeError(ErrorKind::Refused, "", 0, "role",
                                 "Người dùng đầu tiên phải có vai trò quản trị (--role administrator)",
                                 "The first user must hold the administrator role (--role administrator)");
        } else {
            auto allowed = requireAdministrator(actor);
            if (!allowed)
                return allowed.errors();
        }
        auto existing = m_store.user(user.id);
        if (!existing)
            return existing.errors();
        if (*existing)
            return makeError(ErrorKind::Conflict, "", 0, "id", "Đã có người dùng " + quoted(user.id),
                             "User " + quoted(user.id) + " already exists");
        Actor recorded = actor;
        if (users->empty()) { // the first administrator registers themself
            recorded.userId = user.id;
            recorded.organisationId = user.memberships.front().organisationId;
            recorded.role = Role::Administrator;
        }
        return m_store.saveUser(user, recorded);
    });
    if (!done)
        return done.errors();
    return outcome;
}

Result<bool> UserService::grant(const std::string& userId, const Membership& membership, const Actor& actor)
{
    bool changed = false;
    auto done = m_store.transact([&]() -> Result<bool> {
        auto allowed = requireAdministrator(actor);
        if (!allowed)
            return allowed.errors();
        auto user = show(userId);
        if (!user)
            return user.errors();
        for (const Membership& m : user->memberships)
            if (sameSeat(m, membership))
                return true;
        user->memberships.push_back(membership);
        changed = true;
        return m_store.saveUser(*user, actor);
    });
    if (!done)
        return done.errors();
    return changed;
}

Result<bool> UserService::revoke(const std::string& userId, const Membership& membership, const Actor& actor)
{
    bool changed = false;
    auto done = m_store.transact([&]() -> Result<bool> {
        auto allowed = requireAdministrator(actor);
        if (!allowed)
            return allowed.errors();
        auto user = show(userId);
        if (!user)
            return user.errors();
        auto& seats = user->memberships;
        const auto before = seats.size();
        seats.erase(
            std::remove_if(seats.begin(), seats.end(), [&](const Membership& m) { return sameSeat(m, membership); }),
            seats.end());
        if (seats.size() == before)
            return true;
        if (seats.empty())
            return makeError(ErrorKind::Refused, "", 0, "role", "Người dùng phải còn ít nhất một vai trò",
                             "A user keeps at least one role");
        changed = true;
        return m_store.saveUser(*user, actor);
    });
    if (!done)
        return done.errors();
    return changed;
}

Result<std::vector<User>> UserService::list()
{
    return m_store.users();
}

Result<User> UserService::show(const std::string& id)
{
    auto user = m_store.user(id);
    if (!user)
        return user.errors();
    if (!*user)
        return makeError(
            ErrorKind::NotFound, "", 0, "user",
            "Không có người dùng " + quoted(id) + " (seclevel user list; quản trị viên thêm bằng seclevel user add)",
            "No user " + quoted(id) + " (seclevel user list; an administrator adds one with seclevel user add)");
    return std::move(**user);
}

Result<Actor> UserService::resolve(const ActingRequest& request)
{
    Actor actor;
    actor.userId = request.userId;
    actor.at = request.at;
    auto users = m_store.users();
    if (!users)
        return users.errors();
    if (users->empty()) {
        actor.role = Role::Administrator;
        actor.organisationId = request.organisationId.value_or("");
        return actor;
    }
    auto user = show(request.userId);
    if (!user)
        return user.errors();
    for (const Membership& m : user->memberships) {
        if (request.role && m.role != *request.role)
            continue;
        if (request.organisationId && m.organisationId != *request.organisationId)
            continue;
        actor.organisationId = m.organisationId;
        actor.role = m.role;
        return actor;
    }
    std::string seats;
    for (const Membership& m : user->memberships)
        seats += (seats.empty() ? "" : ", ") + std::string(roleName(m.role)) + "@" + m.organisationId;
    return makeError(ErrorKind::Refused, "", 0, "role",
                     "Người dùng " + quoted(request.userId) +
                         " không giữ vai trò/tổ chức đã chọn; vai trò hiện có: " + seats,
                     "User " + quoted(request.userId) + " holds no such role/organisation; their roles: " + seats);
}

Result<UserStanding> UserService::standing(const std::string& userId)
{
    UserStanding standing;
    standing.userId = userId;
    auto users = m_store.users();
    if (!users)
        return users.errors();
    if (users->empty())
        return standing; // nobody holds a seat before users are registered
    auto user = show(userId);
    if (!user)
        return user.errors();
    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    for (const Membership& m : user->memberships) {
        UserStanding::Seat seat;
        seat.membership = m;
        seat.chain = organisationChain(*organisations, m.organisationId);
        for (const Organisation& o : *organisations)
            if (o.id == m.organisationId)
                seat.authorityCode = o.authorityCode;
        standing.seats.push_back(std::move(seat));
    }
    return standing;
}

} // namespace seclevel
