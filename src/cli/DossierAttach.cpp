// seclevel dossier attach SYSTEM FILE --kind KIND [--reference] — add a document to the dossier (NĐ85 Art
// 15.2–15.4): its SHA-256 is recorded; the content is kept in the database unless --reference.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "core/Sha256.h"
#include "io/InputFile.h"

#include <filesystem>
#include <iostream>

namespace seclevel {
namespace {

constexpr std::uint64_t maxAttachmentBytes = 100u * 1024u * 1024u;  // 100 MB

std::string mediaTypeOf(const std::filesystem::path& file)
{
    std::string extension = file.extension().string();
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (extension == ".pdf")
        return "application/pdf";
    if (extension == ".docx")
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (extension == ".doc")
        return "application/msword";
    if (extension == ".txt")
        return "text/plain";
    if (extension == ".xml")
        return "application/xml";
    if (extension == ".png")
        return "image/png";
    if (extension == ".jpg" || extension == ".jpeg")
        return "image/jpeg";
    return "application/octet-stream";
}

class DossierAttachCommand final : public Command {
public:
    std::string name() const override { return "dossier attach"; }
    LocalizedText summary() const override
    {
        return {"đính kèm tài liệu vào hồ sơ đề xuất cấp độ", "attach a document to the level-proposal dossier"};
    }
    std::string usage() const override { return "SYSTEM FILE --kind KIND [--reference] [--db PATH] [--actor NAME]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"kind", true, {"loại tài liệu theo mẫu hồ sơ", "document kind from the dossier template"}});
        specs.push_back({"reference", false, {"chỉ ghi đường dẫn và mã băm, không lưu nội dung", "record path and digest only, do not store the content"}});
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
        const fs::path file = args[1];
        std::error_code error;
        if (!fs::is_regular_file(file, error))
            return printErrors({makeError(file.string(), 0, {}, "không đọc được tệp", "cannot read the file")}, context,
                               ExitInvalidInput);
        const std::uint64_t size = fs::file_size(file, error);
        if (error || size > maxAttachmentBytes)
            return printErrors({makeError(file.string(), 0, {}, "tệp lớn hơn giới hạn 100 MB",
                                          "the file is larger than the 100 MB limit")},
                               context, ExitInvalidInput);
        int exitCode = ExitOk;
        auto session = openDossier(args[0], line, context, exitCode);
        if (!session)
            return exitCode;
        if (!session->dossierTemplate->attachment(*kind))
            return printErrors({makeError(session->dossierTemplate->sourceFile, 0, *kind,
                                          "mẫu hồ sơ không có loại tài liệu này", "the dossier template has no such kind")},
                               context, ExitInvalidInput);
        // A symbolic link is refused (x.pdf → /etc/shadow would store the shadow file); FIFOs and devices too.
        auto read = readInputFile(file.string(), {.maxBytes = maxAttachmentBytes, .followSymlinks = false,
                                                  .what = {"tài liệu đính kèm", "attachment"}});
        if (!read)
            return printErrors(read.errors(), context, ExitInvalidInput);
        const std::string bytes = std::move(*read);
        Attachment attachment{*kind, file.filename().string(), mediaTypeOf(file), bytes.size(), sha256Hex(bytes), {}};
        Result<bool> saved = false;
        if (line.flag("reference")) {
            attachment.reference = fs::absolute(file, error).lexically_normal().string();
            bool replaced = false;
            for (Attachment& existing : session->dossier.attachments)
                if (existing.kind == attachment.kind && existing.name == attachment.name) {
                    existing = attachment;
                    replaced = true;
                }
            if (!replaced)
                session->dossier.attachments.push_back(attachment);
            saved = session->store->saveDossier(session->dossier, currentActor(line));
        } else {
            saved = session->store->storeAttachmentContent(args[0], attachment, bytes, currentActor(line));
        }
        if (!saved)
            return printErrors(saved.errors(), context, ExitStorage);
        const bool vi = context.lang == Lang::Vi;
        *context.out << (vi ? "Đã đính kèm " : "Attached ") << attachment.name << " (" << attachment.kind
                     << ", SHA-256 " << attachment.sha256 << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierAttachCommand()
{
    return std::make_unique<DossierAttachCommand>();
}

} // namespace seclevel
