// End-to-end tests of `seclevel calendar deadline|show|announce` through the built binary (with the recorded
// announcements on SQLite, and on PostgreSQL in the calendar_e2e_test_postgres run).
#define BOOST_TEST_MODULE calendar_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <cstdlib>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

json::Node parsed(const Run& r)
{
    auto doc = json::parse(r.out, "stdout");
    BOOST_REQUIRE_MESSAGE(doc.ok(), r.out);
    return *doc;
}

// The announcement an administrator records in the tests: 2027 with a swap (Monday 15/3 off, Saturday 20/3
// worked) besides its statutory holidays.
const std::string announcement2027 = R"(<?xml version="1.0" encoding="UTF-8"?>
<year xmlns="urn:seclevel:calendar:1" number="2027" status="announced" labour-code="45/2019/QH14">
  <note lang="vi">Thông báo thử</note>
  <note lang="en">Test announcement</note>
  <document id="cv1" number="999/VPCP-KGVX" date="2026-11-20" issuer-vi="Văn phòng Chính phủ"
            issuer-en="Government Office" reference="https://example.invalid/999"/>
  <day-off date="2027-01-01" reason="new-year" source="statutory"/>
  <day-off date="2027-03-15" reason="swap" source="cv1" swapped-with="2027-03-20"/>
  <working-day date="2027-03-20" replaces="2027-03-15" source="cv1"/>
</year>
)";

} // namespace

BOOST_AUTO_TEST_CASE(deadline_in_working_days_across_tet_2026_as_json)
{
    TempDir dir;
    Run r = run({"calendar", "deadline", "--from", "2026-02-13", "--working-days", "7", "--format", "json"}, dir.path);
    BOOST_TEST(r.exitCode == 0, r.err);
    const json::Node doc = parsed(r);
    BOOST_TEST(doc.find("from")->text == "2026-02-13");
    BOOST_TEST(doc.find("end")->text == "2026-03-03");
    BOOST_TEST(doc.find("unit")->text == "working_days");
    BOOST_TEST(doc.find("count")->integer == 7);
    const json::Node* daysOff = doc.find("days_off");
    BOOST_REQUIRE(daysOff && daysOff->isArray());
    BOOST_REQUIRE(daysOff->items.size() == 5u);
    BOOST_TEST(daysOff->items.front().find("date")->text == "2026-02-16");
    BOOST_TEST(daysOff->items.front().find("reason")->text == "lunar-new-year");
    BOOST_TEST(daysOff->items.front().find("document")->find("number")->text == "9859/VPCP-KGVX");
    BOOST_TEST(doc.find("statutory_years")->items.empty());
    BOOST_TEST(has(doc.find("calendar_source")->text, "vn-civil-service"));
}

BOOST_AUTO_TEST_CASE(deadline_in_calendar_days_ending_on_a_holiday_says_why_in_text)
{
    TempDir dir;
    Run vi = run({"calendar", "deadline", "--from", "2026-02-05", "--days", "15"}, dir.path);
    BOOST_TEST(vi.exitCode == 0, vi.err);
    BOOST_TEST(has(vi.out, "Hạn cuối:  hết ngày Thứ Hai 23/02/2026"), vi.out);
    BOOST_TEST(has(vi.out, "Điều 148.5"), vi.out);
    Run en = run({"calendar", "deadline", "--from", "2026-02-05", "--days", "15", "--lang", "en"}, dir.path);
    BOOST_TEST(en.exitCode == 0, en.err);
    BOOST_TEST(has(en.out, "end of Monday 2026-02-23"), en.out);
    BOOST_TEST(has(en.out, "Art 148.5"), en.out);
}

BOOST_AUTO_TEST_CASE(deadline_through_a_statutory_year_says_so)
{
    TempDir dir;
    Run r = run({"calendar", "deadline", "--from", "2026-12-28", "--working-days", "10"}, dir.path);
    BOOST_TEST(r.exitCode == 0, r.err);
    BOOST_TEST(has(r.out, "chưa có thông báo nghỉ lễ, Tết năm 2027"), r.out);
    Run json =
        run({"calendar", "deadline", "--from", "2026-12-28", "--working-days", "10", "--format", "json"}, dir.path);
    const json::Node doc = parsed(json);
    BOOST_REQUIRE(doc.find("statutory_years")->items.size() == 1u);
    BOOST_TEST(doc.find("statutory_years")->items.front().integer == 2027);
}

