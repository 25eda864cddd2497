// seclevel system add FILE — store a new system with its answers and its first assessment.
#include "cli/Commands.h"
#include "cli/SystemCommands.h"

namespace seclevel {
namespace {

class SystemAddCommand final : public Command {
public:
    std::string name() const override { return "system add"; }
    LocalizedText summary() const override
    {
        return {"lưu hệ thống mới cùng câu trả lời và kết quả xác định cấp độ",
                "store a new system with its answers and its assessment"};
    }
    std::string usage() const override
    {
        return "FILE [--db PATH] [--organisation ID] [--as USER] [--ruleset ID] [--as-of DATE]";
    }
    std::vector<OptionSpec> options() const override { return storeWriteOptions(); }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp trả lời", "expects exactly one answers file");
        return storeJudgedSystem(line.positional().front(), "", line, context, /*isNew=*/true);
    }
};

} // namespace

std::unique_ptr<Command> makeSystemAddCommand()
{
    return std::make_unique<SystemAddCommand>();
}

} // namespace seclevel
