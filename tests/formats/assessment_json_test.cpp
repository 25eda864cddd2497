#define BOOST_TEST_MODULE assessment_json
#include "formats/json/AssessmentJson.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace seclevel;
using json::Node;

namespace {

using Strings = std::vector<std::string>;

RuleSet makeRuleSet()
{
    RuleSet rs;
    rs.id = "VN-2022";
    rs.version = "1.0.0";
    rs.title = {"Nghị định 85/2016 và Thông tư 12/2022", "Decree 85/2016 and Circular 12/2022"};
    Question q;
    q.key = "personal_data_subjects";
    q.type = AnswerType::Integer;
    q.text = {"Số chủ thể dữ liệu cá nhân", "Number of personal data subjects"};
    rs.questions.push_back(q);
    return rs;
}

FiredCriterion fired(std::string id, int level, std::string citation, CriterionKind kind,
                     std::vector<std::pair<std::string, Value>> answers)
{
    FiredCriterion f;
    f.id = std::move(id);
    f.level = level;
    f.citation = std::move(citation);
    f.text = {"Tiêu chí " + f.id, "Criterion " + f.id};
    f.kind = kind;
    f.answers = std::move(answers);
    return f;
}

Assessment makeAssessment()
{
    Assessment a;
    a.rulesetId = "VN-2022";
    a.rulesetVersion = "1.0.0";
    a.derivedLevel = 3;
    a.proposedLevel = 4;
    a.justification = "Hệ thống dùng chung \"liên thông\"";

    ComponentResult portal;
    portal.name = "Cổng";
    portal.level = 3;
    portal.fired.push_back(fired("L3.citizens", 3, "NĐ85 Art 9.1.a", CriterionKind::Criterion,
                                 {{"serves_citizens", true},
                                  {"personal_data_subjects", std::int64_t{12000}},
                                  {"personal_data_subjects", std::int64_t{12000}}})); // read twice: written once
    portal.fired.push_back(
        fired("F.secret", 2, "NĐ85 Art 10", CriterionKind::Floor,
              {{"data_kinds", Strings{"personal", "state_secret"}},
               {"commissioned_on", Date{std::chrono::year{2024}, std::chrono::month{2}, std::chrono::day{29}}},
               {"hosting", std::string("cloud")},
               {"unknown", std::monostate{}}}));
    MissedCriterion missed;
    missed.id = "L4.subjects";
    missed.level = 4;
    missed.citation = "NĐ85 Art 10.1.b";
    missed.text = {"Xử lý dữ liệu của từ 100.000 chủ thể", "Processes data of 100,000 subjects or more"};
    missed.shortfalls.push_back(Shortfall{"personal_data_subjects", "≥ 100000", "12000", false});
    missed.shortfalls.push_back(Shortfall{"national_db", "= true", "—", false});
    portal.nearest.push_back(missed);
    a.components.push_back(portal);

    ComponentResult db;
    db.name = "CSDL";
    db.level = 1;
    db.fired.push_back(fired("L1.base", 1, "NĐ85 Art 7", CriterionKind::Criterion, {}));
    a.components.push_back(db);

    a.warnings.push_back(
        RaisedWarning{"A8", "NĐ85 Art 5.2", {"Ranh giới thành phần chưa rõ", "Component boundary unclear"}, "CSDL"});
    a.warnings.push_back(RaisedWarning{"A1", "TT12 Art 3", {"Giả định", "Assumption"}, ""});
    return a;
}

Node parseDocument(const std::string& text)
{
    Result<Node> result = json::parse(text, "assessment.json");
    if (!result)
        BOOST_TEST_MESSAGE(result.errors()[0].describe(Lang::En));
    BOOST_REQUIRE(result.ok());
    BOOST_REQUIRE(result->isObject());
    return *result;
}

const Node& member(const Node& object, const std::string& key)
{
    const Node* node = object.find(key);
    BOOST_REQUIRE_MESSAGE(node, "missing member " << key);
    return *node;
}

Strings keysOf(const Node& object)
{
    Strings keys;
    for (const auto& member : object.members)
        keys.push_back(member.key);
    return keys;
}

} // namespace

