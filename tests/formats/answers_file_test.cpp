#define BOOST_TEST_MODULE answers_file
#include "formats/json/AnswersFile.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace seclevel;

namespace {

using Strings = std::vector<std::string>;

SystemDescription readOk(const std::string& text)
{
    Result<SystemDescription> result = readAnswers(text, "answers.json");
    if (!result)
        for (const auto& e : result.errors())
            BOOST_TEST_MESSAGE(e.describe(Lang::En));
    BOOST_REQUIRE(result.ok());
    return *result;
}

Errors readErrors(const std::string& text)
{
    Result<SystemDescription> result = readAnswers(text, "answers.json");
    BOOST_REQUIRE(!result.ok());
    return result.errors();
}

const std::string kSystem = R"("system": {"id": "S1", "name": "N", "owner": "O", "operator": "P"})";

// A document with the given answers and nothing else.
std::string withAnswers(const std::string& answers)
{
    return "{" + kSystem + ",\n\"answers\": " + answers + "}";
}

void checkSameSystem(const SystemDescription& a, const SystemDescription& b)
{
    BOOST_TEST(a.id == b.id);
    BOOST_TEST(a.name == b.name);
    BOOST_TEST(a.owner == b.owner);
    BOOST_TEST(a.operatorName == b.operatorName);
    BOOST_TEST(a.organisationId == b.organisationId);
    BOOST_TEST((a.answers.values == b.answers.values));
    BOOST_REQUIRE_EQUAL(a.components.size(), b.components.size());
    for (std::size_t i = 0; i < a.components.size(); ++i) {
        BOOST_TEST(a.components[i].name == b.components[i].name);
        BOOST_TEST((a.components[i].answers.values == b.components[i].answers.values));
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(reads_a_complete_file_with_lines)
{
    const std::string text = "{\n"                                                                   // 1
                             "  \"system\": {\n"                                                     // 2
                             "    \"id\": \"BNV-QLVB\",\n"                                           // 3
                             "    \"name\": \"Hệ thống quản lý văn bản\",\n"                         // 4
                             "    \"owner\": \"Bộ Nội vụ\",\n"                                       // 5
                             "    \"operator\": \"Trung tâm Thông tin\",\n"                          // 6
                             "    \"organisation\": \"BNV\"\n"                                       // 7
                             "  },\n"                                                                // 8
                             "  \"answers\": {\n"                                                    // 9
                             "    \"serves_citizens\": true,\n"                                      // 10
                             "    \"personal_data_subjects\": 12000,\n"                              // 11
                             "    \"hosting\": \"cloud\",\n"                                         // 12
                             "    \"data_kinds\": [\"personal\", \"internal\"],\n"                   // 13
                             "    \"commissioned_on\": \"2024-02-29\",\n"                            // 14
                             "    \"not_yet\": null,\n"                                              // 15
                             "    \"internet_facing\": false,\n"                                     // 16
                             "    \"empty_list\": []\n"                                              // 17
                             "  },\n"                                                                // 18
                             "  \"components\": [\n"                                                 // 19
                             "    {\"name\": \"Cổng\", \"answers\": {\"internet_facing\": true}},\n" // 20
                             "    {\"name\": \"CSDL\",\n"                                            // 21
                             "     \"answers\": {\n"                                                 // 22
                             "       \"personal_data_subjects\": -5}},\n"                            // 23
                             "    {\"name\": \"Empty\"}\n"                                           // 24
                             "  ]\n"
                             "}\n";
    SystemDescription s = readOk(text);
    BOOST_TEST(s.id == "BNV-QLVB");
    BOOST_TEST(s.name == "Hệ thống quản lý văn bản");
    BOOST_TEST(s.owner == "Bộ Nội vụ");
    BOOST_TEST(s.operatorName == "Trung tâm Thông tin");
    BOOST_TEST(s.organisationId == "BNV");
    BOOST_TEST(s.sourceFile == "answers.json");

    BOOST_TEST(s.answers.values.size() == 7u); // null is "not answered": left out
    BOOST_TEST(!s.answers.values.contains("not_yet"));
    BOOST_TEST(!s.answers.lines.contains("not_yet"));
    BOOST_TEST(std::get<bool>(s.answers.get("serves_citizens")) == true);
    BOOST_TEST(std::get<bool>(s.answers.get("internet_facing")) == false);
    BOOST_TEST(std::get<std::int64_t>(s.answers.get("personal_data_subjects")) == 12000);
    BOOST_TEST(std::get<std::string>(s.answers.get("hosting")) == "cloud");
    BOOST_TEST((std::get<Strings>(s.answers.get("data_kinds")) == Strings{"personal", "internal"}));
    BOOST_TEST(std::get<std::string>(s.answers.get("commissioned_on")) == "2024-02-29"); // core converts
    BOOST_TEST(std::get<Strings>(s.answers.get("empty_list")).empty());

    BOOST_TEST(s.answers.lineOf("serves_citizens") == 10);
    BOOST_TEST(s.answers.lineOf("personal_data_subjects") == 11);
    BOOST_TEST(s.answers.lineOf("data_kinds") == 13);
    BOOST_TEST(s.answers.lineOf("empty_list") == 17);

    BOOST_REQUIRE_EQUAL(s.components.size(), 3u);
    BOOST_TEST(s.components[0].name == "Cổng");
    BOOST_TEST(std::get<bool>(s.components[0].answers.get("internet_facing")) == true);
    BOOST_TEST(s.components[0].answers.lineOf("internet_facing") == 20);
    BOOST_TEST(s.components[1].name == "CSDL");
    BOOST_TEST(std::get<std::int64_t>(s.components[1].answers.get("personal_data_subjects")) == -5);
    BOOST_TEST(s.components[1].answers.lineOf("personal_data_subjects") == 23);
    BOOST_TEST(s.components[2].name == "Empty");
    BOOST_TEST(s.components[2].answers.values.empty());
}

BOOST_AUTO_TEST_CASE(answers_and_components_are_optional)
{
    SystemDescription s = readOk("{" + kSystem + "}");
    BOOST_TEST(s.id == "S1");
    BOOST_TEST(s.organisationId == "");
    BOOST_TEST(s.answers.values.empty());
    BOOST_TEST(s.components.empty());
}

BOOST_AUTO_TEST_CASE(json_syntax_errors_pass_through_with_line)
{
    Errors errors = readErrors("{\n\"system\": {\"id\": \"x\"},\n\"answers\": {\"a\" 1}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].file == "answers.json");
    BOOST_TEST(errors[0].line == 3);
    BOOST_TEST(errors[0].field == "a");
    BOOST_TEST(errors[0].message.en == "expected ':' after object key");

    errors = readErrors(withAnswers("{\"a\": 1,\n \"a\": 2}"));
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].line == 3);
    BOOST_TEST(errors[0].message.en == "duplicate key \"a\" (first at line 2)");
}

BOOST_AUTO_TEST_CASE(root_must_be_an_object)
{
    for (const std::string text : {"[]", "\"x\"", "1", "null"}) {
        Errors errors = readErrors(text);
        BOOST_REQUIRE_EQUAL(errors.size(), 1u);
        BOOST_TEST(errors[0].line == 1);
        BOOST_TEST(errors[0].message.en.starts_with("the answers file must be a JSON object {...}, not "));
    }
    BOOST_TEST(readErrors("\n[]")[0].message.en == "the answers file must be a JSON object {...}, not an array [...]");
    BOOST_TEST(readErrors("\n[]")[0].line == 2);
    BOOST_TEST(readErrors("\n[]")[0].message.vi ==
               "tệp trả lời phải là một đối tượng JSON {...}, không phải danh sách [...]");
}

BOOST_AUTO_TEST_CASE(unknown_top_level_member)
{
    Errors errors = readErrors("{" + kSystem + ",\n\"answer\": {}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "answer");
    BOOST_TEST(errors[0].line == 2);
    BOOST_TEST(errors[0].message.en == "unknown top-level member (expected system, answers, components)");
}

BOOST_AUTO_TEST_CASE(system_is_required_and_checked)
{
    Errors errors = readErrors("{\"answers\": {}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "system");
    BOOST_TEST(errors[0].message.en == "missing \"system\" describing the system (id, name, owner, operator)");

    errors = readErrors("{\n\"system\": {\"name\": \"N\", \"owner\": \"O\", \"operator\": \"P\"}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "system.id");
    BOOST_TEST(errors[0].line == 2);
    BOOST_TEST(errors[0].message.en == "required member is missing");
    BOOST_TEST(errors[0].describe(Lang::Vi) == "answers.json:2: system.id: thiếu mục bắt buộc");

    errors = readErrors("{\"system\": {\"id\": \"\", \"name\": \"N\", \"owner\": \"O\", \"operator\": \"P\"}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "system.id");
    BOOST_TEST(errors[0].message.en == "must not be empty");

    errors = readErrors("{\"system\": {\"id\": 7,\n \"name\": \"N\", \"owner\": \"O\", \"operator\": \"P\",\n"
                        " \"organisation\": null, \"colour\": \"red\"}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 3u);
    BOOST_TEST(errors[0].field == "system.id");
    BOOST_TEST(errors[0].line == 1);
    BOOST_TEST(errors[0].message.en == "must be a string, not a number");
    BOOST_TEST(errors[0].message.vi == "phải là chuỗi, không phải số");
    BOOST_TEST(errors[1].field == "system.organisation");
    BOOST_TEST(errors[1].line == 3);
    BOOST_TEST(errors[1].message.en == "must be a string, not null");
    BOOST_TEST(errors[2].field == "system.colour");
    BOOST_TEST(errors[2].message.en == "unknown member (expected id, name, owner, operator, organisation)");

    errors = readErrors("{\"system\": [\"S1\"]}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "system");
    BOOST_TEST(errors[0].message.en == "must be an object {...}, not an array [...]");
}

BOOST_AUTO_TEST_CASE(answer_value_errors_name_key_and_line)
{
    Errors errors = readErrors(withAnswers("{\n"
                                           "  \"budget\": 12.5,\n"
                                           "  \"big\": 1e3,\n"
                                           "  \"huge\": 99999999999999999999,\n"
                                           "  \"kinds\": [\"a\",\n 3, \"b\", null],\n"
                                           "  \"nested\": {\"x\": 1},\n"
                                           "  \"fine\": 1\n"
                                           "}"));
    BOOST_REQUIRE_EQUAL(errors.size(), 6u);
    BOOST_TEST(errors[0].field == "budget");
    BOOST_TEST(errors[0].line == 3);
    BOOST_TEST(errors[0].message.en == "the answer must be an integer (no fraction or exponent): 12.5");
    BOOST_TEST(errors[0].message.vi == "câu trả lời phải là số nguyên (không có phần thập phân hay số mũ): 12.5");
    BOOST_TEST(errors[1].field == "big");
    BOOST_TEST(errors[1].line == 4);
    BOOST_TEST(errors[1].message.en == "the answer must be an integer (no fraction or exponent): 1e3");
    BOOST_TEST(errors[2].field == "huge");
    BOOST_TEST(errors[2].message.en == "integer out of the 64-bit range: 99999999999999999999");
    BOOST_TEST(errors[3].field == "kinds");
    BOOST_TEST(errors[3].line == 7); // the offending item's own line
    BOOST_TEST(errors[3].message.en == "item 2 of the list must be a string, not a number");
    BOOST_TEST(errors[4].field == "kinds");
    BOOST_TEST(errors[4].message.en == "item 4 of the list must be a string, not null");
    BOOST_TEST(errors[5].field == "nested");
    BOOST_TEST(errors[5].line == 8);
    BOOST_TEST(errors[5].message.en ==
               "an answer cannot be an object {...}; use true/false, an integer, a string or a list of strings");

    errors = readErrors(withAnswers("[1]"));
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "answers");
    BOOST_TEST(errors[0].message.en == "must be an object {...}, not an array [...]");
}

BOOST_AUTO_TEST_CASE(component_errors)
{
    const std::string text = "{" + kSystem +
                             ",\n"
                             "\"components\": [\n"                                            // 2
                             "  {\"name\": \"A\"},\n"                                         // 3
                             "  {\"answers\": {}},\n"                                         // 4
                             "  {\"name\": \"A\"},\n"                                         // 5
                             "  {\"name\": 5},\n"                                             // 6
                             "  {\"name\": \"\"},\n"                                          // 7
                             "  \"C\",\n"                                                     // 8
                             "  {\"name\": \"D\", \"answers\": {\"x\": 1.5}, \"extra\": 1}\n" // 9
                             "]}";
    Errors errors = readErrors(text);
    BOOST_REQUIRE_EQUAL(errors.size(), 7u);
    BOOST_TEST(errors[0].field == "components[2].name");
    BOOST_TEST(errors[0].line == 4);
    BOOST_TEST(errors[0].message.en == "the component has no \"name\"");
    BOOST_TEST(errors[1].field == "components[3].name");
    BOOST_TEST(errors[1].line == 5);
    BOOST_TEST(errors[1].message.en == "duplicate component name \"A\" (first used at line 3)");
    BOOST_TEST(errors[1].message.vi == "tên thành phần \"A\" bị trùng (đã dùng ở dòng 3)");
    BOOST_TEST(errors[2].field == "components[4].name");
    BOOST_TEST(errors[2].message.en == "must be a string, not a number");
    BOOST_TEST(errors[3].field == "components[5].name");
    BOOST_TEST(errors[3].line == 7);
    BOOST_TEST(errors[3].message.en == "the component name must not be empty");
    BOOST_TEST(errors[4].field == "components[6]");
    BOOST_TEST(errors[4].line == 8);
    BOOST_TEST(errors[4].message.en == "must be an object {...}, not a string");
    BOOST_TEST(errors[5].field == "x");
    BOOST_TEST(errors[5].line == 9);
    BOOST_TEST(errors[5].message.en ==
               "the answer must be an integer (no fraction or exponent): 1.5 (component \"D\")");
    BOOST_TEST(errors[6].field == "components[7].extra");
    BOOST_TEST(errors[6].message.en == "unknown member (expected name, answers)");

    errors = readErrors("{" + kSystem + ", \"components\": {}}");
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].field == "components");
    BOOST_TEST(errors[0].message.en == "must be an array [...], not an object {...}");
}

BOOST_AUTO_TEST_CASE(all_errors_are_collected)
{
    const std::string text = "{\"system\": {\"name\": 1},\n"
                             "\"answers\": {\"a\": 0.5, \"b\": {}},\n"
                             "\"extra\": true,\n"
                             "\"components\": [{}]}";
    Errors errors = readErrors(text);
    // system.name type, system.id/owner/operator missing, a, b, extra, component without name
    BOOST_TEST(errors.size() == 8u);
    for (const auto& e : errors) {
        BOOST_TEST(e.file == "answers.json");
        BOOST_TEST(e.line > 0);
        BOOST_TEST(!e.field.empty());
    }
}

BOOST_AUTO_TEST_CASE(write_is_stable_and_sorted)
{
    SystemDescription s;
    s.id = "S1";
    s.name = "Hệ thống \"A\"";
    s.owner = "Bộ X";
    s.operatorName = "Đơn vị Y";
    s.answers.values["zeta"] = true;
    s.answers.values["alpha"] = std::int64_t{42};
    s.answers.values["kinds"] = Strings{"b", "a"};
    s.answers.values["unanswered"] = std::monostate{};
    s.answers.values["since"] = Date{std::chrono::year{2025}, std::chrono::month{7}, std::chrono::day{1}};
    s.components.push_back(Component{"Cổng", {}});
    s.components[0].answers.values["open"] = false;
    const std::string expected = "{\n"
                                 "  \"system\": {\n"
                                 "    \"id\": \"S1\",\n"
                                 "    \"name\": \"Hệ thống \\\"A\\\"\",\n"
                                 "    \"owner\": \"Bộ X\",\n"
                                 "    \"operator\": \"Đơn vị Y\"\n"
                                 "  },\n"
                                 "  \"answers\": {\n"
                                 "    \"alpha\": 42,\n"
                                 "    \"kinds\": [\n"
                                 "      \"b\",\n"
                                 "      \"a\"\n"
                                 "    ],\n"
                                 "    \"since\": \"2025-07-01\",\n"
                                 "    \"zeta\": true\n"
                                 "  },\n"
                                 "  \"components\": [\n"
                                 "    {\n"
                                 "      \"name\": \"Cổng\",\n"
                                 "      \"answers\": {\n"
                                 "        \"open\": false\n"
                                 "      }\n"
                                 "    }\n"
                                 "  ]\n"
                                 "}\n";
    BOOST_TEST(writeAnswers(s) == expected);
    SystemDescription back = readOk(writeAnswers(s));
    BOOST_TEST(std::get<std::string>(back.answers.get("since")) == "2025-07-01");
    BOOST_TEST(back.answers.lineOf("alpha") == 9);
    BOOST_TEST(back.components[0].answers.lineOf("open") == 21);
}

BOOST_AUTO_TEST_CASE(round_trip_read_write_read)
{
    SystemDescription s;
    s.id = "Robert'); DROP TABLE systems;--";
    s.name = "\"quoted\" \\ back\\slash";
    s.owner = "Ủy ban nhân dân tỉnh 😀";
    s.operatorName = "' OR '1'='1";
    s.organisationId = "</script>";
    s.answers.values["i_min"] = std::int64_t{-9223372036854775807 - 1};
    s.answers.values["i_max"] = std::int64_t{9223372036854775807};
    s.answers.values["yes"] = true;
    s.answers.values["no"] = false;
    s.answers.values["text"] = std::string("x\"; DELETE FROM answers; --\nnew line\ttab\r\n");
    s.answers.values["list"] = Strings{"", "a,b", "[\"]", "ạ"};
    s.answers.values["empty"] = Strings{};
    s.answers.values["key with \"quotes\""] = std::string("v");
    s.components.push_back(Component{"C1", {}});
    s.components.push_back(Component{"C \"2\"", {}});
    s.components[1].answers.values["n"] = std::int64_t{0};

    const std::string written = writeAnswers(s);
    SystemDescription back = readOk(written);
    checkSameSystem(s, back);
    BOOST_TEST(writeAnswers(back) == written);
}

BOOST_AUTO_TEST_CASE(read_answers_file_from_disk)
{
    const auto dir = std::filesystem::temp_directory_path() / ("seclevel_answers_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "a.json").string();
    std::ofstream(path) << "{" << kSystem << ",\n\"answers\": {\"x\": 2.5}}";
    Result<SystemDescription> result = readAnswersFile(path);
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(result.errors()[0].file == path);
    BOOST_TEST(result.errors()[0].line == 2);
    BOOST_TEST(result.errors()[0].field == "x");

    std::ofstream(path) << "{" << kSystem << ",\n\"answers\": {\"x\": 2}}";
    Result<SystemDescription> ok = readAnswersFile(path);
    BOOST_REQUIRE(ok.ok());
    BOOST_TEST(ok->sourceFile == path);
    BOOST_TEST(ok->answers.lineOf("x") == 2);

    const std::string missing = (dir / "missing.json").string();
    Result<SystemDescription> none = readAnswersFile(missing);
    BOOST_REQUIRE(!none.ok());
    BOOST_TEST(none.errors()[0].file == missing);
    std::filesystem::remove_all(dir);
}

// ---- hostile input: component cap, control and bidi characters ---------------------------------------------

namespace {

// An answers file with `count` components, one per line, each "{}" or {"name": "Thành phần N"}.
std::string withComponents(std::size_t count, bool named)
{
    std::string text = "{" + kSystem + ",\n\"components\": [\n";
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            text += ",\n";
        text += named ? "{\"name\": \"Thành phần " + std::to_string(i + 1) + "\", \"answers\": {}}" : "{}";
    }
    return text + "\n]}";
}

} // namespace

BOOST_AUTO_TEST_CASE(component_cap_is_exact)
{
    BOOST_TEST(readOk(withComponents(maxComponentsPerSystem, true)).components.size() == maxComponentsPerSystem);
    const Errors errors = readErrors(withComponents(maxComponentsPerSystem + 1, true));
    BOOST_REQUIRE_EQUAL(errors.size(), 1u);
    BOOST_TEST(errors[0].file == "answers.json");
    BOOST_TEST(errors[0].field == "components[501]");
    BOOST_TEST(errors[0].line == 2 + 501); // line 1: system, line 2: "components": [, then one per line
    BOOST_TEST(errors[0].message.en ==
               "too many components: a system has at most 500; reading stopped at component 501");
    BOOST_TEST(errors[0].message.vi ==
               "quá nhiều thành phần: một hệ thống có tối đa 500 thành phần; dừng đọc ở thành phần thứ 501");
}

BOOST_AUTO_TEST_CASE(hundred_thousand_components_are_refused_fast_and_first)
{
    // Like the hostile test's 5.7 MB file: 100,000 components with empty answers; a few megabytes of JSON.
    // The cap is the only error: nothing else was looked at.
    const auto dir = std::filesystem::temp_directory_path() / ("seclevel_answers_cap_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "many.json").string();
    std::ofstream(path, std::ios::binary) << withComponents(100'000, true);
    const auto start = std::chrono::steady_clock::now();
    Result<SystemDescription> result = readAnswersFile(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST_MESSAGE("100,000 components (" << std::filesystem::file_size(path) << " bytes) refused in " << seconds
                                              << " s");
    std::filesystem::remove_all(dir);
    BOOST_REQUIRE(!result.ok());
    BOOST_REQUIRE_EQUAL(result.errors().size(), 1u);
    BOOST_TEST(result.errors()[0].file == path);
    BOOST_TEST(result.errors()[0].field == "components[501]");
    BOOST_TEST(result.errors()[0].line == 2 + 501);
    BOOST_TEST(result.errors()[0].message.en ==
               "too many components: a system has at most 500; reading stopped at component 501");
    // The parser stops at component 501: the time is reading the file, not parsing 100,000 components (which
    // took 0.2 s in a release build and 4 s under the sanitizers).
    BOOST_TEST(seconds < 1.0);

    // Components without names: the cap is still the only error, nothing else was looked at.
    const Errors unnamed = readErrors(withComponents(100'000, false));
    BOOST_REQUIRE_EQUAL(unnamed.size(), 1u);
    BOOST_TEST(unnamed[0].field == "components[501]");
}

BOOST_AUTO_TEST_CASE(control_and_bidi_characters_in_ids_and_names_are_refused)
{
    struct Case {
        std::string system; // the "system" member
        std::string field;
        std::string start; // how the English message starts
    };
    const Case cases[] = {
        {R"({"id": "S1\u001b[31m", "name": "N", "owner": "O", "operator": "P"})", "system.id",
         "contains the control character U+001B (ESC) at character 3"},
        {R"({"id": " S1", "name": "N", "owner": "O", "operator": "P"})", "system.id",
         "begins with the whitespace U+0020"},
        {R"({"id": "S1\u00a0", "name": "N", "owner": "O", "operator": "P"})", "system.id",
         "ends with the whitespace U+00A0"},
        {R"({"id": "S1", "name": "N\u001b[31m\u0007", "owner": "O", "operator": "P"})", "system.name",
         "contains the control character U+001B (ESC) at character 2"},
        {R"({"id": "S1", "name": "Dòng 1\nDòng 2", "owner": "O", "operator": "P"})", "system.name",
         "contains the control character U+000A (LF) at character 7"},
        {R"({"id": "S1", "name": "N", "owner": "O\u202e", "operator": "P"})", "system.owner",
         "contains the bidirectional control U+202E (RLO) at character 2"},
        {R"({"id": "S1", "name": "N", "owner": "O", "operator": "\u009b2J"})", "system.operator",
         "contains the control character U+009B (CSI) at character 1"},
        {R"({"id": "S1", "name": "N", "owner": "O", "operator": "P", "organisation": "\u2066BNV\u2069"})",
         "system.organisation", "contains the bidirectional control U+2066 (LRI) at character 1"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.system)
        {
            const Errors errors = readErrors("{\n\"system\": " + c.system + "\n}");
            BOOST_REQUIRE_EQUAL(errors.size(), 1u);
            BOOST_TEST(errors[0].file == "answers.json");
            BOOST_TEST(errors[0].line == 2);
            BOOST_TEST(errors[0].field == c.field);
            BOOST_TEST(errors[0].message.en.rfind(c.start, 0) == 0u, errors[0].message.en);
        }
    }
}

BOOST_AUTO_TEST_CASE(control_characters_in_components_and_answers_are_refused)
{
    const Errors component = readErrors("{" + kSystem + ",\n\"components\": [{\"name\": \"Cổng\\u0007\"}]}");
    BOOST_REQUIRE_EQUAL(component.size(), 1u);
    BOOST_TEST(component[0].field == "components[1].name");
    BOOST_TEST(component[0].line == 2);
    BOOST_TEST(component[0].message.en.find("U+0007 (BEL)") != std::string::npos);

    const Errors key = readErrors(withAnswers("{\n\"ke\\u001by\": true}"));
    BOOST_REQUIRE_EQUAL(key.size(), 1u);
    BOOST_TEST(key[0].field == "ke\\x1By"); // the field names the key without the raw escape
    BOOST_TEST(key[0].line == 3);

    const Errors value = readErrors(withAnswers("{\"notes\": \"a\\u001b[2J\", \"kinds\": [\"x\", \"\\u202e\"]}"));
    BOOST_REQUIRE_EQUAL(value.size(), 2u);
    BOOST_TEST(value[0].field == "notes");
    BOOST_TEST(value[1].field == "kinds[2]");

    // Free text keeps line breaks and tabs.
    const SystemDescription ok = readOk(withAnswers("{\"notes\": \"Dòng 1\\r\\nDòng 2\\tcột\"}"));
    BOOST_TEST(std::get<std::string>(ok.answers.values.at("notes")) == "Dòng 1\r\nDòng 2\tcột");
}
