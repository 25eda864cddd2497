// seclevel inspection run ID [--as-of DATE] [--format text|json] — the automatic findings of an inspection: each
// with its organisation, system, rule, the articles breached (Vietnamese in Vietnamese text, machine form in
// JSON and English), the stored evidence, severity, responsible unit and recommendation.
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

void writeFinding(json::Writer& w, const Finding& f)
{
    w.beginObject();
    w.member("organisation", f.organisationId).member("system", f.systemId).member("system_name", f.systemName);
    w.member("rule", f.ruleId).member("ruleset", f.rulesetId).member("findings_version", f.rulesetVersion);
    w.member("subject", f.subject).member("fact_date", formatIsoDate(f.factDate));
    w.key("citations").beginArray(); // machine form, one per instrument ("TT12 Art 13; NĐ331 Art 35" gives two)
    size_t start = 0;
    while (start <= f.citation.size()) {
        size_t end = f.citation.find(';', start);
        if (end == std::string::npos)
            end = f.citation.size();
        std::string part = f.citation.substr(start, end - start);
        part.erase(0, part.find_first_not_of(' '));
        if (!part.empty())
            w.value(part);
        start = end + 1;
    }
    w.endArray();
    w.member("severity", f.severity).member("responsible", f.responsible);
    w.member("title", f.title.vi).member("title_en", f.title.en);
    w.member("recommendation", f.recommendation.vi).member("recommendation_en", f.recommendation.en);
    w.key("facts").beginObject();
    for (const auto& [name, value] : f.facts)
        w.member(name, value);
    w.endObject();
    w.endObject();
}

class InspectionRunCommand final : public Command {
public:
    std::string name() const override { return "inspection run"; }
    LocalizedText summary() const override
    {
        return {"phát hiện vi phạm tự động của cuộc thanh tra, dẫn điều khoản bị vi phạm",
                "the inspection's automatic findings, citing the articles breached"};
    }
    std::string usage() const override
    {
        return "ID [--as-of DATE] [--format text|json] [--record [--deadline DATE]] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"as-of", true, {"tính đến ngày (YYYY-MM-DD; mặc định hôm nay)", "as of (YYYY-MM-DD; default today)"}},
            {"format", true, {"định dạng: text, json", "format: text, json"}},
            {"record",
             false,
             {"ghi các phát hiện vào cơ sở dữ liệu (không trùng lặp; phát hiện đã đóng mà còn thì mở lại)",
              "keep the findings in the store (no duplicates; a closed one found again is reopened)"}},
            {"deadline",
             true,
             {"thời hạn báo cáo khắc phục của phát hiện mới (YYYY-MM-DD)",
              "deadline to report remediation of new findings (YYYY-MM-DD)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã cuộc thanh tra", "expects exactly one inspection id");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "định dạng không hợp lệ '" + format + "'",
                              "unknown format '" + format + "'");
        int exitCode = ExitOk;
        auto asOf = dateOption(line, "as-of", context, exitCode);
        if (!asOf)
            return exitCode;
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto run = service.run(line.positional().front(), *asOf, session->actor);
        if (!run)
            return printErrors(run.errors(), context);
        const InstrumentRegister& instruments = session->catalogue->instruments();
        if (line.flag("record")) {
            std::optional<Date> deadline;
            if (line.value("deadline")) {
                deadline = dateOption(line, "deadline", context, exitCode);
                if (!deadline)
                    return exitCode;
            }
            auto merged = service.record(line.positional().front(), *asOf, deadline, session->actor);
            if (!merged)
                return printErrors(merged.errors(), context);
            const bool en = context.lang == Lang::En;
            *context.err << (en ? "recorded: " : "đã ghi: ") << merged->added << (en ? " new, " : " mới, ")
                         << merged->reopened << (en ? " reopened, " : " mở lại, ") << merged->unchanged
                         << (en ? " already known\n" : " đã có\n");
        }
        if (format == "json") {
            json::Writer w;
            w.beginObject();
            w.member("inspection", run->inspection.inspection.id).member("as_of", formatIsoDate(run->asOf));
            w.member("facts_until", formatIsoDate(run->factsUntil));
            w.key("findings").beginArray();
            for (const Finding& f : run->findings)
                writeFinding(w, f);
            w.endArray();
            w.endObject();
            *context.out << w.str();
            return ExitOk;
        }
        const bool en = context.lang == Lang::En;
        std::string text = (en ? "Findings of inspection " : "Phát hiện của cuộc thanh tra ") +
                           run->inspection.inspection.id + (en ? " (facts until " : " (sự việc đến ngày ") +
                           formatIsoDate(run->factsUntil) + "): " + std::to_string(run->findings.size()) + "\n";
        for (const Finding& f : run->findings) {
            text +=
                "  [" + f.severity + "] " + f.organisationId + " / " + f.systemId + " — " + f.title.in(context.lang);
            if (!f.subject.empty())
                text += " (" + f.subject + ")";
            text += "\n      " + std::string(en ? "breaches " : "trái quy định tại ") +
                    citationText(f.citation, context.lang, instruments) + " [" + f.rulesetId + ", " +
                    formatIsoDate(f.factDate) + "]\n";
        }
        *context.out << terminalSafe(text);
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeInspectionRunCommand()
{
    return std::make_unique<InspectionRunCommand>();
}

} // namespace seclevel
