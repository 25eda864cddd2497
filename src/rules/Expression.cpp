#include "rules/Expression.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

namespace seclevel {
namespace {

// ---- tokens ---------------------------------------------------------------------------------------------
enum class Tok { Ident, Integer, String, LParen, RParen, LBracket, RBracket, Comma, Op, End };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    std::int64_t integer = 0;
    size_t column = 0; // 1-based position in the expression
};

// ---- AST --------------------------------------------------------------------------------------------------
enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, Contains, ContainsAny, SubsetOf, Answered, IsTrue, Summed };

// What an atom reads: the component's answer, or a count over the whole system (see SystemCount).
enum class Source { Answer, SystemTotal, ComponentMax };

struct Literal {
    Value value; // bool, int64, string, vector<string> or Date
};

struct Node {
    enum class Kind { And, Or, Not, Atom } kind = Kind::Atom;
    std::vector<std::unique_ptr<Node>> children;
    // atom
    std::string key;
    int slot = -1;
    Op op = Op::IsTrue;
    Source source = Source::Answer;
    Literal literal;
};

std::string listText(const std::vector<std::string>& items)
{
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + items[i];
    return out + "}";
}

std::string requirementText(const Node& atom)
{
    const std::string scope = atom.source == Source::SystemTotal    ? "Σ "
                              : atom.source == Source::ComponentMax ? "max "
                                                                    : "";
    const std::string operand = std::holds_alternative<std::vector<std::string>>(atom.literal.value)
                                    ? listText(std::get<std::vector<std::string>>(atom.literal.value))
                                    : renderValue(atom.literal.value);
    switch (atom.op) {
    case Op::Eq: return scope + "= " + operand;
    case Op::Ne: return scope + "≠ " + operand;
    case Op::Lt: return scope + "< " + operand;
    case Op::Le: return scope + "≤ " + operand;
    case Op::Gt: return scope + "> " + operand;
    case Op::Ge: return scope + "≥ " + operand;
    case Op::In: return "∈ " + operand;
    case Op::Contains: return "∋ " + operand;
    case Op::ContainsAny: return "∩ " + operand + " ≠ ∅";
    case Op::SubsetOf: return "⊆ " + operand;
    case Op::Answered: return "≠ —";
    case Op::IsTrue: return "= true";
    case Op::Summed: return "= Σ";
    }
    return "?";
}

const Value& noValue()
{
    static const Value none;
    return none;
}

// Answer sets alone (show-if, required-if, refusals) know nothing of the whole system; the parser keeps
// system counts out of those conditions.
const Value& lookup(const Node& atom, const AnswerSet& answers)
{
    return atom.source == Source::Answer ? answers.get(atom.key) : noValue();
}

bool isSummed(const Node&, const AnswerSet&)
{
    return false;
}

const Value& lookup(const Node& atom, const AnswerSlots& answers)
{
    if (atom.source == Source::Answer)
        return answers.get(atom.slot, atom.key);
    if (!answers.counts)
        return noValue();
    const SystemCount& count = (*answers.counts)[static_cast<size_t>(atom.slot)];
    return atom.source == Source::SystemTotal ? count.total : count.largest;
}

bool isSummed(const Node& atom, const AnswerSlots& answers)
{
    return answers.counts && (*answers.counts)[static_cast<size_t>(atom.slot)].summed;
}

