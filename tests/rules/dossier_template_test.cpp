#define BOOST_TEST_MODULE dossier_template
#include <boost/test/unit_test.hpp>

#include "core/Dossier.h"
#include "rules/DossierTemplateLoader.h"
#include "rules/XmlSchema.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <unistd.h>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const fs::path sourceDir = SECLEVEL_SOURCE_DIR;
const std::string xsdPath = (sourceDir / "schemas" / "dossier-template.xsd").string();

const XmlSchema& schema()
{
    static const auto loaded = XmlSchema::load(xsdPath);
    if (!loaded)
        throw std::runtime_error(loaded.errors().front().describe(Lang::En));
    return **loaded;
}

std::string dump(const Errors& errors)
{
    std::string out;
    for (const auto& e : errors)
        out += e.describe(Lang::En) + "\n";
    return out;
}

const std::vector<DossierTemplate>& shipped()
{
    static const auto loaded = loadDossierTemplates((sourceDir / "questionnaires").string(), xsdPath);
    if (!loaded)
        throw std::runtime_error(dump(loaded.errors()));
    return *loaded;
}

const DossierTemplate& shippedTemplate(const std::string& id)
{
    const DossierTemplate* t = dossierTemplateFor(shipped(), id);
    if (!t)
        throw std::runtime_error("no dossier template " + id);
    return *t;
}

const DossierSectionSpec* section(const DossierTemplate& t, const std::string& id)
{
    for (const auto& s : t.sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

const DossierSectionSpec* sectionOfField(const DossierTemplate& t, const std::string& key)
{
    for (const auto& s : t.sections)
        for (const auto& f : s.fields)
            if (f.key == key)
                return &s;
    return nullptr;
}

int itemsOf(const DossierTemplate& t, int level, RequirementCategory category)
{
    int n = 0;
    for (const RequirementGroupSpec* g : t.requirementsForLevel(level))
        if (g->category == category)
            n += g->count;
    return n;
}

// ---- hand-written documents ----------------------------------------------------------------------------------

const std::string fileName = "bad/dossier.xml";

std::string groupXml(const std::string& id, int level, const std::string& category, int count = 1,
                     const std::string& heading = "Nhóm")
{
    return "    <group id=\"" + id + "\" level=\"" + std::to_string(level) + "\" category=\"" + category +
           "\" citation=\"TT12 Annex I.I.1.1\" count=\"" + std::to_string(count) + "\"><heading lang=\"vi\">" +
           heading + "</heading><heading lang=\"en\">Group</heading></group>\n";
}

std::string allLevelGroups()
{
    std::string out;
    for (int level = 1; level <= 5; ++level) {
        const std::string prefix = std::string("L").append(std::to_string(level));
        out += groupXml(prefix + ".M", level, "management");
        out += groupXml(prefix + ".T", level, "technical");
    }
    return out;
}

const std::string ownerField = R"(      <field key="A.1.owner_name" citation="TT12 Art 8.3.a">
        <label lang="vi">Tên chủ quản</label><label lang="en">Owner</label>
      </field>
)";

std::string document(const std::string& fields = ownerField, const std::string& groups = allLevelGroups(),
                     const std::string& attachments = "", const std::string& sectionAttributes = "")
{
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<dossier-template xmlns="urn:seclevel:dossier-template:1" ruleset="TS-2020" version="1.0.0">
  <sections>
    <section id="1" citation="NĐ85 Art 15.1")" +
           sectionAttributes + R"(>
      <title lang="vi">Tổng quan</title><title lang="en">Overview</title>
)" + fields +
           R"(    </section>
  </sections>
  <attachments>
)" + attachments +
           R"(  </attachments>
  <requirements>
)" + groups +
           R"(  </requirements>
</dossier-template>
)";
}

Result<DossierTemplate> load(const std::string& xml, const XmlSchema& with = schema())
{
    return loadDossierTemplate(xml, fileName, with);
}

// A schema that accepts any content under the right root, so the loader's own checks are exercised alone: they
// must hold even if the XSD is loosened one day.
const XmlSchema& laxSchema()
{
    static std::shared_ptr<XmlSchema> lax = [] {
        const fs::path file = fs::temp_directory_path() / ("seclevel-lax-" + std::to_string(::getpid()) + ".xsd");
        std::ofstream(file) << R"(<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:seclevel:dossier-template:1"
           elementFormDefault="qualified">
  <xs:element name="dossier-template">
    <xs:complexType>
      <xs:sequence><xs:any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:anyAttribute processContents="skip"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
)";
        auto loaded = XmlSchema::load(file.string());
        fs::remove(file);
        if (!loaded)
            throw std::runtime_error(dump(loaded.errors()));
        return *loaded;
    }();
    return *lax;
}

