#include "formats/xml/DossierXml.h"

#include "core/TextSafety.h"
#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <set>
#include <utility>

namespace seclevel {
namespace {

constexpr const char* dossierNamespace = dossierXmlNamespace;
constexpr const char* schemaVersion = dossierXmlSchemaVersion;

// ---- writing --------------------------------------------------------------------------------------------------

class StringWriter : public pugi::xml_writer {
public:
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void setText(pugi::xml_node node, const std::string& text)
{
    if (!text.empty())
        node.text().set(text.c_str());
}

void appendText(pugi::xml_node parent, const char* name, const std::string& text)
{
    setText(parent.append_child(name), text);
}

void writeLocalized(pugi::xml_node parent, const LocalizedText& text)
{
    auto node = parent.append_child("text");
    appendText(node, "vi", text.vi);
    appendText(node, "en", text.en);
}

void writeAnswer(pugi::xml_node parent, const std::string& key, const Value& value)
{
    auto answer = parent.append_child("answer");
    answer.append_attribute("key").set_value(key.c_str());
    if (std::holds_alternative<std::monostate>(value)) {
        answer.append_child("unanswered");
    } else if (const auto* b = std::get_if<bool>(&value)) {
        answer.append_child("boolean").text().set(*b ? "true" : "false");
    } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
        answer.append_child("integer").text().set(std::to_string(*n).c_str());
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        appendText(answer, "string", *s);
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        auto node = answer.append_child("list");
        for (const auto& item : *list)
            appendText(node, "item", item);
    } else if (const auto* date = std::get_if<Date>(&value)) {
        answer.append_child("date").text().set(formatIsoDate(*date).c_str());
    }
}

void writeAnswers(pugi::xml_node parent, const AnswerSet& answers)
{
    auto node = parent.append_child("answers");
    for (const auto& [key, value] : answers.values) // std::map: sorted by key, byte (= code point) order
        writeAnswer(node, key, value);
}

void writeSystem(pugi::xml_node root, const SystemDescription& system)
{
    auto node = root.append_child("system");
    node.append_attribute("id").set_value(system.id.c_str());
    appendText(node, "name", system.name);
    appendText(node, "owner", system.owner);
    appendText(node, "operator", system.operatorName);
    appendText(node, "organisation", system.organisationId);
    writeAnswers(node, system.answers);
    auto components = node.append_child("components");
    for (const auto& component : system.components) {
        auto c = components.append_child("component");
        c.append_attribute("name").set_value(component.name.c_str());
        writeAnswers(c, component.answers);
    }
}

void writeAssessment(pugi::xml_node root, const Assessment& a, int approvedLevel)
{
    auto node = root.append_child("assessment");
    node.append_attribute("derived").set_value(a.derivedLevel);
    node.append_attribute("proposed").set_value(a.proposedLevel);
    node.append_attribute("approved").set_value(approvedLevel);
    if (!a.justification.empty())
        appendText(node, "justification", a.justification);
    for (const auto& c : a.components) {
        auto component = node.append_child("component");
        component.append_attribute("name").set_value(c.name.c_str());
        component.append_attribute("level").set_value(c.level);
        for (const auto& f : c.fired) {
            auto fired = component.append_child("fired");
            fired.append_attribute("id").set_value(f.id.c_str());
            fired.append_attribute("citation").set_value(f.citation.c_str());
            fired.append_attribute("level").set_value(f.level);
            fired.append_attribute("kind").set_value(f.kind == CriterionKind::Floor ? "floor" : "criterion");
            writeLocalized(fired, f.text);
            for (const auto& [key, value] : f.answers)
                writeAnswer(fired, key, value);
        }
        for (const auto& m : c.nearest) {
            auto nearest = component.append_child("nearest");
            nearest.append_attribute("id").set_value(m.id.c_str());
            nearest.append_attribute("citation").set_value(m.citation.c_str());
            nearest.append_attribute("level").set_value(m.level);
            writeLocalized(nearest, m.text);
            for (const auto& s : m.shortfalls) {
                auto shortfall = nearest.append_child("shortfall");
                shortfall.append_attribute("key").set_value(s.key.c_str());
                shortfall.append_attribute("requirement").set_value(s.requirement.c_str());
                shortfall.append_attribute("answered").set_value(s.answered.c_str());
                shortfall.append_attribute("negated").set_value(s.negated ? "true" : "false");
            }
        }
    }
    for (const auto& w : a.warnings) {
        auto warning = node.append_child("warning");
        warning.append_attribute("id").set_value(w.id.c_str());
        warning.append_attribute("citation").set_value(w.citation.c_str());
        if (!w.component.empty())
            warning.append_attribute("component").set_value(w.component.c_str());
        writeLocalized(warning, w.text);
    }
}

void writeDossier(pugi::xml_node root, const Dossier& dossier)
{
    auto fields = root.append_child("fields");
    for (const auto& [key, text] : dossier.fields) {
        auto field = fields.append_child("field");
        field.append_attribute("key").set_value(key.c_str());
        setText(field, text);
    }
    auto requirements = root.append_child("requirements");
    for (const auto& r : dossier.requirements) {
        auto statement = requirements.append_child("statement");
        statement.append_attribute("group").set_value(r.groupId.c_str());
        statement.append_attribute("item").set_value(r.item);
        statement.append_attribute("status").set_value(requirementStatusName(r.status));
        if (r.plannedBy)
            statement.append_attribute("planned-by").set_value(formatIsoDate(*r.plannedBy).c_str());
        setText(statement, r.how);
    }
    auto attachments = root.append_child("attachments");
    for (const auto& a : dossier.attachments) {
        auto attachment = attachments.append_child("attachment");
        attachment.append_attribute("kind").set_value(a.kind.c_str());
        attachment.append_attribute("name").set_value(a.name.c_str());
        attachment.append_attribute("media-type").set_value(a.mediaType.c_str());
        attachment.append_attribute("size").set_value(static_cast<unsigned long long>(a.size));
        attachment.append_attribute("sha256").set_value(a.sha256.c_str());
        if (!a.reference.empty())
            attachment.append_attribute("reference").set_value(a.reference.c_str());
    }
}

// ---- what XML cannot carry ------------------------------------------------------------------------------------

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], as well-formed UTF-8.
bool isXmlText(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return false;
            ++i;
            continue;
        }
        size_t length = 0;
        char32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + length > n)
            return false;
        for (size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            return false;
        i += length;
    }
    return true;
}

