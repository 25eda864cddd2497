#define BOOST_TEST_MODULE json
#include "codec/Json.h"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace seclevel;
using namespace seclevel::json;

namespace {

Node parseOk(std::string_view text)
{
    Result<Node> result = parse(text, "t.json");
    if (!result) {
        for (const auto& e : result.errors())
            BOOST_TEST_MESSAGE(e.describe(Lang::En));
    }
    BOOST_REQUIRE(result.ok());
    return *result;
}

Error parseError(std::string_view text, std::size_t maxBytes = kDefaultMaxBytes)
{
    Result<Node> result = parse(text, "t.json", maxBytes);
    BOOST_REQUIRE(!result.ok());
    BOOST_REQUIRE_EQUAL(result.errors().size(), 1u);
    return result.errors().front();
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

struct TempDir {
    std::filesystem::path path;
    TempDir()
    {
        path = std::filesystem::temp_directory_path() / ("seclevel_json_test_" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string write(const std::string& name, const std::string& content) const
    {
        const auto file = path / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
};

} // namespace

// ---- valid documents ----

BOOST_AUTO_TEST_CASE(scalars)
{
    BOOST_TEST(parseOk("null").isNull());
    BOOST_TEST(parseOk("true").boolean == true);
    BOOST_TEST(parseOk("false").isBoolean());
    BOOST_TEST(parseOk("false").boolean == false);
    BOOST_TEST(parseOk("\"\"").isString());
    BOOST_TEST(parseOk("\"\"").text == "");
    BOOST_TEST(parseOk("  \n\t 42 \r\n").integer == 42);
}

BOOST_AUTO_TEST_CASE(integers_keep_int64_exactly)
{
    Node n = parseOk("-9223372036854775808");
    BOOST_TEST(n.isInteger);
    BOOST_TEST(n.integer == std::numeric_limits<std::int64_t>::min());
    n = parseOk("9223372036854775807");
    BOOST_TEST(n.isInteger);
    BOOST_TEST(n.integer == std::numeric_limits<std::int64_t>::max());
    n = parseOk("-0");
    BOOST_TEST(n.isInteger);
    BOOST_TEST(n.integer == 0);
    BOOST_TEST(n.text == "-0");
}

BOOST_AUTO_TEST_CASE(non_integers_are_numbers_but_not_integers)
{
    for (const char* text : {"12.5", "12.0", "1e3", "1E+3", "-0.5e-2", "9223372036854775808", "-9223372036854775809"}) {
        Node n = parseOk(text);
        BOOST_TEST(n.isNumber());
        BOOST_TEST_INFO("input: " << text);
        BOOST_TEST(!n.isInteger);
        BOOST_TEST(n.integer == 0);
        BOOST_TEST(n.text == text);
    }
    BOOST_TEST(*parseOk("12.5").asDouble() == 12.5);
    BOOST_TEST(*parseOk("-0.5e-2").asDouble() == -0.005);
}

BOOST_AUTO_TEST_CASE(huge_numbers_are_kept_as_text)
{
    const std::string digits(400, '9');
    Node n = parseOk(digits);
    BOOST_TEST(!n.isInteger);
    BOOST_TEST(n.text == digits);
    BOOST_TEST(!n.asDouble().has_value()); // out of double range
    n = parseOk("1e999999999999999999999");
    BOOST_TEST(!n.isInteger);
    BOOST_TEST(!n.asDouble().has_value());
    n = parseOk(std::string("-").append(100000, '1'));
    BOOST_TEST(n.text.size() == 100001u);
}

BOOST_AUTO_TEST_CASE(strings_are_fully_unescaped)
{
    BOOST_TEST(parseOk(R"("a\"b\\c\/d\b\f\n\r\t")").text == "a\"b\\c/d\b\f\n\r\t");
    BOOST_TEST(parseOk(R"("\u0041\u00e9\u1EA1")").text == "Aé\xE1\xBA\xA1"); // A é ạ
    BOOST_TEST(parseOk(R"("\uD83D\uDE00")").text == "\xF0\x9F\x98\x80");     // 😀 from a surrogate pair
    BOOST_TEST(parseOk(R"("\uDBFF\uDFFF")").text == "\xF4\x8F\xBF\xBF");     // U+10FFFF
    BOOST_TEST(parseOk("\"Cấp độ 3 — hệ thống 😀\"").text == "Cấp độ 3 — hệ thống 😀");
    BOOST_TEST(parseOk("\"\x7F\"").text == "\x7F"); // DEL is not a control character for JSON
}

BOOST_AUTO_TEST_CASE(objects_keep_member_order_and_arrays_their_items)
{
    Node n = parseOk(R"({"z": 1, "a": [true, null, "x", {"k": []}], "m": {}})");
    BOOST_REQUIRE(n.isObject());
    BOOST_REQUIRE_EQUAL(n.members.size(), 3u);
    BOOST_TEST(n.members[0].key == "z");
    BOOST_TEST(n.members[1].key == "a");
    BOOST_TEST(n.members[2].key == "m");
    const Node* a = n.find("a");
    BOOST_REQUIRE(a);
    BOOST_REQUIRE_EQUAL(a->items.size(), 4u);
    BOOST_TEST(a->items[0].boolean);
    BOOST_TEST(a->items[1].isNull());
    BOOST_TEST(a->items[2].text == "x");
    BOOST_TEST(a->items[3].find("k")->isArray());
    BOOST_TEST(a->items[3].find("k")->items.empty());
    BOOST_TEST(n.find("m")->isObject());
    BOOST_TEST(n.find("m")->members.empty());
    BOOST_TEST(n.find("nope") == nullptr);
    BOOST_TEST(a->find("z") == nullptr); // not an object
}

BOOST_AUTO_TEST_CASE(lines_and_columns_of_nested_values)
{
    const std::string text = "{\n"
                             "  \"system\": {\n"
                             "    \"id\": \"X\",\n"
                             "    \"list\": [\n"
                             "      1,\n"
                             "\r\n"
                             "      \"độ\", \"b\"\n"
                             "    ]\n"
                             "  }\n"
                             "}\n";
    Node n = parseOk(text);
    BOOST_TEST(n.line == 1);
    BOOST_TEST(n.column == 1);
    const Node* system = n.find("system");
    BOOST_TEST(system->line == 2);
    BOOST_TEST(system->column == 13);
    BOOST_TEST(system->find("id")->line == 3);
    BOOST_TEST(system->find("id")->column == 11);
    const Node* list = system->find("list");
    BOOST_TEST(list->line == 4);
    BOOST_TEST(list->items[0].line == 5);
    BOOST_TEST(list->items[0].column == 7);
    BOOST_TEST(list->items[1].line == 7);
    BOOST_TEST(list->items[1].column == 7);
    BOOST_TEST(list->items[2].line == 7);
    BOOST_TEST(list->items[2].column == 13); // counted in characters: "độ" is 4 characters wide with quotes
}

BOOST_AUTO_TEST_CASE(leading_bom_is_allowed_elsewhere_not)
{
    Node n = parseOk("\xEF\xBB\xBF{\"a\": 1}");
    BOOST_TEST(n.find("a")->integer == 1);
    BOOST_TEST(n.column == 1);
    Error e = parseError("{\"a\": \xEF\xBB\xBF 1}");
    BOOST_TEST(e.line == 1);
    BOOST_TEST(contains(e.message.en, "expected a JSON value"));
}

// ---- errors: exact messages, lines, fields ----

BOOST_AUTO_TEST_CASE(missing_colon_names_key_and_line)
{
    Error e = parseError("{\n  \"a\": 1,\n  \"bee\" 2\n}");
    BOOST_TEST(e.file == "t.json");
    BOOST_TEST(e.line == 3);
    BOOST_TEST(e.field == "bee");
    BOOST_TEST(e.message.vi == "thiếu dấu ':' sau tên khóa");
    BOOST_TEST(e.message.en == "expected ':' after object key");
    BOOST_TEST(e.describe(Lang::En) == "t.json:3: bee: expected ':' after object key");
}

BOOST_AUTO_TEST_CASE(duplicate_key_names_key_and_both_lines)
{
    Error e = parseError("{\"outer\": {\n  \"k\": 1,\n  \"other\": 2,\n  \"k\": 3\n}}");
    BOOST_TEST(e.line == 4);
    BOOST_TEST(e.field == "k");
    BOOST_TEST(e.message.en == "duplicate key \"k\" (first at line 2)");
    BOOST_TEST(e.message.vi == "khóa \"k\" bị lặp (đã có ở dòng 2)");
    // The same key in different objects is fine.
    BOOST_TEST(parseOk(R"({"a": {"k": 1}, "b": {"k": 2}})").members.size() == 2u);
}

BOOST_AUTO_TEST_CASE(error_field_is_the_innermost_key)
{
    Error e = parseError("{\"system\": {\"id\": tru}}");
    BOOST_TEST(e.field == "id");
    BOOST_TEST(e.message.en == "invalid literal (expected true, false or null)");
    e = parseError("{\"a\": {\"b\": 1}, \"c\": [1 2]}");
    BOOST_TEST(e.field == "c");
    BOOST_TEST(e.message.en == "expected ',' or ']' in array, found character '2'");
    e = parseError("[1, 2,]");
    BOOST_TEST(e.field == "");
    BOOST_TEST(e.message.en == "trailing comma before ']'");
}

BOOST_AUTO_TEST_CASE(syntax_errors)
{
    struct Case {
        std::string text;
        int line;
        std::string en;
    };
    const Case cases[] = {
        {"", 1, "no JSON value (the input is empty)"},
        {"  \n \n", 3, "no JSON value (the input is empty)"},
        {"{\"a\": 1} x", 1, "unexpected character 'x' after the JSON value"},
        {"[1]\n]", 2, "unexpected character ']' after the JSON value"},
        {"{\"a\": 1,}", 1, "trailing comma before '}'"},
        {"{,}", 1, "expected an object key in double quotes, found character ','"},
        {"{'a': 1}", 1, "expected an object key in double quotes, found character '''"},
        {"{a: 1}", 1, "expected an object key in double quotes, found character 'a'"},
        {"{\"a\": 1 \"b\": 2}", 1, "expected ',' or '}' in object, found character '\"'"},
        {"{\"a\": 1", 1, "unexpected end of input: missing '}' to close the object"},
        {"[1,\n2", 2, "unexpected end of input: missing ']' to close the array"},
        {"{\"a\":", 1, "unexpected end of input: expected a JSON value"},
        {"\"abc", 1, "unterminated string (missing \")"},
        {"\"abc\\", 1, "unterminated string (missing \")"},
        {"[\n\"a\\x\"]", 2, "invalid escape sequence: \\ before character 'x'"},
        {"\"\\u12G4\"", 1, "\\u must be followed by 4 hex digits"},
        {"\"\\u12", 1, "\\u must be followed by 4 hex digits"},
        {"01", 1, "invalid number: leading zeros are not allowed"},
        {"-", 1, "invalid number: expected a digit after '-'"},
        {"-a", 1, "invalid number: expected a digit after '-'"},
        {"1.", 1, "invalid number: expected a digit after '.'"},
        {".5", 1, "unexpected character '.': expected a JSON value"},
        {"1e", 1, "invalid number: expected a digit in the exponent"},
        {"1e+", 1, "invalid number: expected a digit in the exponent"},
        {"+1", 1, "unexpected character '+': expected a JSON value"},
        {"NaN", 1, "unexpected character 'N': expected a JSON value"},
        {"Infinity", 1, "unexpected character 'I': expected a JSON value"},
        {"True", 1, "unexpected character 'T': expected a JSON value"},
        {"nul", 1, "invalid literal (expected true, false or null)"},
        {"[1] // comment", 1, "unexpected character '/' after the JSON value"},
        {"/* c */ 1", 1, "unexpected character '/': expected a JSON value"},
        {"\"a\tb\"", 1, "control character U+0009 is not allowed in a string (escape it, e.g. \\n)"},
        {"\"line\nbreak\"", 1, "control character U+000A is not allowed in a string (escape it, e.g. \\n)"},
        {"\xC3\xA9", 1, "unexpected character 'é': expected a JSON value"},
    };
    for (const auto& c : cases) {
        Result<Node> result = parse(c.text, "t.json");
        BOOST_TEST_CONTEXT("input: " << c.text)
        {
            BOOST_REQUIRE(!result.ok());
            BOOST_TEST(result.errors().size() == 1u);
            BOOST_TEST(result.errors()[0].line == c.line);
            BOOST_TEST(result.errors()[0].message.en == c.en);
            BOOST_TEST(!result.errors()[0].message.vi.empty());
            BOOST_TEST(result.errors()[0].message.vi != result.errors()[0].message.en);
        }
    }
}

// ---- hostile input ----

BOOST_AUTO_TEST_CASE(deep_nesting_is_a_clean_error)
{
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    Error e = parseError(deep);
    BOOST_TEST(e.line == 1);
    BOOST_TEST(e.message.en == "nesting too deep: at most 200 levels");
    BOOST_TEST(e.message.vi == "cấu trúc lồng quá sâu: tối đa 200 cấp");

    std::string objects;
    for (int i = 0; i < 10000; ++i)
        objects += "{\"k\":";
    Error e2 = parseError(objects);
    BOOST_TEST(e2.message.en == "nesting too deep: at most 200 levels");
    BOOST_TEST(e2.field == "k");

    // Exactly at the limit is accepted, one more is not.
    BOOST_TEST(parseOk(std::string(200, '[') + std::string(200, ']')).isArray());
    BOOST_TEST(parseError(std::string(201, '[') + std::string(201, ']')).message.en ==
               "nesting too deep: at most 200 levels");
}

BOOST_AUTO_TEST_CASE(input_above_the_size_limit_is_a_clean_error)
{
    std::string big(kDefaultMaxBytes + 1, ' ');
    big[0] = '1';
    Error e = parseError(big);
    BOOST_TEST(e.file == "t.json");
    BOOST_TEST(e.line == 0);
    BOOST_TEST(e.message.en == "input too large: 52428801 bytes, at most 52428800 allowed");
    BOOST_TEST(e.message.vi == "dữ liệu quá lớn: 52428801 byte, tối đa 52428800 byte");
    // Exactly at the limit is parsed.
    big.pop_back();
    BOOST_TEST(parseOk(big).integer == 1);
    // A caller-chosen limit.
    BOOST_TEST(parseError("[1, 2]", 5).message.en == "input too large: 6 bytes, at most 5 allowed");
}

BOOST_AUTO_TEST_CASE(too_many_values_is_a_clean_error)
{
    // The array itself plus n numbers.
    const auto arrayOf = [](std::size_t n) {
        std::string text = "[";
        for (std::size_t i = 0; i + 1 < n; ++i)
            text += "0,";
        return text + "0]";
    };
    Error e = parseError(arrayOf(kMaxValues));
    BOOST_TEST(e.message.en == "too many values: at most 1000000");
    BOOST_TEST(e.message.vi == "quá nhiều giá trị: tối đa 1000000");
    BOOST_TEST(parseOk(arrayOf(kMaxValues - 1)).items.size() == kMaxValues - 1);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_rejected)
{
    struct Case {
        std::string bytes;
        std::string en;
    };
    const Case cases[] = {
        {"\"\xFF\"", "invalid UTF-8 in string (byte 0xFF)"},
        {"\"\x80\"", "invalid UTF-8 in string (byte 0x80)"},             // lone continuation byte
        {"\"\xC0\xAF\"", "invalid UTF-8 in string (byte 0xC0)"},         // overlong '/'
        {"\"\xE0\x80\xAF\"", "invalid UTF-8 in string (byte 0xE0)"},     // overlong
        {"\"\xED\xA0\x80\"", "invalid UTF-8 in string (byte 0xED)"},     // encoded surrogate U+D800
        {"\"\xF4\x90\x80\x80\"", "invalid UTF-8 in string (byte 0xF4)"}, // above U+10FFFF
        {"\"\xC3\"", "invalid UTF-8 in string (byte 0xC3)"},             // truncated sequence
        {"\"ab\xE1\xBA\"", "invalid UTF-8 in string (byte 0xE1)"},       // truncated at the end
        {"\xFF", "unexpected byte 0xFF (invalid UTF-8): expected a JSON value"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("case " << c.en)
        {
            BOOST_TEST(parseError(c.bytes).message.en == c.en);
        }
    }
    BOOST_TEST(isValidUtf8("Cấp độ 😀"));
    BOOST_TEST(!isValidUtf8("\xED\xA0\x80"));
    BOOST_TEST(!isValidUtf8("a\xC3"));
}

BOOST_AUTO_TEST_CASE(lone_surrogates_are_rejected)
{
    BOOST_TEST(parseError(R"("\uD800")").message.en == "lone high surrogate \\uD800 (no low surrogate follows)");
    BOOST_TEST(parseError(R"("\uD800x")").message.en == "lone high surrogate \\uD800 (no low surrogate follows)");
    BOOST_TEST(parseError(R"("\uDC00")").message.en == "lone low surrogate \\uDC00");
    BOOST_TEST(parseError(R"("\uD800\u0041")").message.en ==
               "high surrogate \\uD800 followed by \\u0041, not a low surrogate");
    BOOST_TEST(parseError(R"("\uD800\uD800")").message.en ==
               "high surrogate \\uD800 followed by \\uD800, not a low surrogate");
}

BOOST_AUTO_TEST_CASE(nul_bytes_are_rejected)
{
    using namespace std::string_literals;
    BOOST_TEST(parseError("\"a\0b\""s).message.en ==
               "control character U+0000 is not allowed in a string (escape it, e.g. \\n)");
    BOOST_TEST(parseError("[1,\0]"s).message.en == "unexpected control character U+0000: expected a JSON value");
    BOOST_TEST(parseError("1\0"s).message.en == "unexpected control character U+0000 after the JSON value");
    BOOST_TEST(parseError(R"("a\u0000b")").message.en == "the NUL character (\\u0000) is not accepted in strings");
}

BOOST_AUTO_TEST_CASE(unclosed_containers_many_levels_deep)
{
    // 198 open containers (within the depth limit) never closed: a clean end-of-input error, not a crash.
    std::string text;
    for (int i = 0; i < 99; ++i)
        text += "{\"k\":[";
    Error e = parseError(text);
    BOOST_TEST(e.message.en == "unexpected end of input: expected a JSON value");
}

// ---- files ----

BOOST_AUTO_TEST_CASE(parse_file_reads_and_names_the_file)
{
    TempDir dir;
    const std::string good = dir.write("good.json", "{\n  \"a\": [1, 2]\n}\n");
    Result<Node> ok = parseFile(good);
    BOOST_REQUIRE(ok.ok());
    BOOST_TEST(ok->find("a")->items[1].integer == 2);
    BOOST_TEST(ok->find("a")->line == 2);

    const std::string bad = dir.write("bad.json", "{\n  \"a\" 1\n}");
    Result<Node> err = parseFile(bad);
    BOOST_REQUIRE(!err.ok());
    BOOST_TEST(err.errors()[0].file == bad);
    BOOST_TEST(err.errors()[0].line == 2);

    const std::string missing = (dir.path / "missing.json").string();
    Result<Node> none = parseFile(missing);
    BOOST_REQUIRE(!none.ok());
    BOOST_TEST(none.errors()[0].file == missing);
    BOOST_TEST(none.errors()[0].message.en == "cannot open the JSON file: it does not exist");
    BOOST_TEST(contains(none.errors()[0].describe(Lang::Vi), missing));

    Result<Node> directory = parseFile(dir.path.string());
    BOOST_REQUIRE(!directory.ok());
    BOOST_TEST(directory.errors()[0].message.en == "the JSON file is a directory, not a regular file");

    const std::string large = dir.write("large.json", std::string("[").append(100, ' ') + "]");
    Result<Node> tooLarge = parseFile(large, 50);
    BOOST_REQUIRE(!tooLarge.ok());
    BOOST_TEST(tooLarge.errors()[0].file == large);
    BOOST_TEST(tooLarge.errors()[0].message.en == "the JSON file is too large: 102 bytes, at most 50 bytes");
    BOOST_TEST(parseFile(large, 102).ok());
}

// ---- writer ----

BOOST_AUTO_TEST_CASE(writer_pretty_prints_stably)
{
    Writer w;
    w.beginObject();
    w.member("name", "Hệ thống \"A\"");
    w.member("level", 3);
    w.member("big", std::int64_t{-9223372036854775807 - 1});
    w.member("ok", true);
    w.key("none").null();
    w.key("empty_list").beginArray().endArray();
    w.key("empty_object").beginObject().endObject();
    w.key("list").beginArray().value("a").value(std::size_t{2}).beginObject().member("x", false).endObject().endArray();
    w.member("ratio", 0.25);
    w.endObject();
    BOOST_TEST(w.complete());
    const std::string expected = "{\n"
                                 "  \"name\": \"Hệ thống \\\"A\\\"\",\n"
                                 "  \"level\": 3,\n"
                                 "  \"big\": -9223372036854775808,\n"
                                 "  \"ok\": true,\n"
                                 "  \"none\": null,\n"
                                 "  \"empty_list\": [],\n"
                                 "  \"empty_object\": {},\n"
                                 "  \"list\": [\n"
                                 "    \"a\",\n"
                                 "    2,\n"
                                 "    {\n"
                                 "      \"x\": false\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"ratio\": 0.25\n"
                                 "}\n";
    BOOST_TEST(w.str() == expected);
    BOOST_TEST(write(parseOk(expected)) == expected);
}

BOOST_AUTO_TEST_CASE(writer_top_level_scalars)
{
    BOOST_TEST(Writer().value("x").str() == "\"x\"\n");
    BOOST_TEST(Writer().value(std::numeric_limits<double>::infinity()).str() == "null\n");
    BOOST_TEST(Writer().beginArray().endArray().str() == "[]\n");
}

BOOST_AUTO_TEST_CASE(quote_escapes_what_json_requires)
{
    using namespace std::string_literals;
    BOOST_TEST(quote("plain") == "\"plain\"");
    BOOST_TEST(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
    BOOST_TEST(quote("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
    BOOST_TEST(quote("\x01\x1F\x7F"s) == "\"\\u0001\\u001F\\u007F\"");
    BOOST_TEST(quote("a\0b"s) == "\"a\\u0000b\"");
    BOOST_TEST(quote("độ 😀 /") == "\"độ 😀 /\""); // UTF-8 kept, '/' not escaped
    BOOST_TEST(quote("a\xFF"
                     "b\xC3") == "\"a\xEF\xBF\xBD"
                                 "b\xEF\xBF\xBD\""); // invalid bytes → U+FFFD
}

BOOST_AUTO_TEST_CASE(hostile_strings_round_trip)
{
    using namespace std::string_literals;
    const std::string strings[] = {
        "Robert'); DROP TABLE systems;--",
        "' OR '1'='1",
        "\"; DELETE FROM answers WHERE \"\"=\"",
        R"(\"\\\u0000 not an escape)",
        "</script><script>alert(1)</script>",
        "tab\there\nnew line\r\n\x01\x1F\x7F",
        "Bộ Nội vụ — Cổng dịch vụ công 😀 \u2028\u2029",
        "",
        std::string(100000, '"'),
    };
    for (const auto& s : strings) {
        Writer w;
        w.beginObject().member(s, s).key("list").beginArray().value(s).endArray().endObject();
        Node n = parseOk(w.str());
        BOOST_REQUIRE_EQUAL(n.members.size(), 2u);
        BOOST_TEST(n.members[0].key == s);
        BOOST_TEST(n.members[0].value.text == s);
        BOOST_TEST(n.find("list")->items[0].text == s);
    }
}

BOOST_AUTO_TEST_CASE(writer_misuse_throws)
{
    BOOST_CHECK_THROW(Writer().beginObject().value(1), std::logic_error);
    BOOST_CHECK_THROW(Writer().key("a"), std::logic_error);
    BOOST_CHECK_THROW(Writer().beginArray().key("a"), std::logic_error);
    BOOST_CHECK_THROW(Writer().beginObject().endArray(), std::logic_error);
    BOOST_CHECK_THROW(Writer().beginArray().endObject(), std::logic_error);
    BOOST_CHECK_THROW(Writer().beginObject().key("a").endObject(), std::logic_error);
    BOOST_CHECK_THROW(Writer().beginObject().key("a").key("b"), std::logic_error);
    BOOST_CHECK_THROW(Writer().value(1).value(2), std::logic_error);
    BOOST_CHECK_THROW(Writer().endObject(), std::logic_error);
    BOOST_TEST(!Writer().beginObject().complete());
}

BOOST_AUTO_TEST_CASE(dom_round_trip)
{
    const std::string text = R"({"a": [1, -2.5e3, "x\u00e9", null, true, {"b": {}}], "c": "\uD83D\uDE00"})";
    const Node first = parseOk(text);
    const std::string written = write(first);
    const Node second = parseOk(written);
    BOOST_TEST(write(second) == written);
    BOOST_TEST(second.find("a")->items[1].text == "-2.5e3");
    BOOST_TEST(second.find("a")->items[2].text == "xé");
    BOOST_TEST(second.find("c")->text == "😀");
}

BOOST_AUTO_TEST_CASE(array_item_cap_stops_the_parser_at_the_first_item_too_many)
{
    const ArrayItemCap cap{"items", 2, {"quá nhiều", "too many"}};
    BOOST_TEST(parse(R"({"items": [1, 2], "other": [1, 2, 3]})", "cap.json", cap).ok());
    BOOST_TEST(parse(R"({"x": {"items": []}})", "cap.json", cap).ok());

    auto refused = parse("{\"items\": [1,\n 2,\n 3,\n 4]}", "cap.json", cap);
    BOOST_REQUIRE(!refused.ok());
    BOOST_REQUIRE_EQUAL(refused.errors().size(), 1u);
    BOOST_TEST(refused.errors()[0].file == "cap.json");
    BOOST_TEST(refused.errors()[0].line == 3);
    BOOST_TEST(refused.errors()[0].field == "items[3]");
    BOOST_TEST(refused.errors()[0].message.en == "too many");
    // At any depth, and whatever the items are; what follows the cut is never looked at (here: invalid JSON).
    auto nested = parse(R"({"a": [{"items": [{}, {}, {}, ]}]})", "cap.json", cap);
    BOOST_REQUIRE(!nested.ok());
    BOOST_TEST(nested.errors()[0].field == "items[3]");
}
