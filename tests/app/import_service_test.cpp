#define BOOST_TEST_MODULE import_service
// ImportService and ExportService on a real SQLite store: plan, dry run, all-or-nothing, duplicates,
// re-import and export → import that change nothing, history kept on a change, CSV injection kept inert.
#include "AppFixture.h"
#include "app/ExportService.h"
#include "app/ImportService.h"
#include "formats/xlsx/XlsxReader.h"
#include "formats/xlsx/XlsxWriter.h"

#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

const std::string header =
    "Mã hệ thống;Tên hệ thống;Chủ quản;Đơn vị vận hành;Cơ quan;Loại hệ thống;Loại thông tin;holds_user_accounts;"
    "Số chủ thể dữ liệu cá nhân;Giải quyết thủ tục hành chính;Mức dịch vụ công trực tuyến;"
    "Dịch vụ kinh doanh có điều kiện;Mức tổn hại quốc phòng, an ninh\r\n";

std::string systemRow(const std::string& id, const std::string& name, const std::string& subjects = "1.500",
                      const std::string& type = "Nội bộ")
{
    return id + ";" + name + ";UBND tỉnh Hà Nam;Văn phòng;UBND-HANAM;" + type + ";\"Công cộng; cá nhân\";Có;" +
           subjects + ";Không;;Không;Không\r\n";
}

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Fixture {
    TempDir temp;
    std::unique_ptr<Store> store = openTestStore(temp.dir / "store.db");
    ImportService importer{shippedCatalogue(), *store};
    ExportService exporter{shippedCatalogue(), *store};
    Fixture()
    {
        SystemService systems(shippedCatalogue(), *store);
        BOOST_REQUIRE(systems.saveOrganisation({"UBND-HANAM", "Ủy ban nhân dân tỉnh Hà Nam", ""}, actor()).ok());
    }
    std::string file(const std::string& name, const std::string& content)
    {
        const fs::path path = temp.dir / name;
        std::ofstream(path, std::ios::binary) << content;
        return path.string();
    }
    ImportReport import(const std::string& path, bool dryRun = false, bool allOrNothing = false)
    {
        ImportRequest request;
        request.path = path;
        request.ruleSet = {"VN-2026", std::nullopt};
        request.dryRun = dryRun;
        request.allOrNothing = allOrNothing;
        request.batchSize = 2; // several batches even in small tests
        auto report = importer.importFile(request, actor());
        BOOST_REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.errors().front().describe(Lang::En)));
        return *report;
    }
    std::size_t stored()
    {
        auto all = store->systems();
        BOOST_REQUIRE(all.ok());
        return all->size();
    }
    std::size_t assessments(const std::string& id)
    {
        auto all = store->assessments(id);
        BOOST_REQUIRE(all.ok());
        return all->size();
    }
};

