// End-to-end tests of the appraisal and approval procedure on the built binary: organisations and users
// (`user add`, `--as`), a level-3 system under VN-2022 from draft to approval with `workflow do`, what
// `workflow show` and `workflow actions` say, refusals with their article in both languages, `deadlines`,
// `duties`, `duty record` with evidence, and re-determination when the approved system changes.
// Run again on PostgreSQL as workflow_e2e_test_postgres (BinaryRun.h maps every fresh --db to a schema).
#define BOOST_TEST_MODULE workflow_e2e
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

const std::string kSystem = "HN-DVC-01"; // examples/cong-dich-vu-cong-tinh.json: level 3 under VN-2022

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// One scratch folder and database, and the commands run in it.
struct Office {
    TempDir dir;
    fs::path work = dir.path;
    std::string db = (work / "wf.db").string();

    Run seclevel(std::vector<std::string> args, const std::string& stdinText = {})
    {
        args.push_back("--db");
        args.push_back(db);
        return run(args, work, stdinText);
    }
    Run ok(const std::vector<std::string>& args, const std::string& stdinText = {})
    {
        Run r = seclevel(args, stdinText);
        std::string line;
        for (const std::string& a : args)
            line += a + " ";
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, line + "→ exit " + std::to_string(r.exitCode) + ": " + r.err + r.out);
        return r;
    }
    json::Node jsonOf(const std::vector<std::string>& args)
    {
        Run r = ok(args);
        auto doc = json::parse(r.out, "stdout");
        BOOST_REQUIRE_MESSAGE(doc.ok(), r.out);
        return std::move(*doc);
    }
    Run step(const std::string& step, const std::string& user, const std::string& date,
             std::vector<std::string> extra = {})
    {
        std::vector<std::string> args = {"workflow", "do", kSystem, step, "--as", user, "--date", date};
        args.insert(args.end(), extra.begin(), extra.end());
        return seclevel(args);
    }

    // The organisations of a province and the users of each seat of a level-3 procedure.
    void setUp()
    {
        ok({"organisation", "add", "UBND-HANAM", "UBND tỉnh Hà Nam", "--as", "admin"});
        ok({"organisation", "add", "TTPVHCC", "Trung tâm Phục vụ hành chính công", "--parent", "UBND-HANAM", "--as",
            "admin"});
        ok({"organisation", "add", "STTTT", "Sở Thông tin và Truyền thông", "--parent", "UBND-HANAM", "--as", "admin"});
        ok({"user", "add", "admin", "Quản trị viên", "--org", "UBND-HANAM", "--role", "administrator", "--as",
            "admin"});
        ok({"user", "add", "op", "Cán bộ vận hành", "--org", "TTPVHCC", "--role", "operator", "--as", "admin"});
        ok({"user", "add", "su", "Đơn vị chuyên trách", "--org", "UBND-HANAM", "--role", "security_unit", "--as",
            "admin"});
        ok({"user", "add", "owner", "Chủ tịch UBND", "--org", "UBND-HANAM", "--role", "owner", "--as", "admin"});
    }

    // The example system, stored by the operator under VN-2022, its dossier filled by script as
    // `dossier check --format json` asks.
    void addSystem()
    {
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
    }
};

const json::Node* decision(const json::Node& doc, const std::string& step)
{
    for (const json::Node& d : doc.find("actions")->items)
        if (d.find("step")->text == step)
            return &d;
    return nullptr;
}

