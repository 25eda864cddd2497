// seclevel dossier export SYSTEM --format xml|json|html [--form N] [--output FILE] [--pdf FILE] — the dossier
// as it travels to the appraiser (XML, JSON: system, answers, assessment with its trace, the dossier itself),
// or printed for signature (HTML laid out per Decree 30/2020, the whole dossier or one NĐ331 form; PDF through
// headless Chromium where it is installed).
#include "cli/Commands.h"
#include "cli/DossierCommands.h"
#include "formats/html/DossierHtml.h"
#include "formats/json/DossierJson.h"
#include "rules/XmlSchema.h"

#include "formats/xml/DossierXml.h"
#include <QProcess>
#include <QSaveFile>
#include <QString>
#include <QTemporaryDir>

#include <filesystem>
#include <iostream>

namespace seclevel {
namespace {

DocumentHeader headerFrom(const CommandLine& line, std::optional<Date> date)
{
    DocumentHeader header;
    header.issuerName = line.value("issuer").value_or("");
    header.superiorBody = line.value("superior").value_or("");
    header.numberSymbol = line.value("number").value_or("");
    header.place = line.value("place").value_or("");
    if (date)
        header.date = *date;
    header.signerName = line.value("signer").value_or("");
    header.signerTitle = line.value("signer-title").value_or("");
    header.signerAuthority = line.value("signer-authority").value_or("");
    header.addressee = line.value("addressee").value_or("");
    const std::string recipients = line.value("recipients").value_or("");
    for (size_t start = 0; start < recipients.size();) {
        size_t end = recipients.find(';', start);
        if (end == std::string::npos)
            end = recipients.size();
        if (end > start)
            header.recipients.push_back(recipients.substr(start, end - start));
        start = end + 1;
    }
    return header;
}

// Writes `text` to `path` atomically (QSaveFile): a failed export leaves no empty or partial file behind.
Result<bool> writeOutputFile(const std::string& path, const std::string& text)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.commit())
        return makeError(ErrorKind::InvalidInput, path, 0, {}, "không ghi được tệp", "cannot write the file");
    return true;
}

// Prints the HTML to PDF with headless Chromium (Debian's chromium package), as a person's browser would. The
// browser is started directly (QProcess, no shell), with a private profile in a temporary folder.
Result<bool> printPdf(const std::string& html, const std::string& pdfPath)
{
    namespace fs = std::filesystem;
    QString browser;
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (fs::exists(candidate))
            browser = candidate;
    if (browser.isEmpty())
        return makeError(ErrorKind::Usage, pdfPath, 0, "--pdf", "cần cài chromium để in PDF (apt-get install chromium)",
                         "printing to PDF needs chromium (apt-get install chromium)");
    QTemporaryDir work;
    if (!work.isValid())
        return makeError(ErrorKind::InvalidInput, pdfPath, 0, "--pdf", "không tạo được thư mục tạm",
                         "cannot create a temporary folder");
    const fs::path htmlPath = fs::path(work.path().toStdString()) / "dossier.html";
    if (auto written = writeOutputFile(htmlPath.string(), html); !written)
        return written;
    std::error_code ec;
    const std::string absolutePdf = fs::absolute(pdfPath, ec).string();
    QProcess chromium;
    chromium.setProcessChannelMode(QProcess::MergedChannels);
    chromium.start(browser, {"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--no-first-run", "--disable-sync", "--no-pdf-header-footer",
                             "--user-data-dir=" + work.path() + "/profile",
                             "--print-to-pdf=" + QString::fromStdString(absolutePdf),
                             "file://" + QString::fromStdString(htmlPath.string())});
    const bool finished = chromium.waitForFinished(120000);
    if (!finished)
        chromium.kill();
    if (!finished || chromium.exitStatus() != QProcess::NormalExit || chromium.exitCode() != 0 ||
        !fs::exists(pdfPath, ec))
        return makeError(ErrorKind::InvalidInput, pdfPath, 0, "--pdf", "chromium không in được PDF",
                         "chromium could not print the PDF");
    return true;
}

