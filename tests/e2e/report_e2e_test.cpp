// End-to-end tests of `seclevel report annual` and `seclevel report rollup` on the built binary: a province
// set up with the CLI (organisations, users, the example system taken to approval with dated steps), the
// annual report of 2025 in every format — XML valid against schemas/annual-report.xsd, XLSX read back, CSV,
// HTML — the roll-up as JSON and HTML, and the usage errors.
#define BOOST_TEST_MODULE report_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"
#include "formats/xlsx/XlsxReader.h"
#include "rules/XmlSchema.h"

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string kSystem = "HN-DVC-01"; // examples/cong-dich-vu-cong-tinh.json: level 3 under VN-2022

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

struct Office {
    TempDir dir;
    fs::path work = dir.path;
    std::string db = (work / "report.db").string();

    Run seclevel(std::vector<std::string> args)
    {
        args.push_back("--db");
        args.push_back(db);
        return run(args, work);
    }
    Run ok(const std::vector<std::string>& args, const std::string& stdinText = {})
    {
        std::vector<std::string> full = args;
        full.push_back("--db");
        full.push_back(db);
        Run r = run(full, work, stdinText);
        std::string line;
        for (const std::string& a : args)
            line += a + " ";
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, line + "→ exit " + std::to_string(r.exitCode) + ": " + r.err + r.out);
        return r;
    }

    Office()
    {
        ok({"organisation", "add", "UBND-HANAM", "UBND tỉnh Hà Nam", "--as", "admin"});
        ok({"organisation", "add", "TTPVHCC", "Trung tâm Phục vụ hành chính công", "--parent", "UBND-HANAM", "--as",
            "admin"});
        ok({"user", "add", "admin", "Quản trị viên", "--org", "UBND-HANAM", "--role", "administrator", "--as",
            "admin"});
        ok({"user", "add", "op", "Cán bộ vận hành", "--org", "TTPVHCC", "--role", "operator", "--as", "admin"});
        ok({"user", "add", "su", "Đơn vị chuyên trách", "--org", "UBND-HANAM", "--role", "security_unit", "--as",
            "admin"});
        ok({"user", "add", "owner", "Chủ tịch UBND", "--org", "UBND-HANAM", "--role", "owner", "--as", "admin"});
        ok({"system", "add", (fs::path(SECLEVEL_SOURCE_DIR) / "examples" / "cong-dich-vu-cong-tinh.json").string(),
            "--organisation", "TTPVHCC", "--ruleset", "VN-2022", "--as-of", "2025-06-01", "--as", "op"});
        for (int round = 0;; ++round) {
            BOOST_REQUIRE(round < 3);
            Run check = seclevel({"dossier", "check", kSystem, "--format", "json"});
            auto doc = json::parse(check.out, "check");
            BOOST_REQUIRE_MESSAGE(doc.ok(), check.out + check.err);
            if (doc->find("complete")->boolean)
                break;
            for (const json::Node& item : doc->find("missing")->items) {
                const std::string key = item.find("key")->text;
                if (key.rfind("attachment:", 0) == 0) {
                    const std::string kind = key.substr(11);
                    const auto file = write(work, kind + ".pdf", "%PDF tài liệu " + kind + "\n");
                    ok({"dossier", "attach", kSystem, file.string(), "--kind", kind, "--as", "op"});
                } else if (key.rfind("requirement:", 0) == 0) {
                    const auto hash = key.find('#');
                    ok({"dossier", "requirement", kSystem, key.substr(12, hash - 12), key.substr(hash + 1), "--status",
                        "met", "--how", "Đã triển khai", "--as", "op"});
                } else {
                    ok({"dossier", "set", kSystem, key, "-", "--as", "op"}, "Nội dung của " + key);
                }
            }
        }
        ok({"workflow", "do", kSystem, "submit_appraisal", "--as", "op", "--date", "2025-06-02"});
        ok({"workflow", "do", kSystem, "appraise_fit", "--as", "su", "--date", "2025-06-12", "--number", "15/TĐ-STTTT",
            "--document-date", "2025-06-12", "--note", "Phù hợp"});
        ok({"workflow", "do", kSystem, "submit_approval", "--as", "op", "--date", "2025-06-13"});
        ok({"workflow", "do", kSystem, "issue_security_regulation", "--as", "owner", "--date", "2025-06-16", "--number",
            "19/QĐ-UBND", "--document-date", "2025-06-16", "--note", "Quy chế"});
        ok({"workflow", "do", kSystem, "approve", "--as", "owner", "--date", "2025-06-17", "--number", "20/QĐ-UBND",
            "--document-date", "2025-06-17", "--note", "Phê duyệt cấp độ 3"});
    }
};

Office& office()
{
    static Office o;
    return o;
}

} // namespace