class TextCheck {
public:
    void operator()(const std::string& field, const std::string& text)
    {
        if (!isXmlText(text))
            errors.push_back(makeError("", 0, field,
                                       "văn bản không ghi được vào XML: không phải UTF-8 hợp lệ hoặc chứa ký tự "
                                       "điều khiển",
                                       "text XML cannot carry: not valid UTF-8 or contains control characters"));
    }
    void operator()(const std::string& field, const LocalizedText& text)
    {
        (*this)(field + "/vi", text.vi);
        (*this)(field + "/en", text.en);
    }
    void value(const std::string& field, const Value& value)
    {
        if (const auto* s = std::get_if<std::string>(&value))
            (*this)(field, *s);
        else if (const auto* list = std::get_if<std::vector<std::string>>(&value))
            for (const auto& item : *list)
                (*this)(field, item);
    }
    void operator()(const std::string& where, const AnswerSet& answers)
    {
        for (const auto& [key, value] : answers.values) {
            (*this)(where + "/answer", key);
            this->value(where + "/answer[" + key + "]", value);
        }
    }
    Errors errors;
};

Errors checkRepresentable(const DossierDocument& d)
{
    TextCheck check;
    const auto& s = d.system;
    check("system/@id", s.id);
    check("system/name", s.name);
    check("system/owner", s.owner);
    check("system/operator", s.operatorName);
    check("system/organisation", s.organisationId);
    check("system/answers", s.answers);
    for (const auto& c : s.components) {
        check("system/component/@name", c.name);
        check("system/component[" + c.name + "]/answers", c.answers);
    }
    const auto& a = d.assessment;
    check("ruleset/@id", a.rulesetId);
    check("ruleset/@version", a.rulesetVersion);
    check("assessment/justification", a.justification);
    for (const auto& c : a.components) {
        const std::string where = "assessment/component[" + c.name + "]";
        check("assessment/component/@name", c.name);
        for (const auto& f : c.fired) {
            check(where + "/fired/@id", f.id);
            check(where + "/fired[" + f.id + "]/@citation", f.citation);
            check(where + "/fired[" + f.id + "]/text", f.text);
            for (const auto& [key, value] : f.answers) {
                check(where + "/fired[" + f.id + "]/answer", key);
                check.value(where + "/fired[" + f.id + "]/answer[" + key + "]", value);
            }
        }
        for (const auto& m : c.nearest) {
            check(where + "/nearest/@id", m.id);
            check(where + "/nearest[" + m.id + "]/@citation", m.citation);
            check(where + "/nearest[" + m.id + "]/text", m.text);
            for (const auto& sf : m.shortfalls) {
                check(where + "/nearest[" + m.id + "]/shortfall/@key", sf.key);
                check(where + "/nearest[" + m.id + "]/shortfall/@requirement", sf.requirement);
                check(where + "/nearest[" + m.id + "]/shortfall/@answered", sf.answered);
            }
        }
    }
    for (const auto& w : a.warnings) {
        check("assessment/warning/@id", w.id);
        check("assessment/warning[" + w.id + "]/@citation", w.citation);
        check("assessment/warning[" + w.id + "]/@component", w.component);
        check("assessment/warning[" + w.id + "]/text", w.text);
    }
    for (const auto& [key, text] : d.dossier.fields) {
        check("fields/field/@key", key);
        check("fields/field[" + key + "]", text);
    }
    for (const auto& r : d.dossier.requirements) {
        check("requirements/statement/@group", r.groupId);
        check("requirements/statement[" + r.groupId + "#" + std::to_string(r.item) + "]", r.how);
    }
    for (const auto& at : d.dossier.attachments) {
        check("attachments/attachment/@kind", at.kind);
        check("attachments/attachment/@name", at.name);
        check("attachments/attachment[" + at.name + "]/@media-type", at.mediaType);
        check("attachments/attachment[" + at.name + "]/@sha256", at.sha256);
        check("attachments/attachment[" + at.name + "]/@reference", at.reference);
    }
    check("audit-head", d.auditHead);
    return std::move(check.errors);
}

