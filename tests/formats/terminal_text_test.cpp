// formats/text/TerminalText and its use in AssessmentText: stored text never reaches the terminal raw.
#define BOOST_TEST_MODULE terminal_text
#include "formats/text/AssessmentText.h"
#include "formats/text/TerminalText.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace seclevel;

namespace {

const std::string RLO = "\xE2\x80\xAE"; // U+202E
const std::string CSI = "\xC2\x9B";     // U+009B

// No byte of the C0 set other than line feed (and tab), no DEL, no C1 or bidi control in UTF-8.
bool terminalClean(const std::string& text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            return false;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return false;
        if (text.compare(i, 2, "\xE2\x80") == 0 && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 2]) >= 0xAA && static_cast<unsigned char>(text[i + 2]) <= 0xAE)
            return false;
        if (text.compare(i, 2, "\xE2\x81") == 0 && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 2]) >= 0xA6 && static_cast<unsigned char>(text[i + 2]) <= 0xA9)
            return false;
    }
    return true;
}

} // namespace

BOOST_AUTO_TEST_CASE(terminal_safe_escapes_controls_and_keeps_lines)
{
    BOOST_TEST(terminalSafe("Tên\x1B[31m đỏ\x07\nDòng 2\tcột") == "Tên\\x1B[31m đỏ\\x07\nDòng 2\tcột");
    BOOST_TEST(terminalSafe("ghi đè\rxóa") == "ghi đè\\x0Dxóa");
    BOOST_TEST(terminalSafe("abc" + RLO + "fed") == "abc\\u202Efed");
    BOOST_TEST(terminalSafe(CSI + "2J") == "\\u009B2J");
    BOOST_TEST(terminalSafe("Hà Nam") == "Hà Nam");
    // Idempotent: escaping escaped text changes nothing.
    const std::string once = terminalSafe("a\x1B" + RLO);
    BOOST_TEST(terminalSafe(once) == once);
}

BOOST_AUTO_TEST_CASE(assessment_text_escapes_every_stored_text)
{
    // Data from an old database or an import that predates the input checks.
    SystemDescription system;
    system.id = "ID\x1B]0;owned\x07";
    system.name = "Hệ thống\x1B[31m đỏ\nCấp độ đề xuất: 1";
    RuleSet rs;
    rs.id = "VN-2026";
    rs.version = "1.0.0";
    rs.title = {"Bộ quy tắc " + RLO + "lật", "Rules " + RLO + "flipped"};
    Assessment a;
    a.derivedLevel = 3;
    a.proposedLevel = 4;
    a.justification = "Lý do\r\ndòng 2\x1B[2J";
    ComponentResult component;
    component.name = "Cổng" + CSI + "31m";
    component.level = 3;
    component.fired.push_back(FiredCriterion{"c1",
                                             3,
                                             "NĐ331 Art 13.2.b\x07",
                                             {"tiêu chí\x1B", "criterion\x1B"},
                                             CriterionKind::Criterion,
                                             {{"key\x1B", std::string("giá trị\x1B\n")}}});
    a.components.push_back(component);
    a.warnings.push_back(RaisedWarning{"A6\x1B", "NĐ331\x07", {"cảnh báo\x1B", "warning\x1B"}, component.name});

    for (const Lang lang : {Lang::Vi, Lang::En}) {
        const std::string text = assessmentToText(a, rs, system, lang, InstrumentRegister{});
        BOOST_TEST(terminalClean(text), text);
        BOOST_TEST(text.find("Hệ thống\\x1B[31m đỏ\\x0ACấp độ đề xuất: 1") != std::string::npos, text);
        BOOST_TEST(text.find("ID\\x1B]0;owned\\x07") != std::string::npos, text);
        BOOST_TEST(text.find("Cổng\\u009B31m") != std::string::npos, text);
        BOOST_TEST(text.find("\\u202E") != std::string::npos, text);
        BOOST_TEST(text.find("dòng 2\\x1B[2J") != std::string::npos, text);
        BOOST_TEST(text.find("key\\x1B = ") != std::string::npos, text);
    }

    Reassessment diff;
    diff.before = a;
    diff.after = a;
    diff.componentLevels.push_back({component.name, {3, 3}});
    BOOST_TEST(terminalClean(reassessmentToText(diff, rs, rs, Lang::Vi, InstrumentRegister{})));
}