BOOST_AUTO_TEST_CASE(top_level_fields_in_english)
{
    const Node doc = parseDocument(assessmentToJson(makeAssessment(), makeRuleSet(), Lang::En));
    BOOST_TEST((keysOf(doc) == Strings{"ruleset", "ruleset_version", "ruleset_title", "level", "derived_level",
                                       "proposed_level", "justification", "components", "basis", "warnings"}));
    BOOST_TEST(member(doc, "ruleset").text == "VN-2022");
    BOOST_TEST(member(doc, "ruleset_version").text == "1.0.0");
    BOOST_TEST(member(doc, "ruleset_title").text == "Decree 85/2016 and Circular 12/2022");
    BOOST_TEST(member(doc, "level").integer == 4);
    BOOST_TEST(member(doc, "level").isInteger);
    BOOST_TEST(member(doc, "derived_level").integer == 3);
    BOOST_TEST(member(doc, "proposed_level").integer == 4);
    BOOST_TEST(member(doc, "justification").text == "Hệ thống dùng chung \"liên thông\"");
}

BOOST_AUTO_TEST_CASE(components_with_basis_and_nearest)
{
    const Node doc = parseDocument(assessmentToJson(makeAssessment(), makeRuleSet(), Lang::En));
    const Node& components = member(doc, "components");
    BOOST_REQUIRE_EQUAL(components.items.size(), 2u);
    const Node& portal = components.items[0];
    BOOST_TEST((keysOf(portal) == Strings{"name", "level", "basis", "nearest"}));
    BOOST_TEST(member(portal, "name").text == "Cổng");
    BOOST_TEST(member(portal, "level").integer == 3);

    const Node& basis = member(portal, "basis");
    BOOST_REQUIRE_EQUAL(basis.items.size(), 2u);
    const Node& first = basis.items[0];
    BOOST_TEST((keysOf(first) == Strings{"id", "citation", "level", "kind", "text", "answers"}));
    BOOST_TEST(member(first, "id").text == "L3.citizens");
    BOOST_TEST(member(first, "citation").text == "NĐ85 Art 9.1.a");
    BOOST_TEST(member(first, "level").integer == 3);
    BOOST_TEST(member(first, "kind").text == "criterion");
    BOOST_TEST(member(first, "text").text == "Criterion L3.citizens");
    const Node& answers = member(first, "answers");
    BOOST_TEST((keysOf(answers) == Strings{"serves_citizens", "personal_data_subjects"}));
    BOOST_TEST(member(answers, "serves_citizens").isBoolean());
    BOOST_TEST(member(answers, "serves_citizens").boolean == true);
    BOOST_TEST(member(answers, "personal_data_subjects").integer == 12000);

    const Node& floor = basis.items[1];
    BOOST_TEST(member(floor, "kind").text == "floor");
    const Node& floorAnswers = member(floor, "answers");
    BOOST_TEST((keysOf(floorAnswers) == Strings{"data_kinds", "commissioned_on", "hosting", "unknown"}));
    const Node& kinds = member(floorAnswers, "data_kinds");
    BOOST_REQUIRE_EQUAL(kinds.items.size(), 2u);
    BOOST_TEST(kinds.items[0].text == "personal");
    BOOST_TEST(kinds.items[1].text == "state_secret");
    BOOST_TEST(member(floorAnswers, "commissioned_on").text == "2024-02-29");
    BOOST_TEST(member(floorAnswers, "hosting").text == "cloud");
    BOOST_TEST(member(floorAnswers, "unknown").isNull());

    const Node& nearest = member(portal, "nearest");
    BOOST_REQUIRE_EQUAL(nearest.items.size(), 1u);
    const Node& missed = nearest.items[0];
    BOOST_TEST((keysOf(missed) == Strings{"id", "citation", "level", "text", "missing"}));
    BOOST_TEST(member(missed, "id").text == "L4.subjects");
    BOOST_TEST(member(missed, "citation").text == "NĐ85 Art 10.1.b");
    BOOST_TEST(member(missed, "level").integer == 4);
    BOOST_TEST(member(missed, "text").text == "Processes data of 100,000 subjects or more");
    const Node& missing = member(missed, "missing");
    BOOST_REQUIRE_EQUAL(missing.items.size(), 2u);
    BOOST_TEST(missing.items[0].text ==
               "Number of personal data subjects (personal_data_subjects): needs ≥ 100000; answered 12000");
    BOOST_TEST(missing.items[1].text == "national_db: needs = true; not answered");

    const Node& db = components.items[1];
    BOOST_TEST(member(db, "name").text == "CSDL");
    BOOST_TEST(member(db, "level").integer == 1);
    BOOST_TEST(member(db, "nearest").items.empty());
    BOOST_TEST(member(member(db, "basis").items[0], "answers").members.empty());
}

