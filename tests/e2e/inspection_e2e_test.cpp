// seclevel inspection create|show|list end to end: an inspector of the inspecting body records an inspection of
// a subtree; the team reads it with the systems in scope (text and JSON); an inspector of another province and
// a non-inspector are refused (exit 6) and nothing is written.
#define BOOST_TEST_MODULE inspection_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string example = std::string(SECLEVEL_SOURCE_DIR) + "/examples/cong-dich-vu-cong-tinh.json";

void ok(const Run& r)
{
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
}

} // namespace

BOOST_AUTO_TEST_CASE(inspectors_record_and_read_their_inspection_and_outsiders_are_refused)
{
    TempDir dir;
    const std::string db = (dir.path / "i.db").string();
    auto cli = [&](std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db);
        return run(args, dir.path);
    };
    ok(cli({"organisation", "add", "UBND", "UBND tỉnh", "--as", "admin"}));
    ok(cli({"organisation", "add", "TTR", "Thanh tra tỉnh", "--parent", "UBND", "--as", "admin"}));
    ok(cli({"organisation", "add", "SO-A", "Sở A", "--parent", "UBND", "--as", "admin"}));
    ok(cli({"organisation", "add", "SO-B", "Sở B", "--parent", "UBND", "--as", "admin"}));
    ok(cli({"organisation", "add", "KHAC", "Tỉnh khác", "--as", "admin"}));
    ok(cli({"user", "add", "admin", "Quản trị", "--org", "UBND", "--role", "administrator", "--as", "admin"}));
    ok(cli({"user", "add", "tt1", "Thanh tra 1", "--org", "TTR", "--role", "inspector", "--as", "admin"}));
    ok(cli({"user", "add", "tt9", "Thanh tra 9", "--org", "KHAC", "--role", "inspector", "--as", "admin"}));
    ok(cli({"user", "add", "owner", "Chủ quản", "--org", "SO-A", "--role", "owner", "--as", "admin"}));
    ok(cli({"system", "add", example, "--organisation", "SO-A", "--as", "admin"}));

    const std::vector<std::string> create = {
        "inspection", "create", "TTR-2026-01", "--decision", "125/QĐ-TTr", "--decision-date",
        "2026-10-05", "--body", "TTR",         "--scope",    "SO-A",       "--from",
        "2020-01-01", "--to",   "2026-09-30",  "--team",     "tt1"};
    auto as = [&](std::vector<std::string> args, const std::string& user) {
        args.push_back("--as");
        args.push_back(user);
        args.push_back("--lang");
        args.push_back("en");
        return cli(args);
    };
    // Neither an inspector of another body nor an owner may record it; a malformed date is a usage error.
    BOOST_TEST(as(create, "tt9").exitCode == 6);
    BOOST_TEST(as(create, "owner").exitCode == 6);
    std::vector<std::string> badDate = create;
    badDate[6] = "05/10/2026";
    BOOST_TEST(as(badDate, "tt1").exitCode == 1);
    BOOST_TEST(as({"inspection", "list", "--format", "json"}, "admin").out.find("TTR-2026-01") == std::string::npos);

    Run made = as(create, "tt1");
    ok(made);
    BOOST_TEST(made.out.find("Recorded inspection TTR-2026-01") != std::string::npos, made.out);
    Run again = as(create, "tt1");
    BOOST_TEST(again.out.find("Unchanged") != std::string::npos, again.out);

    Run shown = as({"inspection", "show", "TTR-2026-01", "--format", "json"}, "tt1");
    ok(shown);
    auto doc = json::parse(shown.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("decision_number")->text == "125/QĐ-TTr");
    BOOST_TEST(doc->find("scope")->find("organisation")->text == "SO-A");
    const json::Node* systems = doc->find("systems_in_scope");
    BOOST_REQUIRE(systems);
    BOOST_REQUIRE(systems->items.size() == 1u);
    BOOST_TEST(systems->items.front().find("organisation")->text == "SO-A");

    Run shownText = cli({"inspection", "show", "TTR-2026-01", "--as", "tt1"});
    ok(shownText);
    BOOST_TEST(shownText.out.find("quyết định số 125/QĐ-TTr") != std::string::npos, shownText.out);
    BOOST_TEST(shownText.out.find("Hệ thống thuộc phạm vi: 1") != std::string::npos, shownText.out);

    // Outsiders: refused, exit 6, the reason in English and Vietnamese.
    Run outsider = as({"inspection", "show", "TTR-2026-01"}, "tt9");
    BOOST_TEST(outsider.exitCode == 6);
    BOOST_TEST(outsider.err.find("is not on the team of inspection 'TTR-2026-01'") != std::string::npos, outsider.err);
    Run outsiderVi = cli({"inspection", "show", "TTR-2026-01", "--as", "tt9"});
    BOOST_TEST(outsiderVi.exitCode == 6);
    BOOST_TEST(outsiderVi.err.find("không thuộc đoàn thanh tra") != std::string::npos, outsiderVi.err);
    BOOST_TEST(as({"inspection", "show", "TTR-2026-01"}, "owner").exitCode == 6);
    Run outsiderList = as({"inspection", "list", "--format", "json"}, "tt9");
    ok(outsiderList);
    BOOST_TEST(outsiderList.out.find("TTR-2026-01") == std::string::npos, outsiderList.out);
    Run listed = as({"inspection", "list"}, "tt1");
    BOOST_TEST(listed.out.find("TTR-2026-01") != std::string::npos, listed.out);
    BOOST_TEST(as({"inspection", "show", "NOPE"}, "admin").exitCode != 0);

    // Findings: the unapproved system, under NĐ85 for facts up to 30/06/2026 and under NĐ331 for facts up to
    // the end of the period (30/09/2026, after 19/08/2026).
    Run early = as({"inspection", "run", "TTR-2026-01", "--as-of", "2026-06-30", "--format", "json"}, "tt1");
    ok(early);
    auto findings = json::parse(early.out, "stdout");
    BOOST_REQUIRE(findings.ok());
    bool unapproved = false;
    for (const json::Node& f : findings->find("findings")->items)
        if (f.find("rule")->text == "no_approved_level") {
            unapproved = true;
            BOOST_TEST(f.find("organisation")->text == "SO-A");
            BOOST_TEST(f.find("system")->text == "HN-DVC-01");
            BOOST_TEST(f.find("citations")->items.front().text == "NĐ85 Art 12, 14, 16");
            BOOST_TEST(f.find("facts")->find("state") != nullptr);
        }
    BOOST_TEST(unapproved, early.out);
    Run late = as({"inspection", "run", "TTR-2026-01", "--as-of", "2027-01-31", "--format", "json"}, "tt1");
    ok(late);
    BOOST_TEST(late.out.find("\"facts_until\": \"2026-09-30\"") != std::string::npos, late.out);
    BOOST_TEST(late.out.find("NĐ331 Art 18, 20") != std::string::npos, late.out);
    BOOST_TEST(late.out.find("NĐ85 Art 12") == std::string::npos, late.out);
    Run text = cli({"inspection", "run", "TTR-2026-01", "--as-of", "2026-06-30", "--as", "tt1"});
    ok(text);
    BOOST_TEST(text.out.find("Điều 12, Điều 14, Điều 16 Nghị định số 85/2016/NĐ-CP") != std::string::npos, text.out);
    BOOST_TEST(as({"inspection", "run", "TTR-2026-01"}, "tt9").exitCode == 6);

    // Recorded: twice, without duplicates.
    Run recorded = as(
        {"inspection", "run", "TTR-2026-01", "--as-of", "2026-06-30", "--record", "--deadline", "2026-12-31"}, "tt1");
    ok(recorded);
    BOOST_TEST(recorded.err.find("recorded: 2 new, 0 reopened, 0 already known") != std::string::npos, recorded.err);
    Run again2 = as({"inspection", "run", "TTR-2026-01", "--as-of", "2026-06-30", "--record"}, "tt1");
    BOOST_TEST(again2.err.find("recorded: 0 new, 0 reopened, 2 already known") != std::string::npos, again2.err);

    // A manual finding citing Decree 61/2018; an instrument outside the register is invalid input.
    Run manual = cli({"finding", "add", "TTR-2026-01", "--system", "HN-DVC-01", "--citation", "NĐ61 Art 7.1", "--title",
                      "Chưa công khai thủ tục", "--date", "2025-05-01", "--as", "tt1"});
    ok(manual);
    BOOST_TEST(manual.out.find("manual|HN-DVC-01|M1") != std::string::npos, manual.out);
    BOOST_TEST(manual.out.find("khoản 1 Điều 7 Nghị định số 61/2018/NĐ-CP") != std::string::npos, manual.out);
    BOOST_TEST(
        as({"finding", "add", "TTR-2026-01", "--system", "HN-DVC-01", "--citation", "QĐ9 Art 1", "--title", "x"}, "tt1")
            .exitCode == 2);
    BOOST_TEST(
        as({"finding", "add", "TTR-2026-01", "--system", "HN-DVC-01", "--citation", "NĐ61 Art 7.1", "--title", "x"},
           "tt9")
            .exitCode == 6);

    // Remediation: the agency reports with evidence; only the inspector closes, with evidence.
    const std::string key = "no_approved_level|HN-DVC-01|";
    BOOST_TEST(as({"finding", "update", "TTR-2026-01", key, "--status", "remediated"}, "owner").exitCode == 6);
    ok(as({"finding", "update", "TTR-2026-01", key, "--status", "remediated", "--evidence", "QĐ 5/QĐ-UBND"}, "owner"));
    BOOST_TEST(as({"finding", "close", "TTR-2026-01", key, "--evidence", "QĐ 5/QĐ-UBND"}, "owner").exitCode == 6);
    ok(as({"finding", "close", "TTR-2026-01", key, "--evidence", "QĐ 5/QĐ-UBND"}, "tt1"));
    // Still unapproved in the store: the next recorded run reopens it.
    Run reopened = as({"inspection", "run", "TTR-2026-01", "--as-of", "2026-06-30", "--record"}, "tt1");
    BOOST_TEST(reopened.err.find("1 reopened") != std::string::npos, reopened.err);

    // The conclusion: XML (validated by the binary before printing), HTML in the Decree 30 layout; the
    // remediation report per unit. Outsiders get none.
    Run xml = as({"inspection", "conclusion", "TTR-2026-01", "--format", "xml", "--as-of", "2026-10-30"}, "tt1");
    ok(xml);
    BOOST_TEST(xml.out.find("<citation>NĐ85 Art 12, 14, 16</citation>") != std::string::npos, xml.out);
    BOOST_TEST(xml.out.find("<citation>NĐ61 Art 7.1</citation>") != std::string::npos, xml.out);
    BOOST_TEST(xml.out.find("report-by=\"2026-12-31\"") != std::string::npos, xml.out);
    Run html = as(
        {"inspection", "conclusion", "TTR-2026-01", "--format", "html", "--as-of", "2026-10-30", "--place", "Hà Nam"},
        "tt1");
    ok(html);
    BOOST_TEST(html.out.find("KẾT LUẬN THANH TRA") != std::string::npos);
    BOOST_TEST(html.out.find("Trái quy định tại Điều 12, Điều 14, Điều 16 Nghị định số 85/2016/NĐ-CP") !=
                   std::string::npos,
               html.out);
    BOOST_TEST(html.out.find("trước ngày 31/12/2026") != std::string::npos);
    Run report = as({"remediation", "report", "TTR-2026-01", "--as-of", "2026-10-30"}, "tt1");
    ok(report);
    BOOST_TEST(report.out.find("Kết quả đã thực hiện") != std::string::npos);
    BOOST_TEST(report.out.find("Đã khắc phục") == std::string::npos); // the closed finding was reopened
    BOOST_TEST(as({"inspection", "conclusion", "TTR-2026-01", "--format", "xml"}, "tt9").exitCode == 6);
}
