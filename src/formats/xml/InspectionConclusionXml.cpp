#include "formats/xml/InspectionConclusionXml.h"

#include <pugixml.hpp>

namespace seclevel {
namespace {

class StringWriter : public pugi::xml_writer {
public:
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void attribute(pugi::xml_node node, const char* name, const std::string& value)
{
    node.append_attribute(name).set_value(value.c_str());
}

void text(pugi::xml_node parent, const char* name, const LocalizedText& value)
{
    for (const auto& [lang, content] : {std::pair{"vi", &value.vi}, std::pair{"en", &value.en}}) {
        if (content->empty())
            continue;
        auto node = parent.append_child(name);
        attribute(node, "lang", lang);
        node.text().set(content->c_str());
    }
}

} // namespace

std::vector<std::string> splitCitations(const std::string& citation)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= citation.size()) {
        size_t end = citation.find(';', start);
        if (end == std::string::npos)
            end = citation.size();
        std::string part = citation.substr(start, end - start);
        part.erase(0, part.find_first_not_of(' '));
        while (!part.empty() && part.back() == ' ')
            part.pop_back();
        if (!part.empty())
            out.push_back(part);
        start = end + 1;
    }
    return out;
}

std::vector<std::string> conclusionRecipients(const InspectionConclusion& c)
{
    std::vector<std::string> out;
    for (const ConclusionAgency& agency : c.agencies)
        out.push_back(agency.organisation.name.empty() ? agency.organisation.id : agency.organisation.name);
    if (!c.scopeName.empty())
        out.push_back(c.scopeName);
    return out;
}

std::string inspectionConclusionToXml(const InspectionConclusion& c)
{
    pugi::xml_document doc;
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("inspection-conclusion");
    attribute(root, "xmlns", "urn:seclevel:inspection-conclusion:1");
    attribute(root, "schema-version", "1");
    attribute(root, "id", c.inspection.id);
    attribute(root, "as-of", formatIsoDate(c.asOf));
    if (c.reportBy)
        attribute(root, "report-by", formatIsoDate(*c.reportBy));
    auto decision = root.append_child("decision");
    attribute(decision, "number", c.inspection.decisionNumber);
    attribute(decision, "date", formatIsoDate(c.inspection.decisionDate));
    auto body = root.append_child("inspecting-body");
    attribute(body, "id", c.inspection.inspectingBody);
    attribute(body, "name", c.inspectingBodyName);
    auto scope = root.append_child("scope");
    attribute(scope, "organisation", c.inspection.scope.organisationId);
    attribute(scope, "name", c.scopeName);
    attribute(scope, "from", formatIsoDate(c.inspection.scope.periodFrom));
    attribute(scope, "to", formatIsoDate(c.inspection.scope.periodTo));
    for (const std::string& system : c.inspection.scope.systems)
        scope.append_child("system").text().set(system.c_str());
    auto team = root.append_child("team");
    for (const std::string& member : c.inspection.team)
        team.append_child("member").text().set(member.c_str());
    int systems = 0, approved = 0, findings = 0;
    for (const ConclusionAgency& agency : c.agencies) {
        systems += agency.systems;
        approved += agency.approved;
        findings += static_cast<int>(agency.findings.size());
    }
    auto general = root.append_child("general");
    attribute(general, "agencies", std::to_string(c.agencies.size()));
    attribute(general, "systems", std::to_string(systems));
    attribute(general, "approved", std::to_string(approved));
    attribute(general, "findings", std::to_string(findings));
    for (const ConclusionAgency& agency : c.agencies) {
        auto node = root.append_child("agency");
        attribute(node, "id", agency.organisation.id);
        attribute(node, "name", agency.organisation.name);
        attribute(node, "systems", std::to_string(agency.systems));
        attribute(node, "approved", std::to_string(agency.approved));
        for (const StoredFinding& stored : agency.findings) {
            const Finding& f = stored.finding;
            auto finding = node.append_child("finding");
            attribute(finding, "key", f.key());
            attribute(finding, "rule", f.ruleId);
            attribute(finding, "system", f.systemId);
            attribute(finding, "system-name", f.systemName);
            attribute(finding, "ruleset", f.rulesetId);
            attribute(finding, "fact-date", formatIsoDate(f.factDate));
            attribute(finding, "severity", f.severity);
            attribute(finding, "responsible", f.responsible);
            attribute(finding, "status", remediationStatusName(stored.status));
            if (stored.deadline)
                attribute(finding, "deadline", formatIsoDate(*stored.deadline));
            text(finding, "title", f.title);
            for (const std::string& citation : splitCitations(f.citation))
                finding.append_child("citation").text().set(citation.c_str());
            for (const auto& [name, value] : f.facts) {
                auto fact = finding.append_child("fact");
                attribute(fact, "name", name);
                fact.text().set(value.c_str());
            }
            text(finding, "recommendation", f.recommendation);
        }
    }
    auto recipients = root.append_child("recipients");
    for (const std::string& recipient : conclusionRecipients(c))
        recipients.append_child("recipient").text().set(recipient.c_str());
    StringWriter writer;
    doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
    return writer.out;
}

} // namespace seclevel
