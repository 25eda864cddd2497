// The canonical encoding the stores keep: every value type round-trips exactly, only canonical text is
// accepted back, whole assessments derived from the shipped rule sets round-trip member by member, and
// damaged or hostile input is refused with an error that names the member.
#define BOOST_TEST_MODULE stored_encoding
#include <boost/test/unit_test.hpp>

#include "codec/StoredEncoding.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "rules/RuleSetLoader.h"

#include <filesystem>
#include <limits>
#include <stdexcept>

using namespace seclevel;
using namespace seclevel::codec;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> list(std::initializer_list<const char*> items)
{
    return {items.begin(), items.end()};
}

Date date(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const std::vector<RuleSet>& ruleSets()
{
    static const std::vector<RuleSet> loaded = [] {
        const fs::path dir = SECLEVEL_SOURCE_DIR;
        auto result = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
        if (!result)
            throw std::runtime_error("shipped rule sets do not load: " + result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

// The shipped example judged by `rulesetId`, as the application would store it.
Assessment derivedExample(const std::string& rulesetId)
{
    auto system =
        readAnswersFile((fs::path(SECLEVEL_SOURCE_DIR) / "examples" / "cong-dich-vu-cong-tinh.json").string());
    BOOST_REQUIRE(system.ok());
    const RuleSet* ruleSet = ruleSetById(ruleSets(), rulesetId);
    BOOST_REQUIRE(ruleSet);
    auto valid = validateAnswers(*ruleSet, *system);
    BOOST_REQUIRE_MESSAGE(valid.ok(), (valid.ok() ? std::string() : valid.errors().front().describe(Lang::En)));
    return deriveLevel(*ruleSet, *valid);
}

// Every value alternative with awkward content.
std::vector<std::pair<std::string, Value>> everyValue()
{
    return {
        {"bool_true", true},
        {"bool_false", false},
        {"int_zero", std::int64_t{0}},
        {"int_negative", std::int64_t{-42}},
        {"int_max", std::numeric_limits<std::int64_t>::max()},
        {"int_min", std::numeric_limits<std::int64_t>::min()},
        {"text_empty", std::string()},
        {"text_vietnamese", std::string("Cổng Dịch vụ công quốc gia — dữ liệu cá nhân")},
        {"text_emoji", std::string("🔒 cấp độ 4 \u2028 \u00a0")},
        {"text_quotes", std::string("He said \"hi\" and 'bye' \\ back\\slash /")},
        {"text_controls", std::string("line 1\nline 2\r\n\tindented\x01\x1f\x7f\b\f")},
        {"text_injection", std::string("'); DROP TABLE systems;--")},
        {"text_looks_like_json", std::string("{\"type\":\"int\",\"value\":1}")},
        {"text_looks_like_date", std::string("2026-08-19")},
        {"list_empty", std::vector<std::string>{}},
        {"list_two", list({"public", "personal"})},
        {"list_hostile", list({"a,b", "\"quoted\"", "[]", "", "back\\slash", "xuống\ndòng", "\u0001"})},
        {"date", date(2026, 8, 19)},
        {"date_leap", date(2024, 2, 29)},
        {"date_first", date(0, 1, 1)},
        {"date_last", date(9999, 12, 31)},
    };
}

} // namespace

// ---- values -------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_value_type_round_trips_through_the_column_encoding)
{
    for (const auto& [name, value] : everyValue()) {
        auto encoded = encodeValue(value);
        BOOST_REQUIRE_MESSAGE(encoded.has_value(), name);
        auto decoded = decodeValue(encoded->type, encoded->text);
        BOOST_REQUIRE_MESSAGE(decoded.has_value(), name);
        BOOST_CHECK_MESSAGE(*decoded == value, name); // the same variant alternative, not just equal text
    }
    BOOST_TEST(encodeValue(Value{list({"public", "personal"})})->text == "[\"public\",\"personal\"]");
    BOOST_TEST(encodeValue(Value{date(2026, 8, 19)})->type == "date");
    BOOST_TEST(encodeValue(Value{std::string("2026-08-19")})->type == "string");
}

BOOST_AUTO_TEST_CASE(values_that_could_not_be_read_back_are_not_encoded)
{
    BOOST_TEST(!encodeValue(Value{}).has_value());
    BOOST_TEST(!encodeValue(Value{std::string("nul\0inside", 10)}).has_value());
    BOOST_TEST(!encodeValue(Value{std::string("bad \xC3\x28 utf-8")}).has_value());
    BOOST_TEST(!encodeValue(Value{list({"ok", "\xFF"})}).has_value());
    BOOST_TEST(!encodeValue(Value{date(2026, 2, 30)}).has_value());
    BOOST_TEST(!encodeValue(Value{date(10000, 1, 1)}).has_value());
    BOOST_TEST(!encodeValue(Value{date(-1, 1, 1)}).has_value());
}

BOOST_AUTO_TEST_CASE(the_value_decoder_accepts_only_canonical_text)
{
    BOOST_CHECK(decodeValue("bool", "true") == Value{true});
    BOOST_CHECK(decodeValue("int", "-9223372036854775808") == Value{std::numeric_limits<std::int64_t>::min()});
    BOOST_CHECK(decodeValue("list", "[]") == Value{std::vector<std::string>{}});
    BOOST_CHECK(decodeValue("list", R"(["a\"b","\u0001","é"])") == Value{list({"a\"b", "\x01", "é"})});
    BOOST_CHECK(decodeValue("string", "") == Value{std::string()});
    BOOST_CHECK(decodeValue("date", "2024-02-29") == Value{date(2024, 2, 29)});

    const std::pair<const char*, std::string> hostile[] = {
        {"bool", "TRUE"},
        {"bool", "1"},
        {"bool", ""},
        {"int", ""},
        {"int", "007"},
        {"int", "+1"},
        {"int", "-0"},
        {"int", "1e3"},
        {"int", " 1"},
        {"int", "9223372036854775808"},
        {"int", "0x10"},
        {"date", "2026-02-30"},
        {"date", "2026-2-3"},
        {"date", "20260219"},
        {"date", ""},
        {"list", ""},
        {"list", "["},
        {"list", "[\"a\""},
        {"list", "[\"a\",]"},
        {"list", "[ \"a\"]"},
        {"list", "[\"a\"]x"},
        {"list", "[\"\\u0000\"]"},
        {"list", "[\"\\ud800\"]"},
        {"list", "[\"\\udc00x\"]"},
        {"list", "[\"\\u00e9\"]"},
        {"list", "[\"\\/\"]"},
        {"list", "[\"\n\"]"},
        {"list", "[1]"},
        {"list", "[\"a\" ,\"b\"]"},
        {"list", "{}"},
        {"list", "[\"\\q\"]"},
        {"list", "[\"\\u12\"]"},
        {"list", "[[\"a\"]]"},
        {"list", "[null]"},
        {"list", std::string(300, '[') + std::string(300, ']')},
        {"string", std::string("a\0b", 3)},
        {"string", "\xC0\x80"},
        {"string", "\xED\xA0\x80"},
        {"string", "\xF4\x90\x80\x80"},
        {"string", "\xE1\x80"},
        {"string", "\xFF"},
        {"float", "1.5"},
        {"", ""},
    };
    for (const auto& [type, text] : hostile)
        BOOST_TEST(!decodeValue(type, text).has_value(), type << " '" << text << "' must be refused");

    // surrogate pairs decode to one code point, but the canonical form is the raw UTF-8
    BOOST_TEST(!decodeValue("list", R"(["\ud83d\udd12"])").has_value());
    BOOST_CHECK(decodeValue("list", "[\"🔒\"]") == Value{list({"🔒"})});
}

