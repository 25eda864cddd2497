#define BOOST_TEST_MODULE expression
#include <boost/test/unit_test.hpp>

#include "rules/Expression.h"

using namespace seclevel;

namespace {

std::vector<Question> questions()
{
    std::vector<Question> qs;
    Question type;
    type.key = "system_type";
    type.type = AnswerType::Choice;
    type.options = {{"internal", {}}, {"citizen_service", {}}, {"infrastructure", {}}};
    qs.push_back(type);
    Question classes;
    classes.key = "info_classes";
    classes.type = AnswerType::MultiChoice;
    classes.options = {{"public", {}}, {"private", {}}, {"personal", {}}, {"state_secret", {}}};
    qs.push_back(classes);
    Question users;
    users.key = "personal_data_subjects";
    users.type = AnswerType::Integer;
    qs.push_back(users);
    Question always;
    always.key = "always_on_24x7";
    always.type = AnswerType::Boolean;
    qs.push_back(always);
    Question since;
    since.key = "in_operation_since";
    since.type = AnswerType::Date;
    qs.push_back(since);
    return qs;
}

const std::vector<Question>& fixture()
{
    static const std::vector<Question> qs = questions();
    return qs;
}

Result<ConditionPtr> parse(const std::string& text)
{
    QuestionLookup lookup = [](const std::string& key) -> const Question* {
        for (const auto& q : fixture())
            if (q.key == key)
                return &q;
        return nullptr;
    };
    return parseCondition(text, lookup, "rules.xml", 42, "c1/when");
}

AnswerSet answers(std::initializer_list<std::pair<const std::string, Value>> values)
{
    AnswerSet set;
    set.values = values;
    return set;
}

} // namespace

BOOST_AUTO_TEST_CASE(comparisons_and_connectives)
{
    auto c = parse("system_type == 'citizen_service' and personal_data_subjects >= 10000");
    BOOST_REQUIRE(c.ok());
    BOOST_TEST((*c)->evaluate(
        answers({{"system_type", std::string("citizen_service")}, {"personal_data_subjects", std::int64_t{10000}}})));
    BOOST_TEST(!(*c)->evaluate(
        answers({{"system_type", std::string("citizen_service")}, {"personal_data_subjects", std::int64_t{9999}}})));
    BOOST_TEST(!(*c)->evaluate(
        answers({{"system_type", std::string("internal")}, {"personal_data_subjects", std::int64_t{10000}}})));
    const std::vector<std::string> expectedKeys = {"system_type", "personal_data_subjects"};
    BOOST_TEST((*c)->keys() == expectedKeys);
}

BOOST_AUTO_TEST_CASE(precedence_not_and_or)
{
    auto c = parse("not always_on_24x7 or system_type == 'internal' and always_on_24x7");
    BOOST_REQUIRE(c.ok());
    // (not a) or (b and a)
    BOOST_TEST((*c)->evaluate(answers({{"always_on_24x7", false}, {"system_type", std::string("citizen_service")}})));
    BOOST_TEST((*c)->evaluate(answers({{"always_on_24x7", true}, {"system_type", std::string("internal")}})));
    BOOST_TEST(!(*c)->evaluate(answers({{"always_on_24x7", true}, {"system_type", std::string("citizen_service")}})));
}

BOOST_AUTO_TEST_CASE(multi_choice_operators)
{
    auto contains = parse("info_classes contains 'state_secret'");
    auto any = parse("info_classes contains_any ['private', 'personal']");
    auto subset = parse("info_classes subset_of ['public']");
    BOOST_REQUIRE(contains.ok() && any.ok() && subset.ok());
    const auto publicOnly = answers({{"info_classes", std::vector<std::string>{"public"}}});
    const auto mixed = answers({{"info_classes", std::vector<std::string>{"public", "personal"}}});
    const auto empty = answers({{"info_classes", std::vector<std::string>{}}});
    BOOST_TEST(!(*contains)->evaluate(mixed));
    BOOST_TEST((*any)->evaluate(mixed));
    BOOST_TEST(!(*any)->evaluate(publicOnly));
    BOOST_TEST((*subset)->evaluate(publicOnly));
    BOOST_TEST(!(*subset)->evaluate(mixed));
    BOOST_TEST(!(*subset)->evaluate(empty));
}

