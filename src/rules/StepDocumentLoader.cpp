#include "rules/StepDocumentLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

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

// Runs of white space (the indentation of the XML file) become one space.
std::string collapse(std::string_view text)
{
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    if (space)
        out += ' ';
    return out;
}

class Loader {
public:
    Loader(std::string_view xml, const std::string& file, const Procedure& procedure)
        : m_xml(xml),
          m_file(file),
          m_lines(xml),
          m_procedure(procedure)
    {}

    Result<DocumentSet> run()
    {
        pugi::xml_document doc;
        const auto parsed = doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return makeError(ErrorKind::RuleSet, m_file, m_lines.lineOf(parsed.offset), "",
                             std::string("XML lỗi: ") + parsed.description(),
                             std::string("malformed XML: ") + parsed.description());
        const pugi::xml_node root = doc.child("documents");
        DocumentSet set;
        set.sourceFile = m_file;
        set.rulesetId = root.attribute("ruleset").as_string();
        set.version = root.attribute("version").as_string();
        if (set.rulesetId != m_procedure.rulesetId)
            error(root, "ruleset",
                  "văn bản của bộ quy tắc '" + set.rulesetId + "' đặt cạnh thủ tục của '" + m_procedure.rulesetId + "'",
                  "documents of rule set '" + set.rulesetId + "' next to the procedure of '" + m_procedure.rulesetId +
                      "'");
        for (auto node : root.children("document"))
            set.documents.push_back(readDocument(node));
        for (const ProcedureStep& step : m_procedure.steps)
            if (!step.document.empty() && !set.document(step.document))
                m_errors.push_back(makeError(ErrorKind::RuleSet, m_file, 0, step.document,
                                             "bước '" + step.id + "' của thủ tục cần văn bản '" + step.document +
                                                 "', không có trong tệp",
                                             "the procedure's step '" + step.id + "' needs document '" + step.document +
                                                 "', not defined in the file"));
        if (!m_errors.empty())
            return m_errors;
        return set;
    }

private:
    DocumentTemplate readDocument(const pugi::xml_node& node)
    {
        DocumentTemplate d;
        d.id = node.attribute("id").as_string();
        d.formLabel = node.attribute("form").as_string();
        d.citation = node.attribute("citation").as_string();
        for (auto c : node.children("cite")) {
            DocumentCitation cite{c.attribute("id").as_string(), words(c.attribute("steps").as_string()),
                                  c.attribute("any-round").as_bool()};
            for (const std::string& step : cite.steps)
                if (!m_procedure.step(step))
                    error(c, step, "bước không có trong thủ tục: '" + step + "'",
                          "step not in the procedure: '" + step + "'");
            d.cites.push_back(std::move(cite));
        }
        m_cites = &d.cites;
        d.type = collapse(node.child("type").text().as_string());
        d.summary = text(node.child("summary"));
        if (auto addressee = node.child("addressee"))
            d.addressee = text(addressee);
        for (auto basis : node.child("bases").children()) {
            if (std::string(basis.name()) == "instruments")
                d.instrumentsAt = d.bases.size();
            else if (std::string(basis.name()) == "basis")
                d.bases.push_back(line(basis));
        }
        for (auto block : node.child("body").children()) {
            const std::string name = block.name();
            DocumentBlock b;
            b.when = condition(block);
            if (name == "p" || name == "heading" || name == "decides") {
                b.kind = name == "p"         ? DocumentBlockKind::Paragraph
                         : name == "heading" ? DocumentBlockKind::Heading
                                             : DocumentBlockKind::Decides;
                b.lines.push_back({text(block), {}});
            } else if (name == "list" || name == "numbered") {
                b.kind = name == "list" ? DocumentBlockKind::List : DocumentBlockKind::Numbered;
                for (auto item : block.children("item"))
                    b.lines.push_back(line(item));
            } else if (name == "attachments") {
                b.kind = DocumentBlockKind::Attachments;
                b.ofDossier = std::string(block.attribute("of").as_string()) == "dossier";
                b.title = collapse(block.attribute("title").as_string());
            } else {
                continue; // the schema allows nothing else
            }
            d.body.push_back(std::move(b));
        }
        d.signerAuthority = collapse(node.child("signer").attribute("authority").as_string());
        for (auto recipient : node.child("recipients").children("recipient"))
            d.recipients.push_back(line(recipient));
        m_cites = nullptr;
        return d;
    }