// ---- validation -----------------------------------------------------------------------------------------------

// libxml2 names the element (and attribute) in its message: "Element '{urn:…}statement', attribute 'status':
// …". The field of the error gets "statement/@status" so that a program can point at it.
std::string elementOfMessage(const std::string& message)
{
    const std::string marker = "Element '";
    const auto at = message.find(marker);
    if (at == std::string::npos)
        return {};
    const auto start = at + marker.size();
    const auto end = message.find('\'', start);
    if (end == std::string::npos)
        return {};
    std::string name = message.substr(start, end - start);
    if (const auto brace = name.find('}'); brace != std::string::npos)
        name.erase(0, brace + 1);
    const std::string attributeMarker = ", attribute '";
    if (message.compare(end + 1, attributeMarker.size(), attributeMarker) == 0) {
        const auto attrStart = end + 1 + attributeMarker.size();
        const auto attrEnd = message.find('\'', attrStart);
        if (attrEnd != std::string::npos)
            name += "/@" + message.substr(attrStart, attrEnd - attrStart);
    }
    return name;
}

// pugixml reads the text as UTF-8, as libxml2 would only after honouring a declared encoding; so a file in
// another encoding is refused rather than misread. Dossiers are UTF-8 (or its ASCII subset).
std::optional<Error> checkEncoding(std::string_view xml, const std::string& fileName)
{
    auto refuse = [&](const std::string& found) {
        return makeError(fileName, 1, "encoding", "hồ sơ XML phải mã hóa UTF-8 (tệp dùng " + found + ")",
                         "a dossier XML file must be UTF-8 encoded (this one is " + found + ")");
    };
    if (auto problem = describeEncodingProblem(xml)) // UTF-16/UTF-32 (by mark or NUL pattern), NUL bytes
        return Error{ErrorKind::InvalidInput, fileName, 1, "encoding", std::move(*problem)};
    std::string_view rest = xml;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF")
        rest.remove_prefix(3);
    if (rest.substr(0, 5) != "<?xml")
        return std::nullopt;
    const auto close = rest.find("?>");
    const std::string_view declaration = rest.substr(0, close);
    const auto at = declaration.find("encoding");
    if (at == std::string_view::npos)
        return std::nullopt;
    auto quote = declaration.find_first_of("\"'", at);
    if (quote == std::string_view::npos)
        return std::nullopt; // malformed; libxml2 says so with its line
    const auto end = declaration.find(declaration[quote], quote + 1);
    if (end == std::string_view::npos)
        return std::nullopt;
    std::string name(declaration.substr(quote + 1, end - quote - 1));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii")
        return std::nullopt;
    return refuse(std::string(declaration.substr(quote + 1, end - quote - 1)));
}

