// End-to-end tests of the built `seclevel` binary on real files and a real SQLite database.
#define BOOST_TEST_MODULE cli_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string example = std::string(SECLEVEL_SOURCE_DIR) + "/examples/cong-dich-vu-cong-tinh.json";

std::string answersFile(const std::string& id, const std::string& name, const std::string& answers)
{
    return R"({"system": {"id": ")" + id + R"(", "name": ")" + name +
           R"(", "owner": "Bộ Nội vụ", "operator": "Trung tâm Thông tin"}, "answers": )" + answers + "}";
}

} // namespace

BOOST_AUTO_TEST_CASE(assess_example_explains_in_vietnamese_and_english)
{
    TempDir dir;
    Run vi = run({"assess", example}, dir.path);
    BOOST_TEST(vi.exitCode == 0, vi.err);
    BOOST_TEST(vi.out.find("Cấp độ đề xuất: 3") != std::string::npos, vi.out);
    // Vietnamese text cites the Vietnamese way; English keeps the machine form.
    BOOST_TEST(vi.out.find("điểm b khoản 2 Điều 13 Nghị định số 331/2026/NĐ-CP") != std::string::npos, vi.out);
    BOOST_TEST(vi.out.find("NĐ331 Art 13.2.b") == std::string::npos, vi.out);
    Run en = run({"assess", example, "--lang", "en", "--ruleset", "VN-2022"}, dir.path);
    BOOST_TEST(en.exitCode == 0, en.err);
    BOOST_TEST(en.out.find("Proposed level: 3") != std::string::npos, en.out);
    BOOST_TEST(en.out.find("NĐ85 Art 9.2.a") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(assess_json_has_the_documented_fields)
{
    TempDir dir;
    Run r = run({"assess", example, "--format", "json", "--as-of", "2025-01-01"}, dir.path);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    auto doc = json::parse(r.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("ruleset")->text == "VN-2022");
    BOOST_TEST(doc->find("level")->integer == 3);
    BOOST_TEST(doc->find("derived_level")->integer == 3);
    BOOST_TEST(doc->find("components")->items.size() == 2u);
    BOOST_TEST(!doc->find("basis")->items.empty());
    BOOST_TEST(doc->find("basis")->items[0].find("citation") != nullptr);
    BOOST_TEST(doc->find("basis")->items[0].find("answers") != nullptr);
    BOOST_TEST(doc->find("warnings")->isArray());
}

BOOST_AUTO_TEST_CASE(rule_set_is_chosen_by_date)
{
    TempDir dir;
    auto rulesetOn = [&](const std::string& date) {
        Run r = run({"assess", example, "--format", "json", "--as-of", date}, dir.path);
        auto doc = json::parse(r.out, "stdout");
        return doc.ok() ? doc->find("ruleset")->text : "error: " + r.err;
    };
    BOOST_TEST(rulesetOn("2020-05-01") == "VN-2016");
    BOOST_TEST(rulesetOn("2022-10-01") == "VN-2022");
    BOOST_TEST(rulesetOn("2026-08-18") == "VN-2022");
    BOOST_TEST(rulesetOn("2026-08-19") == "VN-2026");
    Run before = run({"assess", example, "--as-of", "2010-01-01", "--lang", "en"}, dir.path);
    BOOST_TEST(before.exitCode == 5);
    BOOST_TEST(before.err.find("no rule set applies on 2010-01-01") != std::string::npos, before.err);
    Run bad = run({"assess", example, "--as-of", "2026-02-30"}, dir.path);
    BOOST_TEST(bad.exitCode == 1);
    BOOST_TEST(bad.err.find("--as-of") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(assess_xml_is_well_formed_and_carries_the_rule_set)
{
    TempDir dir;
    Run r = run({"assess", example, "--format", "xml", "--ruleset", "VN-2026"}, dir.path);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    BOOST_TEST(r.out.find("<assessment-report xmlns=\"urn:seclevel:dossier:1\" schema-version=\"1\"") !=
                   std::string::npos,
               r.out);
    BOOST_TEST(r.out.find("<ruleset id=\"VN-2026\"") != std::string::npos);
    BOOST_TEST(r.out.find("citation=\"NĐ331 Art 13.2.b\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_answers_name_file_line_and_key_in_the_users_language)
{
    TempDir dir;
    const auto file =
        write(dir.path, "bad.json",
              "{\n  \"system\": {\"id\": \"X\", \"name\": \"X\", \"owner\": \"O\", \"operator\": \"P\"},\n"
              "  \"answers\": {\n    \"system_type\": \"spaceship\",\n    \"info_classes\": [\"public\"]\n  }\n}\n");
    Run vi = run({"assess", file.string()}, dir.path);
    BOOST_TEST(vi.exitCode == 2);
    BOOST_TEST(vi.err.find(file.string() + ":4: system_type:") != std::string::npos, vi.err);
    BOOST_TEST(vi.err.find("lỗi:") != std::string::npos);
    Run en = run({"assess", file.string(), "--lang=en"}, dir.path);
    BOOST_TEST(en.err.find("'spaceship' is not a valid option") != std::string::npos, en.err);

    const auto unknown =
        write(dir.path, "unknown.json",
              answersFile("X", "X", "{\"system_type\": \"internal\", \"info_classes\": [\"public\"], \"colour\": 1}"));
    Run u = run({"assess", unknown.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(u.exitCode == 2);
    BOOST_TEST(u.err.find("colour: unknown answer key") != std::string::npos, u.err);

    const auto broken = write(dir.path, "broken.json", "{\n  \"system\": {\"id\": \"X\",\n");
    Run b = run({"assess", broken.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(b.exitCode == 2);
    BOOST_TEST(b.err.find(broken.string() + ":") != std::string::npos, b.err);

    Run missing = run({"assess", (dir.path / "nope.json").string(), "--lang", "en"}, dir.path);
    BOOST_TEST(missing.exitCode == 2);
    BOOST_TEST(missing.err.find("nope.json") != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_and_help)
{
    TempDir dir;
    BOOST_TEST(run({}, dir.path).exitCode == 1);
    Run unknown = run({"frobnicate"}, dir.path);
    BOOST_TEST(unknown.exitCode == 1);
    BOOST_TEST(unknown.err.find("frobnicate") != std::string::npos);
    Run option = run({"assess", example, "--colour", "red"}, dir.path);
    BOOST_TEST(option.exitCode == 1);
    BOOST_TEST(option.err.find("--colour") != std::string::npos);
    Run help = run({"assess", "--help", "--lang", "en"}, dir.path);
    BOOST_TEST(help.exitCode == 0);
    BOOST_TEST(help.out.find("--ruleset") != std::string::npos);
    Run overview = run({"--help"}, dir.path);
    BOOST_TEST(overview.exitCode == 0);
    BOOST_TEST(overview.out.find("system add") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(proposal_higher_needs_justification_lower_is_refused_with_the_criterion)
{
    TempDir dir;
    Run lower = run({"assess", example, "--ruleset", "VN-2026", "--propose", "2", "--lang", "en"}, dir.path);
    BOOST_TEST(lower.exitCode == 6);
    BOOST_TEST(lower.err.find("NĐ331 Art 13.2.b") != std::string::npos, lower.err);
    Run noReason = run({"assess", example, "--propose", "4"}, dir.path);
    BOOST_TEST(noReason.exitCode == 6);
    Run higher = run({"assess", example, "--ruleset", "VN-2026", "--propose", "4", "--justification",
                      "Kết nối trục liên thông quốc gia", "--format", "json"},
                     dir.path);
    BOOST_REQUIRE_MESSAGE(higher.exitCode == 0, higher.err);
    auto doc = json::parse(higher.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("level")->integer == 4);
    BOOST_TEST(doc->find("derived_level")->integer == 3);
}

BOOST_AUTO_TEST_CASE(reassess_shows_the_2026_change)
{
    TempDir dir;
    const auto file = write(dir.path, "portal.json",
                            answersFile("P-1", "Cổng thông tin",
                                        R"({"system_type": "citizen_service", "info_classes": ["public", "personal"],
                              "online_public_service_level": 3, "handles_administrative_procedures": false,
                              "conditional_business_service": false, "personal_data_subjects": 50000, "sensitive_data_subjects": 0})"));
    Run r = run({"reassess", file.string(), "--from", "VN-2022", "--to", "VN-2026", "--format", "json"}, dir.path);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    auto doc = json::parse(r.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("level_change")->find("from")->integer == 3);
    BOOST_TEST(doc->find("level_change")->find("to")->integer == 2);
    bool removed92a = false;
    for (const auto& c : doc->find("citations_removed")->items)
        removed92a = removed92a || c.find("citation")->text == "NĐ85 Art 9.2.a";
    BOOST_TEST(removed92a);
    Run text = run({"reassess", file.string(), "--to", "VN-2026"}, dir.path);
    BOOST_TEST(text.out.find("Cấp độ: 3 → 2") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(rulesets_and_questionnaire_show)
{
    TempDir dir;
    Run r = run({"rulesets", "--as-of", "2024-01-01"}, dir.path);
    BOOST_TEST(r.exitCode == 0);
    BOOST_TEST(r.out.find("* VN-2022") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("  VN-2026") != std::string::npos);
    Run q = run({"questionnaire", "show", "--ruleset", "VN-2026", "--format", "json"}, dir.path);
    BOOST_REQUIRE_MESSAGE(q.exitCode == 0, q.err);
    auto doc = json::parse(q.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("questions")->items.size() >= 15u);
    Run qt = run({"questionnaire", "show", "--ruleset", "VN-2016", "--lang", "en"}, dir.path);
    BOOST_TEST(qt.out.find("[system_type]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(system_store_round_trip_with_history)
{
    TempDir dir;
    const std::string db = (dir.path / "data" / "seclevel.db").string();
    const auto v1 =
        write(dir.path, "v1.json",
              answersFile("BNV-QLVB", "Quản lý văn bản",
                          R"({"system_type": "internal", "info_classes": ["public"], "holds_user_accounts": false})"));
    Run add =
        run({"system", "add", v1.string(), "--db", db, "--actor", "nguyen.van.a", "--ruleset", "VN-2026"}, dir.path);
    BOOST_REQUIRE_MESSAGE(add.exitCode == 0, add.err);
    BOOST_TEST(add.out.find("BNV-QLVB") != std::string::npos);
    Run again = run({"system", "add", v1.string(), "--db", db}, dir.path);
    BOOST_TEST(again.exitCode == 9, again.err);

    const auto v2 = write(dir.path, "v2.json",
                          answersFile("BNV-QLVB", "Quản lý văn bản",
                                      R"({"system_type": "internal", "info_classes": ["public", "personal"]})"));
    Run update =
        run({"system", "update", "BNV-QLVB", v2.string(), "--db", db, "--actor", "tran.thi.b", "--ruleset", "VN-2026"},
            dir.path);
    BOOST_REQUIRE_MESSAGE(update.exitCode == 0, update.err);

    Run show = run({"system", "show", "BNV-QLVB", "--db", db, "--format", "json"}, dir.path);
    BOOST_REQUIRE_MESSAGE(show.exitCode == 0, show.err);
    auto doc = json::parse(show.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("derived_level")->integer == 2);
    BOOST_TEST(doc->find("ruleset")->text == "VN-2026");
    BOOST_TEST(doc->find("assessments")->items.size() == 2u);
    bool sawChange = false;
    for (const auto& h : doc->find("history")->items)
        if (h.find("key")->text == "info_classes" && h.find("actor")->text == "tran.thi.b")
            sawChange = h.find("old")->text == "[\"public\"]" && h.find("new")->text == "[\"public\",\"personal\"]";
    BOOST_TEST(sawChange, show.out);

    Run list = run({"system", "list", "--db", db}, dir.path);
    BOOST_TEST(list.out.find("BNV-QLVB\tVN-2026\t2\t2") != std::string::npos, list.out);
    Run missing = run({"system", "show", "NOPE", "--db", db}, dir.path);
    BOOST_TEST(missing.exitCode == 5);
    Run mismatch = run({"system", "update", "OTHER", v2.string(), "--db", db}, dir.path);
    BOOST_TEST(mismatch.exitCode == 2);
}

BOOST_AUTO_TEST_CASE(invalid_update_leaves_the_database_as_it_was)
{
    TempDir dir;
    const std::string db = (dir.path / "s.db").string();
    const auto good =
        write(dir.path, "good.json",
              answersFile("S-1", "Hệ thống",
                          R"({"system_type": "internal", "info_classes": ["public"], "holds_user_accounts": true})"));
    BOOST_REQUIRE(run({"system", "add", good.string(), "--db", db}, dir.path).exitCode == 0);
    const std::string before = run({"system", "show", "S-1", "--db", db, "--format", "json"}, dir.path).out;
    const auto bad = write(dir.path, "bad.json",
                           answersFile("S-1", "Hệ thống", R"({"system_type": "internal", "info_classes": ["bogus"]})"));
    BOOST_TEST(run({"system", "update", "S-1", bad.string(), "--db", db}, dir.path).exitCode == 2);
    BOOST_TEST(run({"system", "show", "S-1", "--db", db, "--format", "json"}, dir.path).out == before);
}

BOOST_AUTO_TEST_CASE(sql_injection_strings_are_stored_verbatim)
{
    TempDir dir;
    const std::string db = (dir.path / "s.db").string();
    const std::string evil = "Robert'); DROP TABLE systems;--";
    const auto file = write(
        dir.path, "evil.json",
        answersFile(
            "EVIL-1", evil,
            R"({"system_type": "internal", "info_classes": ["public"], "holds_user_accounts": true, "counting_method": "x'); DELETE FROM answers;--"})"));
    Run add = run({"system", "add", file.string(), "--db", db, "--actor", "a'; --"}, dir.path);
    BOOST_REQUIRE_MESSAGE(add.exitCode == 0, add.err);
    Run list = run({"system", "list", "--db", db, "--format", "json"}, dir.path);
    auto doc = json::parse(list.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_REQUIRE_EQUAL(doc->items.size(), 1u);
    BOOST_TEST(doc->items[0].find("name")->text == evil);
}

BOOST_AUTO_TEST_CASE(garbage_database_file_is_refused_by_name)
{
    TempDir dir;
    const auto db = write(dir.path, "not-a-db.db", std::string(4096, 'x'));
    Run r = run({"system", "list", "--db", db.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 4);
    BOOST_TEST(r.err.find("not-a-db.db") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(broken_rule_set_folder_is_reported)
{
    TempDir dir;
    fs::create_directories(dir.path / "questionnaires" / "VN-X");
    fs::create_directories(dir.path / "schemas");
    fs::copy_file(fs::path(SECLEVEL_SOURCE_DIR) / "schemas" / "ruleset.xsd", dir.path / "schemas" / "ruleset.xsd");
    write(dir.path / "questionnaires" / "VN-X", "ruleset.xml", "<ruleset>broken");
    Run r = run({"assess", example, "--rules", dir.path.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 3);
    BOOST_TEST(r.err.find("VN-X/ruleset.xml:1") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(dossier_prints_as_html_and_forms)
{
    TempDir dir;
    const std::string db = (dir.path / "d.db").string();
    const auto file = write(dir.path, "s.json",
                            answersFile("HTML-1", "Cổng <script>alert(1)</script> & dịch vụ",
                                        R"({"system_type": "internal", "info_classes": ["public", "personal"]})"));
    BOOST_REQUIRE(run({"system", "add", file.string(), "--db", db, "--ruleset", "VN-2022"}, dir.path).exitCode == 0);
    const std::string html = (dir.path / "d.html").string();
    Run r = run({"dossier", "export", "HTML-1", "--format", "html", "--db", db, "--output", html, "--place", "Hà Nội",
                 "--date", "2026-11-23", "--issuer", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"},
                dir.path);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string page = slurp(html);
    BOOST_TEST(page.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    BOOST_TEST(page.find("SỞ KHOA HỌC VÀ CÔNG NGHỆ") != std::string::npos);
    BOOST_TEST(page.find("khoản 1 Điều 8 Nghị định số 85/2016/NĐ-CP") != std::string::npos); // NĐ85 Art 8.1
    BOOST_TEST(page.find("<script>alert") == std::string::npos);
    BOOST_TEST(page.find("&lt;script&gt;") != std::string::npos);
    Run form = run({"dossier", "export", "HTML-1", "--format", "html", "--form", "6", "--db", db}, dir.path);
    BOOST_REQUIRE_MESSAGE(form.exitCode == 0, form.err);
    BOOST_TEST(form.out.find("QUYẾT ĐỊNH") != std::string::npos);
    BOOST_TEST(run({"dossier", "export", "HTML-1", "--format", "html", "--form", "3", "--db", db}, dir.path).exitCode ==
               1);
    BOOST_TEST(run({"dossier", "export", "HTML-1", "--format", "xml", "--form", "1", "--db", db}, dir.path).exitCode ==
               1);
    if (fs::exists("/usr/bin/chromium")) {
        const std::string pdf = (dir.path / "d.pdf").string();
        Run p = run({"dossier", "export", "HTML-1", "--format", "html", "--db", db, "--output", html, "--pdf", pdf},
                    dir.path);
        BOOST_TEST(p.exitCode == 0, p.err);
        BOOST_TEST(slurp(pdf).rfind("%PDF", 0) == 0u);
    }
}

BOOST_AUTO_TEST_CASE(numbers_on_the_command_line_are_parsed_strictly)
{
    TempDir dir;
    const std::string db = (dir.path / "d.db").string();
    const auto file = write(
        dir.path, "s.json",
        answersFile("NUM-1", "Hệ thống", R"({"system_type": "internal", "info_classes": ["public", "personal"]})"));
    BOOST_REQUIRE(run({"system", "add", file.string(), "--db", db, "--ruleset", "VN-2022"}, dir.path).exitCode == 0);
    Run form = run({"dossier", "export", "NUM-1", "--format", "html", "--form", "1x", "--db", db}, dir.path);
    BOOST_TEST(form.exitCode == 1, form.err);
    Run propose = run({"assess", file.string(), "--propose", "4x", "--justification", "x"}, dir.path);
    BOOST_TEST(propose.exitCode == 1, propose.err);
    BOOST_TEST(propose.err.find("4x") != std::string::npos, propose.err);
}

BOOST_AUTO_TEST_CASE(an_unknown_database_scheme_is_an_error_never_a_new_file)
{
    TempDir dir;
    Run r = run({"system", "list", "--db", "mysql://somewhere/seclevel", "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 4, r.err);
    BOOST_TEST(r.err.find("mysql") != std::string::npos, r.err);
    for (const auto& entry : fs::directory_iterator(dir.path))
        BOOST_TEST((entry.path().filename() == "stdout.txt" || entry.path().filename() == "stderr.txt" ||
                    entry.path().filename() == "stdin.txt"),
                   "nothing but the harness's files in the working directory: " << entry.path());
    Run postgres = run(
        {"system", "list", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", "--lang", "en"}, dir.path);
    BOOST_TEST(postgres.exitCode == 4, postgres.err);
    BOOST_TEST(postgres.err.find("127.0.0.1") != std::string::npos, postgres.err);
}

BOOST_AUTO_TEST_CASE(a_named_rule_set_outside_its_dates_is_flagged)
{
    TempDir dir;
    const auto file =
        write(dir.path, "s.json",
              answersFile("DATE-1", "Hệ thống",
                          R"({"system_type": "internal", "info_classes": ["public"], "holds_user_accounts": false})"));
    Run r = run({"assess", file.string(), "--ruleset", "VN-2016", "--as-of", "2026-10-01", "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 0, r.err);
    BOOST_TEST(r.err.find("RULESET-DATE") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("2016-07-01") != std::string::npos, r.err);
}

// ---- hostile input files ------------------------------------------------------------------------------------------

namespace {

// run() under `timeout`: a command that hangs (a FIFO read that blocks) fails the test with exit 124 instead
// of hanging it. Also reports how long the command took.
Run runWithDeadline(const std::vector<std::string>& args, const fs::path& work, int seconds, double& elapsed)
{
    std::vector<std::string> all = args;
    const auto start = std::chrono::steady_clock::now();
    std::string command = "timeout " + std::to_string(seconds) + " " + shellQuote(SECLEVEL_BINARY);
    for (const auto& a : all)
        command += " " + shellQuote(a);
    const fs::path outFile = work / "stdout.txt", errFile = work / "stderr.txt";
    command += " >" + shellQuote(outFile.string()) + " 2>" + shellQuote(errFile.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Run r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(outFile);
    r.err = slurp(errFile);
    return r;
}

bool hasControlBytes(const std::string& text)
{
    for (const char c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_CASE(assess_of_a_fifo_fails_at_once_naming_the_file)
{
    TempDir dir;
    const std::string fifo = (dir.path / "answers.json").string();
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    double seconds = 0;
    Run r = runWithDeadline({"assess", fifo, "--lang", "en"}, dir.path, 20, seconds);
    BOOST_TEST_MESSAGE("assess of a FIFO returned in " << seconds << " s");
    BOOST_TEST(r.exitCode == 2, "exit " << r.exitCode << " (124 = still blocked after 20 s): " << r.err);
    BOOST_TEST(seconds < 5.0);
    BOOST_TEST(r.err.find(fifo) != std::string::npos, r.err);
    BOOST_TEST(r.err.find("the answers file is a named pipe (FIFO), not a regular file") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(assess_of_a_directory_says_directory_not_a_huge_size)
{
    TempDir dir;
    Run r = run({"assess", dir.path.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("the answers file is a directory, not a regular file") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("9223372036854775807") == std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(utf16_answers_file_is_named_as_such)
{
    TempDir dir;
    std::string utf16 = "\xFF\xFE";
    for (const char c : answersFile("U-1", "Cong", "{}")) {
        utf16 += c;
        utf16 += '\0';
    }
    const auto file = write(dir.path, "utf16.json", utf16);
    Run r = run({"assess", file.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find(file.string() + ":1: the file is UTF-16 (LE); save it as UTF-8") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(escape_sequences_in_a_name_are_refused_and_never_printed)
{
    TempDir dir;
    const std::string db = (dir.path / "h.db").string();
    // ESC [31m and BEL, written as JSON escapes (a raw ESC is already invalid JSON).
    const auto file = write(dir.path, "esc.json",
                            answersFile("ESC-1", "Cổng\\u001b[31m đỏ\\u0007", R"({"system_type": "internal"})"));
    Run assess = run({"assess", file.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(assess.exitCode == 2);
    BOOST_TEST(assess.err.find(file.string() + ":1: system.name: contains the control character U+001B (ESC)") !=
                   std::string::npos,
               assess.err);
    BOOST_TEST(!hasControlBytes(assess.out + assess.err));

    Run add = run({"system", "add", file.string(), "--db", db, "--lang", "en"}, dir.path);
    BOOST_TEST(add.exitCode == 2);
    BOOST_TEST(add.err.find("system.name") != std::string::npos, add.err);
    Run list = run({"system", "list", "--db", db}, dir.path);
    BOOST_TEST(list.out.find("ESC-1") == std::string::npos, "nothing was stored: " << list.out);

    // A bidi override in the id and leading whitespace are refused as well.
    const auto bidi = write(dir.path, "bidi.json", answersFile(" ID\\u202e1", "Cổng", "{}"));
    Run refused = run({"assess", bidi.string(), "--lang", "en"}, dir.path);
    BOOST_TEST(refused.exitCode == 2);
    BOOST_TEST(refused.err.find("system.id: contains the bidirectional control U+202E (RLO)") != std::string::npos,
               refused.err);
}

BOOST_AUTO_TEST_CASE(too_many_components_are_refused_before_judging)
{
    TempDir dir;
    std::string components;
    for (int i = 1; i <= 100'000; ++i)
        components +=
            std::string(i > 1 ? ",\n" : "") + "{\"name\": \"Thành phần " + std::to_string(i) + "\", \"answers\": {}}";
    const auto file = write(dir.path, "many.json",
                            R"({"system": {"id": "MANY-1", "name": "N", "owner": "O", "operator": "P"},
"answers": {"system_type": "internal"},
"components": [
)" + components + "]}");
    double seconds = 0;
    Run r = runWithDeadline({"assess", file.string(), "--lang", "en"}, dir.path, 60, seconds);
    BOOST_TEST_MESSAGE("assess of 100,000 components (" << fs::file_size(file) << " bytes) refused in " << seconds
                                                        << " s");
    BOOST_TEST(r.exitCode == 2, r.err);
    BOOST_TEST(r.err.find(file.string() + ":504: components[501]: too many components: a system has at most 500; "
                                          "reading stopped at component 501") != std::string::npos,
               r.err);
    BOOST_TEST(seconds < 5.0);
    const std::string db = (dir.path / "m.db").string();
    Run add = runWithDeadline({"system", "add", file.string(), "--db", db}, dir.path, 60, seconds);
    BOOST_TEST_MESSAGE("system add of 100,000 components refused in " << seconds << " s");
    BOOST_TEST(add.exitCode == 2, add.err);
    BOOST_TEST(seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(attaching_a_symlink_is_refused_naming_its_target)
{
    TempDir dir;
    const std::string db = (dir.path / "a.db").string();
    const auto file = write(dir.path, "s.json",
                            answersFile("LINK-1", "Cổng", R"({"system_type": "internal", "info_classes": ["public"],
        "holds_user_accounts": false, "national_egov_system": false, "pm_designated_level": 0})"));
    BOOST_REQUIRE(run({"system", "add", file.string(), "--db", db, "--ruleset", "VN-2022"}, dir.path).exitCode == 0);
    const auto secret = write(dir.path, "shadow", "root:$6$secret:19000:0:99999:7:::\n");
    const fs::path link = dir.path / "x.pdf";
    fs::create_symlink(secret, link);
    Run r = run({"dossier", "attach", "LINK-1", link.string(), "--kind", "design_document", "--db", db, "--lang", "en"},
                dir.path);
    BOOST_TEST(r.exitCode == 2, r.err);
    BOOST_TEST(r.err.find("the attachment is a symbolic link to '" + secret.string() + "'") != std::string::npos,
               r.err);
    Run exported = run({"dossier", "export", "LINK-1", "--format", "json", "--db", db}, dir.path);
    BOOST_REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
    BOOST_TEST(exported.out.find("x.pdf") == std::string::npos, "nothing was attached: " << exported.out);
    // The file itself is accepted (and shows in the export, so the check above can see an attachment).
    const auto real = write(dir.path, "y.pdf", "%PDF-1.4 thiết kế\n");
    Run attached =
        run({"dossier", "attach", "LINK-1", real.string(), "--kind", "design_document", "--db", db}, dir.path);
    BOOST_TEST(attached.exitCode == 0, attached.err);
    BOOST_TEST(run({"dossier", "export", "LINK-1", "--format", "json", "--db", db}, dir.path).out.find("y.pdf") !=
               std::string::npos);
}