int lineOf(const std::string& xml, const std::string& fragment, size_t from = 0)
{
    const auto pos = xml.find(fragment, from);
    BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "fragment not in document: " + fragment);
    return static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n')) + 1;
}

// Some error names the file, the line (when given) and says `fragment` in English, with a Vietnamese text too.
bool mentions(const Errors& errors, const std::string& fragment, int line = -1)
{
    for (const auto& e : errors)
        if (e.file == fileName && e.describe(Lang::En).find(fragment) != std::string::npos &&
            (line < 0 || e.line == line) && !e.message.vi.empty() && !e.message.en.empty())
            return true;
    return false;
}

} // namespace

// ---- the shipped templates ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(shipped_templates_load)
{
    const auto& all = shipped();
    BOOST_REQUIRE_EQUAL(all.size(), 3u);
    BOOST_TEST(all[0].rulesetId == "VN-2016");
    BOOST_TEST(all[1].rulesetId == "VN-2022");
    BOOST_TEST(all[2].rulesetId == "VN-2026");
    for (const auto& t : all) {
        BOOST_TEST(t.version == "1.0.0");
        BOOST_TEST(t.sourceFile.find(t.rulesetId + "/dossier.xml") != std::string::npos);
        // NĐ85 Art 15 / NĐ331 Art 21 items 1–5, in order.
        std::vector<std::string> items;
        for (const auto& s : t.sections)
            if (s.id.size() == 1)
                items.push_back(s.id);
        BOOST_TEST((items == std::vector<std::string>{"1", "2", "3", "4", "5"}), t.rulesetId);
        for (const auto& s : t.sections) {
            BOOST_TEST(!s.title.vi.empty());
            BOOST_TEST(!s.title.en.empty());
            BOOST_TEST(!s.citation.empty());
            for (const auto& f : s.fields) {
                BOOST_TEST(!f.label.vi.empty(), f.key);
                BOOST_TEST(!f.label.en.empty(), f.key);
                BOOST_TEST(!f.citation.empty(), f.key);
            }
        }
        // Part B comes from the trace, never typed.
        BOOST_TEST(section(t, "3")->generated);
        BOOST_TEST(section(t, "2")->fields.size() == 1u);
        BOOST_TEST(!t.attachment("design_document")->citation.empty());
        BOOST_TEST(t.attachment("design_document")->minLevel == 1);
    }
    BOOST_TEST(shippedTemplate("VN-2022").attachment("design_document")->citation == "NĐ85 Art 15.2");
    BOOST_TEST(shippedTemplate("VN-2026").attachment("design_document")->citation == "NĐ331 Art 21.2");
}

BOOST_AUTO_TEST_CASE(part_a_overview_fields_are_typed_and_required_from_level_1)
{
    // TT12 Art 8.3.a–d / NĐ331 Art 22.3.a–d: owner and operator details, scope, scale, users, architecture,
    // device and application inventories, network zones and IP plan — same keys in every rule set.
    const std::vector<std::string> keys = {"A.1.owner_name",
                                           "A.1.owner_mandate",
                                           "A.1.owner_representative",
                                           "A.1.owner_address",
                                           "A.1.owner_contact",
                                           "A.2.operator_name",
                                           "A.2.operator_mandate",
                                           "A.2.operator_representative",
                                           "A.2.operator_address",
                                           "A.2.operator_contact",
                                           "A.3.scope",
                                           "A.3.scale",
                                           "A.3.users",
                                           "A.4.logical_model",
                                           "A.4.physical_model",
                                           "A.4.device_inventory",
                                           "A.4.application_inventory",
                                           "A.4.network_zones_ip"};
    const std::map<std::string, std::string> ownerCitation = {
        {"VN-2016", "TT03 Art 7.1"}, {"VN-2022", "TT12 Art 8.3.a"}, {"VN-2026", "NĐ331 Art 22.3.a"}};
    const std::map<std::string, std::string> architectureCitation = {
        {"VN-2016", "NĐ85 Art 15.1"}, {"VN-2022", "TT12 Art 8.3.d"}, {"VN-2026", "NĐ331 Art 22.3.d"}};
    for (const auto& t : shipped()) {
        for (const auto& key : keys) {
            const DossierFieldSpec* f = t.field(key);
            BOOST_TEST_REQUIRE(f != nullptr, t.rulesetId + " lacks " + key);
            BOOST_TEST(f->required, key);
            BOOST_TEST(f->minLevel == 1, key);
            BOOST_TEST(sectionOfField(t, key)->id == "1", key);
            BOOST_TEST(!sectionOfField(t, key)->generated, key);
        }
        BOOST_TEST(t.field("A.1.owner_name")->citation == ownerCitation.at(t.rulesetId));
        BOOST_TEST(t.field("A.4.device_inventory")->citation == architectureCitation.at(t.rulesetId));
        BOOST_TEST(t.field("A.4.network_zones_ip")->multiline);
        BOOST_TEST(!t.field("A.4.device_inventory")->help.vi.empty());
        BOOST_TEST(t.field("A.4.device_inventory")->help.vi.find("vị trí triển khai") != std::string::npos);
    }
}

