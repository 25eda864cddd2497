// The procedures as data: the shipped ones load and say what the law says; broken files are refused with
// file, line and field.
#define BOOST_TEST_MODULE procedure_loader
#include "core/Workflow.h"
#include "rules/ProcedureLoader.h"
#include "rules/XmlSchema.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace seclevel;

namespace {

const XmlSchema& schema()
{
    static auto loaded = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/procedure.xsd");
    BOOST_REQUIRE(loaded.ok());
    return **loaded;
}

Procedure shipped(const std::string& id)
{
    auto p = loadProcedureFile(std::string(SECLEVEL_SOURCE_DIR) + "/questionnaires/" + id + "/procedure.xml", schema());
    BOOST_REQUIRE_MESSAGE(p.ok(), id + (p.ok() ? std::string() : ": " + p.errors().front().describe(Lang::En)));
    return *p;
}

const ClockRule* clock(const Procedure& p, const std::string& id, int level)
{
    for (const ClockRule& c : p.clocks)
        if (c.id == id && appliesToLevel(c.levels, level))
            return &c;
    return nullptr;
}

const std::string minimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<procedure xmlns="urn:seclevel:procedure:1" ruleset="VN-X" version="1" initial="draft" approved="approved"
           redetermination="draft" separation-citation="X Art 1">
  <states>
    <state id="draft" form08="Đang dự thảo"><name lang="vi">a</name><name lang="en">a</name></state>
    <state id="approved" form08="Đã được phê duyệt"><name lang="vi">b</name><name lang="en">b</name></state>
  </states>
  <steps>
    <step id="approve" from="draft" to="STATE" citation="X Art 2">
      <name lang="vi">c</name><name lang="en">c</name>
      <actor role="owner" scope="system-tree" citation="X Art 2"/>
    </step>
  </steps>
  <clocks/>
  <duties/>
  <redetermination><trigger kind="derived-level" citation="X Art 3"/></redetermination>
</procedure>
)";

std::string with(std::string text, const std::string& from, const std::string& to)
{
    text.replace(text.find(from), from.size(), to);
    return text;
}

std::string with(const std::string& from, const std::string& to)
{
    return with(minimal, from, to);
}

} // namespace

BOOST_AUTO_TEST_CASE(shipped_procedures_load_with_the_statutory_time_limits)
{
    const Procedure v22 = shipped("VN-2022");
    BOOST_TEST(clock(v22, "appraisal", 3)->count == 15);
    BOOST_TEST((clock(v22, "appraisal", 3)->unit == ClockUnit::CalendarDays));
    BOOST_TEST(clock(v22, "appraisal", 4)->count == 30);
    BOOST_TEST(clock(v22, "approval", 1)->count == 7);
    BOOST_TEST((clock(v22, "approval", 1)->unit == ClockUnit::WorkingDays));
    const Procedure v26 = shipped("VN-2026");
    BOOST_TEST(clock(v26, "appraisal", 3)->count == 15);
    BOOST_TEST((clock(v26, "appraisal", 3)->unit == ClockUnit::WorkingDays));
    BOOST_TEST(clock(v26, "appraisal", 5)->count == 25);
    BOOST_TEST(clock(v26, "validity_check", 2)->count == 5);
    BOOST_TEST(clock(v26, "validity_check", 2)->window);
    // Every state has its Form 08 wording.
    for (const Procedure* p : {&v22, &v26})
        for (const ProcedureState& s : p->states)
            BOOST_TEST(!s.form08Status.empty(), s.id);
    BOOST_TEST(v26.state("approved")->form08Status == "Đã được phê duyệt");
    BOOST_TEST(v26.state("submitted_for_appraisal")->form08Status == "Đã gửi thẩm định");
    // The same step is defined per group of levels: appraisal of levels 4–5 by a national body.
    BOOST_TEST((v22.step("appraise_fit", 2)->actors.front().role == Role::SecurityUnit));
    BOOST_TEST((v22.step("appraise_fit", 4)->actors.front().scope == ActorScope::Body));
    // VN-2016 (TT03) has no security-regulation requirement; TT12 and NĐ331 do.
    const Procedure v16 = shipped("VN-2016");
    BOOST_TEST(!v16.step("issue_security_regulation"));
    bool regulation = false;
    for (const StepRequirement& r : v26.step("approve", 3)->requirements)
        regulation = regulation || (r.check == StepCheck::SecurityRegulation && r.citation == "NĐ331 Art 30.7");
    BOOST_TEST(regulation);
}

BOOST_AUTO_TEST_CASE(a_valid_minimal_file_loads)
{
    auto p = loadProcedure(with("STATE", "approved"), "p.xml", schema());
    BOOST_REQUIRE(p.ok());
    BOOST_TEST(p->steps.size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_states_steps_and_overlaps_are_refused_with_their_line)
{
    auto unknownState = loadProcedure(with("STATE", "nowhere"), "p.xml", schema());
    BOOST_REQUIRE(!unknownState.ok());
    BOOST_TEST(unknownState.errors().front().line == 9);
    BOOST_TEST(unknownState.errors().front().file == "p.xml");
    BOOST_TEST((unknownState.errors().front().kind == ErrorKind::RuleSet));
    BOOST_TEST(unknownState.errors().front().describe(Lang::En).find("nowhere") != std::string::npos);

    const std::string twice = with("STATE", "approved");
    std::string doubled = twice;
    const auto start = doubled.find("    <step ");
    const auto end = doubled.find("</step>") + 8;
    doubled.insert(end, doubled.substr(start, end - start));
    auto overlap = loadProcedure(doubled, "p.xml", schema());
    BOOST_REQUIRE(!overlap.ok());
    BOOST_TEST(overlap.errors().front().describe(Lang::En).find("defined twice") != std::string::npos);

    auto clockOfNoStep =
        loadProcedure(with(with("STATE", "approved"), "<clocks/>",
                           "<clocks><clock id=\"c\" start=\"nope\" stop=\"approve\" count=\"5\" unit=\"working-days\" "
                           "owed-by=\"owner\" citation=\"X Art 4\"><name lang=\"vi\">d</name><name lang=\"en\">d</name>"
                           "</clock></clocks>"),
                      "p.xml", schema());
    BOOST_REQUIRE(!clockOfNoStep.ok());
    BOOST_TEST(clockOfNoStep.errors().front().describe(Lang::En).find("step not declared") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(schema_violations_and_hostile_xml_are_refused)
{
    auto badRole = loadProcedure(with(with("STATE", "approved"), "role=\"owner\"", "role=\"king\""), "p.xml", schema());
    BOOST_REQUIRE(!badRole.ok());
    BOOST_TEST(badRole.errors().front().line > 0);
    auto entity = loadProcedure(
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><procedure>&x;</procedure>",
        "p.xml", schema());
    BOOST_TEST(!entity.ok());
    auto duty =
        loadProcedure(with(with("STATE", "approved"), "<duties/>",
                           "<duties><duty id=\"d\" owed-by=\"owner\" citation=\"X Art 5\"><name lang=\"vi\">e</name>"
                           "<name lang=\"en\">e</name></duty></duties>"),
                      "p.xml", schema());
    BOOST_REQUIRE(!duty.ok());
    BOOST_TEST(duty.errors().front().describe(Lang::En).find("exactly one") != std::string::npos,
               duty.errors().front().describe(Lang::En));
}
