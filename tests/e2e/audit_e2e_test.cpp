// End-to-end tests of `seclevel audit …` on the built binary: head, verify (intact, tampered, truncated
// against a recorded head) and a binary killed with SIGKILL in the middle of its writes. Runs on SQLite and,
// with SECLEVEL_TEST_STORE (audit_e2e_test_postgres), on PostgreSQL.
#define BOOST_TEST_MODULE audit_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string answers = R"({"system": {"id": "AUD-1", "name": "Trang tin nội bộ", "owner": "UBND tỉnh Hà Nam",
  "operator": "Sở KH&CN"}, "answers": {"system_type": "internal", "info_classes": ["public"], "holds_user_accounts": false,
  "national_egov_system": false, "pm_designated_level": 0}})";

// SQL straight on the database, past seclevel: the sqlite3 shell on the file, psql on the PostgreSQL schema.
int rawSql(const std::string& db, const std::string& sql)
{
    const std::string location = databaseFor(db);
    const std::string command = location.find("://") != std::string::npos
                                    ? "psql -q -v ON_ERROR_STOP=1 " + shellQuote(location) + " -c " + shellQuote(sql)
                                    : "sqlite3 " + shellQuote(location) + " " + shellQuote(sql);
    return std::system((command + " >/dev/null 2>&1").c_str());
}

bool isPostgres(const std::string& db)
{
    return databaseFor(db).find("://") != std::string::npos;
}

std::string headOf(const std::string& db, const fs::path& work)
{
    Run head = run({"audit", "head", "--db", db}, work);
    BOOST_REQUIRE_MESSAGE(head.exitCode == 0, head.err);
    return head.out.substr(0, head.out.find('\n'));
}

} // namespace