// TT12 Annexes I–V, as counted in the Gazette text and the legal note §4.4.
BOOST_AUTO_TEST_CASE(tt12_annex_counts_for_vn2022_and_vn2016)
{
    struct Expected {
        int management, technical; // totals (management = the 5 groups + risk plan + end-of-life plan)
        int designBuild, operation;
        int zones, design, network, server, application, data;
    };
    const std::map<int, Expected> annex = {
        {1, {13 + 2, 19, 2, 3, 3, 3, 4, 5, 3, 1}},  {2, {16 + 2, 28, 3, 5, 5, 6, 5, 6, 4, 2}},
        {3, {20 + 2, 44, 3, 9, 7, 16, 6, 6, 6, 3}}, {4, {20 + 2, 46, 3, 9, 8, 17, 6, 6, 6, 3}},
        {5, {20 + 2, 48, 3, 9, 8, 19, 6, 6, 6, 3}},
    };
    const char* roman[] = {"", "I", "II", "III", "IV", "V"};
    for (const char* id : {"VN-2016", "VN-2022"}) {
        const DossierTemplate& t = shippedTemplate(id);
        for (const auto& [level, e] : annex) {
            BOOST_TEST_CONTEXT(id << " level " << level)
            {
                const std::string p = "L" + std::to_string(level) + ".";
                BOOST_TEST(itemsOf(t, level, RequirementCategory::Management) == e.management);
                BOOST_TEST(itemsOf(t, level, RequirementCategory::Technical) == e.technical);
                BOOST_TEST(t.requirementGroup(p + "M.policy")->count == 3);
                BOOST_TEST(t.requirementGroup(p + "M.organisation")->count == 2);
                BOOST_TEST(t.requirementGroup(p + "M.hr")->count == 3);
                BOOST_TEST(t.requirementGroup(p + "M.design_build")->count == e.designBuild);
                BOOST_TEST(t.requirementGroup(p + "M.operation")->count == e.operation);
                BOOST_TEST(t.requirementGroup(p + "M.risk_plan")->count == 1);
                BOOST_TEST(t.requirementGroup(p + "M.end_of_life")->count == 1);
                BOOST_TEST(t.requirementGroup(p + "T.zones")->count == e.zones);
                BOOST_TEST(t.requirementGroup(p + "T.design")->count == e.design);
                BOOST_TEST(t.requirementGroup(p + "T.network")->count == e.network);
                BOOST_TEST(t.requirementGroup(p + "T.server")->count == e.server);
                BOOST_TEST(t.requirementGroup(p + "T.application")->count == e.application);
                BOOST_TEST(t.requirementGroup(p + "T.data")->count == e.data);
                BOOST_TEST(t.requirementsForLevel(level).size() == 13u);
                for (const RequirementGroupSpec* g : t.requirementsForLevel(level)) {
                    BOOST_TEST(g->id.rfind(p, 0) == 0, g->id);
                    BOOST_TEST(!g->heading.vi.empty());
                    BOOST_TEST(!g->heading.en.empty());
                    // VN-2016 cites the TT03 clause that sets the level's (cumulative) requirements; VN-2022 the
                    // TT12 annex of the level.
                    const std::string prefix = std::string(id) == "VN-2016"
                                                   ? "TT03 Art 9." + std::to_string(level)
                                                   : std::string("TT12 Annex ") + roman[level] + ".";
                    BOOST_TEST(g->citation.rfind(prefix, 0) == 0, g->id + ": " + g->citation);
                }
            }
        }
    }
    BOOST_TEST(shippedTemplate("VN-2022").requirementGroup("L3.M.operation")->citation == "TT12 Annex III.I.1.5");
    BOOST_TEST(shippedTemplate("VN-2022").requirementGroup("L5.T.design")->citation == "TT12 Annex V.II.1.b");
    BOOST_TEST(shippedTemplate("VN-2022").requirementGroup("L2.T.zones")->citation == "TT12 Annex II.II.1.a");
}

