// seclevel export --format csv|xlsx|dossier-xml --output PATH — the stored inventory (or an organisation's
// subtree) in the layouts import reads, or one dossier XML file per system.
#include "app/ExportService.h"
#include "cli/Commands.h"
#include "cli/ProgressBar.h"
#include "core/TextSafety.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {
namespace {

class ExportCommand final : public Command {
public:
    std::string name() const override { return "export"; }
    LocalizedText summary() const override
    {
        return {"xuất danh mục hệ thống ra CSV, XLSX (nhập lại không đổi) hoặc hồ sơ XML hàng loạt",
                "export the system inventory to CSV, XLSX (re-importing changes nothing) or dossier XML in bulk"};
    }
    std::string usage() const override
    {
        return "--format csv|xlsx|dossier-xml --output PATH [--org ORG] [--mapping MAP] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        return {
            {"format", true, {"csv, xlsx hoặc dossier-xml", "csv, xlsx or dossier-xml"}},
            {"output",
             true,
             {"tệp (csv, xlsx), hoặc thư mục hay tệp .zip (dossier-xml) để ghi",
              "file (csv, xlsx), or folder or .zip archive (dossier-xml) to write"}},
            {"org",
             true,
             {"chỉ hệ thống của cơ quan này và các cơ quan trực thuộc",
              "only the systems of this organisation and those under it"}},
            {"mapping", true, {"ánh xạ cột (mặc định flat-component)", "column mapping (default flat-component)"}},
            {"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận tham số vị trí", "takes no positional arguments");
        const std::string format = line.value("format").value_or("");
        ExportRequest request;
        if (format == "csv")
            request.format = ExportFormat::Csv;
        else if (format == "xlsx")
            request.format = ExportFormat::Xlsx;
        else if (format == "dossier-xml")
            request.format = ExportFormat::DossierXml;
        else
            return usageError(*this, context, "--format phải là csv, xlsx hoặc dossier-xml",
                              "--format must be csv, xlsx or dossier-xml");
        if (!line.value("output"))
            return usageError(*this, context, "cần --output", "--output is required");
        if (request.format == ExportFormat::DossierXml && line.value("mapping"))
            return usageError(*this, context, "--mapping không dùng với dossier-xml",
                              "--mapping does not go with dossier-xml");
        request.output = *line.value("output");
        request.organisationId = line.value("org");
        request.mapping = line.value("mapping");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        ProgressBar bar(*context.err, ProgressBar::stderrIsTerminal(), context.lang);
        ExportService service(**catalogue, **store);
        auto report = service.exportTo(request, [&](std::size_t done, std::size_t total) {
            bar.update(context.lang == Lang::Vi ? "xuất" : "export", done, total);
        });
        bar.finish();
        if (!report)
            return printErrors(report.errors(), context);
        for (const LocalizedText& notice : report->notices)
            *context.err << (context.lang == Lang::Vi ? "cảnh báo: " : "warning: ") << notice.in(context.lang) << "\n";
        const bool vi = context.lang == Lang::Vi;
        *context.out << (vi ? "Đã xuất " : "Exported ") << groupedNumber(report->systems, context.lang)
                     << (vi ? " hệ thống" : " systems");
        if (request.format == ExportFormat::DossierXml)
            *context.out << (vi ? " (mỗi hệ thống một tệp XML) vào " : " (one XML file each) into ");
        else
            *context.out << " (" << groupedNumber(report->rows, context.lang)
                         << (vi ? " hàng, ánh xạ " : " rows, mapping ") << report->mappingId
                         << (vi ? ") vào " : ") to ");
        *context.out << escapeUnsafeCharacters(report->output) << "\n";
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeExportCommand()
{
    return std::make_unique<ExportCommand>();
}

} // namespace seclevel
