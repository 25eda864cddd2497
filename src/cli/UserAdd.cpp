// seclevel user add ID NAME --org ORG --role ROLE — register a user with a role in an organisation.
#include "app/UserService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "core/TextSafety.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

const char* kRoles = "operator, security_unit, owner, appraising_body, inspector, administrator";

class UserAddCommand final : public Command {
public:
    std::string name() const override { return "user add"; }
    LocalizedText summary() const override
    {
        return {"thêm người dùng với vai trò trong một cơ quan (quản trị viên; người đầu tiên phải là quản trị)",
                "add a user with a role in an organisation (administrators; the first user must be one)"};
    }
    std::string usage() const override { return "ID NAME --org ORG --role ROLE [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"org", true, {"mã cơ quan người dùng làm việc", "id of the user's organisation"}},
            {"role", true, {std::string("vai trò: ") + kRoles, std::string("role: ") + kRoles}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã và tên người dùng", "expects a user id and a name");
        auto org = line.value("org");
        auto roleText = line.value("role");
        Role role;
        if (!org || !roleText)
            return usageError(*this, context, "cần --org và --role", "--org and --role are required");
        if (!parseRole(*roleText, role))
            return usageError(*this, context, std::string("vai trò không hợp lệ; dùng: ") + kRoles,
                              std::string("not a role; use: ") + kRoles);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        const User user{line.positional()[0], line.positional()[1], {Membership{*org, role}}};
        UserService users(**store);
        auto added = users.add(user, *actor);
        if (!added)
            return printErrors(added.errors(), context);
        *context.out << (context.lang == Lang::En ? "Added user " : "Đã thêm người dùng ") << user.id << " — "
                     << user.name << " (" << seatText(user.memberships.front()) << ")\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeUserAddCommand()
{
    return std::make_unique<UserAddCommand>();
}

} // namespace seclevel
