#define BOOST_TEST_MODULE calendar_loader
#include <boost/test/unit_test.hpp>

// The calendar loader: the shipped file loads, a broken file is refused naming file, line and field, and one
// <year> (an announcement) loads on its own.
#include "rules/CalendarLoader.h"
#include "rules/XmlSchema.h"

#include <filesystem>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const fs::path sourceDir = SECLEVEL_SOURCE_DIR;

const XmlSchema& schema()
{
    static const auto loaded = XmlSchema::load((sourceDir / "schemas" / "calendar.xsd").string());
    if (!loaded)
        throw std::runtime_error(loaded.errors().front().describe(Lang::En));
    return **loaded;
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string dump(const Errors& errors)
{
    std::string out;
    for (const auto& e : errors)
        out += e.describe(Lang::En) + "\n";
    return out;
}

// A calendar of one year around `body` (the year's content after its notes); the year element is on line 5.
std::string calendarWith(const std::string& yearAttributes, const std::string& body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<calendar xmlns=\"urn:seclevel:calendar:1\" id=\"t\" version=\"1\" data-date=\"2026-11-28\">\n"
           "  <title lang=\"vi\">Lịch</title><title lang=\"en\">Calendar</title>\n"
           "  <weekly-rest citation=\"QĐ 188/1999/QĐ-TTg\"/>\n"
           "  <year " +
           yearAttributes +
           ">\n"
           "    <note lang=\"vi\">Ghi chú</note><note lang=\"en\">Note</note>\n" +
           body + "  </year>\n</calendar>\n";
}

const std::string doc =
    "    <document id=\"cv1\" number=\"1/VPCP-KGVX\" date=\"2026-11-01\" issuer-vi=\"Văn phòng Chính phủ\" "
    "issuer-en=\"Government Office\" reference=\"https://example.invalid/1\"/>\n";

} // namespace

BOOST_AUTO_TEST_CASE(the_shipped_calendar_loads)
{
    auto loaded = loadWorkingCalendarFile((sourceDir / "calendars" / "vn-civil-service.xml").string(), schema());
    BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? std::string() : dump(loaded.errors())));
    BOOST_TEST(loaded->id() == "vn-civil-service");
    BOOST_TEST(loaded->years().size() == 15u);
    for (const CalendarYear& year : loaded->years())
        for (const DayOff& off : year.daysOff)
            BOOST_TEST((off.statutory || !off.document.reference.empty()), formatIsoDate(off.date));
}

BOOST_AUTO_TEST_CASE(a_good_small_calendar_loads)
{
    const std::string xml =
        calendarWith("number=\"2027\" status=\"announced\" labour-code=\"45/2019/QH14\"",
                     doc + "    <day-off date=\"2027-05-03\" reason=\"swap\" source=\"cv1\" "
                           "swapped-with=\"2027-05-08\"/>\n"
                           "    <working-day date=\"2027-05-08\" replaces=\"2027-05-03\" source=\"cv1\"/>\n");
    auto loaded = loadWorkingCalendar(xml, "small.xml", schema());
    BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? std::string() : dump(loaded.errors())));
    const DayOff* off = loaded->dayOff(Date{std::chrono::year{2027}, std::chrono::May, std::chrono::day{3}});
    BOOST_REQUIRE(off);
    BOOST_TEST(off->document.number == "1/VPCP-KGVX");
    BOOST_TEST(off->sourceText().vi.find("1/VPCP-KGVX") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_xml_names_the_line)
{
    std::string xml = calendarWith("number=\"2027\" status=\"statutory\" labour-code=\"45/2019/QH14\"",
                                   "    <day-off date=\"2027-01-01\" reason=\"new-year\" source=\"statutory\">\n");
    auto loaded = loadWorkingCalendar(xml, "broken.xml", schema());
    BOOST_REQUIRE(!loaded.ok());
    BOOST_TEST(loaded.errors().front().file == "broken.xml");
    BOOST_TEST(loaded.errors().front().line >= 7, dump(loaded.errors()));
}