Error sizeError(const std::string& fileName, unsigned long long size)
{
    // Line 1: the refusal concerns the file as a whole, which starts there.
    const std::string limit = std::to_string(maxDossierXmlBytes / (1024u * 1024u));
    return makeError(fileName, 1, "", "tệp hồ sơ quá lớn (" + std::to_string(size) + " byte; tối đa " + limit + " MB)",
                     "dossier file too large (" + std::to_string(size) + " bytes; at most " + limit + " MB)");
}

// ---- reading --------------------------------------------------------------------------------------------------

// The schema fixes the namespace; a foreign writer may still bind it to a prefix (d:dossier). pugixml is not
// namespace-aware, so elements are matched by local name, which is safe once the file has passed the XSD.
const char* localName(const char* name)
{
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

bool isElement(pugi::xml_node node, const char* name)
{
    return node.type() == pugi::node_element && std::strcmp(localName(node.name()), name) == 0;
}

pugi::xml_node childElement(pugi::xml_node parent, const char* name)
{
    for (auto c = parent.first_child(); c; c = c.next_sibling())
        if (isElement(c, name))
            return c;
    return {};
}

// Character data as written: text and CDATA sections joined (a writer may split a text around a comment).
std::string textOf(pugi::xml_node node)
{
    auto first = node.first_child();
    if (first && !first.next_sibling() && (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata))
        return first.value();
    std::string out;
    for (auto c = first; c; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            out += c.value();
    return out;
}

std::string attributeOf(pugi::xml_node node, const char* name)
{
    return node.attribute(name).value();
}

class DossierReader {
public:
    DossierReader(std::string_view xml, const std::string& file) : m_xml(xml), m_file(file) {}

    // Parses with pugixml (no DTD, no entities beyond the five predefined ones). nullopt when well-formed.
    std::optional<Error> parse()
    {
        const auto parsed = m_doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                                              pugi::encoding_utf8);
        if (parsed)
            return std::nullopt;
        return makeError(m_file, lineOf(parsed.offset), "", std::string("XML lỗi: ") + parsed.description(),
                         std::string("malformed XML: ") + parsed.description());
    }

    // The component cap (maxComponentsPerSystem), on the parsed tree before schema validation and reading:
    // the system's components and the assessment's judged components are counted.
    std::optional<Error> checkComponentCount()
    {
        const pugi::xml_node root = m_doc.document_element();
        auto check = [&](pugi::xml_node parent, const std::string& field) -> std::optional<Error> {
            std::size_t count = 0;
            pugi::xml_node beyond;
            for (auto c = parent.first_child(); c; c = c.next_sibling())
                if (isElement(c, "component") && ++count == maxComponentsPerSystem + 1)
                    beyond = c;
            if (count <= maxComponentsPerSystem)
                return std::nullopt;
            const std::string cap = std::to_string(maxComponentsPerSystem);
            return makeError(m_file, line(beyond), field + "[" + std::to_string(maxComponentsPerSystem + 1) + "]",
                             "quá nhiều thành phần: hồ sơ liệt kê " + std::to_string(count) +
                                 ", một hệ thống có tối đa " + cap + " thành phần",
                             "too many components: the dossier lists " + std::to_string(count) +
                                 ", a system has at most " + cap);
        };
        if (auto e = check(childElement(childElement(root, "system"), "components"), "system/components/component"))
            return e;
        return check(childElement(root, "assessment"), "assessment/component");
    }

    Result<DossierDocument> read()
    {
        const pugi::xml_node root = m_doc.document_element();
        if (!isElement(root, "dossier"))
            return makeError(m_file, 1, "dossier", "thiếu phần tử gốc <dossier>", "missing root element <dossier>");

        DossierDocument d;
        const auto ruleset = childElement(root, "ruleset");
        d.assessment.rulesetId = attributeOf(ruleset, "id");
        d.assessment.rulesetVersion = attributeOf(ruleset, "version");
        readSystem(childElement(root, "system"), d.system);
        d.approvedLevel = readAssessment(childElement(root, "assessment"), d.assessment);
        d.dossier.systemId = d.system.id;
        readFields(childElement(root, "fields"), d.dossier);
        readRequirements(childElement(root, "requirements"), d.dossier);
        readAttachments(childElement(root, "attachments"), d.dossier);
        if (const auto head = childElement(root, "audit-head")) {
            d.auditHead = textOf(head);
            // The sender's chain, kept to be read (e.g. `audit verify --expect-head` on the sender's side);
            // nothing here trusts it. The schema bounds it to 0…2^63−1.
            if (const auto seq = head.attribute("seq"))
                d.auditHeadSeq = seq.as_llong();
        }
        if (!m_errors.empty())
            return std::move(m_errors);
        return d;
    }

private:
    int lineOf(ptrdiff_t offset)
    {
        if (!m_lines)
            m_lines.emplace(m_xml); // only when an error is reported
        return m_lines->lineOf(offset);
    }
    int line(pugi::xml_node node) { return lineOf(node.offset_debug()); }

    void error(pugi::xml_node node, const std::string& field, const std::string& vi, const std::string& en)
    {
        m_errors.push_back(makeError(m_file, line(node), field, vi, en));
    }

    // Refuses control and bidi characters (core/TextSafety.h) in what the system is named and keyed by.
    using TextCheck = std::optional<Error> (*)(std::string_view, const std::string&, const std::string&, int);
    bool safe(TextCheck check, pugi::xml_node node, std::string_view value, const std::string& field)
    {
        auto problem = check(value, field, m_file, line(node));
        if (problem)
            m_errors.push_back(std::move(*problem));
        return !problem;
    }

    int levelOf(pugi::xml_node node, const char* name)
    {
        int level = 0;
        const std::string_view text = node.attribute(name).value();
        if (std::from_chars(text.data(), text.data() + text.size(), level).ec != std::errc() || level < 0 || level > 5)
            error(node, localName(node.name()) + std::string("/@") + name,
                  "cấp độ không hợp lệ '" + std::string(text) + "'", "invalid level '" + std::string(text) + "'");
        return level;
    }

    std::optional<Date> dateOf(pugi::xml_node node, std::string_view text, const std::string& field)
    {
        auto date = parseIsoDate(text);
        if (!date)
            error(node, field, "ngày không hợp lệ '" + std::string(text) + "'",
                  "invalid date '" + std::string(text) + "'");
        return date;
    }

    Value readValue(pugi::xml_node answer, const std::string& key)
    {
        pugi::xml_node typed;
        for (auto c = answer.first_child(); c && !typed; c = c.next_sibling())
            if (c.type() == pugi::node_element)
                typed = c;
        const char* type = typed ? localName(typed.name()) : "";
        const std::string field = "answer[" + key + "]";
        if (std::strcmp(type, "boolean") == 0)
            return textOf(typed) == "true";
        if (std::strcmp(type, "integer") == 0) {
            const std::string text = textOf(typed);
            std::int64_t n = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec != std::errc() || end != text.data() + text.size())
                error(typed, field, "số nguyên không hợp lệ '" + text + "'", "invalid integer '" + text + "'");
            return n;
        }
        if (std::strcmp(type, "string") == 0) {
            std::string text = textOf(typed);
            if (!safe(checkFreeText, typed, text, field))
                return std::monostate{};
            return text;
        }
        if (std::strcmp(type, "list") == 0) {
            std::vector<std::string> items;
            for (auto c = typed.first_child(); c; c = c.next_sibling())
                if (isElement(c, "item")) {
                    std::string text = textOf(c);
                    if (safe(checkFreeText, c, text, field + "/item"))
                        items.push_back(std::move(text));
                }
            return items;
        }
        if (std::strcmp(type, "date") == 0) {
            if (auto date = dateOf(typed, textOf(typed), field))
                return *date;
            return std::monostate{};
        }
        if (std::strcmp(type, "unanswered") != 0)
            error(answer, field, "câu trả lời không có giá trị có kiểu", "answer without a typed value");
        return std::monostate{};
    }

    void readAnswers(pugi::xml_node node, AnswerSet& answers)
    {
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (!isElement(c, "answer"))
                continue;
            std::string key = attributeOf(c, "key");
            if (!safe(checkIdentifier, c, key, "answer/@key"))
                continue;
            Value value = readValue(c, key);
            const int at = line(c);
            if (!answers.values.emplace(key, std::move(value)).second) {
                error(c, "answer[" + key + "]", "khóa trả lời '" + key + "' lặp lại",
                      "answer key '" + key + "' repeated");
                continue;
            }
            answers.lines.emplace(std::move(key), at);
        }
    }

    void readSystem(pugi::xml_node node, SystemDescription& system)
    {
        system.sourceFile = m_file;
        system.id = attributeOf(node, "id");
        system.name = textOf(childElement(node, "name"));
        system.owner = textOf(childElement(node, "owner"));
        system.operatorName = textOf(childElement(node, "operator"));
        system.organisationId = textOf(childElement(node, "organisation"));
        safe(checkIdentifier, node, system.id, "system/@id");
        safe(checkName, childElement(node, "name"), system.name, "system/name");
        safe(checkName, childElement(node, "owner"), system.owner, "system/owner");
        safe(checkName, childElement(node, "operator"), system.operatorName, "system/operator");
        safe(checkIdentifier, childElement(node, "organisation"), system.organisationId, "system/organisation");
        readAnswers(childElement(node, "answers"), system.answers);
        std::set<std::string> names;
        for (auto c = childElement(node, "components").first_child(); c; c = c.next_sibling()) {
            if (!isElement(c, "component"))
                continue;
            Component component;
            component.name = attributeOf(c, "name");
            if (!safe(checkName, c, component.name, "component/@name"))
                continue;
            if (!names.insert(component.name).second)
                error(c, "component/@name", "thành phần '" + component.name + "' lặp lại",
                      "component '" + component.name + "' repeated");
            readAnswers(childElement(c, "answers"), component.answers);
            system.components.push_back(std::move(component));
        }
    }

    LocalizedText localized(pugi::xml_node parent)
    {
        const auto text = childElement(parent, "text");
        return LocalizedText{textOf(childElement(text, "vi")), textOf(childElement(text, "en"))};
    }

    void readComponentResult(pugi::xml_node node, ComponentResult& result)
    {
        result.name = attributeOf(node, "name");
        result.level = levelOf(node, "level");
        int highest = 0;
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (isElement(c, "fired")) {
                FiredCriterion f;
                f.id = attributeOf(c, "id");
                f.citation = attributeOf(c, "citation");
                f.level = levelOf(c, "level");
                f.kind = std::strcmp(c.attribute("kind").value(), "floor") == 0 ? CriterionKind::Floor
                                                                                : CriterionKind::Criterion;
                f.text = localized(c);
                for (auto a = c.first_child(); a; a = a.next_sibling())
                    if (isElement(a, "answer")) {
                        std::string key = attributeOf(a, "key");
                        Value value = readValue(a, key);
                        f.answers.emplace_back(std::move(key), std::move(value));
                    }
                highest = std::max(highest, f.level);
                result.fired.push_back(std::move(f));
            } else if (isElement(c, "nearest")) {
                MissedCriterion m;
                m.id = attributeOf(c, "id");
                m.citation = attributeOf(c, "citation");
                m.level = levelOf(c, "level");
                m.text = localized(c);
                for (auto s = c.first_child(); s; s = s.next_sibling())
                    if (isElement(s, "shortfall"))
                        m.shortfalls.push_back(Shortfall{attributeOf(s, "key"), attributeOf(s, "requirement"),
                                                         attributeOf(s, "answered"),
                                                         std::strcmp(s.attribute("negated").value(), "true") == 0});
                result.nearest.push_back(std::move(m));
            }
        }
        if (result.level != highest)
            error(node, "component/@level",
                  "cấp độ của thành phần '" + result.name + "' là " + std::to_string(result.level) +
                      " nhưng tiêu chí cao nhất đã thỏa mãn là cấp độ " + std::to_string(highest),
                  "component '" + result.name + "' has level " + std::to_string(result.level) +
                      " but the highest criterion it fired is level " + std::to_string(highest));
    }

    int readAssessment(pugi::xml_node node, Assessment& a)
    {
        a.derivedLevel = levelOf(node, "derived");
        a.proposedLevel = levelOf(node, "proposed");
        const int approved = levelOf(node, "approved");
        std::set<std::string> names;
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (isElement(c, "justification")) {
                a.justification = textOf(c);
            } else if (isElement(c, "component")) {
                ComponentResult result;
                readComponentResult(c, result);
                safe(checkName, c, result.name, "assessment/component/@name"); // kept: warnings refer to it
                if (!names.insert(result.name).second)
                    error(c, "component/@name", "thành phần '" + result.name + "' được đánh giá hai lần",
                          "component '" + result.name + "' judged twice");
                a.components.push_back(std::move(result));
            } else if (isElement(c, "warning")) {
                RaisedWarning w;
                w.id = attributeOf(c, "id");
                w.citation = attributeOf(c, "citation");
                w.component = attributeOf(c, "component");
                w.text = localized(c);
                // The schema puts every component before the first warning, so `names` is complete here.
                if (c.attribute("component") && !names.count(w.component))
                    error(c, "warning/@component",
                          "cảnh báo " + w.id + " nêu thành phần '" + w.component + "' không có trong kết quả",
                          "warning " + w.id + " names component '" + w.component +
                              "' which the assessment does not have");
                a.warnings.push_back(std::move(w));
            }
        }
        if (!a.components.empty()) {
            int highest = 0;
            for (const auto& c : a.components)
                highest = std::max(highest, c.level);
            if (a.derivedLevel != highest)
                error(node, "assessment/@derived",
                      "cấp độ xác định " + std::to_string(a.derivedLevel) +
                          " khác cấp độ cao nhất của các thành phần (" + std::to_string(highest) + ")",
                      "derived level " + std::to_string(a.derivedLevel) + " is not the highest component level (" +
                          std::to_string(highest) + ")");
        }
        if (a.proposedLevel < a.derivedLevel)
            error(node, "assessment/@proposed",
                  "cấp độ đề xuất " + std::to_string(a.proposedLevel) + " thấp hơn cấp độ xác định " +
                      std::to_string(a.derivedLevel),
                  "proposed level " + std::to_string(a.proposedLevel) + " is below the derived level " +
                      std::to_string(a.derivedLevel));
        if (a.proposedLevel > a.derivedLevel && isBlank(a.justification))
            error(node, "assessment/justification", "đề xuất cấp độ cao hơn cấp độ xác định nhưng không nêu lý do",
                  "a level above the derived one is proposed without a justification");
        return approved;
    }

    void readFields(pugi::xml_node node, Dossier& dossier)
    {
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (!isElement(c, "field"))
                continue;
            std::string key = attributeOf(c, "key");
            if (!dossier.fields.emplace(key, textOf(c)).second)
                error(c, "field[" + key + "]", "mục '" + key + "' của hồ sơ lặp lại",
                      "dossier field '" + key + "' repeated");
        }
    }

    void readRequirements(pugi::xml_node node, Dossier& dossier)
    {
        std::set<std::pair<std::string, int>> seen;
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (!isElement(c, "statement"))
                continue;
            RequirementStatement r;
            r.groupId = attributeOf(c, "group");
            r.item = c.attribute("item").as_int();
            const std::string where = r.groupId + "#" + std::to_string(r.item);
            if (auto status = parseRequirementStatus(c.attribute("status").value()))
                r.status = *status;
            else
                error(c, "statement/@status", "trạng thái không hợp lệ", "invalid status");
            if (auto plannedBy = c.attribute("planned-by"))
                r.plannedBy = dateOf(c, plannedBy.value(), "statement[" + where + "]/@planned-by");
            r.how = textOf(c);
            if (!seen.insert({r.groupId, r.item}).second)
                error(c, "statement[" + where + "]", "yêu cầu " + where + " được thuyết minh hai lần",
                      "requirement " + where + " stated twice");
            dossier.requirements.push_back(std::move(r));
        }
    }

    void readAttachments(pugi::xml_node node, Dossier& dossier)
    {
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (!isElement(c, "attachment"))
                continue;
            Attachment a;
            a.kind = attributeOf(c, "kind");
            a.name = attributeOf(c, "name");
            a.mediaType = attributeOf(c, "media-type");
            a.size = c.attribute("size").as_ullong();
            a.sha256 = attributeOf(c, "sha256");
            a.reference = attributeOf(c, "reference");
            dossier.attachments.push_back(std::move(a));
        }
    }

    std::string_view m_xml;
    const std::string& m_file;
    pugi::xml_document m_doc;
    std::optional<LineIndex> m_lines;
    Errors m_errors;
};

} // namespace