template <class Answers>
bool evaluateAtom(const Node& atom, const Answers& answers)
{
    if (atom.source != Source::Answer && atom.op == Op::Summed)
        return isSummed(atom, answers);
    const Value& v = lookup(atom, answers);
    if (atom.op == Op::Answered)
        return isAnswered(v);
    if (!isAnswered(v))
        return false;
    const Value& lit = atom.literal.value;
    switch (atom.op) {
    case Op::IsTrue: return std::holds_alternative<bool>(v) && std::get<bool>(v);
    case Op::Eq: return v == lit;
    case Op::Ne: return v != lit;
    case Op::Lt: return v.index() == lit.index() && v < lit;
    case Op::Le: return v.index() == lit.index() && v <= lit;
    case Op::Gt: return v.index() == lit.index() && v > lit;
    case Op::Ge: return v.index() == lit.index() && v >= lit;
    case Op::In: {
        if (!std::holds_alternative<std::string>(v))
            return false;
        const auto& list = std::get<std::vector<std::string>>(lit);
        return std::find(list.begin(), list.end(), std::get<std::string>(v)) != list.end();
    }
    case Op::Contains: {
        if (!std::holds_alternative<std::vector<std::string>>(v))
            return false;
        const auto& items = std::get<std::vector<std::string>>(v);
        return std::find(items.begin(), items.end(), std::get<std::string>(lit)) != items.end();
    }
    case Op::ContainsAny:
    case Op::SubsetOf: {
        if (!std::holds_alternative<std::vector<std::string>>(v))
            return false;
        const auto& items = std::get<std::vector<std::string>>(v);
        const auto& list = std::get<std::vector<std::string>>(lit);
        auto inList = [&](const std::string& s) { return std::find(list.begin(), list.end(), s) != list.end(); };
        if (atom.op == Op::ContainsAny)
            return std::any_of(items.begin(), items.end(), inList);
        return !items.empty() && std::all_of(items.begin(), items.end(), inList);
    }
    case Op::Answered:
    case Op::Summed: break;
    }
    return false;
}

template <class Answers>
bool evaluateNode(const Node& node, const Answers& answers)
{
    switch (node.kind) {
    case Node::Kind::And:
        return std::all_of(node.children.begin(), node.children.end(),
                           [&](const auto& c) { return evaluateNode(*c, answers); });
    case Node::Kind::Or:
        return std::any_of(node.children.begin(), node.children.end(),
                           [&](const auto& c) { return evaluateNode(*c, answers); });
    case Node::Kind::Not: return !evaluateNode(*node.children.front(), answers);
    case Node::Kind::Atom: return evaluateAtom(node, answers);
    }
    return false;
}

// The atoms that must change for `node` to evaluate to `wanted` (De Morgan: a conjunction needs all of its
// parts, a disjunction only its cheapest part).
template <class Answers>
std::vector<Shortfall> shortfallsFor(const Node& node, const Answers& answers, bool wanted)
{
    switch (node.kind) {
    case Node::Kind::Atom: {
        if (evaluateAtom(node, answers) == wanted)
            return {};
        return {Shortfall{node.key, requirementText(node), renderValue(lookup(node, answers)), !wanted}};
    }
    case Node::Kind::Not: return shortfallsFor(*node.children.front(), answers, !wanted);
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool needAll = (node.kind == Node::Kind::And) == wanted;
        std::vector<Shortfall> result;
        std::optional<std::vector<Shortfall>> cheapest;
        for (const auto& child : node.children) {
            auto part = shortfallsFor(*child, answers, wanted);
            if (needAll) {
                result.insert(result.end(), part.begin(), part.end());
            } else {
                if (part.empty())
                    return {};
                if (!cheapest || part.size() < cheapest->size())
                    cheapest = std::move(part);
            }
        }
        return needAll ? result : cheapest.value_or(std::vector<Shortfall>{});
    }
    }
    return {};
}

// The same count as shortfallsFor(...).size(), allocation-free.
template <class Answers>
size_t shortfallCountFor(const Node& node, const Answers& answers, bool wanted)
{
    switch (node.kind) {
    case Node::Kind::Atom: return evaluateAtom(node, answers) == wanted ? 0 : 1;
    case Node::Kind::Not: return shortfallCountFor(*node.children.front(), answers, !wanted);
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool needAll = (node.kind == Node::Kind::And) == wanted;
        size_t total = 0;
        std::optional<size_t> cheapest;
        for (const auto& child : node.children) {
            const size_t part = shortfallCountFor(*child, answers, wanted);
            if (needAll) {
                total += part;
            } else {
                if (part == 0)
                    return 0;
                if (!cheapest || part < *cheapest)
                    cheapest = part;
            }
        }
        return needAll ? total : cheapest.value_or(0);
    }
    }
    return 0;
}

