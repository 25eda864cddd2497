#pragma once
// JSON at the edge (RFC 8259): a strict, hand-written parser into a DOM that remembers where every value
// starts, and a small streaming writer with stable, pretty-printed output.
//
// Hand-written rather than a library because errors must name file, line and key in Vietnamese and English,
// and because the parser faces hostile input (uploaded answers files): it bounds input size and nesting
// depth and never recurses deeper than kMaxDepth, so bad input gives an Error, never a crash.
#include "core/Error.h"
#include "core/Utf8.h"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seclevel::json {

inline constexpr std::size_t kDefaultMaxBytes = 50u * 1024u * 1024u; // 50 MiB
inline constexpr int kMaxDepth = 200;                                // nested arrays/objects
// A DOM node costs ~100 bytes, so "[0,0,0,…]" would grow 50 MB of input into gigabytes; one million values is
// far beyond any answers file or import and keeps the DOM near 100 MB.
inline constexpr std::size_t kMaxValues = 1'000'000;

enum class Type { Null, Boolean, Number, String, Array, Object };

// "null", "boolean", "number", "string", "array", "object".
const char* typeName(Type type);
// The same, for messages to users: "chuỗi" / "a string", …
LocalizedText describeType(Type type);

struct Member;

struct Node {
    Type type = Type::Null;
    int line = 0;   // 1-based line where the value starts
    int column = 0; // 1-based column (in characters, not bytes) where the value starts

    bool boolean = false;        // Boolean
    std::string text;            // String: the unescaped UTF-8 value; Number: the literal as written
    bool isInteger = false;      // Number: an integer literal (no fraction, no exponent) that fits int64
    std::int64_t integer = 0;    // Number, when isInteger
    std::vector<Node> items;     // Array
    std::vector<Member> members; // Object, in document order, keys unique

    bool isNull() const { return type == Type::Null; }
    bool isBoolean() const { return type == Type::Boolean; }
    bool isNumber() const { return type == Type::Number; }
    bool isString() const { return type == Type::String; }
    bool isArray() const { return type == Type::Array; }
    bool isObject() const { return type == Type::Object; }

    // The member named `key` of an object, or null (also when this is not an object).
    const Node* find(std::string_view key) const;
    // A Number as the nearest double; nullopt when it is not a number or its magnitude is out of range.
    std::optional<double> asDouble() const;
};

// A key and its value. A struct rather than std::pair<std::string, Node>: a pair of the still incomplete Node
// inside Node is ill-formed, and clang (clang-tidy) rejects it.
struct Member {
    std::string key;
    Node value;
};

// A cap on the items of every array that is the value of the member `key` (at any depth), checked while
// parsing: a file listing 100,000 components is refused at the 501st, before the rest is parsed into a DOM.
// The error names the file, the line of the first item too many, the field "key[maxItems + 1]" and says
// `message`.
struct ArrayItemCap {
    std::string key;
    std::size_t maxItems = 0;
    LocalizedText message;
};

// Parses one JSON document. BOM at the start is allowed. Errors carry fileName, the line of the fault and
// the innermost object key as field. Input above maxBytes, nesting above kMaxDepth and more than kMaxValues
// values are errors.
Result<Node> parse(std::string_view text, const std::string& fileName, std::size_t maxBytes = kDefaultMaxBytes);
// The same with a cap on the arrays of one member (see ArrayItemCap).
Result<Node> parse(std::string_view text, const std::string& fileName, const ArrayItemCap& cap,
                   std::size_t maxBytes = kDefaultMaxBytes);
// Reads and parses a file; a missing, unreadable or too large file is an Error naming it.
Result<Node> parseFile(const std::string& path, std::size_t maxBytes = kDefaultMaxBytes);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
using seclevel::isValidUtf8;

// `text` as a JSON string literal with quotes. Escapes quote, backslash and control characters; keeps
// UTF-8 as is; replaces bytes that are not valid UTF-8 by U+FFFD so the output is always valid JSON.
std::string quote(std::string_view text);

// A streaming writer: objects and arrays nest, members are key() then a value. Output is indented by two
// spaces, one member or item per line, empty containers as {} and [], and ends with a newline once the
// top-level value is complete. Misuse (a value without a key inside an object, endArray() in an object,
// a second top-level value, …) is a programming error and throws std::logic_error.
class Writer {
public:
    Writer& beginObject();
    Writer& endObject();
    Writer& beginArray();
    Writer& endArray();
    Writer& key(std::string_view name);

    Writer& value(std::string_view text);
    Writer& value(const std::string& text) { return value(std::string_view(text)); }
    Writer& value(const char* text) { return value(std::string_view(text)); }
    Writer& value(bool flag);
    template <std::integral T>
    requires(!std::same_as<T, bool>) Writer& value(T number) { return raw(std::to_string(number)); }
    Writer& value(double number); // shortest round-trip form; NaN and infinities become null
    Writer& value(const Node& node);
    Writer& null();

    template <class T>
    Writer& member(std::string_view name, const T& v)
    {
        key(name);
        return value(v);
    }

    // True once exactly one top-level value has been written completely.
    bool complete() const { return m_done; }
    const std::string& str() const { return m_out; }

private:
    struct Frame {
        bool object = false;
        bool empty = true;
        bool keyPending = false; // object: key() written, its value not yet
    };

    Writer& raw(std::string_view literal);
    void beforeValue();
    void afterValue();
    void newline(std::size_t depth);

    std::string m_out;
    std::vector<Frame> m_stack;
    bool m_done = false;
};

// A whole DOM written with Writer.
std::string write(const Node& node);

} // namespace seclevel::json
