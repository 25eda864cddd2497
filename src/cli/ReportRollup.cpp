// seclevel report rollup [--org ORG] [--as-of DATE] [--inspection ID --as USER] --format html|json [--output FILE]
// — for inspectors: per agency under ORG (every organisation when left out) the systems by level and by approval
// status (Form 08 column 6), approval coverage, overdue statutory clocks and duties, and with an inspection named
// its findings per agency and by the article breached; HTML with SVG bar charts (no script) or JSON.
#include "app/ReportService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/report/RollupHtml.h"

#include <QSaveFile>
#include <QString>

#include <ostream>

namespace seclevel {
namespace {

class ReportRollupCommand final : public Command {
public:
    std::string name() const override { return "report rollup"; }
    LocalizedText summary() const override
    {
        return {"tổng hợp theo cơ quan cho thanh tra: cấp độ, tình trạng phê duyệt, tỷ lệ phê duyệt, quá hạn",
                "roll-up per agency for inspectors: levels, approval status, coverage, overdue clocks and duties"};
    }
    std::string usage() const override
    {
        return "[--org ORG] [--as-of DATE] [--inspection ID --as USER] --format html|json [--output FILE] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = workflowReadOptions(); // db, format, as-of
        for (OptionSpec& spec : specs)
            if (spec.name == "format")
                spec.help = {"html hoặc json", "html or json"};
        specs.push_back({"org", true, {"chỉ cơ quan này và cấp dưới", "only this organisation and those below"}});
        specs.push_back(
            {"output", true, {"tệp kết quả (mặc định đầu ra chuẩn)", "output file (default standard output)"}});
        specs.push_back({"inspection",
                         true,
                         {"thêm phát hiện của cuộc thanh tra này theo cơ quan và theo điều khoản vi phạm (đoàn "
                          "thanh tra)",
                          "add this inspection's findings per agency and by article breached (its team)"}});
        for (OptionSpec& spec : actingOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận đối số", "takes no arguments");
        const std::string format = line.value("format").value_or("");
        if (format != "html" && format != "json")
            return usageError(*this, context, "--format phải là html hoặc json", "--format must be html or json");
        int exitCode = ExitOk;
        auto run = startWorkflowRun(line, context, exitCode);
        if (!run)
            return exitCode;
        ReportService reports(*run->catalogue, *run->store);
        const std::string organisation = line.value("org").value_or("");
        Result<Rollup> rollup = Rollup{};
        if (auto inspection = line.value("inspection")) {
            auto actor = currentActor(line, *run->store);
            if (!actor)
                return printErrors(actor.errors(), context);
            rollup = reports.rollup(organisation, run->asOf, *inspection, *actor);
        } else {
            rollup = reports.rollup(organisation, run->asOf);
        }
        if (!rollup)
            return printErrors(rollup.errors(), context);
        std::string text;
        if (format == "html") {
            auto css = reports.stylesheet();
            if (!css)
                return printErrors(css.errors(), context);
            text = rollupHtml(*rollup, *css, context.lang);
        } else {
            text = rollupJson(*rollup);
        }
        if (auto output = line.value("output")) {
            QSaveFile file(QString::fromStdString(*output));
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
                !file.commit())
                return printErrors({makeError(ErrorKind::InvalidInput, *output, 0, "output", "không ghi được tệp",
                                              "cannot write the file")},
                                   context);
            return ExitOk;
        }
        *context.out << text;
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeReportRollupCommand()
{
    return std::make_unique<ReportRollupCommand>();
}

} // namespace seclevel
