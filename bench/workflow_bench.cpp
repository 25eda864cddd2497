// Benchmark of the procedure listings: N systems (default 100,000) with 10 workflow steps each, in mixed states
// and levels under the three rule sets — approved ones (so that duties exist, some with fulfilments), running
// appraisal and approval clocks (many overdue), returned, appraised and re-determination ones — then
// WorkflowService::deadlines and ::duties over all of them. Prints the figures the README reports.
//   workflow_bench populate LOCATION [SYSTEMS] [DATA_DIR]   fills the store (removed first when a file)
//   workflow_bench measure LOCATION [AS_OF] [DATA_DIR]      times the listings (its own process: peak RSS)
// LOCATION is an SQLite file or a postgresql:// URL. The steps go in through the store directly (in units of
// work of 1,000 systems), not through WorkflowService::perform: the benchmark is of the listings, and the
// step sequences follow the shipped procedures so that every state and clock the listings meet is real.
#include "WorkflowPopulation.h"
#include "app/Catalogue.h"
#include "app/WorkflowService.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "storage/Store.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>

using namespace seclevel;

namespace {

using namespace seclevel::bench;

int measure(const std::string& location, Date asOf, const fs::path& dir)
{
    const double rssBefore = peakRssMb();
    Stopwatch load;
    auto catalogue = load.time([&] { return Catalogue::load(dir.string()); });
    if (!orReport(catalogue))
        return 1;
    auto opened = openStore(location);
    if (!orReport(opened))
        return 1;
    Store& store = **opened;
    WorkflowService service(**catalogue, store);
    std::printf("%s, as of %s\n", store.describe().c_str(), formatIsoDate(asOf).c_str());
    std::printf("catalogue load: %s\n", load.seconds().c_str());

    // The first call also loads the procedures and the calendar; the second is the steady state (a server).
    for (int round = 1; round <= 2; ++round) {
        Stopwatch deadlines;
        auto items = deadlines.time([&] { return service.deadlines(asOf, ""); });
        if (!orReport(items))
            return 1;
        long overdue = 0;
        for (const DeadlineItem& item : *items)
            overdue += item.clock.overdue;
        std::printf("deadlines #%d (all): %s; %zu clocks, %ld overdue\n", round, deadlines.seconds().c_str(),
                    items->size(), overdue);
    }
    Stopwatch scoped;
    auto one = scoped.time([&] { return service.deadlines(asOf, "P07"); });
    if (!orReport(one))
        return 1;
    std::printf("deadlines (one province, P07): %s; %zu clocks\n", scoped.seconds().c_str(), one->size());
    Stopwatch headers;
    auto all = headers.time([&] { return store.systemHeaders(); });
    if (!orReport(all))
        return 1;
    std::printf("  of which systemHeaders: %s; %zu systems\n", headers.seconds().c_str(), all->size());
    for (int round = 1; round <= 2; ++round) {
        Stopwatch duties;
        auto items = duties.time([&] { return service.duties(asOf, ""); });
        if (!orReport(items))
            return 1;
        std::map<std::string, long> byState;
        for (const DutyStatus& status : *items)
            ++byState[dutyStateName(status.state)];
        std::string counts;
        for (const auto& [state, n] : byState)
            counts += " " + state + " " + std::to_string(n);
        std::printf("duties #%d (all): %s; %zu duties:%s\n", round, duties.seconds().c_str(), items->size(),
                    counts.c_str());
    }
    Stopwatch records;
    auto fulfilled = records.time([&] { return store.dutyRecords(); });
    if (fulfilled)
        std::printf("  of which dutyRecords: %s; %zu records\n", records.seconds().c_str(), fulfilled->size());
    std::printf("peak RSS: %.1f MB (%.1f MB before opening anything)\n", peakRssMb(), rssBefore);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (argc < 3 || (mode != "populate" && mode != "measure")) {
        std::fprintf(stderr, "usage: workflow_bench populate LOCATION [SYSTEMS] [DATA_DIR]\n"
                             "       workflow_bench measure LOCATION [AS_OF] [DATA_DIR]\n");
        return 2;
    }
    const fs::path dir = argc > 4 ? argv[4] : SECLEVEL_SOURCE_DIR;
    if (mode == "populate")
        return populate(argv[2], argc > 3 ? std::stoi(argv[3]) : 100'000, dir);
    const auto asOf = parseIsoDate(argc > 3 ? argv[3] : "2026-11-28");
    if (!asOf) {
        std::fprintf(stderr, "AS_OF is YYYY-MM-DD\n");
        return 2;
    }
    return measure(argv[2], *asOf, dir);
}
