#include "codec/StoredEncoding.h"

#include "codec/Json.h"
#include "core/Utf8.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <initializer_list>

namespace seclevel::codec {

namespace {

bool isStorableDate(Date date)
{
    const int year = static_cast<int>(date.year());
    return date.ok() && year >= 0 && year <= 9999; // formatIsoDate/parseIsoDate round-trip exactly these
}

std::string jsonArray(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += jsonString(items[i]);
    }
    return out + "]";
}

// A canonical list is a JSON array of strings, nothing else (its exact text is checked by the caller).
std::optional<std::vector<std::string>> parseStringArray(std::string_view text)
{
    auto node = json::parse(text, {});
    if (!node || !node->isArray())
        return std::nullopt;
    std::vector<std::string> items;
    items.reserve(node->items.size());
    for (json::Node& item : node->items) {
        if (!item.isString())
            return std::nullopt;
        items.push_back(std::move(item.text));
    }
    return items;
}

// Not answered (monostate) means the text does not parse. (A plain Value rather than optional<Value>: GCC 12
// reports a false maybe-uninitialized for the latter under -fsanitize.)
Value parseEncoded(std::string_view type, std::string_view text)
{
    if (type == "bool" && (text == "true" || text == "false"))
        return text == "true";
    if (type == "int") {
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error == std::errc{} && end == text.data() + text.size())
            return number;
    }
    if (type == "string")
        return std::string(text);
    if (type == "list") {
        if (auto items = parseStringArray(text))
            return std::move(*items);
    }
    if (type == "date") {
        if (auto date = parseIsoDate(text))
            return *date;
    }
    return std::monostate{};
}

const char* typeTag(const Value& value)
{
    static const char* const tags[] = {"none", "bool", "int", "string", "list", "date"};
    return tags[value.index()];
}

// ---- the writer: appends canonical JSON, remembering the first text that could not be read back ------------

void appendJsonString(std::string& out, std::string_view text);

// Where a value sits ("components[0].fired[2].text.en"), built as a chain on the stack and rendered only when
// something is wrong, so that encoding allocates nothing for it.
struct Path {
    const Path* parent = nullptr;
    const char* name = nullptr; // a member, or null for an array element
    size_t index = 0;

    Path member(const char* member) const { return Path{this, member, 0}; }
    Path element(size_t i) const { return Path{this, nullptr, i}; }

    std::string render() const
    {
        std::string prefix = parent ? parent->render() : std::string();
        if (!name)
            return prefix + "[" + std::to_string(index) + "]";
        if (!*name)
            return prefix;
        return prefix.empty() ? std::string(name) : prefix + "." + name;
    }
};

class Encoder {
public:
    std::string out;
    std::string unstorableField; // empty while everything is storable

    void text(std::string_view value, const Path& path)
    {
        if (unstorableField.empty() && !isStorableText(value))
            unstorableField = path.render();
        appendJsonString(out, value);
    }

    void key(const char* name, bool first = false)
    {
        if (!first)
            out += ',';
        out += '"';
        out += name;
        out += "\":";
    }

    void integer(std::int64_t value)
    {
        char buffer[24];
        const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
        out.append(buffer, end);
    }

    // "name":"value" for a member that is text.
    void textMember(const char* name, std::string_view value, const Path& path, bool first = false)
    {
        key(name, first);
        text(value, path.member(name));
    }

    void localized(const LocalizedText& value, const Path& path)
    {
        out += '{';
        textMember("vi", value.vi, path, true);
        textMember("en", value.en, path);
        out += '}';
    }