BOOST_AUTO_TEST_CASE(head_and_verify_follow_the_writes_and_name_the_tampered_entry)
{
    TempDir dir;
    const fs::path work = dir.path;
    const std::string db = (work / "a.db").string();
    BOOST_TEST(headOf(db, work) == "0:" + std::string(64, '0')); // a new store: the empty chain
    const auto answersFile = write(work, "answers.json", answers);
    Run added =
        run({"system", "add", answersFile.string(), "--db", db, "--ruleset", "VN-2022", "--actor", "alice"}, work);
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    for (int i = 1; i <= 3; ++i)
        BOOST_REQUIRE(
            run({"dossier", "set", "AUD-1", "A.1.owner_mandate", "QĐ số " + std::to_string(i), "--db", db}, work)
                .exitCode == 0);
    // Unchanged: no entry.
    BOOST_REQUIRE(run({"dossier", "set", "AUD-1", "A.1.owner_mandate", "QĐ số 3", "--db", db}, work).exitCode == 0);

    const std::string head = headOf(db, work);
    BOOST_TEST(head.rfind("5:", 0) == 0, head); // system.add, assessment.record, three dossier.save
    Run json = run({"audit", "head", "--db", db, "--format", "json"}, work);
    auto parsed = json::parse(json.out, "head");
    BOOST_REQUIRE(parsed.ok());
    BOOST_TEST(parsed->find("seq")->integer == 5);
    BOOST_TEST("5:" + parsed->find("hash")->text == head);

    Run intact = run({"audit", "verify", "--db", db, "--expect-head", head, "--lang", "en"}, work);
    BOOST_TEST(intact.exitCode == 0, intact.err);
    BOOST_TEST(intact.out.find("intact: 5 entries") != std::string::npos, intact.out);
    Run log = run({"audit", "log", "--db", db, "--system", "AUD-1", "--limit", "2"}, work);
    BOOST_TEST(log.exitCode == 0);
    BOOST_TEST(log.out.find("4  ") == 0, log.out);
    BOOST_TEST(log.out.find("dossier.save") != std::string::npos);

    // Drop the triggers and edit entry 3: verify exits 8 and names it, in Vietnamese and in English.
    BOOST_REQUIRE(rawSql(db, isPostgres(db)
                                 ? "DROP TRIGGER audit_log_append_only ON audit_log"
                                 : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete") == 0);
    BOOST_REQUIRE(rawSql(db, "UPDATE audit_log SET actor = actor || 'X' WHERE seq = 3") == 0);
    Run vi = run({"audit", "verify", "--db", db}, work);
    BOOST_TEST(vi.exitCode == 8);
    BOOST_TEST(vi.err.find("Mục 3 (dossier.save, system AUD-1)") != std::string::npos, vi.err);
    BOOST_TEST(vi.err.find("đã bị sửa") != std::string::npos, vi.err);
    Run en = run({"audit", "verify", "--db", db, "--lang", "en", "--format", "json"}, work);
    BOOST_TEST(en.exitCode == 8);
    BOOST_TEST(en.err.find("Entry 3 (dossier.save, system AUD-1)") != std::string::npos, en.err);
    auto report = json::parse(en.out, "verify");
    BOOST_REQUIRE(report.ok());
    BOOST_TEST(!report->find("intact")->boolean);
    BOOST_TEST(report->find("first_bad")->find("seq")->integer == 3);
    BOOST_TEST(report->find("first_bad")->find("problem")->text == "hash_mismatch");

    // Put it back, then cut the tail: alone the chain looks whole, against the recorded head it does not.
    BOOST_REQUIRE(rawSql(db, "UPDATE audit_log SET actor = substr(actor, 1, length(actor) - 1) WHERE seq = 3") == 0);
    BOOST_TEST(run({"audit", "verify", "--db", db}, work).exitCode == 0);
    BOOST_REQUIRE(rawSql(db, "DELETE FROM audit_log WHERE seq >= 4") == 0);
    BOOST_TEST(run({"audit", "verify", "--db", db}, work).exitCode == 0);
    Run truncated = run({"audit", "verify", "--db", db, "--expect-head", head, "--lang", "en"}, work);
    BOOST_TEST(truncated.exitCode == 8);
    BOOST_TEST(truncated.err.find("truncated") != std::string::npos, truncated.err);
    BOOST_TEST(run({"audit", "verify", "--db", db, "--expect-head", "not-a-hash"}, work).exitCode == 1);
}

// The binary is killed (SIGKILL) at random moments while it writes (a run takes some 40 ms, most of it
// loading the rule sets, then one transaction), again and again; afterwards the store opens, the chain
// verifies, and the next write goes on from the head.
BOOST_AUTO_TEST_CASE(a_binary_killed_mid_write_leaves_a_chain_that_verifies)
{
    TempDir dir;
    const fs::path work = dir.path;
    const std::string db = (work / "k.db").string();
    const auto answersFile = write(work, "answers.json", answers);
    BOOST_REQUIRE(run({"system", "add", answersFile.string(), "--db", db, "--ruleset", "VN-2022"}, work).exitCode == 0);
    const std::string location = databaseFor(db);
    // How long one write takes here and now (the machine may be loaded): the kills land between the start and
    // one and a half times that, so some runs die mid-way and some finish.
    const auto timed = std::chrono::steady_clock::now();
    BOOST_REQUIRE(run({"dossier", "set", "AUD-1", "A.1.owner_mandate", "QĐ 0", "--db", db}, work).exitCode == 0);
    const auto duration =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - timed);
    std::mt19937 random(20261128);
    int killed = 0, finished = 0;
    for (int attempt = 0; attempt < 40; ++attempt) {
        const std::string value = "QĐ " + std::to_string(attempt);
        const pid_t pid = fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            const int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            dup2(devnull, 2);
            if (attempt % 2 == 0)
                execl(SECLEVEL_BINARY, SECLEVEL_BINARY, "dossier", "set", "AUD-1", "A.1.owner_mandate", value.c_str(),
                      "--db", location.c_str(), static_cast<char*>(nullptr));
            else
                execl(SECLEVEL_BINARY, SECLEVEL_BINARY, "system", "update", "AUD-1", answersFile.c_str(), "--ruleset",
                      "VN-2022", "--db", location.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(random() % (duration.count() * 3 / 2 + 1)));
        kill(pid, SIGKILL);
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        killed += WIFSIGNALED(status) ? 1 : 0;
        finished += WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 1 : 0;
    }
    BOOST_TEST_MESSAGE("killed " << killed << ", finished " << finished);
    BOOST_TEST(killed >= 5);
    BOOST_TEST(finished >= 1);
    Run verified = run({"audit", "verify", "--db", db, "--lang", "en"}, work);
    BOOST_TEST(verified.exitCode == 0, verified.err);
    BOOST_TEST(run({"system", "show", "AUD-1", "--db", db}, work).exitCode == 0);
    BOOST_REQUIRE(run({"dossier", "set", "AUD-1", "A.1.owner_mandate", "sau cùng", "--db", db}, work).exitCode == 0);
    BOOST_TEST(run({"audit", "verify", "--db", db}, work).exitCode == 0);
}
