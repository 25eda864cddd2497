// Benchmark of `seclevel import`: N systems written as a CSV file and as an XLSX file (flat-system layout,
// varied answers), each imported into an empty store through ImportService (check, plan, write in batches of
// 1,000 through SystemService), then imported again (nothing changes). Prints rows/s and the peak RSS.
//   import_bench CSV_STORE XLSX_STORE [SYSTEMS]
// Each STORE is an SQLite file (removed first, with its WAL) or a postgresql:// URL of an empty schema.
#include "app/Catalogue.h"
#include "app/ImportService.h"
#include "formats/csv/CsvReader.h"
#include "formats/xlsx/XlsxWriter.h"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
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

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void printErrors(const Errors& errors)
{
    for (const Error& error : errors)
        std::fprintf(stderr, "%s\n", error.describe(Lang::En).c_str());
}

const std::vector<std::string> header{"Mã hệ thống",
                                      "Tên hệ thống",
                                      "Chủ quản",
                                      "Đơn vị vận hành",
                                      "Cơ quan",
                                      "Loại hệ thống",
                                      "Loại thông tin",
                                      "holds_user_accounts",
                                      "Mức tổn hại quốc phòng, an ninh",
                                      "Mức dịch vụ công trực tuyến",
                                      "Giải quyết thủ tục hành chính",
                                      "Dịch vụ kinh doanh có điều kiện",
                                      "Số chủ thể dữ liệu cá nhân",
                                      "Số chủ thể dữ liệu cá nhân nhạy cảm",
                                      "Cách đếm chủ thể dữ liệu"};

// One system: internal or citizen-facing, varied counts, so that derivations differ.
std::vector<std::string> rowFor(int index, std::mt19937_64& rng)
{
    char id[32];
    std::snprintf(id, sizeof id, "BENCH-%06d", index);
    const bool citizen = index % 3 == 0;
    const long subjects = static_cast<long>(rng() % 200000);
    return {id,
            "Hệ thống thông tin số " + std::to_string(index),
            "Ủy ban nhân dân tỉnh Hà Nam",
            "Trung tâm Công nghệ thông tin",
            "UBND-HANAM",
            citizen ? "Phục vụ người dân, doanh nghiệp" : "Nội bộ",
            index % 2 ? "Công cộng; Riêng; Cá nhân" : "Công cộng",
            index % 5 ? "Có" : "Không",
            "Không",
            citizen ? std::to_string(1 + index % 4) : "",
            citizen ? "Có" : "Không",
            "Không",
            std::to_string(subjects),
            std::to_string(subjects / 50),
            "Đếm theo số định danh cá nhân"};
}

bool run(const Catalogue& catalogue, const std::string& location, const std::string& file, const char* what,
         std::size_t systems)
{
    if (location.find("://") == std::string::npos) {
        fs::remove(location);
        fs::remove(location + "-wal");
        fs::remove(location + "-shm");
    }
    auto store = openStore(location);
    if (!store) {
        printErrors(store.errors());
        return false;
    }
    Actor actor{"bench", "", Role::Operator, std::chrono::system_clock::now()};
    if (auto saved = (*store)->upsertOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, actor); !saved) {
        printErrors(saved.errors());
        return false;
    }
    ImportService service(catalogue, **store);
    ImportRequest request;
    request.path = file;
    request.ruleSet = {"VN-2026", std::nullopt};
    for (const char* pass : {"import", "re-import"}) {
        const auto wall = Clock::now();
        const double cpu = cpuNow();
        auto report = service.importFile(request, actor);
        const double seconds = std::chrono::duration<double>(Clock::now() - wall).count();
        const double cpuSeconds = cpuNow() - cpu;
        if (!report) {
            printErrors(report.errors());
            return false;
        }
        if (report->problemCount > 0 || report->systems.size() != systems) {
            std::fprintf(stderr, "%zu problems, %zu systems\n", report->problemCount, report->systems.size());
            for (std::size_t i = 0; i < report->problems.size() && i < 5; ++i)
                std::fprintf(stderr, "row %d: %s\n", report->problems[i].row, report->problems[i].message.en.c_str());
            return false;
        }
        std::printf("%-5s %-9s %8zu rows  %6.2f s wall  %8.0f rows/s wall  %8.0f rows/s CPU  new %zu changed %zu "
                    "unchanged %zu  peak RSS %ld MB\n",
                    what, pass, report->rows, seconds, static_cast<double>(report->rows) / seconds,
                    static_cast<double>(report->rows) / cpuSeconds, report->count(PlanAction::New),
                    report->count(PlanAction::Changed), report->count(PlanAction::Unchanged), peakRssMb());
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: import_bench CSV_STORE XLSX_STORE [SYSTEMS]\n");
        return 1;
    }
    const std::size_t systems = argc > 3 ? std::stoul(argv[3]) : 100000;
    auto catalogue = Catalogue::load(SECLEVEL_SOURCE_DIR);
    if (!catalogue) {
        printErrors(catalogue.errors());
        return 1;
    }
    const fs::path dir = fs::temp_directory_path() / ("seclevel-import-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string csvPath = (dir / "inventory.csv").string(), xlsxPath = (dir / "inventory.xlsx").string();
    {
        std::mt19937_64 rng(20261128);
        CsvWriter csv;
        auto xlsx = XlsxWriter::create(xlsxPath);
        if (!xlsx || !(*xlsx)->addSheet("Hệ thống") || !(*xlsx)->row(header))
            return 1;
        csv.row(header);
        for (std::size_t i = 0; i < systems; ++i) {
            const auto fields = rowFor(static_cast<int>(i), rng);
            csv.row(fields);
            if (!(*xlsx)->row(fields))
                return 1;
        }
        std::ofstream(csvPath, std::ios::binary) << csv.text();
        if (!(*xlsx)->close())
            return 1;
    }
    std::printf("%zu systems: CSV %.1f MB, XLSX %.1f MB; peak RSS after writing them %ld MB\n", systems,
                static_cast<double>(fs::file_size(csvPath)) / 1e6, static_cast<double>(fs::file_size(xlsxPath)) / 1e6,
                peakRssMb());
    const bool ok =
        run(**catalogue, argv[1], csvPath, "CSV", systems) && run(**catalogue, argv[2], xlsxPath, "XLSX", systems);
    fs::remove_all(dir);
    return ok ? 0 : 1;
}
