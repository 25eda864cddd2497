#include "core/Assessment.h"

#include <algorithm>
#include <set>

namespace seclevel {
namespace {

// Turns a raw answer into the question's type (dates arrive as ISO strings) or explains why it cannot.
std::optional<Error> normaliseAnswer(const Question& q, Value& value, const std::string& file, int line,
                                     const std::string& field)
{
    auto fail = [&](const std::string& vi, const std::string& en) {
        return std::optional<Error>(makeError(file, line, field, vi, en));
    };
    const std::string typeName = answerTypeName(q.type);
    auto wrongType = [&]() {
        return fail("sai kiểu: cần " + typeName + ", nhận " + renderValue(value),
                    "wrong type: expected " + typeName + ", got " + renderValue(value));
    };
    switch (q.type) {
    case AnswerType::Boolean:
        if (!std::holds_alternative<bool>(value))
            return wrongType();
        break;
    case AnswerType::Integer: {
        if (!std::holds_alternative<std::int64_t>(value))
            return wrongType();
        const auto n = std::get<std::int64_t>(value);
        if ((q.min && n < *q.min) || (q.max && n > *q.max)) {
            const std::string range = "[" + (q.min ? std::to_string(*q.min) : std::string("…")) + ", " +
                                      (q.max ? std::to_string(*q.max) : std::string("…")) + "]";
            return fail("giá trị " + std::to_string(n) + " ngoài khoảng " + range,
                        "value " + std::to_string(n) + " outside " + range);
        }
        break;
    }
    case AnswerType::Text:
        if (!std::holds_alternative<std::string>(value))
            return wrongType();
        break;
    case AnswerType::Date: {
        if (std::holds_alternative<Date>(value))
            break;
        if (!std::holds_alternative<std::string>(value))
            return wrongType();
        auto date = parseIsoDate(std::get<std::string>(value));
        if (!date)
            return fail("ngày không hợp lệ '" + std::get<std::string>(value) + "' (cần YYYY-MM-DD)",
                        "invalid date '" + std::get<std::string>(value) + "' (expected YYYY-MM-DD)");
        value = *date;
        break;
    }
    case AnswerType::Choice:
        if (!std::holds_alternative<std::string>(value))
            return wrongType();
        if (!q.option(std::get<std::string>(value)))
            return fail("'" + std::get<std::string>(value) + "' không phải phương án hợp lệ",
                        "'" + std::get<std::string>(value) + "' is not a valid option");
        break;
    case AnswerType::MultiChoice: {
        if (!std::holds_alternative<std::vector<std::string>>(value))
            return wrongType();
        std::set<std::string> seen;
        for (const auto& item : std::get<std::vector<std::string>>(value)) {
            if (!q.option(item))
                return fail("'" + item + "' không phải phương án hợp lệ", "'" + item + "' is not a valid option");
            if (!seen.insert(item).second)
                return fail("phương án '" + item + "' lặp lại", "option '" + item + "' repeated");
        }
        break;
    }
    }
    return std::nullopt;
}

void normaliseSet(const RuleSet& rs, AnswerSet& answers, const std::string& file, const std::string& where,
                  Errors& errors)
{
    for (auto& [key, value] : answers.values) {
        const std::string field = where.empty() ? key : where + "/" + key;
        const Question* q = rs.question(key);
        if (!q) {
            errors.push_back(makeError(file, answers.lineOf(key), field,
                                       "khóa trả lời không có trong bộ câu hỏi " + rs.id,
                                       "unknown answer key for questionnaire " + rs.id));
            continue;
        }
        if (!isAnswered(value))
            continue;
        if (auto error = normaliseAnswer(*q, value, file, answers.lineOf(key), field))
            errors.push_back(*error);
    }
}

bool isShown(const Question& q, const AnswerSet& answers)
{
    return !q.showIf || q.showIf->evaluate(answers);
}

bool isRequired(const Question& q, const AnswerSet& answers)
{
    if (!isShown(q, answers))
        return false;
    return q.requiredIf ? q.requiredIf->evaluate(answers) : q.required;
}

void checkRequired(const RuleSet& rs, const AnswerSet& answers, const std::string& file, const std::string& where,
                   int line, Errors& errors)
{
    for (const auto& q : rs.questions) {
        if (!answers.has(q.key) && isRequired(q, answers))
            errors.push_back(makeError(file, line, where.empty() ? q.key : where + "/" + q.key,
                                       "thiếu câu trả lời bắt buộc: " + q.text.vi,
                                       "missing required answer: " + q.text.en));
    }
}

} // namespace

Result<SystemDescription> validateAnswers(const RuleSet& ruleSet, SystemDescription system)
{
    Errors errors;
    const std::string& file = system.sourceFile;
    normaliseSet(ruleSet, system.answers, file, "", errors);
    for (auto& component : system.components)
        normaliseSet(ruleSet, component.answers, file, component.name, errors);
    if (!errors.empty())
        return errors;
    if (system.components.empty()) {
        checkRequired(ruleSet, system.answers, file, "", 0, errors);
    } else {
        for (const auto& component : system.components)
            checkRequired(ruleSet, effectiveAnswers(system, component), file, component.name, 0, errors);
    }
    if (!errors.empty())
        return errors;
    return system;
}

const FiredCriterion* Assessment::decisiveCriterion() const
{
    const FiredCriterion* best = nullptr;
    for (const auto& component : components)
        for (const auto& fired : component.fired)
            if (!best || fired.level > best->level)
                best = &fired;
    return best;
}

Assessment deriveLevel(const RuleSet& ruleSet, const SystemDescription& system)
{
    Assessment result;
    result.rulesetId = ruleSet.id;
    result.rulesetVersion = ruleSet.version;
    // A system without components is judged as one component named after the system.
    const bool single = system.components.empty();
    const size_t count = single ? 1 : system.components.size();
    result.components.reserve(count);
    for (size_t index = 0; index < count; ++index) {
        const AnswerSlots answers =
            slotAnswers(ruleSet, single ? nullptr : &system.components[index].answers, system.answers);
        ComponentResult judged;
        judged.name = single ? (system.name.empty() ? system.id : system.name) : system.components[index].name;
        std::vector<const Criterion*> missed;
        missed.reserve(ruleSet.criteria.size());
        for (const auto& criterion : ruleSet.criteria) {
            if (criterion.when->evaluate(answers)) {
                FiredCriterion fired{criterion.id, criterion.level, criterion.citation, criterion.text, criterion.kind, {}};
                const auto& keys = criterion.when->keys();
                const auto& slots = criterion.when->keySlots();
                fired.answers.reserve(keys.size());
                for (size_t k = 0; k < keys.size(); ++k)
                    if (const Value& value = answers.get(slots[k], keys[k]); isAnswered(value))
                        fired.answers.emplace_back(keys[k], value);
                judged.level = std::max(judged.level, criterion.level);
                judged.fired.push_back(std::move(fired));
            } else if (criterion.kind == CriterionKind::Criterion) {
                missed.push_back(&criterion);
            }
        }
        std::stable_sort(judged.fired.begin(), judged.fired.end(),
                         [](const FiredCriterion& a, const FiredCriterion& b) { return a.level > b.level; });
        // The nearest criteria above the level reached: those one change away, else two; at most three,
        // lowest level first. Only these get their explanation written out.
        std::vector<std::pair<size_t, const Criterion*>> candidates;
        for (const Criterion* criterion : missed) {
            if (criterion->level <= judged.level)
                continue;
            const size_t distance = criterion->when->shortfallCount(answers);
            if (distance >= 1 && distance <= 2)
                candidates.emplace_back(distance, criterion);
        }
        std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second->level < b.second->level;
        });
        for (const auto& [distance, criterion] : candidates) {
            if (judged.nearest.size() == 3 || distance != candidates.front().first)
                break;
            judged.nearest.push_back(MissedCriterion{criterion->id, criterion->level, criterion->citation,
                                                     criterion->text, criterion->when->shortfalls(answers)});
        }
        for (const auto& warning : ruleSet.warnings) {
            if (warning.when && warning.when->evaluate(answers))
                result.warnings.push_back(
                    RaisedWarning{warning.id, warning.citation, warning.text, single ? std::string() : judged.name});
        }
        result.derivedLevel = std::max(result.derivedLevel, judged.level);
        result.components.push_back(std::move(judged));
    }
    result.proposedLevel = result.derivedLevel;
    return result;
}