BOOST_AUTO_TEST_CASE(flattened_basis_and_warnings)
{
    const Node doc = parseDocument(assessmentToJson(makeAssessment(), makeRuleSet(), Lang::En));
    const Node& basis = member(doc, "basis");
    BOOST_REQUIRE_EQUAL(basis.items.size(), 3u);
    BOOST_TEST((keysOf(basis.items[0]) == Strings{"component", "id", "citation", "level", "kind", "text", "answers"}));
    BOOST_TEST(member(basis.items[0], "component").text == "Cổng");
    BOOST_TEST(member(basis.items[0], "id").text == "L3.citizens");
    BOOST_TEST(member(member(basis.items[0], "answers"), "personal_data_subjects").integer == 12000);
    BOOST_TEST(member(basis.items[1], "component").text == "Cổng");
    BOOST_TEST(member(basis.items[1], "id").text == "F.secret");
    BOOST_TEST(member(basis.items[1], "kind").text == "floor");
    BOOST_TEST(member(basis.items[2], "component").text == "CSDL");
    BOOST_TEST(member(basis.items[2], "id").text == "L1.base");
    BOOST_TEST(member(basis.items[2], "citation").text == "NĐ85 Art 7");

    const Node& warnings = member(doc, "warnings");
    BOOST_REQUIRE_EQUAL(warnings.items.size(), 2u);
    BOOST_TEST((keysOf(warnings.items[0]) == Strings{"id", "citation", "text", "component"}));
    BOOST_TEST(member(warnings.items[0], "id").text == "A8");
    BOOST_TEST(member(warnings.items[0], "citation").text == "NĐ85 Art 5.2");
    BOOST_TEST(member(warnings.items[0], "text").text == "Component boundary unclear");
    BOOST_TEST(member(warnings.items[0], "component").text == "CSDL");
    BOOST_TEST(member(warnings.items[1], "component").text == "");
}

BOOST_AUTO_TEST_CASE(vietnamese_text)
{
    const Node doc = parseDocument(assessmentToJson(makeAssessment(), makeRuleSet(), Lang::Vi));
    BOOST_TEST(member(doc, "ruleset_title").text == "Nghị định 85/2016 và Thông tư 12/2022");
    const Node& portal = member(doc, "components").items[0];
    BOOST_TEST(member(member(portal, "basis").items[0], "text").text == "Tiêu chí L3.citizens");
    const Node& missed = member(portal, "nearest").items[0];
    BOOST_TEST(member(missed, "text").text == "Xử lý dữ liệu của từ 100.000 chủ thể");
    BOOST_TEST(member(missed, "missing").items[0].text ==
               "Số chủ thể dữ liệu cá nhân (personal_data_subjects): cần ≥ 100000; đã trả lời 12000");
    BOOST_TEST(member(missed, "missing").items[1].text == "national_db: cần = true; chưa trả lời");
    BOOST_TEST(member(member(doc, "warnings").items[0], "text").text == "Ranh giới thành phần chưa rõ");
    // Output is stable: the same input gives the same bytes.
    BOOST_TEST(assessmentToJson(makeAssessment(), makeRuleSet(), Lang::Vi) ==
               assessmentToJson(makeAssessment(), makeRuleSet(), Lang::Vi));
}

BOOST_AUTO_TEST_CASE(empty_assessment)
{
    const Node doc = parseDocument(assessmentToJson(Assessment{}, RuleSet{}, Lang::En));
    BOOST_TEST(member(doc, "level").integer == 0);
    BOOST_TEST(member(doc, "ruleset").text == "");
    BOOST_TEST(member(doc, "components").items.empty());
    BOOST_TEST(member(doc, "basis").items.empty());
    BOOST_TEST(member(doc, "warnings").items.empty());
}

