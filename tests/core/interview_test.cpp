#define BOOST_TEST_MODULE interview
#include "core/Interview.h"
#include "rules/Expression.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

using namespace seclevel;

namespace {

Question makeQuestion(std::string key, AnswerType type, bool required = false)
{
    Question q;
    q.key = std::move(key);
    q.type = type;
    q.required = required;
    q.text = {"Câu hỏi " + q.key, "Question " + q.key};
    q.citation = "NĐ85 Art 6";
    return q;
}

void addOptions(Question& q, const std::vector<std::string>& values)
{
    for (const auto& value : values)
        q.options.push_back(Option{value, {value + " (vi)", value + " (en)"}});
}

ConditionPtr condition(const RuleSet& rs, const std::string& text)
{
    auto parsed = parseCondition(
        text, [&rs](const std::string& key) { return rs.question(key); }, "test", 1, "test");
    if (!parsed)
        for (const auto& e : parsed.errors())
            BOOST_TEST_MESSAGE(e.describe(Lang::En));
    BOOST_REQUIRE(parsed.ok());
    return *parsed;
}

// A small questionnaire in the shape of the real ones: a choice that opens a branch, a boolean inside the
// branch that opens an integer, a multi-choice with a conditional follow-up (required-if), a date, a text,
// and a question placed before the answer that shows it.
RuleSet makeRuleSet()
{
    RuleSet rs;
    rs.id = "TEST";
    rs.version = "1";
    Question reason = makeQuestion("large_reason", AnswerType::Text); // shown by user_count, asked later
    Question type = makeQuestion("system_type", AnswerType::Choice, true);
    addOptions(type, {"internal", "citizen_service", "infrastructure"});
    Question online = makeQuestion("online", AnswerType::Boolean, true);
    Question users = makeQuestion("user_count", AnswerType::Integer);
    users.min = 0;
    users.max = 1'000'000;
    Question classes = makeQuestion("info_classes", AnswerType::MultiChoice, true);
    addOptions(classes, {"public", "personal", "state_secret"});
    Question grade = makeQuestion("secret_grade", AnswerType::Choice);
    addOptions(grade, {"confidential", "secret", "top_secret"});
    Question since = makeQuestion("in_operation_since", AnswerType::Date);
    Question notes = makeQuestion("notes", AnswerType::Text);
    rs.questions = {reason, type, online, users, classes, grade, since, notes};

    auto q = [&rs](const std::string& key) -> Question& { return const_cast<Question&>(*rs.question(key)); };
    q("large_reason").showIf = condition(rs, "user_count >= 100000");
    q("online").showIf = condition(rs, "system_type == 'citizen_service'");
    q("user_count").showIf = condition(rs, "system_type == 'citizen_service' and online");
    q("secret_grade").showIf = condition(rs, "answered(info_classes)");
    q("secret_grade").requiredIf = condition(rs, "info_classes contains 'state_secret'");
    return rs;
}

std::vector<std::string> askedInOrder(const RuleSet& rs, AnswerSet& answers, const std::vector<Value>& replies)
{
    std::vector<std::string> asked;
    std::set<std::string> skipped;
    size_t next = 0;
    while (const Question* q = nextUnansweredQuestion(rs, answers, skipped)) {
        asked.push_back(q->key);
        BOOST_REQUIRE_LT(next, replies.size());
        const Value& reply = replies[next++];
        if (isAnswered(reply))
            answers.values[q->key] = reply;
        else
            skipped.insert(q->key);
    }
    BOOST_TEST(next == replies.size());
    return asked;
}

std::string problemOf(const Question& q, const std::string& line)
{
    const ParsedInput parsed = parseAnswerInput(q, line);
    BOOST_TEST((parsed.kind == InputKind::Invalid), "'" << line << "' should be refused");
    return parsed.problem.en;
}

Value valueOf(const Question& q, const std::string& line)
{
    const ParsedInput parsed = parseAnswerInput(q, line);
    BOOST_TEST((parsed.kind == InputKind::Answer), "'" << line << "' should be accepted: " << parsed.problem.en);
    return parsed.value;
}

} // namespace

BOOST_AUTO_TEST_SUITE(next_question)

