// seclevel inspection show ID / inspection list — an inspection with the systems in its scope, or the
// inspections the acting user is on the team of (all for administrators). Inspectors read only inside the scope.
#include "app/InspectionService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "codec/Json.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

void writeIds(json::Writer& w, std::string_view key, const std::vector<std::string>& ids)
{
    w.key(key).beginArray();
    for (const std::string& id : ids)
        w.value(id);
    w.endArray();
}

void writeInspection(json::Writer& w, const StoredInspection& stored, const std::vector<StoredSystem>* systems)
{
    const Inspection& i = stored.inspection;
    w.beginObject();
    w.member("id", i.id).member("decision_number", i.decisionNumber);
    w.member("decision_date", formatIsoDate(i.decisionDate)).member("inspecting_body", i.inspectingBody);
    w.key("scope").beginObject();
    w.member("organisation", i.scope.organisationId);
    writeIds(w, "systems", i.scope.systems);
    w.member("from", formatIsoDate(i.scope.periodFrom)).member("to", formatIsoDate(i.scope.periodTo));
    w.endObject();
    writeIds(w, "team", i.team);
    w.member("created_by", stored.createdBy.userId).member("created_at", isoTimestamp(stored.createdAt));
    if (systems) {
        w.key("systems_in_scope").beginArray();
        for (const StoredSystem& s : *systems) {
            w.beginObject();
            w.member("id", s.description.id).member("name", s.description.name);
            w.member("organisation", s.description.organisationId).member("approved_level", s.approvedLevel);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

std::string joined(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "—" : out;
}

class InspectionShowCommand final : public Command {
public:
    explicit InspectionShowCommand(bool one) : m_one(one) {}
    std::string name() const override { return m_one ? "inspection show" : "inspection list"; }
    LocalizedText summary() const override
    {
        return m_one ? LocalizedText{"hiện cuộc thanh tra và các hệ thống thuộc phạm vi",
                                     "show an inspection and the systems in its scope"}
                     : LocalizedText{"liệt kê các cuộc thanh tra của người dùng", "list the user's inspections"};
    }
    std::string usage() const override
    {
        return m_one ? "ID [--db PATH] [--as USER] [--format text|json]"
                     : "[--db PATH] [--as USER] [--format text|json]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {{"format", true, {"định dạng: text, json", "format: text, json"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != (m_one ? 1u : 0u))
            return usageError(*this, context, m_one ? "cần đúng một mã cuộc thanh tra" : "không nhận đối số",
                              m_one ? "expects exactly one inspection id" : "takes no arguments");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "định dạng không hợp lệ '" + format + "'",
                              "unknown format '" + format + "'");
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        InspectionService service(**store);
        std::vector<StoredInspection> inspections;
        std::vector<StoredSystem> systems;
        if (m_one) {
            auto shown = service.show(line.positional().front(), *actor);
            if (!shown)
                return printErrors(shown.errors(), context);
            auto inScope = service.systemsInScope(line.positional().front(), *actor);
            if (!inScope)
                return printErrors(inScope.errors(), context);
            inspections.push_back(std::move(*shown));
            systems = std::move(*inScope);
        } else {
            auto all = service.list(*actor);
            if (!all)
                return printErrors(all.errors(), context);
            inspections = std::move(*all);
        }
        if (format == "json") {
            json::Writer w;
            if (m_one) {
                writeInspection(w, inspections.front(), &systems);
            } else {
                w.beginArray();
                for (const StoredInspection& i : inspections)
                    writeInspection(w, i, nullptr);
                w.endArray();
            }
            *context.out << w.str();
            return ExitOk;
        }
        const bool en = context.lang == Lang::En;
        for (const StoredInspection& stored : inspections) {
            const Inspection& i = stored.inspection;
            std::string text = i.id + " — " + (en ? "decision " : "quyết định số ") + i.decisionNumber +
                               (en ? " of " : " ngày ") + formatIsoDate(i.decisionDate) + "\n";
            text += std::string(en ? "    inspecting body: " : "    cơ quan thanh tra: ") + i.inspectingBody + "\n";
            text += std::string(en ? "    scope: " : "    phạm vi: ") + i.scope.organisationId +
                    (i.scope.systems.empty() ? std::string() : " (" + joined(i.scope.systems) + ")") + ", " +
                    formatIsoDate(i.scope.periodFrom) + " – " + formatIsoDate(i.scope.periodTo) + "\n";
            text += std::string(en ? "    team: " : "    đoàn thanh tra: ") + joined(i.team) + "\n";
            *context.out << terminalSafe(text);
        }
        if (m_one) {
            *context.out << (en ? "Systems in scope: " : "Hệ thống thuộc phạm vi: ") << systems.size() << "\n";
            for (const StoredSystem& s : systems)
                *context.out << terminalSafe("    " + s.description.id + " — " + s.description.name + " (" +
                                             s.description.organisationId + ")\n");
        }
        return ExitOk;
    }

private:
    bool m_one;
};

} // namespace

std::unique_ptr<Command> makeInspectionShowCommand()
{
    return std::make_unique<InspectionShowCommand>(true);
}

std::unique_ptr<Command> makeInspectionListCommand()
{
    return std::make_unique<InspectionShowCommand>(false);
}

} // namespace seclevel