    // {"type":T,"value":V} members without the braces, so that a caller can put "key" first.
    void typedValue(const Value& value, const Path& path, bool first)
    {
        key("type", first);
        out += '"';
        out += typeTag(value);
        out += '"';
        key("value");
        const Path at = path.member("value");
        struct Visitor {
            Encoder& encoder;
            const Path& path;
            void operator()(std::monostate) const { encoder.out += "null"; }
            void operator()(bool b) const { encoder.out += b ? "true" : "false"; }
            void operator()(std::int64_t i) const { encoder.integer(i); }
            void operator()(const std::string& s) const { encoder.text(s, path); }
            void operator()(const std::vector<std::string>& items) const
            {
                encoder.out += '[';
                for (size_t i = 0; i < items.size(); ++i) {
                    if (i)
                        encoder.out += ',';
                    encoder.text(items[i], path);
                }
                encoder.out += ']';
            }
            void operator()(Date d) const
            {
                if (encoder.unstorableField.empty() && !isStorableDate(d))
                    encoder.unstorableField = path.render();
                appendJsonString(encoder.out, d.ok() ? formatIsoDate(d) : std::string("invalid"));
            }
        };
        std::visit(Visitor{*this, at}, value);
    }

    template <class T, class Each>
    void array(const char* name, const std::vector<T>& items, const Path& parent, Each&& each)
    {
        key(name);
        const Path path = parent.member(name);
        out += '[';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ',';
            each(items[i], path.element(i));
        }
        out += ']';
    }

    void assessment(const Assessment& a)
    {
        const Path root{nullptr, "", 0};
        out.reserve(16384);
        out += '{';
        key("format", true);
        integer(1);
        textMember("ruleset_id", a.rulesetId, root);
        textMember("ruleset_version", a.rulesetVersion, root);
        key("derived_level");
        integer(a.derivedLevel);
        key("proposed_level");
        integer(a.proposedLevel);
        textMember("justification", a.justification, root);
        array("components", a.components, root, [&](const ComponentResult& c, const Path& p) { component(c, p); });
        array("warnings", a.warnings, root, [&](const RaisedWarning& w, const Path& p) {
            out += '{';
            textMember("id", w.id, p, true);
            textMember("citation", w.citation, p);
            key("text");
            localized(w.text, p.member("text"));
            textMember("component", w.component, p);
            out += '}';
        });
        out += '}';
    }

    void component(const ComponentResult& c, const Path& path)
    {
        out += '{';
        textMember("name", c.name, path, true);
        key("level");
        integer(c.level);
        array("fired", c.fired, path, [&](const FiredCriterion& fired, const Path& p) {
            out += '{';
            textMember("id", fired.id, p, true);
            key("level");
            integer(fired.level);
            textMember("citation", fired.citation, p);
            key("text");
            localized(fired.text, p.member("text"));
            key("kind");
            out += fired.kind == CriterionKind::Floor ? "\"floor\"" : "\"criterion\"";
            array("answers", fired.answers, p, [&](const std::pair<std::string, Value>& answer, const Path& ap) {
                out += '{';
                textMember("key", answer.first, ap, true);
                typedValue(answer.second, ap, false);
                out += '}';
            });
            out += '}';
        });
        array("nearest", c.nearest, path, [&](const MissedCriterion& missed, const Path& p) {
            out += '{';
            textMember("id", missed.id, p, true);
            key("level");
            integer(missed.level);
            textMember("citation", missed.citation, p);
            key("text");
            localized(missed.text, p.member("text"));
            array("shortfalls", missed.shortfalls, p, [&](const Shortfall& sf, const Path& sp) {
                out += '{';
                textMember("key", sf.key, sp, true);
                textMember("requirement", sf.requirement, sp);
                textMember("answered", sf.answered, sp);
                key("negated");
                out += sf.negated ? "true" : "false";
                out += '}';
            });
            out += '}';
        });
        out += '}';
    }
};

// ---- the reader: strict, every error names the member ------------------------------------------------------

struct DecodeFailure {
    std::string field;
    std::string vi;
    std::string en;
};

[[noreturn]] void refuse(const std::string& field, std::string vi, std::string en)
{
    throw DecodeFailure{field, std::move(vi), std::move(en)};
}

