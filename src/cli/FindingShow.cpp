// seclevel finding show INSPECTION KEY [--format text|json] — one stored finding: status, deadline, the articles
// breached, and its remediation history with the evidence files (name, size, SHA-256), for the inspection team
// and the agency with the finding.
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "codec/Json.h"
#include "core/Citation.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class FindingShowCommand final : public Command {
public:
    std::string name() const override { return "finding show"; }
    LocalizedText summary() const override
    {
        return {"xem một phát hiện: tình trạng, lịch sử khắc phục và tệp bằng chứng",
                "show a finding: status, remediation history and evidence files"};
    }
    std::string usage() const override { return "INSPECTION KEY [--format text|json] [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {{"format", true, {"định dạng: text, json", "format: text, json"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã cuộc thanh tra và mã phát hiện",
                              "expects an inspection id and a finding key");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "định dạng không hợp lệ '" + format + "'",
                              "unknown format '" + format + "'");
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto stored = service.show(line.positional()[0], line.positional()[1], session->actor);
        if (!stored)
            return printErrors(stored.errors(), context);
        const Finding& f = stored->finding;
        if (format == "json") {
            json::Writer w;
            w.beginObject();
            w.member("inspection", line.positional()[0]).member("key", f.key());
            w.member("organisation", f.organisationId).member("system", f.systemId).member("rule", f.ruleId);
            w.member("citation", f.citation).member("title", f.title.vi).member("title_en", f.title.en);
            w.member("status", remediationStatusName(stored->status));
            w.member("deadline", stored->deadline ? formatIsoDate(*stored->deadline) : std::string());
            w.key("history").beginArray();
            for (const RemediationEntry& e : stored->history) {
                w.beginObject();
                w.member("status", remediationStatusName(e.status)).member("note", e.note);
                w.member("evidence", e.evidence).member("user", e.userId).member("at", e.at);
                w.key("files").beginArray();
                for (const Attachment& file : e.files)
                    w.beginObject()
                        .member("name", file.name)
                        .member("media_type", file.mediaType)
                        .member("size", file.size)
                        .member("sha256", file.sha256)
                        .endObject();
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
            *context.out << w.str() << "\n";
            return ExitOk;
        }
        const bool en = context.lang == Lang::En;
        std::string text = (en ? "Finding " : "Phát hiện ") + f.key() + " — " + f.title.in(context.lang) + "\n";
        text += "  " + f.organisationId + " / " + f.systemId + ", " + (en ? "breaches " : "trái quy định tại ") +
                citationText(f.citation, context.lang, session->catalogue->instruments()) + "\n";
        text += std::string(en ? "  status: " : "  tình trạng: ") + remediationStatusName(stored->status);
        if (stored->deadline)
            text += std::string(en ? ", deadline " : ", hạn ") + formatIsoDate(*stored->deadline);
        text += "\n";
        for (const RemediationEntry& e : stored->history) {
            text += "  " + e.at + " " + e.userId + ": " + remediationStatusName(e.status);
            if (!e.note.empty())
                text += " — " + e.note;
            if (!e.evidence.empty())
                text += std::string(en ? " (evidence: " : " (bằng chứng: ") + e.evidence + ")";
            text += "\n";
            for (const Attachment& file : e.files)
                text += std::string(en ? "      file " : "      tệp ") + file.name + " (" + std::to_string(file.size) +
                        " B, sha256 " + file.sha256.substr(0, 12) + ")\n";
        }
        *context.out << terminalSafe(text);
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeFindingShowCommand()
{
    return std::make_unique<FindingShowCommand>();
}

} // namespace seclevel
