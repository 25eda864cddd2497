#pragma once
// A synthetic province built THROUGH THE SERVICES, with the inspection findings known by construction.
//
// 30 agencies under two districts (H1: CQ-01…CQ-15, H2: CQ-16…CQ-30) of UBND; 400 systems, all the example
// system (derived level 3), spread over the agencies in turn. Organisations and users through SystemService and
// UserService; systems judged and stored through SystemService::add under the rule set named for their day;
// dossiers filled through DossierService; every step of the procedure through WorkflowService::perform by the
// seat the procedure gives it (operator of the agency, security unit of the district, owner of the agency), at
// the time point of the step's own day — so a 2019 approval is taken by an actor whose clock reads 2019; duty
// fulfilments through WorkflowService::fulfil, recorded by the owner on kRecordedOn with the day they were done.
//
// kCases is the table: what each group of systems went through and which findings (rule, rule set, citation) an
// inspection as of kAsOf must make of each of its systems. The expectation is written down here, from the law
// (the dates and the rule set in force on the day each fact began), never computed by the code under test.
// A new finding rule gets its cases by adding rows (and, if it needs a new kind of history, a field of Case).
//
// Facts and dates, for an inspection as of kAsOf = 31/12/2027 (recurring duties then follow VN-2026):
//   - unapproved systems are without an approved level on the last day judged: no_approved_level under VN-2026;
//     those whose dossier is not complete also dossier_incomplete (VN-2026);
//   - a running statutory clock past its last day: statutory_time_exceeded under the rule set in force the day
//     after its last day (2024/2025 → VN-2022, October 2027 → VN-2026);
//   - an approval without the security regulation: no finding under VN-2016 (the law then required none), TT12
//     Art 9.7 for an approval in October 2022 (the VN-2016 procedure finished after 01/10/2022), NĐ331 Art 30.7
//     for one after 19/08/2026;
//   - an overdue duty: the rule set in force the day after it fell due;
//   - a re-determination pending: the rule set in force the day it was required.
// Every approved system has every other duty fulfilled so that nothing else is overdue as of kAsOf.
#include "../storage/StoreFixture.h"
#include "AppFixture.h"
#include "app/DossierService.h"
#include "app/InspectionService.h"
#include "app/SystemService.h"
#include "app/UserService.h"
#include "app/WorkflowService.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace seclevel::testing::province {

