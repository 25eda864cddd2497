#define BOOST_TEST_MODULE xlsx_reader
// Workbooks built with libxlsxwriter (what Excel-like programs write) and, for hostile ones, crafted part by
// part with libzip: a zip bomb, external links, a worksheet pointing outside the package, a truncated file,
// formulas with cached values, merged header cells, a DOCTYPE.
#include "formats/xlsx/XlsxReader.h"
#include "formats/xlsx/XlsxWriter.h"

#include <boost/test/unit_test.hpp>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path dir;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "seclevel-xlsx-test-XXXXXX").string();
        BOOST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A zip archive of the given parts (name → content), deflated.
std::string zipOf(const std::map<std::string, std::string>& parts, const fs::path& where)
{
    int error = 0;
    zip_t* archive = zip_open(where.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    BOOST_REQUIRE(archive != nullptr);
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        BOOST_REQUIRE(source != nullptr);
        BOOST_REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    BOOST_REQUIRE(zip_close(archive) == 0);
    return slurp(where);
}

const char* const contentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const char* const packageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
const char* const workbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh mục" sheetId="1" r:id="rId1"/></sheets></workbook>)";

std::string workbookRels(const std::string& sheetTarget, const std::string& extra = {}, bool external = false)
{
    return std::string(
               R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=")") +
           sheetTarget + "\"" + (external ? " TargetMode=\"External\"" : "") +
           R"(/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)" +
           extra + "</Relationships>";
}

std::string sheet(const std::string& rows, const std::string& after = {})
{
    return std::string(
               R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)") +
           rows + "</sheetData>" + after + "</worksheet>";
}

const char* const sharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Mã hệ thống</t></si><si><r><t>Tên </t></r><r><t>hệ thống</t></r><rPh><t>ignored</t></rPh></si><si><t>HN-01</t></si></sst>)";

std::map<std::string, std::string> crafted(const std::string& sheetXml,
                                           const std::string& rels = workbookRels("worksheets/sheet1.xml"))
{
    return {{"[Content_Types].xml", contentTypes},   {"_rels/.rels", packageRels},
            {"xl/workbook.xml", workbook},           {"xl/_rels/workbook.xml.rels", rels},
            {"xl/sharedStrings.xml", sharedStrings}, {"xl/worksheets/sheet1.xml", sheetXml}};
}

std::vector<SheetRow> readAll(Result<std::unique_ptr<SheetRows>> opened)
{
    BOOST_REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.errors().front().describe(Lang::En)));
    std::vector<SheetRow> rows;
    SheetRow row;
    for (;;) {
        auto got = (*opened)->next(row);
        BOOST_REQUIRE_MESSAGE(got.ok(), (got.ok() ? "" : got.errors().front().describe(Lang::En)));
        if (!*got)
            break;
        rows.push_back(row);
    }
    return rows;
}

std::string errorOf(const Result<std::unique_ptr<SheetRows>>& opened)
{
    BOOST_REQUIRE(!opened.ok());
    return opened.errors().front().message.en;
}

