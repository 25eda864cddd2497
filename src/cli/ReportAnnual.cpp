// seclevel report annual --org ORG --year Y --format html|xml|csv|xlsx [--output FILE] — the annual report on
// information-system security of an owner organisation and the organisations under it (TT12 Art 13–14 up to
// the report of 2025, NĐ331 Art 35–36 Form 08 from 2026): data period 15/12/(Y−1)–14/12/Y, the totals and the
// twelve-column table, printable (HTML, Decree 30 layout, A4 landscape) or as data (XML per
// schemas/annual-report.xsd, CSV, XLSX).
#include "app/ReportService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/report/AnnualReportHtml.h"
#include "formats/report/AnnualReportSheet.h"
#include "formats/report/AnnualReportXml.h"

#include <QSaveFile>
#include <QString>

#include <charconv>
#include <filesystem>
#include <ostream>

namespace seclevel {
namespace {

// Writes `text` to `path` atomically (QSaveFile): a failed write leaves no partial file behind.
Result<bool> writeText(const std::string& path, const std::string& text)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.commit())
        return makeError(ErrorKind::InvalidInput, path, 0, "output", "không ghi được tệp", "cannot write the file");
    return true;
}

// The workbook goes to a temporary file beside `path` and is renamed over it once complete.
Result<bool> writeXlsx(const AnnualReport& report, const std::string& path, Lang lang)
{
    namespace fs = std::filesystem;
    std::string partial = path;
    partial += ".partial";
    auto written = writeAnnualReportXlsx(report, partial, lang);
    std::error_code ec;
    if (!written) {
        fs::remove(partial, ec);
        return written.errors();
    }
    fs::rename(partial, path, ec);
    if (ec) {
        fs::remove(partial, ec);
        return makeError(ErrorKind::InvalidInput, path, 0, "output", "không ghi được tệp", "cannot write the file");
    }
    return true;
}

class ReportAnnualCommand final : public Command {
public:
    std::string name() const override { return "report annual"; }
    LocalizedText summary() const override
    {
        return {"báo cáo năm về bảo đảm an toàn/an ninh mạng hệ thống thông tin (TT12 Điều 14, Mẫu 08 NĐ331)",
                "the annual report on information-system security (TT12 Art 14, NĐ331 Form 08)"};
    }
    std::string usage() const override
    {
        return "--org ORG --year YEAR --format html|xml|csv|xlsx [--output FILE] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        return {
            {"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}},
            {"org",
             true,
             {"cơ quan chủ quản báo cáo (cùng các cơ quan cấp dưới)", "the reporting owner (and those below it)"}},
            {"year",
             true,
             {"năm báo cáo (số liệu 15/12 năm trước – 14/12)", "report year (data 15/12 of the year before – 14/12)"}},
            {"format", true, {"html, xml, csv hoặc xlsx", "html, xml, csv or xlsx"}},
            {"output",
             true,
             {"tệp kết quả (mặc định đầu ra chuẩn; bắt buộc với xlsx)",
              "output file (default standard output; required for xlsx)"}}};
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (!line.positional().empty())
            return usageError(*this, context, "không nhận đối số", "takes no arguments");
        const auto org = line.value("org");
        const auto yearText = line.value("year");
        const std::string format = line.value("format").value_or("");
        if (!org || org->empty())
            return usageError(*this, context, "thiếu --org", "--org is required");
        int year = 0;
        if (!yearText ||
            std::from_chars(yearText->data(), yearText->data() + yearText->size(), year).ec != std::errc{} ||
            std::to_string(year) != *yearText || year < 1900 || year > 2200)
            return usageError(*this, context, "--year phải là một năm (ví dụ 2026)",
                              "--year must be a year (e.g. 2026)");
        if (format != "html" && format != "xml" && format != "csv" && format != "xlsx")
            return usageError(*this, context, "--format phải là html, xml, csv hoặc xlsx",
                              "--format must be html, xml, csv or xlsx");
        const auto output = line.value("output");
        if (format == "xlsx" && !output)
            return usageError(*this, context, "xlsx cần --output FILE", "xlsx needs --output FILE");
        auto catalogue = loadCatalogue(line, context);
        if (!catalogue)
            return printErrors(catalogue.errors(), context);
        auto store = openStore(line);
        if (!store)
            return printErrors(store.errors(), context);
        ReportService reports(**catalogue, **store);
        auto report = reports.annual(*org, year);
        if (!report)
            return printErrors(report.errors(), context);
        if (format == "xlsx") {
            if (auto written = writeXlsx(*report, *output, context.lang); !written)
                return printErrors(written.errors(), context);
            return ExitOk;
        }
        std::string text;
        if (format == "html") {
            auto css = reports.stylesheet();
            if (!css)
                return printErrors(css.errors(), context);
            text = annualReportHtml(*report, *css, context.lang);
        } else if (format == "xml") {
            text = annualReportXml(*report);
        } else {
            text = annualReportCsv(*report, context.lang);
        }
        if (output) {
            if (auto written = writeText(*output, text); !written)
                return printErrors(written.errors(), context);
            return ExitOk;
        }
        *context.out << text;
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeReportAnnualCommand()
{
    return std::make_unique<ReportAnnualCommand>();
}

} // namespace seclevel