inline Date day(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// 09:00 in Viet Nam on `date`: the moment a step of that day is taken.
inline TimePoint morningOf(Date date)
{
    return std::chrono::sys_days{date} + std::chrono::hours{2};
}

inline const Date kAsOf = day(2027, 12, 31);
inline const Date kRecordedOn = day(2027, 12, 28);   // the owners enter their duty records
inline const Date kTransitionDay = day(2026, 8, 19); // VN-2026 (NĐ331) in force from this day
inline const Date kReportBy = day(2028, 3, 31);
inline constexpr int kAnnualYear = 2027; // data period 15/12/2026–14/12/2027

enum class Seat { Operator, SecurityUnit, Owner };

struct PlannedStep {
    std::string step;
    Date date;
    Seat seat;
};

enum class DossierFill { None, Partial, Complete };

// One expected finding of a system: the rule, the rule set whose findings.xml judged it, and its citation.
struct Expected {
    std::string rule;
    std::string ruleset;
    std::string citation;
};

struct Case {
    std::string name;
    int count = 0;
    std::string ruleset; // the rule set that judges the system
    Date judged;         // the day it is stored and judged
    DossierFill dossier = DossierFill::None;
    std::vector<PlannedStep> steps;
    // Duties of an approved system: all are fulfilled (none overdue as of kAsOf) except those named here —
    // never fulfilled, or fulfilled last on the date given (a yearly report: sent for every year up to that
    // date's year).
    std::set<std::string> dutiesNeverDone;
    std::map<std::string, Date> dutiesLastDone;
    std::vector<Expected> expected;
    // Systems of the case are spread over years: the year of every step's date is shifted by (index % spread).
    int spread = 1;
    // Further periodic assessments (periodic_assessment_l34) on the dates given, by an assessor of the kind given
    // ("internal": the body's own unit); the fulfilments above are by a state public-service unit.
    std::vector<std::pair<Date, std::string>> assessments = {};
    // The approved plan stated partly deployed, full deployment planned by this date (Form 08 columns 10–11).
    std::optional<Date> planPartlyBy = {};
};

// The steps of a level-3 dossier from submission (`submit`) to approval under any rule set, with or without the
// security regulation before the approval.
inline std::vector<PlannedStep> approvalSteps(Date submit, bool regulation)
{
    const auto plus = [&](int days) { return Date{std::chrono::sys_days{submit} + std::chrono::days{days}}; };
    std::vector<PlannedStep> steps = {{"submit_appraisal", submit, Seat::Operator},
                                      {"appraise_fit", plus(7), Seat::SecurityUnit},
                                      {"submit_approval", plus(9), Seat::Operator}};
    if (regulation)
        steps.push_back({"issue_security_regulation", plus(11), Seat::Owner});
    steps.push_back({"approve", plus(14), Seat::Owner});
    return steps;
}

inline std::vector<PlannedStep> with(std::vector<PlannedStep> steps, const std::vector<PlannedStep>& more)
{
    steps.insert(steps.end(), more.begin(), more.end());
    return steps;
}

// The table (400 systems). Citations are the articles of findings.xml of the rule set named.
inline const std::vector<Case>& cases()
{
    static const std::vector<Case> table = [] {
        const Expected unapproved{"no_approved_level", "VN-2026", "NĐ331 Art 18, 20"};
        const Expected incomplete{"dossier_incomplete", "VN-2026", "NĐ331 Art 21–22"};
        std::vector<Case> t;
        t.push_back(
            {"never_started", 30, "VN-2026", day(2027, 3, 1), DossierFill::None, {}, {}, {}, {unapproved, incomplete}});
        t.push_back(
            {"drafting", 20, "VN-2026", day(2027, 5, 3), DossierFill::Partial, {}, {}, {}, {unapproved, incomplete}});
        t.push_back(
            {"drafted_complete", 20, "VN-2026", day(2027, 6, 1), DossierFill::Complete, {}, {}, {}, {unapproved}});
        // 15 working days of appraisal (NĐ331 Art 23.2) still running on 31/12/2027.
        t.push_back({"submitted_in_time",
                     20,
                     "VN-2026",
                     day(2027, 11, 1),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2027, 12, 27), Seat::Operator}},
                     {},
                     {},
                     {unapproved}});
        t.push_back({"appraisal_overdue_nd331",
                     15,
                     "VN-2026",
                     day(2027, 9, 1),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2027, 10, 1), Seat::Operator}},
                     {},
                     {},
                     {unapproved, {"statutory_time_exceeded", "VN-2026", "NĐ331 Art 23, 24"}}});
        // 15 calendar days (NĐ85 Art 16.2) from 06/05/2024.
        t.push_back({"appraisal_overdue_nd85",
                     15,
                     "VN-2022",
                     day(2024, 3, 1),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2024, 5, 6), Seat::Operator}},
                     {},
                     {},
                     {unapproved, {"statutory_time_exceeded", "VN-2022", "NĐ85 Art 16, 17"}}});
        t.push_back({"appraised",
                     15,
                     "VN-2026",
                     day(2027, 8, 2),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2027, 9, 1), Seat::Operator},
                      {"appraise_fit", day(2027, 9, 10), Seat::SecurityUnit}},
                     {},
                     {},
                     {unapproved}});
        // 7 working days for the approval (NĐ85 Art 17.2) from 12/03/2025.
        t.push_back({"approval_overdue_nd85",
                     10,
                     "VN-2022",
                     day(2025, 2, 3),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2025, 3, 3), Seat::Operator},
                      {"appraise_fit", day(2025, 3, 10), Seat::SecurityUnit},
                      {"submit_approval", day(2025, 3, 12), Seat::Operator}},
                     {},
                     {},
                     {unapproved, {"statutory_time_exceeded", "VN-2022", "NĐ85 Art 16, 17"}}});
        // Approved and keeping every duty: nothing to find. VN-2016 needed no security regulation.
        Case c16{"approved_vn2016",
                 40,
                 "VN-2016",
                 day(2019, 3, 1),
                 DossierFill::Complete,
                 approvalSteps(day(2019, 4, 1), false),
                 {},
                 {},
                 {}};
        c16.spread = 3; // approved in 2019, 2020, 2021
        t.push_back(c16);
        Case c22{"approved_vn2022",
                 40,
                 "VN-2022",
                 day(2023, 3, 1),
                 DossierFill::Complete,
                 approvalSteps(day(2023, 4, 3), true),
                 {},
                 {},
                 {}};
        c22.spread = 3; // 2023, 2024, 2025
        t.push_back(c22);
        Case c26{"approved_vn2026",
                 30,
                 "VN-2026",
                 day(2026, 9, 1),
                 DossierFill::Complete,
                 approvalSteps(day(2026, 9, 7), true),
                 {},
                 {},
                 {}};
        c26.spread = 2; // 2026, 2027
        t.push_back(c26);
        // Submitted under VN-2016 before 01/10/2022, approved after it without the regulation TT12 Art 9.7 asks.
        t.push_back({"approved_without_regulation_tt12",
                     15,
                     "VN-2016",
                     day(2022, 8, 1),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2022, 9, 20), Seat::Operator},
                      {"appraise_fit", day(2022, 9, 28), Seat::SecurityUnit},
                      {"submit_approval", day(2022, 9, 29), Seat::Operator},
                      {"approve", day(2022, 10, 5), Seat::Owner}},
                     {},
                     {},
                     {{"no_security_regulation", "VN-2022", "TT12 Art 9.7"}}});
        // Appraised under VN-2016 in 2022, left until approved in September 2026 without the regulation.
        t.push_back({"approved_without_regulation_nd331",
                     10,
                     "VN-2016",
                     day(2022, 8, 1),
                     DossierFill::Complete,
                     {{"submit_appraisal", day(2022, 9, 20), Seat::Operator},
                      {"appraise_fit", day(2022, 9, 28), Seat::SecurityUnit},
                      {"submit_approval", day(2026, 9, 1), Seat::Operator},
                      {"approve", day(2026, 9, 8), Seat::Owner}},
                     {},
                     {},
                     {{"no_security_regulation", "VN-2026", "NĐ331 Art 30.7"}}});
        const auto approved2023 = approvalSteps(day(2023, 4, 3), true);
        t.push_back({"assessment_overdue_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {{"periodic_assessment_l34", day(2024, 3, 1)}}, // due 01/03/2025
                     {{"periodic_assessment_overdue", "VN-2022", "NĐ85 Art 20.2.c"}}});
        t.push_back({"assessment_overdue_nd331",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {{"periodic_assessment_l34", day(2026, 10, 1)}}, // due 01/10/2027
                     {{"periodic_assessment_overdue", "VN-2026", "NĐ331 Art 28.5.a, 31.2.c"}}});
        t.push_back({"report_not_sent_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {{"report_to_owner", day(2023, 12, 20)}}, // the 2024 report (due 20/12/2024) never sent
                     {{"annual_report_not_sent", "VN-2022", "TT12 Art 13, 14"}}});
        t.push_back({"report_not_sent_nd331",
                     10,
                     "VN-2026",
                     day(2026, 9, 1),
                     DossierFill::Complete,
                     approvalSteps(day(2026, 9, 7), true),
                     {},
                     {{"report_to_mps", day(2026, 12, 25)}}, // the 2027 report (due 25/12/2027) never sent
                     {{"annual_report_not_sent", "VN-2026", "NĐ331 Art 35, 36"}}});
        t.push_back({"no_security_unit_nd85",
                     10,
                     "VN-2016",
                     day(2020, 3, 2),
                     DossierFill::Complete,
                     approvalSteps(day(2020, 4, 1), false),
                     {"security_unit_designated"},
                     {},
                     {{"security_unit_not_designated", "VN-2016", "NĐ85 Art 20.1.b"}}});
        t.push_back({"no_security_unit_nd331",
                     10,
                     "VN-2026",
                     day(2026, 9, 1),
                     DossierFill::Complete,
                     approvalSteps(day(2026, 9, 7), true),
                     {"security_unit_designated"},
                     {},
                     {{"security_unit_not_designated", "VN-2026", "NĐ331 Art 31.1"}}});
        t.push_back({"transition_passed",
                     10,
                     "VN-2022",
                     day(2024, 3, 1),
                     DossierFill::Complete,
                     approvalSteps(day(2024, 4, 1), true),
                     {"transition_nd331"},
                     {}, // due 30/06/2027
                     {{"transition_deadline_passed", "VN-2026", "NĐ331 Art 39.1; L116 Art 45.1"}}});
        t.push_back({"drill_overdue_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {{"drill", day(2025, 5, 2)}}, // due 02/05/2026
                     {{"duty_overdue", "VN-2022", "NĐ85 Art 20–22"}}});
        t.push_back({"redetermination_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     with(approved2023, {{"require_redetermination", day(2025, 6, 2), Seat::Owner}}),
                     {},
                     {},
                     {{"redetermination_pending", "VN-2022", "NĐ85 Art 18"}}});
        t.push_back(
            {"redetermination_nd331",
             10,
             "VN-2022",
             day(2024, 3, 1),
             DossierFill::Complete,
             with(approvalSteps(day(2024, 4, 1), true), {{"require_redetermination", day(2027, 3, 1), Seat::Owner}}),
             {},
             {},
             {{"redetermination_pending", "VN-2026", "NĐ331 Art 25"}}});
        // Level 3 assessed in 2024 by the body's own unit (NĐ85 Art 20.2.c needs a licensed, public-service or
        // designated body); the later assessments by a public-service unit are fine.
        t.push_back({"assessed_by_own_unit_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {},
                     {{"assessed_by_unqualified_body", "VN-2022", "NĐ85 Art 20.2.c"}},
                     1,
                     {{day(2024, 3, 1), "internal"}}});
        // The approved plan partly deployed, full deployment planned by 30/06/2025: past on 31/12/2027 (TT12 Art
        // 9.6, judged from 01/07/2025).
        t.push_back({"plan_not_deployed_nd85",
                     10,
                     "VN-2022",
                     day(2023, 3, 1),
                     DossierFill::Complete,
                     approved2023,
                     {},
                     {},
                     {{"plan_not_deployed", "VN-2022", "TT12 Art 9.6; NĐ85 Art 20.2.b"}},
                     1,
                     {},
                     day(2025, 6, 30)});
        return t;
    }();
    return table;
}

