#define BOOST_TEST_MODULE judging
#include "AppFixture.h"

#include "app/Judging.h"

using namespace seclevel;
using namespace seclevel::testing;

namespace {
Date day(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
} // namespace

BOOST_AUTO_TEST_CASE(rule_set_by_date_and_by_name)
{
    const Catalogue& catalogue = shippedCatalogue();
    std::vector<Notice> notices;
    auto byDate = chooseRuleSet(catalogue, {std::nullopt, day(2020, 1, 1)}, day(2026, 11, 2), notices);
    BOOST_REQUIRE(byDate.ok());
    BOOST_TEST((*byDate)->id == "VN-2016");
    auto today = chooseRuleSet(catalogue, {}, day(2026, 11, 2), notices);
    BOOST_REQUIRE(today.ok());
    BOOST_TEST((*today)->id == "VN-2026");
    BOOST_TEST(notices.empty());
}

BOOST_AUTO_TEST_CASE(named_rule_set_outside_its_dates_gives_a_notice)
{
    std::vector<Notice> notices;
    auto chosen = chooseRuleSet(shippedCatalogue(), {"VN-2016", day(2026, 10, 1)}, day(2026, 11, 2), notices);
    BOOST_REQUIRE(chosen.ok());
    BOOST_TEST((*chosen)->id == "VN-2016");
    BOOST_REQUIRE(notices.size() == 1u);
    BOOST_TEST(notices[0].id == "RULESET-DATE");
    BOOST_TEST(notices[0].text.en.find("2026-10-01") != std::string::npos);
    BOOST_TEST(notices[0].text.en.find("2016-07-01") != std::string::npos);
    notices.clear();
    BOOST_REQUIRE(chooseRuleSet(shippedCatalogue(), {"VN-2016", day(2020, 1, 1)}, day(2026, 11, 2), notices).ok());
    BOOST_TEST(notices.empty());
}

BOOST_AUTO_TEST_CASE(unknown_rule_set_is_not_found)
{
    std::vector<Notice> notices;
    auto chosen = chooseRuleSet(shippedCatalogue(), {"VN-1999", std::nullopt}, day(2026, 11, 2), notices);
    BOOST_REQUIRE(!chosen.ok());
    BOOST_TEST(static_cast<int>(kindOf(chosen.errors())) == static_cast<int>(ErrorKind::NotFound));
    BOOST_TEST(chosen.errors()[0].message.en.find("VN-2026") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(proposal_below_derived_is_refused_higher_needs_a_reason)
{
    const Catalogue& catalogue = shippedCatalogue();
    const RuleSetChoice choice{"VN-2026", std::nullopt};
    auto derived = judge(catalogue, exampleSystem(), choice, {}, day(2026, 11, 2));
    BOOST_REQUIRE(derived.ok());
    const int level = derived->assessment.derivedLevel;
    BOOST_REQUIRE(level >= 2);
    auto lower = judge(catalogue, exampleSystem(), choice, {level - 1, "cheaper"}, day(2026, 11, 2));
    BOOST_REQUIRE(!lower.ok());
    BOOST_TEST(static_cast<int>(kindOf(lower.errors())) == static_cast<int>(ErrorKind::Refused));
    auto higherWithout = judge(catalogue, exampleSystem(), choice, {level + 1, "  "}, day(2026, 11, 2));
    BOOST_REQUIRE(!higherWithout.ok());
    BOOST_TEST(static_cast<int>(kindOf(higherWithout.errors())) == static_cast<int>(ErrorKind::Refused));
    auto higher = judge(catalogue, exampleSystem(), choice, {level + 1, "Dữ liệu nhạy cảm"}, day(2026, 11, 2));
    BOOST_REQUIRE(higher.ok());
    BOOST_TEST(higher->assessment.proposedLevel == level + 1);
    BOOST_TEST(higher->assessment.derivedLevel == level);
}

BOOST_AUTO_TEST_CASE(invalid_answers_are_invalid_input)
{
    SystemDescription system = exampleSystem();
    system.answers.values["system_type"] = Value{std::string("spaceship")};
    auto judged = judge(shippedCatalogue(), system, {"VN-2026", std::nullopt}, {}, day(2026, 11, 2));
    BOOST_REQUIRE(!judged.ok());
    BOOST_TEST(static_cast<int>(kindOf(judged.errors())) == static_cast<int>(ErrorKind::InvalidInput));
}

BOOST_AUTO_TEST_CASE(reassess_names_both_rule_sets)
{
    auto outcome = reassess(shippedCatalogue(), exampleSystem(), {"VN-2022", std::nullopt}, {"VN-2026", std::nullopt},
                            day(2026, 11, 2));
    BOOST_REQUIRE(outcome.ok());
    BOOST_TEST(outcome->from->id == "VN-2022");
    BOOST_TEST(outcome->to->id == "VN-2026");
    BOOST_TEST(!outcome->diff.citationChanges.empty());
}

BOOST_AUTO_TEST_CASE(today_is_read_in_vietnam)
{
    using namespace std::chrono;
    const TimePoint lateUtc = sys_days{year{2026} / 11 / 1} + hours{18}; // 01:00 on 2 November in Hà Nội
    BOOST_TEST(formatIsoDate(todayInVietnam(lateUtc)) == "2026-11-02");
}
