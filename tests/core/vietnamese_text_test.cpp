#define BOOST_TEST_MODULE vietnamese_text
#include "core/VietnameseText.h"

#include <boost/test/unit_test.hpp>

#include <ostream>

using namespace seclevel;

namespace seclevel {
std::ostream& operator<<(std::ostream& out, NumberProblem problem)
{
    return out << static_cast<int>(problem);
}
} // namespace seclevel

BOOST_AUTO_TEST_CASE(folds_diacritics_case_and_spaces)
{
    BOOST_TEST(foldVietnamese("Nội bộ") == "noi bo");
    BOOST_TEST(foldVietnamese("NỘI BỘ") == "noi bo");
    BOOST_TEST(foldVietnamese("noi bo") == "noi bo");
    BOOST_TEST(foldVietnamese("  Nội \t  bộ\u00A0") == "noi bo");
    BOOST_TEST(foldVietnamese("Đơn vị vận hành") == "don vi van hanh");
    BOOST_TEST(foldVietnamese("đ Đ") == "d d");
    BOOST_TEST(foldVietnamese("Ứng dụng Ỹ Ửa Ặ") == "ung dung y ua a");
    BOOST_TEST(foldVietnamese("Mã hệ thống") == foldVietnamese("MA HE THONG"));
}

BOOST_AUTO_TEST_CASE(folds_decomposed_text_like_precomposed)
{
    // "Nội bộ" in NFD: o + combining circumflex (U+0302) + combining dot below (U+0323).
    BOOST_TEST(foldVietnamese("No\xCC\x82\xCC\xA3i bo\xCC\x82\xCC\xA3") == "noi bo");
}

BOOST_AUTO_TEST_CASE(keeps_other_characters)
{
    BOOST_TEST(foldVietnamese("24/7 (điểm a)") == "24/7 (diem a)");
    BOOST_TEST(foldVietnamese("日本") == "日本");
    BOOST_TEST(foldVietnamese("") == "");
}

BOOST_AUTO_TEST_CASE(reads_vietnamese_integers)
{
    BOOST_TEST(parseVietnameseInteger("86000").value == 86000);
    BOOST_TEST(parseVietnameseInteger("86.000").value == 86000);
    BOOST_TEST(parseVietnameseInteger("1.234.567").value == 1234567);
    BOOST_TEST(parseVietnameseInteger("86 000").value == 86000);
    BOOST_TEST(parseVietnameseInteger("86\u00A0000").value == 86000);
    BOOST_TEST(parseVietnameseInteger("12,0").value == 12);
    BOOST_TEST(parseVietnameseInteger("1.086,000").value == 1086);
    BOOST_TEST(parseVietnameseInteger("-5").value == -5);
    BOOST_TEST(parseVietnameseInteger(" 42 ").value == 42);
    BOOST_TEST(parseVietnameseInteger("0").problem == NumberProblem::None);
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_a_whole_number)
{
    BOOST_TEST(parseVietnameseInteger("1,5").problem == NumberProblem::NotWhole);
    BOOST_TEST(parseVietnameseInteger("86,000").problem == NumberProblem::Ambiguous);
    BOOST_TEST(parseVietnameseInteger("8.6000").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("86.00").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("1.234 567").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("abc").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("-").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("1,").problem == NumberProblem::NotANumber);
    BOOST_TEST(parseVietnameseInteger("99999999999999999999").problem == NumberProblem::OutOfRange);
}

BOOST_AUTO_TEST_CASE(reads_vietnamese_decimals)
{
    BOOST_TEST(*parseVietnameseDecimal("1,5") == 1.5);
    BOOST_TEST(*parseVietnameseDecimal("86.000,25") == 86000.25, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(*parseVietnameseDecimal("-3") == -3.0);
    BOOST_TEST(!parseVietnameseDecimal("1.5.").has_value());
    BOOST_TEST(!parseVietnameseDecimal("x").has_value());
}