std::vector<std::string> historySteps(const json::Node& doc)
{
    std::vector<std::string> out;
    for (const json::Node& r : doc.find("history")->items)
        out.push_back(r.find("step")->text);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_first_user_is_an_administrator_and_unregistered_users_are_refused)
{
    Office o;
    o.ok({"organisation", "add", "UBND-HANAM", "UBND tỉnh Hà Nam", "--as", "admin"});
    Run first =
        o.seclevel({"user", "add", "op", "Vận hành", "--org", "UBND-HANAM", "--role", "operator", "--as", "op"});
    BOOST_TEST(first.exitCode == 6, first.err);
    BOOST_TEST(has(first.err, "quản trị"), first.err);
    o.ok({"user", "add", "admin", "Quản trị", "--org", "UBND-HANAM", "--role", "administrator", "--as", "admin"});
    o.ok({"user", "add", "op", "Vận hành", "--org", "UBND-HANAM", "--role", "operator", "--as", "admin"});
    // Once users exist, an unregistered --as (or $SECLEVEL_USER) is refused by name, nothing stored.
    Run stranger =
        o.seclevel({"user", "add", "x", "X", "--org", "UBND-HANAM", "--role", "operator", "--as", "stranger"});
    BOOST_TEST(stranger.exitCode == 5, stranger.err);
    BOOST_TEST(has(stranger.err, "stranger"), stranger.err);
    Run strangerEn =
        o.seclevel({"organisation", "add", "SO", "Sở", "--parent", "UBND-HANAM", "--as", "stranger", "--lang", "en"});
    BOOST_TEST(strangerEn.exitCode == 5, strangerEn.err);
    BOOST_TEST(has(strangerEn.err, "stranger"), strangerEn.err);
    // Only administrators add users.
    Run byOperator = o.seclevel({"user", "add", "y", "Y", "--org", "UBND-HANAM", "--role", "owner", "--as", "op"});
    BOOST_TEST(byOperator.exitCode == 6, byOperator.err);
    Run list = o.ok({"user", "list", "--format", "json"});
    BOOST_TEST(has(list.out, "\"admin\""));
    BOOST_TEST(has(list.out, "\"op\""));
    BOOST_TEST(!has(list.out, "\"x\""));
    BOOST_TEST(!has(list.out, "\"y\""));
}

