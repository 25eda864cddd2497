#include "formats/report/AnnualReportXml.h"

#include <pugixml.hpp>

#include <sstream>

namespace seclevel {
namespace {

const char* planCode(PlanDeployment plan)
{
    switch (plan) {
    case PlanDeployment::None: return "none";
    case PlanDeployment::Partly: return "partly";
    case PlanDeployment::Full: return "full";
    case PlanDeployment::Unknown: break;
    }
    return "";
}

const char* inspectionCode(InspectionKind kind)
{
    switch (kind) {
    case InspectionKind::PreOperation: return "pre-operation";
    case InspectionKind::Periodic: return "periodic";
    case InspectionKind::Both: return "both";
    case InspectionKind::None: break;
    }
    return "";
}

void text(pugi::xml_node parent, const char* name, const std::string& value)
{
    parent.append_child(name).text().set(value.c_str());
}

void decision(pugi::xml_node parent, const char* name, const ReportDecision& d)
{
    auto node = parent.append_child(name);
    node.append_attribute("number") = d.number.c_str();
    if (d.date)
        node.append_attribute("date") = formatIsoDate(*d.date).c_str();
    node.append_attribute("issuer") = d.issuer.c_str();
}

} // namespace

std::string annualReportXml(const AnnualReport& report)
{
    const AnnualReportDefinition& d = report.definition;
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("annual-report");
    root.append_attribute("xmlns") = "urn:seclevel:annual-report:1";
    root.append_attribute("definition") = d.id.c_str();
    root.append_attribute("definition-version") = d.version.c_str();
    root.append_attribute("ruleset") = d.rulesetId.c_str();
    root.append_attribute("citation") = d.citation.c_str();
    root.append_attribute("year") = report.year;
    root.append_attribute("from") = formatIsoDate(report.from).c_str();
    root.append_attribute("to") = formatIsoDate(report.to).c_str();
    root.append_attribute("organisation") = report.organisationId.c_str();
    text(root, "organisation-name", report.organisationName);
    text(root, "title", summaryFor(d, Lang::Vi, report.year));
    text(root, "addressee", d.addressee);
    auto totals = root.append_child("totals");
    totals.append_attribute("managed") = report.managed;
    totals.append_attribute("classified") = report.classified;
    totals.append_attribute("with-dossier") = report.withDossier;
    totals.append_attribute("appraised") = report.appraised;
    totals.append_attribute("approved") = report.approved;
    totals.append_attribute("inspected") = report.inspected;
    if (report.expectedCompletion)
        totals.append_attribute("expected-completion") = formatIsoDate(*report.expectedCompletion).c_str();
    totals.append_attribute("without-expected-date") = report.withoutExpectedDate;
    int number = 0;
    for (const AnnualReportRow& row : report.rows) {
        auto s = root.append_child("system");
        s.append_attribute("no") = ++number;
        s.append_attribute("id") = row.systemId.c_str();
        s.append_attribute("organisation") = row.organisationId.c_str();
        if (!row.rulesetId.empty())
            s.append_attribute("ruleset") = row.rulesetId.c_str();
        text(s, "name", row.name);
        text(s, "owner", row.owner);
        text(s, "operator", row.operatorName);
        if (row.proposedLevel > 0)
            s.append_child("proposed-level").text().set(row.proposedLevel);
        auto status = s.append_child("approval-status");
        status.append_attribute("state") = row.stateId.c_str();
        status.text().set(row.approvalState.c_str());
        if (row.approval)
            decision(s, "approval-decision", *row.approval);
        if (row.regulation)
            decision(s, "security-regulation", *row.regulation);
        if (row.expectedApproval)
            text(s, "expected-approval", formatIsoDate(*row.expectedApproval));
        if (row.plan != PlanDeployment::Unknown) {
            auto plan = s.append_child("plan-deployment");
            plan.append_attribute("code") = planCode(row.plan);
            plan.text().set(planText(d, row.plan).c_str());
        }
        if (row.expectedFullDeployment)
            text(s, "expected-full-deployment", formatIsoDate(*row.expectedFullDeployment));
        if (row.inspection != InspectionKind::None) {
            auto inspection = s.append_child("inspection");
            inspection.append_attribute("code") = inspectionCode(row.inspection);
            inspection.text().set(inspectionText(d, row.inspection).c_str());
        }
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

} // namespace seclevel
