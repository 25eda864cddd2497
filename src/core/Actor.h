#pragma once
// Who acts, for which organisation, in which role, and when. Every change in the store carries one; the
// workflow (appraisal, approval) decides what an actor may do from the role and the organisation.
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

namespace seclevel {

// Roles a user can hold in an organisation (legal note §3: owner = chủ quản, operator = đơn vị vận hành,
// security unit = đơn vị chuyên trách, appraising body = cơ quan thẩm định, inspector = thanh tra).
enum class Role { Operator, SecurityUnit, Owner, AppraisingBody, Inspector, Administrator };

// "operator", "security_unit", "owner", "appraising_body", "inspector", "administrator".
const char* roleName(Role role);
bool parseRole(const std::string& text, Role& role);

struct Actor {
    std::string userId;         // e.g. "nguyen.van.a"
    std::string organisationId; // the organisation the user acts for; empty before users exist
    Role role = Role::Operator;
    std::chrono::system_clock::time_point at;
};

struct Organisation {
    std::string id;
    std::string name;
    std::string parentId; // empty for a root
    std::string authorityCode =
        {}; // a national body's code the procedures name ("MIC", "MPS", "MOD", "BCY"); usually empty
};

// The organisations indexed once by id (a country: 1,000 agencies asked about for 100,000 systems): lookups and
// ancestor chains without building an index per question. Refers to the vector given, which must outlive it.
class OrganisationTree {
public:
    explicit OrganisationTree(const std::vector<Organisation>& organisations);
    // The organisation of that id; null when unknown.
    const Organisation* find(const std::string& id) const;
    // The parent id; empty at a root or for an unknown organisation.
    std::string parentOf(const std::string& id) const;
    // The organisation and its ancestors (self first); empty when unknown. A loop in the data ends the walk.
    std::vector<std::string> chain(const std::string& id) const;

private:
    std::unordered_map<std::string, const Organisation*> m_byId;
    std::size_t m_size = 0;
};

// A role a user holds in an organisation.
struct Membership {
    std::string organisationId;
    Role role = Role::Operator;
};

// A person who uses seclevel (TT12 Art 4.3: the owner is the head or a person authorised in writing).
struct User {
    std::string id; // login-like id, e.g. "nguyen.van.a"
    std::string name;
    std::vector<Membership> memberships;
};

using TimePoint = std::chrono::system_clock::time_point;

// UTC ISO 8601 "YYYY-MM-DDTHH:MM:SSZ": how stores and machine formats write a time point.
std::string isoTimestamp(TimePoint at);
// Parses what isoTimestamp writes (also accepts a fractional part); false when the text is not one.
bool parseIsoTimestamp(const std::string& text, TimePoint& at);

} // namespace seclevel