class Decoder {
public:
    // The members of an object, each required exactly once, nothing else allowed.
    class Object {
    public:
        Object(const json::Node& node, std::string field, std::initializer_list<const char*> names)
            : m_node(node),
              m_field(std::move(field))
        {
            if (!node.isObject())
                refuse(m_field, "cần một đối tượng JSON", "expected a JSON object");
            for (const json::Member& member : node.members) {
                bool known = false;
                for (const char* name : names)
                    known = known || member.key == name;
                if (!known)
                    refuse(at(member.key), "thành phần không được biết", "unknown member");
            }
            for (const char* name : names)
                if (!node.find(name))
                    refuse(at(name), "thiếu thành phần", "the member is missing");
        }

        std::string at(std::string_view name) const
        {
            return m_field.empty() ? std::string(name) : m_field + "." + std::string(name);
        }
        const json::Node& node(const char* name) const { return *m_node.find(name); }

        std::string text(const char* name) const
        {
            const json::Node& value = node(name);
            if (!value.isString())
                refuse(at(name), "cần một chuỗi", "expected a string");
            return value.text;
        }
        std::int64_t integer(const char* name) const
        {
            const json::Node& value = node(name);
            if (!value.isNumber() || !value.isInteger)
                refuse(at(name), "cần một số nguyên", "expected an integer");
            return value.integer;
        }
        int level(const char* name) const
        {
            const std::int64_t value = integer(name);
            if (value < 0 || value > 5)
                refuse(at(name), "cấp độ phải từ 0 đến 5", "a level must lie within 0–5");
            return static_cast<int>(value);
        }
        bool boolean(const char* name) const
        {
            const json::Node& value = node(name);
            if (!value.isBoolean())
                refuse(at(name), "cần true hoặc false", "expected true or false");
            return value.boolean;
        }
        LocalizedText localized(const char* name) const
        {
            Object text(node(name), at(name), {"vi", "en"});
            return LocalizedText{text.text("vi"), text.text("en")};
        }
        template <class Each>
        void each(const char* name, Each&& each) const
        {
            const json::Node& value = node(name);
            if (!value.isArray())
                refuse(at(name), "cần một mảng", "expected an array");
            for (size_t i = 0; i < value.items.size(); ++i)
                each(value.items[i], at(name) + "[" + std::to_string(i) + "]");
        }

    private:
        const json::Node& m_node;
        std::string m_field;
    };

    static Value typedValue(const Object& object)
    {
        const std::string type = object.text("type");
        const json::Node& value = object.node("value");
        const std::string field = object.at("value");
        if (type == "none" && value.isNull())
            return std::monostate{};
        if (type == "bool" && value.isBoolean())
            return value.boolean;
        if (type == "int" && value.isNumber() && value.isInteger)
            return value.integer;
        if (type == "string" && value.isString())
            return value.text;
        if (type == "list" && value.isArray()) {
            std::vector<std::string> items;
            for (const json::Node& item : value.items) {
                if (!item.isString())
                    refuse(field, "danh sách chỉ được chứa chuỗi", "a list holds strings only");
                items.push_back(item.text);
            }
            return items;
        }
        if (type == "date" && value.isString()) {
            if (auto date = parseIsoDate(value.text))
                return *date;
            refuse(field, "ngày không hợp lệ", "not a valid date");
        }
        if (type != "none" && type != "bool" && type != "int" && type != "string" && type != "list" && type != "date")
            refuse(object.at("type"), "kiểu giá trị không được biết: " + type, "unknown value type: " + type);
        refuse(field, "giá trị không đúng kiểu " + type, "the value does not have type " + type);
    }

