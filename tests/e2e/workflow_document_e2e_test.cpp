// End-to-end: a level-3 system taken through the VN-2026 procedure with the built binary (users, dossier,
// submission, appraisal, security regulation, approval), then `seclevel workflow document` prints form 06
// (the approval decision citing the appraisal opinion) and form 04 (the appraisal opinion citing the request
// letter) from the stored data, and refuses a step that issues no document.
#define BOOST_TEST_MODULE workflow_document_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <filesystem>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string answers = R"({"system": {"id": "HN-DVC-01",
  "name": "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Nam",
  "owner": "Ủy ban nhân dân tỉnh Hà Nam", "operator": "Văn phòng UBND tỉnh Hà Nam", "organisation": "VP"},
  "answers": {"system_type": "citizen_service", "info_classes": ["public", "private", "personal"],
  "defence_security_harm": "none", "online_public_service_level": 4, "handles_administrative_procedures": true,
  "conditional_business_service": false, "personal_data_subjects": 86000, "sensitive_data_subjects": 1200}})";

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

void ok(const std::vector<std::string>& args, const fs::path& work, const std::string& stdinText = {})
{
    Run r = run(args, work, stdinText);
    std::string command;
    for (const std::string& a : args)
        command += a + " ";
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, command + "→ " + std::to_string(r.exitCode) + ": " + r.err + r.out);
}

// Fills every item `dossier check` asks for.
void completeDossier(const std::string& db, const fs::path& work)
{
    for (int round = 0; round < 3; ++round) {
        Run check = run({"dossier", "check", "HN-DVC-01", "--db", db, "--format", "json"}, work);
        auto doc = json::parse(check.out, "check");
        BOOST_REQUIRE_MESSAGE(doc.ok(), check.out + check.err);
        if (doc->find("complete")->boolean)
            return;
        for (const json::Node& item : doc->find("missing")->items) {
            const std::string key = item.find("key")->text;
            if (key.rfind("attachment:", 0) == 0) {
                const auto file = write(work, key.substr(11) + ".txt", "Tài liệu " + key + "\n");
                ok({"dossier", "attach", "HN-DVC-01", file.string(), "--kind", key.substr(11), "--db", db, "--as",
                    "op"},
                   work);
            } else if (key.rfind("requirement:", 0) == 0) {
                const auto hash = key.find('#');
                ok({"dossier", "requirement", "HN-DVC-01", key.substr(12, hash - 12), key.substr(hash + 1), "--status",
                    "met", "--how", "Đã triển khai", "--db", db, "--as", "op"},
                   work);
            } else if (key == "A.2.operator_address") {
                ok({"dossier", "set", "HN-DVC-01", key, "Số 1 Trần Phú, Phủ Lý", "--db", db, "--as", "op"}, work);
            } else {
                ok({"dossier", "set", "HN-DVC-01", key, "-", "--db", db, "--as", "op"}, work, "Nội dung " + key);
            }
        }
    }
    BOOST_FAIL("the dossier did not become complete");
}

} // namespace

