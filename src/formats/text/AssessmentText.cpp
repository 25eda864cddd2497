#include "formats/text/AssessmentText.h"

#include "core/TextSafety.h"
#include "formats/text/TerminalText.h"

#include <set>

namespace seclevel {
namespace {

struct Labels {
    const char* system;
    const char* ruleset;
    const char* proposed;
    const char* derived;
    const char* justification;
    const char* component;
    const char* level;
    const char* basis;
    const char* floor;
    const char* nearest;
    const char* warnings;
    const char* undetermined;
    const char* noneFired;
};

const Labels& labels(Lang lang)
{
    static const Labels vi{
        "Hệ thống",
        "Bộ quy tắc",
        "Cấp độ đề xuất",
        "cấp độ xác định theo tiêu chí",
        "Lý do đề xuất cao hơn",
        "Thành phần",
        "cấp độ",
        "Căn cứ đề xuất",
        "mức sàn",
        "Tiêu chí gần đạt (chưa thỏa)",
        "Cảnh báo",
        "chưa xác định",
        "Không tiêu chí nào thỏa mãn: pháp luật không quy định cấp độ cho trường hợp này — xem "
        "“Tiêu chí gần đạt” để biết câu trả lời nào còn thiếu, và kiểm tra loại hệ thống (system_type) "
        "và loại thông tin (info_classes) đã khai"};
    static const Labels en{
        "System",
        "Rule set",
        "Proposed level",
        "level derived from the criteria",
        "Justification for the higher level",
        "Component",
        "level",
        "Basis for the proposal",
        "floor",
        "Nearest criteria not met",
        "Warnings",
        "undetermined",
        "No criterion is met: the law sets no level for this case — see “Nearest criteria not met” for "
        "the answers still missing, and check the declared system_type and info_classes"};
    return lang == Lang::En ? en : vi;
}

// Stored text printed on one line (ids, names, citations, answer values): control and bidi characters, line
// breaks and tabs included, become visible escapes, so a name cannot start a line of its own. The whole
// output then goes through terminalSafe as well, which catches whatever a helper such as explainShortfall
// copied in.
std::string oneLine(std::string_view text)
{
    return escapeUnsafeCharacters(text);
}

std::string levelText(int level, Lang lang)
{
    return level == 0 ? labels(lang).undetermined : std::to_string(level);
}

} // namespace

std::string assessmentToText(const Assessment& a, const RuleSet& rs, const SystemDescription& system, Lang lang,
                             const InstrumentRegister& instruments)
{
    auto cite = [&](const std::string& citation) { return oneLine(citationText(citation, lang, instruments)); };
    const Labels& l = labels(lang);
    std::string out;
    out += std::string(l.system) + ": " + oneLine(system.name) + " (" + oneLine(system.id) + ")\n";
    out += std::string(l.ruleset) + ": " + oneLine(rs.id) + " v" + oneLine(rs.version) + " — " +
           oneLine(rs.title.in(lang)) + "\n";
    out += std::string(l.proposed) + ": " + levelText(a.proposedLevel, lang) + "   (" + l.derived + ": " +
           levelText(a.derivedLevel, lang) + ")\n";
    if (!a.justification.empty())
        out += std::string(l.justification) + ": " + terminalSafe(a.justification) + "\n";
    for (const auto& c : a.components) {
        out += '\n';
        out +=
            std::string(l.component) + ": " + oneLine(c.name) + " — " + l.level + " " + levelText(c.level, lang) + "\n";
        if (c.fired.empty())
            out += "  " + std::string(l.noneFired) + "\n";
        else
            out += "  " + std::string(l.basis) + ":\n";
        for (const auto& f : c.fired) {
            out += "  ✔ " + cite(f.citation) + " (" + l.level + " " + std::to_string(f.level) +
                   (f.kind == CriterionKind::Floor ? std::string(", ") + l.floor : std::string()) +
                   "): " + terminalSafe(f.text.in(lang)) + "\n";
            for (const auto& [key, value] : f.answers)
                out += "      " + oneLine(key) + " = " + oneLine(renderValue(value)) + "\n";
        }
        if (!c.nearest.empty())
            out += "  " + std::string(l.nearest) + ":\n";
        for (const auto& m : c.nearest) {
            out += "  ✘ " + cite(m.citation) + " (" + l.level + " " + std::to_string(m.level) +
                   "): " + terminalSafe(m.text.in(lang)) + "\n";
            for (const auto& s : m.shortfalls)
                out += "      - " + explainShortfall(s, rs, lang) + "\n";
        }
    }
    if (!a.warnings.empty()) {
        out += "\n" + std::string(l.warnings) + ":\n";
        for (const auto& w : a.warnings)
            out += "  [" + oneLine(w.id) + "] " + (w.component.empty() ? std::string() : oneLine(w.component) + ": ") +
                   terminalSafe(w.text.in(lang)) +
                   (w.citation.empty() ? std::string() : " (" + cite(w.citation) + ")") + "\n";
    }
    return terminalSafe(out);
}

std::string reassessmentToText(const Reassessment& d, const RuleSet& before, const RuleSet& after, Lang lang,
                               const InstrumentRegister& instruments)
{
    const bool vi = lang == Lang::Vi;
    std::string out;
    out += (vi ? "Đánh giá lại: " : "Reassessment: ") + oneLine(before.id) + " → " + oneLine(after.id) + "\n";
    out += (vi ? "Cấp độ: " : "Level: ") + levelText(d.before.derivedLevel, lang) + " → " +
           levelText(d.after.derivedLevel, lang) +
           (d.before.derivedLevel == d.after.derivedLevel ? (vi ? "  (không đổi)" : "  (unchanged)") : "") + "\n";
    for (const auto& [name, levels] : d.componentLevels)
        out +=
            "  " + oneLine(name) + ": " + levelText(levels.first, lang) + " → " + levelText(levels.second, lang) + "\n";
    if (!d.citationChanges.empty())
        out += vi ? "Căn cứ thay đổi:\n" : "Changed basis:\n";
    for (const auto& c : d.citationChanges)
        out += std::string("  ") + (c.added ? "+ " : "- ") + oneLine(citationText(c.citation, lang, instruments)) +
               " (" + (vi ? "cấp độ " : "level ") + std::to_string(c.level) + ")" +
               (d.componentLevels.size() > 1 ? " — " + oneLine(c.component) : "") + "\n";
    auto warningIds = [](const Assessment& a) {
        std::set<std::string> unique;
        for (const auto& w : a.warnings)
            unique.insert(w.id);
        std::string ids;
        for (const auto& id : unique)
            ids += (ids.empty() ? "" : ", ") + oneLine(id);
        return ids.empty() ? std::string("—") : ids;
    };
    out += (vi ? "Cảnh báo: " : "Warnings: ") + warningIds(d.before) + " → " + warningIds(d.after) + "\n";
    return terminalSafe(out);
}

} // namespace seclevel