BOOST_AUTO_TEST_CASE(canonical_json_matches_the_documented_examples)
{
    BOOST_TEST(canonicalJson(Value{true}) == "true");
    BOOST_TEST(canonicalJson(Value{std::int64_t{12000}}) == "12000");
    BOOST_TEST(canonicalJson(Value{std::string("citizen_service")}) == "\"citizen_service\"");
    BOOST_TEST(canonicalJson(Value{list({"public", "personal"})}) == "[\"public\",\"personal\"]");
    BOOST_TEST(canonicalJson(Value{date(2026, 8, 19)}) == "\"2026-08-19\"");
    BOOST_TEST(canonicalJson(Value{}) == "");
    BOOST_TEST(canonicalJson(Value{std::string("\x01\t\"\\/é")}) == "\"\\u0001\\t\\\"\\\\/é\"");
}

// ---- answer sets --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_answer_set_round_trips_with_every_type_and_sorted_keys)
{
    AnswerSet answers;
    for (const auto& [key, value] : everyValue())
        answers.values.emplace(key, value);
    answers.values.emplace("not_answered", std::monostate{});
    answers.values.emplace("\"key with quote\"", std::string("x"));
    const std::string text = encodeAnswerSet(answers);
    auto back = decodeAnswerSet(text);
    BOOST_REQUIRE(back.ok());
    auto expected = answers.values;
    expected.erase("not_answered");
    BOOST_CHECK(back->values == expected);
    BOOST_TEST(encodeAnswerSet(*back) == text); // canonical: the same text again

    AnswerSet small;
    small.values = {{"b", std::int64_t{1}}, {"a", date(2026, 8, 19)}};
    BOOST_TEST(encodeAnswerSet(small) == R"({"a":{"type":"date","value":"2026-08-19"},"b":{"type":"int","value":1}})");
    BOOST_TEST(encodeAnswerSet(AnswerSet{}) == "{}");
}