BOOST_AUTO_TEST_CASE(annual_report_in_every_format)
{
    Office& o = office();
    Run xml = o.ok({"report", "annual", "--org", "UBND-HANAM", "--year", "2025", "--format", "xml"});
    auto schema = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/annual-report.xsd");
    BOOST_REQUIRE(schema.ok());
    const Errors invalid = (*schema)->validate(xml.out, "stdout");
    BOOST_TEST(invalid.empty(), (invalid.empty() ? std::string() : invalid.front().describe(Lang::En)));
    BOOST_TEST(has(xml.out, "definition=\"tt12-art14\""));
    BOOST_TEST(has(xml.out, "<approval-decision number=\"20/QĐ-UBND\" date=\"2025-06-17\" issuer=\"UBND tỉnh Hà Nam\""),
               xml.out);
    BOOST_TEST(has(xml.out, "<security-regulation number=\"19/QĐ-UBND\" date=\"2025-06-16\""));
    BOOST_TEST(has(xml.out, "managed=\"1\""));
    BOOST_TEST(has(xml.out, "approved=\"1\""));

    o.ok({"report", "annual", "--org", "UBND-HANAM", "--year", "2025", "--format", "xlsx", "--output",
          (o.work / "bc.xlsx").string()});
    auto rows = readXlsxFile((o.work / "bc.xlsx").string(), std::string("Mau 08"));
    BOOST_REQUIRE_MESSAGE(rows.ok(), (rows.ok() ? std::string() : rows.errors().front().describe(Lang::En)));
    SheetRow header, row;
    BOOST_REQUIRE(*(*rows)->next(header));
    BOOST_REQUIRE(*(*rows)->next(row));
    BOOST_TEST(header.cells[0].text == "(1) STT");
    BOOST_TEST(row.cells[5].text == "Đã được phê duyệt");
    BOOST_TEST(row.cells[6].text == "20/QĐ-UBND, 17/06/2025, UBND tỉnh Hà Nam");
    BOOST_TEST(!fs::exists(o.work / "bc.xlsx.partial"));

    Run csv = o.ok({"report", "annual", "--org", "UBND-HANAM", "--year", "2025", "--format", "csv"});
    BOOST_TEST(has(csv.out, "Đã được phê duyệt"));
    Run html = o.ok({"report", "annual", "--org", "TTPVHCC", "--year", "2025", "--format", "html", "--output",
                     (o.work / "bc.html").string()});
    const std::string page = slurp(o.work / "bc.html");
    BOOST_TEST(has(page, "Thông tư số 12/2022/TT-BTTTT"));
    BOOST_TEST(!has(page, "<script"));
    // The 2026 report is the NĐ331 Form 08 one.
    Run form08 = o.ok({"report", "annual", "--org", "UBND-HANAM", "--year", "2026", "--format", "html"});
    BOOST_TEST(has(form08.out, "Mẫu số 08"));
}

BOOST_AUTO_TEST_CASE(rollup_as_json_and_html)
{
    Office& o = office();
    Run out = o.ok({"report", "rollup", "--org", "UBND-HANAM", "--as-of", "2025-12-31", "--format", "json"});
    auto doc = json::parse(out.out, "stdout");
    BOOST_REQUIRE_MESSAGE(doc.ok(), out.out);
    BOOST_REQUIRE(doc->find("agencies")->items.size() == 1u);
    const json::Node& agency = doc->find("agencies")->items.front();
    BOOST_TEST(agency.find("organisation")->text == "TTPVHCC");
    BOOST_TEST(agency.find("approved")->integer == 1);
    // Before the submission the system was a draft.
    Run before = o.ok({"report", "rollup", "--as-of", "2025-06-01", "--format", "json"});
    auto early = json::parse(before.out, "stdout");
    BOOST_REQUIRE(early.ok());
    BOOST_TEST(early->find("total")->find("approved")->integer == 0);
    BOOST_TEST(early->find("total")->find("by_status")->find("Đang dự thảo")->integer == 1);
    Run html = o.ok({"report", "rollup", "--format", "html"});
    BOOST_TEST(has(html.out, "<svg"));
    BOOST_TEST(!has(html.out, "<script"));
}

BOOST_AUTO_TEST_CASE(usage_errors)
{
    Office& o = office();
    BOOST_TEST(o.seclevel({"report", "annual", "--org", "UBND-HANAM", "--year", "2025", "--format", "xlsx"}).exitCode ==
               1);
    BOOST_TEST(o.seclevel({"report", "annual", "--org", "UBND-HANAM", "--year", "20x5", "--format", "xml"}).exitCode ==
               1);
    BOOST_TEST(o.seclevel({"report", "annual", "--org", "UBND-HANAM", "--year", "2025", "--format", "pdf"}).exitCode ==
               1);
    Run unknown = o.seclevel({"report", "annual", "--org", "NOWHERE", "--year", "2025", "--format", "xml"});
    BOOST_TEST(unknown.exitCode != 0);
    BOOST_TEST(has(unknown.err, "NOWHERE"));
    Run early = o.seclevel({"report", "annual", "--org", "UBND-HANAM", "--year", "2020", "--format", "xml"});
    BOOST_TEST(early.exitCode != 0);
    BOOST_TEST(o.seclevel({"report", "rollup", "--format", "csv"}).exitCode == 1);
}
