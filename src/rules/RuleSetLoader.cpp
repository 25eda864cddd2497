#include "rules/RuleSetLoader.h"

#include "io/InputFile.h"
#include "rules/Expression.h"
#include "rules/LineIndex.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace seclevel {
namespace {

class Loader {
public:
    Loader(std::string_view xml, const std::string& file) : m_xml(xml), m_file(file), m_lines(xml) {}

    Result<RuleSet> run()
    {
        pugi::xml_document doc;
        const auto parsed = doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return makeError(m_file, m_lines.lineOf(parsed.offset), "", std::string("XML lỗi: ") + parsed.description(),
                             std::string("malformed XML: ") + parsed.description());
        const pugi::xml_node root = doc.child("ruleset");
        if (!root)
            return makeError(m_file, 1, "ruleset", "thiếu phần tử gốc <ruleset>", "missing root element <ruleset>");
        RuleSet rs;
        rs.sourceFile = m_file;
        rs.id = root.attribute("id").as_string();
        rs.version = root.attribute("version").as_string();
        rs.validFrom = dateAttribute(root, "valid-from");
        rs.validTo = dateAttribute(root, "valid-to");
        rs.title = localized(root, "title");
        for (auto node : root.child("instruments").children("instrument"))
            rs.instruments.push_back(Instrument{node.attribute("code").as_string(), localized(node, "title"), {}});

        readQuestions(root.child("questions"), rs);
        // Conditions may name any question of the file, so they are parsed once every question is known.
        auto lookup = [&rs](const std::string& key) { return rs.question(key); };
        for (auto [node, index] : m_questionNodes) {
            Question& q = rs.questions[index];
            q.showIf = condition(node.child("show-if"), lookup, q.key + "/show-if");
            q.requiredIf = condition(node.child("required-if"), lookup, q.key + "/required-if");
        }
        indexQuestions(rs);
        checkCycles(rs);
        readCriteria(root.child("criteria"), rs, lookup);
        readWarnings(root.child("warnings"), rs, lookup);
        readRefusals(root.child("refusals"), rs, lookup);
        if (!m_errors.empty())
            return m_errors;
        return rs;
    }

private:
    int line(const pugi::xml_node& node) const { return m_lines.lineOf(node.offset_debug()); }

    void error(const pugi::xml_node& node, const std::string& field, const std::string& vi, const std::string& en)
    {
        m_errors.push_back(makeError(m_file, line(node), field, vi, en));
    }

    std::optional<Date> dateAttribute(const pugi::xml_node& node, const char* name)
    {
        const auto attr = node.attribute(name);
        if (!attr)
            return std::nullopt;
        auto date = parseIsoDate(attr.as_string());
        if (!date)
            error(node, name, "ngày không hợp lệ", "invalid date");
        return date;
    }

    static LocalizedText localized(const pugi::xml_node& parent, const char* element)
    {
        LocalizedText text;
        for (auto node : parent.children(element)) {
            const std::string lang = node.attribute("lang").as_string();
            (lang == "en" ? text.en : text.vi) = node.child_value();
        }
        return text;
    }

    ConditionPtr condition(const pugi::xml_node& node, const QuestionLookup& lookup, const std::string& field,
                           bool systemCounts = false)
    {
        if (!node)
            return nullptr;
        auto parsed = parseCondition(node.child_value(), lookup, m_file, line(node), field, systemCounts);
        if (!parsed) {
            m_errors.insert(m_errors.end(), parsed.errors().begin(), parsed.errors().end());
            return nullptr;
        }
        return *parsed;
    }

    void readQuestions(const pugi::xml_node& parent, RuleSet& rs)
    {
        static const std::map<std::string, AnswerType> types = {
            {"choice", AnswerType::Choice},   {"multi_choice", AnswerType::MultiChoice},
            {"integer", AnswerType::Integer}, {"boolean", AnswerType::Boolean},
            {"text", AnswerType::Text},       {"date", AnswerType::Date}};
        for (auto node : parent.children("question")) {
            Question q;
            q.key = node.attribute("key").as_string();
            q.line = line(node);
            if (rs.question(q.key)) {
                error(node, q.key, "khóa câu hỏi trùng lặp '" + q.key + "'", "duplicate question key '" + q.key + "'");
                continue;
            }
            auto type = types.find(node.attribute("type").as_string());
            if (type == types.end()) {
                error(node, q.key, "kiểu câu hỏi không hợp lệ", "invalid question type");
                continue;
            }
            q.type = type->second;
            q.required = node.attribute("required").as_bool(false);
            q.citation = node.attribute("citation").as_string();
            q.text = localized(node, "text");
            q.help = localized(node, "help");
            if (auto a = node.attribute("min"))
                q.min = a.as_llong();
            if (auto a = node.attribute("max"))
                q.max = a.as_llong();
            if (auto a = node.attribute("count-scope")) {
                const std::string scope = a.as_string();
                q.countScope = scope == "system" ? Question::CountScope::System : Question::CountScope::Component;
                if (q.type != AnswerType::Integer)
                    error(node, q.key, "count-scope chỉ dùng cho câu hỏi số nguyên",
                          "count-scope is only for integer questions");
            }
            for (auto option : node.children("option")) {
                const std::string value = option.attribute("value").as_string();
                if (q.option(value))
                    error(option, q.key, "phương án trùng lặp '" + value + "'", "duplicate option '" + value + "'");
                q.options.push_back(Option{value, localized(option, "label")});
            }
            const bool hasOptions = q.type == AnswerType::Choice || q.type == AnswerType::MultiChoice;
            if (hasOptions != !q.options.empty())
                error(node, q.key,
                      hasOptions ? "câu hỏi lựa chọn cần ít nhất một phương án"
                                 : "chỉ câu hỏi lựa chọn mới có phương án",
                      hasOptions ? "a choice question needs options" : "only choice questions have options");
            q.slot = static_cast<int>(rs.questions.size());
            m_questionNodes.emplace_back(node, rs.questions.size());
            rs.questions.push_back(std::move(q));
        }
    }