BOOST_AUTO_TEST_CASE(a_damaged_answer_set_is_refused_naming_the_key)
{
    const std::pair<std::string, std::string> damaged[] = {
        {"[]", ""},
        {R"({"a":{"type":"int","value":"1"}})", "a.value"},
        {R"({"a":{"type":"int","value":1.5}})", "a.value"},
        {R"({"a":{"type":"date","value":"2026-02-30"}})", "a.value"},
        {R"({"a":{"type":"list","value":["x",1]}})", "a.value"},
        {R"({"a":{"type":"float","value":1}})", "a.type"},
        {R"({"a":{"type":"none","value":null}})", "a"},
        {R"({"a":{"type":"bool"}})", "a.value"},
        {R"({"a":{"type":"bool","value":true,"extra":1}})", "a.extra"},
    };
    for (const auto& [text, field] : damaged) {
        auto result = decodeAnswerSet(text);
        BOOST_REQUIRE_MESSAGE(!result.ok(), text);
        BOOST_TEST((result.errors().front().kind == ErrorKind::Storage));
        BOOST_TEST(result.errors().front().field == field, text);
    }
}

// ---- whole assessments --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_real_derived_assessment_round_trips_exactly_under_every_rule_set)
{
    for (const RuleSet& ruleSet : ruleSets()) {
        BOOST_TEST_CONTEXT(ruleSet.id)
        {
            Assessment assessment = derivedExample(ruleSet.id);
            // The example must exercise everything the encoding carries.
            BOOST_REQUIRE(!assessment.components.empty());
            size_t fired = 0, nearest = 0, shortfalls = 0, answersRead = 0;
            for (const ComponentResult& component : assessment.components) {
                fired += component.fired.size();
                nearest += component.nearest.size();
                for (const FiredCriterion& criterion : component.fired)
                    answersRead += criterion.answers.size();
                for (const MissedCriterion& missed : component.nearest)
                    shortfalls += missed.shortfalls.size();
            }
            BOOST_TEST(fired > 0u);
            BOOST_TEST(nearest > 0u);
            BOOST_TEST(shortfalls > 0u);
            BOOST_TEST(answersRead > 0u);
            if (assessment.derivedLevel < 5) {
                auto proposed = proposeLevel(assessment, assessment.derivedLevel + 1, "Lý do: \"phục vụ\" 24/7\n");
                BOOST_REQUIRE(proposed.ok());
                assessment = *proposed;
            }

            const std::string text = encodeAssessment(assessment);
            auto storable = encodeStorableAssessment(assessment);
            BOOST_REQUIRE(storable.ok());
            BOOST_TEST(*storable == text);
            BOOST_TEST(text.find('\n') == std::string::npos); // compact: newlines only escaped
            BOOST_TEST(text.rfind("{\"format\":1,\"ruleset_id\":\"" + ruleSet.id + "\"", 0) == 0u);
            auto back = decodeAssessment(text);
            BOOST_REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : back.errors().front().describe(Lang::En)));
            BOOST_TEST(sameAssessment(*back, assessment));
            BOOST_TEST(encodeAssessment(*back) == text);
            BOOST_TEST(back->rulesetVersion == ruleSet.version);
            BOOST_TEST(back->components.front().fired.front().text.vi ==
                       assessment.components.front().fired.front().text.vi);
            BOOST_TEST(!back->components.front().fired.front().text.en.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_member_and_value_type_survives_the_round_trip)
{
    Assessment a;
    a.rulesetId = "VN-'); DROP TABLE assessments;--";
    a.rulesetVersion = "1.0.0-\"rc\"";
    a.derivedLevel = 3;
    a.proposedLevel = 4;
    a.justification = "Hệ thống phục vụ \\ 🔒\n\t\x01";
    ComponentResult component;
    component.name = "Cổng \"dịch vụ\"";
    component.level = 3;
    FiredCriterion fired;
    fired.id = "C-3";
    fired.level = 3;
    fired.citation = "NĐ331 Art 13.2.b";
    fired.text = {"Tiếng Việt", "English"};
    fired.kind = CriterionKind::Floor;
    for (const auto& answer : everyValue())
        fired.answers.push_back(answer);
    fired.answers.emplace_back("unanswered", std::monostate{});
    fired.answers.emplace_back("duplicate_order_kept", true);
    fired.answers.emplace_back("bool_true", false); // the criterion's order, even with a repeated key
    component.fired = {fired, FiredCriterion{"C-2", 2, "x", {"", ""}, CriterionKind::Criterion, {}}};
    MissedCriterion missed{"C-4",
                           4,
                           "NĐ331 Art 14.1",
                           {"vi", "en"},
                           {Shortfall{"k", "≥ 10000", "3200", false}, Shortfall{"m", "∋ state_secret", "—", true}}};
    component.nearest = {missed};
    a.components = {component, ComponentResult{"empty", 0, {}, {}}};
    a.warnings = {RaisedWarning{"A6", "NĐ331 Art 13.2.c", {"cảnh báo", "warning"}, "Cổng \"dịch vụ\""},
                  RaisedWarning{"A1", "", {"", ""}, ""}};

    const std::string text = encodeAssessment(a);
    auto back = decodeAssessment(text);
    BOOST_REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : back.errors().front().describe(Lang::En)));
    BOOST_TEST(sameAssessment(*back, a));
    BOOST_CHECK(back->components[0].fired[0].answers == fired.answers);
    BOOST_TEST((back->components[0].fired[0].kind == CriterionKind::Floor));
    BOOST_TEST(back->components[0].nearest[0].shortfalls[1].negated);
    BOOST_TEST(encodeAssessment(*back) == text);

    // Any change is seen by sameAssessment (so the round-trip check above can fail).
    Assessment changed = a;
    changed.components[0].nearest[0].shortfalls[1].negated = false;
    BOOST_TEST(!sameAssessment(changed, a));
    changed = a;
    changed.components[0].fired[0].answers[0].second = std::string("true");
    BOOST_TEST(!sameAssessment(changed, a));
    changed = a;
    changed.warnings[1].text.en = "x";
    BOOST_TEST(!sameAssessment(changed, a));
}

