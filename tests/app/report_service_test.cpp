// The annual report (TT12 Art 14 / NĐ331 Form 08) and the inspectors' roll-up through the services, on a real
// store (SQLite): a synthetic province built through the services — organisations, users, systems taken through
// the procedure with dated steps, requirement statements, duty fulfilments — whose totals and column values are
// known by construction. The formats read back: the XML validates against schemas/annual-report.xsd, the XLSX
// is read with the XLSX reader, CSV and XLSX neutralise formula text, HTML escapes.
#define BOOST_TEST_MODULE report_service
#include "../storage/StoreFixture.h"
#include "AppFixture.h"
#include "app/DossierService.h"
#include "app/ExportService.h"
#include "app/ImportService.h"
#include "app/ReportService.h"
#include "app/SystemService.h"
#include "app/UserService.h"
#include "app/WorkflowService.h"
#include "formats/csv/CsvReader.h"
#include "formats/report/AnnualReportHtml.h"
#include "formats/report/AnnualReportSheet.h"
#include "formats/report/AnnualReportXml.h"
#include "formats/report/RollupHtml.h"
#include "formats/xlsx/XlsxReader.h"
#include "rules/XmlSchema.h"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

using namespace seclevel;
using namespace seclevel::testing;
using seclevel::test::freshStore;
using std::chrono::month;
using std::chrono::system_clock;
using std::chrono::year;

