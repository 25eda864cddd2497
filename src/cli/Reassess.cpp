// seclevel reassess FILE --from ID --to ID — what changes when the same answers are judged by another rule set
// (the 2026 change from Decree 85 to Decree 331 makes this a daily question).
#include "cli/Commands.h"
#include "cli/Judging.h"
#include "formats/json/AnswersFile.h"
#include "formats/json/AssessmentJson.h"
#include "formats/text/AssessmentText.h"

#include <iostream>

namespace seclevel {
namespace {

class ReassessCommand final : public Command {
public:
    std::string name() const override { return "reassess"; }
    LocalizedText summary() const override
    {
        return {"so sánh cấp độ và căn cứ của cùng câu trả lời theo hai bộ quy tắc",
                "compare level and basis of the same answers under two rule sets"};
    }
    std::string usage() const override { return "FILE [--from ID] [--to ID] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        return {{"from", true, {"bộ quy tắc cũ (mặc định VN-2022)", "earlier rule set (default VN-2022)"}},
                {"to", true, {"bộ quy tắc mới (mặc định bộ áp dụng ngày --as-of, tức hôm nay)", "later rule set (default the one in force on --as-of, today)"}},
                {"as-of", true, {"ngày chọn bộ quy tắc mới", "date that picks the later rule set"}},
                {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp trả lời", "expects exactly one answers file");
        auto ruleSets = loadShippedRuleSets(line, context);
        if (!ruleSets)
            return printErrors(ruleSets.errors(), context, ExitRuleSet);
        auto system = readAnswersFile(line.positional().front());
        if (!system)
            return printErrors(system.errors(), context, ExitInvalidInput);

        const RuleSet* from = ruleSetById(*ruleSets, line.value("from").value_or("VN-2022"));
        if (!from)
            return printErrors({makeError("", 0, "--from", "không có bộ quy tắc này", "no such rule set")}, context, ExitNotFound);
        const RuleSet* to = nullptr;
        if (auto id = line.value("to")) {
            to = ruleSetById(*ruleSets, *id);
        } else {
            auto date = asOfDate(line);
            if (!date)
                return printErrors(date.errors(), context, ExitUsage);
            to = ruleSetInForce(*ruleSets, *date);
        }
        if (!to)
            return printErrors({makeError("", 0, "--to", "không có bộ quy tắc này", "no such rule set")}, context, ExitNotFound);

        int exitCode = ExitOk;
        SystemDescription judgedSystem;
        Assessment before, after;
        if (!judgeUnder(*from, *system, line, context, exitCode, judgedSystem, before) ||
            !judgeUnder(*to, *system, line, context, exitCode, judgedSystem, after))
            return exitCode;
        const Reassessment diff = compareAssessments(std::move(before), std::move(after));
        if (line.value("format").value_or("text") == "json")
            *context.out << reassessmentToJson(diff, *from, *to, context.lang);
        else
            *context.out << reassessmentToText(diff, *from, *to, context.lang);
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeReassessCommand()
{
    return std::make_unique<ReassessCommand>();
}

} // namespace seclevel
