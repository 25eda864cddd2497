#define BOOST_TEST_MODULE assessment
#include <boost/test/unit_test.hpp>

#include "core/Assessment.h"
#include "rules/Expression.h"

#include <optional>
#include <set>

using namespace seclevel;

namespace {

// A small rule set written in code, so that the engine is tested apart from the shipped data.
RuleSet makeRuleSet()
{
    RuleSet rs;
    rs.id = "TEST";
    rs.version = "0.1";
    auto add = [&](std::string key, AnswerType type, std::vector<std::string> options = {}) {
        Question q;
        q.key = std::move(key);
        q.type = type;
        q.text = {"câu hỏi " + q.key, "question " + q.key};
        for (auto& o : options)
            q.options.push_back(Option{o, {}});
        rs.questions.push_back(q);
        return rs.questions.size() - 1;
    };
    const size_t type = add("system_type", AnswerType::Choice, {"internal", "citizen_service"});
    add("info_classes", AnswerType::MultiChoice, {"public", "personal", "state_secret"});
    const size_t users = add("users", AnswerType::Integer);
    add("since", AnswerType::Date);
    add("note", AnswerType::Text);
    rs.questions[type].required = true;
    rs.questions[users].min = 0;
    auto lookup = [&rs](const std::string& key) { return rs.question(key); };
    auto cond = [&](const std::string& text) {
        auto c = parseCondition(text, lookup, "test", 1, "");
        if (!c)
            throw std::runtime_error(c.errors().front().describe(Lang::En));
        return *c;
    };
    rs.questions[users].showIf = cond("system_type == 'citizen_service'");
    rs.questions[users].requiredIf = cond("system_type == 'citizen_service'");
    rs.criteria.push_back({"7",
                           1,
                           "X Art 7",
                           {"nội bộ, công khai", "internal, public"},
                           cond("system_type == 'internal' and info_classes subset_of ['public']"),
                           CriterionKind::Criterion,
                           1});
    rs.criteria.push_back({"8.1",
                           2,
                           "X Art 8.1",
                           {},
                           cond("system_type == 'internal' and info_classes contains 'personal'"),
                           CriterionKind::Criterion,
                           2});
    rs.criteria.push_back({"8.2",
                           2,
                           "X Art 8.2",
                           {},
                           cond("system_type == 'citizen_service' and users < 10000"),
                           CriterionKind::Criterion,
                           3});
    rs.criteria.push_back({"9.2",
                           3,
                           "X Art 9.2",
                           {},
                           cond("system_type == 'citizen_service' and users >= 10000"),
                           CriterionKind::Criterion,
                           4});
    rs.criteria.push_back(
        {"floor.secret", 3, "X Art 9.1", {}, cond("info_classes contains 'state_secret'"), CriterionKind::Floor, 5});
    rs.warnings.push_back({"W1", "X Art 8.2", {"đếm người dùng", "user counting"}, cond("answered(users)"), 6});
    return rs;
}

const RuleSet& rules()
{
    static const RuleSet rs = makeRuleSet();
    return rs;
}

SystemDescription system(std::initializer_list<std::pair<const std::string, Value>> answers)
{
    SystemDescription s;
    s.id = "S-1";
    s.name = "Hệ thống thử";
    s.sourceFile = "answers.json";
    s.answers.values = answers;
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(derives_the_highest_level_that_fires_with_its_answers)
{
    auto s = system({{"system_type", std::string("citizen_service")},
                     {"users", std::int64_t{25000}},
                     {"info_classes", std::vector<std::string>{"personal"}}});
    const Assessment a = deriveLevel(rules(), s);
    BOOST_TEST(a.rulesetId == "TEST");
    BOOST_TEST(a.derivedLevel == 3);
    BOOST_TEST(a.proposedLevel == 3);
    BOOST_REQUIRE_EQUAL(a.components.size(), 1u);
    BOOST_REQUIRE_EQUAL(a.components[0].fired.size(), 1u);
    BOOST_TEST(a.components[0].fired[0].citation == "X Art 9.2");
    BOOST_REQUIRE_EQUAL(a.components[0].fired[0].answers.size(), 2u);
    BOOST_TEST(a.components[0].fired[0].answers[1].first == "users");
    BOOST_TEST(std::get<std::int64_t>(a.components[0].fired[0].answers[1].second) == 25000);
    BOOST_REQUIRE_EQUAL(a.warnings.size(), 1u);
    BOOST_TEST(a.warnings[0].id == "W1");
}

BOOST_AUTO_TEST_CASE(nearest_criterion_explains_the_threshold)
{
    auto s = system({{"system_type", std::string("citizen_service")}, {"users", std::int64_t{3200}}});
    const Assessment a = deriveLevel(rules(), s);
    BOOST_TEST(a.derivedLevel == 2);
    BOOST_REQUIRE(!a.components[0].nearest.empty());
    const MissedCriterion& m = a.components[0].nearest[0];
    BOOST_TEST(m.citation == "X Art 9.2");
    BOOST_REQUIRE_EQUAL(m.shortfalls.size(), 1u);
    BOOST_TEST(explainShortfall(m.shortfalls[0], rules(), Lang::En) ==
               "question users (users): needs ≥ 10000; answered 3200");
    BOOST_TEST(explainShortfall(m.shortfalls[0], rules(), Lang::Vi) ==
               "câu hỏi users (users): cần ≥ 10000; đã trả lời 3200");
}

BOOST_AUTO_TEST_CASE(floor_raises_and_is_marked)
{
    auto s = system({{"system_type", std::string("internal")},
                     {"info_classes", std::vector<std::string>{"public", "state_secret"}}});
    const Assessment a = deriveLevel(rules(), s);
    BOOST_TEST(a.derivedLevel == 3);
    BOOST_TEST((a.components[0].fired[0].kind == CriterionKind::Floor));
}

BOOST_AUTO_TEST_CASE(components_inherit_and_the_highest_wins)
{
    auto s = system({{"system_type", std::string("internal")}, {"info_classes", std::vector<std::string>{"public"}}});
    s.components.push_back({"Cổng", {}});
    s.components.back().answers.values = {{"system_type", std::string("citizen_service")},
                                          {"users", std::int64_t{50000}}};
    s.components.push_back({"Nội bộ", {}});
    const Assessment a = deriveLevel(rules(), s);
    BOOST_REQUIRE_EQUAL(a.components.size(), 2u);
    BOOST_TEST(a.components[0].level == 3);
    BOOST_TEST(a.components[1].level == 1);
    BOOST_TEST(a.derivedLevel == 3);
    BOOST_REQUIRE_EQUAL(a.warnings.size(), 1u);
    BOOST_TEST(a.warnings[0].component == "Cổng");
}

BOOST_AUTO_TEST_CASE(no_criterion_gives_level_zero)
{
    auto s = system({{"system_type", std::string("internal")}});
    BOOST_TEST(deriveLevel(rules(), s).derivedLevel == 0);
}

BOOST_AUTO_TEST_CASE(proposal_lower_is_refused_with_the_criterion_higher_needs_justification)
{
    auto s = system({{"system_type", std::string("citizen_service")}, {"users", std::int64_t{25000}}});
    const Assessment a = deriveLevel(rules(), s);
    auto lower = proposeLevel(a, 2, "tiết kiệm chi phí");
    BOOST_REQUIRE(!lower.ok());
    BOOST_TEST(lower.errors().front().message.en.find("X Art 9.2") != std::string::npos);
    BOOST_TEST(!proposeLevel(a, 4, "  ").ok());
    auto higher = proposeLevel(a, 4, "Hệ thống kết nối với cơ sở dữ liệu quốc gia");
    BOOST_REQUIRE(higher.ok());
    BOOST_TEST(higher->derivedLevel == 3);
    BOOST_TEST(higher->proposedLevel == 4);
    BOOST_TEST(!proposeLevel(a, 6, "x").ok());
    auto same = proposeLevel(a, 3, "");
    BOOST_REQUIRE(same.ok());
    BOOST_TEST(same->justification.empty());
}

BOOST_AUTO_TEST_CASE(validation_names_file_line_and_key)
{
    auto s = system(
        {{"system_type", std::string("spaceship")}, {"colour", std::string("red")}, {"users", std::int64_t{-1}}});
    s.answers.lines = {{"system_type", 3}, {"colour", 4}, {"users", 5}};
    auto r = validateAnswers(rules(), s);
    BOOST_REQUIRE(!r.ok());
    BOOST_REQUIRE_EQUAL(r.errors().size(), 3u);
    std::map<std::string, int> lineOfField;
    for (const auto& e : r.errors()) {
        BOOST_TEST(e.file == "answers.json");
        lineOfField[e.field] = e.line;
    }
    BOOST_TEST(lineOfField["system_type"] == 3);
    BOOST_TEST(lineOfField["colour"] == 4);
    BOOST_TEST(lineOfField["users"] == 5);
}

BOOST_AUTO_TEST_CASE(validation_types_dates_and_required_if)
{
    auto wrongType =
        validateAnswers(rules(), system({{"system_type", std::string("internal")}, {"users", std::string("many")}}));
    BOOST_REQUIRE(!wrongType.ok());
    BOOST_TEST(wrongType.errors().front().field == "users");

    auto missing = validateAnswers(rules(), system({{"system_type", std::string("citizen_service")}}));
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST(missing.errors().front().field == "users");
    BOOST_TEST(validateAnswers(rules(), system({{"system_type", std::string("internal")}})).ok());
    BOOST_TEST(!validateAnswers(rules(), system({})).ok());

    auto dated = validateAnswers(
        rules(), system({{"system_type", std::string("internal")}, {"since", std::string("2026-08-19")}}));
    BOOST_REQUIRE(dated.ok());
    BOOST_TEST(std::holds_alternative<Date>(dated->answers.get("since")));
    BOOST_TEST(!validateAnswers(
                    rules(), system({{"system_type", std::string("internal")}, {"since", std::string("2026-02-30")}}))
                    .ok());
    BOOST_TEST(!validateAnswers(rules(), system({{"system_type", std::string("internal")},
                                                 {"info_classes", std::vector<std::string>{"public", "public"}}}))
                    .ok());
}

BOOST_AUTO_TEST_CASE(reassessment_lists_changed_citations)
{
    auto s = system({{"system_type", std::string("citizen_service")}, {"users", std::int64_t{25000}}});
    Assessment before = deriveLevel(rules(), s);
    auto s2 = system({{"system_type", std::string("citizen_service")}, {"users", std::int64_t{5}}});
    Assessment after = deriveLevel(rules(), s2);
    const Reassessment d = compareAssessments(before, after);
    BOOST_REQUIRE_EQUAL(d.citationChanges.size(), 2u);
    BOOST_TEST(d.citationChanges[0].citation == "X Art 9.2");
    BOOST_TEST(!d.citationChanges[0].added);
    BOOST_TEST(d.citationChanges[1].citation == "X Art 8.2");
    BOOST_TEST(d.citationChanges[1].added);
    BOOST_TEST(d.componentLevels[0].second.first == 3);
    BOOST_TEST(d.componentLevels[0].second.second == 2);
}

BOOST_AUTO_TEST_CASE(rule_set_in_force_by_date)
{
    std::vector<RuleSet> sets(3);
    sets[0].id = "A";
    sets[0].validFrom = parseIsoDate("2016-07-01");
    sets[0].validTo = parseIsoDate("2022-09-30");
    sets[1].id = "B";
    sets[1].validFrom = parseIsoDate("2022-10-01");
    sets[1].validTo = parseIsoDate("2026-08-18");
    sets[2].id = "C";
    sets[2].validFrom = parseIsoDate("2026-08-19");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2022-09-30"))->id == "A");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2022-10-01"))->id == "B");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2026-08-18"))->id == "B");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2026-08-19"))->id == "C");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2030-01-01"))->id == "C");
    BOOST_TEST(ruleSetInForce(sets, *parseIsoDate("2016-06-30")) == nullptr);
}

