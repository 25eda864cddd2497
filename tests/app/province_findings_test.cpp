// End to end over the services: a synthetic province (ProvinceFixture.h: 30 agencies, 400 systems in mixed
// states, every step taken through WorkflowService by the competent seat on its own day) inspected as of
// 31/12/2027. The findings are exactly those known by construction — (system, rule, rule set) — each citing NĐ85 /
// TT12 for facts before 19/08/2026 and NĐ331 after; the conclusion (XML, validated against its schema) cites
// exactly their articles; recording twice adds nothing; an inspector outside the team or the scope is refused;
// the annual report's XLSX reads back with the project's reader, row for row. On SQLite, and on PostgreSQL as
// province_findings_postgres.
#define BOOST_TEST_MODULE province_findings
#include "ProvinceFixture.h"

#include "app/FindingService.h"
#include "app/ReportService.h"
#include "formats/report/AnnualReportHtml.h"
#include "formats/report/AnnualReportSheet.h"
#include "formats/xlsx/XlsxReader.h"
#include "formats/xml/InspectionConclusionXml.h"
#include "rules/XmlSchema.h"

#include <chrono>
#include <cstring>

using namespace seclevel;
using namespace seclevel::testing;
using namespace seclevel::testing::province;

namespace {

// One province for the whole program: building it is the expensive part.
Province& builtProvince()
{
    static Province* built = [] {
        const auto start = std::chrono::steady_clock::now();
        auto* p = new Province();
        BOOST_TEST_MESSAGE(
            "province built in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()
            << " ms");
        return p;
    }();
    return *built;
}

std::string describe(const Errors& errors)
{
    return errors.empty() ? std::string() : errors.front().describe(Lang::En);
}

std::set<FindingKey> keysOf(const std::vector<Finding>& findings)
{
    std::set<FindingKey> out;
    for (const Finding& f : findings)
        out.insert({f.systemId, f.ruleId, f.rulesetId});
    return out;
}

std::vector<std::string> split(const std::string& citation) // "A; B" → {"A", "B"}
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start < citation.size()) {
        size_t end = citation.find("; ", start);
        if (end == std::string::npos)
            end = citation.size();
        out.push_back(citation.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

bool postNd85(const std::string& citation) // an article of the 2025 law or its decree
{
    return citation.rfind("NĐ331 ", 0) == 0 || citation.rfind("L116 ", 0) == 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_findings_are_exactly_those_known_by_construction)
{
    Province& p = builtProvince();
    FindingService service(p.catalogue, *p.store);
    const auto start = std::chrono::steady_clock::now();
    auto run = service.run(Province::kInspection, kAsOf, p.inspector);
    BOOST_REQUIRE_MESSAGE(run.ok(), describe(run.ok() ? Errors{} : run.errors()));
    BOOST_TEST_MESSAGE(
        "findings run: "
        << run->findings.size() << " findings in "
        << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()
        << " ms");
    const std::set<FindingKey> expected = p.expected();
    const std::set<FindingKey> found = keysOf(run->findings);
    // Named differences first, so that a failure says which system and rule.
    for (const FindingKey& k : expected)
        BOOST_TEST(found.count(k) == 1u,
                   "missing: " << std::get<0>(k) << " " << std::get<1>(k) << " " << std::get<2>(k));
    for (const FindingKey& k : found)
        BOOST_TEST(expected.count(k) == 1u,
                   "unexpected: " << std::get<0>(k) << " " << std::get<1>(k) << " " << std::get<2>(k));
    BOOST_TEST((found == expected));
    BOOST_TEST(run->findings.size() == expected.size()); // no finding twice
    // All three rule sets judge some fact of this province.
    std::set<std::string> rulesets;
    for (const FindingKey& k : expected)
        rulesets.insert(std::get<2>(k));
    BOOST_TEST(rulesets.size() == 3u);

    // Each finding cites the articles of its rule under the law of the day its fact began.
    const auto citations = p.expectedCitations();
    for (const Finding& f : run->findings) {
        auto want = citations.find({f.ruleId, f.rulesetId});
        BOOST_REQUIRE(want != citations.end());
        BOOST_TEST(f.citation == want->second, f.systemId << " " << f.ruleId);
        const bool after = !(f.factDate < kTransitionDay);
        BOOST_TEST((f.rulesetId == "VN-2026") == after,
                   f.systemId << " " << f.ruleId << " " << formatIsoDate(f.factDate));
        for (const std::string& c : split(f.citation))
            BOOST_TEST(postNd85(c) == after, f.systemId << " " << f.ruleId << " cites " << c);
        BOOST_TEST(!f.facts.empty());
        BOOST_TEST(f.organisationId.rfind("CQ-", 0) == 0u);
    }
}

BOOST_AUTO_TEST_CASE(the_conclusion_cites_exactly_the_articles_of_those_findings)
{
    Province& p = builtProvince();
    FindingService service(p.catalogue, *p.store);
    auto first = service.record(Province::kInspection, kAsOf, kReportBy, p.inspector);
    BOOST_REQUIRE_MESSAGE(first.ok(), describe(first.ok() ? Errors{} : first.errors()));
    const std::set<FindingKey> expected = p.expected();
    BOOST_TEST(first->added + first->unchanged == static_cast<int>(expected.size()));

    auto conclusion = service.conclusion(Province::kInspection, kAsOf, std::nullopt, p.inspector);
    BOOST_REQUIRE(conclusion.ok());
    BOOST_TEST(conclusion->agencies.size() == 30u);
    BOOST_TEST((conclusion->reportBy == kReportBy));
    int systems = 0;
    for (const ConclusionAgency& agency : conclusion->agencies)
        systems += agency.systems;
    BOOST_TEST(systems == 400);

    const std::string xml = inspectionConclusionToXml(*conclusion);
    auto schema = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/inspection-conclusion.xsd");
    BOOST_REQUIRE(schema.ok());
    const Errors invalid = (*schema)->validate(xml, "conclusion.xml");
    BOOST_TEST(invalid.empty(), describe(invalid));

    std::set<std::string> cited;
    for (size_t at = xml.find("<citation>"); at != std::string::npos; at = xml.find("<citation>", at + 1)) {
        const size_t from = at + std::strlen("<citation>");
        cited.insert(xml.substr(from, xml.find("</citation>", from) - from));
    }
    std::set<std::string> want;
    for (const Case& c : cases())
        for (const Expected& e : c.expected)
            for (const std::string& article : split(e.citation))
                want.insert(article);
    BOOST_TEST(cited == want);
    // Both regimes, each for its own facts (checked per finding above): NĐ85 and TT12 before 19/08/2026,
    // NĐ331 and Law 116 after.
    for (const char* code :
         {"NĐ85 Art 20.2.c", "TT12 Art 9.7", "TT12 Art 13, 14", "NĐ331 Art 18, 20", "NĐ331 Art 30.7", "L116 Art 45.1"})
        BOOST_TEST(cited.count(code) == 1u, code);
}

BOOST_AUTO_TEST_CASE(running_again_is_idempotent)
{
    Province& p = builtProvince();
    FindingService service(p.catalogue, *p.store);
    auto once = service.record(Province::kInspection, kAsOf, kReportBy, p.inspector);
    BOOST_REQUIRE(once.ok());
    auto stored = service.stored(Province::kInspection, p.inspector);
    BOOST_REQUIRE(stored.ok());
    const size_t count = stored->size();
    BOOST_TEST(count == p.expected().size());
    auto twice = service.record(Province::kInspection, kAsOf, kReportBy, p.inspector);
    BOOST_REQUIRE(twice.ok());
    BOOST_TEST(twice->added == 0);
    BOOST_TEST(twice->reopened == 0);
    BOOST_TEST(twice->unchanged == static_cast<int>(count));
    auto after = service.stored(Province::kInspection, p.inspector);
    BOOST_REQUIRE(after.ok());
    BOOST_TEST(after->size() == count);
    std::set<std::string> keys;
    for (const StoredFinding& f : *after)
        keys.insert(f.finding.key());
    BOOST_TEST(keys.size() == count);
    auto a = service.run(Province::kInspection, kAsOf, p.inspector);
    auto b = service.run(Province::kInspection, kAsOf, p.inspector);
    BOOST_REQUIRE(a.ok() && b.ok());
    BOOST_TEST((keysOf(a->findings) == keysOf(b->findings)));
}

BOOST_AUTO_TEST_CASE(an_inspector_outside_the_team_or_the_scope_is_refused)
{
    Province& p = builtProvince();
    FindingService service(p.catalogue, *p.store);
    auto refused = [](const auto& result) {
        return !result.ok() && result.errors().front().kind == ErrorKind::Refused;
    };
    // Of the inspecting body, but not on the team: no run, no record, no conclusion, no finding read.
    BOOST_TEST(refused(service.run(Province::kInspection, kAsOf, p.outsider)));
    BOOST_TEST(refused(service.record(Province::kInspection, kAsOf, kReportBy, p.outsider)));
    BOOST_TEST(refused(service.conclusion(Province::kInspection, kAsOf, std::nullopt, p.outsider)));
    BOOST_TEST(refused(service.stored(Province::kInspection, p.outsider)));
    // An owner of an agency is no inspector at all.
    const Actor owner = Province::seat("cq.CQ-01", "CQ-01", Role::Owner, day(2028, 1, 3));
    BOOST_TEST(refused(service.run(Province::kInspection, kAsOf, owner)));

    // The district inspection reads district H1 only: a system of H2 is refused, and its findings are exactly
    // the expected ones of H1.
    InspectionService inspections(*p.store);
    std::string inH1, inH2;
    for (const BuiltSystem& s : p.systems)
        (districtOf(std::stoi(s.agency.substr(3))) == "H1" ? inH1 : inH2) = s.id;
    BOOST_TEST(inspections.system(Province::kDistrictInspection, inH1, p.inspector).ok());
    BOOST_TEST(refused(inspections.system(Province::kDistrictInspection, inH2, p.inspector)));
    auto district = service.run(Province::kDistrictInspection, kAsOf, p.inspector);
    BOOST_REQUIRE(district.ok());
    BOOST_TEST((keysOf(district->findings) == p.expected("H1")));
    BOOST_TEST(p.expected("H1").size() < p.expected().size());
}

BOOST_AUTO_TEST_CASE(the_annual_report_xlsx_reads_back_row_for_row)
{
    Province& p = builtProvince();
    ReportService reports(p.catalogue, *p.store);
    auto report = reports.annual("UBND", kAnnualYear);
    BOOST_REQUIRE_MESSAGE(report.ok(), describe(report.ok() ? Errors{} : report.errors()));
    BOOST_REQUIRE(report->rows.size() == 400u);
    // Approved by the end of the data period, by construction.
    int approved = 0, approvedRows = 0;
    for (const BuiltSystem& s : p.systems)
        approved += s.approvedByPeriodEnd ? 1 : 0;
    for (const AnnualReportRow& row : report->rows)
        approvedRows += row.approved ? 1 : 0;
    BOOST_TEST(approvedRows == approved);

    TempDir dir;
    const std::string path = (dir.dir / "bao-cao-nam-2027.xlsx").string();
    BOOST_REQUIRE(writeAnnualReportXlsx(*report, path).ok());
    auto rows = readXlsxFile(path, std::string("Mau 08"));
    BOOST_REQUIRE_MESSAGE(rows.ok(), describe(rows.ok() ? Errors{} : rows.errors()));
    std::vector<SheetRow> read;
    SheetRow row;
    while (true) {
        auto next = (*rows)->next(row);
        BOOST_REQUIRE(next.ok());
        if (!*next)
            break;
        read.push_back(row);
    }
    BOOST_REQUIRE(read.size() == 401u); // the header and one row per system
    std::map<std::string, const BuiltSystem*> built;
    for (const BuiltSystem& s : p.systems)
        built[s.id] = &s;
    int approvedRead = 0;
    for (size_t i = 0; i < report->rows.size(); ++i) {
        const AnnualReportRow& want = report->rows[i];
        const SheetRow& got = read[i + 1];
        BOOST_REQUIRE(got.cells.size() >= 14u);
        for (int column = 1; column <= kReportColumns; ++column)
            BOOST_TEST(got.cells[column - 1].text == annualReportCell(*report, want, static_cast<int>(i) + 1, column),
                       want.systemId << " column " << column);
        BOOST_TEST(got.cells[12].text == want.systemId);
        BOOST_TEST(got.cells[13].text == want.organisationId);
        BOOST_REQUIRE(built.count(want.systemId) == 1u);
        BOOST_TEST(got.cells[13].text == built[want.systemId]->agency);
        BOOST_TEST(got.cells[4].text == "3"); // (5) the proposed level
        if (built[want.systemId]->approvedByPeriodEnd) {
            BOOST_TEST(got.cells[5].text == "Đã được phê duyệt", want.systemId);
            ++approvedRead;
        }
    }
    BOOST_TEST(approvedRead == approved);
    auto totals = readXlsxFile(path, std::string("Tong hop"));
    BOOST_TEST(totals.ok());
}
