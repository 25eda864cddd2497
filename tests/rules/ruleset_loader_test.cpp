#define BOOST_TEST_MODULE ruleset_loader
#include <boost/test/unit_test.hpp>

#include "rules/RuleSetLoader.h"
#include "rules/XmlSchema.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace seclevel;
namespace fs = std::filesystem;

namespace {

const fs::path sourceDir = SECLEVEL_SOURCE_DIR;

const XmlSchema& schema()
{
    static const auto loaded = XmlSchema::load((sourceDir / "schemas" / "ruleset.xsd").string());
    if (!loaded)
        throw std::runtime_error(loaded.errors().front().describe(Lang::En));
    return **loaded;
}

// A minimal valid rule set; `questions`, `criteria` and `warnings` are spliced in.
std::string document(const std::string& questions, const std::string& criteria, const std::string& warnings = "")
{
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<ruleset xmlns="urn:seclevel:ruleset:1" id="TS-2020" version="1.0.0" valid-from="2020-01-01">
  <title lang="vi">Thử</title><title lang="en">Test</title>
  <instruments><instrument code="NĐ85"><title lang="vi">Nghị định 85</title><title lang="en">Decree 85</title></instrument></instruments>
  <questions>
)" + questions +
           R"(
  </questions>
  <criteria>
)" + criteria +
           R"(
  </criteria>
)" + (warnings.empty() ? std::string() : "  <warnings>\n" + warnings + "\n  </warnings>\n") +
           "</ruleset>\n";
}

const std::string typeQuestion =
    R"(    <question key="system_type" type="choice" required="true" citation="NĐ85 Art 6.2">
      <text lang="vi">Loại hệ thống</text><text lang="en">System type</text>
      <option value="internal"><label lang="vi">Nội bộ</label><label lang="en">Internal</label></option>
      <option value="citizen_service"><label lang="vi">Phục vụ người dân</label><label lang="en">Citizens</label></option>
    </question>)";

const std::string usersQuestion = R"(    <question key="users" type="integer" min="0" citation="NĐ85 Art 8.2.c">
      <text lang="vi">Số người dùng</text><text lang="en">Users</text>
      <show-if>system_type == 'citizen_service'</show-if>
    </question>)";

std::string criterion(const std::string& id, const std::string& when, const std::string& citation = "NĐ85 Art 7")
{
    return "    <criterion id=\"" + id + "\" level=\"1\" citation=\"" + citation +
           "\">\n      <text lang=\"vi\">x</text><text lang=\"en\">x</text>\n      <when>" + when +
           "</when>\n    </criterion>";
}

Result<RuleSet> load(const std::string& xml)
{
    return loadRuleSet(xml, "bad/ruleset.xml", schema());
}

bool mentions(const Errors& errors, const std::string& fragment, int line = -1)
{
    for (const auto& e : errors)
        if (e.file == "bad/ruleset.xml" && e.describe(Lang::En).find(fragment) != std::string::npos &&
            (line < 0 || e.line == line) && !e.message.vi.empty())
            return true;
    return false;
}

std::string dump(const Errors& errors)
{
    std::string out;
    for (const auto& e : errors)
        out += e.describe(Lang::En) + "\n";
    return out;
}

int lineOf(const std::string& xml, const std::string& fragment)
{
    const auto pos = xml.find(fragment);
    return static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n')) + 1;
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_rule_sets_load_with_their_metadata)
{
    auto sets = loadRuleSets((sourceDir / "questionnaires").string(), (sourceDir / "schemas" / "ruleset.xsd").string());
    BOOST_REQUIRE_MESSAGE(sets.ok(), (sets.ok() ? std::string() : dump(sets.errors())));
    BOOST_REQUIRE_EQUAL(sets->size(), 3u);
    BOOST_TEST((*sets)[0].id == "VN-2016");
    BOOST_TEST((*sets)[1].id == "VN-2022");
    BOOST_TEST((*sets)[2].id == "VN-2026");
    for (const auto& rs : *sets) {
        BOOST_TEST(!rs.criteria.empty());
        for (const char* key :
             {"system_type", "info_classes", "defence_security_harm", "strategic_defence_security",
              "online_public_service_level", "handles_administrative_procedures", "conditional_business_service",
              "personal_data_subjects", "sensitive_data_subjects", "infrastructure_scope", "national_egov_system",
              "always_on_24x7", "construction_work_grade", "national_data_central_store", "pm_designated_level"})
            BOOST_TEST(rs.question(key) != nullptr, rs.id + " lacks fixed key " + key);
        for (const auto& c : rs.criteria)
            BOOST_TEST(!c.citation.empty());
    }
    BOOST_TEST(ruleSetInForce(*sets, *parseIsoDate("2026-11-23"))->id == "VN-2026");
}

