// seclevel workflow document SYSTEM SEQ [--format html] [--output FILE] [--place PLACE] — the document a
// recorded step issued (NĐ331 forms 03, 04, 06, 07 or their NĐ85 counterparts), filled from the store and
// printed in the Decree 30/2020 layout. SEQ is the step's number in `workflow show`.
#include "app/StepDocumentService.h"
#include "cli/Commands.h"
#include "formats/html/WorkflowDocumentHtml.h"

#include <QSaveFile>
#include <QString>

#include <ostream>

namespace seclevel {
namespace {

class WorkflowDocumentCommand final : public Command {
public:
    std::string name() const override { return "workflow document"; }
    LocalizedText summary() const override
    {
        return {"văn bản của một bước (mẫu 03, 04, 06, 07 NĐ331 hoặc văn bản tương ứng theo NĐ85), điền từ dữ liệu "
                "đã lưu, thể thức Nghị định 30/2020",
                "the document a step issued (NĐ331 forms 03, 04, 06, 07 or their NĐ85 counterparts), filled from the "
                "stored data, Decree 30/2020 layout"};
    }
    std::string usage() const override
    {
        return "SYSTEM SEQ [--format html] [--output FILE] [--place PLACE] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        return {
            {"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}},
            {"format", true, {"html (mặc định, duy nhất)", "html (the default and only one)"}},
            {"output", true, {"tệp kết quả (mặc định đầu ra chuẩn)", "output file (default standard output)"}},
            {"place",
             true,
             {"địa danh ở dòng ngày tháng (mặc định để trống để điền tay)",
              "the place of the date line (default a blank to fill by hand)"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 2)
            return usageError(*this, context, "cần mã hệ thống và số thứ tự của bước",
                              "expects a system id and the step's number");
        const std::string& id = line.positional()[0];
        const auto seq = parseInteger(line.positional()[1]);
        if (!seq || *seq < 1)
            return usageError(*this, context, "số thứ tự của bước phải là số nguyên dương (xem `workflow show`)",
                              "the step's number must be a positive integer (see `workflow show`)");
        if (line.value("format").value_or("html") != "html")
            return usageError(*this, context, "--format chỉ nhận html", "--format takes html only");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        StepDocumentService service(**catalogue, **store);
        auto view = service.document(id, *seq);
        if (!view)
            return printErrors(view.errors(), context);
        auto css = (*catalogue)->dossierStylesheet();
        if (!css)
            return printErrors(css.errors(), context);
        const std::string html = stepDocumentToHtml(*view->document, view->input, *view->ruleSet,
                                                    view->documents->version, *css, line.value("place").value_or(""));
        if (auto output = line.value("output")) {
            // Written whole or not at all (QSaveFile): a failure leaves no partial document behind.
            QSaveFile file(QString::fromStdString(*output));
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(html.data(), static_cast<qint64>(html.size())) != static_cast<qint64>(html.size()) ||
                !file.commit())
                return printErrors({makeError(ErrorKind::InvalidInput, *output, 0, "--output", "không ghi được tệp",
                                              "cannot write the file")},
                                   context);
            return ExitOk;
        }
        *context.out << html;
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeWorkflowDocumentCommand()
{
    return std::make_unique<WorkflowDocumentCommand>();
}

} // namespace seclevel