void collectKeys(const Node& node, std::vector<std::string>& keys, std::vector<int>& slots)
{
    if (node.kind == Node::Kind::Atom) {
        // A count over the whole system is not an answer of the component: the trace lists answers only.
        if (node.source != Source::Answer || node.op == Op::Summed)
            return;
        if (std::find(keys.begin(), keys.end(), node.key) == keys.end()) {
            keys.push_back(node.key);
            slots.push_back(node.slot);
        }
        return;
    }
    for (const auto& child : node.children)
        collectKeys(*child, keys, slots);
}

class ExpressionCondition final : public Condition {
public:
    ExpressionCondition(std::string source, std::unique_ptr<Node> root)
        : m_source(std::move(source)),
          m_root(std::move(root))
    {
        collectKeys(*m_root, m_keys, m_slots);
    }
    bool evaluate(const AnswerSet& answers) const override { return evaluateNode(*m_root, answers); }
    const std::vector<std::string>& keys() const override { return m_keys; }
    std::vector<Shortfall> shortfalls(const AnswerSet& answers) const override
    {
        return shortfallsFor(*m_root, answers, true);
    }
    size_t shortfallCount(const AnswerSet& answers) const override { return shortfallCountFor(*m_root, answers, true); }
    bool evaluate(const AnswerSlots& answers) const override { return evaluateNode(*m_root, answers); }
    std::vector<Shortfall> shortfalls(const AnswerSlots& answers) const override
    {
        return shortfallsFor(*m_root, answers, true);
    }
    size_t shortfallCount(const AnswerSlots& answers) const override
    {
        return shortfallCountFor(*m_root, answers, true);
    }
    const std::vector<int>& keySlots() const override { return m_slots; }
    const std::string& source() const override { return m_source; }

private:
    std::string m_source;
    std::unique_ptr<Node> m_root;
    std::vector<std::string> m_keys;
    std::vector<int> m_slots;
};

// ---- parser -----------------------------------------------------------------------------------------------
class Parser {
public:
    Parser(const std::string& text, const QuestionLookup& questions, const std::string& file, int line,
           const std::string& field, bool systemCounts)
        : m_text(text),
          m_questions(questions),
          m_file(file),
          m_line(line),
          m_field(field),
          m_systemCounts(systemCounts)
    {}