const CellProblem* problemAt(const ImportReport& report, int row, const std::string& header)
{
    for (const CellProblem& p : report.problems)
        if (p.row == row && p.header == header)
            return &p;
    return nullptr;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(imports_then_reimport_changes_nothing, Fixture)
{
    const std::string path =
        file("a.csv", "\xEF\xBB\xBF" + header + systemRow("HN-QLVB", "Quản lý văn bản") +
                          systemRow("HN-MAIL", "Thư điện tử", "86.000") + systemRow("HN-WEB", "Cổng thông tin", "0"));
    ImportReport first = import(path);
    BOOST_TEST(first.mappingId == "flat-system");
    BOOST_TEST(first.rows == 3u);
    BOOST_TEST(first.count(PlanAction::New) == 3u);
    BOOST_TEST(first.problemCount == 0u);
    BOOST_TEST(first.written);
    BOOST_TEST(stored() == 3u);
    auto mail = store->system("HN-MAIL");
    BOOST_REQUIRE(mail.ok() && mail->has_value());
    BOOST_TEST(((*mail)->description.answers.get("personal_data_subjects") == Value{std::int64_t{86000}}));
    BOOST_TEST(((*mail)->description.answers.get("system_type") == Value{std::string("internal")}));
    BOOST_TEST((*mail)->description.organisationId == "UBND-HANAM");

    ImportReport second = import(path);
    BOOST_TEST(second.count(PlanAction::Unchanged) == 3u);
    BOOST_TEST(!second.written);
    BOOST_TEST(assessments("HN-MAIL") == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_changed_row_updates_its_system_and_keeps_the_history, Fixture)
{
    import(file("a.csv", header + systemRow("HN-MAIL", "Thư điện tử", "1.500")));
    ImportReport changed = import(file("b.csv", header + systemRow("HN-MAIL", "Thư điện tử", "150.000")));
    BOOST_REQUIRE(changed.systems.size() == 1u);
    BOOST_TEST(planActionName(changed.systems[0].action) == std::string("changed"));
    BOOST_TEST(assessments("HN-MAIL") == 2u);
    auto history = store->answerHistory("HN-MAIL");
    BOOST_REQUIRE(history.ok());
    bool found = false;
    for (const AnswerChange& change : *history)
        found = found || (change.key == "personal_data_subjects" && change.oldValue == "1500" &&
                          change.newValue == "150000" && change.actor.userId == "alice");
    BOOST_TEST(found);
}

BOOST_FIXTURE_TEST_CASE(dry_run_plans_and_writes_nothing, Fixture)
{
    import(file("a.csv", header + systemRow("HN-MAIL", "Thư điện tử")));
    ImportReport plan = import(file("b.csv", header + systemRow("HN-MAIL", "Thư điện tử", "150.000") +
                                                 systemRow("HN-NEW", "Mới") + systemRow("HN-BAD", "Sai", "nhiều")),
                               /*dryRun=*/true);
    BOOST_TEST(plan.dryRun);
    BOOST_TEST(!plan.written);
    BOOST_TEST(planActionName(plan.systems[0].action) == std::string("changed"));
    BOOST_TEST(planActionName(plan.systems[1].action) == std::string("new"));
    BOOST_TEST(planActionName(plan.systems[2].action) == std::string("refused"));
    BOOST_TEST(plan.systems[1].level > 0);
    BOOST_TEST(stored() == 1u);
    BOOST_TEST(assessments("HN-MAIL") == 1u);
}

BOOST_FIXTURE_TEST_CASE(bad_cells_are_reported_with_row_column_header_value_and_expectation, Fixture)
{
    ImportReport report =
        import(file("a.csv", header + systemRow("HN-OK", "Đúng") + systemRow("HN-BAD", "Sai", "86,000", "abc")));
    BOOST_TEST(report.count(PlanAction::New) == 1u);
    BOOST_TEST(report.count(PlanAction::Refused) == 1u);
    BOOST_TEST(stored() == 1u); // the valid row is written, the invalid one left out
    const CellProblem* type = problemAt(report, 3, "Loại hệ thống");
    BOOST_REQUIRE(type != nullptr);
    BOOST_TEST(type->column == 5);
    BOOST_TEST(type->value == "abc");
    BOOST_TEST(type->systemId == "HN-BAD");
    BOOST_TEST(type->message.vi.find("internal (Nội bộ)") != std::string::npos);
    BOOST_TEST(type->message.en.find("expected one of") != std::string::npos);
    const CellProblem* number = problemAt(report, 3, "Số chủ thể dữ liệu cá nhân");
    BOOST_REQUIRE(number != nullptr);
    BOOST_TEST(number->value == "86,000");

    // The report as CSV: the header row and one row per problem, with the column letter.
    const fs::path errors = temp.dir / "errors.csv";
    BOOST_REQUIRE(writeProblemReport(report, errors.string()).ok());
    const std::string text = slurp(errors);
    BOOST_TEST(text.find("Hàng / Row") != std::string::npos);
    BOOST_TEST(text.find(",3,F,Loại hệ thống,abc,HN-BAD,") != std::string::npos);
    const fs::path xlsx = temp.dir / "errors.xlsx";
    BOOST_REQUIRE(writeProblemReport(report, xlsx.string()).ok());
    BOOST_TEST(looksLikeZip(slurp(xlsx)));
}

BOOST_FIXTURE_TEST_CASE(all_or_nothing_writes_nothing_when_a_row_is_refused, Fixture)
{
    const std::string path =
        file("a.csv", header + systemRow("HN-A", "A") + systemRow("HN-B", "B") + systemRow("HN-C", "C", "x"));
    ImportReport report = import(path, false, /*allOrNothing=*/true);
    BOOST_TEST(!report.written);
    BOOST_TEST(report.problemCount > 0u);
    BOOST_TEST(stored() == 0u);
    ImportReport fine =
        import(file("b.csv", header + systemRow("HN-A", "A") + systemRow("HN-B", "B") + systemRow("HN-C", "C") +
                                 systemRow("HN-D", "D") + systemRow("HN-E", "E")),
               false, true);
    BOOST_TEST(fine.written);
    BOOST_TEST(stored() == 5u);
}

BOOST_FIXTURE_TEST_CASE(a_system_id_twice_in_one_file_refuses_both, Fixture)
{
    ImportReport report =
        import(file("a.csv", header + systemRow("HN-A", "A") + systemRow("HN-B", "B") + systemRow("HN-A", "A bis")));
    BOOST_TEST(report.count(PlanAction::Refused) == 2u);
    BOOST_TEST(report.count(PlanAction::New) == 1u);
    const CellProblem* dup = problemAt(report, 4, "Mã hệ thống");
    BOOST_REQUIRE(dup != nullptr);
    BOOST_TEST(dup->message.en.find("row 2") != std::string::npos);
    BOOST_TEST(stored() == 1u);
    auto a = store->system("HN-A");
    BOOST_TEST(!a->has_value());
}

BOOST_FIXTURE_TEST_CASE(unknown_organisation_and_unsafe_names_are_cell_problems, Fixture)
{
    std::string row = systemRow("HN-A", "A");
    row.replace(row.find("UBND-HANAM"), 10, "UBND-KHONG");
    ImportReport report = import(file("a.csv", header + row));
    const CellProblem* organisation = problemAt(report, 2, "Cơ quan");
    BOOST_REQUIRE(organisation != nullptr);
    BOOST_TEST(organisation->message.en.find("organisation add") != std::string::npos);
    ImportReport bidi = import(file("b.csv", header + systemRow("HN-B", "Tên \xE2\x80\xAE"
                                                                        "đảo")));
    BOOST_TEST(problemAt(bidi, 2, "Tên hệ thống") != nullptr);
}

BOOST_FIXTURE_TEST_CASE(a_proposal_above_the_derived_level_needs_a_justification, Fixture)
{
    const std::string head = "Mã hệ thống;Tên hệ thống;Loại hệ thống;Loại thông tin;holds_user_accounts;"
                             "Cấp độ đề xuất;Lý do đề xuất cấp độ cao hơn\n";
    ImportReport refused = import(file("a.csv", head + "HN-A;A;Nội bộ;Công cộng;Không;Cấp độ 3;\n"));
    const CellProblem* level = problemAt(refused, 2, "Cấp độ đề xuất");
    BOOST_REQUIRE(level != nullptr);
    ImportReport accepted = import(file("b.csv", head + "HN-A;A;Nội bộ;Công cộng;Không;3;Hệ thống trọng yếu\n"));
    BOOST_TEST(accepted.count(PlanAction::New) == 1u);
    auto stored = store->system("HN-A");
    BOOST_TEST((*stored)->proposedLevel == 3);
    BOOST_TEST(import(file("b.csv", head + "HN-A;A;Nội bộ;Công cộng;Không;3;Hệ thống trọng yếu\n"))
                   .count(PlanAction::Unchanged) == 1u);
}

BOOST_FIXTURE_TEST_CASE(too_many_rows_is_refused_before_anything_is_written, Fixture)
{
    std::string content = header;
    for (int i = 0; i < 11; ++i)
        content += systemRow("HN-" + std::to_string(i), "S");
    ImportRequest request;
    request.path = file("big.csv", content);
    request.maxRows = 10;
    auto report = importer.importFile(request, actor());
    BOOST_REQUIRE(!report.ok());
    BOOST_TEST(report.errors().front().message.en.find("more than 10") != std::string::npos);
    BOOST_TEST(stored() == 0u);
}

BOOST_FIXTURE_TEST_CASE(export_then_import_changes_nothing_with_components_csv_and_xlsx, Fixture)
{
    SystemService systems(shippedCatalogue(), *store);
    BOOST_REQUIRE(systems.add({exampleSystem(), std::nullopt, {"VN-2026", std::nullopt}, {}}, actor()).ok());
    import(file("a.csv", header + systemRow("HN-QLVB", "=HYPERLINK(\"http://evil\",\"Quản lý\")")));
    BOOST_REQUIRE(stored() == 2u);
    for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx}) {
        ExportRequest request;
        request.format = format;
        request.output = (temp.dir / (format == ExportFormat::Csv ? "out.csv" : "out.xlsx")).string();
        auto exported = exporter.exportTo(request);
        BOOST_REQUIRE(exported.ok());
        BOOST_TEST(exported->systems == 2u);
        BOOST_TEST(exported->rows == 4u); // the example has two components: 1 + 2 rows, and one flat system
        const std::string bytes = slurp(request.output);
        BOOST_TEST((bytes.find("=HYPERLINK") == std::string::npos || bytes.find("'=HYPERLINK") != std::string::npos));
        ImportReport again = import(request.output);
        BOOST_TEST(again.mappingId == "flat-component");
        BOOST_TEST(again.count(PlanAction::Unchanged) == 2u);
        BOOST_TEST(again.problemCount == 0u);
    }
    BOOST_TEST(assessments("HN-DVC-01") == 1u);
    auto qlvb = store->system("HN-QLVB");
    BOOST_TEST((*qlvb)->description.name == "=HYPERLINK(\"http://evil\",\"Quản lý\")");
}

