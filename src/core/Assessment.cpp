#include "core/Assessment.h"

#include <algorithm>
#include <optional>
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
    case AnswerType::Text: {
        if (!std::holds_alternative<std::string>(value))
            return wrongType();
        // A blank text records nothing but would count as answered (e.g. a counting method): leave the key out.
        const auto& text = std::get<std::string>(value);
        if (std::all_of(text.begin(), text.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }))
            return fail("câu trả lời trống: bỏ khóa này nếu chưa có câu trả lời",
                        "empty answer: leave the key out if there is no answer yet");
        break;
    }
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

void checkRequired(const RuleSet& rs, const AnswerSet& answers, const std::string& file, const std::string& where,
                   int line, Errors& errors)
{
    for (const auto& q : rs.questions) {
        auto field = [&]() { return where.empty() ? q.key : where + "/" + q.key; };
        const Value& value = answers.get(q.key);
        if (!isAnswered(value)) {
            if (isQuestionRequired(q, answers))
                errors.push_back(makeError(file, line, field(), "thiếu câu trả lời bắt buộc: " + q.text.vi,
                                           "missing required answer: " + q.text.en));
            continue;
        }
        // An empty selection is no answer: every system processes at least one class of information.
        if (q.type == AnswerType::MultiChoice && std::holds_alternative<std::vector<std::string>>(value) &&
            std::get<std::vector<std::string>>(value).empty() && isQuestionRequired(q, answers))
            errors.push_back(
                makeError(file, answers.lineOf(q.key), field(),
                          "câu trả lời bắt buộc không được để trống (chọn ít nhất một phương án): " + q.text.vi,
                          "a required answer must not be empty (choose at least one option): " + q.text.en));
    }
}

// A component's count (users, data subjects) is part of the system's: it may not exceed the system's own
// count (NĐ331 Art 8.3; NĐ85 Art 5.2 judges components, but of one system).
void checkCounts(const RuleSet& rs, const SystemDescription& system, Errors& errors)
{
    for (int slot : rs.countSlots) {
        const Question& q = rs.questions[static_cast<size_t>(slot)];
        const Value& whole = system.answers.get(q.key);
        if (!std::holds_alternative<std::int64_t>(whole))
            continue;
        for (const auto& component : system.components) {
            const Value& part = component.answers.get(q.key);
            if (std::holds_alternative<std::int64_t>(part) &&
                std::get<std::int64_t>(part) > std::get<std::int64_t>(whole))
                errors.push_back(
                    makeError(system.sourceFile, component.answers.lineOf(q.key), component.name + "/" + q.key,
                              "thành phần khai " + renderValue(part) + ", nhiều hơn số của toàn hệ thống (" +
                                  renderValue(whole) + "); số của hệ thống là số chủ thể khác nhau của cả hệ thống",
                              "the component declares " + renderValue(part) + ", more than the whole system (" +
                                  renderValue(whole) +
                                  "); the system's count is the number of distinct subjects of the whole system"));
        }
    }
}

// Refusals are checked where their answer is given: on the system's own answers, and on every component
// that gives the answer itself (a back-office component of a citizen-facing system inherits the system's
// answers but does not thereby settle procedures).
void checkRefusals(const RuleSet& rs, const SystemDescription& system, Errors& errors)
{
    for (const auto& refusal : rs.refusals) {
        auto refuse = [&](const AnswerSet& answers, const AnswerSet& declaring, const std::string& where) {
            if (!refusal.when || !refusal.when->evaluate(answers))
                return;
            errors.push_back(makeError(system.sourceFile, declaring.lineOf(refusal.key),
                                       where.empty() ? refusal.key : where + "/" + refusal.key,
                                       refusal.text.vi + " (" + refusal.citation + ")",
                                       refusal.text.en + " (" + refusal.citation + ")"));
        };
        if (system.answers.has(refusal.key))
            refuse(system.answers, system.answers, "");
        for (const auto& component : system.components)
            if (component.answers.has(refusal.key))
                refuse(effectiveAnswers(system, component), component.answers, component.name);
    }
}

// The counts of the whole system, by question slot (see SystemCount).
std::vector<SystemCount> systemCounts(const RuleSet& rs, const SystemDescription& system)
{
    std::vector<SystemCount> counts(rs.questions.size());
    auto integer = [](const Value& v) { return std::holds_alternative<std::int64_t>(v); };
    for (int slot : rs.countSlots) {
        const std::string& key = rs.questions[static_cast<size_t>(slot)].key;
        SystemCount& count = counts[static_cast<size_t>(slot)];
        const Value& own = system.answers.get(key);
        std::optional<std::int64_t> sum, largest;
        auto judgedOn = [&](const Value& v) {
            if (integer(v))
                largest = std::max(largest.value_or(std::get<std::int64_t>(v)), std::get<std::int64_t>(v));
        };
        if (system.components.empty())
            judgedOn(own);
        for (const auto& component : system.components) {
            const Value& part = component.answers.get(key);
            if (integer(part))
                sum = sum.value_or(0) + std::get<std::int64_t>(part);
            judgedOn(integer(part) ? part : own); // a component without its own count inherits the system's
        }
        if (integer(own)) {
            count.total = own;
        } else if (sum) {
            count.total = *sum;
            count.summed = true;
        }
        if (largest)
            count.largest = *largest;
    }
    return counts;
}