BOOST_AUTO_TEST_CASE(the_decoder_takes_any_member_order_and_whitespace)
{
    // What a PostgreSQL jsonb column gives back: members reordered, spaces added.
    const std::string reordered = R"({ "warnings": [], "components": [ { "nearest": [], "fired": [], "level": 0,
        "name": "x" } ], "justification": "", "proposed_level": 1, "derived_level": 1,
        "ruleset_version": "1", "ruleset_id": "VN-2022", "format": 1 })";
    auto back = decodeAssessment(reordered);
    BOOST_REQUIRE(back.ok());
    BOOST_TEST(encodeAssessment(*back) ==
               R"({"format":1,"ruleset_id":"VN-2022","ruleset_version":"1","derived_level":1,"proposed_level":1,)"
               R"("justification":"","components":[{"name":"x","level":0,"fired":[],"nearest":[]}],"warnings":[]})");
}

BOOST_AUTO_TEST_CASE(corrupt_assessments_are_refused_naming_what_is_wrong)
{
    const Assessment example = derivedExample("VN-2026");
    const std::string good = encodeAssessment(example);
    const std::string firstLevel = "\"level\":" + std::to_string(example.components.front().level);
    const std::string empty = encodeAssessment(Assessment{"VN-2026", "1", 1, 1, {}, {}, {}});
    auto replaced = [&](const std::string& from, const std::string& to) {
        const auto at = good.find(from);
        BOOST_REQUIRE_MESSAGE(at != std::string::npos, from);
        std::string text = good;
        text.replace(at, from.size(), to);
        return text;
    };
    const std::pair<std::string, std::string> corrupt[] = {
        {"", ""},
        {good.substr(0, good.size() / 2), ""}, // truncated
        {good + "x", ""},                      // trailing garbage
        {"[]", ""},
        {"null", ""},
        {replaced("\"format\":1", "\"format\":2"), "format"},
        {replaced("\"format\":1,", ""), "format"},
        {replaced("\"derived_level\":", "\"derived_level\":1"), "derived_level"}, // 13 → out of range
        {replaced("\"proposed_level\":", "\"proposed_level\":-"), "proposed_level"},
        {replaced("\"ruleset_id\":\"VN-2026\"", "\"ruleset_id\":2026"), "ruleset_id"},
        {replaced("\"justification\":", "\"unexpected\":0,\"justification\":"), "unexpected"},
        {replaced("\"kind\":\"", "\"kind\":\"x"), "components[0].fired[0].kind"},
        {replaced(firstLevel, "\"level\":\"" + firstLevel.substr(8) + "\""), "components[0].level"},
        {replaced("\"en\":", "\"fr\":null,\"en\":"), "components[0].fired[0].text.fr"},
        {replaced("\"en\":\"", "\"en\":null,\"e\":\""), "components[0].fired[0].text.e"},
        {replaced("\"negated\":false", "\"negated\":0"), "components[0].nearest[0].shortfalls[0].negated"},
        {replaced("\"type\":\"", "\"type\":\"float"), "components[0].fired[0].answers[0].type"},
        {replaced("\"warnings\":[", "\"warnings\":[1,"), "warnings[0]"},
        {std::string(empty).replace(empty.find("\"components\":[]"), 15, "\"components\":{}"), "components"},
        {std::string(empty).replace(empty.find("\"warnings\":[]"), 13, "\"warnings\":null"), "warnings"},
        {replaced("\"citation\":\"", "\"citation\":\"\\ud800"), "components[0].fired[0].citation"},
        {std::string(good).replace(good.find('"'), 1, "\xFF"), ""},
    };
    for (const auto& [text, field] : corrupt) {
        auto result = decodeAssessment(text);
        BOOST_REQUIRE_MESSAGE(!result.ok(), "accepted: " << text.substr(0, 120));
        const Error& error = result.errors().front();
        BOOST_TEST((error.kind == ErrorKind::Storage));
        BOOST_TEST(!error.message.vi.empty());
        BOOST_TEST(!error.message.en.empty());
        if (!field.empty() && field != "components[0].fired[0].citation")
            BOOST_TEST(error.field == field, text.substr(0, 120));
    }
}