BOOST_AUTO_TEST_CASE(in_list_answered_and_dates)
{
    auto in = parse("system_type in ['internal', 'infrastructure']");
    auto answered = parse("answered(personal_data_subjects)");
    auto date = parse("in_operation_since < '2026-07-01'");
    BOOST_REQUIRE(in.ok() && answered.ok() && date.ok());
    BOOST_TEST((*in)->evaluate(answers({{"system_type", std::string("infrastructure")}})));
    BOOST_TEST(!(*in)->evaluate(answers({{"system_type", std::string("citizen_service")}})));
    BOOST_TEST(!(*answered)->evaluate(answers({})));
    BOOST_TEST((*answered)->evaluate(answers({{"personal_data_subjects", std::int64_t{0}}})));
    BOOST_TEST((*date)->evaluate(answers({{"in_operation_since", *parseIsoDate("2026-06-30")}})));
    BOOST_TEST(!(*date)->evaluate(answers({{"in_operation_since", *parseIsoDate("2026-07-01")}})));
}

BOOST_AUTO_TEST_CASE(unanswered_comparison_is_false_even_when_negated_operator)
{
    auto ne = parse("system_type != 'internal'");
    BOOST_REQUIRE(ne.ok());
    BOOST_TEST(!(*ne)->evaluate(answers({})));
}

BOOST_AUTO_TEST_CASE(shortfalls_explain_the_nearest_miss)
{
    auto c = parse("system_type == 'citizen_service' and personal_data_subjects >= 10000");
    BOOST_REQUIRE(c.ok());
    auto s = (*c)->shortfalls(
        answers({{"system_type", std::string("citizen_service")}, {"personal_data_subjects", std::int64_t{3200}}}));
    BOOST_REQUIRE_EQUAL(s.size(), 1u);
    BOOST_TEST(s[0].key == "personal_data_subjects");
    BOOST_TEST(s[0].requirement == "≥ 10000");
    BOOST_TEST(s[0].answered == "3200");

    // A disjunction needs only its cheapest branch.
    auto d = parse("(system_type == 'infrastructure' and always_on_24x7) or personal_data_subjects >= 10000");
    BOOST_REQUIRE(d.ok());
    auto sd = (*d)->shortfalls(answers({{"system_type", std::string("internal")}, {"always_on_24x7", false}}));
    BOOST_REQUIRE_EQUAL(sd.size(), 1u);
    BOOST_TEST(sd[0].key == "personal_data_subjects");
    BOOST_TEST(sd[0].answered == "—");

    // Under `not`, the atom that is true must become false.
    auto n = parse("not (info_classes contains 'state_secret')");
    BOOST_REQUIRE(n.ok());
    auto sn = (*n)->shortfalls(answers({{"info_classes", std::vector<std::string>{"state_secret"}}}));
    BOOST_REQUIRE_EQUAL(sn.size(), 1u);
    BOOST_TEST(sn[0].negated);
    BOOST_TEST((*n)->shortfalls(answers({{"info_classes", std::vector<std::string>{"public"}}})).empty());
}