// ---- issue 10: fallback rows, decided-by warnings, counts over the whole system, refusals, empty answers ----
namespace {

RuleSet makeReviewRuleSet(Question::CountScope scope)
{
    RuleSet rs;
    rs.id = "REVIEW";
    rs.version = "1.1.0";
    auto add = [&](std::string key, AnswerType type, std::vector<std::string> options = {}) {
        Question q;
        q.key = std::move(key);
        q.type = type;
        q.text = {"câu hỏi " + q.key, "question " + q.key};
        for (auto& o : options)
            q.options.push_back(Option{o, {}});
        rs.questions.push_back(q);
        return rs.questions.size() - 1;
    };
    const size_t type = add("system_type", AnswerType::Choice, {"internal", "citizen_service", "other"});
    const size_t classes = add("info_classes", AnswerType::MultiChoice, {"public", "personal"});
    const size_t users = add("users", AnswerType::Integer);
    add("handles_procedures", AnswerType::Boolean);
    add("pm_level", AnswerType::Integer);
    add("note", AnswerType::Text);
    rs.questions[type].required = true;
    rs.questions[classes].required = true;
    rs.questions[users].countScope = scope;
    indexQuestions(rs);
    auto lookup = [&rs](const std::string& key) { return rs.question(key); };
    auto cond = [&](const std::string& text) {
        auto c = parseCondition(text, lookup, "test", 1, "", true);
        if (!c)
            throw std::runtime_error(c.errors().front().describe(Lang::En));
        return *c;
    };
    auto criterion = [&](std::string id, int level, std::string when, bool fallback = false) {
        Criterion c{id, level, "X Art " + id, {}, cond(when), CriterionKind::Criterion, 0};
        c.fallback = fallback;
        rs.criteria.push_back(c);
    };
    criterion("8.2", 2, "system_type == 'citizen_service' and users < 10000");                         // 0
    criterion("9.2", 3, "system_type == 'citizen_service' and users >= 10000");                        // 1
    criterion("9.5", 3, "pm_level == 3");                                                              // 2
    criterion("7.fallback", 1, "system_type == 'other' and info_classes subset_of ['public']", true);  // 3
    criterion("8.1.fallback", 2, "system_type == 'other' and info_classes contains 'personal'", true); // 4
    rs.criteria.push_back(
        {"floor.citizen", 2, "X Art 8", {}, cond("system_type == 'citizen_service'"), CriterionKind::Floor, 0}); // 5
    WarningRule fallbackUsed{
        "A9", "X Art 6", {"dòng: {decisive}", "rows: {decisive}"}, cond("system_type == 'other'"), 0};
    fallbackUsed.namesDecisive = true;
    rs.warnings.push_back(fallbackUsed);
    WarningRule basis{"BASIS", "X Art 8", {"{decisive}", "{decisive}"}, cond("system_type == 'citizen_service'"), 0};
    basis.namesDecisive = true;
    rs.warnings.push_back(basis);
    WarningRule count{"W-COUNT", "X Art 9.2", {"đếm", "count"}, nullptr, 0};
    count.decidedBy = {0, 1};
    rs.warnings.push_back(count);
    rs.warnings.push_back({"SUM", "X Art 8.3", {"tổng", "sum"}, cond("summed(users)"), 0});
    rs.warnings.push_back({"SPLIT",
                           "X Art 5.2",
                           {"chia", "split"},
                           cond("system_total(users) >= 10000 and component_max(users) < 10000"),
                           0});
    rs.refusals.push_back({"R-PROC",
                           "X Art 6.2",
                           "handles_procedures",
                           {"phải là dịch vụ công", "must be citizen-facing"},
                           cond("handles_procedures and system_type != 'citizen_service'"),
                           0});
    return rs;
}

const RuleSet& reviewRules(Question::CountScope scope)
{
    static const RuleSet perComponent = makeReviewRuleSet(Question::CountScope::Component);
    static const RuleSet wholeSystem = makeReviewRuleSet(Question::CountScope::System);
    return scope == Question::CountScope::System ? wholeSystem : perComponent;
}

std::set<std::string> warningIds(const Assessment& a)
{
    std::set<std::string> ids;
    for (const auto& w : a.warnings)
        ids.insert(w.id);
    return ids;
}

SystemDescription split(std::int64_t each, std::optional<std::int64_t> whole)
{
    auto s = system(
        {{"system_type", std::string("citizen_service")}, {"info_classes", std::vector<std::string>{"personal"}}});
    if (whole)
        s.answers.values["users"] = *whole;
    s.components.push_back({"A", {}});
    s.components.push_back({"B", {}});
    for (auto& c : s.components)
        c.answers.values["users"] = each;
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(fallback_rows_apply_only_where_no_criterion_fires_and_the_warning_names_them)
{
    const RuleSet& rs = reviewRules(Question::CountScope::System);
    auto other =
        system({{"system_type", std::string("other")}, {"info_classes", std::vector<std::string>{"personal"}}});
    Assessment a = deriveLevel(rs, other);
    BOOST_TEST(a.derivedLevel == 2);
    BOOST_REQUIRE(a.components[0].fired.size() == 1u);
    BOOST_TEST(a.components[0].fired[0].id == "8.1.fallback");
    BOOST_REQUIRE(a.warnings.size() == 1u);
    BOOST_TEST(a.warnings[0].text.en == "rows: X Art 8.1.fallback");

    // A criterion of the rule set fires: the fallback rows are not applied, the warning names the criterion.
    other.answers.values["pm_level"] = std::int64_t{3};
    a = deriveLevel(rs, other);
    BOOST_TEST(a.derivedLevel == 3);
    BOOST_REQUIRE(a.components[0].fired.size() == 1u);
    BOOST_TEST(a.components[0].fired[0].id == "9.5");
    BOOST_TEST(a.warnings[0].text.vi == "dòng: X Art 9.5");
}

BOOST_AUTO_TEST_CASE(decided_by_warning_is_raised_only_where_its_criteria_decide_the_level)
{
    const RuleSet& rs = reviewRules(Question::CountScope::Component);
    auto citizen = [](std::int64_t users, std::int64_t pm) {
        return system({{"system_type", std::string("citizen_service")},
                       {"info_classes", std::vector<std::string>{"personal"}},
                       {"users", users},
                       {"pm_level", pm}});
    };
    BOOST_TEST(warningIds(deriveLevel(rs, citizen(20000, 0))).count("W-COUNT") == 1u); // 9.2 alone gives 3
    BOOST_TEST(warningIds(deriveLevel(rs, citizen(20000, 3))).count("W-COUNT") == 0u); // 9.5 gives 3 anyway
    BOOST_TEST(warningIds(deriveLevel(rs, citizen(500, 0))).count("W-COUNT") == 0u);   // the floor gives 2 anyway
    // {decisive} lists every citation that sets the level once, "X Art 8" not taken for part of "X Art 8.2".
    auto basisText = [&](const Assessment& a, Lang lang) {
        for (const auto& w : a.warnings)
            if (w.id == "BASIS")
                return w.text.in(lang);
        return std::string("(not raised)");
    };
    BOOST_TEST(basisText(deriveLevel(rs, citizen(500, 0)), Lang::En) == "X Art 8.2, X Art 8");
    BOOST_TEST(basisText(deriveLevel(rs, citizen(20000, 3)), Lang::Vi) == "X Art 9.2, X Art 9.5");
}

BOOST_AUTO_TEST_CASE(counts_judged_on_the_whole_system_cannot_be_lowered_by_splitting)
{
    const RuleSet& whole = reviewRules(Question::CountScope::System);
    // Only component counts: their sum is judged, and the SUM warning says so.
    Assessment a = deriveLevel(whole, split(6000, std::nullopt));
    BOOST_TEST(a.derivedLevel == 3);
    BOOST_TEST(a.components[0].level == 3);
    BOOST_TEST(warningIds(a).count("SUM") == 1u);
    // The trace shows the count the component was judged on.
    bool shown = false;
    for (const auto& fired : a.components[1].fired)
        for (const auto& [key, value] : fired.answers)
            shown = shown || (key == "users" && value == Value(std::int64_t{12000}));
    BOOST_TEST(shown);
    // The system's own count of distinct subjects is judged, whatever the components declare.
    a = deriveLevel(whole, split(6000, 9000));
    BOOST_TEST(a.derivedLevel == 2);
    BOOST_TEST(warningIds(a).count("SUM") == 0u);

    // Judged per component: each stays below the threshold, the SPLIT warning shows the whole system crosses it.
    const RuleSet& parts = reviewRules(Question::CountScope::Component);
    a = deriveLevel(parts, split(6000, std::nullopt));
    BOOST_TEST(a.derivedLevel == 2);
    BOOST_TEST(warningIds(a).count("SPLIT") == 1u);
    BOOST_TEST(warningIds(deriveLevel(parts, split(6000, 11000))).count("SPLIT") == 1u);
    BOOST_TEST(warningIds(deriveLevel(parts, split(6000, 9000))).count("SPLIT") == 0u);
    BOOST_TEST(warningIds(deriveLevel(parts, split(12000, std::nullopt))).count("SPLIT") == 0u);
    // A single system: its count is the largest one judged, no split.
    auto single = system({{"system_type", std::string("citizen_service")},
                          {"info_classes", std::vector<std::string>{"personal"}},
                          {"users", std::int64_t{12000}}});
    BOOST_TEST(warningIds(deriveLevel(parts, single)).count("SPLIT") == 0u);
}

BOOST_AUTO_TEST_CASE(component_count_above_the_system_count_is_refused)
{
    auto s = split(6000, 5000);
    s.components[1].answers.lines["users"] = 17;
    auto r = validateAnswers(reviewRules(Question::CountScope::System), s);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.errors().size() == 2u);
    BOOST_TEST(r.errors()[1].field == "B/users");
    BOOST_TEST(r.errors()[1].line == 17);
    BOOST_TEST(validateAnswers(reviewRules(Question::CountScope::Component), split(6000, 12000)).ok());
}

BOOST_AUTO_TEST_CASE(refusal_applies_where_the_answer_is_given_not_where_it_is_inherited)
{
    const RuleSet& rs = reviewRules(Question::CountScope::Component);
    auto internal = system({{"system_type", std::string("internal")},
                            {"info_classes", std::vector<std::string>{"public"}},
                            {"handles_procedures", true}});
    internal.answers.lines["handles_procedures"] = 4;
    auto r = validateAnswers(rs, internal);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.errors()[0].field == "handles_procedures");
    BOOST_TEST(r.errors()[0].line == 4);
    BOOST_TEST(r.errors()[0].message.en == "must be citizen-facing (X Art 6.2)");