Result<Assessment> proposeLevel(Assessment assessment, int proposedLevel, const std::string& justification)
{
    if (proposedLevel < 1 || proposedLevel > 5)
        return makeError("", 0, "proposed_level", "cấp độ đề xuất phải từ 1 đến 5", "proposed level must be 1 to 5");
    if (proposedLevel < assessment.derivedLevel) {
        const FiredCriterion* decisive = assessment.decisiveCriterion();
        const std::string citation = decisive ? decisive->citation : std::string("?");
        return makeError("", 0, "proposed_level",
                         "không được đề xuất cấp độ " + std::to_string(proposedLevel) + " thấp hơn cấp độ " +
                             std::to_string(assessment.derivedLevel) + " theo tiêu chí " + citation,
                         "level " + std::to_string(proposedLevel) + " is below level " +
                             std::to_string(assessment.derivedLevel) + " required by " + citation);
    }
    if (proposedLevel > assessment.derivedLevel) {
        bool blank = std::all_of(justification.begin(), justification.end(),
                                 [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
        if (blank)
            return makeError("", 0, "justification", "đề xuất cấp độ cao hơn cần nêu lý do bằng văn bản",
                             "a level above the derived one needs a written justification");
    }
    assessment.proposedLevel = proposedLevel;
    assessment.justification = proposedLevel > assessment.derivedLevel ? justification : std::string();
    return assessment;
}

Reassessment compareAssessments(Assessment before, Assessment after)
{
    Reassessment diff;
    auto citations = [](const Assessment& a) {
        std::set<std::tuple<std::string, std::string, int>> set;
        for (const auto& component : a.components)
            for (const auto& fired : component.fired)
                set.insert({component.name, fired.citation, fired.level});
        return set;
    };
    const auto was = citations(before);
    const auto now = citations(after);
    for (const auto& [component, citation, level] : was)
        if (!now.count({component, citation, level}))
            diff.citationChanges.push_back(CitationChange{component, citation, level, false});
    for (const auto& [component, citation, level] : now)
        if (!was.count({component, citation, level}))
            diff.citationChanges.push_back(CitationChange{component, citation, level, true});
    for (const auto& component : before.components) {
        int afterLevel = 0;
        for (const auto& other : after.components)
            if (other.name == component.name)
                afterLevel = other.level;
        diff.componentLevels.push_back({component.name, {component.level, afterLevel}});
    }
    diff.before = std::move(before);
    diff.after = std::move(after);
    return diff;
}

} // namespace seclevel
