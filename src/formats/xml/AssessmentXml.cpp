#include "formats/xml/AssessmentXml.h"

#include <pugixml.hpp>

#include <sstream>

namespace seclevel {

std::string assessmentToXml(const Assessment& a, const RuleSet& rs, const SystemDescription& system, Lang lang)
{
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("assessment");
    root.append_attribute("xmlns") = "urn:seclevel:assessment:1";
    root.append_attribute("lang") = lang == Lang::En ? "en" : "vi";
    auto sys = root.append_child("system");
    sys.append_attribute("id") = system.id.c_str();
    sys.append_child("name").text() = system.name.c_str();
    sys.append_child("owner").text() = system.owner.c_str();
    sys.append_child("operator").text() = system.operatorName.c_str();
    auto ruleset = root.append_child("ruleset");
    ruleset.append_attribute("id") = rs.id.c_str();
    ruleset.append_attribute("version") = rs.version.c_str();
    ruleset.text() = rs.title.in(lang).c_str();
    auto levels = root.append_child("levels");
    levels.append_attribute("derived") = a.derivedLevel;
    levels.append_attribute("proposed") = a.proposedLevel;
    if (!a.justification.empty())
        levels.append_child("justification").text() = a.justification.c_str();
    for (const auto& c : a.components) {
        auto component = root.append_child("component");
        component.append_attribute("name") = c.name.c_str();
        component.append_attribute("level") = c.level;
        for (const auto& f : c.fired) {
            auto basis = component.append_child("basis");
            basis.append_attribute("id") = f.id.c_str();
            basis.append_attribute("citation") = f.citation.c_str();
            basis.append_attribute("level") = f.level;
            basis.append_attribute("kind") = f.kind == CriterionKind::Floor ? "floor" : "criterion";
            basis.append_child("text").text() = f.text.in(lang).c_str();
            for (const auto& [key, value] : f.answers) {
                auto answer = basis.append_child("answer");
                answer.append_attribute("key") = key.c_str();
                answer.text() = renderValue(value).c_str();
            }
        }
        for (const auto& m : c.nearest) {
            auto nearest = component.append_child("nearest");
            nearest.append_attribute("id") = m.id.c_str();
            nearest.append_attribute("citation") = m.citation.c_str();
            nearest.append_attribute("level") = m.level;
            nearest.append_child("text").text() = m.text.in(lang).c_str();
            for (const auto& s : m.shortfalls)
                nearest.append_child("missing").text() = explainShortfall(s, rs, lang).c_str();
        }
    }
    for (const auto& w : a.warnings) {
        auto warning = root.append_child("warning");
        warning.append_attribute("id") = w.id.c_str();
        warning.append_attribute("citation") = w.citation.c_str();
        if (!w.component.empty())
            warning.append_attribute("component") = w.component.c_str();
        warning.text() = w.text.in(lang).c_str();
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

} // namespace seclevel