    // A back-office component of a citizen-facing system inherits the answer: accepted.
    auto portal = system({{"system_type", std::string("citizen_service")},
                          {"info_classes", std::vector<std::string>{"public"}},
                          {"handles_procedures", true},
                          {"users", std::int64_t{10}}});
    portal.components.push_back({"Portal", {}});
    portal.components.push_back({"Back office", {}});
    portal.components[1].answers.values["system_type"] = std::string("internal");
    BOOST_TEST(validateAnswers(rs, portal).ok());
    // The same component declaring it itself: refused, naming the component.
    portal.components[1].answers.values["handles_procedures"] = true;
    r = validateAnswers(rs, portal);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.errors()[0].field == "Back office/handles_procedures");
}

BOOST_AUTO_TEST_CASE(empty_required_selection_and_blank_text_are_refused)
{
    const RuleSet& rs = reviewRules(Question::CountScope::Component);
    auto empty = system({{"system_type", std::string("internal")}, {"info_classes", std::vector<std::string>{}}});
    empty.answers.lines["info_classes"] = 9;
    auto r = validateAnswers(rs, empty);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.errors()[0].field == "info_classes");
    BOOST_TEST(r.errors()[0].line == 9);
    auto blank = system({{"system_type", std::string("internal")},
                         {"info_classes", std::vector<std::string>{"public"}},
                         {"note", std::string(" \t")}});
    r = validateAnswers(rs, blank);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.errors()[0].field == "note");
}