    DocumentLine line(const pugi::xml_node& node) { return {text(node), condition(node)}; }

    DocumentCondition condition(const pugi::xml_node& node)
    {
        DocumentCondition c;
        for (const std::string& level : words(node.attribute("levels").as_string()))
            c.levels.push_back(std::stoi(level)); // the schema allows 1..5 only
        c.steps = words(node.attribute("steps").as_string());
        for (const std::string& step : c.steps)
            if (!m_procedure.step(step))
                error(node, step, "bước không có trong thủ tục: '" + step + "'",
                      "step not in the procedure: '" + step + "'");
        c.ifSet = words(node.attribute("if").as_string());
        c.unless = words(node.attribute("unless").as_string());
        for (const auto* names : {&c.ifSet, &c.unless})
            for (const std::string& name : *names)
                checkPlaceholder(node, name);
        return c;
    }

    // Mixed content: literal text with `{placeholders}`, and `<b>` runs.
    TemplateText text(const pugi::xml_node& node)
    {
        TemplateText out;
        for (auto child : node.children()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
                split(node, child.value(), false, out);
            else if (child.type() == pugi::node_element && std::string(child.name()) == "b")
                split(node, child.text().as_string(), true, out);
        }
        // Trim the indentation around the whole text.
        while (!out.empty() && !out.front().placeholder && out.front().text.find_first_not_of(' ') == std::string::npos)
            out.erase(out.begin());
        while (!out.empty() && !out.back().placeholder && out.back().text.find_first_not_of(' ') == std::string::npos)
            out.pop_back();
        if (!out.empty() && !out.front().placeholder)
            out.front().text.erase(0, out.front().text.find_first_not_of(' '));
        if (!out.empty() && !out.back().placeholder)
            out.back().text.erase(out.back().text.find_last_not_of(' ') + 1);
        return out;
    }

    void split(const pugi::xml_node& node, std::string_view raw, bool bold, TemplateText& out)
    {
        const std::string text = collapse(raw);
        size_t at = 0;
        while (at < text.size()) {
            const size_t open = text.find('{', at);
            const size_t close = text.find('}', at);
            if (close != std::string::npos && (open == std::string::npos || close < open)) {
                error(node, "}", "dấu '}' thừa", "a '}' without its '{'");
                return;
            }
            if (open == std::string::npos) {
                out.push_back({text.substr(at), false, bold});
                return;
            }
            if (open > at)
                out.push_back({text.substr(at, open - at), false, bold});
            if (close == std::string::npos) {
                error(node, "{", "thiếu dấu '}'", "a '{' without its '}'");
                return;
            }
            const std::string name = text.substr(open + 1, close - open - 1);
            checkPlaceholder(node, name);
            out.push_back({name, true, bold});
            at = close + 1;
        }
    }

    void checkPlaceholder(const pugi::xml_node& node, const std::string& name)
    {
        static const std::vector<DocumentCitation> none;
        if (!isDocumentPlaceholder(name, m_cites ? *m_cites : none))
            error(node, name, "chỗ điền không biết: '{" + name + "}'", "unknown placeholder: '{" + name + "}'");
    }

    void error(const pugi::xml_node& node, const std::string& field, std::string vi, std::string en)
    {
        m_errors.push_back(makeError(ErrorKind::RuleSet, m_file, m_lines.lineOf(node.offset_debug()), field,
                                     std::move(vi), std::move(en)));
    }

    std::string_view m_xml;
    std::string m_file;
    LineIndex m_lines;
    const Procedure& m_procedure;
    const std::vector<DocumentCitation>* m_cites = nullptr;
    Errors m_errors;
};

} // namespace

Result<DocumentSet> loadStepDocuments(std::string_view xml, const std::string& fileName, const XmlSchema& schema,
                                      const Procedure& procedure)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return withKind(std::move(errors), ErrorKind::RuleSet);
    return Loader(xml, fileName, procedure).run();
}

Result<DocumentSet> loadStepDocumentsFile(const std::string& path, const XmlSchema& schema, const Procedure& procedure)
{
    auto text = readInputFile(
        path, {.maxBytes = XmlSchema::maxDocumentBytes, .what = {"tệp văn bản", "documents file"}, .text = true});
    if (!text)
        return withKind(text.errors(), ErrorKind::RuleSet);
    return loadStepDocuments(*text, path, schema, procedure);
}

} // namespace seclevel
