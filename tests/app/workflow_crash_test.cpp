// kill -9 in the middle of a workflow step, many times, on a real store (SQLite, or PostgreSQL when
// SECLEVEL_TEST_STORE names a server: workflow_crash_postgres). After every kill the store opens and is
// consistent: each system's workflow_seq equals the number of its recorded steps, numbered 1…n, its state is
// the last step's to-state, its approved level the last approval's, every attachment's bytes are kept, and a
// unit of work that appended to several systems is there whole or not at all.
//   1. a child process appending steps (with attachments) to five systems per unit of work, killed at random;
//   2. the real binary, `seclevel workflow do … --attach`, killed at random.
#define BOOST_TEST_MODULE workflow_crash
#include "../storage/StoreFixture.h"
#include "AppFixture.h"
#include "app/UserService.h"
#include "app/WorkflowService.h"
#include "core/Sha256.h"

#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>

using namespace seclevel;
using namespace seclevel::testing;
using seclevel::test::freshStore;
using seclevel::test::openStoreAt;

namespace {

constexpr int kSystems = 5;

std::string systemId(int i)
{
    return "CRASH-" + std::to_string(i);
}

// What the store holds of one system, checked against its own step history. Returns the number of steps.
int checkConsistent(Store& store, const std::string& id)
{
    auto system = store.system(id);
    BOOST_REQUIRE_MESSAGE(system.ok() && system->has_value(), id + " loads");
    auto steps = store.workflowSteps(id);
    BOOST_REQUIRE_MESSAGE(steps.ok(), id + " steps load");
    const StoredSystem& s = **system;
    BOOST_TEST(s.workflowSeq == static_cast<int>(steps->size()), id);
    int approved = 0;
    for (size_t i = 0; i < steps->size(); ++i) {
        const WorkflowStepRecord& r = (*steps)[i];
        BOOST_TEST(r.seq == static_cast<int>(i) + 1, id);
        if (i > 0)
            BOOST_TEST(r.fromState == (*steps)[i - 1].toState, id + " step " + std::to_string(r.seq));
        if (r.approvedLevel > 0)
            approved = r.approvedLevel;
        for (const Attachment& a : r.attachments) {
            auto bytes = store.recordContent(a.sha256);
            BOOST_REQUIRE(bytes.ok());
            BOOST_TEST_REQUIRE(bytes->has_value(), id + " step " + std::to_string(r.seq) + " keeps " + a.name);
            BOOST_TEST((**bytes).size() == a.size);
            BOOST_TEST(sha256Hex(**bytes) == a.sha256);
        }
    }
    if (steps->empty())
        BOOST_TEST(s.workflowState.empty(), id);
    else
        BOOST_TEST(s.workflowState == steps->back().toState, id);
    BOOST_TEST(s.approvedLevel == approved, id);
    return static_cast<int>(steps->size());
}

// The states the child walks every system through, round and round; every fourth pass ends approved.
struct Walk {
    const char* step;
    const char* to;
    bool approves;
};
const Walk kWalk[] = {
    {"submit_appraisal", "submitted_for_appraisal", false},        {"return_for_revision", "returned", false},
    {"submit_appraisal", "submitted_for_appraisal", false},        {"appraise_fit", "appraised_fit", false},
    {"submit_approval", "submitted_for_approval", false},          {"approve", "approved", true},
    {"require_redetermination", "redetermination_required", false}};

// The child: appends one step to every system in one unit of work, again and again, each with an attachment
// of its own (so that a unit writes a few hundred kilobytes), until it is killed.
[[noreturn]] void appendForever(const std::string& location, int seed)
{
    try {
        auto store = openStoreAt(location);
        const Actor actor{"crash", "", Role::Operator, std::chrono::system_clock::now()};
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
        for (int unit = 0;; ++unit) {
            auto done = store->transact([&]() -> Result<bool> {
                for (int i = 0; i < kSystems; ++i) {
                    auto system = store->system(systemId(i));
                    if (!system || !*system)
                        return makeError(ErrorKind::Internal, "", 0, "", "mất hệ thống", "system lost");
                    const StoredSystem& s = **system;
                    const Walk& walk = kWalk[static_cast<size_t>(s.workflowSeq) % std::size(kWalk)];
                    std::string bytes(64 * 1024 + rng() % 4096, '\0');
                    for (char& c : bytes)
                        c = static_cast<char>(rng());
                    WorkflowStepRecord record;
                    record.systemId = s.description.id;
                    record.seq = s.workflowSeq + 1;
                    record.step = walk.step;
                    record.fromState = s.workflowState.empty() ? "draft" : s.workflowState;
                    record.toState = walk.to;
                    record.rulesetId = "VN-2022";
                    record.rulesetVersion = "1";
                    record.level = 3;
                    record.date = Date{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{1}};
                    record.documentNumber = std::to_string(seed) + "/" + std::to_string(unit);
                    record.approvedLevel = walk.approves ? 3 : 0;
                    record.attachments.push_back(Attachment{"step",
                                                            "van-ban-" + std::to_string(record.seq) + ".pdf",
                                                            "",
                                                            bytes.size(),
                                                            sha256Hex(bytes),
                                                            {},
                                                            false});
                    record.actor = RecordedActor{"crash", "", "operator"};
                    record.at = actor.at;
                    auto appended = store->appendWorkflowStep(record, {bytes}, actor);
                    if (!appended)
                        return appended.errors();
                }
                return true;
            });
            if (!done)
                _exit(3);
        }
    } catch (...) {
        _exit(4);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(a_step_writer_killed_at_random_leaves_whole_units_of_steps)
{
    std::string location;
    {
        auto store = freshStore(&location);
        for (int i = 0; i < kSystems; ++i)
            BOOST_REQUIRE(
                store->saveSystem(test::sampleSystem(systemId(i)), true, test::sampleAssessment(3, 3), actor()).ok());
    }
    std::mt19937 rng(20261128);
    int killedRunning = 0, previous = 0;
    constexpr int rounds = 30;
    auto watcher = openStoreAt(location);
    auto stepsOfFirst = [&] {
        auto system = watcher->system(systemId(0));
        BOOST_REQUIRE(system.ok() && system->has_value());
        return (*system)->workflowSeq;
    };
    for (int round = 0; round < rounds; ++round) {
        const pid_t pid = fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0)
            appendForever(location, round);
        // Once the child has committed a unit of work it is writing the next one: kill it a random moment later.
        for (int waited = 0; waited < 2000 && stepsOfFirst() == previous; ++waited)
            usleep(5'000);
        usleep(static_cast<useconds_t>(rng() % 40'000));
        kill(pid, SIGKILL);
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        BOOST_TEST_REQUIRE(!WIFEXITED(status), "the child stopped by itself with " << WEXITSTATUS(status));
        killedRunning += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

        auto store = openStoreAt(location);
        std::vector<int> counts;
        for (int i = 0; i < kSystems; ++i)
            counts.push_back(checkConsistent(*store, systemId(i)));
        // One unit of work appends to every system: all have the same number of steps.
        for (int count : counts)
            BOOST_TEST(count == counts.front(), "round " << round);
        BOOST_TEST(counts.front() >= previous);
        previous = counts.front();
    }
    BOOST_TEST(killedRunning == rounds);
    // Every round committed at least one unit before its kill.
    BOOST_TEST(previous >= rounds);
    BOOST_TEST_MESSAGE("steps per system after " << rounds << " kills: " << previous);
}

BOOST_AUTO_TEST_CASE(the_binary_killed_at_random_during_workflow_do_leaves_a_consistent_store)
{
    std::string location;
    auto store = freshStore(&location);
    SystemService systems(shippedCatalogue(), *store);
    BOOST_REQUIRE(systems.saveOrganisation({"UBND", "UBND tỉnh", "", ""}, actor("admin")).ok());
    BOOST_REQUIRE(systems.saveOrganisation({"VP", "Văn phòng", "UBND", ""}, actor("admin")).ok());
    UserService users(*store);
    BOOST_REQUIRE(users.add({"admin", "Quản trị", {{"UBND", Role::Administrator}}}, actor("admin")).ok());
    auto admin = users.resolve({"admin", {}, {}, std::chrono::system_clock::now()});
    BOOST_REQUIRE(admin.ok());
    BOOST_REQUIRE(users.add({"owner", "Chủ quản", {{"UBND", Role::Owner}}}, *admin).ok());
    BOOST_REQUIRE(users.add({"op", "Vận hành", {{"VP", Role::Operator}}}, *admin).ok());
    auto op = users.resolve({"op", {}, {}, std::chrono::system_clock::now()});
    BOOST_REQUIRE(op.ok());
    SystemDescription system = exampleSystem();
    system.id = "BIN";
    auto added = systems.add(
        {system, "VP", {"VN-2022", Date{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{1}}}, {}},
        *op);
    BOOST_REQUIRE_MESSAGE(added.ok(), (added.ok() ? std::string() : added.errors().front().describe(Lang::En)));

    TempDir dir;
    const auto attachment = dir.dir / "quy-che.pdf";
    {
        std::mt19937_64 bytes(7);
        std::ofstream out(attachment, std::ios::binary);
        for (int i = 0; i < 4 * 1024 * 1024; ++i)
            out.put(static_cast<char>(bytes()));
    }
    // The security regulation (TT12 Art 9.7) may be issued again at any state: a step the binary takes each time.
    auto start = [&](int n) {
        const pid_t pid = fork();
        if (pid == 0) {
            if (FILE* quiet = std::freopen("/dev/null", "w", stdout); !quiet)
                _exit(126);
            const std::string number = std::to_string(n) + "/QĐ-UBND";
            execl(SECLEVEL_BINARY, SECLEVEL_BINARY, "workflow", "do", "BIN", "issue_security_regulation", "--as",
                  "owner", "--date", "2025-06-16", "--number", number.c_str(), "--document-date", "2025-06-16",
                  "--note", "Quy chế bảo đảm an toàn thông tin", "--attach", attachment.c_str(), "--db",
                  location.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        return pid;
    };
    std::mt19937 rng(11);
    int finished = 0, killed = 0;
    for (int round = 0; round < 25; ++round) {
        // Let some run to the end, so that killing the later ones finds steps already there.
        const pid_t pid = start(round);
        BOOST_REQUIRE(pid > 0);
        usleep(static_cast<useconds_t>(rng() % 600'000));
        kill(pid, SIGKILL);
        int status = 0;
        BOOST_REQUIRE(waitpid(pid, &status, 0) == pid);
        if (WIFEXITED(status)) {
            BOOST_TEST(WEXITSTATUS(status) == 0, "round " << round);
            ++finished;
        } else {
            ++killed;
        }
        auto reopened = openStoreAt(location);
        checkConsistent(*reopened, "BIN");
    }
    BOOST_TEST_MESSAGE("workflow do: " << finished << " finished, " << killed << " killed");
    BOOST_TEST(killed > 0);
    // After all that, the next step goes through and is numbered after the last whole one.
    auto reopened = openStoreAt(location);
    const int before = checkConsistent(*reopened, "BIN");
    const pid_t last = start(100);
    int status = 0;
    BOOST_REQUIRE(waitpid(last, &status, 0) == last);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    BOOST_TEST(checkConsistent(*reopened, "BIN") == before + 1);
}