class DossierExportCommand final : public Command {
public:
    std::string name() const override { return "dossier export"; }
    LocalizedText summary() const override
    {
        return {"xuất hồ sơ đề xuất cấp độ (XML, JSON, hoặc HTML/PDF để in và ký)",
                "export the level-proposal dossier (XML, JSON, or HTML/PDF to print and sign)"};
    }
    std::string usage() const override
    {
        return "SYSTEM --format xml|json|html [--form 1|2|5|6] [--output FILE] [--pdf FILE] [--issuer NAME] "
               "[--superior NAME] [--number SỐ] [--place PLACE] [--date DATE] [--signer NAME] [--signer-title T] "
               "[--signer-authority KT.…] [--addressee NAME] [--recipients 'A;B'] [--db PATH]";
    }
    std::vector<OptionSpec> options() const override
    {
        auto specs = dossierOptions();
        specs.push_back({"format", true, {"xml, json hoặc html", "xml, json or html"}});
        specs.push_back({"form",
                         true,
                         {"html: mẫu số 1, 2, 5 hoặc 6 (NĐ331) thay cho toàn bộ hồ sơ",
                          "html: form 1, 2, 5 or 6 (NĐ331) instead of the whole dossier"}});
        specs.push_back(
            {"pdf",
             true,
             {"html: in thêm ra tệp PDF (cần chromium)", "html: also print to this PDF file (needs chromium)"}});
        for (const char* name : {"issuer", "superior", "number", "place", "date", "signer", "signer-title",
                                 "signer-authority", "addressee", "recipients"})
            specs.push_back({name,
                             true,
                             {"html: thông tin thể thức văn bản (Nghị định 30/2020)",
                              "html: document header and signature data (Decree 30/2020)"}});
        specs.push_back(
            {"output", true, {"tệp kết quả (mặc định đầu ra chuẩn)", "output file (default standard output)"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string format = line.value("format").value_or("");
        if (format != "xml" && format != "json" && format != "html")
            return usageError(*this, context, "--format phải là xml, json hoặc html",
                              "--format must be xml, json or html");
        std::optional<int> form;
        if (auto text = line.value("form")) {
            form = parseInteger(*text);
            if (format != "html" || !form || !formSupported(*form))
                return usageError(*this, context, "--form cần --format html và là 1, 2, 5 hoặc 6",
                                  "--form needs --format html and one of 1, 2, 5, 6");
        }
        DocumentHeader header;
        if (format == "html") {
            auto date = line.value("date") ? parseIsoDate(*line.value("date")) : std::optional<Date>();
            if (line.value("date") && !date)
                return usageError(*this, context, "ngày không hợp lệ (YYYY-MM-DD)", "invalid date (YYYY-MM-DD)");
            header = headerFrom(line, date);
        }
        int exitCode = ExitOk;
        auto run = startDossierRun(line, context, exitCode);
        if (!run)
            return exitCode;
        auto exported = run->service->exportDocument(line.positional().front());
        if (!exported)
            return printErrors(exported.errors(), context);
        printNotices(exported->notices, context);
        const DossierDocument& document = exported->document;
        std::string text;
        if (format == "xml") {
            auto schema = run->catalogue->dossierSchema();
            if (!schema)
                return printErrors(schema.errors(), context);
            auto xml = exportDossierXml(document, **schema);
            if (!xml)
                return printErrors(xml.errors(), context, ExitInternal);
            text = std::move(*xml);
        } else if (format == "json") {
            text = dossierDocumentToJson(document, *exported->ruleSet, context.lang);
        } else {
            auto css = run->catalogue->dossierStylesheet();
            if (!css)
                return printErrors(css.errors(), context);
            text = form ? formToHtml(*form, document, *exported->dossierTemplate, *exported->ruleSet, *css,
                                     context.lang, header)
                        : dossierToHtml(document, *exported->dossierTemplate, *exported->ruleSet, *css, context.lang,
                                        header, run->catalogue->instruments());
            if (auto pdf = line.value("pdf")) {
                if (auto printed = printPdf(text, *pdf); !printed)
                    return printErrors(printed.errors(), context);
            }
        }
        if (auto output = line.value("output")) {
            if (auto written = writeOutputFile(*output, text); !written)
                return printErrors(written.errors(), context);
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
