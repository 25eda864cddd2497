// The printed documents of an inspection render in a real browser: the inspection conclusion (`inspection
// conclusion ID --format html`), the remediation report (`remediation report ID`) and the annual report
// (`report annual --format html`) written by the built binary, printed to PDF by headless Chromium and read back
// with poppler-utils (pdfinfo, pdftotext): A4 pages (the annual report landscape), none empty, the Vietnamese
// text intact (the national motto, the title, the articles cited). One screenshot of the conclusion is kept in
// the build folder (printed-conclusion.png) for a person to look at.
//
// Needs chromium and poppler-utils (the README's test command installs them): without them this test FAILS,
// it does not skip — a rendering that was never checked is not a pass.
#define BOOST_TEST_MODULE printed_documents_e2e
#include <boost/test/unit_test.hpp>

#include "BinaryRun.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace seclevel::e2e;

namespace {

const std::string example = std::string(SECLEVEL_SOURCE_DIR) + "/examples/cong-dich-vu-cong-tinh.json";

std::string chromium()
{
    if (const char* named = std::getenv("SECLEVEL_CHROMIUM"))
        return named;
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (fs::exists(candidate))
            return candidate;
    return {};
}

bool onPath(const std::string& program)
{
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command, its output into `out`; the exit status.
int shell(const std::string& command, const fs::path& out)
{
    const int status = std::system((command + " >" + shellQuote(out.string()) + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Headless Chromium with a fresh profile, nothing fetched from the network; `what` is e.g. "--print-to-pdf=X".
int browse(const fs::path& html, const std::string& what, const fs::path& work)
{
    const fs::path profile = work / ("profile-" + html.stem().string());
    fs::create_directories(profile);
    const std::string command =
        "timeout 120 " + shellQuote(chromium()) +
        " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
        " --disable-sync --no-first-run --no-default-browser-check --no-pdf-header-footer --user-data-dir=" +
        shellQuote(profile.string()) + " " + what + " " + shellQuote("file://" + fs::absolute(html).string());
    return shell(command, work / (html.stem().string() + "-chromium.log"));
}

struct Printed {
    std::string info;               // pdfinfo
    std::vector<std::string> pages; // pdftotext -layout, page by page
    std::string text;
};

Printed print(const fs::path& html, const fs::path& work)
{
    const fs::path pdf = work / (html.stem().string() + ".pdf");
    const int status = browse(html, "--print-to-pdf=" + shellQuote(pdf.string()), work);
    BOOST_REQUIRE_MESSAGE(status == 0 && fs::exists(pdf) && fs::file_size(pdf) > 0,
                          "chromium printed " << html << " (exit " << status
                                              << "): " << slurp(work / (html.stem().string() + "-chromium.log")));
    Printed p;
    BOOST_REQUIRE(shell("pdfinfo " + shellQuote(pdf.string()), work / "pdfinfo.txt") == 0);
    p.info = slurp(work / "pdfinfo.txt");
    BOOST_REQUIRE(shell("pdftotext -layout -enc UTF-8 " + shellQuote(pdf.string()) + " -", work / "pdftotext.txt") ==
                  0);
    p.text = slurp(work / "pdftotext.txt");
    size_t start = 0;
    while (start < p.text.size()) {
        size_t end = p.text.find('\f', start);
        if (end == std::string::npos)
            end = p.text.size();
        p.pages.push_back(p.text.substr(start, end - start));
        start = end + 1;
    }
    return p;
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

void checkPages(const Printed& p, const std::string& name)
{
    BOOST_TEST(!p.pages.empty(), name);
    for (size_t i = 0; i < p.pages.size(); ++i)
        BOOST_TEST(p.pages[i].find_first_not_of(" \n\t") != std::string::npos,
                   name << ": page " << i + 1 << " of " << p.pages.size() << " is empty");
    // pdfinfo reports the paper by name when it is a standard size: "Page size: 595.276 x 841.89 pts (A4)".
    BOOST_TEST(has(p.info, "(A4)"), name << ": " << p.info);
    // The browser's own header and footer (date, title, file:// address) are not part of the document.
    BOOST_TEST(!has(p.text, "file://"), name);
}

} // namespace

BOOST_AUTO_TEST_CASE(conclusion_remediation_and_annual_report_print_on_a4_with_their_vietnamese_text)
{
    BOOST_REQUIRE_MESSAGE(!chromium().empty(), "chromium is needed (apt-get install chromium)");
    BOOST_REQUIRE_MESSAGE(onPath("pdftotext") && onPath("pdfinfo"), "poppler-utils is needed (apt-get install "
                                                                    "poppler-utils)");
    TempDir dir;
    const std::string db = (dir.path / "p.db").string();
    auto cli = [&](std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db);
        Run r = run(args, dir.path);
        BOOST_REQUIRE_MESSAGE(r.exitCode == 0, args.front() << " " << args[1] << ": " << r.err);
        return r;
    };
    cli({"organisation", "add", "UBND", "Ủy ban nhân dân tỉnh Hà Nam", "--as", "admin"});
    cli({"organisation", "add", "TTR", "Thanh tra tỉnh Hà Nam", "--parent", "UBND", "--as", "admin"});
    cli({"organisation", "add", "STTTT", "Sở Thông tin và Truyền thông", "--parent", "UBND", "--as", "admin"});
    cli({"organisation", "add", "SYT", "Sở Y tế", "--parent", "UBND", "--as", "admin"});
    cli({"user", "add", "admin", "Quản trị", "--org", "UBND", "--role", "administrator", "--as", "admin"});
    cli({"user", "add", "tt1", "Nguyễn Văn Thanh", "--org", "TTR", "--role", "inspector", "--as", "admin"});
    for (const auto& [org, id] : {std::pair{"STTTT", "HN-DVC-01"}, std::pair{"SYT", "HN-YT-02"}}) {
        std::string answers = slurp(example);
        const std::string from = "\"HN-DVC-01\"";
        answers.replace(answers.find(from), from.size(), std::string("\"") + id + "\"");
        const fs::path file = write(dir.path, std::string(id) + ".json", answers);
        cli({"system", "add", file.string(), "--organisation", org, "--as", "admin"});
    }
    cli({"inspection", "create", "TTR-2026-07", "--decision", "125/QĐ-TTr", "--decision-date", "2026-10-05", "--body",
         "TTR", "--scope", "UBND", "--from", "2020-01-01", "--to", "2026-06-30", "--team", "tt1", "--as", "tt1"});
    cli({"inspection", "run", "TTR-2026-07", "--as-of", "2026-06-30", "--record", "--deadline", "2026-12-31", "--as",
         "tt1"});

    const fs::path conclusion =
        write(dir.path, "ket-luan.html",
              cli({"inspection", "conclusion", "TTR-2026-07", "--format", "html", "--as-of", "2026-10-30", "--place",
                   "Hà Nam", "--number", "15/KL-TTr", "--signer", "Nguyễn Văn Thanh", "--as", "tt1"})
                  .out);
    const fs::path remediation =
        write(dir.path, "khac-phuc.html",
              cli({"remediation", "report", "TTR-2026-07", "--as-of", "2026-10-30", "--as", "tt1"}).out);
    const fs::path annual = write(dir.path, "bao-cao-nam.html",
                                  cli({"report", "annual", "--org", "UBND", "--year", "2026", "--format", "html"}).out);

    const Printed c = print(conclusion, dir.path);
    checkPages(c, "conclusion");
    BOOST_TEST(has(c.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), c.text);
    BOOST_TEST((has(c.text, "Độc lập - Tự do - Hạnh phúc") || has(c.text, "Độc lập – Tự do – Hạnh phúc")), c.text);
    BOOST_TEST(has(c.text, "KẾT LUẬN"), c.text);
    BOOST_TEST(has(c.text, "Điều 12"), c.text);
    BOOST_TEST(has(c.text, "Nghị định số 85/2016/NĐ-CP"), c.text);
    BOOST_TEST(has(c.text, "Sở Y tế"), c.text);
    BOOST_TEST(has(c.text, "Nơi nhận"), c.text);
    BOOST_TEST(!has(c.text, "\xEF\xBF\xBD"), "no replacement character"); // U+FFFD: a glyph lost on the way

    const Printed r = print(remediation, dir.path);
    checkPages(r, "remediation report");
    BOOST_TEST(has(r.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), r.text);
    BOOST_TEST(has(r.text, "Nội dung tiếp tục khắc phục"), r.text);
    BOOST_TEST(has(r.text, "Sở Thông tin và Truyền thông"), r.text);

    const Printed a = print(annual, dir.path);
    checkPages(a, "annual report");
    // Landscape: wider than high ("Page size: 841.92 x 594.96 pts (A4)").
    const size_t size = a.info.find("Page size:");
    BOOST_REQUIRE(size != std::string::npos);
    double width = 0, height = 0;
    BOOST_REQUIRE(std::sscanf(a.info.c_str() + size, "Page size: %lf x %lf", &width, &height) == 2);
    BOOST_TEST(width > height, "landscape: " << a.info);
    BOOST_TEST(has(a.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), a.text);
    BOOST_TEST(has(a.text, "Mẫu số 08"), a.text);
    BOOST_TEST(has(a.text, "DANH SÁCH HỆ THỐNG THÔNG TIN"), a.text);
    BOOST_TEST(has(a.text, "Tổng số hệ thống thông tin đang quản lý"), a.text);

    // A screenshot of the conclusion's first screen, kept for a person to look at.
    const fs::path png = fs::current_path() / "printed-conclusion.png";
    fs::remove(png);
    BOOST_TEST(browse(conclusion, "--window-size=1000,1400 --screenshot=" + shellQuote(png.string()), dir.path) == 0);
    BOOST_TEST((fs::exists(png) && fs::file_size(png) > 10000u));
}
