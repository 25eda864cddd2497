#pragma once
// The pure logic of the interactive interview (`seclevel interview`): which question comes next given the
// answers so far, what a line typed by the user means for a question, and how a component's answers
// differ from the system's (NĐ85 Art 5.2). No I/O here: src/cli/Interview.cpp asks, prints and saves.
#include "core/Error.h"
#include "core/RuleSet.h"
#include "core/System.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace seclevel {

// The first question, in questionnaire order, that is shown for `answers` and whose key is not in
// `settled`. Call it again after every answer: an answer may show or hide any other question, including
// an earlier one. Null when nothing is left to ask.
const Question* nextQuestion(const RuleSet& ruleSet, const AnswerSet& answers, const std::set<std::string>& settled);

// The next shown question that is neither answered nor in `skipped` (what the system-level interview and
// --resume ask).
const Question* nextUnansweredQuestion(const RuleSet& ruleSet, const AnswerSet& answers,
                                       const std::set<std::string>& skipped);

// For "(3/17)": `position` is the 1-based number of `question` among the questions shown now, `total`
// their count.
struct InterviewProgress {
    int position = 0;
    int total = 0;
};
InterviewProgress interviewProgress(const RuleSet& ruleSet, const AnswerSet& answers, const Question& question);

// What one typed line means for a question.
enum class InputKind {
    Answer, // `value` holds the typed answer, of the question's type and within its options and range
    Skip,   // empty line: no answer (the caller decides whether that is allowed)
    Help,   // "?": show the help text
    Invalid // `problem` says why, in both languages
};

struct ParsedInput {
    InputKind kind = InputKind::Invalid;
    Value value;
    LocalizedText problem;
};

// Accepted forms, surrounding blanks ignored:
//   choice        the option's number (1-based) or its value ("citizen_service", case-insensitive)
//   multi_choice  numbers and/or values separated by commas ("1, 3" or "public,personal"); "-" = none
//   integer       "12000", "-3", with thousands grouped as "12.000", "12,000" or "12 000"; min/max checked
//   boolean       c/có/k/không (Vietnamese), y/yes/n/no, true/false, 1/0
//   date          YYYY-MM-DD, also DD/MM/YYYY as Vietnamese documents write it
//   text          anything not blank
ParsedInput parseAnswerInput(const Question& question, std::string_view line);

// The interview's own yes/no questions (e.g. "are there components?"): the boolean forms above.
std::optional<bool> parseYesNo(std::string_view line);

// Blanks (spaces, tabs, CR) removed from both ends.
std::string_view trimInput(std::string_view line);

// A component keeps only the answers that differ from the system's (the rest it inherits): sets `value` as
// the component's own answer of `key`, or removes it when it equals the system's answer.
void setComponentAnswer(const SystemDescription& system, Component& component, const std::string& key, Value value);

// Checks an answers file being resumed against the questionnaire like validateAnswers() — unknown keys,
// wrong types, out-of-range and unknown choice values; dates given as strings become dates — but without
// the missing-required check, since the interview is there to ask what is missing.
Result<SystemDescription> checkResumedAnswers(const RuleSet& ruleSet, SystemDescription system);

} // namespace seclevel