    // A question whose show-if / required-if depends, directly or through other questions, on itself can
    // never be asked: reject the file and name the cycle.
    void checkCycles(const RuleSet& rs)
    {
        std::map<std::string, std::vector<std::string>> edges;
        for (const auto& q : rs.questions) {
            for (const auto* cond : {q.showIf.get(), q.requiredIf.get()})
                if (cond)
                    for (const auto& key : cond->keys())
                        edges[q.key].push_back(key);
        }
        std::map<std::string, int> state; // 0 new, 1 on stack, 2 done
        std::vector<std::string> stack;
        std::set<std::string> reported;
        std::function<void(const std::string&)> visit = [&](const std::string& key) {
            state[key] = 1;
            stack.push_back(key);
            for (const auto& next : edges[key]) {
                if (state[next] == 1) {
                    auto from = std::find(stack.begin(), stack.end(), next);
                    std::string path;
                    for (auto it = from; it != stack.end(); ++it)
                        path += *it + " → ";
                    path += next;
                    if (reported.insert(next).second) {
                        const Question* q = rs.question(next);
                        m_errors.push_back(makeError(m_file, q ? q->line : 0, next,
                                                     "điều kiện hiển thị/bắt buộc phụ thuộc vòng tròn: " + path,
                                                     "show-if/required-if dependency cycle: " + path));
                    }
                } else if (state[next] == 0) {
                    visit(next);
                }
            }
            stack.pop_back();
            state[key] = 2;
        };
        for (const auto& q : rs.questions)
            if (state[q.key] == 0)
                visit(q.key);
    }

    void readCriteria(const pugi::xml_node& parent, RuleSet& rs, const QuestionLookup& lookup)
    {
        std::set<std::string> ids;
        for (auto node : parent.children("criterion")) {
            Criterion c;
            c.id = node.attribute("id").as_string();
            c.line = line(node);
            c.level = node.attribute("level").as_int(0);
            c.citation = node.attribute("citation").as_string();
            c.kind = std::string(node.attribute("kind").as_string("criterion")) == "floor" ? CriterionKind::Floor
                                                                                           : CriterionKind::Criterion;
            c.text = localized(node, "text");
            c.fallback = node.attribute("fallback").as_bool(false);
            if (c.fallback && c.kind == CriterionKind::Floor)
                error(node, c.id, "mức sàn không thể là tiêu chí dự phòng (fallback)",
                      "a floor cannot be a fallback row");
            if (!ids.insert(c.id).second)
                error(node, c.id, "mã tiêu chí trùng lặp '" + c.id + "'", "duplicate criterion id '" + c.id + "'");
            if (c.citation.empty())
                error(node, c.id, "tiêu chí '" + c.id + "' thiếu căn cứ pháp lý (citation)",
                      "criterion '" + c.id + "' has no citation");
            if (c.level < 1 || c.level > 5)
                error(node, c.id, "cấp độ phải từ 1 đến 5", "level must be 1 to 5");
            if (!node.child("when"))
                error(node, c.id, "tiêu chí thiếu điều kiện <when>", "criterion has no <when> condition");
            c.when = condition(node.child("when"), lookup, c.id + "/when", true);
            rs.criteria.push_back(std::move(c));
        }
    }

