// seclevel dossier export SYSTEM --format xml|json [--output FILE] — the dossier as it travels to the
// appraiser: system, answers, assessment with its trace, and the dossier itself.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "formats/json/DossierJson.h"
#include "formats/xml/DossierXml.h"

#include <fstream>
#include <iostream>

namespace seclevel {
namespace {

class DossierExportCommand final : public Command {
public:
    std::string name() const override { return "dossier export"; }
    LocalizedText summary() const override
    {
        return {"xuất hồ sơ đề xuất cấp độ (XML hoặc JSON)", "export the level-proposal dossier (XML or JSON)"};
    }
    std::string usage() const override { return "SYSTEM --format xml|json [--output FILE] [--db PATH]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"format", true, {"xml hoặc json", "xml or json"}});
        specs.push_back({"output", true, {"tệp kết quả (mặc định đầu ra chuẩn)", "output file (default standard output)"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string format = line.value("format").value_or("");
        if (format != "xml" && format != "json")
            return usageError(*this, context, "--format phải là xml hoặc json", "--format must be xml or json");
        int exitCode = ExitOk;
        auto session = openDossier(line.positional().front(), line, context, exitCode);
        if (!session)
            return exitCode;
        auto document = buildDossierDocument(*session, line, context, exitCode);
        if (!document)
            return exitCode;
        std::string text;
        if (format == "xml") {
            auto schema = loadDossierSchema(line, context, exitCode);
            if (!schema)
                return exitCode;
            auto xml = exportDossierXml(*document, *schema);
            if (!xml)
                return printErrors(xml.errors(), context, ExitInvalidInput);
            text = std::move(*xml);
        } else {
            text = dossierDocumentToJson(*document, *session->ruleSet, context.lang);
        }
        if (auto output = line.value("output")) {
            std::ofstream out(*output, std::ios::binary | std::ios::trunc);
            out << text;
            out.close();
            if (!out)
                return printErrors({makeError(*output, 0, {}, "không ghi được tệp", "cannot write the file")}, context,
                                   ExitInvalidInput);
            return ExitOk;
        }
        *context.out << text;
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierExportCommand()
{
    return std::make_unique<DossierExportCommand>();
}

} // namespace seclevel
