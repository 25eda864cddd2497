// End-to-end tests of the `seclevel dossier …` commands on the built binary and real SQLite files.
#define BOOST_TEST_MODULE dossier_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string answers = R"({"system": {"id": "DOS-1", "name": "Trang tin nội bộ", "owner": "UBND tỉnh Hà Nam",
  "operator": "Sở KH&CN"}, "answers": {"system_type": "internal", "info_classes": ["public"],
  "holds_user_accounts": false, "national_egov_system": false, "pm_designated_level": 0}})";

} // namespace

BOOST_AUTO_TEST_CASE(dossier_is_filled_checked_exported_and_imported)
{
    TempDir dir;
    const fs::path work = dir.path;
    const std::string db = (work / "a.db").string();
    const auto answersFile = write(work, "answers.json", answers);
    Run added =
        run({"system", "add", answersFile.string(), "--db", db, "--ruleset", "VN-2022", "--actor", "alice"}, work);
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);

    // Unknown key / group / kind are refused.
    BOOST_TEST(run({"dossier", "set", "DOS-1", "no.such.key", "x", "--db", db}, work).exitCode == 2);
    BOOST_TEST(
        run({"dossier", "requirement", "DOS-1", "L9.none", "1", "--status", "met", "--how", "x", "--db", db}, work)
            .exitCode == 2);
    const auto attached = write(work, "thiet-ke.txt", "Thiết kế hệ thống\n");
    BOOST_TEST(
        run({"dossier", "attach", "DOS-1", attached.string(), "--kind", "no_such_kind", "--db", db}, work).exitCode ==
        2);

    // Incomplete: every missing item is listed with its citation, exit 8.
    Run incomplete = run({"dossier", "check", "DOS-1", "--db", db, "--lang", "en"}, work);
    BOOST_TEST(incomplete.exitCode == 8, incomplete.err);
    BOOST_TEST(incomplete.out.find("Missing: ") != std::string::npos);
    BOOST_TEST(incomplete.out.find("(TT12 Art 8.3.a)") != std::string::npos, incomplete.out);

    // Fill everything the check asks for, by script.
    bool referencedDone = false;
    int rounds = 0;
    for (;; ++rounds) {
        BOOST_REQUIRE(rounds < 3);
        Run check = run({"dossier", "check", "DOS-1", "--db", db, "--format", "json"}, work);
        auto doc = json::parse(check.out, "check");
        BOOST_REQUIRE_MESSAGE(doc.ok(), check.out + check.err);
        if (doc->find("complete")->boolean) {
            BOOST_TEST(check.exitCode == 0);
            break;
        }
        BOOST_TEST(check.exitCode == 8);
        for (const json::Node& item : doc->find("missing")->items) {
            BOOST_TEST(!item.find("citation")->text.empty());
            const std::string key = item.find("key")->text;
            Run r;
            if (key.rfind("attachment:", 0) == 0) {
                const std::string kind = key.substr(11);
                const auto file = write(work, kind + ".txt", "Tài liệu " + kind + "\n");
                std::vector<std::string> args = {"dossier", "attach", "DOS-1", file.string(),
                                                 "--kind",  kind,     "--db",  db};
                if (!referencedDone) {
                    args.push_back("--reference");
                    referencedDone = true;
                    write(work, "referenced-kind", kind);
                }
                r = run(args, work);
            } else if (key.rfind("requirement:", 0) == 0) {
                const auto hash = key.find('#');
                r = run({"dossier", "requirement", "DOS-1", key.substr(12, hash - 12), key.substr(hash + 1), "--status",
                         "met", "--how", "Đã triển khai; 'quoted' \"text\"", "--db", db},
                        work);
            } else {
                r = run({"dossier", "set", "DOS-1", key, "-", "--db", db}, work, "Nội dung của " + key + "\nDòng 2");
            }
            BOOST_REQUIRE_MESSAGE(r.exitCode == 0, key + ": " + r.err);
        }
    }
    BOOST_REQUIRE(referencedDone);

    // Alter the referenced file: the check reports it.
    const std::string referencedKind = slurp(work / "referenced-kind");
    write(work, referencedKind + ".txt", "đã sửa");
    Run altered = run({"dossier", "check", "DOS-1", "--db", db, "--lang", "en"}, work);
    BOOST_TEST(altered.exitCode == 8);
    BOOST_TEST(altered.out.find("File altered: " + referencedKind + ".txt") != std::string::npos, altered.out);
    fs::remove(work / (referencedKind + ".txt"));
    Run gone = run({"dossier", "check", "DOS-1", "--db", db, "--format", "json"}, work);
    BOOST_TEST(gone.exitCode == 8);
    BOOST_TEST(gone.out.find("\"missing\"") != std::string::npos);

    // Export → import into a fresh database → export again: the same bytes.
    const std::string first = (work / "first.xml").string(), second = (work / "second.xml").string();
    Run exported = run({"dossier", "export", "DOS-1", "--format", "xml", "--output", first, "--db", db}, work);
    BOOST_REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
    const std::string fresh = (work / "b.db").string();
    Run imported = run({"dossier", "import", first, "--db", fresh, "--actor", "bob"}, work);
    BOOST_REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
    Run again = run({"dossier", "import", first, "--db", fresh, "--actor", "bob", "--lang", "en"}, work);
    BOOST_TEST(again.exitCode == 0, again.err);
    BOOST_TEST(again.out.find("Nothing changed") != std::string::npos, again.out);
    Run reexported = run({"dossier", "export", "DOS-1", "--format", "xml", "--output", second, "--db", fresh}, work);
    BOOST_REQUIRE_MESSAGE(reexported.exitCode == 0, reexported.err);
    // The same bytes but for the audit head: each names the head of the chain of the store it came from.
    auto withoutHead = [](std::string xml) {
        const auto begin = xml.find("<audit-head");
        const auto end = xml.find("</audit-head>");
        BOOST_REQUIRE(begin != std::string::npos && end != std::string::npos);
        return xml.erase(begin, end + std::string("</audit-head>").size() - begin);
    };
    BOOST_TEST(withoutHead(slurp(first)) == withoutHead(slurp(second)));
    auto headIn = [&](const std::string& database) {
        Run head = run({"audit", "head", "--db", database}, work);
        const std::string text = head.out.substr(0, head.out.find('\n'));
        const auto colon = text.find(':');
        return "<audit-head seq=\"" + text.substr(0, colon) + "\">" + text.substr(colon + 1) + "</audit-head>";
    };
    BOOST_TEST(slurp(first).find(headIn(db)) != std::string::npos, headIn(db));
    BOOST_TEST(slurp(second).find(headIn(fresh)) != std::string::npos, headIn(fresh));

    Run asJson = run({"dossier", "export", "DOS-1", "--format", "json", "--db", fresh}, work);
    BOOST_REQUIRE_MESSAGE(asJson.exitCode == 0, asJson.err);
    auto jsonDoc = json::parse(asJson.out, "export");
    BOOST_REQUIRE(jsonDoc.ok());
    BOOST_TEST(jsonDoc->find("system")->find("id")->text == "DOS-1");
    BOOST_TEST(!jsonDoc->find("requirements")->items.empty());

    // A reference in an imported dossier names a file of the sender: reported as not checked, never opened here.
    Run importedCheck = run({"dossier", "check", "DOS-1", "--db", fresh, "--format", "json"}, work);
    BOOST_TEST(importedCheck.exitCode == 8);
    BOOST_TEST(importedCheck.out.find("\"not_checked\"") != std::string::npos, importedCheck.out);

    // A document whose level its own answers do not give is refused and nothing is stored; with
    // --accept-disagreement seclevel's own derivation is stored and the disagreement said.
    std::string tampered = slurp(first);
    const auto levelAt = tampered.find("<assessment derived=\"");
    BOOST_REQUIRE(levelAt != std::string::npos);
    const std::size_t digit = levelAt + std::string("<assessment derived=\"").size();
    const char realLevel = tampered[digit];
    const std::string forgedLevel = "0"; // the attack the hostile review made: "no level", answers unchanged
    tampered.replace(digit, 1, forgedLevel);
    const auto proposedAt = tampered.find("proposed=\"", levelAt);
    tampered.replace(proposedAt + std::string("proposed=\"").size(), 1, forgedLevel);
    // The document stays consistent in itself: no fired criterion, every component at level 0.
    for (auto fired = tampered.find("<fired "); fired != std::string::npos; fired = tampered.find("<fired "))
        tampered.erase(fired, tampered.find("</fired>", fired) + std::string("</fired>").size() - fired);
    for (auto at = tampered.find("<component name=", levelAt); at != std::string::npos;
         at = tampered.find("<component name=", at + 1)) {
        const auto levelOf = tampered.find(" level=\"", at);
        tampered.replace(levelOf + std::string(" level=\"").size(), 1, forgedLevel);
    }
    const auto forged = write(work, "forged.xml", tampered);
    const std::string third = (work / "c.db").string();
    Run refusedImport = run({"dossier", "import", forged.string(), "--db", third, "--lang", "en"}, work);
    BOOST_TEST(refusedImport.exitCode == 2, refusedImport.err);
    BOOST_TEST(refusedImport.err.find(std::string("seclevel derives ") + realLevel) != std::string::npos,
               refusedImport.err);
    BOOST_TEST(run({"system", "show", "DOS-1", "--db", third}, work).exitCode == 5);
    Run accepted =
        run({"dossier", "import", forged.string(), "--db", third, "--accept-disagreement", "--lang", "en"}, work);
    BOOST_TEST(accepted.exitCode == 0, accepted.err);
    BOOST_TEST(accepted.err.find("IMPORT-DISAGREEMENT") != std::string::npos, accepted.err);
    Run shown = run({"system", "show", "DOS-1", "--db", third, "--format", "json"}, work);
    auto shownDoc = json::parse(shown.out, "show");
    BOOST_REQUIRE(shownDoc.ok());
    BOOST_TEST(shownDoc->find("derived_level")->integer == realLevel - '0');

    // A truncated file: exit 2 with file and line, and the database is untouched.
    const std::string xml = slurp(first);
    const auto truncated = write(work, "truncated.xml", xml.substr(0, xml.size() / 2));
    const std::string before = slurp(fresh);
    Run broken = run({"dossier", "import", truncated.string(), "--db", fresh}, work);
    BOOST_TEST(broken.exitCode == 2);
    BOOST_TEST(broken.err.find("truncated.xml") != std::string::npos, broken.err);
    BOOST_TEST(slurp(fresh) == before);
}

BOOST_AUTO_TEST_CASE(attachment_over_100_mb_is_refused_with_a_clear_error)
{
    TempDir dir;
    const fs::path work = dir.path;
    const std::string db = (work / "a.db").string();
    const auto answersFile = write(work, "answers.json", answers);
    Run added = run({"system", "add", answersFile.string(), "--db", db, "--ruleset", "VN-2022"}, work);
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    const fs::path big = work / "big.pdf";
    write(work, "big.pdf", "");
    fs::resize_file(big, 100u * 1024u * 1024u + 1u); // sparse: no 100 MB written to disk
    Run refused = run(
        {"dossier", "attach", "DOS-1", big.string(), "--kind", "design_document", "--db", db, "--lang", "en"}, work);
    BOOST_TEST(refused.exitCode == 2);
    BOOST_TEST(refused.err.find("100 MB") != std::string::npos, refused.err);
    Run check = run({"dossier", "check", "DOS-1", "--db", db, "--format", "json"}, work);
    BOOST_TEST(check.out.find("big.pdf") == std::string::npos);
}