BOOST_AUTO_TEST_CASE(a_schema_violation_names_the_line)
{
    const std::string xml =
        calendarWith("number=\"2027\" status=\"statutory\" labour-code=\"45/2019/QH14\"",
                     "    <day-off date=\"2027-01-01\" reason=\"birthday\" source=\"statutory\"/>\n");
    auto loaded = loadWorkingCalendar(xml, "bad-reason.xml", schema());
    BOOST_REQUIRE(!loaded.ok());
    BOOST_TEST(loaded.errors().front().line == 7, dump(loaded.errors()));
    BOOST_TEST(dump(loaded.errors()).find("birthday") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_date_outside_its_year_names_the_line_and_the_year)
{
    const std::string xml =
        calendarWith("number=\"2027\" status=\"statutory\" labour-code=\"45/2019/QH14\"",
                     "    <day-off date=\"2027-01-01\" reason=\"new-year\" source=\"statutory\"/>\n"
                     "    <day-off date=\"2028-01-03\" reason=\"new-year\" source=\"statutory\"/>\n");
    auto loaded = loadWorkingCalendar(xml, "wrong-year.xml", schema());
    BOOST_REQUIRE(!loaded.ok());
    const Error& error = loaded.errors().front();
    BOOST_TEST(error.line == 8, dump(loaded.errors()));
    BOOST_TEST(error.field == "year 2027");
    BOOST_TEST(error.message.en.find("2028-01-03") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_source_is_refused)
{
    const std::string xml =
        calendarWith("number=\"2027\" status=\"announced\" labour-code=\"45/2019/QH14\"",
                     doc + "    <day-off date=\"2027-02-05\" reason=\"lunar-new-year\" source=\"cv9\"/>\n");
    auto loaded = loadWorkingCalendar(xml, "source.xml", schema());
    BOOST_REQUIRE(!loaded.ok());
    BOOST_TEST(loaded.errors().front().line == 8, dump(loaded.errors()));
    BOOST_TEST(loaded.errors().front().message.en.find("cv9") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_date_listed_twice_and_a_weekday_make_up_are_refused)
{
    const std::string xml =
        calendarWith("number=\"2027\" status=\"announced\" labour-code=\"45/2019/QH14\"",
                     doc + "    <day-off date=\"2027-01-01\" reason=\"new-year\" source=\"statutory\"/>\n"
                           "    <day-off date=\"2027-01-01\" reason=\"new-year\" source=\"statutory\"/>\n"
                           "    <working-day date=\"2027-01-06\" source=\"cv1\"/>\n");
    auto loaded = loadWorkingCalendar(xml, "twice.xml", schema());
    BOOST_REQUIRE(!loaded.ok());
    const std::string all = dump(loaded.errors());
    BOOST_TEST(has(all, "twice.xml:9: year 2027: the date 2027-01-01 is already listed on line 8"), all);
    BOOST_TEST(has(all, "twice.xml:10: year 2027: the make-up working day 2027-01-06 is not a Saturday or Sunday"),
               all);
}

BOOST_AUTO_TEST_CASE(one_year_loads_as_an_announcement)
{
    const std::string xml = "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2027\" status=\"announced\" "
                            "labour-code=\"45/2019/QH14\">\n"
                            "  <note lang=\"vi\">Thông báo</note><note lang=\"en\">Announcement</note>\n" +
                            doc +
                            "  <day-off date=\"2027-02-05\" reason=\"lunar-new-year\" source=\"cv1\"/>\n</year>\n";
    auto year = loadCalendarYear(xml, "2027.xml", schema());
    BOOST_REQUIRE_MESSAGE(year.ok(), (year.ok() ? std::string() : dump(year.errors())));
    BOOST_TEST(year->year == 2027);
    BOOST_TEST((year->status == YearStatus::Announced));
    BOOST_TEST(year->daysOff.size() == 1u);
    // A whole calendar is not a year.
    auto notAYear =
        loadCalendarYear(calendarWith("number=\"2027\" status=\"statutory\" labour-code=\"45/2019/QH14\"", ""),
                         "calendar.xml", schema());
    BOOST_REQUIRE(!notAYear.ok());
    BOOST_TEST(notAYear.errors().front().message.en.find("<year>") != std::string::npos);
}