BOOST_AUTO_TEST_CASE(minimal_document_loads)
{
    auto rs = load(document(typeQuestion + usersQuestion, criterion("7", "system_type == 'internal'")));
    BOOST_REQUIRE_MESSAGE(rs.ok(), (rs.ok() ? std::string() : dump(rs.errors())));
    BOOST_TEST(rs->questions.size() == 2u);
    BOOST_TEST(rs->question("users")->showIf->source() == "system_type == 'citizen_service'");
}

BOOST_AUTO_TEST_CASE(unknown_answer_key_in_a_criterion_names_its_line)
{
    const std::string xml = document(typeQuestion, criterion("7", "colour == 'red'"));
    auto rs = load(xml);
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(mentions(rs.errors(), "unknown answer key 'colour'", lineOf(xml, "<when>colour")), dump(rs.errors()));
}

BOOST_AUTO_TEST_CASE(undeclared_option_is_refused)
{
    auto rs = load(document(typeQuestion, criterion("7", "system_type == 'spaceship'")));
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(mentions(rs.errors(), "'spaceship' is not an option"), dump(rs.errors()));
}

BOOST_AUTO_TEST_CASE(question_that_depends_on_itself_is_a_cycle)
{
    const std::string a =
        R"(    <question key="a" type="boolean" citation="NĐ85 Art 1"><text lang="vi">a</text><text lang="en">a</text><show-if>b</show-if></question>)";
    const std::string b =
        R"(    <question key="b" type="boolean" citation="NĐ85 Art 1"><text lang="vi">b</text><text lang="en">b</text><show-if>a</show-if></question>)";
    const std::string self =
        R"(    <question key="c" type="boolean" citation="NĐ85 Art 1"><text lang="vi">c</text><text lang="en">c</text><required-if>c</required-if></question>)";
    auto rs = load(document(typeQuestion + a + b + self, criterion("7", "system_type == 'internal'")));
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(mentions(rs.errors(), "cycle: a → b → a"), dump(rs.errors()));
    BOOST_TEST(mentions(rs.errors(), "cycle: c → c"), dump(rs.errors()));
}

BOOST_AUTO_TEST_CASE(duplicate_ids_are_refused)
{
    auto dupCriterion = load(document(typeQuestion, criterion("7", "system_type == 'internal'") +
                                                        criterion("7", "system_type == 'internal'")));
    BOOST_REQUIRE(!dupCriterion.ok());
    BOOST_TEST(mentions(dupCriterion.errors(), "7"), dump(dupCriterion.errors()));
    auto dupQuestion = load(document(typeQuestion + typeQuestion, criterion("7", "system_type == 'internal'")));
    BOOST_REQUIRE(!dupQuestion.ok());
}

BOOST_AUTO_TEST_CASE(criterion_without_citation_is_refused)
{
    const std::string xml = document(typeQuestion, criterion("7", "system_type == 'internal'", ""));
    auto rs = load(xml);
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(rs.errors().front().line == lineOf(xml, "<criterion id=\"7\""), dump(rs.errors()));
}

BOOST_AUTO_TEST_CASE(schema_violations_carry_lines)
{
    std::string xml = document(typeQuestion, criterion("7", "system_type == 'internal'"));
    xml.replace(xml.find("level=\"1\""), 9, "level=\"9\"");
    auto rs = load(xml);
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(rs.errors().front().line == lineOf(xml, "level=\"9\""), dump(rs.errors()));
}

BOOST_AUTO_TEST_CASE(malformed_and_truncated_xml)
{
    const std::string xml = document(typeQuestion, criterion("7", "system_type == 'internal'"));
    auto truncated = load(xml.substr(0, xml.size() / 2));
    BOOST_REQUIRE(!truncated.ok());
    BOOST_TEST(mentions(truncated.errors(), "malformed XML"), dump(truncated.errors()));
    BOOST_TEST(!load("").ok());
    BOOST_TEST(!load("not xml at all").ok());
}

BOOST_AUTO_TEST_CASE(entity_attacks_are_refused)
{
    const std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE ruleset [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ruleset xmlns="urn:seclevel:ruleset:1" id="&lol4;" version="1" valid-from="2020-01-01"/>)";
    auto bomb = load(laughs);
    BOOST_REQUIRE(!bomb.ok());
    BOOST_TEST(mentions(bomb.errors(), "DOCTYPE"), dump(bomb.errors()));

    const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE ruleset [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<ruleset xmlns="urn:seclevel:ruleset:1" id="x" version="1" valid-from="2020-01-01"><title lang="vi">&secret;</title></ruleset>)";
    auto external = load(xxe);
    BOOST_REQUIRE(!external.ok());
    BOOST_TEST(mentions(external.errors(), "DOCTYPE"), dump(external.errors()));
}