BOOST_AUTO_TEST_CASE(reassessment_document)
{
    Reassessment r;
    r.before = makeAssessment();
    r.after = makeAssessment();
    r.after.rulesetId = "VN-2026";
    r.after.rulesetVersion = "2.0.0";
    r.after.derivedLevel = 2;
    r.after.proposedLevel = 2;
    r.componentLevels = {{"Cổng", {3, 2}}, {"CSDL", {1, 1}}};
    r.citationChanges = {CitationChange{"Cổng", "NĐ85 Art 9.1.a", 3, false},
                         CitationChange{"Cổng", "NĐ331 Art 13.2", 2, true},
                         CitationChange{"CSDL", "NĐ85 Art 7", 1, false}};
    RuleSet after = makeRuleSet();
    after.id = "VN-2026";
    after.title = {"Nghị định 331/2025", "Decree 331/2025"};

    const Node doc = parseDocument(reassessmentToJson(r, makeRuleSet(), after, Lang::En));
    BOOST_TEST((keysOf(doc) ==
                Strings{"before", "after", "level_change", "components", "citations_added", "citations_removed"}));
    BOOST_TEST(member(member(doc, "before"), "ruleset").text == "VN-2022");
    BOOST_TEST(member(member(doc, "before"), "ruleset_title").text == "Decree 85/2016 and Circular 12/2022");
    BOOST_TEST(member(member(doc, "before"), "level").integer == 4);
    BOOST_TEST(member(member(doc, "after"), "ruleset").text == "VN-2026");
    BOOST_TEST(member(member(doc, "after"), "ruleset_version").text == "2.0.0");
    BOOST_TEST(member(member(doc, "after"), "ruleset_title").text == "Decree 331/2025");
    BOOST_TEST(member(member(doc, "after"), "level").integer == 2);
    BOOST_TEST(member(member(doc, "after"), "basis").items.size() == 3u);

    BOOST_TEST(member(member(doc, "level_change"), "from").integer == 4);
    BOOST_TEST(member(member(doc, "level_change"), "to").integer == 2);

    const Node& components = member(doc, "components");
    BOOST_REQUIRE_EQUAL(components.items.size(), 2u);
    BOOST_TEST((keysOf(components.items[0]) == Strings{"name", "from", "to"}));
    BOOST_TEST(member(components.items[0], "name").text == "Cổng");
    BOOST_TEST(member(components.items[0], "from").integer == 3);
    BOOST_TEST(member(components.items[0], "to").integer == 2);
    BOOST_TEST(member(components.items[1], "name").text == "CSDL");

    const Node& added = member(doc, "citations_added");
    BOOST_REQUIRE_EQUAL(added.items.size(), 1u);
    BOOST_TEST((keysOf(added.items[0]) == Strings{"component", "citation", "level"}));
    BOOST_TEST(member(added.items[0], "component").text == "Cổng");
    BOOST_TEST(member(added.items[0], "citation").text == "NĐ331 Art 13.2");
    BOOST_TEST(member(added.items[0], "level").integer == 2);
    const Node& removed = member(doc, "citations_removed");
    BOOST_REQUIRE_EQUAL(removed.items.size(), 2u);
    BOOST_TEST(member(removed.items[0], "citation").text == "NĐ85 Art 9.1.a");
    BOOST_TEST(member(removed.items[1], "component").text == "CSDL");
    BOOST_TEST(member(removed.items[1], "level").integer == 1);
}

BOOST_AUTO_TEST_CASE(hostile_text_stays_valid_json)
{
    Assessment a = makeAssessment();
    a.justification = "\"}], \"level\": 1, \"x\": [{\"";
    a.components[0].name = "'; DROP TABLE assessments; --\n\x01";
    a.warnings[0].text = {"\xFF invalid", "\xFF invalid"};
    const Node doc = parseDocument(assessmentToJson(a, makeRuleSet(), Lang::En));
    BOOST_TEST(member(doc, "level").integer == 4);
    BOOST_TEST(member(doc, "justification").text == a.justification);
    BOOST_TEST(member(member(doc, "components").items[0], "name").text == a.components[0].name);
    BOOST_TEST(member(member(doc, "warnings").items[0], "text").text == "\xEF\xBF\xBD invalid");
}
