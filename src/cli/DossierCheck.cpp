// seclevel dossier check SYSTEM — every item the proposed level still needs, with the article requiring it,
// and every attachment whose content no longer matches its recorded SHA-256.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "core/Sha256.h"
#include "formats/json/Json.h"
#include "io/InputFile.h"

#include <iostream>

namespace seclevel {
namespace {

struct AttachmentProblem {
    const Attachment* attachment;
    std::string problem;  // "missing" | "altered"
};

std::optional<std::string> hashFile(const std::string& path)
{
    // Attachments are at most 100 MB (dossier attach); a FIFO or device in its place is unreadable, not a hang.
    Sha256 hash;
    auto read = readInputFileChunks(path, {.maxBytes = 100u * 1024u * 1024u, .what = {"tài liệu đính kèm", "attachment"}},
                                    [&](std::string_view chunk) { hash.update(chunk); });
    if (!read)
        return std::nullopt;
    return hash.finishHex();
}

class DossierCheckCommand final : public Command {
public:
    std::string name() const override { return "dossier check"; }
    LocalizedText summary() const override
    {
        return {"kiểm tra hồ sơ đã đủ chưa và tài liệu kèm theo có bị thay đổi không",
                "check the dossier is complete and its attachments unaltered"};
    }
    std::string usage() const override { return "SYSTEM [--format text|json] [--db PATH]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"format", true, {"text (mặc định) hoặc json", "text (default) or json"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format phải là text hoặc json", "--format must be text or json");
        int exitCode = ExitOk;
        auto session = openDossier(line.positional().front(), line, context, exitCode);
        if (!session)
            return exitCode;
        const auto missing = checkCompleteness(*session->dossierTemplate, session->dossier, session->system.proposedLevel);
        std::vector<AttachmentProblem> problems;
        for (const Attachment& attachment : session->dossier.attachments) {
            std::optional<std::string> digest;
            if (!attachment.reference.empty()) {
                digest = hashFile(attachment.reference);
            } else {
                auto content = session->store->attachmentContent(attachment.sha256);
                if (!content)
                    return printErrors(content.errors(), context, ExitStorage);
                if (*content)
                    digest = sha256Hex(**content);
            }
            if (!digest)
                problems.push_back({&attachment, "missing"});
            else if (*digest != attachment.sha256)
                problems.push_back({&attachment, "altered"});
        }
        const bool complete = missing.empty() && problems.empty();
        if (format == "json") {
            json::Writer writer;
            writer.beginObject()
                .member("system", session->system.description.id)
                .member("ruleset", session->system.rulesetId)
                .member("level", session->system.proposedLevel)
                .member("complete", complete);
            writer.key("missing").beginArray();
            for (const MissingItem& item : missing)
                writer.beginObject()
                    .member("key", item.key)
                    .member("what", item.what.in(context.lang))
                    .member("citation", item.citation)
                    .endObject();
            writer.endArray();
            writer.key("attachments").beginArray();
            for (const AttachmentProblem& p : problems)
                writer.beginObject()
                    .member("kind", p.attachment->kind)
                    .member("name", p.attachment->name)
                    .member("reference", p.attachment->reference)
                    .member("problem", p.problem)
                    .endObject();
            writer.endArray();
            writer.endObject();
            *context.out << writer.str();
        } else {
            const bool vi = context.lang == Lang::Vi;
            if (complete)
                *context.out << (vi ? "Hồ sơ đầy đủ cho cấp độ " : "The dossier is complete for level ")
                             << session->system.proposedLevel << "\n";
            for (const MissingItem& item : missing)
                *context.out << (vi ? "Thiếu: " : "Missing: ") << item.key << " — " << item.what.in(context.lang)
                             << " (" << item.citation << ")\n";
            for (const AttachmentProblem& p : problems)
                *context.out << (p.problem == "missing" ? (vi ? "Không tìm thấy tệp: " : "File missing: ")
                                                        : (vi ? "Tệp đã bị thay đổi: " : "File altered: "))
                             << p.attachment->name << " (" << p.attachment->kind << ")"
                             << (p.attachment->reference.empty() ? "" : " — " + p.attachment->reference) << "\n";
        }
        return complete ? ExitOk : ExitIncomplete;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierCheckCommand()
{
    return std::make_unique<DossierCheckCommand>();
}

} // namespace seclevel
