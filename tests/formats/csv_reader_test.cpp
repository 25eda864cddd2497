#define BOOST_TEST_MODULE csv_reader
#include "formats/csv/CsvReader.h"

#include <boost/test/unit_test.hpp>

using namespace seclevel;

namespace {

std::vector<std::vector<std::string>> readAll(const std::string& text, std::vector<int>* numbers = nullptr)
{
    auto rows = readCsv(text, "t.csv");
    BOOST_REQUIRE_MESSAGE(rows.ok(), (rows.ok() ? "" : rows.errors().front().describe(Lang::En)));
    std::vector<std::vector<std::string>> out;
    SheetRow row;
    for (;;) {
        auto got = (*rows)->next(row);
        BOOST_REQUIRE_MESSAGE(got.ok(), (got.ok() ? "" : got.errors().front().describe(Lang::En)));
        if (!*got)
            break;
        std::vector<std::string> cells;
        for (const auto& cell : row.cells)
            cells.push_back(cell.text);
        out.push_back(cells);
        if (numbers)
            numbers->push_back(row.number);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(comma_separated_with_bom)
{
    auto rows = readAll("\xEF\xBB\xBFMã,Tên\nA,Hệ thống A\n");
    BOOST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[0][0] == "Mã"); // the byte order mark is not part of the first header
    BOOST_TEST(rows[1][1] == "Hệ thống A");
}

BOOST_AUTO_TEST_CASE(semicolon_from_excel_with_a_vietnamese_locale)
{
    auto rows = readAll("Mã;Tên;Số chủ thể\r\nA;Hệ thống, có dấu phẩy;86.000\r\n");
    BOOST_REQUIRE(rows.size() == 2u);
    BOOST_REQUIRE(rows[1].size() == 3u);
    BOOST_TEST(rows[1][1] == "Hệ thống, có dấu phẩy");
    BOOST_TEST(rows[1][2] == "86.000");
}

BOOST_AUTO_TEST_CASE(excel_sep_line_names_the_separator)
{
    std::vector<int> numbers;
    auto rows = readAll("sep=;\nMã;Tên,phụ\nA;B,C\n", &numbers);
    BOOST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[0][1] == "Tên,phụ");
    BOOST_TEST(numbers[0] == 2);
}

BOOST_AUTO_TEST_CASE(tab_separated)
{
    auto rows = readAll("a\tb\tc\n1\t2\t3\n");
    BOOST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1][2] == "3");
}

BOOST_AUTO_TEST_CASE(quoted_fields_with_newlines_quotes_and_separators)
{
    std::vector<int> numbers;
    auto rows = readAll("id,name\nA,\"Quản lý\r\nvăn bản, \"\"điều hành\"\"\"\nB,x\n", &numbers);
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[1][1] == "Quản lý\nvăn bản, \"điều hành\"");
    BOOST_TEST(numbers[1] == 2);
    BOOST_TEST(numbers[2] == 4); // the record after a two-line field starts on line 4
}

BOOST_AUTO_TEST_CASE(mixed_line_endings_and_empty_rows)
{
    std::vector<int> numbers;
    auto rows = readAll("a,b\r\n1,2\n\r\n,\n3,4\r5,6", &numbers);
    BOOST_REQUIRE(rows.size() == 4u);
    BOOST_TEST(rows[2][0] == "3");
    BOOST_TEST(rows[3][1] == "6");
    BOOST_TEST(numbers[2] == 5);
    BOOST_TEST(numbers[3] == 6);
}

BOOST_AUTO_TEST_CASE(unterminated_quote_names_its_line)
{
    auto rows = readCsv("a,b\n1,\"open\n2,3\n", "t.csv");
    BOOST_REQUIRE(rows.ok());
    SheetRow row;
    BOOST_REQUIRE((*rows)->next(row).ok());
    auto bad = (*rows)->next(row);
    BOOST_REQUIRE(!bad.ok());
    BOOST_TEST(bad.errors().front().line == 2);
    BOOST_TEST(bad.errors().front().message.en.find("quote") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(legacy_encodings_and_utf16_are_refused_by_name)
{
    auto cp1258 = readCsv("M\xE3;T\xEAn\nA;H\xEA\xF2 th\xF4\xECng\n", "old.csv");
    BOOST_REQUIRE(!cp1258.ok());
    BOOST_TEST(cp1258.errors().front().message.en.find("Windows-1258") != std::string::npos);
    auto utf16 = readCsv(std::string("\xFF\xFE"
                                     "a\0,\0b\0",
                                     8),
                         "wide.csv");
    BOOST_REQUIRE(!utf16.ok());
    BOOST_TEST(utf16.errors().front().message.en.find("UTF-16") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(too_many_columns_is_an_error)
{
    CsvLimits limits;
    limits.maxColumns = 3;
    auto rows = readCsv("a,b,c,d\n", "t.csv", limits);
    BOOST_REQUIRE(rows.ok());
    SheetRow row;
    BOOST_TEST(!(*rows)->next(row).ok());
}

BOOST_AUTO_TEST_CASE(writer_quotes_neutralises_and_reads_back)
{
    CsvWriter writer;
    writer.row({"id", "name"});
    writer.row({"A", "=HYPERLINK(\"http://x\",\"y\")"});
    writer.row({"B", "a, \"b\"\nc"});
    writer.row({"C", "-5", "@SUM(A1)", "\t=1", "+1"});
    writer.row({"D", "-5"}, {false, true});
    const std::string text = writer.text();
    BOOST_TEST(text.rfind("\xEF\xBB\xBF", 0) == 0u);
    BOOST_TEST(text.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"") != std::string::npos);
    BOOST_TEST(text.find(",'-5,'@SUM(A1),") != std::string::npos);
    BOOST_TEST(text.find("\r\nD,-5\r\n") != std::string::npos); // a number seclevel wrote stays a number
    auto rows = readAll(text);
    BOOST_REQUIRE(rows.size() == 5u);
    BOOST_TEST(rows[1][1] == "'=HYPERLINK(\"http://x\",\"y\")");
    BOOST_TEST(restoreNeutralised(rows[1][1]) == "=HYPERLINK(\"http://x\",\"y\")");
    BOOST_TEST(rows[2][1] == "a, \"b\"\nc");
    BOOST_TEST(restoreNeutralised(rows[3][4]) == "+1");
    BOOST_TEST(restoreNeutralised("'plain") == "'plain"); // only what seclevel neutralised is restored
}

BOOST_AUTO_TEST_CASE(column_letters_round_trip)
{
    BOOST_TEST(columnLetters(0) == "A");
    BOOST_TEST(columnLetters(25) == "Z");
    BOOST_TEST(columnLetters(26) == "AA");
    BOOST_TEST(columnLetters(701) == "ZZ");
    BOOST_TEST(columnLetters(702) == "AAA");
    for (int c : {0, 5, 25, 26, 27, 300, 702, 16383})
        BOOST_TEST(columnIndex(columnLetters(c)) == c);
    BOOST_TEST(columnIndex("1A") == -1);
}