BOOST_AUTO_TEST_CASE(internal_system_skips_the_citizen_branch)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    const auto asked = askedInOrder(
        rs, answers, {std::string("internal"), std::vector<std::string>{"public"}, Value{}, Value{}, Value{}});
    const std::vector<std::string> expected = {"system_type", "info_classes", "secret_grade", "in_operation_since",
                                               "notes"};
    BOOST_TEST(asked == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_answer_opens_its_branch_at_once)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    const auto asked = askedInOrder(rs, answers,
                                    {std::string("citizen_service"), true, std::int64_t{5000},
                                     std::vector<std::string>{"personal"}, Value{}, Value{}, Value{}});
    const std::vector<std::string> expected = {
        "system_type", "online", "user_count", "info_classes", "secret_grade", "in_operation_since", "notes"};
    BOOST_TEST(asked == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_no_closes_the_rest_of_the_branch)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    const auto asked = askedInOrder(
        rs, answers,
        {std::string("citizen_service"), false, std::vector<std::string>{"public"}, Value{}, Value{}, Value{}});
    BOOST_TEST(std::count(asked.begin(), asked.end(), "user_count") == 0);
    BOOST_TEST(std::count(asked.begin(), asked.end(), "online") == 1);
}

BOOST_AUTO_TEST_CASE(a_later_answer_can_show_an_earlier_question)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    const auto asked = askedInOrder(rs, answers,
                                    {std::string("citizen_service"), true, std::int64_t{250000},
                                     std::string("peak load of the national portal"),
                                     std::vector<std::string>{"personal"}, Value{}, Value{}, Value{}});
    // large_reason comes first in the questionnaire but only becomes shown once user_count is known.
    BOOST_REQUIRE_GE(asked.size(), 4u);
    BOOST_TEST(asked[3] == "large_reason");
    BOOST_TEST(std::get<std::string>(answers.get("large_reason")) == "peak load of the national portal");
}

BOOST_AUTO_TEST_CASE(answered_and_skipped_questions_are_not_asked_again)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    answers.values["system_type"] = std::string("internal");
    answers.values["info_classes"] = std::vector<std::string>{"public"};
    std::set<std::string> skipped = {"secret_grade"};
    const Question* q = nextUnansweredQuestion(rs, answers, skipped);
    BOOST_REQUIRE(q);
    BOOST_TEST(q->key == "in_operation_since");
    skipped.insert("in_operation_since");
    skipped.insert("notes");
    BOOST_TEST(!nextUnansweredQuestion(rs, answers, skipped));
}

BOOST_AUTO_TEST_CASE(next_question_walks_settled_keys_for_components)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet effective;
    effective.values["system_type"] = std::string("citizen_service");
    effective.values["online"] = true;
    // Answered questions are offered again (the component may differ); only settled ones are not.
    const Question* q = nextQuestion(rs, effective, {});
    BOOST_REQUIRE(q);
    BOOST_TEST(q->key == "system_type");
    q = nextQuestion(rs, effective, {"system_type", "online"});
    BOOST_REQUIRE(q);
    BOOST_TEST(q->key == "user_count");
}

BOOST_AUTO_TEST_CASE(required_if_follows_the_answers)
{
    const RuleSet rs = makeRuleSet();
    const Question& grade = *rs.question("secret_grade");
    AnswerSet answers;
    BOOST_TEST(!isQuestionShown(grade, answers));
    BOOST_TEST(!isQuestionRequired(grade, answers));
    answers.values["info_classes"] = std::vector<std::string>{"public"};
    BOOST_TEST(isQuestionShown(grade, answers));
    BOOST_TEST(!isQuestionRequired(grade, answers));
    answers.values["info_classes"] = std::vector<std::string>{"public", "state_secret"};
    BOOST_TEST(isQuestionRequired(grade, answers));
    // `required` applies only while the question is shown.
    const Question& online = *rs.question("online");
    BOOST_TEST(!isQuestionRequired(online, answers));
    answers.values["system_type"] = std::string("citizen_service");
    BOOST_TEST(isQuestionRequired(online, answers));
}

BOOST_AUTO_TEST_CASE(progress_counts_the_questions_shown_now)
{
    const RuleSet rs = makeRuleSet();
    AnswerSet answers;
    // Shown with no answers: system_type, info_classes, in_operation_since, notes.
    auto progress = interviewProgress(rs, answers, *rs.question("info_classes"));
    BOOST_TEST(progress.position == 2);
    BOOST_TEST(progress.total == 4);
    answers.values["system_type"] = std::string("citizen_service");
    progress = interviewProgress(rs, answers, *rs.question("online"));
    BOOST_TEST(progress.position == 2);
    BOOST_TEST(progress.total == 5);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parse_input)

