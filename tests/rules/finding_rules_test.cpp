// The rules of automatic inspection findings (questionnaires/<ID>/findings.xml, schemas/findings.xsd): the shipped
// files load, every citation names an instrument of the register and renders; a duty's rule is the one naming it,
// else the catch-all; files with an unknown instrument, a malformed citation or a step rule without its step are
// refused with file and line.
#define BOOST_TEST_MODULE finding_rules
#include <boost/test/unit_test.hpp>

#include "rules/FindingRulesLoader.h"
#include "rules/InstrumentRegisterLoader.h"
#include "rules/XmlSchema.h"

#include <stdexcept>

using namespace seclevel;

namespace {

const std::string sourceDir = SECLEVEL_SOURCE_DIR;

template <class T>
T required(Result<T> result)
{
    if (!result)
        throw std::runtime_error(result.errors().front().describe(Lang::En));
    return std::move(*result);
}

const XmlSchema& schema()
{
    static const auto loaded = required(XmlSchema::load(sourceDir + "/schemas/findings.xsd"));
    return *loaded;
}

const InstrumentRegister& instruments()
{
    static const InstrumentRegister loaded = [] {
        auto registerSchema = required(XmlSchema::load(sourceDir + "/schemas/instruments.xsd"));
        return required(loadInstrumentRegisterFile(sourceDir + "/questionnaires/instruments.xml", *registerSchema));
    }();
    return loaded;
}

std::string file(const std::string& rule)
{
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<findings xmlns="urn:seclevel:findings:1" ruleset="VN-2022" version="1.0.0">
)" + rule + "</findings>\n";
}

std::string rule(const std::string& attributes)
{
    return "  <rule id=\"r\" " + attributes +
           " severity=\"high\" responsible=\"owner\" remedy-days=\"30\">\n"
           "    <title lang=\"vi\">T</title><title lang=\"en\">T</title>\n"
           "    <recommendation lang=\"vi\">R</recommendation><recommendation lang=\"en\">R</recommendation>\n"
           "  </rule>\n";
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_rules_load_and_their_citations_render)
{
    for (const std::string id : {"VN-2016", "VN-2022", "VN-2026"}) {
        const FindingRuleSet set = required(
            loadFindingRulesFile(sourceDir + "/questionnaires/" + id + "/findings.xml", schema(), instruments()));
        BOOST_TEST(set.rulesetId == id);
        BOOST_TEST(set.rules.size() >= 8u);
        for (const FindingRule& r : set.rules) {
            BOOST_TEST(citationToVietnamese(r.citation, instruments()) != r.citation, id << " " << r.id);
            BOOST_TEST(!r.title.vi.empty());
            BOOST_TEST(!r.recommendation.en.empty());
        }
        BOOST_REQUIRE(set.ruleFor(FindingFact::NoApprovedLevel));
        // A duty a rule names goes to that rule; another goes to the catch-all.
        BOOST_TEST(set.ruleFor(FindingFact::DutyOverdue, "periodic_assessment_l34")->id ==
                   "periodic_assessment_overdue");
        BOOST_TEST(set.ruleFor(FindingFact::DutyOverdue, "drill")->id == "duty_overdue");
    }
    const FindingRuleSet vn2016 =
        required(loadFindingRulesFile(sourceDir + "/questionnaires/VN-2016/findings.xml", schema(), instruments()));
    BOOST_TEST(!vn2016.ruleFor(FindingFact::StepMissingBeforeApproval)); // no regulation step before TT12
    BOOST_TEST(vn2016.ruleFor(FindingFact::NoApprovedLevel)->citation == "NĐ85 Art 12, 14, 16");
    // Who may assess: levels 3–5 under NĐ85 (Art 20.2.c), level 5 only under NĐ331 (Art 31.2.c).
    const FindingRule* nd85 = vn2016.ruleFor(FindingFact::AssessedByUnqualifiedBody, "periodic_assessment_l34");
    BOOST_REQUIRE(nd85);
    BOOST_TEST((nd85->qualified == std::vector<std::string>{"licensed", "public-service", "designated"}));
    BOOST_TEST(!vn2016.ruleFor(FindingFact::AssessedByUnqualifiedBody, "periodic_assessment"));
    const FindingRuleSet vn2026 =
        required(loadFindingRulesFile(sourceDir + "/questionnaires/VN-2026/findings.xml", schema(), instruments()));
    BOOST_TEST(!vn2026.ruleFor(FindingFact::AssessedByUnqualifiedBody, "periodic_assessment_l34"));
    BOOST_TEST(vn2026.ruleFor(FindingFact::AssessedByUnqualifiedBody, "periodic_assessment_l5")->citation ==
               "NĐ331 Art 31.2.c");
    BOOST_TEST(vn2026.ruleFor(FindingFact::PlanNotDeployed)->citation == "NĐ331 Art 31.2.b, 33.1");
}

BOOST_AUTO_TEST_CASE(wrong_rules_are_refused_with_file_and_line)
{
    auto unknown = loadFindingRules(file(rule("fact=\"no-approved-level\" citation=\"QĐ9 Art 1\"")), "f.xml", schema(),
                                    instruments());
    BOOST_REQUIRE(!unknown.ok());
    BOOST_TEST(unknown.errors().front().file == "f.xml");
    BOOST_TEST(unknown.errors().front().line == 3);
    BOOST_TEST((unknown.errors().front().kind == ErrorKind::RuleSet));
    BOOST_TEST(!loadFindingRules(file(rule("fact=\"no-approved-level\" citation=\"NĐ85 Article 12\"")), "f.xml",
                                 schema(), instruments())
                    .ok());
    auto noStep = loadFindingRules(file(rule("fact=\"step-missing-before-approval\" citation=\"TT12 Art 9.7\"")),
                                   "f.xml", schema(), instruments());
    BOOST_REQUIRE(!noStep.ok());
    BOOST_TEST(noStep.errors().front().field == "step");
    auto noKinds = loadFindingRules(file(rule("fact=\"assessed-by-unqualified-body\" duties=\"periodic_assessment_l5\" "
                                              "citation=\"NĐ85 Art 20.2.c\"")),
                                    "f.xml", schema(), instruments());
    BOOST_REQUIRE(!noKinds.ok());
    BOOST_TEST(noKinds.errors().front().field == "qualified");
    BOOST_TEST(!loadFindingRules(file(rule("fact=\"assessed-by-unqualified-body\" duties=\"periodic_assessment_l5\" "
                                           "qualified=\"licensed certified\" citation=\"NĐ85 Art 20.2.c\"")),
                                 "f.xml", schema(), instruments())
                    .ok()); // "certified" is no kind of assessor
    BOOST_TEST(!loadFindingRules(file(rule("fact=\"no-such-fact\" citation=\"NĐ85 Art 12\"")), "f.xml", schema(),
                                 instruments())
                    .ok());
    BOOST_TEST(loadFindingRules(file(rule("fact=\"no-approved-level\" citation=\"NĐ85 Art 12\"")), "f.xml", schema(),
                                instruments())
                   .ok());
}
