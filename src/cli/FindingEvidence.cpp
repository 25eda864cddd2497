// seclevel finding evidence INSPECTION KEY SHA256 --output FILE — writes one stored evidence file of a finding's
// remediation out, byte for byte, for the inspection team and the agency with the finding.
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <QSaveFile>
#include <QString>

#include <ostream>

namespace seclevel {
namespace {

class FindingEvidenceCommand final : public Command {
public:
    std::string name() const override { return "finding evidence"; }
    LocalizedText summary() const override
    {
        return {"xuất một tệp bằng chứng khắc phục đã lưu (đoàn thanh tra, đơn vị có phát hiện)",
                "write out one stored evidence file of remediation (inspection team, unit with the finding)"};
    }
    std::string usage() const override { return "INSPECTION KEY SHA256 --output FILE [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"output", true, {"tệp sẽ ghi (ghi trọn vẹn hoặc không ghi)", "the file to write (whole or not at all)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 3)
            return usageError(*this, context, "cần mã cuộc thanh tra, mã phát hiện và SHA-256 của tệp",
                              "expects an inspection id, a finding key and the file's SHA-256");
        const auto output = line.value("output");
        if (!output || output->empty())
            return usageError(*this, context, "cần --output FILE", "needs --output FILE");
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto evidence =
            service.evidence(line.positional()[0], line.positional()[1], line.positional()[2], session->actor);
        if (!evidence)
            return printErrors(evidence.errors(), context);
        // Written whole or not at all (QSaveFile): a failure leaves no partial file behind.
        QSaveFile file(QString::fromStdString(*output));
        const auto size = static_cast<qint64>(evidence->bytes.size());
        if (!file.open(QIODevice::WriteOnly) || file.write(evidence->bytes.data(), size) != size || !file.commit())
            return printErrors({makeError(ErrorKind::InvalidInput, *output, 0, "--output", "không ghi được tệp",
                                          "cannot write the file")},
                               context);
        const bool vi = context.lang != Lang::En;
        *context.err << (vi ? "Đã ghi " : "Wrote ") << terminalSafe(evidence->file.name) << " (" << evidence->file.size
                     << " B, sha256 " << evidence->file.sha256 << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeFindingEvidenceCommand()
{
    return std::make_unique<FindingEvidenceCommand>();
}

} // namespace seclevel