namespace {

Date on(int y, unsigned m, unsigned d)
{
    return Date{year{y}, month{m}, std::chrono::day{d}};
}

Actor as(Store& store, const std::string& user)
{
    UserService users(store);
    auto actor = users.resolve({user, std::nullopt, std::nullopt, system_clock::now()});
    BOOST_REQUIRE_MESSAGE(actor.ok(), "user " + user + " resolves");
    return *actor;
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// A province: the People's Committee (owner, security unit), its office and the health department operating
// systems, a defence unit outside it. Systems by construction:
//   A-CONG  (VP)  VN-2022 level 3: submitted 02/06/2025, appraised 03/06, regulation 2/QĐ-UBND 04/06, approved
//                 3/QĐ-UBND 05/06/2025; assessed 04/06/2025 (before use) and 20/05/2026 (periodic); every
//                 requirement met.
//   B-YTE   (SYT) VN-2022 level 3: submitted 10/12/2025 (15-day appraisal clock: 25/12/2025), appraised 05/01/2026.
//   C-NHAP  (VP)  VN-2022 level 3, draft: one requirement partly met (planned 31/03/2027), one planned (30/06/2027);
//                 its name is a formula.
//   D-MOI   (VP)  VN-2026 level 3: submitted 02/09/2026; its operator's name carries markup.
//   X-BQP   (BQP-CUC) outside the province.
struct Province {
    std::unique_ptr<Store> store = freshStore();
    const Catalogue& catalogue = shippedCatalogue();

    Province()
    {
        Actor boot = actor("admin");
        SystemService systems(catalogue, *store);
        for (const Organisation& o : std::vector<Organisation>{{"UBND", "Ủy ban nhân dân tỉnh Hà Nam", "", ""},
                                                               {"VP", "Văn phòng UBND tỉnh", "UBND", ""},
                                                               {"SYT", "Sở Y tế", "UBND", ""},
                                                               {"BTTTT", "Bộ Thông tin và Truyền thông", "", "MIC"},
                                                               {"A05", "Cục A05, Bộ Công an", "", "MPS"},
                                                               {"BQP", "Bộ Quốc phòng", "", "MOD"},
                                                               {"BQP-CUC", "Cục CNTT, Bộ Quốc phòng", "BQP", ""}})
            BOOST_REQUIRE(systems.saveOrganisation(o, boot).ok());
        UserService users(*store);
        BOOST_REQUIRE(users.add({"admin", "Quản trị", {{"UBND", Role::Administrator}}}, boot).ok());
        const Actor admin = as(*store, "admin");
        for (const User& u : std::vector<User>{{"op", "Vận hành", {{"VP", Role::Operator}}},
                                               {"opyt", "Vận hành Y tế", {{"SYT", Role::Operator}}},
                                               {"su", "Chuyên trách", {{"UBND", Role::SecurityUnit}}},
                                               {"owner", "Chủ quản", {{"UBND", Role::Owner}}},
                                               {"opmod", "Vận hành BQP", {{"BQP-CUC", Role::Operator}}}})
            BOOST_REQUIRE_MESSAGE(users.add(u, admin).ok(), u.id);

        addSystem("A-CONG", "Cổng dịch vụ công tỉnh", "VN-2022", on(2025, 6, 1), "VP", "op");
        ok("A-CONG", "submit_appraisal", "op", on(2025, 6, 2));
        ok("A-CONG", "appraise_fit", "su", on(2025, 6, 3), "1/TĐ-STTTT", "Phù hợp");
        ok("A-CONG", "submit_approval", "op", on(2025, 6, 4));
        ok("A-CONG", "issue_security_regulation", "owner", on(2025, 6, 4), "2/QĐ-UBND", "Quy chế");
        ok("A-CONG", "approve", "owner", on(2025, 6, 5), "3/QĐ-UBND", "Phê duyệt cấp độ 3");
        WorkflowService workflow(catalogue, *store);
        for (Date d : {on(2025, 6, 4), on(2026, 5, 20)})
            BOOST_REQUIRE(
                workflow
                    .fulfil(
                        "A-CONG",
                        {"periodic_assessment_l34", d, "12/BC", "Công ty X (giấy phép 01/GP)", {{"bc.pdf", "%PDF"}}},
                        as(*store, "owner"))
                    .ok());

        addSystem("B-YTE", "Hệ thống thông tin y tế", "VN-2022", on(2025, 6, 1), "SYT", "opyt");
        ok("B-YTE", "submit_appraisal", "opyt", on(2025, 12, 10));
        ok("B-YTE", "appraise_fit", "su", on(2026, 1, 5), "5/TĐ-STTTT", "Phù hợp");

        addSystem("C-NHAP", "=HYPERLINK(\"http://x\")", "VN-2022", on(2025, 6, 1), "VP", "op");
        DossierService dossiers(catalogue, *store);
        auto dossier = store->dossier("C-NHAP");
        BOOST_REQUIRE(dossier.ok() && dossier->requirements.size() >= 2u);
        RequirementStatement partly = dossier->requirements[0];
        partly.status = RequirementStatus::PartlyMet;
        partly.how = "Đã triển khai một phần";
        partly.plannedBy = on(2027, 3, 31);
        RequirementStatement planned = dossier->requirements[1];
        planned.status = RequirementStatus::Planned;
        planned.how = "Kế hoạch";
        planned.plannedBy = on(2027, 6, 30);
        BOOST_REQUIRE(dossiers.setRequirement("C-NHAP", partly, as(*store, "op")).ok());
        BOOST_REQUIRE(dossiers.setRequirement("C-NHAP", planned, as(*store, "op")).ok());

        addSystem("D-MOI", "Hệ thống quản lý văn bản", "VN-2026", on(2026, 9, 1), "VP", "op",
                  "<script>alert(1)</script> Trung tâm");
        ok("D-MOI", "submit_appraisal", "op", on(2026, 9, 2));

        addSystem("X-BQP", "Hệ thống quốc phòng", "VN-2022", on(2025, 6, 1), "BQP-CUC", "opmod");
        ok("X-BQP", "submit_appraisal", "opmod", on(2025, 6, 2));
    }

    void addSystem(const std::string& id, const std::string& name, const std::string& ruleset, Date asOf,
                   const std::string& organisation, const std::string& user, const std::string& operatorName = "")
    {
        SystemDescription system = exampleSystem();
        system.id = id;
        system.name = name;
        system.components.clear(); // one row per system in the Form 08 layout (export leaves out composite ones)
        if (!operatorName.empty())
            system.operatorName = operatorName;
        SystemService systems(catalogue, *store);
        auto added = systems.add({system, organisation, {ruleset, asOf}, {}}, as(*store, user));
        BOOST_REQUIRE_MESSAGE(added.ok(), (added.ok() ? std::string() : added.errors().front().describe(Lang::En)));
        completeDossier(id, user);
    }

    void completeDossier(const std::string& id, const std::string& user)
    {
        DossierService dossiers(catalogue, *store);
        const Actor by = as(*store, user);
        for (int round = 0; round < 3; ++round) {
            auto check = dossiers.check(id, {});
            BOOST_REQUIRE(check.ok());
            if (check->complete())
                return;
            for (const MissingItem& item : check->missing) {
                if (item.key.rfind("attachment:", 0) == 0) {
                    BOOST_REQUIRE(
                        dossiers.attach(id, {item.key.substr(11), "tai-lieu.pdf", "%PDF " + item.key, {}}, by).ok());
                } else if (item.key.rfind("requirement:", 0) == 0) {
                    const auto hash = item.key.find('#');
                    RequirementStatement statement{item.key.substr(12, hash - 12), std::stoi(item.key.substr(hash + 1)),
                                                   RequirementStatus::Met, "Đã triển khai", std::nullopt};
                    BOOST_REQUIRE(dossiers.setRequirement(id, statement, by).ok());
                } else {
                    BOOST_REQUIRE(dossiers.setField(id, item.key, "Nội dung " + item.key, by).ok());
                }
            }
        }
        BOOST_FAIL("the dossier did not become complete");
    }

    void ok(const std::string& id, const std::string& stepId, const std::string& user, Date date,
            const std::string& number = "", const std::string& note = "")
    {
        WorkflowService workflow(catalogue, *store);
        StepRequest request;
        request.step = stepId;
        request.date = date;
        request.documentNumber = number;
        if (!number.empty())
            request.documentDate = date;
        request.note = note;
        auto done = workflow.perform(id, request, user, system_clock::now());
        BOOST_REQUIRE_MESSAGE(done.ok(), id + " " + stepId + " by " + user + ": " +
                                             (done.ok() ? std::string() : done.errors().front().describe(Lang::En)));
    }

    AnnualReport annual(const std::string& org, int y)
    {
        ReportService reports(catalogue, *store);
        auto report = reports.annual(org, y);
        BOOST_REQUIRE_MESSAGE(report.ok(), (report.ok() ? std::string() : report.errors().front().describe(Lang::En)));
        return *report;
    }
};

Province& province()
{
    static Province p; // built once: every test reads it
    return p;
}

const AnnualReportRow& rowOf(const AnnualReport& report, const std::string& id)
{
    for (const AnnualReportRow& row : report.rows)
        if (row.systemId == id)
            return row;
    BOOST_FAIL("no row " + id);
    return report.rows.front();
}

} // namespace

BOOST_AUTO_TEST_CASE(report_2026_under_form08_as_of_14_december)
{
    Province& p = province();
    const AnnualReport r = p.annual("UBND", 2026);
    BOOST_TEST(r.definition.id == "nd331-form08");
    BOOST_TEST(r.definition.rulesetId == "VN-2026");
    BOOST_TEST(formatIsoDate(r.from) == "2025-12-15");
    BOOST_TEST(formatIsoDate(r.to) == "2026-12-14");
    BOOST_REQUIRE(r.rows.size() == 4u); // A, B, C, D — not the defence system outside the tree
    BOOST_TEST(r.managed == 4);
    BOOST_TEST(r.classified == 4);
    BOOST_TEST(r.withDossier == 4);
    BOOST_TEST(r.appraised == 2);           // A, B
    BOOST_TEST(r.approved == 1);            // A
    BOOST_TEST(r.inspected == 1);           // A, periodic on 20/05/2026
    BOOST_TEST(r.withoutExpectedDate == 2); // B (appraised, no clock runs), C (draft)

    const AnnualReportRow& a = rowOf(r, "A-CONG");
    BOOST_TEST(a.proposedLevel == 3);
    BOOST_TEST(a.approvalState == "Đã được phê duyệt");
    BOOST_TEST(annualReportCell(r, a, 1, 7) == "3/QĐ-UBND, 05/06/2025, Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(annualReportCell(r, a, 1, 8) == "2/QĐ-UBND, 04/06/2025, Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(annualReportCell(r, a, 1, 9) == "");
    BOOST_TEST(annualReportCell(r, a, 1, 10) == "Đã triển khai đầy đủ");
    BOOST_TEST(annualReportCell(r, a, 1, 11) == "");
    BOOST_TEST(annualReportCell(r, a, 1, 12) == "Trước khi đưa vào sử dụng; Định kỳ");

    const AnnualReportRow& b = rowOf(r, "B-YTE");
    BOOST_TEST(b.approvalState == "Đã thẩm định");
    BOOST_TEST(!b.approval.has_value());
    BOOST_TEST(!b.expectedApproval.has_value());
    BOOST_TEST(annualReportCell(r, b, 2, 12) == "");

    const AnnualReportRow& c = rowOf(r, "C-NHAP");
    BOOST_TEST(c.approvalState == "Đang dự thảo");
    BOOST_TEST(annualReportCell(r, c, 3, 10) == "Đã triển khai một số hạng mục");
    BOOST_TEST(annualReportCell(r, c, 3, 11) == "30/06/2027");

    const AnnualReportRow& d = rowOf(r, "D-MOI");
    BOOST_TEST(d.approvalState == "Đã gửi thẩm định");
    BOOST_TEST(d.rulesetId == "VN-2026");
    // (9): the last day of the clock the submission started (not the window for returning the dossier), as
    // the workflow counts it.
    WorkflowService workflow(p.catalogue, *p.store);
    auto view = workflow.show("D-MOI", on(2026, 12, 14));
    BOOST_REQUIRE(view.ok());
    std::optional<Date> answerDue;
    for (const ClockStatus& c : view->clocks)
        if (!c.rule->window)
            answerDue = c.end;
    BOOST_REQUIRE(answerDue.has_value());
    BOOST_REQUIRE(d.expectedApproval.has_value());
    BOOST_TEST(formatIsoDate(*d.expectedApproval) == formatIsoDate(*answerDue));
    BOOST_REQUIRE(r.expectedCompletion.has_value());
    BOOST_TEST(formatIsoDate(*r.expectedCompletion) == formatIsoDate(*d.expectedApproval));
}

BOOST_AUTO_TEST_CASE(report_2025_reads_the_steps_dated_by_14_december_2025_under_tt12)
{
    const AnnualReport r = province().annual("UBND", 2025);
    BOOST_TEST(r.definition.id == "tt12-art14");
    // C and D were recorded in 2026 with no step by 14/12/2025: not yet managed then. B was submitted 10/12/2025.
    BOOST_REQUIRE(r.rows.size() == 2u);
    BOOST_TEST(r.managed == 2);
    BOOST_TEST(r.appraised == 1);
    BOOST_TEST(r.approved == 1);
    BOOST_TEST(r.inspected == 0); // only the assessment before use
    const AnnualReportRow& b = rowOf(r, "B-YTE");
    BOOST_TEST(b.approvalState == "Đã gửi thẩm định"); // appraised only on 05/01/2026
    BOOST_TEST(!b.appraised);
    BOOST_REQUIRE(b.expectedApproval.has_value());
    BOOST_TEST(formatIsoDate(*b.expectedApproval) == "2025-12-25"); // 10/12 + 15 calendar days (NĐ85 Art 16.2)
    BOOST_TEST(formatIsoDate(*r.expectedCompletion) == "2025-12-25");
    BOOST_TEST(annualReportCell(r, rowOf(r, "A-CONG"), 1, 12) == "Trước khi đưa vào sử dụng");
}

BOOST_AUTO_TEST_CASE(a_subtree_an_unknown_organisation_and_a_year_without_a_report)
{
    Province& p = province();
    const AnnualReport vp = p.annual("VP", 2026);
    BOOST_REQUIRE(vp.rows.size() == 3u);
    for (const AnnualReportRow& row : vp.rows)
        BOOST_TEST(row.organisationId == "VP");
    BOOST_TEST(vp.parentName == "Ủy ban nhân dân tỉnh Hà Nam");
    ReportService reports(p.catalogue, *p.store);
    auto unknown = reports.annual("NOWHERE", 2026);
    BOOST_TEST((!unknown.ok() && unknown.errors().front().kind == ErrorKind::NotFound));
    auto early = reports.annual("UBND", 2021);
    BOOST_TEST((!early.ok() && early.errors().front().kind == ErrorKind::InvalidInput));
}

BOOST_AUTO_TEST_CASE(xml_validates_against_its_schema)
{
    const AnnualReport r = province().annual("UBND", 2026);
    const std::string xml = annualReportXml(r);
    auto schema = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/annual-report.xsd");
    BOOST_REQUIRE(schema.ok());
    const Errors errors = (*schema)->validate(xml, "annual-report.xml");
    BOOST_TEST(errors.empty(), (errors.empty() ? std::string() : errors.front().describe(Lang::En)));
    BOOST_TEST(has(xml, "<plan-deployment code=\"partly\">Đã triển khai một số hạng mục</plan-deployment>"));
    BOOST_TEST(has(xml, "<totals managed=\"4\" classified=\"4\" with-dossier=\"4\" appraised=\"2\" approved=\"1\""));
    // A broken document is refused by the same schema (the test can fail).
    std::string broken = xml;
    broken.replace(broken.find("managed=\"4\""), 11, "managed=\"-4\"");
    BOOST_TEST(!(*schema)->validate(broken, "broken.xml").empty());
}

BOOST_AUTO_TEST_CASE(xlsx_reads_back_and_csv_neutralises_formulas)
{
    const AnnualReport r = province().annual("UBND", 2026);
    TempDir dir;
    const std::string path = (dir.dir / "bao-cao.xlsx").string();
    BOOST_REQUIRE(writeAnnualReportXlsx(r, path).ok());
    auto rows = readXlsxFile(path, std::string("Mau 08"));
    BOOST_REQUIRE(rows.ok());
    std::vector<SheetRow> read;
    SheetRow row;
    while (true) {
        auto next = (*rows)->next(row);
        BOOST_REQUIRE(next.ok());
        if (!*next)
            break;
        read.push_back(row);
    }
    BOOST_REQUIRE(read.size() == 5u); // header + 4 systems
    BOOST_TEST(read[0].cells[5].text == "(6) Tình trạng phê duyệt hồ sơ đề xuất cấp độ");
    bool sawFormula = false;
    for (const SheetRow& line : read) {
        BOOST_REQUIRE(line.cells.size() >= 14u);
        if (line.cells[12].text == "C-NHAP") {
            sawFormula = true;
            BOOST_TEST((line.cells[1].kind == SheetCell::Kind::Text));
            BOOST_TEST(line.cells[1].text == "'=HYPERLINK(\"http://x\")"); // kept inert
            BOOST_TEST(line.cells[10].text == "30/06/2027");
        }
        if (line.cells[12].text == "A-CONG")
            BOOST_TEST(line.cells[6].text == "3/QĐ-UBND, 05/06/2025, Ủy ban nhân dân tỉnh Hà Nam");
    }
    BOOST_TEST(sawFormula);
    auto totals = readXlsxFile(path, std::string("Tong hop"));
    BOOST_REQUIRE(totals.ok());

    const std::string csv = annualReportCsv(r);
    BOOST_TEST(has(csv, "\"'=HYPERLINK(\"\"http://x\"\")\""));
    BOOST_TEST(!has(csv, ",=HYPERLINK"));
    BOOST_TEST(has(csv, "Tổng số hệ thống thông tin đang quản lý,4"));
}

BOOST_AUTO_TEST_CASE(html_is_escaped_landscape_and_without_script)
{
    Province& p = province();
    const AnnualReport r = p.annual("UBND", 2026);
    ReportService reports(p.catalogue, *p.store);
    auto css = reports.stylesheet();
    BOOST_REQUIRE(css.ok());
    const std::string html = annualReportHtml(r, *css);
    BOOST_TEST(!has(html, "<script>"));
    BOOST_TEST(has(html, "&lt;script&gt;alert(1)&lt;/script&gt; Trung tâm"));
    BOOST_TEST(has(html, "A4 landscape"));
    BOOST_TEST(has(html, "Mẫu số 08"));
    BOOST_TEST(has(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    BOOST_TEST(has(html, "<th>(12)</th>"));
    if (const char* out = std::getenv("SECLEVEL_REPORT_HTML")) { // for looking at it in a browser
        std::ofstream(out) << html;
    }
}

BOOST_AUTO_TEST_CASE(rollup_per_agency_today_and_as_of_an_earlier_date)
{
    Province& p = province();
    ReportService reports(p.catalogue, *p.store);
    const Date today = on(2026, 11, 28);
    auto rollup = reports.rollup("UBND", today);
    BOOST_REQUIRE(rollup.ok());
    BOOST_REQUIRE(rollup->agencies.size() == 2u); // SYT, VP (by id); the defence unit is outside
    const RollupRow& syt = rollup->agencies[0];
    const RollupRow& vp = rollup->agencies[1];
    BOOST_TEST(syt.organisationId == "SYT");
    BOOST_TEST(vp.organisationId == "VP");
    BOOST_TEST(vp.systems == 3);
    BOOST_TEST(vp.approved == 1);
    BOOST_TEST(vp.byLevel[3] == 3);
    BOOST_TEST(vp.byStatus.at("Đã được phê duyệt") == 1);
    BOOST_TEST(vp.byStatus.at("Đang dự thảo") == 1);
    BOOST_TEST(vp.byStatus.at("Đã gửi thẩm định") == 1);
    BOOST_TEST(syt.byStatus.at("Đã thẩm định") == 1);
    BOOST_TEST(std::abs(vp.coverage() - 100.0 / 3) < 1e-9);
    BOOST_TEST(rollup->total.systems == 4);
    BOOST_TEST(rollup->total.approved == 1);
    // Overdue clocks and duties per agency: the workflow's own listings, counted per organisation.
    WorkflowService workflow(p.catalogue, *p.store);
    int vpClocks = 0, vpDuties = 0;
    auto clocks = workflow.deadlines(today, "VP");
    auto duties = workflow.duties(today, "VP");
    BOOST_REQUIRE(clocks.ok() && duties.ok());
    for (const DeadlineItem& item : *clocks)
        vpClocks += item.clock.overdue;
    for (const DutyStatus& d : *duties)
        vpDuties += d.state == DutyState::Overdue;
    BOOST_TEST(vpClocks >= 1); // D-MOI's appraisal clock ran out long before
    BOOST_TEST(vp.overdueClocks == vpClocks);
    BOOST_TEST(vpDuties >= 1); // A-CONG: e.g. the annual report of 2025
    BOOST_TEST(vp.overdueDuties == vpDuties);
    BOOST_TEST(syt.overdueDuties == 0); // nothing approved there

    // As of 31/12/2025 the states are read back from the dated steps.
    auto earlier = reports.rollup("UBND", on(2025, 12, 31));
    BOOST_REQUIRE(earlier.ok());
    BOOST_TEST(earlier->agencies[0].byStatus.at("Đã gửi thẩm định") == 1); // B-YTE appraised only on 05/01/2026
    BOOST_TEST(earlier->agencies[1].byStatus.at("Đang dự thảo") == 2);     // C-NHAP, D-MOI (submitted 02/09/2026)

    auto css = reports.stylesheet();
    BOOST_REQUIRE(css.ok());
    const std::string html = rollupHtml(*rollup, *css);
    BOOST_TEST(!has(html, "<script"));
    BOOST_TEST(has(html, "<svg"));
    BOOST_TEST(has(html, "Văn phòng UBND tỉnh"));
    BOOST_TEST(has(html, "33.3%"));
    if (const char* out = std::getenv("SECLEVEL_ROLLUP_HTML"))
        std::ofstream(out) << html;
    const std::string json = rollupJson(*rollup);
    BOOST_TEST(has(json, "\"coverage_percent\""));
    BOOST_TEST(has(json, "\"organisation\": \"VP\""));
}

BOOST_AUTO_TEST_CASE(svg_labels_are_escaped)
{
    const std::string svg = svgBarChart({"<b>&\"x\""}, {{2, 1}}, {"#000", "#fff"}, 4, "");
    BOOST_TEST(has(svg, "&lt;b&gt;&amp;"));
    BOOST_TEST(!has(svg, "<b>"));
    BOOST_TEST(has(svg, ">3</text>")); // the stacked total
}

BOOST_AUTO_TEST_CASE(export_fills_form08_columns_6_to_12_and_import_leaves_them)
{
    Province& p = province();
    TempDir dir;
    ExportRequest request;
    request.format = ExportFormat::Csv;
    request.output = (dir.dir / "mau-08.csv").string();
    request.organisationId = "UBND";
    request.mapping = "form-08";
    ExportService exporter(p.catalogue, *p.store);
    auto exported = exporter.exportTo(request);
    BOOST_REQUIRE_MESSAGE(exported.ok(),
                          (exported.ok() ? std::string() : exported.errors().front().describe(Lang::En)));
    auto rows = readCsvFile(request.output);
    BOOST_REQUIRE(rows.ok());
    std::map<std::string, std::vector<std::string>> byId; // system id (column 13) → cells
    SheetRow row;
    while (true) {
        auto next = (*rows)->next(row);
        BOOST_REQUIRE(next.ok());
        if (!*next)
            break;
        if (row.cells.size() > 12)
            byId[row.cells[12].text] = [&] {
                std::vector<std::string> cells;
                for (const SheetCell& c : row.cells)
                    cells.push_back(c.text);
                return cells;
            }();
    }
    BOOST_REQUIRE(byId.count("A-CONG"));
    const auto& a = byId["A-CONG"];
    BOOST_TEST(a[5] == "Đã được phê duyệt");
    BOOST_TEST(a[6] == "3/QĐ-UBND, 05/06/2025, Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(a[7] == "2/QĐ-UBND, 04/06/2025, Ủy ban nhân dân tỉnh Hà Nam");
    BOOST_TEST(a[9] == "Đã triển khai đầy đủ");
    BOOST_TEST(a[11] == "Trước khi đưa vào sử dụng; Định kỳ"); // 20/05/2026 lies in the period 15/12/2025–today
    BOOST_TEST(byId["B-YTE"][5] == "Đã thẩm định");
    BOOST_TEST(byId["C-NHAP"][10] == "30/06/2027");
    BOOST_TEST(byId["D-MOI"][5] == "Đã gửi thẩm định");

    // Import reads the file back without touching the workflow: columns 6–12 stay ignored.
    ImportService importer(p.catalogue, *p.store);
    ImportRequest back;
    back.path = request.output;
    back.mapping = "form-08";
    back.dryRun = true;
    auto imported = importer.importFile(back, as(*p.store, "admin"));
    BOOST_REQUIRE_MESSAGE(imported.ok(),
                          (imported.ok() ? std::string() : imported.errors().front().describe(Lang::En)));
    BOOST_TEST(imported->problemCount == 0u);
    BOOST_TEST(imported->count(PlanAction::Unchanged) == 4u);
    BOOST_TEST(p.store->system("A-CONG")->value().workflowState == "approved");
}
