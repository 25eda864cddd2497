// seclevel dossier import FILE — store a dossier received as XML: system, answers, assessment and dossier in
// one transaction. The file is validated whole first; importing the same file again changes nothing.
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "formats/text/TerminalText.h"
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
    std::string usage() const override { return "FILE [--accept-disagreement] [--db PATH] [--as USER]"; }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back(
            {"accept-disagreement",
             false,
             {"vẫn nhập khi cấp độ trong hồ sơ khác kết quả seclevel tự xác định: lưu kết quả của seclevel kèm cảnh báo",
              "import even when the document's levels disagree with seclevel's own derivation: store seclevel's result with a warning"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một tệp XML", "expects exactly one XML file");
        int exitCode = ExitOk;
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        auto schema = run->catalogue->dossierSchema();
        if (!schema)
            return printErrors(schema.errors(), context);
        const std::string& file = line.positional().front();
        auto document = readDossierXmlFile(file, **schema);
        if (!document)
            return printErrors(document.errors(), context);
        // The sender's audit head: shown, never trusted (it names the sender's chain, not this store's).
        const std::string senderHead =
            document->auditHead.empty()
                ? std::string()
                : (document->auditHeadSeq ? std::to_string(*document->auditHeadSeq) + ":" : std::string()) +
                      document->auditHead;
        auto actor = currentActor(line, *run->store);
        if (!actor)
            return printErrors(actor.errors(), context);
        auto imported = run->service->importDocument(std::move(*document), file,
                                                     ImportOptions{line.flag("accept-disagreement")}, *actor);
        if (!imported)
            return printErrors(imported.errors(), context);
        printNotices(imported->notices, context);
        const bool vi = context.lang == Lang::Vi;
        if (imported->changed)
            *context.out << (vi ? "Đã nhập hồ sơ của hệ thống " : "Imported the dossier of system ")
                         << terminalSafe(imported->systemId) << "\n";
        else
            *context.out << (vi ? "Không có thay đổi: hồ sơ của hệ thống " : "Nothing changed: the dossier of system ")
                         << terminalSafe(imported->systemId)
                         << (vi ? " đã có như vậy\n" : " is already stored as it is\n");
        if (!senderHead.empty())
            *context.out << (vi ? "Đầu chuỗi nhật ký kiểm toán của bên gửi khi xuất (chỉ để đối chiếu với bên gửi): "
                                : "The sender's audit head at export (to check with the sender only): ")
                         << senderHead << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeDossierImportCommand()
{
    return std::make_unique<DossierImportCommand>();
}

} // namespace seclevel
