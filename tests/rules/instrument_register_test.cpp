// Citations the Vietnamese way (core/Citation.h) over the shipped instrument register
// (questionnaires/instruments.xml): the forms the rule sets use, ranges, annexes, remarks, several
// instruments; hostile and malformed input; every citation in the shipped data renders without falling back.
#define BOOST_TEST_MODULE instrument_register
#include <boost/test/unit_test.hpp>

#include "core/Citation.h"
#include "rules/InstrumentRegisterLoader.h"
#include "rules/RuleSetLoader.h"
#include "rules/XmlSchema.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const std::string sourceDir = SECLEVEL_SOURCE_DIR;

std::shared_ptr<XmlSchema> schema()
{
    static const std::shared_ptr<XmlSchema> loaded = [] {
        auto result = XmlSchema::load(sourceDir + "/schemas/instruments.xsd");
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

const InstrumentRegister& shipped()
{
    static const InstrumentRegister loaded = [] {
        auto result = loadInstrumentRegisterFile(sourceDir + "/questionnaires/instruments.xml", *schema());
        if (!result)
            throw std::runtime_error(result.errors().front().describe(Lang::En));
        return *result;
    }();
    return loaded;
}

std::string vi(const std::string& machine)
{
    return citationToVietnamese(machine, shipped());
}

} // namespace

BOOST_AUTO_TEST_CASE(renders_articles_clauses_and_points_the_vietnamese_way)
{
    BOOST_TEST(vi("NĐ85 Art 9.2.c") == "điểm c khoản 2 Điều 9 Nghị định số 85/2016/NĐ-CP");
    BOOST_TEST(vi("NĐ85 Art 12, 14, 16") == "Điều 12, Điều 14, Điều 16 Nghị định số 85/2016/NĐ-CP");
    BOOST_TEST(vi("TT12 Art 9.7") == "khoản 7 Điều 9 Thông tư số 12/2022/TT-BTTTT");
    BOOST_TEST(vi("NĐ331 Art 13.2.b") == "điểm b khoản 2 Điều 13 Nghị định số 331/2026/NĐ-CP");
    BOOST_TEST(vi("NĐ85 Art 12.3.đ, 14.3.c") ==
               "điểm đ khoản 3 Điều 12, điểm c khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP");
    BOOST_TEST(vi("L116 Art 45.1") == "khoản 1 Điều 45 Luật An ninh mạng số 116/2025/QH15");
    BOOST_TEST(vi("NĐ30 Art 8") == "Điều 8 Nghị định số 30/2020/NĐ-CP");
    BOOST_TEST(vi("NĐ61 Art 7.1") == "khoản 1 Điều 7 Nghị định số 61/2018/NĐ-CP");
}

BOOST_AUTO_TEST_CASE(renders_ranges_annexes_remarks_and_several_instruments)
{
    BOOST_TEST(vi("NĐ85 Art 12–16") == "từ Điều 12 đến Điều 16 Nghị định số 85/2016/NĐ-CP");
    BOOST_TEST(vi("NĐ331 Art 21-22") == "từ Điều 21 đến Điều 22 Nghị định số 331/2026/NĐ-CP");
    BOOST_TEST(vi("NĐ331 Art 18.1–18.2") == "từ khoản 1 đến khoản 2 Điều 18 Nghị định số 331/2026/NĐ-CP");
    BOOST_TEST(vi("NĐ331 Art 20.1.a–b") == "từ điểm a đến điểm b khoản 1 Điều 20 Nghị định số 331/2026/NĐ-CP");
    BOOST_TEST(vi("NĐ85 Art 14.3–15.1") == "từ khoản 3 Điều 14 đến khoản 1 Điều 15 Nghị định số 85/2016/NĐ-CP");
    BOOST_TEST(vi("NĐ331 Art 23, Annex Form 04") == "Điều 23, Mẫu số 04 Phụ lục Nghị định số 331/2026/NĐ-CP");
    BOOST_TEST(vi("TT12 Annex I.I.1.1") == "mục I.1.1 Phụ lục I Thông tư số 12/2022/TT-BTTTT");
    BOOST_TEST(vi("NĐ85 Art 12.3.a (MPS from 01/03/2025)") ==
               "điểm a khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP (MPS from 01/03/2025)");
    BOOST_TEST(vi("TT12 Art 13; NĐ331 Art 35, 36") ==
               "Điều 13 Thông tư số 12/2022/TT-BTTTT; Điều 35, Điều 36 Nghị định số 331/2026/NĐ-CP");
}

BOOST_AUTO_TEST_CASE(english_text_keeps_the_machine_form)
{
    BOOST_TEST(citationText("NĐ85 Art 9.2.c", Lang::En, shipped()) == "NĐ85 Art 9.2.c");
    BOOST_TEST(citationText("NĐ85 Art 9.2.c", Lang::Vi, shipped()) == vi("NĐ85 Art 9.2.c"));
}

BOOST_AUTO_TEST_CASE(what_does_not_read_comes_back_as_given_and_parse_names_it)
{
    for (const std::string bad :
         {"", "NĐ85", "NĐ85 Article 9", "NĐ85 Art", "NĐ85 Art 9.x", "NĐ85 Art 9.2.cc", "NĐ85 Art 0", "NĐ85 Art 9..2",
          "NĐ85 Art 12–", "NĐ85 Art 9.2.c–7", "NĐ85 Art 99999", "\x1B[2J Art 9", "NĐ85 Art 9, , 10"}) {
        BOOST_TEST(vi(bad) == bad);
        auto parsed = parseCitations(bad, &shipped());
        BOOST_TEST_REQUIRE(!parsed.ok(), bad);
        BOOST_TEST(parsed.errors().front().field == "citation");
        BOOST_TEST((parsed.errors().front().kind == ErrorKind::InvalidInput));
    }
    // Reads, but the register does not know the instrument: kept as given; parse with the register refuses.
    BOOST_TEST(vi("QĐ1 Art 3") == "QĐ1 Art 3");
    auto unknown = parseCitations("QĐ1 Art 3", &shipped());
    BOOST_TEST_REQUIRE(!unknown.ok());
    BOOST_TEST(unknown.errors().front().message.en.find("'QĐ1'") != std::string::npos);
    BOOST_TEST(parseCitations("QĐ1 Art 3").ok()); // without a register only the form is checked

    auto parsed = parseCitations("NĐ85 Art 20.1.a–b, 12", &shipped());
    BOOST_TEST_REQUIRE(parsed.ok());
    BOOST_TEST(parsed->size() == 1u);
    const Citation& c = parsed->front();
    BOOST_TEST(c.instrument == "NĐ85");
    BOOST_TEST_REQUIRE(c.references.size() == 2u);
    BOOST_TEST(c.references[0].from.article == 20);
    BOOST_TEST(c.references[0].from.clause == 1);
    BOOST_TEST(c.references[0].from.point == "a");
    BOOST_TEST_REQUIRE(c.references[0].to.has_value());
    BOOST_TEST(c.references[0].to->point == "b");
    BOOST_TEST(!c.references[1].to.has_value());
}

BOOST_AUTO_TEST_CASE(every_citation_in_the_shipped_data_renders)
{
    // Every citation="…" of every shipped rule set, dossier template, procedure and document set.
    const std::regex attribute("citation=\"([^\"]*)\"");
    size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(sourceDir + "/questionnaires")) {
        if (entry.path().extension() != ".xml")
            continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string content = text.str();
        for (auto it = std::sregex_iterator(content.begin(), content.end(), attribute); it != std::sregex_iterator();
             ++it) {
            const std::string machine = (*it)[1];
            const std::string rendered = vi(machine);
            BOOST_TEST(rendered != machine, entry.path().string() << ": " << machine);
            ++checked;
        }
    }
    BOOST_TEST(checked > 800u); // 853 when written
}

