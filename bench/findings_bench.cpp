// Benchmark of an inspection across a whole country (issue 12): N systems (default 100,000) across 1,000 agencies
// (one root "VN" over 50 provinces of 20 units), the histories of bench/workflow_bench.cpp (approved ones with
// duties, running appraisal and approval clocks — many overdue —, returned, appraised, re-determination), the
// approvals recorded in the seat their procedure gives (5 % by the operator: a wrong authority), a tenth of the
// unapproved systems with a dossier (half of those complete, half one requirement short), an inspecting body
// with one inspector, and an inspection whose scope is the root. Then, each in a process of its own (its peak
// RSS alone): FindingService::run over the whole scope (first call and steady state), ::record (first run into
// a new inspection, then the idempotent re-run), ::conclusion, and ReportService::rollup over the root.
//   findings_bench populate LOCATION [SYSTEMS] [DATA_DIR]   fills the store (removed first when a file)
//   findings_bench prepare LOCATION [DATA_DIR]              adds the inspector, the inspection and the dossiers
//                                                           to a store populate filled (populate does it too)
//   findings_bench measure LOCATION [AS_OF] [DATA_DIR]      times the findings and the roll-up
// LOCATION is an SQLite file or a postgresql:// URL (as workflow_bench and rollup_bench).
#include "WorkflowPopulation.h"
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "app/InspectionService.h"
#include "app/ReportService.h"
#include "core/Sha256.h"
#include "storage/Store.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace seclevel;

namespace {

using namespace seclevel::bench;

const char* const kRoot = "VN";
const char* const kBody = "VN-TTR";
const char* const kInspector = "thanh.tra.bench";

Actor inspectorActor()
{
    return Actor{kInspector, kBody, Role::Inspector, std::chrono::system_clock::now()};
}

Inspection inspectionNamed(const std::string& id)
{
    Inspection i;
    i.id = id;
    i.decisionNumber = id + "/QĐ-TTr";
    i.decisionDate = *parseIsoDate("2026-11-02");
    i.inspectingBody = kBody;
    i.scope.organisationId = kRoot;
    i.scope.periodFrom = *parseIsoDate("2016-07-01");
    i.scope.periodTo = *parseIsoDate("2026-12-31");
    i.team = {kInspector};
    return i;
}

// A dossier with every field, attachment (a reference to a file of the data directory, its true digest) and
// requirement statement the template asks at `level`; `short` leaves the last requirement statement out.
Result<Dossier> dossierFor(const Catalogue& catalogue, const StoredSystem& system, bool leaveOneOut,
                           const Attachment& file)
{
    auto t = catalogue.dossierTemplate(system.rulesetId);
    if (!t)
        return t.errors();
    const int level = system.proposedLevel;
    Dossier d;
    d.systemId = system.description.id;
    for (const DossierSectionSpec& section : (*t)->sections)
        if (!section.generated && level >= section.minLevel)
            for (const DossierFieldSpec& field : section.fields)
                if (level >= field.minLevel)
                    d.fields[field.key] = "Nội dung " + field.key;
    for (const AttachmentSpec& a : (*t)->attachments)
        if (level >= a.minLevel) {
            Attachment attachment = file;
            attachment.kind = a.kind;
            d.attachments.push_back(attachment);
        }
    for (const RequirementGroupSpec* g : (*t)->requirementsForLevel(level))
        for (int item = 1; item <= g->count; ++item)
            d.requirements.push_back({g->id, item, RequirementStatus::Met, "Đã triển khai biện pháp", std::nullopt});
    if (leaveOneOut && !d.requirements.empty())
        d.requirements.pop_back();
    return d;
}

int prepare(const std::string& location, const fs::path& dir)
{
    auto catalogue = Catalogue::load(dir.string());
    if (!orReport(catalogue))
        return 1;
    auto opened = openStore(location);
    if (!orReport(opened))
        return 1;
    Store& store = **opened;
    const Actor admin{"bench", "", Role::Administrator, std::chrono::system_clock::now()};
    auto made = store.transact([&]() -> Result<bool> {
        if (auto r = store.upsertOrganisation({kBody, "Thanh tra (cơ quan thanh tra của benchmark)", kRoot, ""}, admin);
            !r)
            return r.errors();
        if (auto r = store.saveUser({kInspector, "Thanh tra viên", {{kBody, Role::Inspector}}}, admin); !r)
            return r.errors();
        return true;
    });
    if (!orReport(made))
        return 1;
    InspectionService inspections(store);
    if (auto saved = inspections.save(inspectionNamed("TTR-BENCH"), inspectorActor()); !saved) {
        printErrors(saved.errors());
        return 1;
    }
    // The dossiers: a tenth of the systems without an approved level, half of them complete.
    const fs::path example = dir / "examples" / "cong-dich-vu-cong-tinh.json";
    std::ifstream in(example, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    Attachment file;
    file.name = example.filename().string();
    file.mediaType = "application/json";
    file.size = bytes.str().size();
    file.sha256 = sha256Hex(bytes.str());
    file.reference = fs::absolute(example).string();
    auto headers = store.systemHeaders();
    if (!orReport(headers))
        return 1;
    std::vector<const StoredSystem*> chosen;
    long unapproved = 0;
    for (const StoredSystem& s : *headers)
        if (s.approvedLevel == 0 && !s.rulesetId.empty() && unapproved++ % 10 == 0)
            chosen.push_back(&s);
    Stopwatch fill;
    long requirements = 0;
    for (size_t from = 0; from < chosen.size(); from += 500) {
        auto done = fill.time([&] {
            return store.transact([&]() -> Result<bool> {
                for (size_t i = from; i < std::min(chosen.size(), from + 500); ++i) {
                    auto d = dossierFor(**catalogue, *chosen[i], i % 2 == 1, file);
                    if (!d)
                        return d.errors();
                    requirements += static_cast<long>(d->requirements.size());
                    if (auto saved = store.saveDossier(*d, admin); !saved)
                        return saved.errors();
                }
                return true;
            });
        });
        if (!orReport(done))
            return 1;
    }
    std::printf("prepare: inspector %s of %s, inspection TTR-BENCH over %s; %zu dossiers (%ld requirement "
                "statements) of %ld unapproved systems in %s\n",
                kInspector, kBody, kRoot, chosen.size(), requirements, unapproved, fill.seconds().c_str());
    return 0;
}

// One measured line: what, wall and CPU seconds, the peak RSS of the process that measured it, what it gave.
struct Line {
    std::string what;
    double wall = 0;
    double cpu = 0;
    double rss = 0;
    std::string gave;
};

// Runs `phase` in a child process with its own store connection (so that its peak RSS is its own) and
// returns the lines it measured, read back through a pipe. The child prints its own progress to stdout.
std::vector<Line> inChild(const std::function<int(Store&, std::vector<Line>&)>& phase, const std::string& location)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        std::vector<Line> lines;
        int rc = 1;
        auto opened = openStore(location);
        if (!opened)
            printErrors(opened.errors());
        else
            rc = phase(**opened, lines);
        std::string out;
        for (const Line& l : lines) {
            char buffer[128];
            std::snprintf(buffer, sizeof buffer, "\t%.3f\t%.3f\t%.1f\t", l.wall, l.cpu, l.rss);
            out += l.what + buffer + l.gave + "\n";
        }
        for (size_t done = 0; done < out.size();) {
            const ssize_t n = write(fds[1], out.data() + done, out.size() - done);
            if (n <= 0)
                break;
            done += static_cast<size_t>(n);
        }
        close(fds[1]);
        std::fflush(stdout);
        _exit(rc);
    }
    close(fds[1]);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::fprintf(stderr, "a measuring process failed (status %d)\n", status);
    std::vector<Line> lines;
    std::istringstream in(text);
    for (std::string row; std::getline(in, row);) {
        std::istringstream fields(row);
        Line l;
        std::string wall, cpu, rss;
        std::getline(fields, l.what, '\t');
        std::getline(fields, wall, '\t');
        std::getline(fields, cpu, '\t');
        std::getline(fields, rss, '\t');
        std::getline(fields, l.gave);
        l.wall = std::stod(wall);
        l.cpu = std::stod(cpu);
        l.rss = std::stod(rss);
        lines.push_back(l);
    }
    return lines;
}

