// core/TextSafety: which characters ids, names and free text refuse, what the errors say, and how output
// escapes what got through.
#define BOOST_TEST_MODULE text_safety
#include "core/TextSafety.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace seclevel;

namespace {

// U+202A..U+202E and U+2066..U+2069 in UTF-8.
const std::string LRE = "\xE2\x80\xAA", RLO = "\xE2\x80\xAE", LRI = "\xE2\x81\xA6", PDI = "\xE2\x81\xA9";
const std::string CSI = "\xC2\x9B"; // U+009B
const std::string NBSP = "\xC2\xA0", ZWSP = "\xE2\x80\x8B", IDEOGRAPHIC_SPACE = "\xE3\x80\x80";

std::string englishProblem(const std::optional<Error>& e)
{
    return e ? e->message.en : std::string("none");
}

} // namespace

BOOST_AUTO_TEST_CASE(classifies_code_points_at_the_edges_of_the_ranges)
{
    BOOST_TEST(isControlCharacter(0x00));
    BOOST_TEST(isControlCharacter(0x1F));
    BOOST_TEST(!isControlCharacter(0x20));
    BOOST_TEST(!isControlCharacter(0x7E));
    BOOST_TEST(isControlCharacter(0x7F));
    BOOST_TEST(isControlCharacter(0x80));
    BOOST_TEST(isControlCharacter(0x9F));
    BOOST_TEST(!isControlCharacter(0xA0));
    BOOST_TEST(!isBidiControl(0x2029));
    BOOST_TEST(isBidiControl(0x202A));
    BOOST_TEST(isBidiControl(0x202E));
    BOOST_TEST(!isBidiControl(0x202F));
    BOOST_TEST(!isBidiControl(0x2065));
    BOOST_TEST(isBidiControl(0x2066));
    BOOST_TEST(isBidiControl(0x2069));
    BOOST_TEST(!isBidiControl(0x206A));
}

BOOST_AUTO_TEST_CASE(safe_identifiers)
{
    BOOST_TEST(isSafeIdentifier("BNV-QLVB"));
    BOOST_TEST(isSafeIdentifier("HN-DVC-01"));
    BOOST_TEST(isSafeIdentifier("Hà Nam 01")); // inner spaces and Vietnamese letters are fine
    BOOST_TEST(!isSafeIdentifier(""));
    BOOST_TEST(!isSafeIdentifier(" BNV"));
    BOOST_TEST(!isSafeIdentifier("BNV "));
    BOOST_TEST(!isSafeIdentifier("BNV\t"));
    BOOST_TEST(!isSafeIdentifier(NBSP + "BNV"));
    BOOST_TEST(!isSafeIdentifier("BNV" + ZWSP));
    BOOST_TEST(!isSafeIdentifier("BNV" + IDEOGRAPHIC_SPACE));
    BOOST_TEST(!isSafeIdentifier("BNV\x1B[31m"));
    BOOST_TEST(!isSafeIdentifier("BNV\x07"));
    BOOST_TEST(!isSafeIdentifier("BN" + CSI + "V"));
    BOOST_TEST(!isSafeIdentifier("BN" + RLO + "V"));
    BOOST_TEST(!isSafeIdentifier("BN" + LRI + "V" + PDI));
    BOOST_TEST(!isSafeIdentifier("BNV\xFF"));
    BOOST_TEST(!isSafeIdentifier(std::string("BN\0V", 4)));
}

BOOST_AUTO_TEST_CASE(identifier_errors_name_file_line_field_and_the_character)
{
    auto e = checkIdentifier("A\x1B[31m", "system.id", "answers.json", 3);
    BOOST_REQUIRE(e.has_value());
    BOOST_TEST(e->file == "answers.json");
    BOOST_TEST(e->line == 3);
    BOOST_TEST(e->field == "system.id");
    BOOST_TEST(
        e->message.en ==
        "contains the control character U+001B (ESC) at character 2; control characters are not allowed in an identifier");
    BOOST_TEST(e->message.vi ==
               "chứa ký tự điều khiển U+001B (ESC) ở ký tự thứ 2; mã định danh không được chứa ký tự điều khiển");
    BOOST_TEST(e->describe(Lang::En).rfind("answers.json:3: system.id: contains", 0) == 0u);

    BOOST_TEST(englishProblem(checkIdentifier(" A", "id")) ==
               "begins with the whitespace U+0020; an identifier has no leading or trailing whitespace");
    BOOST_TEST(englishProblem(checkIdentifier("A" + NBSP, "id")) ==
               "ends with the whitespace U+00A0; an identifier has no leading or trailing whitespace");
    BOOST_TEST(englishProblem(checkIdentifier("Hà" + RLO + "Nam", "id")) ==
               "contains the bidirectional control U+202E (RLO) at character 3; it is not allowed in an identifier "
               "(the text would display in another order than it is stored)");
    BOOST_TEST(englishProblem(checkIdentifier("ab\xC3", "id")) == "is not valid UTF-8 (byte 3)");
    // Emptiness is the caller's rule.
    BOOST_TEST(!checkIdentifier("", "id").has_value());
}