BOOST_FIXTURE_TEST_CASE(form_08_export_leaves_out_systems_with_components_and_reads_back, Fixture)
{
    SystemService systems(shippedCatalogue(), *store);
    BOOST_REQUIRE(systems.add({exampleSystem(), std::nullopt, {"VN-2026", std::nullopt}, {}}, actor()).ok());
    import(file("a.csv", header + systemRow("HN-QLVB", "Quản lý văn bản")));
    ExportRequest request;
    request.format = ExportFormat::Xlsx;
    request.mapping = "form-08";
    request.output = (temp.dir / "form08.xlsx").string();
    auto exported = exporter.exportTo(request);
    BOOST_REQUIRE(exported.ok());
    BOOST_TEST(exported->systems == 1u);
    BOOST_REQUIRE(exported->notices.size() == 1u);
    BOOST_TEST(exported->notices[0].en.find("HN-DVC-01") != std::string::npos);
    ImportReport again = import(request.output);
    BOOST_TEST(again.mappingId == "form-08");
    BOOST_TEST(again.count(PlanAction::Unchanged) == 1u);
    BOOST_TEST(again.problemCount == 0u);
}

BOOST_FIXTURE_TEST_CASE(export_of_an_organisation_subtree, Fixture)
{
    SystemService systems(shippedCatalogue(), *store);
    BOOST_REQUIRE(systems.saveOrganisation({"SO-TTTT", "Sở TT&TT", "UBND-HANAM"}, actor()).ok());
    BOOST_REQUIRE(systems.saveOrganisation({"UBND-KHAC", "Tỉnh khác", ""}, actor()).ok());
    std::string other = systemRow("HN-B", "B");
    other.replace(other.find("UBND-HANAM"), 10, "UBND-KHAC");
    std::string child = systemRow("HN-C", "C");
    child.replace(child.find("UBND-HANAM"), 10, "SO-TTTT");
    import(file("a.csv", header + systemRow("HN-A", "A") + other + child));
    ExportRequest request;
    request.format = ExportFormat::Csv;
    request.organisationId = "UBND-HANAM";
    request.output = (temp.dir / "sub.csv").string();
    auto exported = exporter.exportTo(request);
    BOOST_REQUIRE(exported.ok());
    BOOST_TEST(exported->systems == 2u);
    const std::string text = slurp(request.output);
    BOOST_TEST(text.find("HN-A") != std::string::npos);
    BOOST_TEST(text.find("HN-C") != std::string::npos);
    BOOST_TEST(text.find("HN-B") == std::string::npos);
    request.organisationId = "KHONG-CO";
    BOOST_TEST(!exporter.exportTo(request).ok());
}

