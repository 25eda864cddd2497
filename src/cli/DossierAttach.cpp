// seclevel dossier attach SYSTEM FILE --kind KIND [--reference] — add a document to the dossier (NĐ85 Art
// 15.2–15.4): its SHA-256 is recorded; the content is kept in the database unless --reference.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "formats/text/TerminalText.h"
#include "io/InputFile.h"

#include <filesystem>
#include <iostream>

namespace seclevel {
namespace {

class DossierAttachCommand final : public Command {
public:
    std::string name() const override { return "dossier attach"; }
    LocalizedText summary() const override
    {
        return {"đính kèm tài liệu vào hồ sơ đề xuất cấp độ", "attach a document to the level-proposal dossier"};
    }
    std::string usage() const override
    {
        return "SYSTEM FILE --kind KIND [--reference] [--follow-symlinks] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"kind", true, {"loại tài liệu theo mẫu hồ sơ", "document kind from the dossier template"}});
        specs.push_back({"follow-symlinks",
                         false,
                         {"cho phép FILE là liên kết tượng trưng (mặc định từ chối)",
                          "allow FILE to be a symbolic link (refused by default)"}});
        specs.push_back({"reference",
                         false,
                         {"chỉ ghi đường dẫn và mã băm, không lưu nội dung",
                          "record path and digest only, do not store the content"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        namespace fs = std::filesystem;
        const auto& args = line.positional();
        if (args.size() != 2)
            return usageError(*this, context, "cần SYSTEM FILE", "expects SYSTEM FILE");
        const auto kind = line.value("kind");
        if (!kind)
            return usageError(*this, context, "cần --kind", "--kind is required");
        const std::string& file = args[1];
        InputFileLimits limits;
        limits.maxBytes = kMaxAttachmentBytes;
        // A symbolic link is refused unless asked for (x.pdf → /etc/shadow would store the shadow file).
        limits.followSymlinks = line.flag("follow-symlinks");
        limits.what = {"tài liệu đính kèm", "attachment"};
        auto bytes = readInputFile(file, limits);
        if (!bytes)
            return printErrors(bytes.errors(), context);
        AttachmentInput input{*kind, fs::path(file).filename().string(), std::move(*bytes), std::nullopt};
        if (line.flag("reference")) {
            std::error_code error;
            input.reference = fs::absolute(file, error).lexically_normal().string();
        }
        int exitCode = ExitOk;
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        auto actor = currentActor(line, *run->store);
        if (!actor)
            return printErrors(actor.errors(), context);
        auto attached = run->service->attach(args[0], input, *actor);
        if (!attached)
            return printErrors(attached.errors(), context);
        const bool vi = context.lang == Lang::Vi;
        *context.out << (vi ? "Đã đính kèm " : "Attached ") << terminalSafe(attached->name) << " (" << attached->kind
                     << ", SHA-256 " << attached->sha256 << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierAttachCommand()
{
    return std::make_unique<DossierAttachCommand>();
}

} // namespace seclevel