BOOST_AUTO_TEST_CASE(names_refuse_every_control_including_line_breaks)
{
    BOOST_TEST(!checkName("Cổng dịch vụ công trực tuyến", "name").has_value());
    BOOST_TEST(!checkName(" leading and trailing spaces are a name's own business ", "name").has_value());
    BOOST_TEST(
        englishProblem(checkName("Trung tâm\nPhòng", "name")) ==
        "contains the control character U+000A (LF) at character 10; control characters are not allowed in a name");
    BOOST_TEST(
        englishProblem(checkName("a\tb", "name")) ==
        "contains the control character U+0009 (TAB) at character 2; control characters are not allowed in a name");
    BOOST_TEST(
        englishProblem(checkName("ding\x07", "name")) ==
        "contains the control character U+0007 (BEL) at character 5; control characters are not allowed in a name");
    BOOST_TEST(
        englishProblem(checkName("x\x7F", "name")) ==
        "contains the control character U+007F (DEL) at character 2; control characters are not allowed in a name");
    BOOST_TEST(
        englishProblem(checkName(CSI + "31m", "name")) ==
        "contains the control character U+009B (CSI) at character 1; control characters are not allowed in a name");
    for (const auto& bidi : {LRE, RLO, LRI, PDI})
        BOOST_TEST(englishProblem(checkName("ab" + bidi, "name")).find("bidirectional control") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(free_text_keeps_tab_and_line_breaks_only)
{
    BOOST_TEST(!checkFreeText("Dòng 1\r\nDòng 2\tcột\n", "how").has_value());
    BOOST_TEST(englishProblem(checkFreeText("x\x1B[2J", "how")) ==
               "contains the control character U+001B (ESC) at character 2; control characters are not allowed in text "
               "(except tab and line breaks)");
    BOOST_TEST(checkFreeText(std::string("a\0b", 3), "how").has_value());
    BOOST_TEST(checkFreeText("a" + CSI, "how").has_value());
    BOOST_TEST(checkFreeText("12" + RLO + "345", "how").has_value());
}

BOOST_AUTO_TEST_CASE(escapes_are_visible_and_leave_other_text_alone)
{
    BOOST_TEST(escapeUnsafeCharacters("Hệ thống \x1B[31mđỏ\x07") == "Hệ thống \\x1B[31mđỏ\\x07");
    BOOST_TEST(escapeUnsafeCharacters("abc" + RLO + "def") == "abc\\u202Edef");
    BOOST_TEST(escapeUnsafeCharacters(LRI + PDI) == "\\u2066\\u2069");
    BOOST_TEST(escapeUnsafeCharacters(CSI + "2J") == "\\u009B2J");
    BOOST_TEST(escapeUnsafeCharacters("a\x7F") == "a\\x7F");
    BOOST_TEST(escapeUnsafeCharacters("bad \xFF byte") == "bad \\xFF byte");
    BOOST_TEST(escapeUnsafeCharacters(std::string("nul\0", 4)) == "nul\\x00");
    BOOST_TEST(escapeUnsafeCharacters("one\ntwo\tthree\r") == "one\\x0Atwo\\x09three\\x0D");
    BOOST_TEST(escapeUnsafeCharacters("one\ntwo\tthree\r", true) == "one\ntwo\tthree\\x0D");
    const std::string vietnamese = "Ủy ban nhân dân tỉnh Hà Nam — cấp độ 3 😀";
    BOOST_TEST(escapeUnsafeCharacters(vietnamese) == vietnamese);
}
