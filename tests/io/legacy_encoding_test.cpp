#define BOOST_TEST_MODULE legacy_encoding
#include "io/LegacyEncoding.h"

#include <boost/test/unit_test.hpp>

using namespace seclevel;

// "Hệ thống nội bộ; Đơn vị" written in each legacy encoding.
namespace {
// Windows-1258: base letter, then the tone as a combining byte (0xF2 dot below, 0xEC acute).
const std::string cp1258 = "H\xEA\xF2 th\xF4\xECng n\xF4\xF2i b\xF4\xF2; \xD0\xF5n v\xEC\xF2";
// TCVN3 (ABC): one byte per toned vowel (ệ 0xD6, ố 0xE8, ộ 0xE9), đ/Đ 0xAE/0xA7.
const std::string tcvn3 = "H\xD6 th\xE8ng n\xE9i b\xE9; \xA7\xACn v\xDE";
// VNI: plain vowel then mark bytes (ê = e + 0xE2, dot below 0xE4/0xEF, ô = o + 0xE2 …), Đ = 0xD1.
const std::string vni = "He\xE4 tho\xE1ng no\xE4i bo\xE4; \xD1\xF4n v\xEF";
} // namespace

BOOST_AUTO_TEST_CASE(utf8_is_no_problem)
{
    BOOST_TEST(!describeLegacyEncoding("Hệ thống nội bộ").has_value());
    BOOST_TEST(!describeLegacyEncoding("\xEF\xBB\xBFHệ thống").has_value());
    BOOST_TEST(!describeLegacyEncoding("plain ascii").has_value());
}

BOOST_AUTO_TEST_CASE(names_windows_1258)
{
    BOOST_TEST(static_cast<int>(guessLegacyEncoding(cp1258)) == static_cast<int>(LegacyEncoding::Windows1258));
    auto message = describeLegacyEncoding("Mã;Tên\n" + cp1258);
    BOOST_REQUIRE(message.has_value());
    BOOST_TEST(message->en.find("Windows-1258") != std::string::npos);
    BOOST_TEST(message->vi.find("Windows-1258") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_tcvn3)
{
    BOOST_TEST(static_cast<int>(guessLegacyEncoding(tcvn3)) == static_cast<int>(LegacyEncoding::Tcvn3));
    auto message = describeLegacyEncoding(tcvn3);
    BOOST_REQUIRE(message.has_value());
    BOOST_TEST(message->en.find("TCVN3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_vni)
{
    BOOST_TEST(static_cast<int>(guessLegacyEncoding(vni)) == static_cast<int>(LegacyEncoding::Vni));
    auto message = describeLegacyEncoding(vni);
    BOOST_REQUIRE(message.has_value());
    BOOST_TEST(message->en.find("VNI") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_the_line_where_utf8_stops)
{
    auto message = describeLegacyEncoding("a,b\nHệ thống\n" + cp1258);
    BOOST_REQUIRE(message.has_value());
    BOOST_TEST(message->en.find("line 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_bytes_are_still_not_utf8)
{
    auto message = describeLegacyEncoding("abc \xFF\xFE\xFD");
    BOOST_REQUIRE(message.has_value());
    BOOST_TEST(message->en.find("not UTF-8") != std::string::npos);
}