BOOST_AUTO_TEST_CASE(vn2026_groups_are_the_nd331_art30_groups)
{
    // TCVN 14423:2026 groups and counts are not in the legal note: one statement per NĐ331 Art 30.3/30.4 group.
    const DossierTemplate& t = shippedTemplate("VN-2026");
    for (int level = 1; level <= 5; ++level) {
        BOOST_TEST_CONTEXT("level " << level)
        {
            const auto groups = t.requirementsForLevel(level);
            BOOST_TEST(groups.size() == 11u);
            BOOST_TEST(itemsOf(t, level, RequirementCategory::Management) == 7);
            BOOST_TEST(itemsOf(t, level, RequirementCategory::Technical) == 4);
            for (const RequirementGroupSpec* g : groups) {
                const bool management = g->category == RequirementCategory::Management;
                BOOST_TEST(g->citation.rfind(management ? "NĐ331 Art 30.3." : "NĐ331 Art 30.4.", 0) == 0, g->id);
                BOOST_TEST(g->count == 1);
            }
        }
    }
    BOOST_TEST(t.requirementGroup("L4.M.operation")->citation == "NĐ331 Art 30.3.đ");
    BOOST_TEST(t.requirementGroup("L4.T.data")->citation == "NĐ331 Art 30.4.d");
}

BOOST_AUTO_TEST_CASE(level_4_and_5_only_items_have_min_level_4)
{
    const std::map<std::string, std::vector<std::pair<std::string, std::string>>> extras = {
        {"VN-2016",
         {{"B.3.related_systems", "TT03 Art 7.3.a"},
          {"B.3.important_components", "TT03 Art 7.3.b"},
          {"B.3.component_importance", "TT03 Art 7.3.c"},
          {"B.3.attack_threats", "TT03 Art 7.3.d"},
          {"B.3.impact", "TT03 Art 7.3.đ"},
          {"B.3.continuous_operation", "TT03 Art 7.3.đ"}}},
        {"VN-2022",
         {{"B.3.related_systems", "TT12 Art 8.5.a"},
          {"B.3.attack_threats", "TT12 Art 8.5.b"},
          {"B.3.impact", "TT12 Art 8.5.c"},
          {"B.3.continuous_operation", "TT12 Art 8.5.d"}}},
        {"VN-2026",
         {{"B.3.related_systems", "NĐ331 Art 22.5.a"},
          {"B.3.attack_threats", "NĐ331 Art 22.5.b"},
          {"B.3.impact", "NĐ331 Art 22.5.c"},
          {"B.3.continuous_operation", "NĐ331 Art 22.5.d"}}},
    };
    for (const auto& [id, fields] : extras) {
        const DossierTemplate& t = shippedTemplate(id);
        for (const auto& [key, citation] : fields) {
            const DossierFieldSpec* f = t.field(key);
            BOOST_TEST_REQUIRE(f != nullptr, id + " lacks " + key);
            BOOST_TEST(f->minLevel == 4, id + " " + key);
            BOOST_TEST(f->required, id + " " + key);
            BOOST_TEST(f->citation == citation, id + " " + key);
            // Typed, so not in the generated Part B section.
            BOOST_TEST(!sectionOfField(t, key)->generated, id + " " + key);
            BOOST_TEST(sectionOfField(t, key)->minLevel == 4, id + " " + key);
        }
        // Item 5: the professional opinion (NĐ85 Art 15.5 / NĐ331 Art 21.5).
        BOOST_TEST(section(t, "5")->minLevel == 4);
        const AttachmentSpec* opinion = t.attachment("professional_opinion");
        BOOST_TEST_REQUIRE(opinion != nullptr, id);
        BOOST_TEST(opinion->minLevel == 4);
        BOOST_TEST(opinion->required);
        BOOST_TEST(opinion->citation == (id == "VN-2026" ? "NĐ331 Art 21.5" : "NĐ85 Art 15.5"));
    }
    const AttachmentSpec* report = shippedTemplate("VN-2026").attachment("risk_assessment_report");
    BOOST_TEST_REQUIRE(report != nullptr);
    BOOST_TEST(report->minLevel == 4);
    BOOST_TEST(report->citation == "NĐ331 Art 22.5");
    BOOST_TEST(shippedTemplate("VN-2022").attachment("risk_assessment_report") == nullptr);
}

BOOST_AUTO_TEST_CASE(vn2026_preliminary_risk_identification_applies_at_every_level)
{
    const DossierTemplate& t = shippedTemplate("VN-2026");
    const DossierFieldSpec* f = t.field("B.preliminary_risks");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->citation == "NĐ331 Art 22.4.c");
    BOOST_TEST(f->minLevel == 1);
    BOOST_TEST(f->required);
    BOOST_TEST(!sectionOfField(t, "B.preliminary_risks")->generated);
    BOOST_TEST(sectionOfField(t, "B.preliminary_risks")->minLevel == 1);
    BOOST_TEST(shippedTemplate("VN-2022").field("B.preliminary_risks") == nullptr);
}

