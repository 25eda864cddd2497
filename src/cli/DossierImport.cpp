// seclevel dossier import FILE — store a dossier received as XML: system, answers, assessment and dossier in
// one transaction. The file is validated whole first; importing the same file again changes nothing.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "formats/json/AssessmentJson.h"
#include "formats/xml/DossierXml.h"

#include <iostream>

namespace seclevel {
namespace {

class DossierImportCommand final : public Command {
public:
    std::string name() const override { return "dossier import"; }
    LocalizedText summary() const override
    {
        return {"nhập hồ sơ đề xuất cấp độ từ tệp XML", "import a level-proposal dossier from an XML file"};
    }
    std::string usage() const override { return "FILE [--db PATH] [--actor NAME]"; }
    std::vector<OptionSpec> options() const override { return dossierOptions(); }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp XML", "expects exactly one XML file");
        int exitCode = ExitOk;
        auto schema = loadDossierSchema(line, context, exitCode);
        if (!schema)
            return exitCode;
        auto document = readDossierXmlFile(line.positional().front(), *schema);
        if (!document)
            return printErrors(document.errors(), context, ExitInvalidInput);
        auto ruleSets = loadShippedRuleSets(line, context);
        if (!ruleSets)
            return printErrors(ruleSets.errors(), context, ExitRuleSet);
        const RuleSet* ruleSet = nullptr;
        for (const RuleSet& candidate : *ruleSets)
            if (candidate.id == document->assessment.rulesetId)
                ruleSet = &candidate;
        if (!ruleSet)
            return printErrors({makeError(line.positional().front(), 0, "ruleset",
                                          "không có bộ quy tắc '" + document->assessment.rulesetId + "'",
                                          "no rule set '" + document->assessment.rulesetId + "'")},
                               context, ExitRuleSet);
        // The stored trace is rendered exactly as `system add` renders it, so an unchanged import compares equal.
        const std::string trace = assessmentToJson(document->assessment, *ruleSet, Lang::Vi);
        document->system.sourceFile.clear();
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context, ExitStorage);
        auto imported = (*store)->importDossier(*document, trace, currentActor(line));
        if (!imported)
            return printErrors(imported.errors(), context, ExitStorage);
        const bool vi = context.lang == Lang::Vi;
        if (*imported)
            *context.out << (vi ? "Đã nhập hồ sơ của hệ thống " : "Imported the dossier of system ")
                         << document->system.id << "\n";
        else
            *context.out << (vi ? "Không có thay đổi: hồ sơ của hệ thống " : "Nothing changed: the dossier of system ")
                         << document->system.id << (vi ? " đã có như vậy\n" : " is already stored as it is\n");
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierImportCommand()
{
    return std::make_unique<DossierImportCommand>();
}

} // namespace seclevel
