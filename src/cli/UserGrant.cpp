// seclevel user grant ID --org ORG --role ROLE [--revoke] — give (or take back) a role in an organisation.
#include "app/UserService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class UserGrantCommand final : public Command {
public:
    std::string name() const override { return "user grant"; }
    LocalizedText summary() const override
    {
        return {"giao hoặc thu hồi (--revoke) một vai trò của người dùng trong một cơ quan",
                "give or take back (--revoke) a user's role in an organisation"};
    }
    std::string usage() const override { return "ID --org ORG --role ROLE [--revoke] [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {{"org", true, {"mã cơ quan", "organisation id"}},
                                         {"role", true, {"vai trò", "role"}},
                                         {"revoke", false, {"thu hồi thay vì giao", "take back instead of giving"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã người dùng", "expects exactly one user id");
        auto org = line.value("org");
        auto roleText = line.value("role");
        Role role;
        if (!org || !roleText || !parseRole(*roleText, role))
            return usageError(*this, context, "cần --org và --role hợp lệ", "valid --org and --role are required");
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        UserService users(**store);
        const Membership seat{*org, role};
        auto changed = line.flag("revoke") ? users.revoke(line.positional()[0], seat, *actor)
                                           : users.grant(line.positional()[0], seat, *actor);
        if (!changed)
            return printErrors(changed.errors(), context);
        const bool vi = context.lang == Lang::Vi;
        if (!*changed)
            *context.out << (vi ? "Không có gì thay đổi\n" : "Nothing changed\n");
        else
            *context.out << (line.flag("revoke") ? (vi ? "Đã thu hồi " : "Revoked ") : (vi ? "Đã giao " : "Granted "))
                         << seatText(seat) << (vi ? " của " : " for ") << line.positional()[0] << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeUserGrantCommand()
{
    return std::make_unique<UserGrantCommand>();
}

} // namespace seclevel