std::string decisiveCitations(const ComponentResult& judged)
{
    std::string out;
    std::vector<const std::string*> seen;
    for (const auto& fired : judged.fired) {
        if (fired.level != judged.level ||
            std::any_of(seen.begin(), seen.end(), [&](const std::string* c) { return *c == fired.citation; }))
            continue;
        seen.push_back(&fired.citation);
        out += (out.empty() ? "" : ", ") + fired.citation;
    }
    return out.empty() ? std::string("—") : out;
}

LocalizedText withDecisive(LocalizedText text, const std::string& decisive)
{
    static const std::string marker = "{decisive}";
    for (std::string* t : {&text.vi, &text.en})
        for (size_t at = t->find(marker); at != std::string::npos; at = t->find(marker, at + decisive.size()))
            t->replace(at, marker.size(), decisive);
    return text;
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
    checkCounts(ruleSet, system, errors);
    checkRefusals(ruleSet, system, errors);
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
    // Counts of the whole system, computed once; only rule sets that declare a count scope pay for them.
    const std::vector<SystemCount> counts =
        ruleSet.countSlots.empty() ? std::vector<SystemCount>() : systemCounts(ruleSet, system);
    // A system without components is judged as one component named after the system.
    const bool single = system.components.empty();
    const size_t count = single ? 1 : system.components.size();
    result.components.reserve(count);
    std::vector<size_t> firedIndices;
    for (size_t index = 0; index < count; ++index) {
        AnswerSlots answers =
            slotAnswers(ruleSet, single ? nullptr : &system.components[index].answers, system.answers);
        if (!counts.empty()) {
            answers.counts = &counts;
            // Judged on the whole system (NĐ331 Art 8.3): every component sees the system's count.
            for (int slot : ruleSet.countSlots)
                if (ruleSet.questions[static_cast<size_t>(slot)].countScope == Question::CountScope::System &&
                    isAnswered(counts[static_cast<size_t>(slot)].total) &&
                    static_cast<size_t>(slot) < answers.values.size())
                    answers.values[static_cast<size_t>(slot)] = &counts[static_cast<size_t>(slot)].total;
        }
        ComponentResult judged;
        judged.name = single ? (system.name.empty() ? system.id : system.name) : system.components[index].name;
        std::vector<const Criterion*> missed;
        missed.reserve(ruleSet.criteria.size());
        firedIndices.clear();
        // Two passes: the criteria and floors, then — only where no criterion of the law fired — the fallback
        // rows (legal note A9). One loop body, so that the common first pass stays inlined.
        bool criterionFired = false;
        bool anyFallback = false;
        for (int pass = 0; pass < 2; ++pass) {
            const bool fallbackPass = pass == 1;
            if (fallbackPass && (!anyFallback || criterionFired))
                break;
            for (size_t position = 0; position < ruleSet.criteria.size(); ++position) {
                const Criterion& criterion = ruleSet.criteria[position];
                if (criterion.fallback != fallbackPass) {
                    anyFallback = anyFallback || criterion.fallback;
                    continue;
                }
                if (criterion.when->evaluate(answers)) {
                    FiredCriterion fired{criterion.id,   criterion.level, criterion.citation,
                                         criterion.text, criterion.kind,  {}};
                    const auto& keys = criterion.when->keys();
                    const auto& slots = criterion.when->keySlots();
                    fired.answers.reserve(keys.size());
                    for (size_t k = 0; k < keys.size(); ++k)
                        if (const Value& value = answers.get(slots[k], keys[k]); isAnswered(value))
                            fired.answers.emplace_back(keys[k], value);
                    judged.level = std::max(judged.level, criterion.level);
                    judged.fired.push_back(std::move(fired));
                    firedIndices.push_back(position);
                    criterionFired = criterionFired || criterion.kind == CriterionKind::Criterion;
                } else if (criterion.kind == CriterionKind::Criterion) {
                    missed.push_back(&criterion);
                }
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
            if (warning.when && !warning.when->evaluate(answers))
                continue;
            if (!warning.decidedBy.empty()) {
                // Raised only where the listed criteria decide the level: without them it would be lower.
                int listed = 0, others = 0;
                for (size_t position : firedIndices) {
                    const bool isListed = std::find(warning.decidedBy.begin(), warning.decidedBy.end(), position) !=
                                          warning.decidedBy.end();
                    (isListed ? listed : others) =
                        std::max(isListed ? listed : others, ruleSet.criteria[position].level);
                }
                if (listed == 0 || others >= listed)
                    continue;
            }
            result.warnings.push_back(
                RaisedWarning{warning.id, warning.citation, warning.text, single ? std::string() : judged.name});
            if (warning.namesDecisive)
                result.warnings.back().text =
                    withDecisive(std::move(result.warnings.back().text), decisiveCitations(judged));
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
        if (isBlank(justification))
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