BOOST_AUTO_TEST_CASE(a_level_3_system_from_draft_to_approval_with_its_clocks_duties_and_redetermination)
{
    Office o;
    o.setUp();
    o.addSystem();

    // Draft: only the operator may submit (the security unit is refused with the article that says who), and
    // appraising now is refused as out of order — in Vietnamese by default, in English with --lang en.
    json::Node actions =
        o.jsonOf({"workflow", "actions", kSystem, "--as", "su", "--as-of", "2025-06-02", "--format", "json"});
    BOOST_TEST(actions.find("state")->text == "draft");
    BOOST_TEST(!decision(actions, "appraise_fit")); // not a step out of the draft
    const json::Node* submitBySu = decision(actions, "submit_appraisal");
    BOOST_REQUIRE(submitBySu);
    BOOST_TEST(!submitBySu->find("allowed")->boolean);
    BOOST_TEST(submitBySu->find("citation")->text == "NĐ85 Art 14.1.b–c");
    bool whoMay = false;
    for (const json::Node& r : submitBySu->find("reasons")->items)
        whoMay = whoMay || r.find("citation")->text == "NĐ85 Art 14.1.a, 22.1";
    BOOST_TEST(whoMay);
    json::Node opDraft =
        o.jsonOf({"workflow", "actions", kSystem, "--as", "op", "--as-of", "2025-06-02", "--format", "json"});
    BOOST_REQUIRE(decision(opDraft, "submit_appraisal"));
    BOOST_TEST(decision(opDraft, "submit_appraisal")->find("allowed")->boolean);
    BOOST_TEST(decision(opDraft, "submit_appraisal")->find("as")->text == "operator@TTPVHCC");
    Run early = o.step("appraise_fit", "su", "2025-06-02", {"--number", "01/TĐ", "--note", "Phù hợp"});
    BOOST_TEST(early.exitCode == 6, early.err);
    BOOST_TEST(has(early.err, "trạng thái hiện tại"), early.err);
    BOOST_TEST(has(early.err, "(NĐ85 Art 16)"), early.err);
    Run earlyEn =
        o.step("appraise_fit", "su", "2025-06-02", {"--number", "01/TĐ", "--note", "Phù hợp", "--lang", "en"});
    BOOST_TEST(earlyEn.exitCode == 6);
    BOOST_TEST(has(earlyEn.err, "Not possible in the current state"), earlyEn.err);
    BOOST_TEST(has(earlyEn.err, "(NĐ85 Art 16)"), earlyEn.err);
    // An unregistered user cannot take a step.
    Run stranger = o.step("submit_appraisal", "stranger", "2025-06-02");
    BOOST_TEST(stranger.exitCode == 5, stranger.err);
    BOOST_TEST(has(stranger.err, "stranger"), stranger.err);

    o.ok({"workflow", "do", kSystem, "submit_appraisal", "--as", "op", "--date", "2025-06-02"});

    // The operator may not appraise what it submitted (NĐ85 Art 12.1, 12.2.a): exit 6, the article in both languages.
    json::Node opActions =
        o.jsonOf({"workflow", "actions", kSystem, "--as", "op", "--as-of", "2025-06-03", "--format", "json"});
    const json::Node* byOperator = decision(opActions, "appraise_fit");
    BOOST_REQUIRE(byOperator);
    BOOST_TEST(!byOperator->find("allowed")->boolean);
    bool cited = false;
    for (const json::Node& r : byOperator->find("reasons")->items)
        cited = cited || has(r.find("citation")->text, "NĐ85 Art 12.1, 12.2.a");
    BOOST_TEST(cited);
    Run refusedVi = o.step("appraise_fit", "op", "2025-06-03", {"--number", "01/TĐ", "--note", "Phù hợp"});
    BOOST_TEST(refusedVi.exitCode == 6);
    BOOST_TEST(has(refusedVi.err, "(NĐ85 Art 12.1, 12.2.a)"), refusedVi.err);
    Run refusedEn =
        o.step("appraise_fit", "op", "2025-06-03", {"--number", "01/TĐ", "--note", "Phù hợp", "--lang", "en"});
    BOOST_TEST(refusedEn.exitCode == 6);
    BOOST_TEST(has(refusedEn.err, "(NĐ85 Art 12.1, 12.2.a)"), refusedEn.err);
    BOOST_TEST(refusedVi.err != refusedEn.err);
    // Text actions list the refused step with ✘ and its article.
    Run textActions = o.ok({"workflow", "actions", kSystem, "--as", "op", "--as-of", "2025-06-03", "--lang", "en"});
    BOOST_TEST(has(textActions.out, "✘ appraise_fit"), textActions.out);

    // The appraisal clock: 15 calendar days from 2/6 (not counted) end on Tuesday 17/6 (NĐ85 Art 16.2).
    json::Node shown =
        o.jsonOf({"workflow", "show", kSystem, "--as-of", "2025-06-10", "--as", "su", "--format", "json"});
    BOOST_TEST(shown.find("state")->text == "submitted_for_appraisal");
    BOOST_TEST(shown.find("form08_status")->text == "Đã gửi thẩm định");
    BOOST_REQUIRE(shown.find("clocks")->items.size() == 1u);
    const json::Node& clock = shown.find("clocks")->items.front();
    BOOST_TEST(clock.find("citation")->text == "NĐ85 Art 16.2");
    BOOST_TEST(clock.find("end")->text == "2025-06-17");
    BOOST_TEST(clock.find("remaining")->integer == 7);
    BOOST_TEST(!clock.find("overdue")->boolean);
    const json::Node* suMay = decision(shown, "appraise_fit");
    BOOST_REQUIRE(suMay);
    BOOST_TEST(suMay->find("allowed")->boolean);
    BOOST_TEST(suMay->find("as")->text == "security_unit@UBND-HANAM");

    // deadlines: days left on 10/6, overdue on 20/6; another agency's scope does not list it.
    json::Node left = o.jsonOf({"deadlines", "--as-of", "2025-06-10", "--format", "json"});
    BOOST_REQUIRE(left.find("deadlines")->items.size() == 1u);
    const json::Node& item = left.find("deadlines")->items.front();
    BOOST_TEST(item.find("system")->text == kSystem);
    BOOST_TEST(item.find("organisation")->text == "TTPVHCC");
    BOOST_TEST(item.find("level")->integer == 3);
    BOOST_TEST(item.find("clock")->find("remaining")->integer == 7);
    BOOST_TEST(!item.find("clock")->find("overdue")->boolean);
    json::Node late = o.jsonOf({"deadlines", "--as-of", "2025-06-20", "--format", "json"});
    BOOST_REQUIRE(late.find("deadlines")->items.size() == 1u);
    BOOST_TEST(late.find("deadlines")->items.front().find("clock")->find("remaining")->integer == -3);
    BOOST_TEST(late.find("deadlines")->items.front().find("clock")->find("overdue")->boolean);
    BOOST_TEST(o.jsonOf({"deadlines", "--as-of", "2025-06-20", "--org", "STTTT", "--format", "json"})
                   .find("deadlines")
                   ->items.empty());
    Run lateText = o.ok({"deadlines", "--as-of", "2025-06-20", "--lang", "en"});
    BOOST_TEST(has(lateText.out, "3 days overdue"), lateText.out);

    o.ok({"workflow", "do", kSystem, "appraise_fit", "--as", "su", "--date", "2025-06-12", "--number", "15/TĐ-STTTT",
          "--document-date", "2025-06-12", "--note", "Hồ sơ phù hợp với cấp độ 3"});
    BOOST_TEST(o.jsonOf({"deadlines", "--as-of", "2025-06-20", "--format", "json"}).find("deadlines")->items.empty());
    o.ok({"workflow", "do", kSystem, "submit_approval", "--as", "op", "--date", "2025-06-13"});
    // Approval needs the security regulation first (TT12 Art 9.7).
    Run noRegulation = o.step("approve", "owner", "2025-06-16", {"--number", "20/QĐ-UBND", "--note", "Phê duyệt"});
    BOOST_TEST(noRegulation.exitCode == 6);
    BOOST_TEST(has(noRegulation.err, "TT12 Art 9.7"), noRegulation.err);
    // The approval clock runs in working days: 7 from Friday 13/6 end on Tuesday 24/6 (NĐ85 Art 17.2).
    json::Node approval = o.jsonOf({"deadlines", "--as-of", "2025-06-16", "--format", "json"});
    BOOST_REQUIRE(approval.find("deadlines")->items.size() == 1u);
    BOOST_TEST(approval.find("deadlines")->items.front().find("clock")->find("end")->text == "2025-06-24");
    BOOST_TEST(approval.find("deadlines")->items.front().find("clock")->find("unit")->text == "working_days");
    o.ok({"workflow", "do", kSystem, "issue_security_regulation", "--as", "owner", "--date", "2025-06-16", "--number",
          "19/QĐ-UBND", "--document-date", "2025-06-16", "--note", "Quy chế bảo đảm an toàn thông tin"});
    const auto decisionFile = write(o.work, "quyet-dinh-20.pdf", "%PDF Quyết định phê duyệt cấp độ 3\n");
    o.ok({"workflow", "do", kSystem, "approve", "--as", "owner", "--date", "2025-06-17", "--number", "20/QĐ-UBND",
          "--document-date", "2025-06-17", "--note", "Phê duyệt cấp độ 3", "--attach", decisionFile.string()});

    json::Node approved =
        o.jsonOf({"workflow", "show", kSystem, "--as-of", "2025-06-18", "--as", "owner", "--format", "json"});
    BOOST_TEST(approved.find("state")->text == "approved");
    BOOST_TEST(approved.find("form08_status")->text == "Đã được phê duyệt");
    BOOST_TEST(approved.find("approved_level")->integer == 3);
    BOOST_TEST(approved.find("approved_on")->text == "2025-06-17");
    BOOST_TEST(approved.find("ruleset")->text == "VN-2022");
    BOOST_TEST(approved.find("clocks")->items.empty());
    const std::vector<std::string> expected = {"submit_appraisal", "appraise_fit", "submit_approval",
                                               "issue_security_regulation", "approve"};
    BOOST_TEST(historySteps(approved) == expected, boost::test_tools::per_element());
    const json::Node& last = approved.find("history")->items.back();
    BOOST_TEST(last.find("seq")->integer == 5);
    BOOST_TEST(last.find("from")->text == "submitted_for_approval");
    BOOST_TEST(last.find("to")->text == "approved");
    BOOST_TEST(last.find("approved_level")->integer == 3);
    BOOST_TEST(last.find("document_number")->text == "20/QĐ-UBND");
    BOOST_TEST(last.find("actor")->find("user")->text == "owner");
    BOOST_TEST(last.find("actor")->find("role")->text == "owner");
    BOOST_TEST(last.find("actor")->find("organisation")->text == "UBND-HANAM");
    BOOST_REQUIRE(last.find("attachments")->items.size() == 1u);
    BOOST_TEST(last.find("attachments")->items.front().find("name")->text == "quyet-dinh-20.pdf");
    BOOST_TEST(last.find("attachments")->items.front().find("size")->integer ==
               static_cast<std::int64_t>(fs::file_size(decisionFile)));
    BOOST_TEST(approved.find("history")->items.front().find("actor")->find("user")->text == "op");
    const json::Node* redetermine = decision(approved, "require_redetermination");
    BOOST_REQUIRE(redetermine);
    BOOST_TEST(redetermine->find("citation")->text == "NĐ85 Art 18");

    // Duties a year on: the yearly assessment of a level-3 system (NĐ85 Art 20.2.c) fell due on 17/6/2026.
    auto duty = [](const json::Node& doc, const std::string& id) -> const json::Node* {
        for (const json::Node& d : doc.find("duties")->items)
            if (d.find("duty")->text == id && d.find("system")->text == kSystem)
                return &d;
        return nullptr;
    };
    json::Node duties = o.jsonOf({"duties", "--as-of", "2026-07-01", "--format", "json"});
    const json::Node* yearly = duty(duties, "periodic_assessment_l34");
    BOOST_REQUIRE(yearly);
    BOOST_TEST(yearly->find("state")->text == "overdue");
    BOOST_TEST(yearly->find("due")->text == "2026-06-17");
    BOOST_TEST(yearly->find("citation")->text == "NĐ85 Art 20.2.c");
    BOOST_TEST(yearly->find("owed_by")->text == "owner");
    BOOST_TEST(yearly->find("approved_level")->integer == 3);
    BOOST_TEST(!yearly->find("last_fulfilled"));
    BOOST_TEST(duties.find("duties")->items.front().find("state")->text == "overdue"); // overdue first

    // Recording it takes evidence; then it is due again a year after the assessment.
    Run noEvidence = o.seclevel({"duty", "record", kSystem, "periodic_assessment_l34", "--date", "2026-06-25", "--note",
                                 "Công ty X, đủ điều kiện theo NĐ85", "--as", "owner"});
    BOOST_TEST(noEvidence.exitCode == 6, noEvidence.err);
    const auto report = write(o.work, "bao-cao-danh-gia.pdf", "%PDF Báo cáo đánh giá 2026\n");
    Run badKind =
        o.seclevel({"duty", "record", kSystem, "periodic_assessment_l34", "--date", "2026-06-25", "--attach",
                    report.string(), "--assessor", "Công ty X", "--assessor-kind", "certified", "--as", "owner"});
    BOOST_TEST(badKind.exitCode != 0);
    BOOST_TEST(badKind.err.find("certified") != std::string::npos, badKind.err);
    o.ok({"duty", "record", kSystem, "periodic_assessment_l34", "--date", "2026-06-25", "--attach", report.string(),
          "--assessor", "Công ty X", "--assessor-kind", "licensed", "--assessor-licence", "01/GP-BTTTT", "--as",
          "owner"});
    json::Node after = o.jsonOf({"duties", "--as-of", "2026-07-01", "--format", "json"});
    const json::Node* again = duty(after, "periodic_assessment_l34");
    BOOST_REQUIRE(again);
    BOOST_TEST(again->find("state")->text == "upcoming");
    BOOST_TEST(again->find("due")->text == "2027-06-25");
    BOOST_TEST(again->find("last_fulfilled")->text == "2026-06-25");

    // The approved system judged again under another rule set: re-determination required (NĐ85 Art 18), the
    // approved level stays on record.
    o.ok({"system", "update", kSystem,
          (fs::path(SECLEVEL_SOURCE_DIR) / "examples" / "cong-dich-vu-cong-tinh.json").string(), "--ruleset", "VN-2026",
          "--as-of", "2026-09-01", "--as", "op"});
    json::Node redetermined =
        o.jsonOf({"workflow", "show", kSystem, "--as-of", "2026-09-02", "--as", "op", "--format", "json"});
    BOOST_TEST(redetermined.find("state")->text == "redetermination_required");
    BOOST_TEST(redetermined.find("approved_level")->integer == 3);
    const json::Node& marked = redetermined.find("history")->items.back();
    BOOST_TEST(marked.find("step")->text == "require_redetermination");
    BOOST_TEST(marked.find("from")->text == "approved");
    BOOST_TEST(has(marked.find("note")->text, "VN-2026"), marked.find("note")->text);
}
