// seclevel system list — the stored systems with their rule set and levels.
#include "app/SystemService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <algorithm>
#include <iostream>

namespace seclevel {
namespace {

class SystemListCommand final : public Command {
public:
    std::string name() const override { return "system list"; }
    LocalizedText summary() const override
    {
        return {"liệt kê các hệ thống đã lưu và cấp độ", "list the stored systems and their levels"};
    }
    std::string usage() const override { return "[--db PATH] [--organisation ID] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = storeOptions();
        specs.push_back(
            {"organisation", true, {"chỉ hệ thống của cơ quan này", "only the systems of this organisation"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        SystemService service(**catalogue, **store);
        auto systems = service.list(line.value("organisation").value_or(""));
        if (!systems)
            return printErrors(systems.errors(), context);
        const bool vi = context.lang == Lang::Vi;
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginArray();
            for (const auto& s : *systems) {
                w.beginObject();
                writeSystemSummary(w, s);
                w.member("updated_at", isoTimestamp(s.stored.updatedAt));
                w.endObject();
            }
            w.endArray();
            *context.out << w.str();
            return ExitOk;
        }
        if (systems->empty()) {
            *context.out << (vi ? "Chưa có hệ thống nào.\n" : "No systems stored.\n");
            return ExitOk;
        }
        *context.out << (vi ? "MÃ\tBỘ QUY TẮC\tXÁC ĐỊNH\tĐỀ XUẤT\tPHÊ DUYỆT\tTÊN\n"
                            : "ID\tRULE SET\tDERIVED\tPROPOSED\tAPPROVED\tNAME\n");
        auto level = [](int l) { return l == 0 ? std::string("—") : std::to_string(l); };
        for (const auto& summary : *systems) {
            const StoredSystem& s = summary.stored;
            // A rule set whose version changed since it judged the system is marked with "*".
            *context.out << terminalSafe(s.description.id) << "\t"
                         << (s.rulesetId.empty() ? "—" : s.rulesetId + (summary.staleRuleSet ? "*" : "")) << "\t"
                         << level(s.derivedLevel) << "\t" << level(s.proposedLevel) << "\t" << level(s.approvedLevel)
                         << "\t" << terminalSafe(s.description.name) << "\n";
        }
        if (std::any_of(systems->begin(), systems->end(),
                        [](const SystemSummary& s) { return s.staleRuleSet.has_value(); }))
            *context.out << (vi ? "* xác định theo phiên bản bộ quy tắc cũ; cần xác định lại (system update)\n"
                                : "* judged under an older rule-set version; re-assess (system update)\n");
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeSystemListCommand()
{
    return std::make_unique<SystemListCommand>();
}

} // namespace seclevel