BOOST_AUTO_TEST_CASE(oversized_file_is_refused_by_name)
{
    const fs::path dir = fs::temp_directory_path() / ("seclevel-loader-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path big = dir / "ruleset.xml";
    {
        std::ofstream out(big, std::ios::binary);
        const std::string chunk(1 << 20, ' ');
        for (size_t i = 0; i <= XmlSchema::maxDocumentBytes / chunk.size(); ++i)
            out << chunk;
    }
    auto rs = loadRuleSetFile(big.string(), schema());
    BOOST_REQUIRE(!rs.ok());
    BOOST_TEST(rs.errors().front().file == big.string());
    BOOST_TEST(rs.errors().front().message.en.find("too large") != std::string::npos);
    auto missing = loadRuleSetFile((dir / "nothing.xml").string(), schema());
    BOOST_REQUIRE(!missing.ok());
    BOOST_TEST(missing.errors().front().message.en.find("cannot open") != std::string::npos);
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(issue_10_features_load_and_their_misuse_is_refused)
{
    const std::string counted =
        R"(    <question key="users" type="integer" min="0" citation="NĐ85 Art 8.2.c" count-scope="system">
      <text lang="vi">Số người dùng</text><text lang="en">Users</text>
    </question>)";
    const std::string fallbackRow = R"(    <criterion id="7.fallback" level="1" citation="NĐ85 Art 7" fallback="true">
      <text lang="vi">x</text><text lang="en">x</text><when>system_type == 'internal'</when>
    </criterion>)";
    const std::string decided = R"(    <warning id="W-7" citation="NĐ85 Art 7" decided-by="7 7.fallback">
      <text lang="vi">căn cứ {decisive}</text><text lang="en">basis {decisive}</text>
    </warning>
    <warning id="W-SUM" citation="NĐ85 Art 7"><text lang="vi">x</text><text lang="en">x</text><when>summed(users)</when></warning>)";
    const std::string refusal = R"(  <refusals>
    <refusal id="R-1" citation="NĐ85 Art 7" key="users"><text lang="vi">x</text><text lang="en">x</text>
      <when>users > 5 and system_type != 'citizen_service'</when></refusal>
  </refusals>
)";
    std::string xml =
        document(typeQuestion + counted, criterion("7", "system_type == 'internal'") + fallbackRow, decided);
    xml.insert(xml.find("</ruleset>"), refusal);
    auto rs = load(xml);
    BOOST_REQUIRE_MESSAGE(rs.ok(), (rs.ok() ? std::string() : dump(rs.errors())));
    BOOST_TEST((rs->question("users")->countScope == Question::CountScope::System));
    BOOST_TEST((rs->countSlots == std::vector<int>{1}));
    BOOST_TEST(rs->criteria[1].fallback);
    BOOST_TEST(rs->warnings[0].decidedBy == (std::vector<size_t>{0, 1}));
    BOOST_TEST(rs->warnings[0].namesDecisive);
    BOOST_TEST(!rs->warnings[0].when);
    BOOST_REQUIRE(rs->refusals.size() == 1u);
    BOOST_TEST(rs->refusals[0].key == "users");

    auto refused = [&](std::string bad, const std::string& from, const std::string& to, const std::string& message) {
        bad.replace(bad.find(from), from.size(), to);
        auto r = load(bad);
        BOOST_TEST(!r.ok(), message);
        if (!r.ok())
            BOOST_TEST(mentions(r.errors(), message), dump(r.errors()));
    };
    refused(xml, "decided-by=\"7 7.fallback\"", "decided-by=\"7 9.9\"", "decided-by names no criterion '9.9'");
    refused(xml, "count-scope=\"system\"", "", "declares no count-scope");
    refused(xml, "key=\"users\" type=\"integer\"", "key=\"users\" type=\"text\"",
            "count-scope is only for integer questions");
    refused(xml, "decided-by=\"7 7.fallback\"", "", "a warning needs <when> or decided-by");
    refused(xml, "users > 5 and ", "", "does not read its key 'users'");
    refused(xml, "<when>users > 5", "<when>summed(users) and users > 5", "only available in criteria and warnings");
    refused(xml, "citation=\"NĐ85 Art 7\" fallback=\"true\"",
            "citation=\"NĐ85 Art 7\" kind=\"floor\" fallback=\"true\"", "a floor cannot be a fallback row");
}
