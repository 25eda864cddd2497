#include "rules/ProcedureLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <algorithm>
#include <set>
#include <sstream>

namespace seclevel {
namespace {

std::vector<std::string> words(const char* text)
{
    std::vector<std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

std::vector<int> levelList(const char* text)
{
    std::vector<int> out;
    for (const std::string& word : words(text))
        out.push_back(std::stoi(word)); // the schema allows 1..5 only
    return out;
}

class Loader {
public:
    Loader(std::string_view xml, const std::string& file) : m_xml(xml), m_file(file), m_lines(xml) {}

    Result<Procedure> run()
    {
        pugi::xml_document doc;
        const auto parsed = doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return makeError(ErrorKind::RuleSet, m_file, m_lines.lineOf(parsed.offset), "",
                             std::string("XML lỗi: ") + parsed.description(),
                             std::string("malformed XML: ") + parsed.description());
        const pugi::xml_node root = doc.child("procedure");
        Procedure p;
        p.sourceFile = m_file;
        p.rulesetId = root.attribute("ruleset").as_string();
        p.version = root.attribute("version").as_string();
        p.initialState = root.attribute("initial").as_string();
        p.approvedState = root.attribute("approved").as_string();
        p.redeterminationState = root.attribute("redetermination").as_string();
        p.managingBodies = words(root.attribute("managing-bodies").as_string());
        p.separationCitation = root.attribute("separation-citation").as_string();

        for (auto node : root.child("states").children("state"))
            p.states.push_back({node.attribute("id").as_string(), names(node), node.attribute("form08").as_string()});
        for (const char* state : {"initial", "approved", "redetermination"})
            knownState(p, root, root.attribute(state).as_string(), state);

        for (auto node : root.child("steps").children("step"))
            p.steps.push_back(readStep(p, node));
        checkOverlaps(p, root);

        for (auto node : root.child("clocks").children("clock")) {
            ClockRule clock;
            clock.id = node.attribute("id").as_string();
            clock.name = names(node);
            clock.startSteps = words(node.attribute("start").as_string());
            clock.stopSteps = words(node.attribute("stop").as_string());
            for (const auto* list : {&clock.startSteps, &clock.stopSteps})
                for (const std::string& step : *list)
                    knownStep(p, node, step);
            clock.levels = levelList(node.attribute("levels").as_string());
            clock.count = node.attribute("count").as_int();
            clock.unit = std::string(node.attribute("unit").as_string()) == "working-days" ? ClockUnit::WorkingDays
                                                                                           : ClockUnit::CalendarDays;
            clock.owedBy = node.attribute("owed-by").as_string();
            clock.window = node.attribute("window").as_bool();
            clock.citation = node.attribute("citation").as_string();
            p.clocks.push_back(std::move(clock));
        }
        for (auto node : root.child("duties").children("duty")) {
            DutyRule duty;
            duty.id = node.attribute("id").as_string();
            duty.name = names(node);
            parseRole(node.attribute("owed-by").as_string(), duty.owedBy);
            duty.levels = levelList(node.attribute("levels").as_string());
            duty.everyMonths = node.attribute("every-months").as_int();
            duty.annualDue = node.attribute("annual-due").as_string();
            if (auto due = node.attribute("due"))
                duty.due = parseIsoDate(due.as_string());
            duty.onlyApprovedUnder = node.attribute("only-approved-under").as_string();
            duty.once = node.attribute("once").as_bool();
            duty.onEvent = node.attribute("on-event").as_bool();
            duty.evidence = node.attribute("evidence").as_string();
            duty.note = node.attribute("note").as_string();
            duty.citation = node.attribute("citation").as_string();
            const int kinds =
                (duty.everyMonths > 0) + !duty.annualDue.empty() + duty.due.has_value() + duty.once + duty.onEvent;
            if (kinds != 1)
                error(node, duty.id, "nghĩa vụ phải có đúng một trong every-months, annual-due, due, once, on-event",
                      "a duty needs exactly one of every-months, annual-due, due, once, on-event");
            p.duties.push_back(std::move(duty));
        }
        for (auto node : root.child("redetermination").children("trigger")) {
            RedeterminationTrigger trigger{node.attribute("kind").as_string(),
                                           words(node.attribute("keys").as_string()),
                                           node.attribute("citation").as_string()};
            if (trigger.kind == "answer" && trigger.keys.empty())
                error(node, "keys", "điều kiện theo câu trả lời cần danh sách keys",
                      "an answer trigger needs its keys");
            p.triggers.push_back(std::move(trigger));
        }
        if (!m_errors.empty())
            return m_errors;
        return p;
    }

private:
    LocalizedText names(const pugi::xml_node& node)
    {
        LocalizedText text;
        for (auto name : node.children("name"))
            (std::string(name.attribute("lang").as_string()) == "en" ? text.en : text.vi) = name.text().as_string();
        return text;
    }

    ProcedureStep readStep(const Procedure& p, const pugi::xml_node& node)
    {
        ProcedureStep step;
        step.id = node.attribute("id").as_string();
        step.name = names(node);
        step.from = words(node.attribute("from").as_string());
        step.to = node.attribute("to").as_string();
        for (const std::string& state : step.from)
            knownState(p, node, state, "from");
        if (!step.to.empty())
            knownState(p, node, step.to, "to");
        step.levels = levelList(node.attribute("levels").as_string());
        step.citation = node.attribute("citation").as_string();
        step.prepares = node.attribute("prepares").as_bool();
        step.independent = node.attribute("independent").as_bool();
        step.setsApprovedLevel = node.attribute("sets-approved-level").as_bool();
        step.records = node.attribute("records").as_string();
        step.form = node.attribute("form").as_string();
        step.document = node.attribute("document").as_string();
        for (auto a : node.children("actor")) {
            StepActor actor;
            parseRole(a.attribute("role").as_string(), actor.role);
            const std::string scope = a.attribute("scope").as_string();
            actor.scope = scope == "body"          ? ActorScope::Body
                          : scope == "subordinate" ? ActorScope::Subordinate
                                                   : ActorScope::SystemTree;
            actor.bodies = words(a.attribute("bodies").as_string());
            if (actor.scope == ActorScope::Body && actor.bodies.empty())
                error(a, "bodies", "phạm vi body cần danh sách bodies", "scope body needs its bodies");
            actor.managedBy = a.attribute("managed-by").as_string();
            actor.notForManaged = a.attribute("not-for-managed").as_bool();
            actor.notOperator = a.attribute("not-operator").as_bool();
            actor.onlyWhenUnitOperates = a.attribute("only-when-unit-operates").as_bool();
            if (auto from = a.attribute("valid-from"))
                actor.validFrom = parseIsoDate(from.as_string());
            if (auto to = a.attribute("valid-to"))
                actor.validTo = parseIsoDate(to.as_string());
            actor.citation = a.attribute("citation").as_string();
            step.actors.push_back(std::move(actor));
        }
        for (auto r : node.children("requires")) {
            static const std::pair<const char*, StepCheck> checks[] = {
                {"dossier-complete", StepCheck::DossierComplete},
                {"security-regulation", StepCheck::SecurityRegulation},
                {"appraisal-opinion", StepCheck::AppraisalOpinion},
                {"pm-list", StepCheck::PmList},
                {"note", StepCheck::Note},
                {"document", StepCheck::Document},
                {"ruleset-in-force", StepCheck::RuleSetInForce}};
            StepRequirement requirement;
            const std::string check = r.attribute("check").as_string();
            for (const auto& [text, value] : checks)
                if (check == text)
                    requirement.check = value;
            requirement.citation = r.attribute("citation").as_string();
            step.requirements.push_back(requirement);
        }
        return step;
    }

    void checkOverlaps(const Procedure& p, const pugi::xml_node& root)
    {
        auto node = root.child("steps").child("step");
        for (size_t i = 0; i < p.steps.size(); ++i, node = node.next_sibling("step"))
            for (size_t j = 0; j < i; ++j) {
                const ProcedureStep& a = p.steps[i];
                const ProcedureStep& b = p.steps[j];
                if (a.id != b.id)
                    continue;
                bool overlap = a.levels.empty() || b.levels.empty();
                for (int level : a.levels)
                    overlap = overlap || appliesToLevel(b.levels, level);
                if (overlap)
                    error(node, a.id, "bước '" + a.id + "' được định nghĩa hai lần cho cùng cấp độ",
                          "step '" + a.id + "' is defined twice for the same level");
            }
    }

    void knownState(const Procedure& p, const pugi::xml_node& node, const std::string& state, const char* field)
    {
        if (!p.state(state))
            error(node, field, "trạng thái không có trong <states>: '" + state + "'",
                  "state not declared in <states>: '" + state + "'");
    }

    void knownStep(const Procedure& p, const pugi::xml_node& node, const std::string& step)
    {
        if (!p.step(step))
            error(node, step, "bước không có trong <steps>: '" + step + "'",
                  "step not declared in <steps>: '" + step + "'");
    }

    void error(const pugi::xml_node& node, const std::string& field, std::string vi, std::string en)
    {
        m_errors.push_back(makeError(ErrorKind::RuleSet, m_file, m_lines.lineOf(node.offset_debug()), field,
                                     std::move(vi), std::move(en)));
    }

    std::string_view m_xml;
    std::string m_file;
    LineIndex m_lines;
    Errors m_errors;
};

} // namespace

Result<Procedure> loadProcedure(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return withKind(std::move(errors), ErrorKind::RuleSet);
    return Loader(xml, fileName).run();
}

Result<Procedure> loadProcedureFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(
        path, {.maxBytes = XmlSchema::maxDocumentBytes, .what = {"tệp thủ tục", "procedure file"}, .text = true});
    if (!text)
        return withKind(text.errors(), ErrorKind::RuleSet);
    return loadProcedure(*text, path, schema);
}

} // namespace seclevel
