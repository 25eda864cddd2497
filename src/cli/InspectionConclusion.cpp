// seclevel inspection conclusion ID --format html|xml / remediation report ID — the inspection conclusion (kết
// luận thanh tra) from the stored findings, printable HTML in the Decree 30 layout or XML
// (schemas/inspection-conclusion.xsd, validated before it is printed); and the remediation report per unit (HTML).
#include "app/Catalogue.h"
#include "app/FindingService.h"
#include "cli/Commands.h"
#include "cli/UserCommands.h"
#include "formats/html/InspectionConclusionHtml.h"
#include "formats/xml/InspectionConclusionXml.h"
#include "rules/XmlSchema.h"
#include "storage/Store.h"

#include <filesystem>
#include <ostream>

namespace seclevel {
namespace {

class InspectionConclusionCommand final : public Command {
public:
    explicit InspectionConclusionCommand(bool remediation) : m_remediation(remediation) {}
    std::string name() const override { return m_remediation ? "remediation report" : "inspection conclusion"; }
    LocalizedText summary() const override
    {
        return m_remediation ? LocalizedText{"báo cáo kết quả khắc phục theo từng đơn vị (HTML)",
                                             "the remediation report per unit (HTML)"}
                             : LocalizedText{"kết luận thanh tra (HTML theo Nghị định 30, hoặc XML)",
                                             "the inspection conclusion (HTML in the Decree 30 layout, or XML)"};
    }
    std::string usage() const override
    {
        return std::string("ID ") + (m_remediation ? "" : "--format html|xml ") +
               "[--as-of DATE] [--report-by DATE] [--number NUMBER] [--place PLACE] [--signer NAME] "
               "[--signer-title TITLE] [--db PATH] [--as USER]";
    }
    std::vector<OptionSpec> options() const override
    {
        std::vector<OptionSpec> specs = {
            {"as-of", true, {"tính đến ngày (YYYY-MM-DD)", "as of (YYYY-MM-DD)"}},
            {"report-by",
             true,
             {"thời hạn báo cáo kết quả khắc phục (YYYY-MM-DD)", "deadline to report remediation (YYYY-MM-DD)"}},
            {"number", true, {"số, ký hiệu văn bản", "number and symbol of the document"}},
            {"place", true, {"địa danh", "place"}},
            {"signer", true, {"người ký", "signer"}},
            {"signer-title", true, {"chức vụ người ký", "signer's title"}}};
        if (!m_remediation)
            specs.push_back({"format", true, {"định dạng: html, xml", "format: html, xml"}});
        for (OptionSpec& spec : writeOptions())
            specs.push_back(std::move(spec));
        return specs;
    }
    int run(const CommandLine& line, Context& context) override
    {
        if (line.positional().size() != 1)
            return usageError(*this, context, "cần đúng một mã cuộc thanh tra", "expects exactly one inspection id");
        const std::string format = m_remediation ? "html" : line.value("format").value_or("html");
        if (format != "html" && format != "xml")
            return usageError(*this, context, "định dạng: html, xml", "format: html, xml");
        int exitCode = ExitOk;
        auto asOf = dateOption(line, "as-of", context, exitCode);
        if (!asOf)
            return exitCode;
        std::optional<Date> reportBy;
        if (line.value("report-by")) {
            reportBy = dateOption(line, "report-by", context, exitCode);
            if (!reportBy)
                return exitCode;
        }
        auto session = openActingSession(line, context);
        if (!session)
            return printErrors(session.errors(), context);
        FindingService service(*session->catalogue, *session->store);
        auto conclusion = service.conclusion(line.positional().front(), *asOf, reportBy, session->actor);
        if (!conclusion)
            return printErrors(conclusion.errors(), context);
        if (format == "xml") {
            const std::string xml = inspectionConclusionToXml(*conclusion);
            auto schema = XmlSchema::load(
                (std::filesystem::path(session->catalogue->dataDirectory()) / "schemas" / "inspection-conclusion.xsd")
                    .string());
            if (!schema)
                return printErrors(schema.errors(), context);
            if (Errors errors = (*schema)->validate(xml, "inspection-conclusion.xml"); !errors.empty())
                return printErrors(withKind(errors, ErrorKind::Internal), context);
            *context.out << xml;
            return ExitOk;
        }
        auto css = session->catalogue->dossierStylesheet();
        if (!css)
            return printErrors(css.errors(), context);
        DocumentHeader header;
        header.issuerName = conclusion->inspectingBodyName;
        header.numberSymbol = line.value("number").value_or("");
        header.place = line.value("place").value_or("");
        header.date = *asOf;
        header.signerName = line.value("signer").value_or("");
        header.signerTitle = line.value("signer-title").value_or("");
        const InstrumentRegister& instruments = session->catalogue->instruments();
        *context.out << (m_remediation ? remediationReportToHtml(*conclusion, instruments, *css, header)
                                       : inspectionConclusionToHtml(*conclusion, instruments, *css, header));
        return ExitOk;
    }

private:
    bool m_remediation;
};

} // namespace

std::unique_ptr<Command> makeInspectionConclusionCommand()
{
    return std::make_unique<InspectionConclusionCommand>(false);
}

std::unique_ptr<Command> makeRemediationReportCommand()
{
    return std::make_unique<InspectionConclusionCommand>(true);
}

} // namespace seclevel