namespace {

// The declaration and the root element every document of this vocabulary starts with.
pugi::xml_node startDocument(pugi::xml_document& doc, const char* rootName, const Assessment& a)
{
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");
    auto root = doc.append_child(rootName);
    root.append_attribute("xmlns").set_value(dossierNamespace);
    root.append_attribute("schema-version").set_value(schemaVersion);
    auto ruleset = root.append_child("ruleset");
    ruleset.append_attribute("id").set_value(a.rulesetId.c_str());
    ruleset.append_attribute("version").set_value(a.rulesetVersion.c_str());
    return root;
}

std::string serialise(const pugi::xml_document& doc)
{
    StringWriter writer;
    writer.out.reserve(16 * 1024);
    doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
    // pugixml escapes a carriage return in attributes but writes it raw in character data, where every XML
    // reader turns it into a line feed. A raw 0x0D byte in the output is therefore always character data
    // (UTF-8 never uses it inside a multi-byte sequence) and becomes a character reference.
    if (writer.out.find('\r') == std::string::npos)
        return std::move(writer.out);
    std::string out;
    out.reserve(writer.out.size() + 64);
    for (const char c : writer.out) {
        if (c == '\r')
            out += "&#13;";
        else
            out += c;
    }
    return out;
}

} // namespace

std::string dossierToXml(const DossierDocument& d)
{
    pugi::xml_document doc;
    auto root = startDocument(doc, "dossier", d.assessment);
    writeSystem(root, d.system);
    writeAssessment(root, d.assessment, d.approvedLevel);
    writeDossier(root, d.dossier);
    if (!d.auditHead.empty()) {
        appendText(root, "audit-head", d.auditHead);
        if (d.auditHeadSeq)
            root.last_child().append_attribute("seq").set_value(std::to_string(*d.auditHeadSeq).c_str());
    }
    return serialise(doc);
}

