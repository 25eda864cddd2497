#include "formats/json/AnswersFile.h"

#include "core/TextSafety.h"
#include "io/InputFile.h"

#include <map>
#include <optional>

namespace seclevel {

namespace {

using json::Node;
using json::Type;

class AnswersReader {
public:
    explicit AnswersReader(std::string fileName) : m_file(std::move(fileName)) {}

    Result<SystemDescription> read(const Node& root)
    {
        SystemDescription system;
        system.sourceFile = m_file;
        if (!root.isObject()) {
            error(root.line, "",
                  "tệp trả lời phải là một đối tượng JSON {...}, không phải " + json::describeType(root.type).vi,
                  "the answers file must be a JSON object {...}, not " + json::describeType(root.type).en);
            return m_errors;
        }
        bool sawSystem = false;
        for (const auto& [name, node] : root.members) {
            if (name == "system") {
                sawSystem = true;
                readSystem(node, system);
            } else if (name == "answers") {
                readAnswerSet(node, "answers", "", system.answers);
            } else if (name == "components") {
                readComponents(node, system.components);
            } else {
                error(node.line, name, "mục không được hỗ trợ ở cấp gốc (chỉ có system, answers, components)",
                      "unknown top-level member (expected system, answers, components)");
            }
        }
        if (!sawSystem)
            error(root.line, "system", "thiếu mục \"system\" mô tả hệ thống (id, name, owner, operator)",
                  "missing \"system\" describing the system (id, name, owner, operator)");
        if (!m_errors.empty())
            return m_errors;
        return system;
    }

private:
    void error(int line, std::string field, std::string vi, std::string en)
    {
        m_errors.push_back(makeError(m_file, line, std::move(field), std::move(vi), std::move(en)));
    }

    void report(std::optional<Error> problem)
    {
        if (problem)
            m_errors.push_back(std::move(*problem));
    }

    void wrongType(const Node& node, const std::string& field, const LocalizedText& expected)
    {
        const LocalizedText found = json::describeType(node.type);
        error(node.line, field, "phải là " + expected.vi + ", không phải " + found.vi,
              "must be " + expected.en + ", not " + found.en);
    }

    void readSystem(const Node& node, SystemDescription& system)
    {
        if (!node.isObject()) {
            wrongType(node, "system", json::describeType(Type::Object));
            return;
        }
        struct Field {
            const char* name;
            std::string* target;
            bool required;
            bool identifier; // an id (no edge whitespace) rather than a name
            bool present = false;
        };
        Field fields[] = {{"id", &system.id, true, true},
                          {"name", &system.name, true, false},
                          {"owner", &system.owner, true, false},
                          {"operator", &system.operatorName, true, false},
                          {"organisation", &system.organisationId, false, true}};
        for (const auto& [name, value] : node.members) {
            Field* field = nullptr;
            for (auto& f : fields)
                if (name == f.name)
                    field = &f;
            const std::string path = "system." + name;
            if (!field) {
                error(value.line, path, "mục không được hỗ trợ (chỉ có id, name, owner, operator, organisation)",
                      "unknown member (expected id, name, owner, operator, organisation)");
                continue;
            }
            field->present = true;
            if (!value.isString()) {
                wrongType(value, path, json::describeType(Type::String));
                continue;
            }
            *field->target = value.text;
            if (field->required && value.text.empty())
                error(value.line, path, "không được để trống", "must not be empty");
            else if (field->identifier)
                report(checkIdentifier(value.text, path, m_file, value.line));
            else
                report(checkName(value.text, path, m_file, value.line));
        }
        for (const auto& f : fields)
            if (f.required && !f.present)
                error(node.line, std::string("system.") + f.name, "thiếu mục bắt buộc", "required member is missing");
    }