BOOST_AUTO_TEST_CASE(type_errors_name_file_line_and_field)
{
    struct Bad {
        const char* text;
        const char* fragment; // expected in the English message
    };
    const Bad cases[] = {
        {"unknown_key == 1", "unknown answer key 'unknown_key'"},
        {"system_type == 'spaceship'", "'spaceship' is not an option of 'system_type'"},
        {"personal_data_subjects >= 'many'", "does not fit the type"},
        {"system_type >= 3", "does not fit the type"},
        {"info_classes == 'public'", "does not fit the type"},
        {"personal_data_subjects", "needs a comparison"},
        {"in_operation_since < '2026-13-01'", "invalid date"},
        {"system_type = 'internal'", "invalid operator"},
        {"(always_on_24x7", "expected ')'"},
        {"always_on_24x7 and", "expected an answer key"},
        {"system_type == 'internal", "unterminated string"},
        {"always_on_24x7 always_on_24x7", "unexpected"},
        {"system_type in []", "empty list"},
        {"always_on_24x7 # 1", "invalid character"},
    };
    for (const auto& bad : cases) {
        auto c = parse(bad.text);
        BOOST_TEST_CONTEXT(bad.text)
        {
            BOOST_REQUIRE(!c.ok());
            const Error& e = c.errors().front();
            BOOST_TEST(e.file == "rules.xml");
            BOOST_TEST(e.line == 42);
            BOOST_TEST(e.field == "c1/when");
            BOOST_TEST(e.message.en.find(bad.fragment) != std::string::npos, e.message.en);
            BOOST_TEST(!e.message.vi.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_not_crashed)
{
    std::string text(10000, '(');
    text += "always_on_24x7";
    text += std::string(10000, ')');
    auto c = parse(text);
    BOOST_REQUIRE(!c.ok());
    BOOST_TEST(c.errors().front().message.en.find("nested too deeply") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(system_counts_are_typed_and_read_from_the_whole_system)
{
    std::vector<Question> qs(2);
    qs[0].key = "users";
    qs[0].type = AnswerType::Integer;
    qs[0].slot = 0;
    qs[0].countScope = Question::CountScope::Component;
    qs[1].key = "staff";
    qs[1].type = AnswerType::Integer;
    qs[1].slot = 1;
    QuestionLookup lookup = [&qs](const std::string& key) -> const Question* {
        for (const auto& q : qs)
            if (q.key == key)
                return &q;
        return nullptr;
    };
    const std::string text = "system_total(users) >= 10000 and component_max(users) < 10000 and not summed(users)";
    // Only where a whole system is judged (criteria, warnings), never in show-if or required-if.
    auto refused = parseCondition(text, lookup, "rules.xml", 7, "q/show-if");
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.errors().front().describe(Lang::En).find("only available in criteria and warnings") !=
               std::string::npos);
    // Only for a question that declares a count scope, and with an integer comparison.
    BOOST_TEST(!parseCondition("system_total(staff) > 1", lookup, "rules.xml", 7, "w", true).ok());
    BOOST_TEST(!parseCondition("system_total(users) == 'many'", lookup, "rules.xml", 7, "w", true).ok());
    BOOST_TEST(!parseCondition("component_max(users)", lookup, "rules.xml", 7, "w", true).ok());

    auto c = parseCondition(text, lookup, "rules.xml", 7, "w", true);
    BOOST_REQUIRE(c.ok());
    BOOST_TEST((*c)->keys().empty()); // counts of the whole system are not answers of the component
    const Value own = std::int64_t{6000};
    AnswerSlots slots;
    slots.values = {&own, &own};
    std::vector<SystemCount> counts(2);
    counts[0].total = std::int64_t{12000};
    counts[0].largest = std::int64_t{6000};
    slots.counts = &counts;
    BOOST_TEST((*c)->evaluate(slots));
    counts[0].summed = true;
    BOOST_TEST(!(*c)->evaluate(slots));
    counts[0].summed = false;
    counts[0].largest = std::int64_t{10000};
    BOOST_TEST(!(*c)->evaluate(slots));
    const auto why = (*c)->shortfalls(slots);
    BOOST_REQUIRE(why.size() == 1u);
    BOOST_TEST(why[0].requirement == "max < 10000");
    BOOST_TEST(why[0].answered == "10000");
    // Without the whole system (an answer set alone) the counts are unanswered: false, never a crash.
    BOOST_TEST(!(*c)->evaluate(answers({{"users", std::int64_t{20000}}})));
}