    static Assessment assessment(const json::Node& root)
    {
        Object top(root, {},
                   {"format", "ruleset_id", "ruleset_version", "derived_level", "proposed_level", "justification",
                    "components", "warnings"});
        if (top.integer("format") != 1)
            refuse("format", "định dạng không được hỗ trợ (chỉ hỗ trợ 1)", "unsupported format (only 1 is supported)");
        Assessment a;
        a.rulesetId = top.text("ruleset_id");
        a.rulesetVersion = top.text("ruleset_version");
        a.derivedLevel = top.level("derived_level");
        a.proposedLevel = top.level("proposed_level");
        a.justification = top.text("justification");
        top.each("components", [&](const json::Node& node, const std::string& field) {
            Object c(node, field, {"name", "level", "fired", "nearest"});
            ComponentResult result;
            result.name = c.text("name");
            result.level = c.level("level");
            c.each("fired", [&](const json::Node& firedNode, const std::string& firedField) {
                Object f(firedNode, firedField, {"id", "level", "citation", "text", "kind", "answers"});
                FiredCriterion fired;
                fired.id = f.text("id");
                fired.level = f.level("level");
                fired.citation = f.text("citation");
                fired.text = f.localized("text");
                const std::string kind = f.text("kind");
                if (kind == "floor")
                    fired.kind = CriterionKind::Floor;
                else if (kind != "criterion")
                    refuse(f.at("kind"), "cần \"criterion\" hoặc \"floor\"", "expected \"criterion\" or \"floor\"");
                f.each("answers", [&](const json::Node& answerNode, const std::string& answerField) {
                    Object answer(answerNode, answerField, {"key", "type", "value"});
                    fired.answers.emplace_back(answer.text("key"), typedValue(answer));
                });
                result.fired.push_back(std::move(fired));
            });
            c.each("nearest", [&](const json::Node& missedNode, const std::string& missedField) {
                Object m(missedNode, missedField, {"id", "level", "citation", "text", "shortfalls"});
                MissedCriterion missed;
                missed.id = m.text("id");
                missed.level = m.level("level");
                missed.citation = m.text("citation");
                missed.text = m.localized("text");
                m.each("shortfalls", [&](const json::Node& shortNode, const std::string& shortField) {
                    Object s(shortNode, shortField, {"key", "requirement", "answered", "negated"});
                    missed.shortfalls.push_back(
                        Shortfall{s.text("key"), s.text("requirement"), s.text("answered"), s.boolean("negated")});
                });
                result.nearest.push_back(std::move(missed));
            });
            a.components.push_back(std::move(result));
        });
        top.each("warnings", [&](const json::Node& node, const std::string& field) {
            Object w(node, field, {"id", "citation", "text", "component"});
            a.warnings.push_back(
                RaisedWarning{w.text("id"), w.text("citation"), w.localized("text"), w.text("component")});
        });
        return a;
    }
};

template <class T, class Body>
Result<T> decoding(std::string_view text, const char* whatVi, const char* whatEn, Body&& body)
{
    auto root = json::parse(text, {});
    if (!root) {
        Error error = root.errors().front();
        return makeError(ErrorKind::Storage, {}, error.line, error.field,
                         std::string(whatVi) + " đã lưu không phải JSON hợp lệ: " + error.message.vi,
                         std::string(whatEn) + " as stored is not valid JSON: " + error.message.en);
    }
    try {
        return body(*root);
    } catch (const DecodeFailure& failure) {
        return makeError(ErrorKind::Storage, {}, 0, failure.field,
                         std::string(whatVi) + " đã lưu bị hỏng tại " + failure.field + ": " + failure.vi,
                         std::string(whatEn) + " as stored is damaged at " + failure.field + ": " + failure.en);
    }
}

bool sameText(const LocalizedText& a, const LocalizedText& b)
{
    return a.vi == b.vi && a.en == b.en;
}

} // namespace

// ---- values -------------------------------------------------------------------------------------------------

bool isStorableText(std::string_view text)
{
    return text.find('\0') == std::string_view::npos && isValidUtf8(text);
}

namespace {

// Appends `text` as a JSON string literal: runs of characters that need no escape are copied at once.
void appendJsonString(std::string& out, std::string_view text)
{
    out += '"';
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20)
            continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buffer;
        }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

} // namespace

std::string jsonString(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    appendJsonString(out, text);
    return out;
}