std::string assessmentReportToXml(const Assessment& assessment, const SystemDescription& system)
{
    pugi::xml_document doc;
    auto root = startDocument(doc, "assessment-report", assessment);
    writeSystem(root, system);
    writeAssessment(root, assessment, 0);
    return serialise(doc);
}

Errors validateDossierXml(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (xml.size() > maxDossierXmlBytes)
        return {sizeError(fileName, xml.size())};
    if (auto encoding = checkEncoding(xml, fileName))
        return {*encoding};
    Errors errors = schema.validate(xml, fileName);
    for (auto& e : errors)
        if (e.field.empty())
            e.field = elementOfMessage(e.message.en);
    return errors;
}

Result<std::string> exportDossierXml(const DossierDocument& document, const XmlSchema& schema)
{
    Errors errors = checkRepresentable(document);
    if (!document.dossier.systemId.empty() && document.dossier.systemId != document.system.id)
        errors.push_back(makeError(
            "", 0, "system/@id",
            "hồ sơ thuộc hệ thống '" + document.dossier.systemId + "', không phải '" + document.system.id + "'",
            "the dossier belongs to system '" + document.dossier.systemId + "', not '" + document.system.id + "'"));
    if (!errors.empty())
        return errors;
    std::string xml = dossierToXml(document);
    // The text exists only in memory: errors name the element (and the line of the generated text).
    errors = validateDossierXml(xml, "", schema);
    if (!errors.empty())
        return errors;
    return xml;
}

Result<DossierDocument> dossierFromXml(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (xml.size() > maxDossierXmlBytes)
        return sizeError(fileName, xml.size());
    if (auto encoding = checkEncoding(xml, fileName))
        return *encoding;
    // pugixml first (fast, no DTD): the component cap is checked before the schema validation and the reading
    // spend time on every component. A file pugixml cannot parse gets libxml2's message from the schema step.
    DossierReader reader(xml, fileName);
    const std::optional<Error> malformed = reader.parse();
    if (!malformed)
        if (auto tooMany = reader.checkComponentCount())
            return *tooMany;
    if (Errors errors = validateDossierXml(xml, fileName, schema); !errors.empty())
        return errors;
    if (malformed)
        return *malformed;
    return reader.read();
}

Result<DossierDocument> readDossierXmlFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(
        path, {.maxBytes = maxDossierXmlBytes, .what = {"tệp hồ sơ XML", "dossier XML file"}, .text = true});
    if (!text)
        return text.errors();
    return dossierFromXml(*text, path, schema);
}

} // namespace seclevel
