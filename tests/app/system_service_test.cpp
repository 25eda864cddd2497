#define BOOST_TEST_MODULE system_service
#include "AppFixture.h"

using namespace seclevel;
using namespace seclevel::testing;

namespace {

struct Fixture {
    TempDir temp;
    std::unique_ptr<Store> store = openTestStore(temp.dir / "store.db");
    SystemService service{shippedCatalogue(), *store};
    Fixture()
    {
        BOOST_REQUIRE(service.saveOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, actor()).ok());
    }
    SystemWrite write(SystemDescription system = exampleSystem())
    {
        return SystemWrite{std::move(system), std::nullopt, {"VN-2026", std::nullopt}, {}};
    }
};

bool isKind(const Errors& errors, ErrorKind kind)
{
    return !errors.empty() && errors.front().kind == kind;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(add_stores_system_and_its_assessment, Fixture)
{
    auto added = service.add(write(), actor());
    BOOST_REQUIRE(added.ok());
    auto record = service.show("HN-DVC-01");
    BOOST_REQUIRE(record.ok());
    BOOST_TEST(record->summary.stored.rulesetId == "VN-2026");
    BOOST_TEST(record->summary.stored.rulesetVersion == shippedCatalogue().ruleSet("VN-2026")->version);
    BOOST_TEST(record->summary.stored.derivedLevel == added->assessment.derivedLevel);
    BOOST_TEST(!record->summary.staleRuleSet.has_value());
    BOOST_REQUIRE(record->assessments.size() == 1u);
    // The whole trace is kept, not only the levels.
    BOOST_TEST(record->assessments[0].assessment.components.size() == added->assessment.components.size());
    BOOST_TEST(record->assessments[0].actor.userId == "alice");
}

BOOST_FIXTURE_TEST_CASE(adding_an_existing_id_is_a_conflict, Fixture)
{
    BOOST_REQUIRE(service.add(write(), actor()).ok());
    auto again = service.add(write(), actor("bob"));
    BOOST_REQUIRE(!again.ok());
    BOOST_TEST(isKind(again.errors(), ErrorKind::Conflict));
}

BOOST_FIXTURE_TEST_CASE(update_of_unknown_system_is_not_found_and_ids_must_match, Fixture)
{
    auto missing = service.update("HN-DVC-01", write(), actor());
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST(isKind(missing.errors(), ErrorKind::NotFound));
    BOOST_REQUIRE(service.add(write(), actor()).ok());
    auto wrongId = service.update("OTHER", write(), actor());
    BOOST_REQUIRE(!wrongId.ok());
    BOOST_TEST(isKind(wrongId.errors(), ErrorKind::InvalidInput));
}

BOOST_FIXTURE_TEST_CASE(update_keeps_history_and_organisation, Fixture)
{
    BOOST_REQUIRE(service.add(write(), actor()).ok());
    SystemDescription changed = exampleSystem();
    changed.organisationId.clear();
    changed.answers.values["personal_data_subjects"] = Value{std::int64_t{150000}};
    auto updated = service.update("HN-DVC-01", write(changed), actor("bob"));
    BOOST_REQUIRE(updated.ok());
    auto record = service.show("HN-DVC-01");
    BOOST_REQUIRE(record.ok());
    BOOST_TEST(record->summary.stored.description.organisationId == "UBND-HANAM");
    BOOST_TEST(record->assessments.size() == 2u);
    bool sawChange = false;
    for (const AnswerChange& change : record->history)
        if (change.key == "personal_data_subjects" && change.actor.userId == "bob")
            sawChange = true;
    BOOST_TEST(sawChange);
}

BOOST_FIXTURE_TEST_CASE(organisation_ids_and_names_with_control_characters_are_refused, Fixture)
{
    for (const std::string& bad : {std::string("ORG\x1b[31m"), std::string(" ORG"), std::string("ORG\n"),
                                   std::string("OR\xE2\x80\xAEG"), std::string("")}) {
        auto saved = service.saveOrganisation({bad, "Tên", ""}, actor());
        BOOST_TEST(!saved.ok(), "refused: " << bad);
        if (!saved.ok())
            BOOST_TEST(isKind(saved.errors(), ErrorKind::InvalidInput));
    }
    auto badName = service.saveOrganisation({"ORG", "Tên\x07", ""}, actor());
    BOOST_TEST(!badName.ok());
    auto organisations = service.organisations();
    BOOST_REQUIRE(organisations.ok());
    BOOST_TEST(organisations->size() == 1u); // only UBND-HANAM from the fixture
}

BOOST_FIXTURE_TEST_CASE(list_is_filtered_by_organisation, Fixture)
{
    BOOST_REQUIRE(service.add(write(), actor()).ok());
    auto all = service.list();
    BOOST_REQUIRE(all.ok());
    BOOST_TEST(all->size() == 1u);
    auto other = service.list("NO-SUCH-ORG");
    BOOST_REQUIRE(other.ok());
    BOOST_TEST(other->empty());
}