std::optional<EncodedValue> encodeValue(const Value& value)
{
    struct Visitor {
        std::optional<EncodedValue> operator()(std::monostate) const { return std::nullopt; }
        std::optional<EncodedValue> operator()(bool b) const { return EncodedValue{"bool", b ? "true" : "false"}; }
        std::optional<EncodedValue> operator()(std::int64_t i) const { return EncodedValue{"int", std::to_string(i)}; }
        std::optional<EncodedValue> operator()(const std::string& s) const
        {
            if (!isStorableText(s))
                return std::nullopt;
            return EncodedValue{"string", s};
        }
        std::optional<EncodedValue> operator()(const std::vector<std::string>& items) const
        {
            for (const auto& item : items)
                if (!isStorableText(item))
                    return std::nullopt;
            return EncodedValue{"list", jsonArray(items)};
        }
        std::optional<EncodedValue> operator()(Date d) const
        {
            if (!isStorableDate(d))
                return std::nullopt;
            return EncodedValue{"date", formatIsoDate(d)};
        }
    };
    return std::visit(Visitor{}, value);
}

std::optional<Value> decodeValue(std::string_view type, std::string_view text)
{
    // The common types are checked for canonical form directly (listing systems decodes every answer).
    if (type == "bool") {
        if (text == "true" || text == "false")
            return Value{text == "true"};
        return std::nullopt;
    }
    if (type == "int") {
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        char again[24];
        const auto written = std::to_chars(again, again + sizeof again, number);
        if (error != std::errc{} || end != text.data() + text.size() ||
            std::string_view(again, static_cast<size_t>(written.ptr - again)) != text)
            return std::nullopt;
        return Value{number};
    }
    if (type == "string") {
        if (!isStorableText(text))
            return std::nullopt;
        return Value{std::string(text)};
    }
    Value value = parseEncoded(type, text);
    // Only the exact text encodeValue writes is accepted: "007", "+1", "[ \"a\"]" or a NUL mean damage.
    const auto again = encodeValue(value); // nullopt for monostate
    if (!again || again->type != type || again->text != text)
        return std::nullopt;
    return std::make_optional(std::move(value));
}

std::string canonicalJson(const Value& value)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(const std::string& s) const { return jsonString(s); }
        std::string operator()(const std::vector<std::string>& items) const { return jsonArray(items); }
        std::string operator()(Date d) const { return jsonString(formatIsoDate(d)); }
    };
    return std::visit(Visitor{}, value);
}

// ---- answer sets --------------------------------------------------------------------------------------------

std::string encodeAnswerSet(const AnswerSet& answers)
{
    Encoder encoder;
    encoder.out += '{';
    bool first = true;
    for (const auto& [key, value] : answers.values) {
        if (!isAnswered(value))
            continue;
        if (!first)
            encoder.out += ',';
        first = false;
        const Path root{nullptr, "", 0};
        const Path at = root.member(key.c_str());
        encoder.text(key, at);
        encoder.out += ":{";
        encoder.typedValue(value, at, true);
        encoder.out += '}';
    }
    encoder.out += '}';
    return std::move(encoder.out);
}

Result<AnswerSet> decodeAnswerSet(std::string_view text)
{
    return decoding<AnswerSet>(text, "Tập câu trả lời", "The answer set", [](const json::Node& root) -> AnswerSet {
        if (!root.isObject())
            refuse({}, "cần một đối tượng JSON", "expected a JSON object");
        AnswerSet answers;
        for (const json::Member& member : root.members) {
            Decoder::Object entry(member.value, member.key, {"type", "value"});
            Value value = Decoder::typedValue(entry);
            if (!isAnswered(value))
                refuse(member.key, "câu trả lời trống không được lưu", "an unanswered value is never stored");
            answers.values.emplace(member.key, std::move(value));
        }
        return answers;
    });
}

// ---- assessments --------------------------------------------------------------------------------------------