BOOST_AUTO_TEST_CASE(hostile_text_in_an_assessment_is_refused_before_storing)
{
    Assessment a = derivedExample("VN-2022");
    a.justification = std::string("nul\0inside", 10);
    auto refused = encodeStorableAssessment(a);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST((refused.errors().front().kind == ErrorKind::InvalidInput));
    BOOST_TEST(refused.errors().front().field == "justification");

    a = derivedExample("VN-2022");
    a.components[0].fired[0].text.en = "bad \xC3\x28";
    refused = encodeStorableAssessment(a);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().front().field == "components[0].fired[0].text.en");

    a = derivedExample("VN-2022");
    a.components[0].fired[0].answers.emplace_back("when", date(2026, 2, 30));
    refused = encodeStorableAssessment(a);
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().front().field == "components[0].fired[0].answers[" +
                                                     std::to_string(a.components[0].fired[0].answers.size() - 1) +
                                                     "].value");
}

BOOST_AUTO_TEST_CASE(dossier_history_texts_are_canonical)
{
    RequirementStatement statement{"L1.T.network", 2, RequirementStatus::Planned, "Lắp \"tường lửa\"",
                                   std::chrono::year{2027} / 1 / 31};
    BOOST_TEST(requirementKey(statement) == "requirement:L1.T.network#2");
    BOOST_TEST(requirementText(statement) ==
               R"({"status":"planned","planned_by":"2027-01-31","how":"Lắp \"tường lửa\""})");
    statement.plannedBy.reset();
    BOOST_TEST(requirementText(statement) == R"({"status":"planned","planned_by":null,"how":"Lắp \"tường lửa\""})");
    Attachment attachment{"design_document", "thiet-ke.pdf", "application/pdf", 3, std::string(64, 'a'), ""};
    BOOST_TEST(attachmentKey(attachment) == "attachment:design_document/thiet-ke.pdf");
    BOOST_TEST(attachmentText(attachment) == "{\"media_type\":\"application/pdf\",\"size\":3,\"sha256\":\"" +
                                                 std::string(64, 'a') + "\",\"reference\":\"\"}");
}
