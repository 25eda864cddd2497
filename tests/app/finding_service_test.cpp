// FindingService: a synthetic province (30 agencies in two districts, 270 systems in mixed states, stored with
// their assessments and recorded steps) where the findings are known by construction. The rule set that judges a
// fact is the one in force the day it began: unapproved systems cite NĐ85 Art 12, 14, 16 in an inspection of
// facts up to 30/06/2026 and NĐ331 Art 18, 20 in one up to 2027; a 2023 approval without a security regulation
// cites TT12 Art 9.7, a 2027 one NĐ331 Art 30.7. Only the inspected district's systems are judged; outsiders are
// refused; a re-run gives the same findings. One approval per agency was taken by the operator instead of the
// owner: approval by the wrong authority (NĐ85 Art 12). Assessments of level 3 in 2024 by the body's own unit
// breach NĐ85 Art 20.2.c (a licensed body's in 2025 does not); under NĐ331 only level 5 needs a qualified body
// (Art 31.2.c). A plan stated partly deployed with no planned date breaches TT12 Art 9.6 from the approval; one
// past its planned date NĐ331 Art 31.2.b from the day after; one still inside its roadmap nothing.
#define BOOST_TEST_MODULE finding_service
#include "AppFixture.h"

#include "app/DossierService.h"
#include "app/FindingService.h"
#include "app/InspectionService.h"
#include "core/Assessment.h"
#include "core/Dossier.h"
#include "core/Sha256.h"
#include "formats/html/HtmlEscape.h"
#include "formats/html/InspectionConclusionHtml.h"
#include "formats/xml/InspectionConclusionXml.h"
#include "rules/XmlSchema.h"

#include <cstring>

#include <map>
#include <set>
#include <utility>

using namespace seclevel;
using namespace seclevel::testing;

namespace {

Date day(int y, unsigned m, unsigned d)
{
    return std::chrono::year{y} / m / d;
}

Actor as(const std::string& user, const std::string& organisation, Role role)
{
    Actor a = actor(user);
    a.organisationId = organisation;
    a.role = role;
    return a;
}

DutyRecord assessment(const std::string& system, const std::string& duty, Date on, const std::string& kind)
{
    DutyRecord r;
    r.systemId = system;
    r.dutyId = duty;
    r.fulfilledOn = on;
    r.documentNumber = "BC-" + formatIsoDate(on);
    r.assessor = kind == "internal" ? "Phòng CNTT của cơ quan" : "Công ty ATTT (giấy phép 01/GP-BTTTT)";
    r.assessorKind = kind;
    return r;
}

// Statements for every item of the level's requirement groups: all met, or (partly) only the first item, the
// rest partly met and planned by `plannedBy` (none: no date, no statement).
Dossier plan(const std::string& system, const std::string& rulesetId, int level, bool full,
             std::optional<Date> plannedBy)
{
    Dossier d;
    d.systemId = system;
    auto dossierTemplate = shippedCatalogue().dossierTemplate(rulesetId);
    BOOST_REQUIRE(dossierTemplate.ok());
    bool first = true;
    for (const RequirementGroupSpec* group : (*dossierTemplate)->requirementsForLevel(level))
        for (int item = 1; item <= group->count; ++item) {
            RequirementStatement s;
            s.groupId = group->id;
            s.item = item;
            const bool met = full || std::exchange(first, false);
            s.status = met ? RequirementStatus::Met : RequirementStatus::PartlyMet;
            s.how = met ? "Đã triển khai" : "Đang triển khai";
            if (!met)
                s.plannedBy = plannedBy;
            if (met || plannedBy)
                d.requirements.push_back(s);
        }
    return d;
}

WorkflowStepRecord step(const std::string& system, int seq, const std::string& id, const std::string& from,
                        const std::string& to, const std::string& ruleset, Date date, int approvedLevel = 0)
{
    WorkflowStepRecord r;
    r.systemId = system;
    r.seq = seq;
    r.step = id;
    r.fromState = from;
    r.toState = to;
    r.rulesetId = ruleset;
    r.rulesetVersion = "1.1.0";
    r.level = 3;
    r.date = date;
    r.approvedLevel = approvedLevel;
    return r;
}

// Per agency: 2 unapproved (A), 1 approved 2021 under VN-2016 (B), 2 approved 2023 under VN-2022 with and
// without the security regulation (C+, C-), 2 approved 2027 under VN-2026 with and without it (D+, D-), 1
// approved 2021 then marked for re-determination in 2027 (E).
struct Province {
    TempDir dir;
    std::unique_ptr<Store> store = openTestStore(dir.dir / "province.db");
    const Actor admin = as("admin", "UBND", Role::Administrator);
    const Actor inspector = as("tt1", "TTR-TINH", Role::Inspector);
    std::map<std::string, std::set<std::string>> inDistrict1; // kind → system ids of district 1