// The first error reading all rows (opening must succeed).
std::string readError(Result<std::unique_ptr<SheetRows>> opened)
{
    if (!opened.ok())
        return opened.errors().front().message.en;
    SheetRow row;
    for (;;) {
        auto got = (*opened)->next(row);
        if (!got.ok())
            return got.errors().front().message.en;
        if (!*got)
            return {};
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(reads_a_workbook_written_with_shared_strings_numbers_dates_and_formulas)
{
    TempDir temp;
    const fs::path path = temp.dir / "book.xlsx";
    lxw_workbook* book = workbook_new(path.c_str()); // shared strings (the normal mode)
    lxw_worksheet* first = workbook_add_worksheet(book, "Khác");
    worksheet_write_string(first, 0, 0, "not this sheet", nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(book, "Danh mục");
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "dd/mm/yyyy");
    worksheet_write_string(ws, 0, 0, "Mã hệ thống", nullptr);
    worksheet_write_string(ws, 0, 1, "Số chủ thể", nullptr);
    worksheet_write_string(ws, 0, 2, "Ngày", nullptr);
    worksheet_write_string(ws, 0, 3, "Tổng", nullptr);
    worksheet_write_string(ws, 0, 4, "Có", nullptr);
    worksheet_write_string(ws, 2, 0, "HN-01", nullptr); // row 2 left empty: skipped
    worksheet_write_number(ws, 2, 1, 86000, nullptr);
    lxw_datetime when = {2026, 8, 19, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 2, &when, date);
    worksheet_write_formula_num(ws, 2, 3, "=B3*2", nullptr, 172000); // cached value, never evaluated
    worksheet_write_boolean(ws, 2, 4, 1, nullptr);
    worksheet_write_formula_str(ws, 3, 0, "=\"HN-\"&\"02\"", nullptr, "HN-02");
    BOOST_REQUIRE(workbook_close(book) == LXW_NO_ERROR);

    auto rows = readAll(readXlsxFile(path.string(), std::string("Danh mục")));
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[0].cells[0].text == "Mã hệ thống");
    BOOST_TEST(rows[1].number == 3);
    BOOST_TEST(rows[1].cells[0].text == "HN-01");
    BOOST_TEST(rows[1].cells[1].text == "86000");
    BOOST_TEST((rows[1].cells[1].kind == SheetCell::Kind::Number));
    BOOST_TEST(rows[1].cells[2].text == "46253"); // 2026-08-19 as a serial day number
    BOOST_TEST(rows[1].cells[3].text == "172000");
    BOOST_TEST((rows[1].cells[4].kind == SheetCell::Kind::Boolean));
    BOOST_TEST(rows[1].cells[4].text == "1");
    BOOST_TEST(rows[2].cells[0].text == "HN-02");

    auto missing = readXlsxFile(path.string(), std::string("Không có"));
    BOOST_TEST(errorOf(missing).find("Danh mục") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_inline_strings_from_the_writer_and_keeps_formulas_inert)
{
    TempDir temp;
    const fs::path path = temp.dir / "out.xlsx";
    auto writer = XlsxWriter::create(path.string());
    BOOST_REQUIRE(writer.ok());
    BOOST_REQUIRE((*writer)->addSheet("Hệ thống").ok());
    BOOST_REQUIRE((*writer)->row({"id", "name", "n"}).ok());
    BOOST_REQUIRE((*writer)->row({"A", "=HYPERLINK(\"http://evil\",\"x\")", "12"}, {false, false, true}).ok());
    BOOST_TEST(!fs::exists(path)); // nothing final before close
    BOOST_REQUIRE((*writer)->close().ok());
    const std::string bytes = slurp(path);
    BOOST_TEST(looksLikeZip(bytes));
    auto rows = readAll(readXlsx(bytes, "out.xlsx", std::nullopt));
    BOOST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1].cells[1].text == "'=HYPERLINK(\"http://evil\",\"x\")");
    BOOST_TEST((rows[1].cells[1].kind == SheetCell::Kind::Text));
    BOOST_TEST(rows[1].cells[2].text == "12");
    // No formula element anywhere in the written sheet.
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
    BOOST_REQUIRE(archive != nullptr);
    zip_file_t* part = zip_fopen(archive, "xl/worksheets/sheet1.xml", 0);
    BOOST_REQUIRE(part != nullptr);
    std::string xml(1 << 16, '\0');
    xml.resize(static_cast<std::size_t>(zip_fread(part, xml.data(), xml.size())));
    zip_fclose(part);
    zip_close(archive);
    BOOST_TEST(xml.find("<f>") == std::string::npos);
    BOOST_TEST(xml.find("inlineStr") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(merged_header_cells_name_every_column_they_cover)
{
    TempDir temp;
    const fs::path path = temp.dir / "merged.xlsx";
    lxw_workbook* book = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(book, "Mẫu 08");
    worksheet_merge_range(ws, 0, 0, 1, 0, "STT", nullptr);                // A1:A2, vertical
    worksheet_merge_range(ws, 0, 1, 0, 3, "Thông tin hệ thống", nullptr); // B1:D1, horizontal group
    worksheet_write_string(ws, 1, 1, "Tên hệ thống", nullptr);
    worksheet_write_string(ws, 1, 2, "Chủ quản", nullptr);
    worksheet_write_string(ws, 1, 3, "Đơn vị vận hành", nullptr);
    worksheet_write_number(ws, 2, 0, 1, nullptr);
    worksheet_write_string(ws, 2, 1, "Cổng dịch vụ công", nullptr);
    BOOST_REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    auto rows = readAll(readXlsxFile(path.string(), std::nullopt));
    BOOST_REQUIRE(rows.size() == 3u);
    for (int c = 1; c <= 3; ++c)
        BOOST_TEST(rows[0].cells[static_cast<std::size_t>(c)].text == "Thông tin hệ thống");
    BOOST_TEST(rows[1].cells[0].text == "STT"); // the vertical merge reaches the second header row
    BOOST_TEST(rows[1].cells[2].text == "Chủ quản");
    BOOST_TEST(rows[2].cells[1].text == "Cổng dịch vụ công");
}

BOOST_AUTO_TEST_CASE(crafted_shared_inline_rich_text_formulas_and_errors)
{
    TempDir temp;
    const std::string rows =
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>Cổng </t><r><t>DVC</t></r></is></c>)"
        R"(<c r="C2"><f>[1]Sheet1!A1</f><v>42</v></c><c r="D2" t="str"><f>A2&amp;"x"</f><v>HN-01x</v></c>)"
        R"(<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G2"><f>SUM(A1:A2)</f></c></row>)";
    auto read = readAll(readXlsx(zipOf(crafted(sheet(rows)), temp.dir / "c.xlsx"), "c.xlsx", std::nullopt));
    BOOST_REQUIRE(read.size() == 2u);
    BOOST_TEST(read[0].cells[1].text == "Tên hệ thống"); // rich-text runs joined, phonetic run left out
    BOOST_TEST(read[1].cells[0].text == "HN-01");
    BOOST_TEST(read[1].cells[1].text == "Cổng DVC");
    BOOST_TEST(read[1].cells[2].text == "42");
    BOOST_TEST(read[1].cells[3].text == "HN-01x");
    BOOST_TEST((read[1].cells[4].kind == SheetCell::Kind::Error));
    BOOST_TEST(read[1].cells[6].text == ""); // a formula without a cached value reads as empty
}

