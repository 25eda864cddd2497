// seclevel organisation add ID NAME [--parent ID] — register an organisation (cơ quan, tổ chức) systems belong to.
#include "app/SystemService.h"
#include "cli/Commands.h"
#include "cli/SystemCommands.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {
namespace {

class OrganisationAddCommand final : public Command {
public:
    std::string name() const override { return "organisation add"; }
    LocalizedText summary() const override
    {
        return {"thêm hoặc đổi tên cơ quan, tổ chức (cây tổ chức)",
                "add or rename an organisation (organisation tree)"};
    }
    std::string usage() const override { return "ID NAME [--parent ID] [--authority CODE] [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"parent", true, {"mã cơ quan cấp trên", "id of the parent organisation"}},
            {"authority",
             true,
             {"mã cơ quan có thẩm quyền thẩm định mà thủ tục nêu (MIC, MPS, MOD, BCY)",
              "authority code the procedures name for an appraising body (MIC, MPS, MOD, BCY)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã và tên cơ quan", "expects an id and a name");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        const Organisation organisation{line.positional()[0], line.positional()[1], line.value("parent").value_or(""),
                                        line.value("authority").value_or("")};
        SystemService service(**catalogue, **store);
        auto actor = currentActor(line, **store);
        if (!actor)
            return printErrors(actor.errors(), context);
        auto saved = service.saveOrganisation(organisation, *actor);
        if (!saved)
            return printErrors(saved.errors(), context);
        *context.out << (context.lang == Lang::En ? "Stored organisation " : "Đã lưu cơ quan ") << organisation.id
                     << " — " << organisation.name << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeOrganisationAddCommand()
{
    return std::make_unique<OrganisationAddCommand>();
}

} // namespace seclevel