BOOST_AUTO_TEST_CASE(deadline_outside_the_data_and_bad_options_are_refused)
{
    TempDir dir;
    Run outside = run({"calendar", "deadline", "--from", "2030-12-20", "--working-days", "15"}, dir.path);
    BOOST_TEST(outside.exitCode == 2, outside.out + outside.err);
    BOOST_TEST(has(outside.err, "2031"), outside.err);
    BOOST_TEST(outside.out.empty());
    Run both = run({"calendar", "deadline", "--from", "2026-01-05", "--days", "3", "--working-days", "3"}, dir.path);
    BOOST_TEST(both.exitCode == 1);
    Run neither = run({"calendar", "deadline", "--from", "2026-01-05"}, dir.path);
    BOOST_TEST(neither.exitCode == 1);
    Run badDate = run({"calendar", "deadline", "--from", "2026-02-30", "--days", "3"}, dir.path);
    BOOST_TEST(badDate.exitCode == 1);
    Run zero = run({"calendar", "deadline", "--from", "2026-01-05", "--days", "0"}, dir.path);
    BOOST_TEST(zero.exitCode == 1);
}

BOOST_AUTO_TEST_CASE(show_lists_the_days_off_with_their_source)
{
    TempDir dir;
    Run r = run({"calendar", "show", "2024"}, dir.path);
    BOOST_TEST(r.exitCode == 0, r.err);
    BOOST_TEST(has(r.out, "Thứ Hai 29/04/2024  Hoán đổi ngày làm việc"), r.out);
    BOOST_TEST(has(r.out, "2450/VPCP-KGVX"), r.out);
    BOOST_TEST(has(r.out, "Thứ Bảy 04/05/2024"), r.out);
    Run json = run({"calendar", "show", "2030", "--format", "json"}, dir.path);
    BOOST_TEST(json.exitCode == 0, json.err);
    const json::Node doc = parsed(json);
    BOOST_TEST(doc.find("status")->text == "statutory");
    bool tet = false;
    for (const json::Node& day : doc.find("days_off")->items)
        tet = tet || (day.find("date")->text == "2030-02-02" && day.find("reason")->text == "lunar-new-year");
    BOOST_TEST(tet, json.out);
    Run missing = run({"calendar", "show", "2040"}, dir.path);
    BOOST_TEST(missing.exitCode == 5, missing.err);
}

BOOST_AUTO_TEST_CASE(an_announcement_overrides_the_shipped_year_for_that_database_only)
{
    TempDir dir;
    const fs::path file = write(dir.path, "2027.xml", announcement2027);
    const std::string db = (dir.path / "cal.db").string();
    // Without it, Monday 15/3/2027 is a working day: 1 working day after Friday 12/3 is that Monday.
    Run before =
        run({"calendar", "deadline", "--from", "2027-03-12", "--working-days", "1", "--format", "json"}, dir.path);
    BOOST_TEST(parsed(before).find("end")->text == "2027-03-15");

    Run noDb = run({"calendar", "announce", file.string()}, dir.path);
    BOOST_TEST(noDb.exitCode == 1, noDb.err);

    Run recorded = run({"calendar", "announce", file.string(), "--db", db, "--actor", "quan.tri"}, dir.path);
    BOOST_TEST(recorded.exitCode == 0, recorded.err);
    BOOST_TEST(has(recorded.out, "Đã ghi thông báo năm 2027"), recorded.out);
    Run again = run({"calendar", "announce", file.string(), "--db", db, "--actor", "quan.tri"}, dir.path);
    BOOST_TEST(again.exitCode == 0, again.err);
    BOOST_TEST(has(again.out, "Không thay đổi"), again.out);

    // With the database: Monday 15/3 is off, Saturday 20/3 worked; 2027 is no longer statutory.
    Run after =
        run({"calendar", "deadline", "--from", "2027-03-12", "--working-days", "1", "--format", "json", "--db", db},
            dir.path);
    BOOST_TEST(after.exitCode == 0, after.err);
    const json::Node doc = parsed(after);
    BOOST_TEST(doc.find("end")->text == "2027-03-16");
    BOOST_TEST(doc.find("statutory_years")->items.empty());
    BOOST_TEST(has(doc.find("calendar_source")->text, "2027"), after.out);
    Run saturday = run({"calendar", "deadline", "--from", "2027-03-19", "--working-days", "1", "--db", db}, dir.path);
    BOOST_TEST(has(saturday.out, "Thứ Bảy 20/03/2027"), saturday.out);
    Run show = run({"calendar", "show", "2027", "--db", db}, dir.path);
    BOOST_TEST(has(show.out, "999/VPCP-KGVX"), show.out);
    BOOST_TEST(has(show.out, "quan.tri"), show.out);

    // Without the database the shipped data alone is used, as before.
    Run shipped =
        run({"calendar", "deadline", "--from", "2027-03-12", "--working-days", "1", "--format", "json"}, dir.path);
    BOOST_TEST(parsed(shipped).find("end")->text == "2027-03-15");
}

