// seclevel finding add INSPECTION --system ID --citation "NĐ61 Art 7.1" --title TEXT [--title-en TEXT]
// [--recommendation TEXT] [--severity high|medium|low] [--responsible ROLE] [--date DATE] [--deadline DATE] — a
// finding an inspector states by hand, citing any article of any instrument of the register.
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class FindingAddCommand final : public Command {
public:
    std::string name() const override { return "finding add"; }
    LocalizedText summary() const override
    {
        return {"ghi phát hiện của đoàn thanh tra, dẫn điều khoản của bất kỳ văn bản nào trong danh mục",
                "record an inspector's finding, citing any article of any instrument of the register"};
    }
    std::string usage() const override
    {
        return "INSPECTION --system ID --citation CITATION --title TEXT [--title-en TEXT] [--recommendation TEXT] "
               "[--severity high|medium|low] [--responsible ROLE] [--date DATE] [--deadline DATE] [--db PATH] "
               "[--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"system", true, {"mã hệ thống", "system id"}},
            {"citation",
             true,
             {"điều khoản bị vi phạm, ví dụ 'NĐ61 Art 7.1'", "article breached, e.g. 'NĐ61 Art 7.1'"}},
            {"title", true, {"nội dung phát hiện", "what was found"}},
            {"title-en", true, {"nội dung bằng tiếng Anh", "what was found, in English"}},
            {"recommendation", true, {"kiến nghị", "recommendation"}},
            {"severity", true, {"mức độ: high, medium, low", "severity: high, medium, low"}},
            {"responsible", true, {"đơn vị chịu trách nhiệm: owner, operator, security_unit", "responsible unit"}},
            {"date", true, {"ngày của sự việc (YYYY-MM-DD)", "date of the fact (YYYY-MM-DD)"}},
            {"deadline", true, {"thời hạn khắc phục (YYYY-MM-DD)", "remediation deadline (YYYY-MM-DD)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã cuộc thanh tra", "expects exactly one inspection id");
        for (const char* required : {"system", "citation", "title"})
            if (!line.value(required))
                return usageError(*this, context, std::string("cần --") + required,
                                  std::string("--") + required + " is required");
        const std::string severity = line.value("severity").value_or("medium");
        if (severity != "high" && severity != "medium" && severity != "low")
            return usageError(*this, context, "mức độ: high, medium, low", "severity: high, medium, low");
        int exitCode = ExitOk;
        auto date = dateOption(line, "date", context, exitCode);
        if (!date)
            return exitCode;
        std::optional<Date> deadline;
        if (line.value("deadline")) {
            deadline = dateOption(line, "deadline", context, exitCode);
            if (!deadline)
                return exitCode;
        }
        Finding finding;
        finding.systemId = *line.value("system");
        finding.citation = *line.value("citation");
        finding.title = {*line.value("title"), line.value("title-en").value_or("")};
        finding.recommendation = {line.value("recommendation").value_or(""), ""};
        finding.severity = severity;
        finding.responsible = line.value("responsible").value_or("owner");
        finding.factDate = *date;
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto key = service.addManual(line.positional().front(), finding, deadline, session->actor);
        if (!key)
            return printErrors(key.errors(), context);
        *context.out << (context.lang == Lang::En ? "Recorded finding " : "Đã ghi phát hiện ") << *key << " — "
                     << citationText(finding.citation, context.lang, session->catalogue->instruments()) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeFindingAddCommand()
{
    return std::make_unique<FindingAddCommand>();
}

} // namespace seclevel
