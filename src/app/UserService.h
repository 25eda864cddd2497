#pragma once
// Users and the roles they hold in organisations; who is acting. Every change in the store carries the acting
// user, the organisation they act for and their role (core/Actor.h).
//
// A new installation has no users: it runs single-user, and every change is recorded under the name given
// (--as, $SECLEVEL_USER, the login name) as an administrator. The first `user add` must create an
// administrator; from then on the acting user must be registered, and only administrators add users or
// change their roles.
#include "core/Actor.h"
#include "core/Error.h"
#include "core/Workflow.h"
#include "storage/Store.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

struct ActingRequest {
    std::string userId;
    std::optional<Role> role;                  // which of the user's roles (default: the first)
    std::optional<std::string> organisationId; // for which organisation (default: the first with that role)
    TimePoint at;
};

class UserService {
public:
    explicit UserService(Store& store) : m_store(store) {}

    // Registers a new user (ErrorKind::Conflict when the id exists). Refused unless the actor is an
    // administrator, or no user exists yet and the new user holds the administrator role.
    Result<User> add(const User& user, const Actor& actor);
    // Adds a role in an organisation to a user (administrators only). True when it was new.
    Result<bool> grant(const std::string& userId, const Membership& membership, const Actor& actor);
    // Removes a role (administrators only); a user keeps at least one.
    Result<bool> revoke(const std::string& userId, const Membership& membership, const Actor& actor);
    Result<std::vector<User>> list();
    Result<User> show(const std::string& id);

    // The actor a request stands for: the registered user in the chosen seat, or — before any user is
    // registered — the name given, as an administrator. ErrorKind::NotFound for an unknown user,
    // ErrorKind::Refused for a role or organisation the user does not hold.
    Result<Actor> resolve(const ActingRequest& request);

    // The user's seats with each organisation's ancestors and authority code, as core/Workflow decides on.
    Result<UserStanding> standing(const std::string& userId);

private:
    Result<bool> requireAdministrator(const Actor& actor);

    Store& m_store;
};

// The organisation and its ancestors (self first); empty when the organisation is unknown. Guards against loops.
std::vector<std::string> organisationChain(const std::vector<Organisation>& organisations, const std::string& id);

} // namespace seclevel