BOOST_AUTO_TEST_CASE(empty_skips_and_question_mark_asks_for_help)
{
    const RuleSet rs = makeRuleSet();
    for (const auto& q : rs.questions) {
        BOOST_TEST((parseAnswerInput(q, "").kind == InputKind::Skip));
        BOOST_TEST((parseAnswerInput(q, "  \t\r").kind == InputKind::Skip));
        BOOST_TEST((parseAnswerInput(q, " ? ").kind == InputKind::Help));
    }
}

BOOST_AUTO_TEST_CASE(choice_by_number_or_value)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("system_type");
    BOOST_TEST(std::get<std::string>(valueOf(q, "2")) == "citizen_service");
    BOOST_TEST(std::get<std::string>(valueOf(q, " 1 ")) == "internal");
    BOOST_TEST(std::get<std::string>(valueOf(q, "infrastructure")) == "infrastructure");
    BOOST_TEST(std::get<std::string>(valueOf(q, "Citizen_Service")) == "citizen_service");
    BOOST_TEST(problemOf(q, "0").find("from 1 to 3") != std::string::npos);
    problemOf(q, "4");
    problemOf(q, "-1");
    problemOf(q, "99999999999999999999999");
    problemOf(q, "citizen");
    problemOf(q, "1,2");
}

BOOST_AUTO_TEST_CASE(multi_choice_by_numbers_and_values)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("info_classes");
    using List = std::vector<std::string>;
    BOOST_TEST(std::get<List>(valueOf(q, "1,3")) == (List{"public", "state_secret"}));
    BOOST_TEST(std::get<List>(valueOf(q, "3, 1")) == (List{"public", "state_secret"})); // questionnaire order
    BOOST_TEST(std::get<List>(valueOf(q, "personal, 2 ,2")) == (List{"personal"}));     // each once
    BOOST_TEST(std::get<List>(valueOf(q, "1 2")) == (List{"public", "personal"}));
    BOOST_TEST(std::get<List>(valueOf(q, "-")).empty());
    BOOST_TEST(problemOf(q, "1,4").find("'4'") != std::string::npos);
    problemOf(q, ",,");
    problemOf(q, "public,secret");
}

BOOST_AUTO_TEST_CASE(integer_with_range_and_grouping)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("user_count");
    BOOST_TEST(std::get<std::int64_t>(valueOf(q, "12000")) == 12000);
    BOOST_TEST(std::get<std::int64_t>(valueOf(q, "12.000")) == 12000);
    BOOST_TEST(std::get<std::int64_t>(valueOf(q, "12,000")) == 12000);
    BOOST_TEST(std::get<std::int64_t>(valueOf(q, "1 000 000")) == 1000000);
    BOOST_TEST(std::get<std::int64_t>(valueOf(q, "0")) == 0);
    BOOST_TEST(problemOf(q, "-1").find("outside the allowed range (0 … 1000000)") != std::string::npos);
    problemOf(q, "1000001");
    problemOf(q, "12.5");
    problemOf(q, "1.00");
    problemOf(q, "12.000,000");
    problemOf(q, "abc");
    problemOf(q, "5k");
    problemOf(q, "-");
    BOOST_TEST(problemOf(q, "99999999999999999999").find("too large") != std::string::npos);

    Question unbounded = q;
    unbounded.min.reset();
    unbounded.max.reset();
    BOOST_TEST(std::get<std::int64_t>(valueOf(unbounded, "-9223372036854775808")) == INT64_MIN);
    problemOf(unbounded, "9223372036854775808");
}

BOOST_AUTO_TEST_CASE(boolean_in_both_languages)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("online");
    for (const char* yes : {"c", "C", "có", "Có", "CÓ", "co", "y", "Yes", "true", "1"})
        BOOST_TEST(std::get<bool>(valueOf(q, yes)) == true, yes);
    for (const char* no : {"k", "K", "không", "Không", "KHÔNG", "khong", "ko", "n", "NO", "false", "0"})
        BOOST_TEST(std::get<bool>(valueOf(q, no)) == false, no);
    BOOST_TEST(problemOf(q, "maybe").find("y (yes) or n (no)") != std::string::npos);
    problemOf(q, "2");
    problemOf(q, "cc");
}

