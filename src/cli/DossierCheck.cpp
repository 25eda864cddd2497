// seclevel dossier check SYSTEM — every item the proposed level still needs, with the article requiring it,
// and every attachment whose content no longer matches its recorded SHA-256.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "codec/Json.h"
#include "formats/text/TerminalText.h"

#include <iostream>

namespace seclevel {
namespace {

const char* problemName(AttachmentProblemKind kind)
{
    switch (kind) {
    case AttachmentProblemKind::Missing: return "missing";
    case AttachmentProblemKind::Altered: return "altered";
    case AttachmentProblemKind::NotChecked: return "not_checked";
    }
    return "missing";
}

std::string problemLabel(AttachmentProblemKind kind, Lang lang)
{
    const bool vi = lang == Lang::Vi;
    switch (kind) {
    case AttachmentProblemKind::Missing: return vi ? "Không tìm thấy tệp: " : "File missing: ";
    case AttachmentProblemKind::Altered: return vi ? "Tệp đã bị thay đổi: " : "File altered: ";
    case AttachmentProblemKind::NotChecked: return vi ? "Chưa kiểm tra: " : "Not checked: ";
    }
    return {};
}

class DossierCheckCommand final : public Command {
public:
    std::string name() const override { return "dossier check"; }
    LocalizedText summary() const override
    {
        return {"kiểm tra hồ sơ đã đủ chưa và tài liệu kèm theo có bị thay đổi không",
                "check the dossier is complete and its attachments unaltered"};
    }
    std::string usage() const override { return "SYSTEM [--format text|json] [--attachments DIR] [--db PATH]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"format", true, {"text (mặc định) hoặc json", "text (default) or json"}});
        specs.push_back(
            {"attachments",
             true,
             {"thư mục chứa tài liệu của hồ sơ đã nhập (đường dẫn trong hồ sơ chỉ được tìm trong thư mục này)",
              "folder holding the attachments of an imported dossier (its references are resolved inside it only)"}});
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
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        auto checked = run->service->check(line.positional().front(), ReferenceCheck{line.value("attachments")});
        if (!checked)
            return printErrors(checked.errors(), context);
        const auto& missing = checked->missing;
        const auto& problems = checked->problems;
        const bool complete = checked->complete();
        if (format == "json") {
            json::Writer writer;
            writer.beginObject()
                .member("system", checked->systemId)
                .member("ruleset", checked->rulesetId)
                .member("level", checked->level)
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
                    .member("kind", p.attachment.kind)
                    .member("name", p.attachment.name)
                    .member("reference", p.attachment.reference)
                    .member("problem", problemName(p.kind))
                    .member("detail", p.detail.in(context.lang))
                    .endObject();
            writer.endArray();
            writer.endObject();
            *context.out << writer.str();
        } else {
            const bool vi = context.lang == Lang::Vi;
            if (complete)
                *context.out << (vi ? "Hồ sơ đầy đủ cho cấp độ " : "The dossier is complete for level ")
                             << checked->level << "\n";
            for (const MissingItem& item : missing)
                *context.out << (vi ? "Thiếu: " : "Missing: ") << item.key << " — " << item.what.in(context.lang)
                             << " (" << item.citation << ")\n";
            for (const AttachmentProblem& p : problems)
                *context.out << problemLabel(p.kind, context.lang) << terminalSafe(p.attachment.name) << " ("
                             << p.attachment.kind << ")"
                             << (p.attachment.reference.empty() ? "" : " — " + terminalSafe(p.attachment.reference))
                             << " — " << p.detail.in(context.lang) << "\n";
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
