// seclevel audit head — the seq and hash of the last audit entry (what to record elsewhere, and what
// `audit verify --expect-head` checks later).
#include "app/AuditService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "codec/Json.h"

#include <iostream>

namespace seclevel {
namespace {

class AuditHeadCommand final : public Command {
public:
    std::string name() const override { return "audit head"; }
    LocalizedText summary() const override
    {
        return {"in đầu chuỗi nhật ký kiểm toán (số thứ tự và mã băm)",
                "print the head of the audit chain (seq and hash)"};
    }
    std::string usage() const override { return "[--db PATH] [--format text|json]"; }
    std::vector<OptionSpec> options() const override { return storeOptions(); }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận tham số vị trí", "takes no positional arguments");
        const std::string format = line.value("format").value_or("text");
        if (format != "text" && format != "json")
            return usageError(*this, context, "--format phải là text hoặc json", "--format must be text or json");
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        AuditService service(**store);
        auto head = service.head();
        if (!head)
            return printErrors(head.errors(), context);
        if (format == "json") {
            json::Writer w;
            w.beginObject().member("seq", head->seq).member("hash", head->hash).endObject();
            *context.out << w.str();
        } else {
            *context.out << AuditService::formatHead(*head) << "\n";
        }
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeAuditHeadCommand()
{
    return std::make_unique<AuditHeadCommand>();
}

} // namespace seclevel
