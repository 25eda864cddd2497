// seclevel system update ID FILE — replace a stored system's answers (history kept) and re-assess it.
#include "cli/Commands.h"
#include "cli/SystemCommands.h"

namespace seclevel {
namespace {

class SystemUpdateCommand final : public Command {
public:
    std::string name() const override { return "system update"; }
    LocalizedText summary() const override
    {
        return {"cập nhật câu trả lời của hệ thống đã lưu (giữ lịch sử) và xác định lại cấp độ",
                "update a stored system's answers (history kept) and re-assess it"};
    }
    std::string usage() const override { return "ID FILE [--db PATH] [--as USER] [--ruleset ID] [--as-of DATE]"; }
    std::vector<OptionSpec> options() const override { return storeWriteOptions(); }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã hệ thống và tệp trả lời",
                              "expects a system id and an answers file");
        return storeJudgedSystem(line.positional()[1], line.positional()[0], line, context, /*isNew=*/false);
    }
};

} // namespace

std::unique_ptr<Command> makeSystemUpdateCommand()
{
    return std::make_unique<SystemUpdateCommand>();
}

} // namespace seclevel