    void readWarnings(const pugi::xml_node& parent, RuleSet& rs, const QuestionLookup& lookup)
    {
        std::set<std::string> ids;
        for (auto node : parent.children("warning")) {
            WarningRule w;
            w.id = node.attribute("id").as_string();
            w.line = line(node);
            w.citation = node.attribute("citation").as_string();
            w.text = localized(node, "text");
            if (!ids.insert(w.id).second)
                error(node, w.id, "mã cảnh báo trùng lặp '" + w.id + "'", "duplicate warning id '" + w.id + "'");
            w.when = condition(node.child("when"), lookup, w.id + "/when", true);
            w.namesDecisive =
                w.text.vi.find("{decisive}") != std::string::npos || w.text.en.find("{decisive}") != std::string::npos;
            // decided-by: the criteria whose deciding the level raises the warning (a debatable reading made
            // visible where it matters). Criteria are read before warnings.
            std::string list = node.attribute("decided-by").as_string();
            for (size_t start = 0; start < list.size();) {
                const size_t end = std::min(list.find(' ', start), list.size());
                const std::string id = list.substr(start, end - start);
                start = end + 1;
                if (id.empty())
                    continue;
                auto found = std::find_if(rs.criteria.begin(), rs.criteria.end(),
                                          [&](const Criterion& c) { return c.id == id; });
                if (found == rs.criteria.end())
                    error(node, w.id, "decided-by nêu tiêu chí không tồn tại '" + id + "'",
                          "decided-by names no criterion '" + id + "'");
                else
                    w.decidedBy.push_back(static_cast<size_t>(found - rs.criteria.begin()));
            }
            if (!node.child("when") && !node.attribute("decided-by"))
                error(node, w.id, "cảnh báo cần <when> hoặc decided-by", "a warning needs <when> or decided-by");
            rs.warnings.push_back(std::move(w));
        }
    }

    void readRefusals(const pugi::xml_node& parent, RuleSet& rs, const QuestionLookup& lookup)
    {
        std::set<std::string> ids;
        for (auto node : parent.children("refusal")) {
            RefusalRule r;
            r.id = node.attribute("id").as_string();
            r.line = line(node);
            r.citation = node.attribute("citation").as_string();
            r.key = node.attribute("key").as_string();
            r.text = localized(node, "text");
            if (!ids.insert(r.id).second)
                error(node, r.id, "mã từ chối trùng lặp '" + r.id + "'", "duplicate refusal id '" + r.id + "'");
            r.when = condition(node.child("when"), lookup, r.id + "/when");
            if (r.when && std::find(r.when->keys().begin(), r.when->keys().end(), r.key) == r.when->keys().end())
                error(node, r.id, "điều kiện từ chối không đọc khóa '" + r.key + "'",
                      "the refusal's condition does not read its key '" + r.key + "'");
            rs.refusals.push_back(std::move(r));
        }
    }

    std::string_view m_xml;
    const std::string& m_file;
    LineIndex m_lines;
    Errors m_errors;
    std::vector<std::pair<pugi::xml_node, size_t>> m_questionNodes;
};

} // namespace

Result<RuleSet> loadRuleSet(std::string_view xml, const std::string& fileName, const XmlSchema& schema)
{
    if (Errors errors = schema.validate(xml, fileName); !errors.empty())
        return errors;
    return Loader(xml, fileName).run();
}

Result<RuleSet> loadRuleSetFile(const std::string& path, const XmlSchema& schema)
{
    auto text = readInputFile(
        path, {.maxBytes = XmlSchema::maxDocumentBytes, .what = {"tệp bộ quy tắc", "rule-set file"}, .text = true});
    if (!text)
        return text.errors();
    return loadRuleSet(*text, path, schema);
}

Result<std::vector<RuleSet>> loadRuleSets(const std::string& questionnairesDir, const std::string& xsdPath)
{
    auto schema = XmlSchema::load(xsdPath);
    if (!schema)
        return schema.errors();
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(questionnairesDir, ec))
        return makeError(questionnairesDir, 0, "", "không tìm thấy thư mục bộ quy tắc", "rule-set folder not found");
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(questionnairesDir, ec)) {
        const auto file = entry.path() / "ruleset.xml";
        if (entry.is_directory() && fs::exists(file))
            files.push_back(file.string());
    }
    std::sort(files.begin(), files.end());
    std::vector<RuleSet> ruleSets;
    Errors errors;
    for (const auto& file : files) {
        auto rs = loadRuleSetFile(file, **schema);
        if (!rs) {
            errors.insert(errors.end(), rs.errors().begin(), rs.errors().end());
            continue;
        }
        if (ruleSetById(ruleSets, rs->id))
            errors.push_back(makeError(file, 0, rs->id, "mã bộ quy tắc trùng lặp '" + rs->id + "'",
                                       "duplicate rule-set id '" + rs->id + "'"));
        ruleSets.push_back(std::move(*rs));
    }
    if (!errors.empty())
        return errors;
    if (ruleSets.empty())
        return makeError(questionnairesDir, 0, "", "không có bộ quy tắc nào", "no rule sets found");
    std::sort(ruleSets.begin(), ruleSets.end(), [](const RuleSet& a, const RuleSet& b) {
        return a.validFrom.value_or(Date{}) < b.validFrom.value_or(Date{});
    });
    return ruleSets;
}

} // namespace seclevel
