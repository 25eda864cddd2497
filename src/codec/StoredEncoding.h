#pragma once
// The one canonical, language-neutral encoding of what the stores keep: answer values, answer sets and whole
// assessments (with every fired and nearest criterion, the answers each read, shortfalls and warnings). The
// SQLite store and the PostgreSQL store both write and read exactly these texts, so a database moved from
// one to the other says the same thing, and comparing two encodings compares the values.
//
// Canonical means: one value has exactly one text. JSON without any whitespace, members in the fixed order
// documented below (never sorted by a library), strings as RFC 8785 writes them (only ", \ and control
// characters are escaped, the rest of UTF-8 is written as is), integers as shortest decimals.
//
// An answer value as a database column is a type tag plus a canonical text chosen so that SQL can still read
// it:
//   bool   "true" / "false"          int    "-42" (shortest decimal)     string  the string itself
//   date   "2026-08-19"              list   canonical JSON array, e.g. ["public","personal"]
// History rows hold the canonical JSON of the value instead (true, 12000, "citizen_service",
// ["public","personal"], "2026-08-19"), so one column can hold every type unambiguously.
//
// Inside an answer set or an assessment a value is a typed JSON object {"type":T,"value":V}: T is one of
// "none" (V = null: not answered), "bool", "int", "string", "list", "date" (V = "YYYY-MM-DD"), so a date and
// the text "2026-08-19" stay apart.
//
// An assessment (format 1), members in this order:
//   {"format":1,"ruleset_id":…,"ruleset_version":…,"derived_level":N,"proposed_level":N,"justification":…,
//    "components":[{"name":…,"level":N,
//                   "fired":[{"id":…,"level":N,"citation":…,"text":{"vi":…,"en":…},"kind":"criterion"|"floor",
//                             "answers":[{"key":…,"type":…,"value":…},…]},…],
//                   "nearest":[{"id":…,"level":N,"citation":…,"text":{"vi":…,"en":…},
//                               "shortfalls":[{"key":…,"requirement":…,"answered":…,"negated":B},…]},…]},…],
//    "warnings":[{"id":…,"citation":…,"text":{"vi":…,"en":…},"component":…},…]}
// decodeAssessment accepts any JSON whitespace and member order (a PostgreSQL jsonb column gives the members
// back reordered) but nothing missing, nothing unknown and no value of the wrong type.
#include "core/Assessment.h"
#include "core/Dossier.h"
#include "core/Error.h"

#include <optional>
#include <string>
#include <string_view>

namespace seclevel::codec {

// ---- answer values ---------------------------------------------------------------------------------------

struct EncodedValue {
    std::string type; // "bool", "int", "string", "list", "date"
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

// Canonical JSON text of a value (history rows); empty for "not answered".
std::string canonicalJson(const Value& value);
// `text` as a canonical JSON string literal, quotes included. Bytes are copied as they are: check
// isStorableText first when the result must be read back.
std::string jsonString(std::string_view text);

// ---- answer sets -----------------------------------------------------------------------------------------

// {"key":{"type":…,"value":…},…} sorted by key; unanswered values left out, source lines not kept.
std::string encodeAnswerSet(const AnswerSet& answers);
Result<AnswerSet> decodeAnswerSet(std::string_view text);

// ---- assessments -----------------------------------------------------------------------------------------

std::string encodeAssessment(const Assessment& assessment);
// The same, or an error (ErrorKind::InvalidInput, field = where) when a text in the assessment is not
// storable or a value cannot be read back (decodeAssessment(encodeAssessment(a)) == a would not hold).
Result<std::string> encodeStorableAssessment(const Assessment& assessment);
// Errors are ErrorKind::Storage and name the member that is wrong ("components[0].fired[2].level").
Result<Assessment> decodeAssessment(std::string_view text);

// Exact equality of two assessments, member by member (what the round trip guarantees).
bool sameAssessment(const Assessment& a, const Assessment& b);

// ---- dossier history -------------------------------------------------------------------------------------

// Keys and texts of dossier_history rows, identical in every store.
std::string requirementKey(const RequirementStatement& statement);  // "requirement:<group>#<item>"
std::string attachmentKey(const Attachment& attachment);            // "attachment:<kind>/<name>"
std::string requirementText(const RequirementStatement& statement); // {"status":…,"planned_by":…,"how":…}
std::string attachmentText(const Attachment& attachment); // {"media_type":…,"size":…,"sha256":…,"reference":…}

} // namespace seclevel::codec
