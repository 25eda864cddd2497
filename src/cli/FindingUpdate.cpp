// seclevel finding update INSPECTION KEY --status in_progress|remediated|open [--note TEXT] [--evidence TEXT]
// [--deadline DATE] / finding close INSPECTION KEY --evidence TEXT [--note TEXT] — remediation of a finding: the
// agency records progress and remediation (with evidence), the inspectors close (with evidence) or reopen.
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class FindingUpdateCommand final : public Command {
public:
    explicit FindingUpdateCommand(bool close) : m_close(close) {}
    std::string name() const override { return m_close ? "finding close" : "finding update"; }
    LocalizedText summary() const override
    {
        return m_close ? LocalizedText{"đoàn thanh tra đóng phát hiện đã khắc phục (cần bằng chứng)",
                                       "the inspection team closes a remediated finding (evidence needed)"}
                       : LocalizedText{"ghi kết quả khắc phục phát hiện (đang khắc phục, đã khắc phục, mở lại)",
                                       "record remediation of a finding (in progress, remediated, reopened)"};
    }
    std::string usage() const override
    {
        return m_close ? "INSPECTION KEY --evidence TEXT [--note TEXT] [--db PATH] [--as USER]"
                       : "INSPECTION KEY --status in_progress|remediated|open [--note TEXT] [--evidence TEXT] "
                         "[--deadline DATE] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"note", true, {"kết quả, việc đã làm", "what was done"}},
            {"evidence", true, {"bằng chứng (số văn bản, tệp …)", "evidence (document number, file …)"}}};
        if (!m_close) {
            specs.push_back({"status", true, {"in_progress, remediated, open", "in_progress, remediated, open"}});
            specs.push_back({"deadline", true, {"thời hạn khắc phục mới (YYYY-MM-DD)", "new deadline (YYYY-MM-DD)"}});
        }
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã cuộc thanh tra và mã phát hiện",
                              "expects an inspection id and a finding key");
        RemediationEntry entry;
        entry.status = RemediationStatus::Closed;
        if (!m_close) {
            const std::string status = line.value("status").value_or("");
            if (!parseRemediationStatus(status, entry.status) || entry.status == RemediationStatus::Closed)
                return usageError(*this, context, "--status: in_progress, remediated, open",
                                  "--status: in_progress, remediated, open");
        }
        entry.note = line.value("note").value_or("");
        entry.evidence = line.value("evidence").value_or("");
        int exitCode = ExitOk;
        std::optional<Date> deadline;
        if (!m_close && line.value("deadline")) {
            deadline = dateOption(line, "deadline", context, exitCode);
            if (!deadline)
                return exitCode;
        }
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        FindingService service(**catalogue, **store);
        auto done = service.remediate(line.positional()[0], line.positional()[1], entry, deadline, *actor);
        if (!done)
            return printErrors(done.errors(), context);
        *context.out << (context.lang == Lang::En ? "Finding " : "Phát hiện ") << line.positional()[1] << ": "
                     << remediationStatusName(entry.status) << "\n";
        return ExitOk;
    }

private:
    bool m_close;
};

} // namespace

std::unique_ptr<Command> makeFindingUpdateCommand()
{
    return std::make_unique<FindingUpdateCommand>(false);
}

std::unique_ptr<Command> makeFindingCloseCommand()
{
    return std::make_unique<FindingUpdateCommand>(true);
}

} // namespace seclevel