inline std::string agencyId(int n) // 1…30
{
    return std::string(n < 10 ? "CQ-0" : "CQ-") + std::to_string(n);
}

inline std::string districtOf(int agency)
{
    return agency <= 15 ? "H1" : "H2";
}

inline Date shiftYears(Date date, int years)
{
    return Date{date.year() + std::chrono::years{years}, date.month(), date.day()};
}

// (system, rule, rule set) — what the tests compare.
using FindingKey = std::tuple<std::string, std::string, std::string>;

struct BuiltSystem {
    std::string id;
    std::string agency;
    const Case* kind = nullptr;
    bool approvedByPeriodEnd = false; // approved (or approved, then marked for re-determination) by 14/12/2027
};

struct Province {
    std::unique_ptr<Store> store = seclevel::test::freshStore();
    const Catalogue& catalogue = shippedCatalogue();
    std::vector<BuiltSystem> systems;
    // Per rule set, the first complete dossier written item by item, as the operator sends it (export): the
    // dossier every later system of that rule set starts from (import).
    std::map<std::string, DossierDocument> sentDossiers;
    const Actor admin = seat("admin", "UBND", Role::Administrator, day(2019, 1, 2));
    const Actor inspector = seat("tt1", "TTR", Role::Inspector, day(2028, 1, 3));
    const Actor outsider = seat("tt2", "TTR", Role::Inspector, day(2028, 1, 3)); // of the body, not on the team
    static constexpr const char* kInspection = "TTR-2028-01";                    // the whole province
    static constexpr const char* kDistrictInspection = "TTR-2028-02";            // district H1 only

