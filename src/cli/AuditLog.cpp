// seclevel audit log [--system ID] [--limit N] — the audit entries, oldest first: who, when, what, on what.
#include "app/AuditService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"
#include "formats/text/TerminalText.h"

#include <iostream>

namespace seclevel {
namespace {

class AuditLogCommand final : public Command {
public:
    std::string name() const override { return "audit log"; }
    LocalizedText summary() const override
    {
        return {"liệt kê các mục nhật ký kiểm toán (ai, khi nào, làm gì)", "list the audit entries (who, when, what)"};
    }
    std::string usage() const override { return "[--system ID] [--limit N] [--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = storeOptions();
        specs.push_back({"system", true, {"chỉ các mục về hệ thống này", "only the entries about this system"}});
        specs.push_back({"limit", true, {"chỉ N mục cuối", "only the last N entries"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận tham số vị trí", "takes no positional arguments");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format phải là text hoặc json", "--format must be text or json");
        std::size_t limit = 0;
        if (auto text = line.value("limit")) {
            const auto number = parseInteger(*text);
            if (!number || *number < 1)
                return usageError(*this, context, "--limit phải là số nguyên dương",
                                  "--limit must be a positive integer");
            limit = static_cast<std::size_t>(*number);
        }
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        AuditService service(**store);
        auto entries = service.log(line.value("system").value_or(""), limit);
        if (!entries)
            return printErrors(entries.errors(), context);
        if (format == "json") {
            json::Writer w;
            w.beginArray();
            for (const AuditEntry& e : *entries) {
                w.beginObject();
                w.member("seq", e.seq);
                w.member("at", isoTimestamp(e.at));
                w.member("user", e.actor.userId);
                w.member("organisation", e.actor.organisationId);
                w.member("role", e.actor.role);
                w.member("action", e.action);
                w.member("subject_kind", e.subjectKind);
                w.member("subject_id", e.subjectId);
                w.member("details", e.details);
                w.member("prev_hash", e.prevHash);
                w.member("hash", e.hash);
                w.endObject();
            }
            w.endArray();
            *context.out << w.str();
            return ExitOk;
        }
        for (const AuditEntry& e : *entries)
            *context.out << e.seq << "  " << isoTimestamp(e.at) << "  " << terminalSafe(e.actor.userId) << "@"
                         << terminalSafe(e.actor.organisationId) << "/" << e.actor.role << "  " << e.action << "  "
                         << terminalSafe(e.subjectKind) << " " << terminalSafe(e.subjectId) << "  "
                         << e.hash.substr(0, 16) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeAuditLogCommand()
{
    return std::make_unique<AuditLogCommand>();
}

} // namespace seclevel
