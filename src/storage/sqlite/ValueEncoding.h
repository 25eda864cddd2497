#pragma once
// How an answer Value is written to a database column and to the answer history (internal to storage).
//
// A stored answer is a type tag plus a canonical text, chosen so that SQL can still read it:
//   bool   "true" / "false"          int    "-42" (shortest decimal)     string  the string itself
//   date   "2026-08-19"              list   canonical JSON array, e.g. ["public","personal"]
// History rows hold the canonical JSON of the value instead (true, 12000, "citizen_service",
// ["public","personal"], "2026-08-19"), so one column can hold every type unambiguously.
// Canonical JSON follows RFC 8785 for strings: only ", \ and control characters are escaped, the rest of
// UTF-8 is written as is. Canonical means one value has exactly one text, so comparing texts compares values.
#include "core/Answers.h"

#include <optional>
#include <string>
#include <string_view>

namespace seclevel::sqlite {

struct EncodedValue {
    std::string type;  // "bool", "int", "string", "list", "date"
    std::string text;

    bool operator==(const EncodedValue&) const = default;
};

// Text both SQLite and PostgreSQL text columns hold faithfully: well-formed UTF-8 without NUL characters.
bool isStorableText(std::string_view text);

// Nullopt when the value cannot be stored faithfully: not answered, text that is not storable, or a date
// that is invalid or outside 0000-9999 (it could not be read back).
std::optional<EncodedValue> encodeValue(const Value& value);
// Nullopt when the pair is not exactly what encodeValue writes (unknown tag, non-canonical or damaged text).
std::optional<Value> decodeValue(std::string_view type, std::string_view text);

// Canonical JSON text of a value; empty for "not answered".
std::string canonicalJson(const Value& value);
std::string jsonString(std::string_view text);

} // namespace seclevel::sqlite
