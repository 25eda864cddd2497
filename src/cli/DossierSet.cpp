// seclevel dossier set SYSTEM KEY VALUE — write one field of the level-proposal dossier ("-" reads stdin).
#include "cli/Commands.h"
#include "cli/DossierCommands.h"

#include <iostream>
#include <iterator>

namespace seclevel {
namespace {

class DossierSetCommand final : public Command {
public:
    std::string name() const override { return "dossier set"; }
    LocalizedText summary() const override
    {
        return {"ghi một mục của hồ sơ đề xuất cấp độ", "write one field of the level-proposal dossier"};
    }
    std::string usage() const override { return "SYSTEM KEY VALUE|- [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override { return dossierOptions(); }
    int run(const CommandLine& line, Context& context) override
    {
        const auto& args = line.positional();
        if (args.size() != 3)
            return usageError(*this, context, "cần SYSTEM KEY VALUE", "expects SYSTEM KEY VALUE");
        std::string value = args[2];
        if (value == "-")
            value.assign(std::istreambuf_iterator<char>(*context.in), std::istreambuf_iterator<char>());
        int exitCode = ExitOk;
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        const std::string& key = args[1];
        auto actor = currentActor(line, *run->store);
        if (!actor)
            return printErrors(actor.errors(), context);
        auto saved = run->service->setField(args[0], key, value, *actor);
        if (!saved)
            return printErrors(saved.errors(), context);
        const bool vi = context.lang == Lang::Vi;
        *context.out << (*saved ? (vi ? "Đã ghi " : "Wrote ") : (vi ? "Không thay đổi: " : "Unchanged: ")) << key
                     << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierSetCommand()
{
    return std::make_unique<DossierSetCommand>();
}

} // namespace seclevel
