#include "rules/DossierTemplateLoader.h"

#include "io/InputFile.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

namespace seclevel {
namespace {

// Element names without their namespace prefix. The XSD has already checked that every element is in
// urn:seclevel:dossier-template:1, so a file that binds the namespace to a prefix (<d:field>) reads the same
// as one that makes it the default.
std::string_view localName(const pugi::xml_node& node)
{
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::vector<pugi::xml_node> childrenNamed(const pugi::xml_node& parent, std::string_view name)
{
    std::vector<pugi::xml_node> nodes;
    for (auto child : parent.children())
        if (child.type() == pugi::node_element && localName(child) == name)
            nodes.push_back(child);
    return nodes;
}

pugi::xml_node childNamed(const pugi::xml_node& parent, std::string_view name)
{
    for (auto child : parent.children())
        if (child.type() == pugi::node_element && localName(child) == name)
            return child;
    return {};
}

class Loader {
public:
    Loader(std::string_view xml, const std::string& file) : m_xml(xml), m_file(file), m_lines(xml) {}

    Result<DossierTemplate> run()
    {
        pugi::xml_document doc;
        const auto parsed = doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return makeError(m_file, m_lines.lineOf(parsed.offset), "", std::string("XML lỗi: ") + parsed.description(),
                             std::string("malformed XML: ") + parsed.description());
        const pugi::xml_node root = doc.document_element();
        if (!root || localName(root) != "dossier-template")
            return makeError(m_file, root ? line(root) : 1, "dossier-template", "thiếu phần tử gốc <dossier-template>",
                             "missing root element <dossier-template>");
        m_root = root;
        DossierTemplate t;
        t.sourceFile = m_file;
        t.rulesetId = root.attribute("ruleset").as_string();
        t.version = root.attribute("version").as_string();
        if (isBlank(t.rulesetId))
            error(root, "ruleset", "thiếu mã bộ quy tắc (ruleset)", "the rule-set id (ruleset) is missing");
        readSections(childNamed(root, "sections"), t);
        readAttachments(childNamed(root, "attachments"), t);
        readRequirements(childNamed(root, "requirements"), t);
        if (!m_errors.empty())
            return m_errors;
        return t;
    }

private:
    int line(const pugi::xml_node& node) const { return m_lines.lineOf(node.offset_debug()); }

    void error(const pugi::xml_node& node, const std::string& field, const std::string& vi, const std::string& en)
    {
        m_errors.push_back(makeError(m_file, line(node), field, vi, en));
    }

    // A text group (title, label, help, heading): one element per language. `required` groups need both
    // languages; optional ones (help) have both or neither, so the two front ends never diverge.
    LocalizedText localized(const pugi::xml_node& parent, std::string_view element, const std::string& owner,
                            bool required)
    {
        LocalizedText text;
        bool seenVi = false;
        bool seenEn = false;
        const std::string name(element);
        for (auto node : childrenNamed(parent, element)) {
            const std::string lang = node.attribute("lang").as_string();
            const std::string value = node.child_value();
            if (lang != "vi" && lang != "en") {
                error(node, owner, "<" + name + "> có ngôn ngữ không hợp lệ '" + lang + "' (chỉ vi hoặc en)",
                      "<" + name + "> has an invalid language '" + lang + "' (vi or en only)");
                continue;
            }
            bool& seen = lang == "vi" ? seenVi : seenEn;
            if (seen)
                error(node, owner, "<" + name + "> lặp lại cho ngôn ngữ " + lang,
                      "<" + name + "> repeated for language " + lang);
            seen = true;
            if (isBlank(value))
                error(node, owner, "<" + name + "> (" + lang + ") để trống", "<" + name + "> (" + lang + ") is empty");
            (lang == "vi" ? text.vi : text.en) = value;
        }
        if ((required || seenVi || seenEn) && !(seenVi && seenEn))
            error(parent, owner, "thiếu <" + name + "> bằng " + (seenVi ? "tiếng Anh (en)" : "tiếng Việt (vi)"),
                  "<" + name + "> missing in " + (seenVi ? "English (en)" : "Vietnamese (vi)"));
        return text;
    }

    int levelAttribute(const pugi::xml_node& node, const char* name, const std::string& owner, int fallback)
    {
        const auto attr = node.attribute(name);
        if (!attr)
            return fallback;
        const int level = attr.as_int(0);
        if (level < 1 || level > 5)
            error(node, owner, std::string(name) + " phải từ 1 đến 5 (cấp độ), không phải '" + attr.as_string() + "'",
                  std::string(name) + " must be a level from 1 to 5, not '" + attr.as_string() + "'");
        return level;
    }

    std::string citation(const pugi::xml_node& node, const std::string& owner)
    {
        std::string cited = node.attribute("citation").as_string();
        if (isBlank(cited))
            error(node, owner, "thiếu căn cứ pháp lý (citation)", "no citation");
        return cited;
    }

    void readSections(const pugi::xml_node& parent, DossierTemplate& t)
    {
        std::set<std::string> sectionIds;
        std::set<std::string> fieldKeys;
        const auto sections = childrenNamed(parent, "section");
        if (sections.empty())
            error(parent ? parent : m_root, "sections", "mẫu hồ sơ không có phần nào", "the template has no sections");
        for (auto node : sections) {
            DossierSectionSpec s;
            s.id = node.attribute("id").as_string();
            if (isBlank(s.id))
                error(node, "section", "phần thiếu mã (id)", "section without an id");
            else if (!sectionIds.insert(s.id).second)
                error(node, s.id, "mã phần trùng lặp '" + s.id + "'", "duplicate section id '" + s.id + "'");
            s.title = localized(node, "title", "section " + s.id, true);
            s.citation = citation(node, "section " + s.id);
            s.minLevel = levelAttribute(node, "min-level", "section " + s.id, 1);
            s.generated = node.attribute("generated").as_bool(false);
            for (auto fieldNode : childrenNamed(node, "field")) {
                DossierFieldSpec f;
                f.key = fieldNode.attribute("key").as_string();
                if (isBlank(f.key)) {
                    error(fieldNode, "field", "mục thiếu khóa (key)", "field without a key");
                } else if (!fieldKeys.insert(f.key).second) {
                    error(fieldNode, f.key, "khóa mục trùng lặp '" + f.key + "'",
                          "duplicate field key '" + f.key + "'");
                }
                f.label = localized(fieldNode, "label", f.key, true);
                f.help = localized(fieldNode, "help", f.key, false);
                f.citation = citation(fieldNode, f.key);
                f.required = fieldNode.attribute("required").as_bool(true);
                f.multiline = fieldNode.attribute("multiline").as_bool(false);
                f.minLevel = levelAttribute(fieldNode, "min-level", f.key, 1);
                f.prefill = fieldNode.attribute("prefill").as_string();
                // A field can never apply below its section; a lower min-level would only mislead the reader.
                if (f.minLevel >= 1 && s.minLevel >= 1 && f.minLevel < s.minLevel)
                    error(fieldNode, f.key,
                          "min-level " + std::to_string(f.minLevel) + " thấp hơn min-level " +
                              std::to_string(s.minLevel) + " của phần " + s.id,
                          "min-level " + std::to_string(f.minLevel) + " is below the min-level " +
                              std::to_string(s.minLevel) + " of section " + s.id);
                s.fields.push_back(std::move(f));
            }
            t.sections.push_back(std::move(s));
        }
    }

    void readAttachments(const pugi::xml_node& parent, DossierTemplate& t)
    {
        std::set<std::string> kinds;
        for (auto node : childrenNamed(parent, "attachment")) {
            AttachmentSpec a;
            a.kind = node.attribute("kind").as_string();
            if (isBlank(a.kind))
                error(node, "attachment", "tài liệu kèm theo thiếu loại (kind)", "attachment without a kind");
            else if (!kinds.insert(a.kind).second)
                error(node, a.kind, "loại tài liệu kèm theo trùng lặp '" + a.kind + "'",
                      "duplicate attachment kind '" + a.kind + "'");
            a.title = localized(node, "title", a.kind, true);
            a.citation = citation(node, a.kind);
            a.required = node.attribute("required").as_bool(true);
            a.minLevel = levelAttribute(node, "min-level", a.kind, 1);
            t.attachments.push_back(std::move(a));
        }
    }

    void readRequirements(const pugi::xml_node& parent, DossierTemplate& t)
    {
        std::set<std::string> ids;
        std::set<std::pair<int, RequirementCategory>> covered;
        for (auto node : childrenNamed(parent, "group")) {
            RequirementGroupSpec g;
            g.id = node.attribute("id").as_string();
            if (isBlank(g.id))
                error(node, "group", "nhóm yêu cầu thiếu mã (id)", "requirement group without an id");
            else if (!ids.insert(g.id).second)
                error(node, g.id, "mã nhóm yêu cầu trùng lặp '" + g.id + "'",
                      "duplicate requirement group id '" + g.id + "'");
            g.level = levelAttribute(node, "level", g.id, 0);
            if (!node.attribute("level"))
                error(node, g.id, "nhóm yêu cầu thiếu cấp độ (level)", "requirement group without a level");
            const std::string category = node.attribute("category").as_string();
            if (category == "management") {
                g.category = RequirementCategory::Management;
            } else if (category == "technical") {
                g.category = RequirementCategory::Technical;
            } else {
                error(node, g.id, "nhóm yêu cầu phải là management (quản lý) hoặc technical (kỹ thuật)",
                      "category must be management or technical");
            }
            g.heading = localized(node, "heading", g.id, true);
            g.citation = citation(node, g.id);
            g.count = node.attribute("count").as_int(0);
            if (g.count < 1)
                error(node, g.id, "số yêu cầu (count) phải từ 1 trở lên", "count must be at least 1");
            covered.insert({g.level, g.category});
            t.requirements.push_back(std::move(g));
        }
        // TT12 Art 9.3–9.4 / NĐ331 Art 30.3–30.4: every level has management and technical requirements. A
        // level without either would let a dossier pass completeness with nothing to state.
        const pugi::xml_node where = parent ? parent : m_root;
        for (int level = 1; level <= 5; ++level) {
            for (auto [category, vi, en] : {std::tuple{RequirementCategory::Management, "quản lý", "management"},
                                            std::tuple{RequirementCategory::Technical, "kỹ thuật", "technical"}})
                if (!covered.count({level, category}))
                    error(where, "requirements",
                          std::string("cấp độ ") + std::to_string(level) + " không có nhóm yêu cầu " + vi,
                          std::string("level ") + std::to_string(level) + " has no " + en + " requirement group");
        }
    }

    std::string_view m_xml;
    const std::string& m_file;
    LineIndex m_lines;
    pugi::xml_node m_root; // where to point errors about a missing part
    Errors m_errors;
};

} // namespace

Result<DossierTemplate> loadDossierTemplate(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return errors;
    return Loader(xml, fileName).run();
}

Result<DossierTemplate> loadDossierTemplateFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(
        path,
        {.maxBytes = XmlSchema::maxDocumentBytes, .what = {"tệp mẫu hồ sơ", "dossier template file"}, .text = true});
    if (!text)
        return text.errors();
    return loadDossierTemplate(*text, path, schema);
}

Result<std::vector<DossierTemplate>> loadDossierTemplates(const std::string& questionnairesDir,
                                                          const std::string& xsdPath)
{
    auto schema = XmlSchema::load(xsdPath);
    if (!schema)
        return schema.errors();
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(questionnairesDir, ec))
        return makeError(questionnairesDir, 0, "", "không tìm thấy thư mục bộ quy tắc", "rule-set folder not found");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(questionnairesDir, ec)) {
        const auto file = entry.path() / "dossier.xml";
        if (entry.is_directory(ec) && fs::exists(file, ec))
            files.push_back(file);
    }
    if (ec)
        return makeError(questionnairesDir, 0, "", "không đọc được thư mục bộ quy tắc: " + ec.message(),
                         "cannot read the rule-set folder: " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<DossierTemplate> templates;
    Errors errors;
    for (const auto& file : files) {
        auto t = loadDossierTemplateFile(file.string(), **schema);
        if (!t) {
            errors.insert(errors.end(), t.errors().begin(), t.errors().end());
            continue;
        }
        // The folder is how the program pairs a template with its rule set (questionnaires/<ID>/ruleset.xml);
        // a copied file that still names the old rule set must not silently stand in for it.
        const std::string folder = file.parent_path().filename().string();
        if (t->rulesetId != folder)
            errors.push_back(
                makeError(file.string(), 0, "ruleset",
                          "mẫu hồ sơ ghi bộ quy tắc '" + t->rulesetId + "' nhưng nằm trong thư mục '" + folder + "'",
                          "the template names rule set '" + t->rulesetId + "' but lies in folder '" + folder + "'"));
        else if (dossierTemplateFor(templates, t->rulesetId))
            errors.push_back(makeError(file.string(), 0, "ruleset",
                                       "mẫu hồ sơ trùng lặp cho bộ quy tắc '" + t->rulesetId + "'",
                                       "duplicate dossier template for rule set '" + t->rulesetId + "'"));
        templates.push_back(std::move(*t));
    }
    if (!errors.empty())
        return errors;
    if (templates.empty())
        return makeError(questionnairesDir, 0, "", "không có mẫu hồ sơ nào (dossier.xml)",
                         "no dossier templates (dossier.xml) found");
    return templates;
}

const DossierTemplate* dossierTemplateFor(const std::vector<DossierTemplate>& templates, const std::string& rulesetId)
{
    for (const auto& t : templates)
        if (t.rulesetId == rulesetId)
            return &t;
    return nullptr;
}

} // namespace seclevel
