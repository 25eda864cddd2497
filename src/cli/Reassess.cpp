// seclevel reassess FILE --from ID --to ID — what changes when the same answers are judged by another rule set
// (the 2026 change from Decree 85 to Decree 331 makes this a daily question).
#include "app/Judging.h"
#include "cli/Commands.h"
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
                {"to",
                 true,
                 {"bộ quy tắc mới (mặc định bộ áp dụng ngày --as-of, tức hôm nay)",
                  "later rule set (default the one in force on --as-of, today)"}},
                {"as-of", true, {"ngày chọn bộ quy tắc mới", "date that picks the later rule set"}},
                {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp trả lời", "expects exactly one answers file");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto asOf = asOfDate(line);
        if (!asOf)
            return printErrors(asOf.errors(), context);
        auto system = readAnswersFile(line.positional().front());
        if (!system)
            return printErrors(system.errors(), context);
        const RuleSetChoice fromChoice{line.value("from").value_or("VN-2022"), std::nullopt};
        const RuleSetChoice toChoice{line.value("to"), *asOf};
        auto outcome =
            reassess(**catalogue, *system, fromChoice, toChoice, todayInVietnam(std::chrono::system_clock::now()));
        if (!outcome)
            return printErrors(outcome.errors(), context);
        const Reassessment& diff = outcome->diff;
        const RuleSet* from = outcome->from;
        const RuleSet* to = outcome->to;
        if (line.value("format").value_or("text") == "json")
            *context.out << reassessmentToJson(diff, *from, *to, context.lang);
        else
            *context.out << reassessmentToText(diff, *from, *to, context.lang, (*catalogue)->instruments());
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeReassessCommand()
{
    return std::make_unique<ReassessCommand>();
}

} // namespace seclevel