    Province()
    {
        auto org = [&](const std::string& id, const std::string& parent) {
            BOOST_REQUIRE(store->upsertOrganisation({id, "Cơ quan " + id, parent, ""}, admin).ok());
        };
        org("UBND", "");
        org("TTR-TINH", "UBND");
        org("H1", "UBND");
        org("H2", "UBND");
        const Catalogue& catalogue = shippedCatalogue();
        std::map<std::string, Assessment> assessments;
        SystemDescription base = exampleSystem();
        for (const char* rulesetId : {"VN-2016", "VN-2022", "VN-2026"}) {
            auto valid = validateAnswers(*catalogue.ruleSet(rulesetId), base);
            BOOST_REQUIRE(valid.ok());
            assessments[rulesetId] = deriveLevel(*catalogue.ruleSet(rulesetId), *valid);
        }
        int unit = 0;
        for (int a = 1; a <= 30; ++a) {
            const std::string district = a <= 20 ? "H1" : "H2";
            const std::string agency = "CQ-" + std::to_string(a);
            org(agency, district);
            const Actor owner = as("chu.quan." + agency, agency, Role::Owner); // who approves level 3 (Art 12.2.b)
            std::map<std::string, std::optional<std::string>> inAgency;        // kind → this agency's system
            auto add = [&](const std::string& kind, const std::string& rulesetId) {
                SystemDescription system = base;
                system.id = agency + "-" + kind + "-" + std::to_string(++unit);
                system.organisationId = agency;
                BOOST_REQUIRE(store->saveSystem(system, true, assessments[rulesetId], admin).ok());
                if (district == "H1")
                    inDistrict1[kind].insert(system.id);
                inAgency[kind] = system.id;
                return system.id;
            };
            add("A", "VN-2026");
            add("A", "VN-2026");
            const std::string b = add("B", "VN-2016");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(b, 1, "approve", "submitted_for_approval", "approved",
                                                        "VN-2016", day(2021, 3, 15), 3),
                                                   {}, owner)
                              .ok());
            for (const bool regulation : {true, false}) {
                const std::string c = add(regulation ? "C+" : "C-", "VN-2022");
                int seq = 0;
                if (regulation)
                    BOOST_REQUIRE(store
                                      ->appendWorkflowStep(step(c, ++seq, "issue_security_regulation", "appraised_fit",
                                                                "appraised_fit", "VN-2022", day(2023, 4, 1)),
                                                           {}, owner)
                                      .ok());
                BOOST_REQUIRE(store
                                  ->appendWorkflowStep(step(c, ++seq, "approve", "appraised_fit", "approved", "VN-2022",
                                                            day(2023, 5, 10), 3),
                                                       {}, owner)
                                  .ok());
                const std::string d = add(regulation ? "D+" : "D-", "VN-2026");
                seq = 0;
                if (regulation)
                    BOOST_REQUIRE(store
                                      ->appendWorkflowStep(step(d, ++seq, "issue_security_regulation", "appraised_fit",
                                                                "appraised_fit", "VN-2026", day(2027, 2, 1)),
                                                           {}, owner)
                                      .ok());
                BOOST_REQUIRE(store
                                  ->appendWorkflowStep(step(d, ++seq, "approve", "appraised_fit", "approved", "VN-2026",
                                                            day(2027, 3, 10), 3),
                                                       {}, owner)
                                  .ok());
            }
            // W: approved in 2023 (with the regulation) by the operator, not the owner: the wrong authority.
            const std::string w = add("W", "VN-2022");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(w, 1, "issue_security_regulation", "appraised_fit",
                                                        "appraised_fit", "VN-2022", day(2023, 4, 1)),
                                                   {}, owner)
                              .ok());
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(
                                  step(w, 2, "approve", "appraised_fit", "approved", "VN-2022", day(2023, 5, 10), 3),
                                  {}, as("van.hanh." + agency, agency, Role::Operator))
                              .ok());
            // Q: level 3 approved 2023 (VN-2022), assessed by its own unit on 01/05/2024 (NĐ85 Art 20.2.c breached)
            // and by a licensed body on 20/04/2025.
            const std::string q = add("Q", "VN-2022");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(q, 1, "issue_security_regulation", "appraised_fit",
                                                        "appraised_fit", "VN-2022", day(2023, 4, 1)),
                                                   {}, owner)
                              .ok());
            BOOST_REQUIRE(
                store
                    ->appendWorkflowStep(
                        step(q, 2, "approve", "appraised_fit", "approved", "VN-2022", day(2023, 5, 10), 3), {}, owner)
                    .ok());
            BOOST_REQUIRE(
                store->recordDuty(assessment(q, "periodic_assessment_l34", day(2024, 5, 1), "internal"), {}, owner)
                    .ok());
            BOOST_REQUIRE(
                store->recordDuty(assessment(q, "periodic_assessment_l34", day(2025, 4, 20), "licensed"), {}, owner)
                    .ok());
            // The same 2024 assessment recorded twice is one finding; W's 2024 assessment recorded once by its own
            // unit and once naming the licensed body that did it is none.
            BOOST_REQUIRE(
                store->recordDuty(assessment(q, "periodic_assessment_l34", day(2024, 5, 1), "internal"), {}, owner)
                    .ok());
            for (const char* kind : {"internal", "licensed"})
                BOOST_REQUIRE(
                    store->recordDuty(assessment(w, "periodic_assessment_l34", day(2024, 6, 1), kind), {}, owner).ok());
            // V: level 5 approved 2027 (VN-2026), assessed by its own unit on 01/09/2027 (NĐ331 Art 31.2.c).
            const std::string v = add("V", "VN-2026");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(v, 1, "issue_security_regulation", "appraised_fit",
                                                        "appraised_fit", "VN-2026", day(2027, 2, 1)),
                                                   {}, owner)
                              .ok());
            WorkflowStepRecord approveV =
                step(v, 2, "approve", "appraised_fit", "approved", "VN-2026", day(2027, 3, 10), 5);
            approveV.level = 5;
            BOOST_REQUIRE(store->appendWorkflowStep(approveV, {}, owner).ok());
            BOOST_REQUIRE(
                store->recordDuty(assessment(v, "periodic_assessment_l5", day(2027, 9, 1), "internal"), {}, owner)
                    .ok());
            // The D+ system (level 3, VN-2026) assessed by its own unit: allowed under NĐ331 (Art 31.2.c).
            BOOST_REQUIRE(
                store
                    ->recordDuty(assessment(*inAgency["D+"], "periodic_assessment_l34", day(2027, 9, 1), "internal"),
                                 {}, owner)
                    .ok());
            // Plans: C+ fully deployed; P partly with no planned date (from its 2023 approval); V partly, planned
            // by 30/06/2027 (from 01/07/2027); D+ partly, planned by 30/06/2028 (still inside its roadmap).
            BOOST_REQUIRE(store->saveDossier(plan(*inAgency["C+"], "VN-2022", 3, true, {}), admin).ok());
            const std::string pSystem = add("P", "VN-2022");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(pSystem, 1, "issue_security_regulation", "appraised_fit",
                                                        "appraised_fit", "VN-2022", day(2023, 4, 1)),
                                                   {}, owner)
                              .ok());
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(pSystem, 2, "approve", "appraised_fit", "approved", "VN-2022",
                                                        day(2023, 5, 10), 3),
                                                   {}, owner)
                              .ok());
            BOOST_REQUIRE(store->saveDossier(plan(pSystem, "VN-2022", 3, false, {}), admin).ok());
            BOOST_REQUIRE(store->saveDossier(plan(v, "VN-2026", 5, false, day(2027, 6, 30)), admin).ok());
            BOOST_REQUIRE(store->saveDossier(plan(*inAgency["D+"], "VN-2026", 3, false, day(2028, 6, 30)), admin).ok());
            const std::string e = add("E", "VN-2016");
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(e, 1, "approve", "submitted_for_approval", "approved",
                                                        "VN-2016", day(2021, 3, 15), 3),
                                                   {}, owner)
                              .ok());
            BOOST_REQUIRE(store
                              ->appendWorkflowStep(step(e, 2, "require_redetermination", "approved",
                                                        "redetermination_required", "VN-2026", day(2027, 4, 1)),
                                                   {}, owner)
                              .ok());
        }
        auto user = [&](const std::string& id, const std::string& organisation, Role role) {
            BOOST_REQUIRE(store->saveUser({id, "Người dùng " + id, {{organisation, role}}}, admin).ok());
        };
        user("admin", "UBND", Role::Administrator);
        user("tt1", "TTR-TINH", Role::Inspector);
        user("tt2", "TTR-TINH", Role::Inspector);
        user("chu.quan.1", "CQ-1", Role::Owner);
        user("chu.quan.25", "CQ-25", Role::Owner);
        InspectionService inspections(*store);
        for (const auto& [id, to] :
             {std::pair{"TTR-2026", day(2026, 6, 30)}, std::pair{"TTR-2027", day(2027, 12, 31)}}) {
            Inspection i;
            i.id = id;
            i.decisionNumber = std::string(id) + "/QĐ-TTr";
            i.decisionDate = to;
            i.inspectingBody = "TTR-TINH";
            i.scope.organisationId = "H1";
            i.scope.periodFrom = day(2020, 1, 1);
            i.scope.periodTo = to;
            i.team = {"tt1"};
            BOOST_REQUIRE(inspections.save(i, inspector).ok());
        }
    }
};

