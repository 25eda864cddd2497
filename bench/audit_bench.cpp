// Benchmark of the audit trail: appends N entries through the store (organisation renames, each a real write
// with its entry, in units of work of 10,000), then times `audit verify` (AuditService::verify) over the whole
// chain, and the hashing alone with and without the processor's SHA instructions. Prints the figures the
// README reports.
//   audit_bench LOCATION [ENTRIES]      (default 1,000,000; 0 verifies what LOCATION holds)
// LOCATION is an SQLite file (removed first, with its WAL) or a postgresql:// URL (its schema must be empty or
// hold only a previous run's chain, which is then extended).
#include "app/AuditService.h"
#include "core/Sha256.h"
#include "storage/AuditChain.h"
#include "storage/Store.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace seclevel;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double cpuNow()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void fail(const Errors& errors)
{
    for (const Error& error : errors)
        std::fprintf(stderr, "%s\n", error.describe(Lang::En).c_str());
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: audit_bench LOCATION [ENTRIES]\n");
        return 1;
    }
    const std::string location = argv[1];
    const long entries = argc > 2 ? std::stol(argv[2]) : 1'000'000;
    const bool postgres = location.find("://") != std::string::npos;
    if (!postgres && entries > 0) // 0: verify the chain already there
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(location + suffix);
    auto opened = openStore(location);
    if (!opened)
        fail(opened.errors());
    Store& store = **opened;

    // Appending: each unit of work renames 10,000 organisations (one entry each, ~250 bytes of details, about
    // what a system update with a few changed answers writes).
    const std::string padding = "Ủy ban nhân dân tỉnh — Sở Thông tin và Truyền thông, Trung tâm Công nghệ thông tin và "
                                "Truyền thông, phòng An toàn thông tin, tổ ứng cứu sự cố";
    const Actor actor{"bench", "", Role::Administrator, std::chrono::system_clock::now()};
    constexpr long unit = 10'000;
    const auto startHead = store.auditHead();
    if (!startHead)
        fail(startHead.errors());
    const auto appendStart = Clock::now();
    const double appendCpu = cpuNow();
    for (long done = 0; done < entries;) {
        const long count = std::min(unit, entries - done);
        auto written = store.transact([&]() -> Result<bool> {
            for (long i = 0; i < count; ++i) {
                const long n = done + i;
                auto saved = store.upsertOrganisation(
                    Organisation{"ORG-" + std::to_string(n % 1000), padding + " " + std::to_string(n), ""}, actor);
                if (!saved)
                    return saved.errors();
            }
            return true;
        });
        if (!written)
            fail(written.errors());
        done += count;
        if (done % 100'000 == 0)
            std::fprintf(stderr, "  appended %ld\n", done);
    }
    const double appendWall = seconds(appendStart);
    const double appendCpuUsed = cpuNow() - appendCpu;
    std::printf("append %ld entries in units of %ld: %.0f/s wall, %.0f/s CPU (%.1f s wall, %.1f s CPU)\n", entries,
                unit, static_cast<double>(entries) / appendWall, static_cast<double>(entries) / appendCpuUsed,
                appendWall, appendCpuUsed);

    AuditService service(store);
    auto head = service.head();
    if (!head)
        fail(head.errors());
    std::printf("head %s (from %s)\n", AuditService::formatHead(*head).c_str(),
                AuditService::formatHead(*startHead).c_str());

    // Size of what is hashed, for the record.
    double detailBytes = 0;
    long counted = 0;
    auto sample = store.forEachAuditEntry(1, [&](const AuditEntryView& entry) {
        detailBytes += static_cast<double>(entry.details.size());
        return ++counted < 10'000;
    });
    if (!sample)
        fail(sample.errors());
    std::printf("details: %.0f bytes per entry on average (first %ld)\n", detailBytes / static_cast<double>(counted),
                counted);

    for (const bool accelerated : {true, false}) {
        setSha256Acceleration(accelerated);
        for (int run = 0; run < (accelerated ? 2 : 1); ++run) {
            const auto start = Clock::now();
            const double cpu = cpuNow();
            auto verified = service.verify(*head);
            if (!verified)
                fail(verified.errors());
            const double wall = seconds(start);
            const double used = cpuNow() - cpu;
            std::printf("verify%s (SHA instructions %s): %lld entries, %s — %.0f entries/s wall, %.0f/s CPU "
                        "(%.2f s wall, %.2f s CPU)\n",
                        run == 0 ? "" : " again", sha256Accelerated() ? "on" : "off",
                        static_cast<long long>(verified->entries), verified->broken ? "BROKEN" : "intact",
                        static_cast<double>(verified->entries) / wall, static_cast<double>(verified->entries) / used,
                        wall, used);
            if (verified->broken)
                return 2;
        }
    }
    setSha256Acceleration(true);

    // One thread (AuditVerifier), for comparison with the two of AuditService::verify.
    for (int run = 0; run < 2; ++run) {
        const auto start = Clock::now();
        const double cpu = cpuNow();
        AuditVerifier verifier(*head);
        auto read = store.forEachAuditEntry(1, [&](const AuditEntryView& entry) { return verifier.feed(entry); });
        if (!read)
            fail(read.errors());
        const bool intact = verifier.finish().problem == AuditProblem::None;
        const double wall = seconds(start);
        std::printf("verify on one thread: %lld entries, %s — %.0f entries/s wall, %.0f/s CPU\n",
                    static_cast<long long>(verifier.count()), intact ? "intact" : "BROKEN",
                    static_cast<double>(verifier.count()) / wall,
                    static_cast<double>(verifier.count()) / (cpuNow() - cpu));
    }

    // The reading alone (no hashing), to see where verify's time goes.
    {
        const auto start = Clock::now();
        long rows = 0;
        auto read = store.forEachAuditEntry(1, [&](const AuditEntryView&) {
            ++rows;
            return true;
        });
        if (!read)
            fail(read.errors());
        std::printf("read only: %.0f entries/s wall\n", static_cast<double>(rows) / seconds(start));
    }
    std::printf("peak RSS %ld MiB\n", peakRssKiB() / 1024);
    return 0;
}
