#pragma once
// Answers to the questionnaire, as typed values keyed by the fixed answer keys (see questionnaires/).
#include "core/Date.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace seclevel {

// monostate = not answered; string serves choice and text answers; vector<string> serves multi-choice.
using Value = std::variant<std::monostate, bool, std::int64_t, std::string, std::vector<std::string>, Date>;

bool isAnswered(const Value& value);
// Canonical, language-neutral rendering used in traces and history: true, 12000, internal, [public, personal],
// 2026-08-19; "—" when not answered.
std::string renderValue(const Value& value);

struct AnswerSet {
    std::map<std::string, Value> values;
    // Where each answer came from (line in the answers file), for error messages; absent when unknown.
    std::map<std::string, int> lines;

    const Value& get(const std::string& key) const;
    bool has(const std::string& key) const { return isAnswered(get(key)); }
    int lineOf(const std::string& key) const;
};

} // namespace seclevel
