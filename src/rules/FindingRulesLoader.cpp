#include "rules/FindingRulesLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <sstream>

namespace seclevel {
namespace {

LocalizedText localized(const pugi::xml_node& parent, const char* element)
{
    LocalizedText text;
    for (auto node : parent.children(element))
        (std::string(node.attribute("lang").as_string()) == "en" ? text.en : text.vi) = node.child_value();
    return text;
}

} // namespace

Result<FindingRuleSet> loadFindingRules(std::string_view xml, const std::string& fileName, const XmlSchema& schema,
                                        const InstrumentRegister& instruments)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return withKind(std::move(errors), ErrorKind::RuleSet);
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    const LineIndex lines(xml);
    if (!parsed)
        return makeError(ErrorKind::RuleSet, fileName, lines.lineOf(parsed.offset), "",
                         std::string("XML lỗi: ") + parsed.description(),
                         std::string("malformed XML: ") + parsed.description());
    const pugi::xml_node root = doc.child("findings");
    FindingRuleSet set;
    set.rulesetId = root.attribute("ruleset").as_string();
    set.version = root.attribute("version").as_string();
    set.sourceFile = fileName;
    Errors errors;
    for (auto node : root.children("rule")) {
        FindingRule rule;
        rule.id = node.attribute("id").as_string();
        parseFindingFact(node.attribute("fact").as_string(), rule.fact); // the schema allows known facts only
        std::istringstream duties(node.attribute("duties").as_string());
        for (std::string duty; duties >> duty;)
            rule.duties.push_back(duty);
        std::istringstream qualified(node.attribute("qualified").as_string());
        for (std::string kind; qualified >> kind;)
            rule.qualified.push_back(kind);
        rule.step = node.attribute("step").as_string();
        rule.citation = node.attribute("citation").as_string();
        rule.severity = node.attribute("severity").as_string();
        rule.responsible = node.attribute("responsible").as_string();
        rule.remedyDays = node.attribute("remedy-days").as_int();
        rule.title = localized(node, "title");
        rule.recommendation = localized(node, "recommendation");
        const int line = lines.lineOf(node.offset_debug());
        if (auto citations = parseCitations(rule.citation, &instruments); !citations)
            for (Error error : citations.errors()) {
                error.kind = ErrorKind::RuleSet;
                error.file = fileName;
                error.line = line;
                errors.push_back(std::move(error));
            }
        if (rule.fact == FindingFact::StepMissingBeforeApproval && rule.step.empty())
            errors.push_back(makeError(ErrorKind::RuleSet, fileName, line, "step",
                                       "quy tắc '" + rule.id + "' cần thuộc tính step",
                                       "the rule '" + rule.id + "' needs a step attribute"));
        if (rule.fact == FindingFact::AssessedByUnqualifiedBody && (rule.duties.empty() || rule.qualified.empty()))
            errors.push_back(makeError(ErrorKind::RuleSet, fileName, line, "qualified",
                                       "quy tắc '" + rule.id + "' cần thuộc tính duties và qualified",
                                       "the rule '" + rule.id + "' needs the attributes duties and qualified"));
        set.rules.push_back(std::move(rule));
    }
    if (!errors.empty())
        return errors;
    return set;
}

Result<FindingRuleSet> loadFindingRulesFile(const std::string& path, const XmlSchema& schema,
                                            const InstrumentRegister& instruments)
{
    auto text = readInputFile(path, {.maxBytes = XmlSchema::maxDocumentBytes,
                                     .what = {"tệp quy tắc phát hiện vi phạm", "findings rules file"},
                                     .text = true});
    if (!text)
        return withKind(text.errors(), ErrorKind::RuleSet);
    return loadFindingRules(*text, path, schema, instruments);
}

} // namespace seclevel
