// seclevel inspection create|show|list end to end: an inspector of the inspecting body records an inspection of
// a subtree; the team reads it with the systems in scope (text and JSON); an inspector of another province and
// a non-inspector are refused (exit 6) and nothing is written.
#define BOOST_TEST_MODULE inspection_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <filesystem>
#include <fstream>
#include <iterator>
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

    // The roll-up with the inspection named: its three stored findings (two automatic, one manual) per agency and
    // by the article breached, for the team only.
    Run rollup =
        as({"report", "rollup", "--inspection", "TTR-2026-01", "--as-of", "2026-10-30", "--format", "json"}, "tt1");
    ok(rollup);
    auto rolled = json::parse(rollup.out, "stdout");
    BOOST_REQUIRE(rolled.ok());
    BOOST_TEST(rolled->find("inspection")->text == "TTR-2026-01");
    BOOST_TEST(rolled->find("total")->find("findings")->integer == 3);
    BOOST_TEST(rolled->find("total")->find("open_findings")->integer == 3); // remediated, closed, then reopened
    long long byArticle = 0;
    bool manualArticle = false;
    for (const json::Node& a : rolled->find("findings_by_article")->items) {
        byArticle += a.find("findings")->integer;
        if (a.find("citation")->text == "NĐ61 Art 7.1") {
            manualArticle = true;
            BOOST_TEST(a.find("rules")->items.front().text == "manual");
            BOOST_TEST(a.find("citation_vi")->text == "khoản 1 Điều 7 Nghị định số 61/2018/NĐ-CP");
        }
    }
    BOOST_TEST(byArticle == 3);
    BOOST_TEST(manualArticle, rollup.out);
    for (const json::Node& agency : rolled->find("agencies")->items)
        if (agency.find("organisation")->text == "SO-A")
            BOOST_TEST(agency.find("findings")->integer == 3);
    Run rollupHtml = cli({"report", "rollup", "--inspection", "TTR-2026-01", "--as-of", "2026-10-30", "--format",
                          "html", "--as", "tt1"}); // Vietnamese: the articles read the Vietnamese way
    ok(rollupHtml);
    BOOST_TEST(rollupHtml.out.find("theo điều khoản vi phạm") != std::string::npos);
    BOOST_TEST(rollupHtml.out.find("Điều 12, Điều 14, Điều 16 Nghị định số 85/2016/NĐ-CP") != std::string::npos);
    BOOST_TEST(as({"report", "rollup", "--inspection", "TTR-2026-01", "--format", "json"}, "tt9").exitCode == 6);
}