    static Actor seat(const std::string& user, const std::string& organisation, Role role, Date on)
    {
        return Actor{user, organisation, role, morningOf(on)};
    }

    Province()
    {
        SystemService systemService(catalogue, *store);
        UserService users(*store);
        auto organisation = [&](const std::string& id, const std::string& name, const std::string& parent) {
            auto saved = systemService.saveOrganisation({id, name, parent, ""}, admin);
            BOOST_REQUIRE_MESSAGE(saved.ok(), id);
        };
        organisation("UBND", "Ủy ban nhân dân tỉnh Hà Nam", "");
        organisation("TTR", "Thanh tra tỉnh Hà Nam", "UBND");
        organisation("H1", "Ủy ban nhân dân huyện Kim Bảng", "UBND");
        organisation("H2", "Ủy ban nhân dân huyện Thanh Liêm", "UBND");
        BOOST_REQUIRE(users.add({"admin", "Quản trị hệ thống", {{"UBND", Role::Administrator}}}, admin).ok());
        auto user = [&](const std::string& id, const std::string& organisationId, Role role) {
            auto added = users.add({id, "Người dùng " + id, {{organisationId, role}}}, admin);
            BOOST_REQUIRE_MESSAGE(added.ok(), id);
        };
        user("tt1", "TTR", Role::Inspector);
        user("tt2", "TTR", Role::Inspector);
        for (const char* district : {"H1", "H2"})
            user(std::string("cntt.") + district, district, Role::SecurityUnit); // appraises, not the operator
        for (int a = 1; a <= 30; ++a) {
            const std::string id = agencyId(a);
            organisation(id, "Sở, ngành " + std::to_string(a) + " tỉnh Hà Nam", districtOf(a));
            user("vh." + id, id, Role::Operator);
            user("cq." + id, id, Role::Owner);
        }

        int n = 0;
        for (const Case& c : cases())
            for (int i = 0; i < c.count; ++i)
                build(c, i, ++n);
        BOOST_REQUIRE(systems.size() == 400u);

        InspectionService inspections(*store);
        for (const auto& [id, scope] : {std::pair{kInspection, "UBND"}, std::pair{kDistrictInspection, "H1"}}) {
            Inspection i;
            i.id = id;
            i.decisionNumber = std::string(id).substr(9) + "/QĐ-TTr";
            i.decisionDate = day(2028, 1, 3);
            i.inspectingBody = "TTR";
            i.scope.organisationId = scope;
            i.scope.periodFrom = day(2019, 1, 1);
            i.scope.periodTo = kAsOf;
            i.team = {"tt1"};
            auto saved = inspections.save(i, inspector);
            BOOST_REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? std::string() : saved.errors().front().describe(Lang::En)));
        }
    }

    void build(const Case& c, int index, int n)
    {
        const int agency = (n - 1) % 30 + 1;
        const std::string org = agencyId(agency);
        const int shift = index % c.spread;
        BuiltSystem built;
        built.id = "HT-" + std::to_string(1000 + n);
        built.agency = org;
        built.kind = &c;
        const std::string operatorUser = "vh." + org;
        const std::string ownerUser = "cq." + org;
        const std::string unitUser = "cntt." + districtOf(agency);

        SystemDescription system = exampleSystem();
        system.id = built.id;
        system.name = "Hệ thống " + c.name + " số " + std::to_string(n) + " của " + org;
        const Date judged = shiftYears(c.judged, shift);
        SystemService systemService(catalogue, *store);
        auto added =
            systemService.add({system, org, {c.ruleset, judged}, {}}, seat(operatorUser, org, Role::Operator, judged));
        BOOST_REQUIRE_MESSAGE(added.ok(), built.id + ": " +
                                              (added.ok() ? std::string() : added.errors().front().describe(Lang::En)));
        const Actor preparer = seat(operatorUser, org, Role::Operator, judged);
        if (c.dossier == DossierFill::Complete && sentDossiers.count(c.ruleset))
            importDossier(built.id, sentDossiers.at(c.ruleset), preparer);
        else if (c.dossier != DossierFill::None)
            fillDossier(built.id, preparer, c.dossier);
        if (c.dossier == DossierFill::Complete && !sentDossiers.count(c.ruleset)) {
            DossierService dossiers(catalogue, *store);
            auto sent = dossiers.exportDocument(built.id);
            BOOST_REQUIRE(sent.ok());
            sentDossiers[c.ruleset] = sent->document;
        }
        if (c.planPartlyBy) {
            auto dossier = store->dossier(built.id);
            BOOST_REQUIRE(dossier.ok() && !dossier->requirements.empty());
            RequirementStatement partly = dossier->requirements.front();
            partly.status = RequirementStatus::PartlyMet;
            partly.how = "Đang triển khai";
            partly.plannedBy = c.planPartlyBy;
            BOOST_REQUIRE(DossierService(catalogue, *store).setRequirement(built.id, partly, preparer).ok());
        }

        WorkflowService workflow(catalogue, *store);
        std::optional<Date> approvedOn;
        for (const PlannedStep& planned : c.steps) {
            const Date date = shiftYears(planned.date, shift);
            StepRequest request;
            request.step = planned.step;
            request.date = date;
            request.documentNumber = std::to_string(n) + "/" + planned.step;
            request.documentDate = date;
            request.note = "Ghi nhận bước " + planned.step;
            const std::string& by = planned.seat == Seat::Operator       ? operatorUser
                                    : planned.seat == Seat::SecurityUnit ? unitUser
                                                                         : ownerUser;
            auto done = workflow.perform(built.id, request, by, morningOf(date));
            BOOST_REQUIRE_MESSAGE(done.ok(),
                                  built.id + " " + planned.step + " by " + by + ": " +
                                      (done.ok() ? std::string() : done.errors().front().describe(Lang::En)));
            if (done->approvedLevel > 0)
                approvedOn = date;
        }
        built.approvedByPeriodEnd =
            approvedOn && !(day(kAnnualYear, 12, 14) < *approvedOn); // 14/12: end of the data period
        if (approvedOn)
            keepDuties(c, built.id, seat(ownerUser, org, Role::Owner, kRecordedOn), *approvedOn, n);
        systems.push_back(built);
    }

    void fillDossier(const std::string& id, const Actor& by, DossierFill fill)
    {
        DossierService dossiers(catalogue, *store);
        for (int round = 0; round < 3; ++round) {
            auto check = dossiers.check(id, {});
            BOOST_REQUIRE(check.ok());
            if (check->complete())
                return;
            for (const MissingItem& item : check->missing) {
                if (item.key.rfind("attachment:", 0) == 0) {
                    if (fill == DossierFill::Partial)
                        continue;
                    BOOST_REQUIRE(
                        dossiers.attach(id, {item.key.substr(11), "tai-lieu.pdf", "%PDF " + item.key, {}}, by).ok());
                } else if (item.key.rfind("requirement:", 0) == 0) {
                    if (fill == DossierFill::Partial)
                        continue;
                    const auto hash = item.key.find('#');
                    RequirementStatement statement{item.key.substr(12, hash - 12), std::stoi(item.key.substr(hash + 1)),
                                                   RequirementStatus::Met, "Đã triển khai", std::nullopt};
                    BOOST_REQUIRE(dossiers.setRequirement(id, statement, by).ok());
                } else {
                    BOOST_REQUIRE(dossiers.setField(id, item.key, "Nội dung " + item.key, by).ok());
                }
            }
            if (fill == DossierFill::Partial)
                return; // the fields written, the requirements and attachments still missing
        }
        BOOST_FAIL("the dossier of " + id + " did not become complete");
    }

    // A level-3 dossier under VN-2016/VN-2022 is about a hundred requirement statements: written one by one for
    // 400 systems that is minutes on PostgreSQL. The later systems of a rule set receive the first one's dossier
    // as another installation would send it (DossierService::importDocument: re-judged, one transaction), with
    // their own id, name and organisation; the attachments, whose content a sent dossier does not carry, are
    // attached again through DossierService::attach. The dossier check then finds it complete, as the workflow
    // requires before submission.
    void importDossier(const std::string& id, DossierDocument document, const Actor& by)
    {
        DossierService dossiers(catalogue, *store);
        auto own = store->system(id);
        BOOST_REQUIRE(own.ok() && own->has_value());
        const SystemDescription& description = (**own).description;
        for (auto& [key, value] : document.dossier.fields) {
            if (value == document.system.name)
                value = description.name;
            if (value == document.system.id)
                value = description.id;
        }
        document.system = description;
        document.dossier.systemId = id;
        const std::vector<Attachment> attachments = std::move(document.dossier.attachments);
        document.dossier.attachments.clear();
        auto imported = dossiers.importDocument(document, "ho-so-" + id + ".xml", {}, by);
        BOOST_REQUIRE_MESSAGE(
            imported.ok(), id + ": " + (imported.ok() ? std::string() : imported.errors().front().describe(Lang::En)));
        for (const Attachment& a : attachments)
            BOOST_REQUIRE(dossiers.attach(id, {a.kind, a.name, "%PDF " + a.kind, {}}, by).ok());
        auto check = dossiers.check(id, {});
        BOOST_REQUIRE(check.ok());
        BOOST_REQUIRE_MESSAGE(check->complete(), id + ": the imported dossier is complete");
    }

    // Every duty the system owes as of kAsOf (VN-2026's recurring duties for level 3, and the transition duty
    // of an NĐ85 approval) fulfilled so that none is overdue, except as the case says.
    void keepDuties(const Case& c, const std::string& id, const Actor& owner, Date approvedOn, int n)
    {
        WorkflowService workflow(catalogue, *store);
        auto fulfil = [&](const std::string& duty, Date on, const std::string& assessorKind = "public-service") {
            DutyFulfilment f;
            f.dutyId = duty;
            f.fulfilledOn = on;
            f.documentNumber = std::to_string(n) + "/" + duty + "/" + formatIsoDate(on);
            if (duty.rfind("periodic_assessment", 0) == 0) {
                f.assessor = assessorKind == "internal" ? "Phòng Công nghệ thông tin của cơ quan"
                                                        : "Trung tâm Giám sát an toàn không gian mạng quốc gia";
                f.assessorKind = assessorKind;
            }
            auto done = workflow.fulfil(id, f, owner);
            BOOST_REQUIRE_MESSAGE(done.ok(),
                                  id + " " + duty + ": " +
                                      (done.ok() ? std::string() : done.errors().front().describe(Lang::En)));
        };
        auto lastDone = [&](const std::string& duty) -> std::optional<Date> {
            auto found = c.dutiesLastDone.find(duty);
            return found == c.dutiesLastDone.end() ? std::nullopt : std::optional<Date>(found->second);
        };
        for (const auto& [on, kind] : c.assessments)
            fulfil("periodic_assessment_l34", on, kind);
        for (const char* duty : {"periodic_assessment_l34", "training", "drill"}) {
            if (c.dutiesNeverDone.count(duty))
                continue;
            fulfil(duty, lastDone(duty).value_or(day(2027, 11, 15))); // next due in November 2028
        }
        for (const auto& [duty, month, dayOfMonth] :
             {std::tuple{"report_to_owner", 12u, 20u}, std::tuple{"report_to_mps", 12u, 25u}}) {
            if (c.dutiesNeverDone.count(duty))
                continue;
            int first = static_cast<int>(approvedOn.year());
            if (day(first, month, dayOfMonth) < approvedOn)
                ++first; // the first report owed is the first due date after the approval
            const int last = lastDone(duty) ? static_cast<int>(lastDone(duty)->year()) : static_cast<int>(kAsOf.year());
            for (int y = first; y <= last; ++y)
                fulfil(duty, day(y, month, dayOfMonth));
        }
        if (!c.dutiesNeverDone.count("security_unit_designated"))
            fulfil("security_unit_designated", approvedOn);
        if (c.ruleset != "VN-2026" && !c.dutiesNeverDone.count("transition_nd331"))
            fulfil("transition_nd331", day(2027, 5, 14));
    }

    // What an inspection of `scope` ("" = the whole province) as of kAsOf must find.
    std::set<FindingKey> expected(const std::string& district = {}) const
    {
        std::set<FindingKey> out;
        for (const BuiltSystem& s : systems) {
            if (!district.empty() && districtOf(std::stoi(s.agency.substr(3))) != district)
                continue;
            for (const Expected& e : s.kind->expected)
                out.insert({s.id, e.rule, e.ruleset});
        }
        return out;
    }

    // The citation each expected (rule, rule set) must carry.
    std::map<std::pair<std::string, std::string>, std::string> expectedCitations() const
    {
        std::map<std::pair<std::string, std::string>, std::string> out;
        for (const Case& c : cases())
            for (const Expected& e : c.expected)
                out[{e.rule, e.ruleset}] = e.citation;
        return out;
    }
};

} // namespace seclevel::testing::province
