#include "formats/json/AssessmentJson.h"

#include "formats/json/AnswersFile.h"

#include <set>

namespace seclevel {

const char* criterionKindName(CriterionKind kind)
{
    switch (kind) {
    case CriterionKind::Criterion: return "criterion";
    case CriterionKind::Floor: return "floor";
    }
    return "?";
}

namespace {

// The fired criterion's fields after "component" (basis entries share them with the per-component list).
void writeFiredFields(json::Writer& w, const FiredCriterion& fired, Lang lang)
{
    w.member("id", fired.id);
    w.member("citation", fired.citation);
    w.member("level", fired.level);
    w.member("kind", criterionKindName(fired.kind));
    w.member("text", fired.text.in(lang));
    w.key("answers").beginObject();
    std::set<std::string> written; // a key read twice is written once: duplicate keys would be invalid JSON
    for (const auto& [key, value] : fired.answers) {
        if (!written.insert(key).second)
            continue;
        w.key(key);
        writeAnswerValue(w, value);
    }
    w.endObject();
}

void writeCitationChanges(json::Writer& w, const Reassessment& r, bool added)
{
    w.beginArray();
    for (const auto& change : r.citationChanges) {
        if (change.added != added)
            continue;
        w.beginObject();
        w.member("component", change.component);
        w.member("citation", change.citation);
        w.member("level", change.level);
        w.endObject();
    }
    w.endArray();
}

} // namespace

void writeAssessment(json::Writer& w, const Assessment& a, const RuleSet& rs, Lang lang)
{
    w.beginObject();
    w.member("ruleset", a.rulesetId);
    w.member("ruleset_version", a.rulesetVersion);
    w.member("ruleset_title", rs.title.in(lang));
    w.member("level", a.proposedLevel);
    w.member("derived_level", a.derivedLevel);
    w.member("proposed_level", a.proposedLevel);
    w.member("justification", a.justification);

    w.key("components").beginArray();
    for (const auto& component : a.components) {
        w.beginObject();
        w.member("name", component.name);
        w.member("level", component.level);
        w.key("basis").beginArray();
        for (const auto& fired : component.fired) {
            w.beginObject();
            writeFiredFields(w, fired, lang);
            w.endObject();
        }
        w.endArray();
        w.key("nearest").beginArray();
        for (const auto& missed : component.nearest) {
            w.beginObject();
            w.member("id", missed.id);
            w.member("citation", missed.citation);
            w.member("level", missed.level);
            w.member("text", missed.text.in(lang));
            w.key("missing").beginArray();
            for (const auto& shortfall : missed.shortfalls)
                w.value(explainShortfall(shortfall, rs, lang));
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();

    w.key("basis").beginArray();
    for (const auto& component : a.components) {
        for (const auto& fired : component.fired) {
            w.beginObject();
            w.member("component", component.name);
            writeFiredFields(w, fired, lang);
            w.endObject();
        }
    }
    w.endArray();

    w.key("warnings").beginArray();
    for (const auto& warning : a.warnings) {
        w.beginObject();
        w.member("id", warning.id);
        w.member("citation", warning.citation);
        w.member("text", warning.text.in(lang));
        w.member("component", warning.component);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

std::string assessmentToJson(const Assessment& assessment, const RuleSet& ruleSet, Lang lang)
{
    json::Writer w;
    writeAssessment(w, assessment, ruleSet, lang);
    return w.str();
}

std::string reassessmentToJson(const Reassessment& r, const RuleSet& before, const RuleSet& after, Lang lang)
{
    json::Writer w;
    w.beginObject();
    w.key("before");
    writeAssessment(w, r.before, before, lang);
    w.key("after");
    writeAssessment(w, r.after, after, lang);
    w.key("level_change").beginObject();
    w.member("from", r.before.proposedLevel);
    w.member("to", r.after.proposedLevel);
    w.endObject();
    w.key("components").beginArray();
    for (const auto& [name, levels] : r.componentLevels) {
        w.beginObject();
        w.member("name", name);
        w.member("from", levels.first);
        w.member("to", levels.second);
        w.endObject();
    }
    w.endArray();
    w.key("citations_added");
    writeCitationChanges(w, r, true);
    w.key("citations_removed");
    writeCitationChanges(w, r, false);
    w.endObject();
    return w.str();
}

} // namespace seclevel
