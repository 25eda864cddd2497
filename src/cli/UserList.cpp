// seclevel user list / user show ID — the registered users and their roles.
#include "app/UserService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/text/TerminalText.h"
#include "storage/Store.h"

#include <ostream>

namespace seclevel {
namespace {

class UserListCommand final : public Command {
public:
    explicit UserListCommand(bool one) : m_one(one) {}
    std::string name() const override { return m_one ? "user show" : "user list"; }
    LocalizedText summary() const override
    {
        return m_one ? LocalizedText{"hiện một người dùng và các vai trò", "show a user and their roles"}
                     : LocalizedText{"liệt kê người dùng và vai trò", "list users and their roles"};
    }
    std::string usage() const override
    {
        return m_one ? "ID [--db PATH] [--format text|json]" : "[--db PATH] [--format text|json]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = workflowReadOptions();
        specs.pop_back(); // no --as-of
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != (m_one ? 1u : 0u))
            return usageError(*this, context, m_one ? "cần đúng một mã người dùng" : "không nhận đối số",
                              m_one ? "expects exactly one user id" : "takes no arguments");
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        UserService service(**store);
        std::vector<User> users;
        if (m_one) {
            auto user = service.show(line.positional().front());
            if (!user)
                return printErrors(user.errors(), context);
            users.push_back(std::move(*user));
        } else {
            auto all = service.list();
            if (!all)
                return printErrors(all.errors(), context);
            users = std::move(*all);
        }
        if (line.value("format").value_or("text") == "json") {
            json::Writer w;
            if (m_one) {
                writeUser(w, users.front());
            } else {
                w.beginArray();
                for (const User& user : users)
                    writeUser(w, user);
                w.endArray();
            }
            *context.out << w.str();
            return ExitOk;
        }
        if (users.empty())
            *context.out
                << (context.lang == Lang::En
                        ? "No users yet: single-user mode (add an administrator with seclevel user add)\n"
                        : "Chưa có người dùng: chế độ một người dùng (thêm quản trị viên bằng seclevel user add)\n");
        for (const User& user : users) {
            *context.out << terminalSafe(user.id) << " — " << terminalSafe(user.name) << "\n";
            for (const Membership& m : user.memberships)
                *context.out << "    " << terminalSafe(seatText(m)) << "\n";
        }
        return ExitOk;
    }

private:
    bool m_one;
};

} // namespace

std::unique_ptr<Command> makeUserListCommand()
{
    return std::make_unique<UserListCommand>(false);
}

std::unique_ptr<Command> makeUserShowCommand()
{
    return std::make_unique<UserListCommand>(true);
}

} // namespace seclevel