BOOST_AUTO_TEST_CASE(external_links_are_never_opened_and_cached_values_used)
{
    TempDir temp;
    const std::string extra =
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>)";
    auto parts = crafted(sheet(R"(<row r="1"><c r="A1"><f>[1]Sheet1!A1</f><v>7</v></c></row>)"),
                         workbookRels("worksheets/sheet1.xml", extra));
    parts["xl/externalLinks/externalLink1.xml"] =
        R"(<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>)";
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] =
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///etc/passwd" TargetMode="External"/></Relationships>)";
    auto opened = readXlsx(zipOf(parts, temp.dir / "links.xlsx"), "links.xlsx", std::nullopt);
    BOOST_REQUIRE(opened.ok());
    BOOST_REQUIRE((*opened)->notices().size() == 1u);
    BOOST_TEST((*opened)->notices()[0].en.find("not opened") != std::string::npos);
    SheetRow row;
    BOOST_REQUIRE((*opened)->next(row).ok());
    BOOST_TEST(row.cells[0].text == "7");
}

BOOST_AUTO_TEST_CASE(a_worksheet_outside_the_package_is_refused)
{
    TempDir temp;
    auto external = crafted(sheet(""), workbookRels("file:///etc/passwd", {}, true));
    BOOST_TEST(errorOf(readXlsx(zipOf(external, temp.dir / "e.xlsx"), "e.xlsx", std::nullopt))
                   .find("external links are not followed") != std::string::npos);
    auto climbing = crafted(sheet(""), workbookRels("../../../etc/passwd"));
    BOOST_TEST(errorOf(readXlsx(zipOf(climbing, temp.dir / "c.xlsx"), "c.xlsx", std::nullopt)).find("invalid target") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_is_stopped_by_the_inflated_size)
{
    TempDir temp;
    // 64 MB of rows that deflate to a few hundred KB; limits lowered so that the test stays fast.
    std::string rows;
    const std::string one =
        R"(<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>)";
    rows.reserve(64u << 20);
    while (rows.size() < (64u << 20))
        rows += one;
    const std::string bytes = zipOf(crafted(sheet(rows)), temp.dir / "bomb.xlsx");
    BOOST_TEST(bytes.size() < (2u << 20));
    XlsxLimits limits;
    limits.maxEntryBytes = 8u << 20;
    const std::string message = readError(readXlsx(bytes, "bomb.xlsx", std::nullopt, limits));
    BOOST_TEST(message.find("zip bomb") != std::string::npos);
    XlsxLimits total;
    total.maxTotalBytes = 4u << 20;
    BOOST_TEST(readError(readXlsx(bytes, "bomb.xlsx", std::nullopt, total)).find("zip bomb") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_truncated_file_is_refused)
{
    TempDir temp;
    const std::string bytes = zipOf(crafted(sheet(R"(<row><c t="s"><v>0</v></c></row>)")), temp.dir / "t.xlsx");
    for (std::size_t keep : {bytes.size() / 2, bytes.size() - 10, std::size_t{30}}) {
        auto opened = readXlsx(bytes.substr(0, keep), "t.xlsx", std::nullopt);
        BOOST_TEST(errorOf(opened).find("damaged or truncated") != std::string::npos);
    }
    BOOST_TEST(errorOf(readXlsx("PK\x03\x04garbage", "g.xlsx", std::nullopt)).find("truncated") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(doctype_and_malformed_xml_are_refused)
{
    TempDir temp;
    const std::string doctype =
        R"(<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)";
    BOOST_TEST(
        readError(readXlsx(zipOf(crafted(doctype), temp.dir / "d.xlsx"), "d.xlsx", std::nullopt)).find("DOCTYPE") !=
        std::string::npos);
    const std::string broken = sheet(R"(<row><c t="s"><v>0</v></row>)");
    BOOST_TEST(readError(readXlsx(zipOf(crafted(broken), temp.dir / "b.xlsx"), "b.xlsx", std::nullopt))
                   .find("not valid XML") != std::string::npos);
    const std::string badIndex = sheet(R"(<row><c t="s"><v>99</v></c></row>)");
    BOOST_TEST(readError(readXlsx(zipOf(crafted(badIndex), temp.dir / "i.xlsx"), "i.xlsx", std::nullopt))
                   .find("shared string") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(not_a_workbook)
{
    TempDir temp;
    std::map<std::string, std::string> parts{{"hello.txt", "hi"}};
    BOOST_TEST(errorOf(readXlsx(zipOf(parts, temp.dir / "n.xlsx"), "n.xlsx", std::nullopt)).find("not an XLSX") !=
               std::string::npos);
    BOOST_TEST(!looksLikeZip("Mã,Tên\n"));
}