BOOST_AUTO_TEST_CASE(security_regulation_is_required_from_tt12_on)
{
    const AttachmentSpec* tt12 = shippedTemplate("VN-2022").attachment("security_regulation");
    BOOST_TEST_REQUIRE(tt12 != nullptr);
    BOOST_TEST(tt12->citation == "TT12 Art 9.7");
    BOOST_TEST(tt12->required);
    BOOST_TEST(tt12->minLevel == 1);
    const AttachmentSpec* nd331 = shippedTemplate("VN-2026").attachment("security_regulation");
    BOOST_TEST_REQUIRE(nd331 != nullptr);
    BOOST_TEST(nd331->citation == "NĐ331 Art 30.7");
    BOOST_TEST(nd331->required);
    // TT03 had no such rule (legal note §4.8: TT12 added it).
    BOOST_TEST(shippedTemplate("VN-2016").attachment("security_regulation") == nullptr);
}

BOOST_AUTO_TEST_CASE(completeness_of_an_empty_dossier_level_2_vs_level_4)
{
    const Dossier empty;
    // Counted by hand from the data files:
    //   VN-2022 L2 = 18 Part A fields + 2 Part C fields + 2 attachments (design, regulation) + 46 annex II items = 68
    //           L4 = 18 + 4 B.3 fields + 2 + 3 attachments (+ opinion) + 68 annex IV items            = 95
    //   VN-2016 L2 = 18 + 2 + 1 attachment (design) + 46                                                = 67
    //           L4 = 18 + 6 B.3 fields (TT03 Art 7.3.a–đ) + 2 + 2 attachments (+ opinion) + 68           = 96
    //   VN-2026 L2 = 18 + 1 (22.4.c) + 2 + 2 attachments + 11 groups                                    = 34
    //           L4 = 18 + 1 + 4 B.3 fields + 2 + 4 attachments (+ opinion, risk report) + 11            = 40
    const std::map<std::string, std::pair<size_t, size_t>> expected = {
        {"VN-2016", {67, 96}}, {"VN-2022", {68, 95}}, {"VN-2026", {34, 40}}};
    for (const auto& [id, counts] : expected) {
        const DossierTemplate& t = shippedTemplate(id);
        const auto level2 = checkCompleteness(t, empty, 2);
        const auto level4 = checkCompleteness(t, empty, 4);
        BOOST_TEST(level2.size() == counts.first, id);
        BOOST_TEST(level4.size() == counts.second, id);
        auto has = [](const std::vector<MissingItem>& items, const std::string& key) {
            return std::any_of(items.begin(), items.end(), [&](const MissingItem& m) { return m.key == key; });
        };
        BOOST_TEST(has(level2, "A.1.owner_name"), id);
        BOOST_TEST(has(level2, "attachment:design_document"), id);
        BOOST_TEST(!has(level2, "attachment:professional_opinion"), id);
        BOOST_TEST(!has(level2, "B.3.related_systems"), id);
        BOOST_TEST(has(level4, "attachment:professional_opinion"), id);
        BOOST_TEST(has(level4, "B.3.related_systems"), id);
        // Generated Part B and optional fields are never asked for.
        BOOST_TEST(!has(level4, "B.1.levels_table"), id);
        BOOST_TEST(!has(level4, "design.reference"), id);
        BOOST_TEST(!has(level4, "C.3.hosting_separation"), id);
        BOOST_TEST(has(level2, "requirement:L2.M.policy#1"), id);
        BOOST_TEST(!has(level2, "requirement:L4.M.policy#1"), id);
        for (const auto& m : level4)
            BOOST_TEST(!m.citation.empty(), id + " " + m.key);
    }
    BOOST_TEST(checkCompleteness(shippedTemplate("VN-2022"), empty, 4).back().key == "requirement:L4.T.data#3");
}

BOOST_AUTO_TEST_CASE(a_filled_dossier_is_complete)
{
    // The data must be satisfiable: fill every required field, attachment and requirement item of level 4.
    for (const auto& t : shipped()) {
        Dossier d;
        for (const auto& s : t.sections)
            for (const auto& f : s.fields)
                d.fields[f.key] = "nội dung";
        for (const auto& a : t.attachments)
            d.attachments.push_back(
                Attachment{a.kind, a.kind + ".pdf", "application/pdf", 1, std::string(64, '0'), ""});
        for (const RequirementGroupSpec* g : t.requirementsForLevel(4))
            for (int item = 1; item <= g->count; ++item)
                d.requirements.push_back({g->id, item, RequirementStatus::Met, "đã triển khai", std::nullopt});
        const auto missing = checkCompleteness(t, d, 4);
        BOOST_TEST(missing.empty(), t.rulesetId + ": " + (missing.empty() ? "" : missing.front().key));
    }
}