    Result<ConditionPtr> run()
    {
        if (!tokenize())
            return m_error;
        auto root = parseOr();
        if (!root)
            return m_error;
        if (peek().kind != Tok::End) {
            fail(peek(), "thừa ký tự '" + peek().text + "' sau biểu thức",
                 "unexpected '" + peek().text + "' after the expression");
            return m_error;
        }
        return ConditionPtr(std::make_shared<ExpressionCondition>(m_text, std::move(root)));
    }

private:
    bool tokenize()
    {
        size_t i = 0;
        const std::string& s = m_text;
        while (i < s.size()) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (std::isspace(c)) {
                ++i;
                continue;
            }
            Token t;
            t.column = i + 1;
            if (std::isalpha(c) || c == '_') {
                size_t j = i;
                while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_'))
                    ++j;
                t.kind = Tok::Ident;
                t.text = s.substr(i, j - i);
                i = j;
            } else if (std::isdigit(c) ||
                       (c == '-' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
                size_t j = i + 1;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                    ++j;
                t.kind = Tok::Integer;
                t.text = s.substr(i, j - i);
                if (t.text.size() > 18) {
                    fail(t, "số quá lớn: " + t.text, "number too large: " + t.text);
                    return false;
                }
                t.integer = std::stoll(t.text);
                i = j;
            } else if (c == '\'') {
                size_t j = s.find('\'', i + 1);
                if (j == std::string::npos) {
                    fail(t, "chuỗi chưa đóng dấu nháy", "unterminated string literal");
                    return false;
                }
                t.kind = Tok::String;
                t.text = s.substr(i + 1, j - i - 1);
                i = j + 1;
            } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
                t.kind = c == '('   ? Tok::LParen
                         : c == ')' ? Tok::RParen
                         : c == '[' ? Tok::LBracket
                         : c == ']' ? Tok::RBracket
                                    : Tok::Comma;
                t.text = std::string(1, static_cast<char>(c));
                ++i;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                t.kind = Tok::Op;
                if (i + 1 < s.size() && s[i + 1] == '=') {
                    t.text = s.substr(i, 2);
                    i += 2;
                } else {
                    t.text = std::string(1, static_cast<char>(c));
                    ++i;
                }
                if (t.text == "=" || t.text == "!") {
                    fail(t, "toán tử không hợp lệ '" + t.text + "' (dùng == hoặc !=)",
                         "invalid operator '" + t.text + "' (use == or !=)");
                    return false;
                }
            } else {
                t.text = std::string(1, static_cast<char>(c));
                fail(t, "ký tự không hợp lệ '" + t.text + "'", "invalid character '" + t.text + "'");
                return false;
            }
            m_tokens.push_back(std::move(t));
        }
        Token end;
        end.kind = Tok::End;
        end.text = "<end>";
        end.column = s.size() + 1;
        m_tokens.push_back(end);
        return true;
    }

    const Token& peek() const { return m_tokens[m_pos]; }
    const Token& next() { return m_tokens[m_pos++]; }
    bool isWord(const Token& t, const char* word) const { return t.kind == Tok::Ident && t.text == word; }

    void fail(const Token& at, const std::string& vi, const std::string& en)
    {
        m_error =
            makeError(m_file, m_line, m_field, vi + " (cột " + std::to_string(at.column) + " trong «" + m_text + "»)",
                      en + " (column " + std::to_string(at.column) + " in «" + m_text + "»)");
    }

    std::unique_ptr<Node> parseOr()
    {
        auto left = parseAnd();
        if (!left)
            return nullptr;
        if (!isWord(peek(), "or"))
            return left;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Or;
        node->children.push_back(std::move(left));
        while (isWord(peek(), "or")) {
            next();
            auto right = parseAnd();
            if (!right)
                return nullptr;
            node->children.push_back(std::move(right));
        }
        return node;
    }

    std::unique_ptr<Node> parseAnd()
    {
        auto left = parseUnary();
        if (!left)
            return nullptr;
        if (!isWord(peek(), "and"))
            return left;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::And;
        node->children.push_back(std::move(left));
        while (isWord(peek(), "and")) {
            next();
            auto right = parseUnary();
            if (!right)
                return nullptr;
            node->children.push_back(std::move(right));
        }
        return node;
    }

    std::unique_ptr<Node> parseUnary()
    {
        if (++m_depth > 64) {
            fail(peek(), "biểu thức lồng quá sâu", "expression nested too deeply");
            return nullptr;
        }
        std::unique_ptr<Node> result;
        if (isWord(peek(), "not")) {
            next();
            auto child = parseUnary();
            if (child) {
                result = std::make_unique<Node>();
                result->kind = Node::Kind::Not;
                result->children.push_back(std::move(child));
            }
        } else if (peek().kind == Tok::LParen) {
            next();
            result = parseOr();
            if (result && peek().kind != Tok::RParen) {
                fail(peek(), "thiếu dấu ')'", "expected ')'");
                result.reset();
            } else if (result) {
                next();
            }
        } else {
            result = parseAtom();
        }
        --m_depth;
        return result;
    }

    const Question* questionFor(const Token& t)
    {
        const Question* q = m_questions(t.text);
        if (!q)
            fail(t, "khóa trả lời không tồn tại '" + t.text + "'", "unknown answer key '" + t.text + "'");
        return q;
    }

    std::unique_ptr<Node> parseAtom()
    {
        const Token keyToken = next();
        if (keyToken.kind != Tok::Ident || isWord(keyToken, "and") || isWord(keyToken, "or")) {
            fail(keyToken, "cần tên khóa trả lời, gặp '" + keyToken.text + "'",
                 "expected an answer key, found '" + keyToken.text + "'");
            return nullptr;
        }
        auto atom = std::make_unique<Node>();
        const bool countFunction =
            keyToken.text == "system_total" || keyToken.text == "component_max" || keyToken.text == "summed";
        if (countFunction && peek().kind == Tok::LParen) {
            next();
            const Token inner = next();
            if (inner.kind != Tok::Ident) {
                fail(inner, "cần tên khóa trả lời", "expected an answer key");
                return nullptr;
            }
            const Question* counted = questionFor(inner);
            if (!counted)
                return nullptr;
            if (next().kind != Tok::RParen) {
                fail(inner, "thiếu dấu ')'", "expected ')'");
                return nullptr;
            }
            if (!m_systemCounts) {
                fail(keyToken, keyToken.text + "() chỉ dùng trong tiêu chí và cảnh báo (khi xét cả hệ thống)",
                     keyToken.text + "() is only available in criteria and warnings (when a whole system is judged)");
                return nullptr;
            }
            if (counted->countScope == Question::CountScope::None) {
                fail(inner, "câu hỏi '" + counted->key + "' không khai báo count-scope",
                     "question '" + counted->key + "' declares no count-scope");
                return nullptr;
            }
            atom->key = inner.text;
            atom->slot = counted->slot;
            if (keyToken.text == "summed") {
                atom->op = Op::Summed;
                atom->source = Source::SystemTotal;
                return atom;
            }
            atom->source = keyToken.text == "system_total" ? Source::SystemTotal : Source::ComponentMax;
            const Token& operatorToken = peek();
            static const std::pair<const char*, Op> ops[] = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<", Op::Lt},
                                                             {"<=", Op::Le}, {">", Op::Gt},  {">=", Op::Ge}};
            std::optional<Op> op;
            for (const auto& [text, value] : ops)
                if (operatorToken.kind == Tok::Op && operatorToken.text == text)
                    op = value;
            if (!op) {
                fail(operatorToken, keyToken.text + "() cần một phép so sánh", keyToken.text + "() needs a comparison");
                return nullptr;
            }
            next();
            atom->op = *op;
            auto literal = parseLiteral();
            if (!literal)
                return nullptr;
            atom->literal = std::move(*literal);
            if (!typeCheck(*atom, *counted, operatorToken))
                return nullptr;
            return atom;
        }
        if (keyToken.text == "answered") {
            if (next().kind != Tok::LParen) {
                fail(keyToken, "cú pháp: answered(khóa)", "syntax: answered(key)");
                return nullptr;
            }
            const Token inner = next();
            if (inner.kind != Tok::Ident || !questionFor(inner)) {
                if (inner.kind != Tok::Ident)
                    fail(inner, "cần tên khóa trả lời", "expected an answer key");
                return nullptr;
            }
            if (next().kind != Tok::RParen) {
                fail(inner, "thiếu dấu ')'", "expected ')'");
                return nullptr;
            }
            atom->key = inner.text;
            atom->slot = m_questions(inner.text)->slot;
            atom->op = Op::Answered;
            return atom;
        }
        const Question* q = questionFor(keyToken);
        if (!q)
            return nullptr;
        atom->key = keyToken.text;
        atom->slot = q->slot;

        const Token& opToken = peek();
        std::optional<Op> op;
        if (opToken.kind == Tok::Op) {
            static const std::pair<const char*, Op> ops[] = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<", Op::Lt},
                                                             {"<=", Op::Le}, {">", Op::Gt},  {">=", Op::Ge}};
            for (const auto& [text, value] : ops)
                if (opToken.text == text)
                    op = value;
        } else if (isWord(opToken, "in")) {
            op = Op::In;
        } else if (isWord(opToken, "contains")) {
            op = Op::Contains;
        } else if (isWord(opToken, "contains_any")) {
            op = Op::ContainsAny;
        } else if (isWord(opToken, "subset_of")) {
            op = Op::SubsetOf;
        }
        if (!op) {
            if (q->type != AnswerType::Boolean) {
                fail(keyToken, "khóa '" + q->key + "' kiểu " + answerTypeName(q->type) + " cần một phép so sánh",
                     "key '" + q->key + "' of type " + answerTypeName(q->type) + " needs a comparison");
                return nullptr;
            }
            atom->op = Op::IsTrue;
            atom->literal.value = true;
            return atom;
        }
        const Token& operatorToken = next();
        atom->op = *op;
        auto literal = parseLiteral();
        if (!literal)
            return nullptr;
        atom->literal = std::move(*literal);
        if (!typeCheck(*atom, *q, operatorToken))
            return nullptr;
        return atom;
    }

    std::optional<Literal> parseLiteral()
    {
        const Token t = next();
        Literal lit;
        if (t.kind == Tok::Integer) {
            lit.value = t.integer;
        } else if (t.kind == Tok::String) {
            lit.value = t.text;
        } else if (isWord(t, "true") || isWord(t, "false")) {
            lit.value = t.text == "true";
        } else if (t.kind == Tok::LBracket) {
            std::vector<std::string> items;
            while (peek().kind != Tok::RBracket) {
                const Token item = next();
                if (item.kind != Tok::String) {
                    fail(item, "danh sách chỉ gồm chuỗi trong dấu nháy đơn", "a list holds only quoted strings");
                    return std::nullopt;
                }
                items.push_back(item.text);
                if (peek().kind == Tok::Comma)
                    next();
                else if (peek().kind != Tok::RBracket) {
                    fail(peek(), "thiếu dấu ',' hoặc ']'", "expected ',' or ']'");
                    return std::nullopt;
                }
            }
            next();
            if (items.empty()) {
                fail(t, "danh sách rỗng", "empty list");
                return std::nullopt;
            }
            lit.value = std::move(items);
        } else {
            fail(t, "cần một giá trị, gặp '" + t.text + "'", "expected a value, found '" + t.text + "'");
            return std::nullopt;
        }
        return lit;
    }

    bool checkOptions(const Question& q, const std::vector<std::string>& values, const Token& at)
    {
        for (const auto& v : values) {
            if (!q.option(v)) {
                fail(at, "'" + v + "' không phải phương án của '" + q.key + "'",
                     "'" + v + "' is not an option of '" + q.key + "'");
                return false;
            }
        }
        return true;
    }

    bool typeCheck(Node& atom, const Question& q, const Token& at)
    {
        Value& lit = atom.literal.value;
        auto mismatch = [&]() {
            fail(at, "phép so sánh không hợp kiểu với '" + q.key + "' (" + answerTypeName(q.type) + ")",
                 "comparison does not fit the type of '" + q.key + "' (" + answerTypeName(q.type) + ")");
            return false;
        };
        const bool isString = std::holds_alternative<std::string>(lit);
        const bool isList = std::holds_alternative<std::vector<std::string>>(lit);
        const bool ordering = atom.op == Op::Lt || atom.op == Op::Le || atom.op == Op::Gt || atom.op == Op::Ge;
        const bool equality = atom.op == Op::Eq || atom.op == Op::Ne;
        switch (q.type) {
        case AnswerType::Boolean: return equality && std::holds_alternative<bool>(lit) ? true : mismatch();
        case AnswerType::Integer:
            return (equality || ordering) && std::holds_alternative<std::int64_t>(lit) ? true : mismatch();
        case AnswerType::Text: return equality && isString ? true : mismatch();
        case AnswerType::Date: {
            if (!(equality || ordering) || !isString)
                return mismatch();
            auto date = parseIsoDate(std::get<std::string>(lit));
            if (!date) {
                fail(at, "ngày không hợp lệ (cần YYYY-MM-DD)", "invalid date (expected YYYY-MM-DD)");
                return false;
            }
            lit = *date;
            return true;
        }
        case AnswerType::Choice:
            if (equality && isString)
                return checkOptions(q, {std::get<std::string>(lit)}, at);
            if (atom.op == Op::In && isList)
                return checkOptions(q, std::get<std::vector<std::string>>(lit), at);
            return mismatch();
        case AnswerType::MultiChoice:
            if (atom.op == Op::Contains && isString)
                return checkOptions(q, {std::get<std::string>(lit)}, at);
            if ((atom.op == Op::ContainsAny || atom.op == Op::SubsetOf) && isList)
                return checkOptions(q, std::get<std::vector<std::string>>(lit), at);
            return mismatch();
        }
        return mismatch();
    }

    const std::string& m_text;
    const QuestionLookup& m_questions;
    const std::string& m_file;
    int m_line;
    const std::string& m_field;
    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    int m_depth = 0;
    bool m_systemCounts = false;
    Error m_error;
};

} // namespace

Result<ConditionPtr> parseCondition(const std::string& text, const QuestionLookup& questions, const std::string& file,
                                    int line, const std::string& field, bool systemCounts)
{
    return Parser(text, questions, file, line, field, systemCounts).run();
}

} // namespace seclevel