std::string encodeAssessment(const Assessment& assessment)
{
    Encoder encoder;
    encoder.assessment(assessment);
    return std::move(encoder.out);
}

Result<std::string> encodeStorableAssessment(const Assessment& assessment)
{
    Encoder encoder;
    encoder.assessment(assessment);
    if (!encoder.unstorableField.empty())
        return makeError(ErrorKind::InvalidInput, {}, 0, encoder.unstorableField,
                         "Kết quả đánh giá chứa văn bản không phải UTF-8 hợp lệ, có ký tự NUL hoặc ngày không hợp lệ",
                         "The assessment holds text that is not valid UTF-8, contains a NUL character, or an "
                         "invalid date");
    return std::move(encoder.out);
}

Result<Assessment> decodeAssessment(std::string_view text)
{
    return decoding<Assessment>(text, "Kết quả đánh giá", "The assessment",
                                [](const json::Node& root) { return Decoder::assessment(root); });
}

bool sameAssessment(const Assessment& a, const Assessment& b)
{
    if (a.rulesetId != b.rulesetId || a.rulesetVersion != b.rulesetVersion || a.derivedLevel != b.derivedLevel ||
        a.proposedLevel != b.proposedLevel || a.justification != b.justification ||
        a.components.size() != b.components.size() || a.warnings.size() != b.warnings.size())
        return false;
    for (size_t i = 0; i < a.components.size(); ++i) {
        const ComponentResult &x = a.components[i], &y = b.components[i];
        if (x.name != y.name || x.level != y.level || x.fired.size() != y.fired.size() ||
            x.nearest.size() != y.nearest.size())
            return false;
        for (size_t j = 0; j < x.fired.size(); ++j) {
            const FiredCriterion &f = x.fired[j], &g = y.fired[j];
            if (f.id != g.id || f.level != g.level || f.citation != g.citation || !sameText(f.text, g.text) ||
                f.kind != g.kind || f.answers != g.answers)
                return false;
        }
        for (size_t j = 0; j < x.nearest.size(); ++j) {
            const MissedCriterion &m = x.nearest[j], &n = y.nearest[j];
            if (m.id != n.id || m.level != n.level || m.citation != n.citation || !sameText(m.text, n.text) ||
                m.shortfalls.size() != n.shortfalls.size())
                return false;
            for (size_t k = 0; k < m.shortfalls.size(); ++k) {
                const Shortfall &s = m.shortfalls[k], &t = n.shortfalls[k];
                if (s.key != t.key || s.requirement != t.requirement || s.answered != t.answered ||
                    s.negated != t.negated)
                    return false;
            }
        }
    }
    for (size_t i = 0; i < a.warnings.size(); ++i) {
        const RaisedWarning &v = a.warnings[i], &w = b.warnings[i];
        if (v.id != w.id || v.citation != w.citation || !sameText(v.text, w.text) || v.component != w.component)
            return false;
    }
    return true;
}

// ---- dossier history ----------------------------------------------------------------------------------------

std::string requirementKey(const RequirementStatement& statement)
{
    return "requirement:" + statement.groupId + "#" + std::to_string(statement.item);
}

std::string attachmentKey(const Attachment& attachment)
{
    return "attachment:" + attachment.kind + "/" + attachment.name;
}

std::string requirementText(const RequirementStatement& statement)
{
    return "{\"status\":" + jsonString(requirementStatusName(statement.status)) +
           ",\"planned_by\":" + (statement.plannedBy ? jsonString(formatIsoDate(*statement.plannedBy)) : "null") +
           ",\"how\":" + jsonString(statement.how) + "}";
}

std::string attachmentText(const Attachment& attachment)
{
    return "{\"media_type\":" + jsonString(attachment.mediaType) + ",\"size\":" + std::to_string(attachment.size) +
           ",\"sha256\":" + jsonString(attachment.sha256) + ",\"reference\":" + jsonString(attachment.reference) +
           (attachment.importedReference ? ",\"imported\":true}" : "}");
}

} // namespace seclevel::codec