// ---- hand-written documents and hostile input ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(minimal_document_loads)
{
    auto t = load(document(
        ownerField, allLevelGroups(),
        R"(    <attachment kind="design_document" citation="NĐ85 Art 15.2" min-level="2"><title lang="vi">Thiết kế</title><title lang="en">Design</title></attachment>
)"));
    BOOST_REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : dump(t.errors())));
    BOOST_TEST(t->rulesetId == "TS-2020");
    BOOST_TEST(t->sections.size() == 1u);
    BOOST_TEST(t->field("A.1.owner_name")->required);
    BOOST_TEST(t->field("A.1.owner_name")->minLevel == 1);
    BOOST_TEST(t->attachment("design_document")->minLevel == 2);
    BOOST_TEST(t->requirements.size() == 10u);
    BOOST_TEST(t->sourceFile == fileName);
}

BOOST_AUTO_TEST_CASE(prefixed_namespace_reads_the_same)
{
    std::string xml = document();
    // Bind the namespace to a prefix and use it on every element.
    std::string prefixed;
    for (size_t i = 0; i < xml.size(); ++i) {
        prefixed += xml[i];
        if (xml[i] == '<' && i + 1 < xml.size() && xml[i + 1] != '?')
            prefixed += xml[i + 1] == '/' ? (++i, std::string("/d:")) : std::string("d:");
    }
    const auto at = prefixed.find("xmlns=");
    prefixed.replace(at, 6, "xmlns:d=");
    auto t = load(prefixed);
    BOOST_REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : dump(t.errors())) + prefixed);
    BOOST_TEST(t->field("A.1.owner_name") != nullptr);
    BOOST_TEST(t->requirements.size() == 10u);
}

BOOST_AUTO_TEST_CASE(duplicate_field_key_is_refused_with_its_line)
{
    const std::string xml = document(ownerField + ownerField);
    auto t = load(xml);
    BOOST_REQUIRE(!t.ok());
    const int second = lineOf(xml, "<field key=\"A.1.owner_name\"", xml.find("<field key=\"A.1.owner_name\"") + 1);
    BOOST_TEST(mentions(t.errors(), "A.1.owner_name", second), dump(t.errors()));
    // The loader refuses it by itself too, should the schema ever lose its key constraint.
    auto lax = load(xml, laxSchema());
    BOOST_REQUIRE(!lax.ok());
    BOOST_TEST(mentions(lax.errors(), "duplicate field key 'A.1.owner_name'", second), dump(lax.errors()));
}

BOOST_AUTO_TEST_CASE(wrong_namespace_is_refused)
{
    std::string xml = document();
    xml.replace(xml.find("urn:seclevel:dossier-template:1"), 31, "urn:seclevel:ruleset:1");
    auto t = load(xml);
    BOOST_REQUIRE(!t.ok());
    BOOST_TEST(t.errors().front().file == fileName);
    BOOST_TEST(t.errors().front().line == lineOf(xml, "<dossier-template"), dump(t.errors()));
    std::string none = document();
    none.replace(none.find(" xmlns=\"urn:seclevel:dossier-template:1\""), 40, "");
    auto noNamespace = load(none);
    BOOST_REQUIRE(!noNamespace.ok());
    BOOST_TEST(noNamespace.errors().front().line == lineOf(none, "<dossier-template"), dump(noNamespace.errors()));
}

BOOST_AUTO_TEST_CASE(bad_levels_are_refused_with_their_lines)
{
    std::string field = ownerField;
    field.replace(field.find("citation"), 0, "min-level=\"7\" ");
    const std::string badField = document(field);
    auto t = load(badField);
    BOOST_REQUIRE(!t.ok());
    BOOST_TEST(mentions(t.errors(), "min-level", lineOf(badField, "min-level=\"7\"")), dump(t.errors()));
    auto lax = load(badField, laxSchema());
    BOOST_REQUIRE(!lax.ok());
    BOOST_TEST(
        mentions(lax.errors(), "min-level must be a level from 1 to 5, not '7'", lineOf(badField, "min-level=\"7\"")),
        dump(lax.errors()));

    const std::string badGroup = document(ownerField, allLevelGroups() + groupXml("L6.M", 6, "management"));
    auto g = load(badGroup);
    BOOST_REQUIRE(!g.ok());
    BOOST_TEST(mentions(g.errors(), "level", lineOf(badGroup, "id=\"L6.M\"")), dump(g.errors()));
    auto laxGroup = load(badGroup, laxSchema());
    BOOST_REQUIRE(!laxGroup.ok());
    BOOST_TEST(
        mentions(laxGroup.errors(), "level must be a level from 1 to 5, not '6'", lineOf(badGroup, "id=\"L6.M\"")),
        dump(laxGroup.errors()));
}