// Remediation evidence as files: the agency reports remediated with a file, the inspector closes with a file; the
// files come back byte for byte for the team and the agency and for nobody else; a path is kept as its base name,
// a name with a newline is refused and nothing is written.
BOOST_AUTO_TEST_CASE(evidence_files_of_remediation_are_kept_and_read_back_only_by_the_team_and_the_agency)
{
    TempDir dir;
    const std::string db = (dir.path / "e.db").string();
    auto cli = [&](std::vector<std::string> args, const std::string& user) {
        for (const std::string& extra :
             {std::string("--db"), db, std::string("--as"), user, std::string("--lang"), std::string("en")})
            args.push_back(extra);
        return run(args, dir.path);
    };
    ok(cli({"organisation", "add", "UBND", "UBND tỉnh"}, "admin"));
    ok(cli({"organisation", "add", "TTR", "Thanh tra tỉnh", "--parent", "UBND"}, "admin"));
    ok(cli({"organisation", "add", "SO-A", "Sở A", "--parent", "UBND"}, "admin"));
    ok(cli({"organisation", "add", "SO-B", "Sở B", "--parent", "UBND"}, "admin"));
    ok(cli({"organisation", "add", "KHAC", "Tỉnh khác"}, "admin"));
    ok(cli({"user", "add", "admin", "Quản trị", "--org", "UBND", "--role", "administrator"}, "admin"));
    ok(cli({"user", "add", "tt1", "Thanh tra 1", "--org", "TTR", "--role", "inspector"}, "admin"));
    ok(cli({"user", "add", "tt9", "Thanh tra 9", "--org", "KHAC", "--role", "inspector"}, "admin"));
    ok(cli({"user", "add", "owner", "Chủ quản", "--org", "SO-A", "--role", "owner"}, "admin"));
    ok(cli({"user", "add", "owner-b", "Chủ quản B", "--org", "SO-B", "--role", "owner"}, "admin"));
    ok(cli({"system", "add", example, "--organisation", "SO-A"}, "admin"));
    ok(cli({"inspection", "create", "TTR-2026-02", "--decision", "130/QĐ-TTr", "--decision-date", "2026-10-05",
            "--body", "TTR", "--scope", "SO-A", "--from", "2020-01-01", "--to", "2026-09-30", "--team", "tt1"},
           "tt1"));
    ok(cli({"inspection", "run", "TTR-2026-02", "--as-of", "2026-06-30", "--record", "--deadline", "2026-12-31"},
           "tt1"));
    const std::string key = "no_approved_level|HN-DVC-01|";

    const std::string report = std::string("%PDF-1.7\n\0\xff\xfe\r\n binary report body", 33);
    const std::string minutes = "Biên bản kiểm tra khắc phục\n";
    fs::create_directories(dir.path / "sub" / "deeper");
    write(dir.path / "sub", "passwd", report);
    const std::string throughDots = (dir.path / "sub" / "deeper" / ".." / ".." / "sub" / "passwd").string();
    const std::string bienBan = write(dir.path, "bien-ban.pdf", minutes).string();
    const std::string newline = write(dir.path, "bad\nname.pdf", minutes).string();
    fs::create_symlink(bienBan, dir.path / "link.pdf");

    auto history = [&]() {
        Run shown = cli({"finding", "show", "TTR-2026-02", key, "--format", "json"}, "tt1");
        BOOST_REQUIRE_MESSAGE(shown.exitCode == 0, shown.err);
        auto doc = json::parse(shown.out, "stdout");
        BOOST_REQUIRE(doc.ok());
        return doc->find("history")->items;
    };
    const size_t before = history().size();

    // Refused files: a name with a newline (named, visibly escaped), a symbolic link, a missing file, a folder;
    // closing with no evidence at all. Nothing is written.
    Run badName = cli({"finding", "update", "TTR-2026-02", key, "--status", "remediated", "--evidence-file", bienBan,
                       "--evidence-file", newline},
                      "owner");
    BOOST_TEST(badName.exitCode == 2, badName.err);
    BOOST_TEST(badName.err.find("bad\\x0Aname.pdf") != std::string::npos, badName.err);
    Run link = cli({"finding", "update", "TTR-2026-02", key, "--status", "remediated", "--evidence-file",
                    (dir.path / "link.pdf").string()},
                   "owner");
    BOOST_TEST(link.exitCode != 0);
    BOOST_TEST(link.err.find("link.pdf") != std::string::npos, link.err);
    for (const std::string& missing : {(dir.path / "nope.pdf").string(), (dir.path / "sub").string()}) {
        Run r = cli({"finding", "update", "TTR-2026-02", key, "--status", "remediated", "--evidence-file", missing},
                    "owner");
        BOOST_TEST(r.exitCode != 0);
        BOOST_TEST(r.err.find(missing) != std::string::npos, r.err);
    }
    BOOST_TEST(cli({"finding", "close", "TTR-2026-02", key}, "tt1").exitCode == 6);
    BOOST_TEST(history().size() == before);

    // The agency reports remediated with a file only (given through a path with ".."): kept as "passwd".
    Run remediated = cli(
        {"finding", "update", "TTR-2026-02", key, "--status", "remediated", "--evidence-file", throughDots}, "owner");
    ok(remediated);
    BOOST_TEST(remediated.out.find("passwd (33 B, sha256 ") != std::string::npos, remediated.out);
    // Another agency may not; the agency may not close; the inspector closes with a file.
    BOOST_TEST(
        cli({"finding", "update", "TTR-2026-02", key, "--status", "in_progress", "--evidence-file", bienBan}, "owner-b")
            .exitCode == 6);
    BOOST_TEST(cli({"finding", "close", "TTR-2026-02", key, "--evidence-file", bienBan}, "owner").exitCode == 6);
    ok(cli({"finding", "close", "TTR-2026-02", key, "--evidence-file", bienBan, "--note", "đã kiểm tra"}, "tt1"));

    const auto entries = history();
    BOOST_REQUIRE(entries.size() == before + 2);
    const auto& remediatedFiles = entries[before].find("files")->items;
    BOOST_REQUIRE(remediatedFiles.size() == 1u);
    BOOST_TEST(remediatedFiles.front().find("name")->text == "passwd");
    BOOST_TEST(remediatedFiles.front().find("size")->integer == 33);
    const std::string reportDigest = remediatedFiles.front().find("sha256")->text;
    BOOST_TEST(reportDigest.size() == 64u);
    const auto& closingFiles = entries[before + 1].find("files")->items;
    BOOST_REQUIRE(closingFiles.size() == 1u);
    BOOST_TEST(closingFiles.front().find("name")->text == "bien-ban.pdf");
    BOOST_TEST(closingFiles.front().find("media_type")->text == "application/pdf");
    BOOST_TEST(entries[before + 1].find("status")->text == "closed");
    const std::string minutesDigest = closingFiles.front().find("sha256")->text;
    Run shownText = cli({"finding", "show", "TTR-2026-02", key}, "owner");
    ok(shownText);
    BOOST_TEST(shownText.out.find("bien-ban.pdf (" + std::to_string(minutes.size()) + " B, sha256 " +
                                  minutesDigest.substr(0, 12) + ")") != std::string::npos,
               shownText.out);

    // Read back byte for byte: the team by the whole digest, the agency by its first 12 digits.
    auto readBack = [&](const std::string& digest, const std::string& user, const std::string& name) {
        const fs::path out = dir.path / name;
        Run r = cli({"finding", "evidence", "TTR-2026-02", key, digest, "--output", out.string()}, user);
        std::ifstream in(out, std::ios::binary);
        return std::make_pair(r, std::string(std::istreambuf_iterator<char>(in), {}));
    };
    auto [teamRun, teamBytes] = readBack(reportDigest, "tt1", "team.out");
    ok(teamRun);
    BOOST_TEST((teamBytes == report));
    auto [agencyRun, agencyBytes] = readBack(minutesDigest.substr(0, 12), "owner", "agency.out");
    ok(agencyRun);
    BOOST_TEST((agencyBytes == minutes));
    // Outsiders are refused and get no file: an inspector of another province, another agency's owner.
    for (const std::string& outsider : {std::string("tt9"), std::string("owner-b")}) {
        auto [refused, bytes] = readBack(reportDigest, outsider, outsider + ".out");
        BOOST_TEST(refused.exitCode == 6, refused.err);
        BOOST_TEST(!fs::exists(dir.path / (outsider + ".out")));
        BOOST_TEST(cli({"finding", "show", "TTR-2026-02", key}, outsider).exitCode == 6);
    }
    BOOST_TEST(cli({"finding", "evidence", "TTR-2026-02", key, std::string(64, '0'), "--output",
                    (dir.path / "none.out").string()},
                   "tt1")
                   .exitCode != 0);

    // The remediation report lists the files with size and the first 12 digits of the digest.
    Run reportHtml = cli({"remediation", "report", "TTR-2026-02", "--as-of", "2026-10-30"}, "tt1");
    ok(reportHtml);
    BOOST_TEST(reportHtml.out.find("passwd (33 byte, SHA-256 " + reportDigest.substr(0, 12) + ")") != std::string::npos,
               reportHtml.out);
    BOOST_TEST(reportHtml.out.find("bien-ban.pdf (") != std::string::npos);
}