BOOST_AUTO_TEST_CASE(dates_iso_and_vietnamese_order)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("in_operation_since");
    using namespace std::chrono;
    BOOST_TEST((std::get<Date>(valueOf(q, "2020-01-05")) == Date{year{2020}, month{1}, day{5}}));
    BOOST_TEST((std::get<Date>(valueOf(q, "5/1/2020")) == Date{year{2020}, month{1}, day{5}}));
    BOOST_TEST((std::get<Date>(valueOf(q, "29/02/2024")) == Date{year{2024}, month{2}, day{29}}));
    BOOST_TEST(problemOf(q, "2023-02-29").find("YYYY-MM-DD") != std::string::npos);
    problemOf(q, "29/02/2023");
    problemOf(q, "2020-1-5");
    problemOf(q, "1/1/20");
    problemOf(q, "//");
    problemOf(q, "yesterday");
}

BOOST_AUTO_TEST_CASE(text_is_kept_trimmed)
{
    const RuleSet rs = makeRuleSet();
    const Question& q = *rs.question("notes");
    BOOST_TEST(std::get<std::string>(valueOf(q, "  Cổng dịch vụ công  tỉnh\r")) == "Cổng dịch vụ công  tỉnh");
}

BOOST_AUTO_TEST_CASE(problems_are_bilingual)
{
    const RuleSet rs = makeRuleSet();
    const ParsedInput parsed = parseAnswerInput(*rs.question("user_count"), "nhiều");
    BOOST_REQUIRE(parsed.kind == InputKind::Invalid);
    BOOST_TEST(parsed.problem.vi.find("không phải số nguyên") != std::string::npos);
    BOOST_TEST(parsed.problem.en.find("not a whole number") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(yes_no_refuses_other_words)
{
    BOOST_TEST(parseYesNo("có").value() == true);
    BOOST_TEST(parseYesNo(" n ").value() == false);
    BOOST_TEST(!parseYesNo("").has_value());
    BOOST_TEST(!parseYesNo("có không").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(components_and_resume)

BOOST_AUTO_TEST_CASE(component_keeps_only_what_differs)
{
    SystemDescription system;
    system.answers.values["system_type"] = std::string("internal");
    system.answers.values["online"] = false;
    Component component{"Cổng", {}};
    setComponentAnswer(system, component, "system_type", std::string("citizen_service"));
    setComponentAnswer(system, component, "online", false); // same as the system: inherited
    BOOST_TEST(component.answers.values.size() == 1u);
    BOOST_TEST(std::get<std::string>(component.answers.get("system_type")) == "citizen_service");
    BOOST_TEST(std::get<bool>(effectiveAnswers(system, component).get("online")) == false);
    // Changing back to the system's answer removes the override again; no answer means inherit.
    setComponentAnswer(system, component, "system_type", std::string("internal"));
    BOOST_TEST(component.answers.values.empty());
    setComponentAnswer(system, component, "user_count", std::int64_t{7});
    setComponentAnswer(system, component, "user_count", Value{});
    BOOST_TEST(component.answers.values.empty());
}

BOOST_AUTO_TEST_CASE(resumed_answers_are_typed_but_may_be_incomplete)
{
    const RuleSet rs = makeRuleSet();
    SystemDescription system;
    system.sourceFile = "a.json";
    system.answers.values["system_type"] = std::string("citizen_service");
    system.answers.values["in_operation_since"] = std::string("2019-07-01"); // as the answers file gives it
    // online and info_classes are required and missing: fine while the interview goes on.
    auto checked = checkResumedAnswers(rs, system);
    BOOST_REQUIRE(checked.ok());
    BOOST_TEST(std::holds_alternative<Date>(checked->answers.get("in_operation_since")));

    system.answers.values["user_count"] = std::string("many");
    system.answers.values["bogus"] = true;
    auto wrong = checkResumedAnswers(rs, system);
    BOOST_REQUIRE(!wrong.ok());
    BOOST_TEST(wrong.errors().size() == 2u);
    // The original rule set keeps its requirements.
    BOOST_TEST(rs.question("system_type")->required);
}

BOOST_AUTO_TEST_SUITE_END()