BOOST_AUTO_TEST_CASE(doctype_is_refused_before_parsing)
{
    std::string xml = document();
    xml.insert(xml.find("<dossier-template"),
               "<!DOCTYPE dossier-template [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n");
    auto t = load(xml);
    BOOST_REQUIRE(!t.ok());
    BOOST_TEST(mentions(t.errors(), "DOCTYPE", lineOf(xml, "<!DOCTYPE")), dump(t.errors()));
    auto lax = load(xml, laxSchema());
    BOOST_REQUIRE(!lax.ok());
    BOOST_TEST(mentions(lax.errors(), "DOCTYPE", 2), dump(lax.errors()));
}

BOOST_AUTO_TEST_CASE(count_below_one_and_citation_pattern_are_schema_errors)
{
    const std::string zero = document(ownerField, allLevelGroups() + groupXml("X.zero", 3, "technical", 0));
    auto t = load(zero);
    BOOST_REQUIRE(!t.ok());
    BOOST_TEST(t.errors().front().line == lineOf(zero, "id=\"X.zero\""), dump(t.errors()));
    auto lax = load(zero, laxSchema());
    BOOST_REQUIRE(!lax.ok());
    BOOST_TEST(mentions(lax.errors(), "count must be at least 1", lineOf(zero, "id=\"X.zero\"")), dump(lax.errors()));

    std::string field = ownerField;
    field.replace(field.find("TT12 Art 8.3.a"), 14, "Circular 12, article 8");
    const std::string badCitation = document(field);
    auto c = load(badCitation);
    BOOST_REQUIRE(!c.ok());
    BOOST_TEST(c.errors().front().line == lineOf(badCitation, "Circular 12"), dump(c.errors()));
}

BOOST_AUTO_TEST_CASE(semantic_checks_beyond_the_schema)
{
    // Every check below runs behind the lax schema, so the loader alone must catch it, with the line.
    {
        const std::string xml = document(ownerField, allLevelGroups() + groupXml("L1.M", 1, "management"));
        auto t = load(xml, laxSchema());
        BOOST_REQUIRE(!t.ok());
        const int second = lineOf(xml, "id=\"L1.M\"", xml.find("id=\"L1.M\"") + 1);
        BOOST_TEST(mentions(t.errors(), "duplicate requirement group id 'L1.M'", second), dump(t.errors()));
    }
    {
        const std::string att =
            R"(    <attachment kind="design_document" citation="NĐ85 Art 15.2"><title lang="vi">A</title><title lang="en">A</title></attachment>
)";
        const std::string xml = document(ownerField, allLevelGroups(), att + att);
        auto t = load(xml, laxSchema());
        BOOST_REQUIRE(!t.ok());
        BOOST_TEST(mentions(t.errors(), "duplicate attachment kind 'design_document'",
                            lineOf(xml, "<attachment", xml.find("<attachment kind") + 1)),
                   dump(t.errors()));
    }
    {
        const std::string xml = document(ownerField, allLevelGroups() + groupXml("X.blank", 2, "technical", 1, "   "));
        auto t = load(xml, laxSchema());
        BOOST_REQUIRE(!t.ok());
        BOOST_TEST(mentions(t.errors(), "<heading> (vi) is empty", lineOf(xml, "id=\"X.blank\"")), dump(t.errors()));
        auto strict = load(xml);
        BOOST_REQUIRE(!strict.ok());
        BOOST_TEST(strict.errors().front().line == lineOf(xml, "id=\"X.blank\""), dump(strict.errors()));
    }
    {
        std::string field = ownerField;
        field.replace(field.find("<label lang=\"en\">Owner</label>"), 30, "");
        const std::string xml = document(field);
        auto t = load(xml, laxSchema());
        BOOST_REQUIRE(!t.ok());
        BOOST_TEST(mentions(t.errors(), "<label> missing in English (en)", lineOf(xml, "<field key")),
                   dump(t.errors()));
    }
    {
        std::string field = ownerField;
        field.replace(field.find("citation"), 0, "min-level=\"2\" ");
        const std::string xml = document(field, allLevelGroups(), "", " min-level=\"4\"");
        auto t = load(xml);
        BOOST_REQUIRE(!t.ok());
        BOOST_TEST(mentions(t.errors(), "min-level 2 is below the min-level 4 of section 1", lineOf(xml, "<field key")),
                   dump(t.errors()));
    }
    {
        std::string groups = allLevelGroups();
        const auto at = groups.find("<group id=\"L3.T\"");
        groups.erase(at - 4, groups.find('\n', at) - at + 5);
        const std::string xml = document(ownerField, groups);
        auto t = load(xml);
        BOOST_REQUIRE(!t.ok());
        BOOST_TEST(mentions(t.errors(), "level 3 has no technical requirement group", lineOf(xml, "<requirements>")),
                   dump(t.errors()));
        BOOST_TEST(t.errors().size() == 1u, dump(t.errors()));
    }
}

