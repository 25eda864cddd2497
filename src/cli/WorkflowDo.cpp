// seclevel workflow do SYSTEM STEP --as USER — take a step of the appraisal and approval procedure.
#include "app/WorkflowService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "io/InputFile.h"
#include "storage/Store.h"

#include <filesystem>
#include <ostream>

namespace seclevel {
namespace {

class WorkflowDoCommand final : public Command {
public:
    std::string name() const override { return "workflow do"; }
    LocalizedText summary() const override
    {
        return {"thực hiện một bước thẩm định, phê duyệt (bị từ chối kèm điều khoản nếu không có thẩm quyền)",
                "take a step of appraisal and approval (refused with the article when not allowed)"};
    }
    std::string usage() const override
    {
        return "SYSTEM STEP [--as USER] [--date D] [--number N] [--document-date D] [--note TEXT] [--attach FILE] "
               "[--attachments DIR] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"date", true, {"ngày bước có hiệu lực (mặc định hôm nay)", "date the step takes effect (default today)"}},
            {"number", true, {"số văn bản của bước (quyết định, văn bản thẩm định…)", "number of the step's document"}},
            {"document-date", true, {"ngày ký văn bản", "date the document was signed"}},
            {"note", true, {"nội dung, lý do, kết luận", "decision text, reasons, conclusion"}},
            {"attach", true, {"tệp văn bản đính kèm", "file of the document to attach"}},
            {"attachments",
             true,
             {"thư mục chứa tài liệu tham chiếu của hồ sơ nhập (cho kiểm tra hồ sơ)",
              "folder with the referenced files of an imported dossier (for the dossier check)"}}};
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        const auto& args = line.positional();
        if (args.size() != 2)
            return usageError(*this, context, "cần SYSTEM STEP", "expects SYSTEM STEP");
        StepRequest request;
        request.step = args[1];
        for (const char* option : {"date", "document-date"})
            if (auto text = line.value(option)) {
                auto date = parseIsoDate(*text);
                if (!date)
                    return usageError(*this, context, std::string("--") + option + " cần ngày YYYY-MM-DD",
                                      std::string("--") + option + " needs a YYYY-MM-DD date");
                (std::string(option) == "date" ? request.date : request.documentDate) = date;
            }
        request.documentNumber = line.value("number").value_or("");
        request.note = line.value("note").value_or("");
        request.references.attachmentsDir = line.value("attachments");
        int exitCode = ExitOk;
        auto attachments = attachmentOption(line, context, exitCode);
        if (!attachments)
            return exitCode;
        request.attachments = std::move(*attachments);
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        WorkflowService service(**catalogue, **store);
        auto record = service.perform(args[0], request, actingUserId(line), std::chrono::system_clock::now());
        if (!record)
            return printErrors(record.errors(), context);
        const bool vi = context.lang == Lang::Vi;
        *context.out << (vi ? "Đã ghi bước " : "Recorded step ") << record->seq << ": " << record->step << " ("
                     << record->fromState << " → " << record->toState << ")";
        if (record->approvedLevel > 0)
            *context.out << (vi ? " — cấp độ đã phê duyệt: " : " — approved level: ") << record->approvedLevel;
        *context.out << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeWorkflowDoCommand()
{
    return std::make_unique<WorkflowDoCommand>();
}

} // namespace seclevel
