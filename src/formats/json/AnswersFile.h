#pragma once
// The answers file: an owner's description of a system and its answers to the questionnaire, as JSON.
//
//   {
//     "system": {"id": "BNV-QLVB", "name": "…", "owner": "…", "operator": "…", "organisation": "…"},
//     "answers": {"personal_data_subjects": 12000, "serves_citizens": true, "data_kinds": ["personal"]},
//     "components": [{"name": "Cổng thông tin", "answers": {"internet_facing": true}}]
//   }
//
// "organisation", "answers" and "components" may be omitted. Answer values: true/false → bool, an integer →
// int64, a string → string (dates stay "YYYY-MM-DD" strings; validateAnswers() converts them using the
// questionnaire), an array of strings → list, null → not answered. Whether the keys exist in the
// questionnaire is checked by the core, not here.
//
// Hostile input: more than maxComponentsPerSystem components is refused before anything else is read; ids
// (system id, organisation, answer keys) and names (system name, owner, operator, component names) refuse
// control and bidi characters (core/TextSafety.h), string answers are free text (tab and line breaks allowed).
#include "codec/Json.h"
#include "core/Error.h"
#include "core/System.h"

#include <string>
#include <string_view>

namespace seclevel {

// All problems are reported together, each with file, line and key.
Result<SystemDescription> readAnswers(std::string_view text, const std::string& fileName);
Result<SystemDescription> readAnswersFile(const std::string& path);

// The same format: members in the order system, answers, components; answers sorted by key; unanswered
// values left out. readAnswers(writeAnswers(x)) gives back x (Date values come back as ISO strings).
std::string writeAnswers(const SystemDescription& system);

// An answer value with its natural JSON type: null, true/false, integer, string, array of strings,
// a date as "YYYY-MM-DD".
void writeAnswerValue(json::Writer& writer, const Value& value);
// An answer set as a JSON object sorted by key; unanswered values left out.
void writeAnswerSet(json::Writer& writer, const AnswerSet& answers);

} // namespace seclevel
