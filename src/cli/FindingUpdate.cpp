// seclevel finding update INSPECTION KEY --status in_progress|remediated|open [--note TEXT] [--evidence TEXT]
// [--evidence-file FILE …] [--deadline DATE] / finding close INSPECTION KEY --evidence TEXT|--evidence-file FILE
// [--note TEXT] — remediation of a finding: the agency records progress and remediation (with evidence), the
// inspectors close (with evidence) or reopen. Evidence files are kept in the store by SHA-256 under their base name.
#include "app/Catalogue.h"
#include "app/DossierService.h"
#include "app/FindingService.h"
#include "app/WorkflowService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "io/InputFile.h"
#include "storage/Store.h"

#include "core/Sha256.h"

#include <filesystem>
#include <ostream>

namespace seclevel {
namespace {

// Every --evidence-file, read through io/InputFile (a regular file, no symbolic link, at most 100 MB), before
// anything is written; nullopt (after printing the errors naming each file) when one cannot be read.
std::optional<std::vector<EvidenceFile>> evidenceFiles(const CommandLine& line, Context& context, int& exitCode)
{
    std::vector<EvidenceFile> files;
    Errors errors;
    const std::vector<std::string> paths = line.values("evidence-file");
    if (paths.size() > kMaxStepAttachments) { // refused before reading up to 100 MB of each
        const std::string most = std::to_string(kMaxStepAttachments);
        exitCode = printErrors({makeError(ErrorKind::InvalidInput, "", 0, "evidence-file",
                                          "Quá nhiều tệp bằng chứng (tối đa " + most + ")",
                                          "Too many evidence files (at most " + most + ")")},
                               context);
        return std::nullopt;
    }
    for (const std::string& path : paths) {
        InputFileLimits limits;
        limits.maxBytes = kMaxAttachmentBytes;
        limits.what = {"tệp bằng chứng", "evidence file"};
        limits.followSymlinks = false; // a link named like a document must not store another file
        auto bytes = readInputFile(path, limits);
        if (!bytes) {
            for (const Error& error : bytes.errors())
                errors.push_back(error);
            continue;
        }
        files.push_back({path, std::move(*bytes)});
    }
    if (!errors.empty()) {
        exitCode = printErrors(errors, context);
        return std::nullopt;
    }
    return files;
}

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
        return m_close ? "INSPECTION KEY --evidence TEXT|--evidence-file FILE [--evidence-file FILE …] [--note TEXT] "
                         "[--db PATH] [--as USER]"
                       : "INSPECTION KEY --status in_progress|remediated|open [--note TEXT] [--evidence TEXT] "
                         "[--evidence-file FILE …] [--deadline DATE] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"note", true, {"kết quả, việc đã làm", "what was done"}},
            {"evidence", true, {"bằng chứng (số văn bản …)", "evidence (document number …)"}},
            {"evidence-file",
             true,
             {"tệp bằng chứng (lặp lại được; lưu theo SHA-256, chỉ giữ tên tệp)",
              "evidence file (repeatable; kept by SHA-256, under its base name only)"}}};
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
        auto files = evidenceFiles(line, context, exitCode);
        if (!files)
            return exitCode;
        std::optional<Date> deadline;
        if (!m_close && line.value("deadline")) {
            deadline = dateOption(line, "deadline", context, exitCode);
            if (!deadline)
                return exitCode;
        }
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto done =
            service.remediate(line.positional()[0], line.positional()[1], entry, deadline, session->actor, *files);
        if (!done)
            return printErrors(done.errors(), context);
        const bool vi = context.lang != Lang::En;
        *context.out << (vi ? "Phát hiện " : "Finding ") << terminalSafe(line.positional()[1]) << ": "
                     << remediationStatusName(entry.status) << "\n";
        for (const EvidenceFile& file : *files)
            *context.out << (vi ? "  tệp bằng chứng: " : "  evidence file: ")
                         << terminalSafe(std::filesystem::path(file.fileName).filename().string()) << " ("
                         << file.bytes.size() << " B, sha256 " << sha256Hex(file.bytes).substr(0, 12) << ")\n";
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
