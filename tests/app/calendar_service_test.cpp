#define BOOST_TEST_MODULE calendar_service
// The calendar service: shipped data alone without a store, recorded announcements merged from one, and what
// happens when a stored announcement no longer loads.
#include "AppFixture.h"

#include "app/CalendarService.h"

using namespace seclevel;
using namespace seclevel::testing;

namespace {

Date d(int y, unsigned m, unsigned day)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

const std::string announcement2027 =
    "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2027\" status=\"announced\" labour-code=\"45/2019/QH14\">\n"
    "  <note lang=\"vi\">Thông báo</note><note lang=\"en\">Announcement</note>\n"
    "  <document id=\"cv1\" number=\"1/VPCP-KGVX\" issuer-vi=\"Văn phòng Chính phủ\" issuer-en=\"Government Office\" "
    "reference=\"https://example.invalid/1\"/>\n"
    "  <day-off date=\"2027-03-15\" reason=\"swap\" source=\"cv1\" swapped-with=\"2027-03-20\"/>\n"
    "  <working-day date=\"2027-03-20\" replaces=\"2027-03-15\" source=\"cv1\"/>\n"
    "</year>\n";

} // namespace

BOOST_AUTO_TEST_CASE(without_a_store_the_shipped_calendar_answers_and_announce_is_refused)
{
    CalendarService service(shippedCatalogue(), nullptr);
    auto end = service.deadline(d(2025, 1, 24), 5, PeriodUnit::WorkingDays);
    BOOST_REQUIRE(end.ok());
    BOOST_TEST(formatIsoDate(end->end.end) == "2025-02-07");
    BOOST_TEST(end->source.en.find("vn-civil-service") != std::string::npos);
    auto left = service.daysLeft(d(2025, 2, 10), d(2025, 2, 7), PeriodUnit::WorkingDays);
    BOOST_REQUIRE(left.ok());
    BOOST_TEST(*left == -1);
    auto refused = service.announce(announcement2027, "2027.xml", actor("quan.tri"));
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST((refused.errors().front().kind == ErrorKind::Usage));
    auto missing = service.year(2040);
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST((missing.errors().front().kind == ErrorKind::NotFound));
}

BOOST_AUTO_TEST_CASE(a_recorded_announcement_is_merged_for_every_later_service)
{
    TempDir temp;
    auto store = openTestStore(temp.dir / "cal.db");
    {
        CalendarService service(shippedCatalogue(), store.get());
        bool changed = false;
        auto year = service.announce(announcement2027, "2027.xml", actor("quan.tri"), &changed);
        BOOST_REQUIRE(year.ok());
        BOOST_TEST(changed);
        // The same service sees it at once.
        auto end = service.deadline(d(2027, 3, 12), 1, PeriodUnit::WorkingDays);
        BOOST_REQUIRE(end.ok());
        BOOST_TEST(formatIsoDate(end->end.end) == "2027-03-16");
        BOOST_TEST(end->end.statutoryYearsUsed.empty());
        bool again = true;
        BOOST_REQUIRE(service.announce(announcement2027, "2027.xml", actor("quan.tri"), &again).ok());
        BOOST_TEST(!again);
    }
    CalendarService later(shippedCatalogue(), store.get());
    auto inForce = later.inForce();
    BOOST_REQUIRE(inForce.ok());
    BOOST_TEST((*inForce)->announcements.size() == 1u);
    BOOST_TEST((*inForce)->calendar.year(2027)->origin.find("quan.tri") != std::string::npos);
    BOOST_TEST(store->calendarAnnouncements()->size() == 1u); // the unchanged second announce stored nothing
}

BOOST_AUTO_TEST_CASE(a_stored_announcement_that_no_longer_loads_is_a_storage_error_naming_it)
{
    TempDir temp;
    auto store = openTestStore(temp.dir / "cal.db");
    // Written past the service (as an older program or a hand edit could have): not a valid <year>.
    BOOST_REQUIRE(store->saveCalendarAnnouncement(2027, "<year number=\"2027\"/>", actor("someone")).ok());
    CalendarService service(shippedCatalogue(), store.get());
    auto end = service.deadline(d(2025, 1, 24), 5, PeriodUnit::WorkingDays);
    BOOST_REQUIRE(!end.ok());
    BOOST_TEST((end.errors().front().kind == ErrorKind::Storage));
    BOOST_TEST(end.errors().front().file.find("calendar announcement 2027 (someone") != std::string::npos);
}
