// InspectionService: who records an inspection, the team's roles, the scope (an organisation subtree narrowed to
// listed systems), and that inspectors read only inside it — an inspector outside the team, or a system outside
// the scope, is refused. A small province built through the store: 3 districts, 9 agencies, 36 systems, and a
// neighbouring province whose systems must never show.
#define BOOST_TEST_MODULE inspection_service
#include "AppFixture.h"

#include "app/InspectionService.h"

#include <set>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

Actor as(const std::string& user, const std::string& organisation, Role role)
{
    Actor a = actor(user);
    a.organisationId = organisation;
    a.role = role;
    return a;
}

Date day(int y, unsigned m, unsigned d)
{
    return std::chrono::year{y} / m / d;
}

struct Province {
    TempDir dir;
    std::unique_ptr<Store> store = openTestStore(dir.dir / "province.db");
    const Actor admin = as("admin", "UBND", Role::Administrator);
    const Actor inspector = as("tt1", "TTR-TINH", Role::Inspector);
    std::set<std::string> inDistrict1; // systems of HUYEN-1 and the agencies under it, by construction
    std::set<std::string> inProvince;

    Province()
    {
        auto org = [&](const std::string& id, const std::string& parent) {
            BOOST_REQUIRE(store->upsertOrganisation({id, "Cơ quan " + id, parent, ""}, admin).ok());
        };
        org("UBND", "");
        org("TTR-TINH", "UBND");
        org("KHAC", ""); // a neighbouring province
        org("TTR-KHAC", "KHAC");
        SystemDescription system = exampleSystem();
        for (int d = 1; d <= 3; ++d) {
            const std::string district = "HUYEN-" + std::to_string(d);
            org(district, "UBND");
            for (int a = 1; a <= 3; ++a) {
                const std::string agency = district + "-XA-" + std::to_string(a);
                org(agency, district);
                for (int s = 1; s <= 4; ++s) {
                    system.id = agency + "-HT-" + std::to_string(s);
                    system.organisationId = agency;
                    BOOST_REQUIRE(store->addSystem(system, admin).ok());
                    inProvince.insert(system.id);
                    if (d == 1)
                        inDistrict1.insert(system.id);
                }
            }
        }
        system.id = "KHAC-HT-1";
        system.organisationId = "KHAC";
        BOOST_REQUIRE(store->addSystem(system, admin).ok());
        auto user = [&](const std::string& id, const std::string& organisation, Role role) {
            BOOST_REQUIRE(store->saveUser({id, "Người dùng " + id, {{organisation, role}}}, admin).ok());
        };
        user("admin", "UBND", Role::Administrator);
        user("tt1", "TTR-TINH", Role::Inspector);
        user("tt2", "TTR-TINH", Role::Inspector);
        user("tt9", "TTR-KHAC", Role::Inspector);
        user("chu.quan", "HUYEN-1", Role::Owner);
    }

    Inspection inspection(const std::string& id = "TTR-2026-01") const
    {
        Inspection i;
        i.id = id;
        i.decisionNumber = "125/QĐ-TTr";
        i.decisionDate = day(2026, 10, 5);
        i.inspectingBody = "TTR-TINH";
        i.scope.organisationId = "HUYEN-1";
        i.scope.periodFrom = day(2020, 1, 1);
        i.scope.periodTo = day(2026, 9, 30);
        i.team = {"tt1", "tt2"};
        return i;
    }
};

void requireRefused(const Errors& errors, const std::string& field)
{
    BOOST_REQUIRE(!errors.empty());
    BOOST_TEST((errors.front().kind == ErrorKind::Refused), errors.front().describe(Lang::En));
    BOOST_TEST(errors.front().field == field);
}

} // namespace

BOOST_AUTO_TEST_CASE(an_inspector_of_the_body_records_the_inspection_with_a_team_of_inspectors)
{
    Province p;
    InspectionService service(*p.store);
    // Not an inspector of the inspecting body: the owner, and an inspector of another body.
    requireRefused(service.save(p.inspection(), as("chu.quan", "HUYEN-1", Role::Owner)).errors(), "as");
    requireRefused(service.save(p.inspection(), as("tt9", "TTR-KHAC", Role::Inspector)).errors(), "as");
    // A team member without the inspector role.
    Inspection withOwner = p.inspection();
    withOwner.team.push_back("chu.quan");
    requireRefused(service.save(withOwner, p.inspector).errors(), "team");
    // A listed system outside the scope's subtree.
    Inspection outside = p.inspection();
    outside.scope.systems = {"HUYEN-2-XA-1-HT-1"};
    auto invalid = service.save(outside, p.inspector);
    BOOST_REQUIRE(!invalid.ok());
    BOOST_TEST((invalid.errors().front().kind == ErrorKind::InvalidInput));
    Inspection noTeam = p.inspection();
    noTeam.team.clear();
    BOOST_TEST(!service.save(noTeam, p.inspector).ok());
    BOOST_TEST(p.store->inspections()->empty()); // nothing of the refused ones was stored

    auto saved = service.save(p.inspection(), p.inspector);
    BOOST_REQUIRE(saved.ok());
    BOOST_TEST(*saved);
    BOOST_TEST(!*service.save(p.inspection(), p.admin)); // administrators may; unchanged
    auto shown = service.show("TTR-2026-01", as("tt2", "TTR-TINH", Role::Inspector));
    BOOST_REQUIRE(shown.ok());
    BOOST_TEST(shown->inspection.scope.organisationId == "HUYEN-1");
    BOOST_TEST(shown->createdBy.userId == "tt1");
}

