// seclevel system list — the stored systems with their rule set and levels.
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "storage/Store.h"

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
        specs.push_back({"organisation", true, {"chỉ hệ thống của cơ quan này", "only the systems of this organisation"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context, ExitStorage);
        auto systems = (*store)->systems(line.value("organisation").value_or(""));
        if (!systems)
            return printErrors(systems.errors(), context, ExitStorage);
        const bool vi = context.lang == Lang::Vi;
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            w.beginArray();
            for (const auto& s : *systems) {
                w.beginObject();
                writeSystemSummary(w, s);
                w.member("updated_at", s.updatedAt);
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
        for (const auto& s : *systems)
            *context.out << s.description.id << "\t" << (s.rulesetId.empty() ? "—" : s.rulesetId) << "\t"
                         << level(s.derivedLevel) << "\t" << level(s.proposedLevel) << "\t" << level(s.approvedLevel)
                         << "\t" << s.description.name << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeSystemListCommand()
{
    return std::make_unique<SystemListCommand>();
}

} // namespace seclevel