    // `where` names the component for messages ("" for the system-level answers).
    void readAnswerSet(const Node& node, const std::string& field, const std::string& where, AnswerSet& answers)
    {
        if (!node.isObject()) {
            wrongType(node, field, json::describeType(Type::Object));
            return;
        }
        const LocalizedText context =
            where.empty() ? LocalizedText{}
                          : LocalizedText{" (thành phần \"" + where + "\")", " (component \"" + where + "\")"};
        for (const auto& [key, value] : node.members) {
            if (auto unsafe = checkIdentifier(key, escapeUnsafeCharacters(key), m_file, value.line)) {
                report(std::move(unsafe));
                continue;
            }
            Value converted;
            if (readValue(value, key, context, converted) && isAnswered(converted)) {
                answers.values[key] = std::move(converted);
                answers.lines[key] = value.line;
            }
        }
    }

    bool readValue(const Node& node, const std::string& key, const LocalizedText& context, Value& out)
    {
        switch (node.type) {
        case Type::Null: out = std::monostate{}; return true;
        case Type::Boolean: out = node.boolean; return true;
        case Type::String:
            if (auto unsafe = checkFreeText(node.text, key, m_file, node.line)) {
                report(std::move(unsafe));
                return false;
            }
            out = node.text;
            return true;
        case Type::Number:
            if (!node.isInteger) {
                const bool integralLiteral = node.text.find_first_of(".eE") == std::string::npos;
                if (integralLiteral)
                    error(node.line, key, "số nguyên vượt quá giới hạn 64 bit: " + node.text + context.vi,
                          "integer out of the 64-bit range: " + node.text + context.en);
                else
                    error(node.line, key,
                          "câu trả lời phải là số nguyên (không có phần thập phân hay số mũ): " + node.text +
                              context.vi,
                          "the answer must be an integer (no fraction or exponent): " + node.text + context.en);
                return false;
            }
            out = node.integer;
            return true;
        case Type::Array: {
            std::vector<std::string> items;
            bool ok = true;
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                const Node& item = node.items[i];
                if (!item.isString()) {
                    const LocalizedText found = json::describeType(item.type);
                    error(item.line, key,
                          "phần tử thứ " + std::to_string(i + 1) + " của danh sách phải là chuỗi, không phải " +
                              found.vi + context.vi,
                          "item " + std::to_string(i + 1) + " of the list must be a string, not " + found.en +
                              context.en);
                    ok = false;
                    continue;
                }
                if (auto unsafe =
                        checkFreeText(item.text, key + "[" + std::to_string(i + 1) + "]", m_file, item.line)) {
                    report(std::move(unsafe));
                    ok = false;
                    continue;
                }
                items.push_back(item.text);
            }
            if (ok)
                out = std::move(items);
            return ok;
        }
        case Type::Object:
            error(node.line, key,
                  "câu trả lời không được là đối tượng {...}; dùng true/false, số nguyên, chuỗi hoặc danh sách chuỗi" +
                      context.vi,
                  "an answer cannot be an object {...}; use true/false, an integer, a string or a list of strings" +
                      context.en);
            return false;
        }
        return false;
    }

    void readComponents(const Node& node, std::vector<Component>& components)
    {
        if (!node.isArray()) {
            wrongType(node, "components", json::describeType(Type::Array));
            return;
        }
        std::map<std::string, int> seen; // name → line of first use
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            const Node& item = node.items[i];
            const std::string field = "components[" + std::to_string(i + 1) + "]";
            if (!item.isObject()) {
                wrongType(item, field, json::describeType(Type::Object));
                continue;
            }
            Component component;
            bool named = false;
            for (const auto& [name, value] : item.members) {
                if (name == "name") {
                    if (!value.isString()) {
                        wrongType(value, field + ".name", json::describeType(Type::String));
                        named = true; // reported already
                        continue;
                    }
                    named = true;
                    component.name = value.text;
                    if (value.text.empty()) {
                        error(value.line, field + ".name", "tên thành phần không được để trống",
                              "the component name must not be empty");
                    } else if (auto unsafe = checkName(value.text, field + ".name", m_file, value.line)) {
                        report(std::move(unsafe));
                    } else if (auto [it, inserted] = seen.emplace(value.text, value.line); !inserted) {
                        error(value.line, field + ".name",
                              "tên thành phần \"" + value.text + "\" bị trùng (đã dùng ở dòng " +
                                  std::to_string(it->second) + ")",
                              "duplicate component name \"" + value.text + "\" (first used at line " +
                                  std::to_string(it->second) + ")");
                    }
                } else if (name == "answers") {
                    // The name may come after "answers"; messages then say which component by position.
                    const Node* nameNode = item.find("name");
                    const std::string where =
                        nameNode && nameNode->isString() && !nameNode->text.empty() && !checkName(nameNode->text, {})
                            ? nameNode->text
                            : field;
                    readAnswerSet(value, field + ".answers", where, component.answers);
                } else {
                    error(value.line, field + "." + name, "mục không được hỗ trợ (chỉ có name, answers)",
                          "unknown member (expected name, answers)");
                }
            }
            if (!named)
                error(item.line, field + ".name", "thành phần thiếu tên (\"name\")", "the component has no \"name\"");
            components.push_back(std::move(component));
        }
    }