// rule id → system ids it found
std::map<std::string, std::set<std::string>> byRule(const std::vector<Finding>& findings)
{
    std::map<std::string, std::set<std::string>> out;
    for (const Finding& f : findings)
        out[f.ruleId].insert(f.systemId);
    return out;
}

std::set<std::string> both(const std::set<std::string>& a, const std::set<std::string>& b)
{
    std::set<std::string> out = a;
    out.insert(b.begin(), b.end());
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(findings_are_those_known_by_construction_and_cite_the_law_of_their_day)
{
    Province p;
    FindingService service(shippedCatalogue(), *p.store);

    // Facts up to 30/06/2026: Decree 85 and Circular 12.
    auto early = service.run("TTR-2026", day(2026, 6, 30), p.inspector);
    BOOST_REQUIRE_MESSAGE(early.ok(), (early.ok() ? std::string() : early.errors().front().describe(Lang::En)));
    auto rules = byRule(early->findings);
    BOOST_TEST(rules["no_approved_level"] ==
               both(both(p.inDistrict1["A"], p.inDistrict1["V"]), both(p.inDistrict1["D+"], p.inDistrict1["D-"])));
    BOOST_TEST(rules["no_approved_level"].size() == 100u); // 20 agencies × (2 A + the 2 D and V not yet approved)
    BOOST_TEST(rules["assessed_by_unqualified_body"] == p.inDistrict1["Q"]); // 2024 by its own unit; 2025 licensed
    BOOST_TEST(rules["plan_not_deployed"] == p.inDistrict1["P"]);            // C+ full; V, D+ not yet approved
    BOOST_TEST(rules["dossier_incomplete"] == p.inDistrict1["A"]);           // the D ones are approved by now
    BOOST_TEST(rules["no_security_regulation"] == p.inDistrict1["C-"]);
    BOOST_TEST(rules.count("redetermination_pending") == 0u);
    BOOST_TEST(rules["approved_by_wrong_authority"] == p.inDistrict1["W"]); // the owners' approvals are right
    for (const Finding& f : early->findings)
        if (f.ruleId == "approved_by_wrong_authority")
            BOOST_TEST(f.citation == "NĐ85 Art 12");
    // Periodic assessment: B and E approved in 2021 with nothing recorded since are overdue.
    for (const std::string& id : both(p.inDistrict1["B"], p.inDistrict1["E"]))
        BOOST_TEST(rules["periodic_assessment_overdue"].count(id) == 1u, id);
    std::set<std::string> citations;
    for (const Finding& f : early->findings) {
        BOOST_TEST(f.organisationId.rfind("CQ-", 0) == 0u);
        BOOST_TEST(std::stoi(f.organisationId.substr(3)) <= 20, f.systemId); // district 1 only
        BOOST_TEST(!(day(2026, 6, 30) < f.factDate), f.systemId);
        BOOST_TEST(f.citation.find("NĐ331") == std::string::npos, f.ruleId << " " << f.citation);
        BOOST_TEST((f.rulesetId == ruleSetInForce(shippedCatalogue().ruleSets(), f.factDate)->id));
        citations.insert(f.ruleId + " " + f.citation);
        if (f.ruleId == "no_approved_level")
            BOOST_TEST(f.citation == "NĐ85 Art 12, 14, 16");
        if (f.ruleId == "no_security_regulation")
            BOOST_TEST(f.citation == "TT12 Art 9.7");
        if (f.ruleId == "periodic_assessment_overdue")
            BOOST_TEST(f.citation == "NĐ85 Art 20.2.c");
        if (f.ruleId == "assessed_by_unqualified_body") {
            BOOST_TEST(f.citation == "NĐ85 Art 20.2.c");
            BOOST_TEST(f.subject == "periodic_assessment_l34@2024-05-01");
            BOOST_TEST((f.factDate == day(2024, 5, 1)));
        }
        if (f.ruleId == "plan_not_deployed") {
            BOOST_TEST(f.citation == "TT12 Art 9.6; NĐ85 Art 20.2.b");
            BOOST_TEST((f.factDate == day(2023, 5, 10)));
        }
    }
    BOOST_TEST_MESSAGE("citations up to 2026-06-30: " << citations.size());

    // Facts up to 31/12/2027: what began after 18/08/2026 cites Decree 331.
    auto late = service.run("TTR-2027", day(2027, 12, 31), p.inspector);
    BOOST_REQUIRE(late.ok());
    auto lateRules = byRule(late->findings);
    BOOST_TEST(lateRules["no_approved_level"] == p.inDistrict1["A"]);
    BOOST_TEST(lateRules["no_security_regulation"] == both(p.inDistrict1["C-"], p.inDistrict1["D-"]));
    BOOST_TEST(lateRules["redetermination_pending"] == p.inDistrict1["E"]);
    BOOST_TEST(lateRules["transition_deadline_passed"].size() > 0u); // approved under NĐ85, past 30/06/2027
    // Q's 2024 assessment is still a finding under NĐ85; D+'s 2027 self-assessment at level 3 is allowed by NĐ331;
    // V's at level 5 is not.
    BOOST_TEST(lateRules["assessed_by_unqualified_body"] == both(p.inDistrict1["Q"], p.inDistrict1["V"]));
    BOOST_TEST(lateRules["plan_not_deployed"] == both(p.inDistrict1["P"], p.inDistrict1["V"])); // D+: roadmap
    for (const Finding& f : late->findings) {
        BOOST_TEST((f.rulesetId == ruleSetInForce(shippedCatalogue().ruleSets(), f.factDate)->id));
        const bool after = !(f.factDate < day(2026, 8, 19));
        BOOST_TEST((f.citation.find("NĐ331") != std::string::npos) == after, f.ruleId << " " << f.citation);
        if (f.ruleId == "no_approved_level")
            BOOST_TEST(f.citation == "NĐ331 Art 18, 20");
        if (f.ruleId == "no_security_regulation")
            BOOST_TEST(f.citation == (p.inDistrict1["D-"].count(f.systemId) ? "NĐ331 Art 30.7" : "TT12 Art 9.7"));
        if (f.ruleId == "redetermination_pending")
            BOOST_TEST(f.citation == "NĐ331 Art 25");
        if (f.ruleId == "assessed_by_unqualified_body" && p.inDistrict1["V"].count(f.systemId))
            BOOST_TEST(f.citation == "NĐ331 Art 31.2.c");
        if (f.ruleId == "plan_not_deployed" && p.inDistrict1["V"].count(f.systemId)) {
            BOOST_TEST(f.citation == "NĐ331 Art 31.2.b, 33.1");
            BOOST_TEST((f.factDate == day(2027, 7, 1)));
        }
        BOOST_TEST(!f.facts.empty());
    }

    // The same run again gives the same findings, none twice.
    auto again = service.run("TTR-2027", day(2027, 12, 31), p.inspector);
    BOOST_REQUIRE(again.ok());
    BOOST_REQUIRE(again->findings.size() == late->findings.size());
    std::set<std::string> keys;
    for (size_t i = 0; i < late->findings.size(); ++i) {
        BOOST_TEST(again->findings[i].key() == late->findings[i].key());
        keys.insert(late->findings[i].key());
    }
    BOOST_TEST(keys.size() == late->findings.size());
}

BOOST_AUTO_TEST_CASE(an_inspector_outside_the_team_is_refused)
{
    Province p;
    FindingService service(shippedCatalogue(), *p.store);
    auto refused = service.run("TTR-2026", day(2026, 6, 30), as("tt2", "TTR-TINH", Role::Inspector));
    BOOST_REQUIRE(!refused.ok());
    BOOST_TEST((refused.errors().front().kind == ErrorKind::Refused));
}

BOOST_AUTO_TEST_CASE(recorded_findings_are_not_duplicated_and_a_closed_one_found_again_is_reopened)
{
    Province p;
    FindingService service(shippedCatalogue(), *p.store);
    const Date deadline = day(2028, 3, 31);
    auto first = service.record("TTR-2027", day(2027, 12, 31), deadline, p.inspector);
    BOOST_REQUIRE_MESSAGE(first.ok(), (first.ok() ? std::string() : first.errors().front().describe(Lang::En)));
    auto computed = service.run("TTR-2027", day(2027, 12, 31), p.inspector);
    BOOST_TEST(first->added == static_cast<int>(computed->findings.size()));
    auto second = service.record("TTR-2027", day(2027, 12, 31), deadline, p.inspector);
    BOOST_REQUIRE(second.ok());
    BOOST_TEST(second->added == 0);
    BOOST_TEST(second->unchanged == first->added);
    BOOST_TEST(service.stored("TTR-2027", p.inspector)->size() == static_cast<size_t>(first->added));
    // Only team members acting as inspector record; administrators read.
    BOOST_TEST(!service.record("TTR-2027", day(2027, 12, 31), deadline, p.admin).ok());
    BOOST_TEST(service.stored("TTR-2027", p.admin).ok());

    // The agency of CQ-1 works on its unapproved system; the owner of CQ-25 (another district) may not.
    std::string key;
    auto kept = service.stored("TTR-2027", p.inspector);
    BOOST_REQUIRE(kept.ok());
    for (const StoredFinding& f : *kept)
        if (f.finding.ruleId == "no_approved_level" && f.finding.organisationId == "CQ-1")
            key = f.finding.key();
    BOOST_REQUIRE(!key.empty());
    const Actor owner = as("chu.quan.1", "CQ-1", Role::Owner);
    const Actor stranger = as("chu.quan.25", "CQ-25", Role::Owner);
    auto refusedKind = [](const Result<bool>& r) { return !r.ok() && r.errors().front().kind == ErrorKind::Refused; };
    BOOST_TEST(refusedKind(
        service.remediate("TTR-2027", key, {RemediationStatus::InProgress, "x", "", "", ""}, std::nullopt, stranger)));
    BOOST_TEST(service
                   .remediate("TTR-2027", key, {RemediationStatus::InProgress, "đang lập hồ sơ", "", "", ""},
                              std::nullopt, owner)
                   .ok());
    // Remediated needs evidence; closing is the inspector's, with evidence; the agency cannot move the deadline.
    BOOST_TEST(refusedKind(
        service.remediate("TTR-2027", key, {RemediationStatus::Remediated, "xong", "", "", ""}, std::nullopt, owner)));
    BOOST_TEST(service
                   .remediate("TTR-2027", key, {RemediationStatus::Remediated, "đã phê duyệt", "QĐ 5/QĐ-UBND", "", ""},
                              std::nullopt, owner)
                   .ok());
    BOOST_TEST(refusedKind(
        service.remediate("TTR-2027", key, {RemediationStatus::Closed, "", "QĐ 5", "", ""}, std::nullopt, owner)));
    BOOST_TEST(refusedKind(
        service.remediate("TTR-2027", key, {RemediationStatus::InProgress, "", "", "", ""}, day(2029, 1, 1), owner)));
    BOOST_TEST(refusedKind(service.remediate("TTR-2027", key, {RemediationStatus::Closed, "đóng", "", "", ""},
                                             std::nullopt, p.inspector)));
    BOOST_TEST(service
                   .remediate("TTR-2027", key, {RemediationStatus::Closed, "đã kiểm tra", "QĐ 5/QĐ-UBND", "", ""},
                              std::nullopt, p.inspector)
                   .ok());
    // The system is still unapproved: the next run finds it again, and it is reopened — not duplicated.
    auto third = service.record("TTR-2027", day(2027, 12, 31), deadline, p.inspector);
    BOOST_REQUIRE(third.ok());
    BOOST_TEST(third->reopened == 1);
    BOOST_TEST(third->added == 0);
    auto after = service.stored("TTR-2027", p.inspector);
    BOOST_TEST(after->size() == static_cast<size_t>(first->added));
    for (const StoredFinding& f : *after)
        if (f.finding.key() == key) {
            BOOST_TEST((f.status == RemediationStatus::Open));
            BOOST_TEST(f.history.size() == 5u); // found, in progress, remediated, closed, reopened
            BOOST_TEST(!remediationOverdue(f, day(2028, 3, 31)));
            BOOST_TEST(remediationOverdue(f, day(2028, 4, 1)));
        }
}

BOOST_AUTO_TEST_CASE(the_conclusion_cites_exactly_the_articles_of_the_findings_and_its_xml_validates)
{
    Province p;
    FindingService service(shippedCatalogue(), *p.store);
    for (const char* id : {"TTR-2026", "TTR-2027"}) {
        const Date asOf = std::string(id) == "TTR-2026" ? day(2026, 6, 30) : day(2027, 12, 31);
        BOOST_REQUIRE(service.record(id, asOf, day(2028, 3, 31), p.inspector).ok());
        auto run = service.run(id, asOf, p.inspector);
        BOOST_REQUIRE(run.ok());
        std::set<std::string> expected; // the citations of the findings known by construction
        for (const Finding& f : run->findings)
            for (const std::string& c : splitCitations(f.citation))
                expected.insert(c);
        auto conclusion = service.conclusion(id, asOf, std::nullopt, p.inspector);
        BOOST_REQUIRE(conclusion.ok());
        BOOST_TEST(conclusion->agencies.size() == 20u); // district 1's agencies only
        BOOST_TEST((conclusion->reportBy == day(2028, 3, 31)));
        const std::string xml = inspectionConclusionToXml(*conclusion);
        auto schema = XmlSchema::load(std::string(SECLEVEL_SOURCE_DIR) + "/schemas/inspection-conclusion.xsd");
        BOOST_REQUIRE(schema.ok());
        const Errors invalid = (*schema)->validate(xml, "conclusion.xml");
        BOOST_TEST(invalid.empty(), (invalid.empty() ? std::string() : invalid.front().describe(Lang::En)));
        std::set<std::string> cited;
        for (size_t at = xml.find("<citation>"); at != std::string::npos; at = xml.find("<citation>", at + 1)) {
            const size_t start = at + std::strlen("<citation>");
            cited.insert(xml.substr(start, xml.find("</citation>", start) - start));
        }
        BOOST_TEST(cited == expected);
        const bool before = std::string(id) == "TTR-2026";
        // Facts up to 30/06/2026 cite only the NĐ85 regime; up to 2027 both, each finding by its own day (checked
        // per finding in the first test case).
        auto citesAny = [&](const std::string& code) {
            return std::any_of(cited.begin(), cited.end(),
                               [&](const std::string& c) { return c.rfind(code + " ", 0) == 0; });
        };
        BOOST_TEST(citesAny("NĐ331") == !before, id);
        BOOST_TEST(citesAny("L116") == !before, id);
        BOOST_TEST(citesAny("NĐ85"), id);
        // The printed conclusion: Decree 30 frame, every article read the Vietnamese way, the deadline.
        const std::string html =
            inspectionConclusionToHtml(*conclusion, shippedCatalogue().instruments(), "", DocumentHeader{});
        BOOST_TEST(html.find("KẾT LUẬN THANH TRA") != std::string::npos);
        BOOST_TEST(html.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
        BOOST_TEST(html.find("trước ngày 31/03/2028") != std::string::npos);
        BOOST_TEST(html.find("Nơi nhận:") != std::string::npos);
        for (const std::string& c : expected)
            BOOST_TEST(html.find(escapeHtml(citationToVietnamese(c, shippedCatalogue().instruments()))) !=
                           std::string::npos,
                       c);
        BOOST_TEST(html.find(before ? "Điều 12, Điều 14, Điều 16 Nghị định số 85/2016/NĐ-CP"
                                    : "Điều 18, Điều 20 Nghị định số 331/2026/NĐ-CP") != std::string::npos);
        const std::string report =
            remediationReportToHtml(*conclusion, shippedCatalogue().instruments(), "", DocumentHeader{});
        BOOST_TEST(report.find("Nội dung tiếp tục khắc phục") != std::string::npos);
        BOOST_TEST(report.find("CQ-1") != std::string::npos);
    }
    // An inspector not on the team gets no conclusion.
    BOOST_TEST(
        !service.conclusion("TTR-2026", day(2026, 6, 30), std::nullopt, as("tt2", "TTR-TINH", Role::Inspector)).ok());
}

BOOST_AUTO_TEST_CASE(remediation_evidence_files_are_kept_by_digest_under_their_base_name_for_the_team_and_agency)
{
    Province p;
    FindingService service(shippedCatalogue(), *p.store);
    BOOST_REQUIRE(service.record("TTR-2027", day(2027, 12, 31), day(2028, 3, 31), p.inspector).ok());
    std::string key;
    auto recorded = service.stored("TTR-2027", p.inspector);
    BOOST_REQUIRE(recorded.ok());
    for (const StoredFinding& f : *recorded)
        if (f.finding.ruleId == "no_approved_level" && f.finding.organisationId == "CQ-1")
            key = f.finding.key();
    BOOST_REQUIRE(!key.empty());
    const Actor owner = as("chu.quan.1", "CQ-1", Role::Owner);
    const Actor stranger = as("chu.quan.25", "CQ-25", Role::Owner);
    const std::string report("%PDF-1.7\n\0\xff\xfe report", 20);
    const std::string minutes = "biên bản kiểm tra";
    auto kind = [](const auto& r) { return r.ok() ? std::optional<ErrorKind>{} : r.errors().front().kind; };
    auto historyOf = [&]() {
        auto now = service.stored("TTR-2027", p.inspector);
        if (now.ok())
            for (const StoredFinding& f : *now)
                if (f.finding.key() == key)
                    return f.history;
        return std::vector<RemediationEntry>{};
    };
    const size_t before = historyOf().size();

    // Remediated with a file and no text: the evidence is the file. A path is kept as its base name only.
    auto remediated = service.remediate("TTR-2027", key, {RemediationStatus::Remediated, "đã phê duyệt", "", "", ""},
                                        std::nullopt, owner, {{"../../etc/passwd", report}});
    BOOST_REQUIRE_MESSAGE(remediated.ok(),
                          (remediated.ok() ? std::string() : remediated.errors().front().describe(Lang::En)));
    // Bad files refuse the whole entry, naming the file; nothing is written.
    for (const std::string& hostile : {std::string("bad\nname.pdf"), std::string("dir/.."), std::string("x/"),
                                       std::string("evil\xe2\x80\xae"
                                                   "fdp.exe")}) {
        auto bad = service.remediate("TTR-2027", key, {RemediationStatus::Closed, "", "", "", ""}, std::nullopt,
                                     p.inspector, {{"ok.pdf", minutes}, {hostile, minutes}});
        BOOST_TEST((kind(bad) == ErrorKind::InvalidInput));
        BOOST_TEST(bad.errors().front().field == "evidence-file");
        BOOST_TEST(bad.errors().front().file.find('\n') == std::string::npos); // named, visibly escaped
    }
    auto tooBig = service.remediate("TTR-2027", key, {RemediationStatus::Closed, "", "", "", ""}, std::nullopt,
                                    p.inspector, {{"big.bin", std::string(kMaxAttachmentBytes + 1, 'x')}});
    BOOST_TEST((kind(tooBig) == ErrorKind::InvalidInput));
    BOOST_TEST(tooBig.errors().front().file == "big.bin");
    // Closing needs evidence: neither a text nor a file is refused. The agency never closes, files or not.
    BOOST_TEST((kind(service.remediate("TTR-2027", key, {RemediationStatus::Closed, "", " ", "", ""}, std::nullopt,
                                       p.inspector)) == ErrorKind::Refused));
    BOOST_TEST((kind(service.remediate("TTR-2027", key, {RemediationStatus::Closed, "", "", "", ""}, std::nullopt,
                                       owner, {{"a.pdf", minutes}})) == ErrorKind::Refused));
    BOOST_TEST((kind(service.remediate("TTR-2027", key, {RemediationStatus::InProgress, "", "", "", ""}, std::nullopt,
                                       stranger, {{"a.pdf", minutes}})) == ErrorKind::Refused));
    BOOST_TEST(historyOf().size() == before + 1);
    BOOST_TEST((p.store->recordContent(sha256Hex(minutes))->has_value() == false));

    // The inspector closes with a file only.
    BOOST_REQUIRE(service
                      .remediate("TTR-2027", key, {RemediationStatus::Closed, "đã kiểm tra", "", "", ""}, std::nullopt,
                                 p.inspector, {{"/tmp/kiem-tra/bien-ban.txt", minutes}})
                      .ok());
    const auto history = historyOf();
    BOOST_REQUIRE(history.size() == before + 2);
    BOOST_REQUIRE(history[before].files.size() == 1u);
    const Attachment& first = history[before].files.front();
    BOOST_TEST(first.name == "passwd");
    BOOST_TEST(first.kind == "evidence");
    BOOST_TEST(first.mediaType == "application/octet-stream");
    BOOST_TEST(first.size == report.size());
    BOOST_TEST(first.sha256 == sha256Hex(report));
    BOOST_REQUIRE(history[before + 1].files.size() == 1u);
    BOOST_TEST(history[before + 1].files.front().name == "bien-ban.txt");
    BOOST_TEST(history[before + 1].files.front().mediaType == "text/plain");

    // Read back byte for byte by the team and by the agency (by the whole digest or its first 12 digits); a
    // stranger, another inspector and a digest of another finding's file are refused.
    auto byTeam = service.evidence("TTR-2027", key, sha256Hex(report), p.inspector);
    BOOST_REQUIRE(byTeam.ok());
    BOOST_TEST((byTeam->bytes == report));
    BOOST_TEST(byTeam->file.name == "passwd");
    auto byAgency = service.evidence("TTR-2027", key, sha256Hex(minutes).substr(0, 12), owner);
    BOOST_REQUIRE(byAgency.ok());
    BOOST_TEST(byAgency->bytes == minutes);
    BOOST_TEST((kind(service.evidence("TTR-2027", key, sha256Hex(report), stranger)) == ErrorKind::Refused));
    BOOST_TEST((kind(service.evidence("TTR-2027", key, sha256Hex(report), as("tt9", "TTR-TINH", Role::Inspector))) ==
                ErrorKind::Refused));
    BOOST_TEST((kind(service.evidence("TTR-2027", key, sha256Hex("other"), p.inspector)) == ErrorKind::NotFound));
    BOOST_TEST((kind(service.evidence("TTR-2027", key, "abc", p.inspector)) == ErrorKind::Usage));
    BOOST_TEST((kind(service.show("TTR-2027", key, stranger)) == ErrorKind::Refused));
    BOOST_TEST(service.show("TTR-2027", key, owner)->history.size() == before + 2);

    // The remediation report lists the files: name, size, the first 12 digits of the digest.
    auto conclusion = service.conclusion("TTR-2027", day(2028, 1, 15), std::nullopt, p.inspector);
    BOOST_REQUIRE(conclusion.ok());
    const std::string html =
        remediationReportToHtml(*conclusion, shippedCatalogue().instruments(), "", DocumentHeader{});
    BOOST_TEST(html.find("passwd (20 byte, SHA-256 " + sha256Hex(report).substr(0, 12) + ")") != std::string::npos);
    BOOST_TEST(html.find("bien-ban.txt (" + std::to_string(minutes.size()) + " byte, SHA-256 " +
                         sha256Hex(minutes).substr(0, 12) + ")") != std::string::npos);
}