template <class T>
bool failed(const Result<T>& result)
{
    if (result)
        return false;
    printErrors(result.errors());
    return true;
}

std::string byRule(const std::vector<Finding>& findings)
{
    std::map<std::string, long> counts;
    for (const Finding& f : findings)
        ++counts[f.ruleId];
    std::string out = std::to_string(findings.size()) + " findings:";
    for (const auto& [rule, n] : counts)
        out += " " + rule + " " + std::to_string(n);
    return out;
}

int measure(const std::string& location, Date asOf, const fs::path& dir)
{
    const double rssBefore = peakRssMb();
    auto catalogue = Catalogue::load(dir.string());
    if (!orReport(catalogue))
        return 1;
    const Catalogue& shipped = **catalogue;
    std::string describe;
    std::string recordedId;
    {
        auto opened = openStore(location);
        if (!orReport(opened))
            return 1;
        describe = (*opened)->describe();
        // Each measurement records into an inspection of its own, so that the first run always adds.
        auto all = (*opened)->inspections();
        if (failed(all))
            return 1;
        recordedId = "TTR-BENCH-" + std::to_string(all->size());
        InspectionService inspections(**opened);
        if (failed(inspections.save(inspectionNamed(recordedId), inspectorActor())))
            return 1;
    }
    std::printf("%s, as of %s; inspection TTR-BENCH (scope %s), recording into %s\n", describe.c_str(),
                formatIsoDate(asOf).c_str(), kRoot, recordedId.c_str());
    std::printf("catalogue loaded: peak RSS %.1f MB (%.1f MB before)\n", peakRssMb(), rssBefore);
    const Actor inspector = inspectorActor();
    std::vector<Line> table;
    auto add = [&](const std::vector<Line>& lines) { table.insert(table.end(), lines.begin(), lines.end()); };

    // The first call also loads the procedures, the calendar and the finding rules; the second is the steady state.
    add(inChild(
        [&](Store& store, std::vector<Line>& out) {
            FindingService findings(shipped, store);
            for (int round = 1; round <= 2; ++round) {
                Stopwatch watch;
                auto run = watch.time([&] { return findings.run("TTR-BENCH", asOf, inspector); });
                if (failed(run))
                    return 1;
                out.push_back({round == 1 ? "FindingService::run (first call)" : "FindingService::run (steady)",
                               watch.wall, watch.cpu, peakRssMb(), byRule(run->findings)});
            }
            return 0;
        },
        location));
    add(inChild(
        [&](Store& store, std::vector<Line>& out) {
            FindingService findings(shipped, store);
            for (int round = 1; round <= 2; ++round) {
                Stopwatch watch;
                auto merged = watch.time([&] { return findings.record(recordedId, asOf, std::nullopt, inspector); });
                if (failed(merged))
                    return 1;
                out.push_back({round == 1 ? "FindingService::record (first)" : "FindingService::record (re-run)",
                               watch.wall, watch.cpu, peakRssMb(),
                               "added " + std::to_string(merged->added) + ", reopened " +
                                   std::to_string(merged->reopened) + ", unchanged " +
                                   std::to_string(merged->unchanged)});
            }
            return 0;
        },
        location));
    add(inChild(
        [&](Store& store, std::vector<Line>& out) {
            FindingService findings(shipped, store);
            Stopwatch watch;
            auto c = watch.time([&] { return findings.conclusion(recordedId, asOf, std::nullopt, inspector); });
            if (failed(c))
                return 1;
            size_t n = 0;
            for (const ConclusionAgency& a : c->agencies)
                n += a.findings.size();
            out.push_back({"FindingService::conclusion", watch.wall, watch.cpu, peakRssMb(),
                           std::to_string(c->agencies.size()) + " agencies, " + std::to_string(n) + " findings"});
            return 0;
        },
        location));
    add(inChild(
        [&](Store& store, std::vector<Line>& out) {
            ReportService reports(shipped, store);
            for (int round = 1; round <= 2; ++round) {
                Stopwatch watch;
                auto rollup = watch.time([&] { return reports.rollup(kRoot, asOf); });
                if (failed(rollup))
                    return 1;
                char gave[160];
                std::snprintf(gave, sizeof gave,
                              "%zu agencies, %d systems, %d approved, %d overdue clocks, %d overdue duties",
                              rollup->agencies.size(), rollup->total.systems, rollup->total.approved,
                              rollup->total.overdueClocks, rollup->total.overdueDuties);
                out.push_back({round == 1 ? "ReportService::rollup (first call)" : "ReportService::rollup (steady)",
                               watch.wall, watch.cpu, peakRssMb(), gave});
            }
            return 0;
        },
        location));
    add(inChild(
        [&](Store& store, std::vector<Line>& out) {
            ReportService reports(shipped, store);
            Stopwatch watch;
            const int year = static_cast<int>(asOf.year());
            auto annual = watch.time([&] { return reports.annual(kRoot, year); });
            if (failed(annual))
                return 1;
            out.push_back(
                {"ReportService::annual (Form 08, root)", watch.wall, watch.cpu, peakRssMb(),
                 std::to_string(annual->rows.size()) + " rows, " + std::to_string(annual->approved) + " approved"});
            return 0;
        },
        location));

    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    std::printf("\n%s, as of %s, load average %.2f %.2f %.2f\n", describe.c_str(), formatIsoDate(asOf).c_str(), load[0],
                load[1], load[2]);
    std::printf("%-36s %9s %9s %9s  %s\n", "what", "wall s", "CPU s", "peak MB", "gave");
    for (const Line& l : table)
        std::printf("%-36s %9.3f %9.3f %9.1f  %s\n", l.what.c_str(), l.wall, l.cpu, l.rss, l.gave.c_str());
    return table.size() == 8 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (argc < 3 || (mode != "populate" && mode != "prepare" && mode != "measure")) {
        std::fprintf(stderr, "usage: findings_bench populate LOCATION [SYSTEMS] [DATA_DIR]\n"
                             "       findings_bench prepare LOCATION [DATA_DIR]\n"
                             "       findings_bench measure LOCATION [AS_OF] [DATA_DIR]\n");
        return 2;
    }
    if (mode == "prepare")
        return prepare(argv[2], argc > 3 ? argv[3] : SECLEVEL_SOURCE_DIR);
    const fs::path dir = argc > 4 ? argv[4] : SECLEVEL_SOURCE_DIR;
    if (mode == "populate") {
        Layout layout{50, 20, "FB"}; // 50 provinces × 20 units: 1,000 agencies
        layout.root = kRoot;
        layout.approvalSeats = true;
        if (int rc = populate(argv[2], argc > 3 ? std::stoi(argv[3]) : 100'000, dir, layout); rc != 0)
            return rc;
        return prepare(argv[2], dir);
    }
    const auto asOf = parseIsoDate(argc > 3 ? argv[3] : "2026-11-28");
    if (!asOf) {
        std::fprintf(stderr, "AS_OF is YYYY-MM-DD\n");
        return 2;
    }
    return measure(argv[2], *asOf, dir);
}
