#pragma once
// The annual report on information-system security (TT12/2022 Art 13–14; NĐ331/2026 Art 35–36, Form 08): its
// definition as data (reports/annual-report.xml, loaded by rules/AnnualReportLoader) and the report itself —
// the seven totals and the twelve-column table — derived from what the store recorded, as of the end of the
// data period (15/12 of the year before to 14/12 of the year), by the dates of the recorded steps and duty
// fulfilments, never by today's state. Pure: the facts come in as values, the report goes out as a value.
#include "core/Actor.h"
#include "core/Date.h"
#include "core/Dossier.h"
#include "core/Procedure.h"
#include "core/Text.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

enum class ReportTotal { Managed, Classified, WithDossier, Appraised, Approved, Inspected, ExpectedCompletion };
inline constexpr int kReportTotals = 7;
inline constexpr int kReportColumns = 12;

struct AnnualReportDefinition {
    std::string id; // "nd331-form08"
    std::string rulesetId;
    int firstYear = 0;
    int lastYear = 0;
    std::string citation;
    std::string formLabel; // "Mẫu số 08"; empty = none
    LocalizedText title;
    LocalizedText summary; // "{year}" replaced by the year
    std::string addressee;
    std::vector<std::string> bases;
    unsigned deadlineMonth = 12, deadlineDay = 25;
    std::string deadlineCitation;
    LocalizedText totals[kReportTotals];
    LocalizedText columns[kReportColumns];
    std::string planNone, planPartly, planFull;
    std::string inspectionPreOperation, inspectionPeriodic, inspectionBoth;
    std::vector<std::string> assessmentDuties; // duty ids whose fulfilment is an inspection/assessment
    std::vector<std::string> appraisalSteps;   // step ids that record an appraisal opinion (fit or not)
    std::string version;                       // of the definitions file
    std::string sourceFile;
};

// The definition whose years hold `year`, or nullptr.
const AnnualReportDefinition* definitionForYear(const std::vector<AnnualReportDefinition>& definitions, int year);

// 15/12/(year−1) and 14/12/year.
Date periodStart(int year);
Date periodEnd(int year);

enum class PlanDeployment { Unknown, None, Partly, Full };
enum class InspectionKind { None, PreOperation, Periodic, Both };

// A decision recorded by a step (columns 7 and 8).
struct ReportDecision {
    std::string number;
    std::optional<Date> date;
    std::string issuer; // the name of the organisation the deciding user acted for
};

// One row of the table, as of the end of the data period.
struct AnnualReportRow {
    std::string systemId;
    std::string organisationId;
    std::string name;                                 // (2)
    std::string owner;                                // (3)
    std::string operatorName;                         // (4)
    int proposedLevel = 0;                            // (5) 0 = not yet classified
    std::string stateId;                              // the procedure state as of the period end
    std::string approvalState;                        // (6) the state's Form 08 wording
    std::optional<ReportDecision> approval;           // (7)
    std::optional<ReportDecision> regulation;         // (8)
    std::optional<Date> expectedApproval;             // (9) not approved: the last day of the clock running then
    PlanDeployment plan = PlanDeployment::Unknown;    // (10)
    std::optional<Date> expectedFullDeployment;       // (11) the latest planned date of a statement not yet met
    InspectionKind inspection = InspectionKind::None; // (12)
    bool classified = false, withDossier = false, appraised = false, approved = false;
    std::string rulesetId; // the rule set whose procedure recorded the state (empty: never assessed)
};

struct AnnualReport {
    AnnualReportDefinition definition;
    int year = 0;
    Date from{}, to{};
    std::string organisationId; // the owner organisation the report is for (its subtree rolled up)
    std::string organisationName;
    std::string parentName; // the body above it (cơ quan chủ quản of the Decree 30 header); empty for a root
    std::vector<AnnualReportRow> rows; // ordered by organisation then system id
    int managed = 0, classified = 0, withDossier = 0, appraised = 0, approved = 0, inspected = 0;
    std::optional<Date> expectedCompletion; // the latest expected approval date of the systems not yet approved
    int withoutExpectedDate = 0;            // systems not approved and without an expected approval date
};

// One recorded step of the procedure, as the report needs it.
struct ReportStep {
    std::string step;
    std::string fromState;
    std::string toState; // = fromState for a step that only records a fact
    std::string rulesetId;
    int level = 0;
    Date date{};
    std::string documentNumber;
    std::optional<Date> documentDate;
    std::string organisationId; // the organisation the user who took it acted for
    int approvedLevel = 0;      // > 0: the step approved the level
};

// One fulfilment of a duty.
struct ReportDuty {
    std::string dutyId;
    Date fulfilledOn{};
};

// What the application knows of one system for the report.
struct ReportFacts {
    std::string systemId, organisationId, name, owner, operatorName;
    std::string rulesetId;          // of the latest assessment (empty = never assessed)
    int proposedLevel = 0;          // as stored now (used when no step was recorded by the period end)
    std::vector<ReportStep> steps;  // oldest first, all of them (the builder cuts at the period end)
    std::vector<ReportDuty> duties; // fulfilments of this system
    const Dossier* dossier = nullptr;
    const DossierTemplate* dossierTemplate = nullptr; // of the rule set the level is judged under
    // The procedures by rule-set id (the steps name the one that judged them).
    std::function<const Procedure*(const std::string&)> procedure;
    // The organisation name of an id (the issuer of a decision).
    std::function<std::string(const std::string&)> organisationName;
    // The last day of the statutory clock running at the period end after `step` (taken on `date` at `level`),
    // or nullopt (the application counts it on the working-day calendar).
    std::function<std::optional<Date>(const Procedure&, const ReportStep& step, Date asOf)> clockEnd;
};

// The step that entered the state a system was in at the end of `steps` (nullptr: none).
const ReportStep* stateStep(const std::vector<ReportStep>& steps);

// The row of one system as of the period end of `year` (steps and fulfilments dated after it are left out).
AnnualReportRow annualReportRow(const AnnualReportDefinition& definition, int year, const ReportFacts& facts);
// The same as of `to`, periodic assessments counted from `from` (the Form 08 columns an export fills as of
// its day).
AnnualReportRow reportRow(const AnnualReportDefinition& definition, Date from, Date to, const ReportFacts& facts);
// Adds up the rows (numbered in order).
void addTotals(AnnualReport& report);

PlanDeployment planDeployment(const DossierTemplate* dossierTemplate, const Dossier& dossier, int level,
                              std::optional<Date>& latestPlanned);
const std::string& planText(const AnnualReportDefinition& definition, PlanDeployment plan); // "" for Unknown
const std::string& inspectionText(const AnnualReportDefinition& definition, InspectionKind kind);
// "15/QĐ-UBND, ngày 17/6/2025, Ủy ban nhân dân tỉnh"
std::string decisionText(const ReportDecision& decision);
// dd/mm/yyyy
std::string slashDate(Date date);
std::string summaryFor(const AnnualReportDefinition& definition, Lang lang, int year);

} // namespace seclevel
