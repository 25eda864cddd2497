// Benchmark of the inspectors' roll-up and the annual report (app/ReportService): N systems (default 100,000)
// across 1,000 agencies (50 provinces of 20 units), with 10 workflow steps each in mixed states and levels
// under the three rule sets — the same histories as bench/workflow_bench.cpp (approved ones with duties, running
// appraisal and approval clocks, returned, appraised, re-determination) — then ReportService::rollup over all
// of them and over one province, and the annual report of one province. Prints the figures the README reports.
//   rollup_bench populate LOCATION [SYSTEMS] [DATA_DIR]   fills the store (removed first when a file)
//   rollup_bench measure LOCATION [AS_OF] [DATA_DIR]      times the reports (its own process: peak RSS)
// LOCATION is an SQLite file or a postgresql:// URL. The steps go in through the store directly (units of work
// of 1,000 systems), following the shipped procedures, as in workflow_bench.
#include "WorkflowPopulation.h"
#include "app/Catalogue.h"
#include "app/ReportService.h"
#include "core/Assessment.h"
#include "formats/json/AnswersFile.h"
#include "formats/report/RollupHtml.h"
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
    auto catalogue = Catalogue::load(dir.string());
    if (!orReport(catalogue))
        return 1;
    auto opened = openStore(location);
    if (!orReport(opened))
        return 1;
    Store& store = **opened;
    ReportService reports(**catalogue, store);
    std::printf("%s, as of %s\n", store.describe().c_str(), formatIsoDate(asOf).c_str());
    // The first call also loads the procedures and the calendar; the second is the steady state (a server).
    for (int round = 1; round <= 2; ++round) {
        Stopwatch watch;
        auto rollup = watch.time([&] { return reports.rollup("", asOf); });
        if (!orReport(rollup))
            return 1;
        std::printf("rollup #%d (all): %s; %zu agencies, %d systems, %d approved (%.1f %%), %d overdue clocks, %d "
                    "overdue duties\n",
                    round, watch.seconds().c_str(), rollup->agencies.size(), rollup->total.systems,
                    rollup->total.approved, rollup->total.coverage(), rollup->total.overdueClocks,
                    rollup->total.overdueDuties);
        if (round == 2) {
            Stopwatch html;
            auto css = reports.stylesheet();
            const std::string page = html.time([&] { return rollupHtml(*rollup, css ? *css : std::string()); });
            std::printf("  rollup HTML: %s; %zu bytes\n", html.seconds().c_str(), page.size());
        }
    }
    Stopwatch past;
    auto earlier = past.time([&] { return reports.rollup("", *parseIsoDate("2025-12-31")); });
    if (!orReport(earlier))
        return 1;
    std::printf("rollup as of 2025-12-31 (states read back from the steps of later-moved systems): %s; %d approved\n",
                past.seconds().c_str(), earlier->total.approved);
    Stopwatch scoped;
    auto province = scoped.time([&] { return reports.rollup("P07", asOf); });
    if (!orReport(province))
        return 1;
    std::printf("rollup (one province, P07): %s; %zu agencies, %d systems\n", scoped.seconds().c_str(),
                province->agencies.size(), province->total.systems);
    Stopwatch annual;
    auto report = annual.time([&] { return reports.annual("P07", 2026); });
    if (!orReport(report))
        return 1;
    std::printf("annual report 2026 (one province, P07): %s; %d systems, %d approved\n", annual.seconds().c_str(),
                report->managed, report->approved);
    std::printf("peak RSS: %.1f MB (%.1f MB before opening anything)\n", peakRssMb(), rssBefore);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (argc < 3 || (mode != "populate" && mode != "measure")) {
        std::fprintf(stderr, "usage: rollup_bench populate LOCATION [SYSTEMS] [DATA_DIR]\n"
                             "       rollup_bench measure LOCATION [AS_OF] [DATA_DIR]\n");
        return 2;
    }
    const fs::path dir = argc > 4 ? argv[4] : SECLEVEL_SOURCE_DIR;
    if (mode == "populate")
        return populate(argv[2], argc > 3 ? std::stoi(argv[3]) : 100'000, dir,
                        Layout{50, 20, "RB"}); // 50 provinces × 20 units: 1,000 agencies
    const auto asOf = parseIsoDate(argc > 3 ? argv[3] : "2026-11-28");
    if (!asOf) {
        std::fprintf(stderr, "AS_OF is YYYY-MM-DD\n");
        return 2;
    }
    return measure(argv[2], *asOf, dir);
}