BOOST_AUTO_TEST_CASE(inspectors_read_only_inside_the_scope_and_outsiders_are_refused)
{
    Province p;
    InspectionService service(*p.store);
    BOOST_REQUIRE(service.save(p.inspection(), p.inspector).ok());
    Inspection whole = p.inspection("TTR-2026-02");
    whole.scope.organisationId = "UBND";
    whole.team = {"tt2"};
    BOOST_REQUIRE(service.save(whole, p.admin).ok());

    // The subtree: exactly the district's 12 systems, none of the other districts or the other province.
    auto inScope = service.systemsInScope("TTR-2026-01", p.inspector);
    BOOST_REQUIRE(inScope.ok());
    std::set<std::string> seen;
    for (const StoredSystem& s : *inScope)
        seen.insert(s.description.id);
    BOOST_TEST(seen == p.inDistrict1);
    BOOST_TEST(inScope->size() == 12u);
    auto province = service.systemsInScope("TTR-2026-02", as("tt2", "TTR-TINH", Role::Inspector));
    BOOST_REQUIRE(province.ok());
    BOOST_TEST(province->size() == p.inProvince.size()); // 36: the neighbouring province's system is not in it

    // One system: inside is read; outside the scope, unknown, or another province: refused alike.
    auto inside = service.system("TTR-2026-01", "HUYEN-1-XA-2-HT-3", p.inspector);
    BOOST_REQUIRE(inside.ok());
    BOOST_TEST(inside->description.organisationId == "HUYEN-1-XA-2");
    requireRefused(service.system("TTR-2026-01", "HUYEN-2-XA-1-HT-1", p.inspector).errors(), "system");
    requireRefused(service.system("TTR-2026-01", "KHAC-HT-1", p.inspector).errors(), "system");
    requireRefused(service.system("TTR-2026-01", "NO-SUCH", p.inspector).errors(), "system");

    // An inspector not on the team, an inspector of another province, the owner: refused everywhere.
    const Actor tt2 = as("tt2", "TTR-TINH", Role::Inspector);
    const Actor outsider = as("tt9", "TTR-KHAC", Role::Inspector);
    const Actor owner = as("chu.quan", "HUYEN-1", Role::Owner);
    for (const Actor& who : {outsider, owner}) {
        requireRefused(service.show("TTR-2026-01", who).errors(), "as");
        requireRefused(service.systemsInScope("TTR-2026-01", who).errors(), "as");
        requireRefused(service.system("TTR-2026-01", "HUYEN-1-XA-1-HT-1", who).errors(), "as");
    }
    requireRefused(service.show("TTR-2026-02", p.inspector).errors(), "as"); // tt1 is not on that team
    // tt2 is on both teams acting as inspector, but not when acting in another role.
    BOOST_TEST(service.show("TTR-2026-01", tt2).ok());

    // Listing: each inspector their own; administrators all; others none.
    BOOST_TEST(service.list(p.inspector)->size() == 1u);
    BOOST_TEST(service.list(tt2)->size() == 2u);
    BOOST_TEST(service.list(outsider)->empty());
    BOOST_TEST(service.list(owner)->empty());
    BOOST_TEST(service.list(p.admin)->size() == 2u);
    auto missing = service.show("NOPE", p.admin);
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST((missing.errors().front().kind == ErrorKind::NotFound));

    // Listed systems narrow the subtree.
    Inspection narrow = p.inspection("TTR-2026-03");
    narrow.scope.systems = {"HUYEN-1-XA-1-HT-1", "HUYEN-1-XA-3-HT-4"};
    BOOST_REQUIRE(service.save(narrow, p.inspector).ok());
    auto listed = service.systemsInScope("TTR-2026-03", p.inspector);
    BOOST_REQUIRE(listed.ok());
    BOOST_TEST(listed->size() == 2u);
    requireRefused(service.system("TTR-2026-03", "HUYEN-1-XA-2-HT-1", p.inspector).errors(), "system");
}
