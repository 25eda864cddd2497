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

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

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

// Prints the HTML to PDF with headless Chromium (Debian's chromium package), as a person's browser would.
int printPdf(const std::string& html, const std::string& pdfPath, Context& context)
{
    namespace fs = std::filesystem;
    const char* browser = nullptr;
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (fs::exists(candidate))
            browser = candidate;
    if (!browser)
        return printErrors({makeError(pdfPath, 0, "--pdf", "cần cài chromium để in PDF (apt-get install chromium)",
                                      "printing to PDF needs chromium (apt-get install chromium)")},
                           context, ExitUsage);
    const fs::path work = fs::temp_directory_path() / ("seclevel-pdf-" + std::to_string(::getpid()));
    fs::create_directories(work);
    const fs::path htmlPath = work / "dossier.html";
    std::ofstream(htmlPath, std::ios::binary) << html;
    auto quote = [](const std::string& s) {
        std::string out = "'";
        for (char c : s)
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    };
    const std::string command = quote(browser) +
                                " --headless --no-sandbox --disable-gpu --disable-background-networking"
                                " --disable-component-update --no-first-run --disable-sync --no-pdf-header-footer"
                                " --user-data-dir=" + quote((work / "profile").string()) +
                                " --print-to-pdf=" + quote(fs::absolute(pdfPath).string()) + " " +
                                quote("file://" + htmlPath.string()) + " >/dev/null 2>&1";
    const int rc = std::system(command.c_str());
    std::error_code ec;
    fs::remove_all(work, ec);
    if (rc != 0 || !fs::exists(pdfPath))
        return printErrors({makeError(pdfPath, 0, "--pdf", "chromium không in được PDF", "chromium could not print the PDF")},
                           context, ExitInvalidInput);
    return ExitOk;
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
        specs.push_back({"form", true, {"html: mẫu số 1, 2, 5 hoặc 6 (NĐ331) thay cho toàn bộ hồ sơ", "html: form 1, 2, 5 or 6 (NĐ331) instead of the whole dossier"}});
        specs.push_back({"pdf", true, {"html: in thêm ra tệp PDF (cần chromium)", "html: also print to this PDF file (needs chromium)"}});
        for (const char* name : {"issuer", "superior", "number", "place", "date", "signer", "signer-title",
                                 "signer-authority", "addressee", "recipients"})
            specs.push_back({name, true, {"html: thông tin thể thức văn bản (Nghị định 30/2020)", "html: document header and signature data (Decree 30/2020)"}});
        specs.push_back({"output", true, {"tệp kết quả (mặc định đầu ra chuẩn)", "output file (default standard output)"}});
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã hệ thống", "expects exactly one system id");
        const std::string format = line.value("format").value_or("");
        if (format != "xml" && format != "json" && format != "html")
            return usageError(*this, context, "--format phải là xml, json hoặc html", "--format must be xml, json or html");
        const int form = line.value("form") ? std::atoi(line.value("form")->c_str()) : 0;
        if (line.value("form") && (format != "html" || !formSupported(form)))
            return usageError(*this, context, "--form cần --format html và là 1, 2, 5 hoặc 6",
                              "--form needs --format html and one of 1, 2, 5, 6");
        DocumentHeader header;
        if (format == "html") {
            auto date = line.value("date") ? parseIsoDate(*line.value("date")) : std::optional<Date>();
            if (line.value("date") && !date)
                return usageError(*this, context, "ngày không hợp lệ (YYYY-MM-DD)", "invalid date (YYYY-MM-DD)");
            header = headerFrom(line, date);
        }
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
        } else if (format == "json") {
            text = dossierDocumentToJson(*document, *session->ruleSet, context.lang);
        } else {
            const auto cssPath = std::filesystem::path(dataDirectory(line, context)) / "reports" / "dossier.css";
            auto css = readTextFile(cssPath.string(), 1u << 20);
            if (!css)
                return printErrors(css.errors(), context, ExitRuleSet);
            text = form ? formToHtml(form, *document, *session->dossierTemplate, *session->ruleSet, *css, context.lang, header)
                        : dossierToHtml(*document, *session->dossierTemplate, *session->ruleSet, *css, context.lang, header);
            if (auto pdf = line.value("pdf")) {
                if (int rc = printPdf(text, *pdf, context); rc != ExitOk)
                    return rc;
            }
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