    std::string m_file;
    Errors m_errors;
};

// The component cap is checked by the parser, before any other work: a file listing 100,000 components is
// refused at the 501st without parsing the rest.
const json::ArrayItemCap& componentCap()
{
    static const json::ArrayItemCap cap{
        "components",
        maxComponentsPerSystem,
        {"quá nhiều thành phần: một hệ thống có tối đa " + std::to_string(maxComponentsPerSystem) +
             " thành phần; dừng đọc ở thành phần thứ " + std::to_string(maxComponentsPerSystem + 1),
         "too many components: a system has at most " + std::to_string(maxComponentsPerSystem) +
             "; reading stopped at component " + std::to_string(maxComponentsPerSystem + 1)}};
    return cap;
}

} // namespace

Result<SystemDescription> readAnswers(std::string_view text, const std::string& fileName)
{
    Result<json::Node> root = json::parse(text, fileName, componentCap());
    if (!root)
        return root.errors();
    return AnswersReader(fileName).read(*root);
}

Result<SystemDescription> readAnswersFile(const std::string& path)
{
    auto text = readInputFile(
        path, {.maxBytes = json::kDefaultMaxBytes, .what = {"tệp trả lời", "answers file"}, .text = true});
    if (!text)
        return text.errors();
    Result<json::Node> root = json::parse(*text, path, componentCap());
    if (!root)
        return root.errors();
    return AnswersReader(path).read(*root);
}

void writeAnswerValue(json::Writer& writer, const Value& value)
{
    struct Visitor {
        json::Writer& w;
        void operator()(std::monostate) const { w.null(); }
        void operator()(bool b) const { w.value(b); }
        void operator()(std::int64_t i) const { w.value(i); }
        void operator()(const std::string& s) const { w.value(s); }
        void operator()(const std::vector<std::string>& items) const
        {
            w.beginArray();
            for (const auto& item : items)
                w.value(item);
            w.endArray();
        }
        void operator()(Date d) const { w.value(formatIsoDate(d)); }
    };
    std::visit(Visitor{writer}, value);
}

void writeAnswerSet(json::Writer& writer, const AnswerSet& answers)
{
    writer.beginObject();
    for (const auto& [key, value] : answers.values) { // std::map: sorted by key
        if (!isAnswered(value))
            continue;
        writer.key(key);
        writeAnswerValue(writer, value);
    }
    writer.endObject();
}

std::string writeAnswers(const SystemDescription& system)
{
    json::Writer w;
    w.beginObject();
    w.key("system").beginObject();
    w.member("id", system.id).member("name", system.name).member("owner", system.owner);
    w.member("operator", system.operatorName);
    if (!system.organisationId.empty())
        w.member("organisation", system.organisationId);
    w.endObject();
    w.key("answers");
    writeAnswerSet(w, system.answers);
    w.key("components").beginArray();
    for (const auto& component : system.components) {
        w.beginObject();
        w.member("name", component.name);
        w.key("answers");
        writeAnswerSet(w, component.answers);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.str();
}

} // namespace seclevel