BOOST_AUTO_TEST_CASE(a_broken_announcement_is_refused_naming_the_line_and_nothing_is_stored)
{
    TempDir dir;
    const std::string db = (dir.path / "cal.db").string();
    std::string broken = announcement2027;
    broken.replace(broken.find("2027-03-20\" replaces"), 10, "2027-03-17"); // a Wednesday
    const fs::path file = write(dir.path, "broken.xml", broken);
    Run r = run({"calendar", "announce", file.string(), "--db", db, "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 2, r.out + r.err);
    BOOST_TEST(has(r.err, "broken.xml:9:"), r.err); // the <working-day> element
    BOOST_TEST(has(r.err, "not a Saturday or Sunday"), r.err);
    const fs::path bad =
        write(dir.path, "bad.xml", "<year xmlns=\"urn:seclevel:calendar:1\" number=\"2027\">\n<oops/>\n");
    Run malformed = run({"calendar", "announce", bad.string(), "--db", db}, dir.path);
    BOOST_TEST(malformed.exitCode == 2, malformed.err);
    BOOST_TEST(has(malformed.err, "bad.xml"), malformed.err);
    Run show = run({"calendar", "show", "2027", "--db", db, "--format", "json"}, dir.path);
    BOOST_TEST(parsed(show).find("status")->text == "statutory");
}

BOOST_AUTO_TEST_CASE(show_as_xml_is_an_announcement_that_records_unchanged_and_edits_into_a_new_one)
{
    TempDir dir;
    const std::string db = (dir.path / "cal.db").string();
    // The shipped 2026 as XML reads back as an announcement: the same days, the same sources.
    Run xml = run({"calendar", "show", "2026", "--format", "xml"}, dir.path);
    BOOST_TEST(xml.exitCode == 0, xml.err);
    BOOST_TEST(has(xml.out, "<working-day date=\"2026-01-10\" replaces=\"2026-01-02\" source=\"vpcp-12729\""), xml.out);
    const fs::path same = write(dir.path, "2026.xml", xml.out);
    Run recorded = run({"calendar", "announce", same.string(), "--db", db}, dir.path);
    BOOST_TEST(recorded.exitCode == 0, recorded.err);
    Run shipped = run({"calendar", "show", "2026", "--format", "json"}, dir.path);
    Run stored = run({"calendar", "show", "2026", "--format", "json", "--db", db}, dir.path);
    BOOST_TEST(parsed(shipped).find("days_off")->items.size() == parsed(stored).find("days_off")->items.size());
    BOOST_TEST(has(parsed(stored).find("origin")->text, "announcement recorded by"));

    // 2027 edited from its statutory form: announced, Friday 5/2 swapped with Saturday 30/1.
    Run statutory = run({"calendar", "show", "2027", "--format", "xml"}, dir.path);
    std::string edited = statutory.out;
    edited.replace(edited.find("status=\"statutory\""), 18, "status=\"announced\"");
    const std::string document = "<document id=\"cv1\" number=\"1/VPCP-KGVX\" issuer-vi=\"Văn phòng Chính phủ\" "
                                 "issuer-en=\"Government Office\" reference=\"https://example.invalid/1\"/>\n  ";
    edited.insert(edited.find("<day-off"), document);
    edited.insert(edited.find("</year>"), "<working-day date=\"2027-01-30\" source=\"cv1\"/>\n");
    const fs::path file = write(dir.path, "2027.xml", edited);
    Run announced = run({"calendar", "announce", file.string(), "--db", db}, dir.path);
    BOOST_TEST(announced.exitCode == 0, announced.err + edited);
    // From Friday 29/1/2027, one working day is now Saturday 30/1.
    Run after =
        run({"calendar", "deadline", "--from", "2027-01-29", "--working-days", "1", "--format", "json", "--db", db},
            dir.path);
    BOOST_TEST(parsed(after).find("end")->text == "2027-01-30", after.out);
}