BOOST_AUTO_TEST_CASE(rule_set_instruments_take_their_names_from_the_register)
{
    auto ruleSets = loadRuleSets(sourceDir + "/questionnaires", sourceDir + "/schemas/ruleset.xsd");
    BOOST_TEST_REQUIRE(ruleSets.ok());
    BOOST_TEST(nameRuleSetInstruments(*ruleSets, shipped()).empty());
    for (const RuleSet& rs : *ruleSets)
        for (const Instrument& i : rs.instruments)
            BOOST_TEST(!i.name.vi.empty(), rs.id << " " << i.code);

    InstrumentRegister partial = shipped();
    partial.instruments.erase(partial.instruments.begin()); // L86, cited by VN-2016 and VN-2022
    auto again = loadRuleSets(sourceDir + "/questionnaires", sourceDir + "/schemas/ruleset.xsd");
    const Errors errors = nameRuleSetInstruments(*again, partial);
    BOOST_TEST(errors.size() == 2u);
    BOOST_TEST((errors.front().kind == ErrorKind::RuleSet));
    BOOST_TEST(errors.front().field == "L86");
}

BOOST_AUTO_TEST_CASE(register_files_are_checked)
{
    const std::string dup = R"(<?xml version="1.0" encoding="UTF-8"?>
<instruments xmlns="urn:seclevel:instruments:1">
  <instrument code="NĐ85"><name lang="vi">A</name><name lang="en">A</name></instrument>
  <instrument code="NĐ85"><name lang="vi">B</name><name lang="en">B</name></instrument>
</instruments>)";
    BOOST_TEST(!loadInstrumentRegister(dup, "dup.xml", *schema()).ok());
    const std::string oneName = R"(<?xml version="1.0" encoding="UTF-8"?>
<instruments xmlns="urn:seclevel:instruments:1">
  <instrument code="NĐ85"><name lang="vi">A</name></instrument>
</instruments>)";
    auto loaded = loadInstrumentRegister(oneName, "one.xml", *schema());
    BOOST_TEST_REQUIRE(!loaded.ok());
    BOOST_TEST(loaded.errors().front().file == "one.xml");
    BOOST_TEST((loaded.errors().front().kind == ErrorKind::RuleSet));
}