BOOST_AUTO_TEST_CASE(malformed_truncated_and_empty_input)
{
    const std::string xml = document();
    auto truncated = load(xml.substr(0, xml.size() / 2));
    BOOST_REQUIRE(!truncated.ok());
    BOOST_TEST(mentions(truncated.errors(), "malformed XML"), dump(truncated.errors()));
    BOOST_TEST(!load("").ok());
    BOOST_TEST(!load("not xml at all").ok());
    BOOST_TEST(!load("<dossier-template xmlns=\"urn:seclevel:dossier-template:1\"/>").ok());
    auto laxEmpty = load(
        "<dossier-template xmlns=\"urn:seclevel:dossier-template:1\" ruleset=\"X\" version=\"1.0.0\"/>", laxSchema());
    BOOST_REQUIRE(!laxEmpty.ok());
    BOOST_TEST(mentions(laxEmpty.errors(), "no sections", 1), dump(laxEmpty.errors()));
    BOOST_TEST(mentions(laxEmpty.errors(), "level 5 has no management requirement group", 1), dump(laxEmpty.errors()));
}

BOOST_AUTO_TEST_CASE(folder_loading_names_files_and_checks_the_rule_set_id)
{
    const fs::path dir = fs::temp_directory_path() / ("seclevel-dtpl-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "TS-2020");
    fs::create_directories(dir / "TS-2021");
    fs::create_directories(dir / "no-template-here");
    std::ofstream(dir / "TS-2020" / "dossier.xml") << document();
    std::ofstream(dir / "TS-2021" / "dossier.xml") << document(); // still says TS-2020: a stale copy
    auto loaded = loadDossierTemplates(dir.string(), xsdPath);
    BOOST_REQUIRE(!loaded.ok());
    BOOST_REQUIRE_EQUAL(loaded.errors().size(), 1u);
    BOOST_TEST(loaded.errors().front().file == (dir / "TS-2021" / "dossier.xml").string());
    BOOST_TEST(loaded.errors().front().message.en.find("folder 'TS-2021'") != std::string::npos);

    fs::remove_all(dir / "TS-2021");
    auto one = loadDossierTemplates(dir.string(), xsdPath);
    BOOST_REQUIRE_MESSAGE(one.ok(), (one.ok() ? std::string() : dump(one.errors())));
    BOOST_TEST(one->size() == 1u);
    BOOST_TEST(dossierTemplateFor(*one, "TS-2020") != nullptr);
    BOOST_TEST(dossierTemplateFor(*one, "VN-2022") == nullptr);

    std::ofstream(dir / "TS-2020" / "dossier.xml") << document(ownerField + ownerField);
    auto broken = loadDossierTemplates(dir.string(), xsdPath);
    BOOST_REQUIRE(!broken.ok());
    BOOST_TEST(broken.errors().front().file == (dir / "TS-2020" / "dossier.xml").string());
    BOOST_TEST(broken.errors().front().line > 0);

    fs::remove_all(dir / "TS-2020");
    auto none = loadDossierTemplates(dir.string(), xsdPath);
    BOOST_REQUIRE(!none.ok());
    BOOST_TEST(none.errors().front().message.en.find("no dossier templates") != std::string::npos);
    BOOST_TEST(!loadDossierTemplates((dir / "missing").string(), xsdPath).ok());
    BOOST_TEST(!loadDossierTemplates(dir.string(), (dir / "missing.xsd").string()).ok());
    auto missingFile = loadDossierTemplateFile((dir / "nothing.xml").string(), schema());
    BOOST_REQUIRE(!missingFile.ok());
    BOOST_TEST(missingFile.errors().front().message.en.find("cannot open") != std::string::npos);
    fs::remove_all(dir);
}