BOOST_AUTO_TEST_CASE(form_06_and_form_04_of_an_approved_level_3_system)
{
    TempDir dir;
    const fs::path work = dir.path;
    const std::string db = (work / "a.db").string();
    ok({"organisation", "add", "UBND", "Ủy ban nhân dân tỉnh Hà Nam", "--db", db, "--as", "admin"}, work);
    ok({"organisation", "add", "VP", "Văn phòng UBND tỉnh Hà Nam", "--parent", "UBND", "--db", db, "--as", "admin"},
       work);
    ok({"user", "add", "admin", "Quản trị", "--org", "UBND", "--role", "administrator", "--db", db, "--as", "admin"},
       work);
    ok({"user", "add", "op", "Lê Văn Cường", "--org", "VP", "--role", "operator", "--db", db, "--as", "admin"}, work);
    ok({"user", "add", "su", "Trần Thị Bình", "--org", "UBND", "--role", "security_unit", "--db", db, "--as", "admin"},
       work);
    ok({"user", "add", "owner", "Nguyễn Văn An", "--org", "UBND", "--role", "owner", "--db", db, "--as", "admin"},
       work);
    const auto answersFile = write(work, "answers.json", answers);
    ok({"system", "add", answersFile.string(), "--organisation", "VP", "--ruleset", "VN-2026", "--as-of", "2026-11-02",
        "--db", db, "--as", "op"},
       work);
    completeDossier(db, work);

    auto step = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"workflow", "do", "HN-DVC-01"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"--db", db});
        ok(args, work);
    };
    step({"submit_appraisal", "--as", "op", "--date", "2026-11-02", "--number", "07/VP-TTHC", "--document-date",
          "2026-11-02"});
    step({"appraise_fit", "--as", "su", "--date", "2026-11-10", "--number", "15/TĐ-UBND", "--document-date",
          "2026-11-10", "--note", "Cấp độ 3 phù hợp <script>alert(1)</script>"});
    step({"submit_approval", "--as", "op", "--date", "2026-11-11"});
    step({"issue_security_regulation", "--as", "owner", "--date", "2026-11-12", "--number", "19/QĐ-UBND",
          "--document-date", "2026-11-12", "--note", "Quy chế"});
    step({"approve", "--as", "owner", "--date", "2026-11-13", "--number", "20/QĐ-UBND", "--document-date", "2026-11-13",
          "--note", "Phê duyệt cấp độ 3"});

    // Form 06: the approval decision, step 5 of `workflow show`.
    const fs::path decisionFile = work / "qd.html";
    ok({"workflow", "document", "HN-DVC-01", "5", "--output", decisionFile.string(), "--place", "Hà Nam", "--db", db},
       work);
    const std::string decision = slurp(decisionFile);
    BOOST_TEST(has(decision, "Mẫu số 06"));
    BOOST_TEST(has(decision, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    BOOST_TEST(has(decision, "Số: 20/QĐ-UBND"));
    BOOST_TEST(has(decision, "Hà Nam, ngày 13 tháng 11 năm 2026"));
    BOOST_TEST(has(decision, "Về việc phê duyệt cấp độ của hệ thống thông tin Hệ thống thông tin giải quyết thủ tục "
                             "hành chính tỉnh Hà Nam"));
    BOOST_TEST(has(decision, "Căn cứ Văn bản thẩm định số 15/TĐ-UBND ngày 10/11/2026 của Ủy ban nhân dân tỉnh Hà Nam;"),
               decision);
    BOOST_TEST(has(decision, "Căn cứ Quyết định số 19/QĐ-UBND ngày 12/11/2026 ban hành quy chế"));
    BOOST_TEST(has(decision, "Theo đề nghị của Văn phòng UBND tỉnh Hà Nam."));
    BOOST_TEST(has(decision, "Cấp độ: <b>cấp độ 3</b>"));
    BOOST_TEST(has(decision, "Địa chỉ: Số 1 Trần Phú, Phủ Lý;"));
    BOOST_TEST(has(decision, "<div class=\"signer-name\">Nguyễn Văn An</div>"));
    BOOST_TEST(has(decision, "bước số 5 (approve), bộ quy tắc VN-2026"));

    // Form 04: the appraisal opinion (step 2) cites the request letter; the note is escaped.
    Run opinion = run({"workflow", "document", "HN-DVC-01", "2", "--db", db}, work);
    BOOST_REQUIRE_MESSAGE(opinion.exitCode == 0, opinion.err);
    BOOST_TEST(has(opinion.out, "Mẫu số 04"));
    BOOST_TEST(has(opinion.out, "Số: 15/TĐ-UBND"));
    BOOST_TEST(has(opinion.out, "nhận được Văn bản số 07/VP-TTHC ngày 02/11/2026 của Văn phòng UBND tỉnh Hà Nam"));
    BOOST_TEST(has(opinion.out, "Cấp độ 3 phù hợp &lt;script&gt;alert(1)&lt;/script&gt;"));
    BOOST_TEST(!has(opinion.out, "<script>"));
    BOOST_TEST(has(opinion.out, "<div class=\"signer-name\">Trần Thị Bình</div>"));

    // A step that issues no templated document is refused, naming the dossier export for its form.
    Run none = run({"workflow", "document", "HN-DVC-01", "1", "--db", db, "--lang", "en"}, work);
    BOOST_TEST(none.exitCode == 5, none.err);
    BOOST_TEST(has(none.err, "issues no templated document"), none.err);
    BOOST_TEST(has(none.err, "dossier export HN-DVC-01 --format html --form N"), none.err);
    BOOST_TEST(none.out.empty());
    Run vi = run({"workflow", "document", "HN-DVC-01", "4", "--db", db}, work);
    BOOST_TEST(vi.exitCode == 5);
    BOOST_TEST(has(vi.err, "không ban hành văn bản nào theo mẫu"), vi.err);
    // No such step, a malformed number, an unknown system.
    BOOST_TEST(run({"workflow", "document", "HN-DVC-01", "9", "--db", db}, work).exitCode == 5);
    BOOST_TEST(run({"workflow", "document", "HN-DVC-01", "x", "--db", db}, work).exitCode == 1);
    BOOST_TEST(run({"workflow", "document", "NO-SUCH", "1", "--db", db}, work).exitCode == 5);
    BOOST_TEST(run({"workflow", "document", "HN-DVC-01", "5", "--format", "pdf", "--db", db}, work).exitCode == 1);
}