BOOST_FIXTURE_TEST_CASE(dossier_xml_in_bulk, Fixture)
{
    import(file("a.csv", header + systemRow("HN-A", "A") + systemRow("HN/B", "B")));
    ExportRequest request;
    request.format = ExportFormat::DossierXml;
    request.output = (temp.dir / "dossiers").string();
    auto exported = exporter.exportTo(request);
    BOOST_REQUIRE(exported.ok());
    BOOST_REQUIRE(exported->files.size() == 2u);
    BOOST_TEST(fs::exists(temp.dir / "dossiers" / "HN-A.xml"));
    BOOST_TEST(fs::exists(temp.dir / "dossiers" / "HN_B.xml")); // no path separators from an id
    BOOST_TEST(slurp(temp.dir / "dossiers" / "HN-A.xml").find("urn:seclevel:dossier:1") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(too_many_rows_in_an_xlsx_is_refused_too, Fixture)
{
    const std::string path = (temp.dir / "big.xlsx").string();
    {
        auto writer = XlsxWriter::create(path);
        BOOST_REQUIRE(writer.ok());
        BOOST_REQUIRE((*writer)->addSheet("Hệ thống").ok());
        BOOST_REQUIRE((*writer)->row({"Mã hệ thống", "Tên hệ thống", "Loại hệ thống"}).ok());
        for (int i = 0; i < 12; ++i)
            BOOST_REQUIRE((*writer)->row({"HN-" + std::to_string(i), "S", "Nội bộ"}).ok());
        BOOST_REQUIRE((*writer)->close().ok());
    }
    auto rows = readXlsxFile(path, std::nullopt);
    BOOST_REQUIRE(rows.ok());
    BOOST_TEST(*(*rows)->rowCountHint() == 13u); // the raw scan counts the header row too
    ImportRequest request;
    request.path = path;
    request.maxRows = 10;
    auto report = importer.importFile(request, actor());
    BOOST_REQUIRE(!report.ok());
    BOOST_TEST(report.errors().front().message.en.find("more than 10") != std::string::npos);
    request.maxRows = 12;
    request.dryRun = true;
    auto fits = importer.importFile(request, actor());
    BOOST_REQUIRE(fits.ok());
    BOOST_TEST(fits->rows == 12u);
    BOOST_TEST(stored() == 0u);
}

BOOST_FIXTURE_TEST_CASE(the_xlsx_report_holds_the_refused_rows_to_fix_and_import_again, Fixture)
{
    ImportReport report =
        import(file("a.csv", header + systemRow("HN-OK", "Đúng") + systemRow("HN-BAD", "Sai", "86,000", "abc")));
    BOOST_REQUIRE(report.refusedRows.size() == 1u);
    BOOST_TEST(report.refusedRows[0].row == 3);
    const fs::path xlsx = temp.dir / "errors.xlsx";
    BOOST_REQUIRE(writeProblemReport(report, xlsx.string()).ok());
    // Fixed in place by the official: the refused row with its two bad cells corrected.
    auto rows = readXlsxFile(xlsx.string(), std::string("Hàng cần sửa"));
    BOOST_REQUIRE(rows.ok());
    SheetRow head, refused;
    BOOST_REQUIRE(*(*rows)->next(head));
    BOOST_REQUIRE(*(*rows)->next(refused));
    BOOST_TEST(head.cells[5].text == "Loại hệ thống"); // the same columns in the same places
    BOOST_TEST(refused.cells[5].text == "abc");
    BOOST_TEST(refused.cells.back().text.find("F: ") != std::string::npos);
    ImportRequest request;
    request.path = xlsx.string();
    auto listSheet = importer.importFile(request, actor()); // the first sheet is the list of problems
    BOOST_REQUIRE(!listSheet.ok());
    BOOST_TEST(listSheet.errors().front().message.en.find("not recognised") != std::string::npos);
    request.path = xlsx.string();
    request.sheet = "Hàng cần sửa";
    request.dryRun = true;
    auto fixable = importer.importFile(request, actor());
    BOOST_REQUIRE(fixable.ok());
    BOOST_REQUIRE(fixable->problems.size() == 2u);
    BOOST_TEST(fixable->problems[0].column == 5); // F, as in the original file
    BOOST_TEST(fixable->problems[0].value == "abc");
}

BOOST_FIXTURE_TEST_CASE(dossier_xml_in_one_zip_archive, Fixture)
{
    import(file("a.csv", header + systemRow("HN-A", "A") + systemRow("HN-B", "B")));
    ExportRequest request;
    request.format = ExportFormat::DossierXml;
    request.output = (temp.dir / "dossiers.zip").string();
    auto exported = exporter.exportTo(request);
    BOOST_REQUIRE(exported.ok());
    BOOST_TEST(exported->files.size() == 2u);
    BOOST_TEST(!fs::exists(temp.dir / "dossiers.zip.files")); // the working folder is removed
    const std::string bytes = slurp(request.output);
    BOOST_TEST(looksLikeZip(bytes));
    BOOST_TEST(bytes.find("HN-A.xml") != std::string::npos); // entry names are stored uncompressed
    BOOST_TEST(bytes.find("HN-B.xml") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_form_08_workbook_with_a_merged_three_row_header, Fixture)
{
    // As agencies lay Form 08 out: a group row merged over the columns, the names, the column numbers.
    const fs::path path = temp.dir / "mau-08.xlsx";
    lxw_workbook* book = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(book, "Mẫu 08");
    worksheet_merge_range(ws, 0, 0, 0, 4, "DANH MỤC HỆ THỐNG THÔNG TIN", nullptr);
    worksheet_merge_range(ws, 0, 5, 0, 9, "Thông tin để xác định cấp độ", nullptr);
    const std::vector<std::string> names{
        "STT",        "Tên hệ thống thông tin", "Chủ quản",       "Đơn vị vận hành",    "Cấp độ đề xuất", "Mã hệ thống",
        "Mã cơ quan", "Loại hệ thống",          "Loại thông tin", "holds_user_accounts"};
    for (std::size_t c = 0; c < names.size(); ++c) {
        worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), names[c].c_str(), nullptr);
        if (c < 5)
            worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), ("(" + std::to_string(c + 1) + ")").c_str(),
                                   nullptr);
    }
    worksheet_write_number(ws, 3, 0, 1, nullptr);
    worksheet_write_string(ws, 3, 1, "Cổng thông tin điện tử", nullptr);
    worksheet_write_string(ws, 3, 2, "UBND tỉnh", nullptr);
    worksheet_write_string(ws, 3, 3, "Sở TT&TT", nullptr);
    worksheet_write_number(ws, 3, 4, 1, nullptr);
    worksheet_write_string(ws, 3, 5, "HN-CTT", nullptr);
    worksheet_write_string(ws, 3, 6, "UBND-HANAM", nullptr);
    worksheet_write_string(ws, 3, 7, "NỘI BỘ", nullptr);
    worksheet_write_string(ws, 3, 8, "Công cộng", nullptr);
    worksheet_write_boolean(ws, 3, 9, 0, nullptr);
    BOOST_REQUIRE(workbook_close(book) == LXW_NO_ERROR);

    ImportReport report = import(path.string(), /*dryRun=*/true);
    BOOST_TEST(report.mappingId == "form-08");
    BOOST_TEST(report.rows == 1u);
    BOOST_TEST(report.problemCount == 0u, (report.problems.empty() ? "" : report.problems[0].message.en));
    BOOST_REQUIRE(report.systems.size() == 1u);
    BOOST_TEST(report.systems[0].row == 4);
    BOOST_TEST(planActionName(report.systems[0].action) == std::string("new"));
}

