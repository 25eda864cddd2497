// reports/annual-report.xml as data: the shipped file loads and picks the report by year; hostile or wrong
// definitions are refused with the file and what is wrong (schema, malformed XML, overlapping years).
#define BOOST_TEST_MODULE annual_report_loader
#include "core/AnnualReport.h"
#include "rules/AnnualReportLoader.h"
#include "rules/XmlSchema.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace seclevel;

namespace {

std::string shippedText()
{
    std::ifstream in(std::string(SECLEVEL_SOURCE_DIR) + "/reports/annual-report.xml");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::shared_ptr<XmlSchema> schema()
{
    auto loaded = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/annual-report-definition.xsd");
    BOOST_REQUIRE(loaded.ok());
    return *loaded;
}

std::string firstMessage(const Result<std::vector<AnnualReportDefinition>>& r)
{
    return r.ok() ? std::string() : r.errors().front().describe(Lang::En);
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_definitions_pick_the_report_by_year)
{
    auto loaded = loadAnnualReportsFrom(SECLEVEL_SOURCE_DIR);
    BOOST_REQUIRE_MESSAGE(loaded.ok(), firstMessage(loaded));
    BOOST_TEST(definitionForYear(*loaded, 2021) == nullptr);
    const AnnualReportDefinition* tt12 = definitionForYear(*loaded, 2025);
    const AnnualReportDefinition* form08 = definitionForYear(*loaded, 2026);
    BOOST_REQUIRE(tt12);
    BOOST_REQUIRE(form08);
    BOOST_TEST(tt12->rulesetId == "VN-2022");
    BOOST_TEST(form08->rulesetId == "VN-2026");
    BOOST_TEST(form08->formLabel == "Mẫu số 08");
    BOOST_TEST(form08->columns[5].vi == "Tình trạng phê duyệt hồ sơ đề xuất cấp độ");
    BOOST_TEST(form08->planPartly == "Đã triển khai một số hạng mục");
    BOOST_TEST(form08->inspectionPreOperation == "Trước khi đưa vào sử dụng");
    BOOST_TEST(form08->deadlineMonth == 12u);
    BOOST_TEST(form08->deadlineDay == 25u);
    BOOST_TEST(summaryFor(*form08, Lang::Vi, 2026).find("năm 2026") != std::string::npos);
    BOOST_TEST(formatIsoDate(periodStart(2026)) == "2025-12-15");
    BOOST_TEST(formatIsoDate(periodEnd(2026)) == "2026-12-14");
}

BOOST_AUTO_TEST_CASE(overlapping_years_are_refused)
{
    std::string text = shippedText();
    const auto at = text.find("first-year=\"2026\"");
    BOOST_REQUIRE(at != std::string::npos);
    text.replace(at, 17, "first-year=\"2025\"");
    auto loaded = loadAnnualReports(text, "annual-report.xml", *schema());
    BOOST_REQUIRE(!loaded.ok());
    BOOST_TEST(firstMessage(loaded).find("overlap") != std::string::npos, firstMessage(loaded));
    BOOST_TEST(loaded.errors().front().file == "annual-report.xml");
}

BOOST_AUTO_TEST_CASE(schema_violations_and_malformed_xml_are_refused)
{
    std::string missingColumn = shippedText();
    const auto column = missingColumn.find("<column n=\"12\">");
    missingColumn.erase(column, missingColumn.find("</column>", column) + 9 - column);
    BOOST_TEST(!loadAnnualReports(missingColumn, "a.xml", *schema()).ok());

    std::string badDeadline = shippedText();
    badDeadline.replace(badDeadline.find("month-day=\"12-25\""), 17, "month-day=\"13-40\"");
    BOOST_TEST(!loadAnnualReports(badDeadline, "b.xml", *schema()).ok());

    BOOST_TEST(!loadAnnualReports("<annual-reports", "c.xml", *schema()).ok());
    BOOST_TEST(!loadAnnualReports("", "d.xml", *schema()).ok());
    // An entity bomb never expands: a DOCTYPE is refused by the schema pass.
    const std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"xxxxxxxx\"><!ENTITY y "
                             "\"&x;&x;&x;&x;&x;&x;&x;&x;\">]><annual-reports version=\"&y;\"/>";
    BOOST_TEST(!loadAnnualReports(bomb, "e.xml", *schema()).ok());
}
