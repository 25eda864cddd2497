// Benchmark of a store: N systems with 1–5 components, each saved with its real derived assessment in its own
// transaction; then list all, load each, and re-assess all under another rule set, storing the new
// assessments in units of work of 1,000. Prints the figures the README reports.
//   store_bench LOCATION [SYSTEMS] [DATA_DIR]
// LOCATION is an SQLite file (removed first, with its WAL) or a postgresql:// URL.
#include "codec/StoredEncoding.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "rules/RuleSetLoader.h"
#include "storage/Store.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace seclevel;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// Wall time and this process's CPU time: the machine this runs on is shared, so the CPU time tells what the
// store costs when the wall time also holds waiting for a core.
struct Stopwatch {
    double wall = 0;
    double cpu = 0;

    static double cpuNow()
    {
        timespec now{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
    }
    template <class F>
    auto time(F&& f)
    {
        const auto wallStart = Clock::now();
        const double cpuStart = cpuNow();
        struct Stop {
            Stopwatch& watch;
            Clock::time_point wallStart;
            double cpuStart;
            ~Stop()
            {
                watch.wall += std::chrono::duration<double>(Clock::now() - wallStart).count();
                watch.cpu += cpuNow() - cpuStart;
            }
        } stop{*this, wallStart, cpuStart};
        return f();
    }
    // "N/s wall (N/s CPU)"
    std::string rate(double count) const
    {
        char buffer[96];
        std::snprintf(buffer, sizeof buffer, "%.0f/s wall, %.0f/s CPU (%.2f s wall, %.2f s CPU)", count / wall,
                      count / cpu, wall, cpu);
        return buffer;
    }
};

void printErrors(const Errors& errors)
{
    for (const Error& error : errors)
        std::fprintf(stderr, "%s\n", error.describe(Lang::En).c_str());
}

// The shipped example, varied: 1–5 components (the portal and the internal system alternating), different
// numbers of data subjects, so that the derivations differ.
SystemDescription variant(const SystemDescription& base, std::mt19937_64& rng, int index)
{
    SystemDescription s = base;
    char id[32];
    std::snprintf(id, sizeof id, "BENCH-%06d", index);
    s.id = id;
    s.name = base.name + " " + std::to_string(index);
    s.organisationId.clear();
    s.answers.values["personal_data_subjects"] = static_cast<std::int64_t>(rng() % 200'000);
    s.answers.values["sensitive_data_subjects"] = static_cast<std::int64_t>(rng() % 20'000);
    const int components = 1 + static_cast<int>(rng() % 5);
    s.components.clear();
    for (int c = 0; c < components; ++c) {
        Component component = base.components[static_cast<size_t>(c) % base.components.size()];
        component.name = "Thành phần " + std::to_string(c + 1) + ": " + component.name;
        s.components.push_back(std::move(component));
    }
    return s;
}

std::uintmax_t sizeOnDisk(const std::string& path)
{
    std::uintmax_t total = 0;
    std::error_code error;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(path + suffix, error))
            total += fs::file_size(path + suffix, error);
    return total;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: store_bench LOCATION [SYSTEMS] [DATA_DIR]\n");
        return 2;
    }
    const std::string location = argv[1];
    const int count = argc > 2 ? std::stoi(argv[2]) : 100'000;
    const fs::path dir = argc > 3 ? argv[3] : SECLEVEL_SOURCE_DIR;
    const bool isFile = location.find("://") == std::string::npos;
    if (isFile)
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(location + suffix);

    auto ruleSets = loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
    if (!ruleSets) {
        printErrors(ruleSets.errors());
        return 1;
    }
    const RuleSet* first = ruleSetById(*ruleSets, "VN-2022");
    const RuleSet* second = ruleSetById(*ruleSets, "VN-2026");
    auto example = readAnswersFile((dir / "examples" / "cong-dich-vu-cong-tinh.json").string());
    if (!first || !second || !example) {
        std::fprintf(stderr, "rule sets VN-2022/VN-2026 or the example are missing\n");
        return 1;
    }
    auto base = validateAnswers(*first, *example);
    if (!base) {
        printErrors(base.errors());
        return 1;
    }
    auto opened = openStore(location);
    if (!opened) {
        printErrors(opened.errors());
        return 1;
    }
    Store& store = **opened;
    std::printf("%s, %d systems\n", store.describe().c_str(), count);
    const Actor actor{"bench", "", Role::Operator, std::chrono::system_clock::now()};

    // 1. Each system saved with its assessment, one transaction each (what `system add` does).
    std::mt19937_64 rng(20261128);
    Stopwatch save;
    size_t components = 0, assessmentBytes = 0;
    for (int i = 0; i < count; ++i) {
        const SystemDescription system = variant(*base, rng, i);
        components += system.components.size();
        const Assessment assessment = deriveLevel(*first, system);
        if (i < 100)
            assessmentBytes += codec::encodeAssessment(assessment).size();
        auto saved = save.time([&] { return store.saveSystem(system, true, assessment, actor); });
        if (!saved) {
            printErrors(saved.errors());
            return 1;
        }
    }
    std::printf("save (saveSystem + derived assessment, own transaction): %s; %zu components; assessment %.1f KB\n",
                save.rate(count).c_str(), components, assessmentBytes / 1024.0 / std::min(count, 100));

    // 2. List everything.
    Stopwatch list;
    auto all = list.time([&] { return store.systems(); });
    if (!all || all->size() != static_cast<size_t>(count)) {
        std::fprintf(stderr, "list returned the wrong number of systems\n");
        return 1;
    }
    std::printf("list all: %.3f s wall, %.3f s CPU (%zu systems)\n", list.wall, list.cpu, all->size());

    // 3. Load each system on its own.
    Stopwatch load;
    for (const StoredSystem& stored : *all) {
        auto one = load.time([&] { return store.system(stored.description.id); });
        if (!one || !one->has_value()) {
            std::fprintf(stderr, "cannot load %s\n", stored.description.id.c_str());
            return 1;
        }
    }
    std::printf("load each: %s\n", load.rate(count).c_str());

    // 4. Re-assess all under the other rule set, stored in units of work of 1,000.
    constexpr size_t batch = 1000;
    Stopwatch derive, record;
    for (size_t from = 0; from < all->size(); from += batch) {
        const size_t to = std::min(all->size(), from + batch);
        std::vector<Assessment> assessments;
        assessments.reserve(to - from);
        derive.time([&] {
            for (size_t i = from; i < to; ++i)
                assessments.push_back(deriveLevel(*second, (*all)[i].description));
            return 0;
        });
        auto stored = record.time([&] {
            return store.transact([&]() -> Result<bool> {
                for (size_t i = from; i < to; ++i) {
                    auto recorded = store.recordAssessment((*all)[i].description.id, assessments[i - from], actor);
                    if (!recorded)
                        return recorded.errors();
                }
                return true;
            });
        });
        if (!stored) {
            printErrors(stored.errors());
            return 1;
        }
    }
    Stopwatch both{derive.wall + record.wall, derive.cpu + record.cpu};
    std::printf("re-assess + store in units of %zu: %s\n  of which derive %s\n  and store %s\n", batch,
                both.rate(count).c_str(), derive.rate(count).c_str(), record.rate(count).c_str());

    if (isFile)
        std::printf("size on disk: %.1f MB, %.0f bytes per system (two assessments each)\n", sizeOnDisk(location) / 1e6,
                    static_cast<double>(sizeOnDisk(location)) / count);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
    return 0;
}