BOOST_FIXTURE_TEST_CASE(a_title_row_above_the_header_is_skipped, Fixture)
{
    ImportReport report = import(file("a.csv", "BẢNG TỔNG HỢP HỆ THỐNG THÔNG TIN TỈNH HÀ NAM;;;\r\n;;;\r\n" + header +
                                                   systemRow("HN-A", "A") + systemRow("HN-B", "B", "x")));
    BOOST_TEST(report.mappingId == "flat-system");
    BOOST_TEST(report.rows == 2u);
    BOOST_TEST(report.count(PlanAction::New) == 1u);
    BOOST_REQUIRE(!report.problems.empty());
    BOOST_TEST(report.problems[0].row == 5); // rows keep the file's numbering
    BOOST_TEST(report.problems[0].header == "Số chủ thể dữ liệu cá nhân");
}

BOOST_FIXTURE_TEST_CASE(the_default_organisation_is_for_new_systems_only, Fixture)
{
    SystemService systems(shippedCatalogue(), *store);
    BOOST_REQUIRE(systems.saveOrganisation({"SO-TTTT", "Sở TT&TT", "UBND-HANAM"}, actor()).ok());
    import(file("a.csv", header + systemRow("HN-A", "A")));
    std::string withoutOrganisation = systemRow("HN-A", "A") + systemRow("HN-NEW", "Mới");
    for (std::size_t at; (at = withoutOrganisation.find("UBND-HANAM")) != std::string::npos;)
        withoutOrganisation.erase(at, 10);
    ImportRequest request;
    request.path = file("b.csv", header + withoutOrganisation);
    request.organisationId = "SO-TTTT";
    auto report = importer.importFile(request, actor());
    BOOST_REQUIRE(report.ok());
    BOOST_TEST(report->count(PlanAction::Unchanged) == 1u); // HN-A keeps UBND-HANAM
    BOOST_TEST(report->count(PlanAction::New) == 1u);
    BOOST_TEST((*store->system("HN-A"))->description.organisationId == "UBND-HANAM");
    BOOST_TEST((*store->system("HN-NEW"))->description.organisationId == "SO-TTTT");
    request.organisationId = "KHONG-CO";
    auto unknown = importer.importFile(request, actor());
    BOOST_REQUIRE(!unknown.ok());
    BOOST_TEST(unknown.errors().front().field == "--organisation");
}
