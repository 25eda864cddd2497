// seclevel assess FILE — derive the proposed level of one system and explain it clause by clause.
#include "cli/Commands.h"
#include "formats/json/AnswersFile.h"
#include "formats/json/AssessmentJson.h"
#include "formats/text/AssessmentText.h"
#include "formats/xml/DossierXml.h"

#include <iostream>

namespace seclevel {
namespace {

class AssessCommand final : public Command {
public:
    std::string name() const override { return "assess"; }
    LocalizedText summary() const override
    {
        return {"xác định cấp độ từ tệp trả lời và giải thích theo từng điều khoản",
                "derive the level from an answers file and explain it clause by clause"};
    }
    std::string usage() const override
    {
        return "FILE [--ruleset ID] [--as-of DATE] [--format text|json|xml] [--propose N --justification TEXT] [--lang vi|en]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = judgingOptions();
        specs.push_back(
            {"format",
             true,
             {"định dạng kết quả: text (mặc định), json, xml", "output format: text (default), json, xml"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp trả lời", "expects exactly one answers file");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json" && format != "xml")
            return usageError(*this, context, "định dạng không hợp lệ '" + format + "'",
                              "unknown format '" + format + "'");
        int exitCode = ExitOk;
        auto input = readJudgingInput(line.positional().front(), line, context, exitCode);
        if (!input)
            return exitCode;
        auto judged = judge(*input->catalogue, std::move(input->system), input->choice, input->proposal,
                            todayInVietnam(std::chrono::system_clock::now()));
        if (!judged)
            return printErrors(judged.errors(), context);
        printNotices(judged->notices, context);
        if (format == "json")
            *context.out << assessmentToJson(judged->assessment, *judged->ruleSet, context.lang);
        else if (format == "xml")
            *context.out << assessmentReportToXml(judged->assessment, judged->system);
        else
            *context.out << assessmentToText(judged->assessment, *judged->ruleSet, judged->system, context.lang,
                                             input->catalogue->instruments());
        return judged->assessment.derivedLevel == 0 ? ExitUndetermined : ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeAssessCommand()
{
    return std::make_unique<AssessCommand>();
}

} // namespace seclevel
