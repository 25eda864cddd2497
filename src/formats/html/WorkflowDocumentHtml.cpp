#include "formats/html/WorkflowDocumentHtml.h"

#include "formats/html/Decree30Html.h"
#include "formats/html/HtmlEscape.h"

#include <algorithm>

namespace seclevel {
namespace {

// What a value the store does not hold prints as: a blank to fill by hand, as printed forms have.
const char* const kBlank = "………";

std::string plainText(const TemplateText& text, const StepDocumentInput& input)
{
    std::string out;
    for (const TextPiece& piece : text) {
        if (!piece.placeholder) {
            out += piece.text;
            continue;
        }
        const std::string value = documentValue(input, piece.text);
        out += value.empty() ? std::string(kBlank) : value;
    }
    return out;
}

std::string htmlText(const TemplateText& text, const StepDocumentInput& input)
{
    std::string out;
    bool bold = false; // one <b> around a run of bold pieces ("<b>cấp độ {level}</b>")
    for (const TextPiece& piece : text) {
        if (piece.bold != bold) {
            out += piece.bold ? "<b>" : "</b>";
            bold = piece.bold;
        }
        if (piece.placeholder) {
            const std::string value = documentValue(input, piece.text);
            out += value.empty() ? std::string(kBlank) : escapeHtml(value, true);
        } else {
            out += escapeHtml(piece.text);
        }
    }
    if (bold)
        out += "</b>";
    return out;
}

std::string attachmentsTable(const std::vector<Attachment>& attachments)
{
    if (attachments.empty())
        return {};
    std::string out = "<table class=\"grid\">\n<thead><tr><th>STT</th><th>Tệp</th><th>Dung lượng (byte)</th>"
                      "<th>SHA-256</th></tr></thead>\n<tbody>\n";
    int number = 0;
    for (const Attachment& a : attachments) {
        out += "<tr><td class=\"centre\">";
        out += std::to_string(++number);
        out += "</td><td>";
        out += escapeHtml(a.name);
        out += "</td><td class=\"number\">";
        out += std::to_string(a.size);
        out += "</td><td class=\"hash\">";
        out += escapeHtml(a.sha256);
        out += "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

std::string block(const DocumentBlock& b, const StepDocumentInput& input)
{
    std::string out;
    switch (b.kind) {
    case DocumentBlockKind::Paragraph:
    case DocumentBlockKind::Heading:
    case DocumentBlockKind::Decides: {
        const char* open = b.kind == DocumentBlockKind::Paragraph ? "<p>"
                           : b.kind == DocumentBlockKind::Heading ? "<p class=\"list-title\">"
                                                                  : "<p class=\"decides\">";
        for (const DocumentLine& line : b.lines) {
            out += open;
            out += htmlText(line.text, input);
            out += "</p>\n";
        }
        break;
    }
    case DocumentBlockKind::List:
    case DocumentBlockKind::Numbered: {
        const bool numbered = b.kind == DocumentBlockKind::Numbered;
        std::string items;
        for (const DocumentLine& line : b.lines) {
            if (!conditionHolds(line.when, input))
                continue;
            items += numbered ? "<li>" : "<li>- ";
            items += htmlText(line.text, input);
            items += "</li>\n";
        }
        if (!items.empty()) {
            out += numbered ? "<ol class=\"numbered\">\n" : "<ul class=\"plain\">\n";
            out += items;
            out += numbered ? "</ol>\n" : "</ul>\n";
        }
        break;
    }
    case DocumentBlockKind::Attachments: {
        const std::vector<Attachment>& files = b.ofDossier ? input.dossierAttachments : input.stepAttachments;
        if (!files.empty() && !b.title.empty()) {
            out += "<p class=\"list-title\">";
            out += escapeHtml(b.title);
            out += "</p>\n";
        }
        out += attachmentsTable(files);
        break;
    }
    }
    return out;
}

} // namespace

std::string stepDocumentToHtml(const DocumentTemplate& document, const StepDocumentInput& input, const RuleSet& ruleSet,
                               const std::string& documentsVersion, const std::string& css, const std::string& place)
{
    DocumentHeader header;
    header.issuerName = input.signer.organisationName;
    header.superiorBody = input.signer.superiorName;
    header.numberSymbol = input.documentNumber;
    header.place = place;
    header.date = input.documentDate.value_or(input.date);
    if (document.addressee)
        header.addressee = plainText(*document.addressee, input);
    header.signerAuthority = document.signerAuthority;
    header.signerName = documentValue(input, "signer.name");
    // Each recipient once, and never the issuing body itself (its copy is "Lưu: VT").
    for (const DocumentLine& line : document.recipients) {
        if (!conditionHolds(line.when, input))
            continue;
        std::string recipient = plainText(line.text, input);
        if (recipient != header.issuerName &&
            std::find(header.recipients.begin(), header.recipients.end(), recipient) == header.recipients.end())
            header.recipients.push_back(std::move(recipient));
    }

    std::vector<std::string> bases;
    for (size_t i = 0; i <= document.bases.size(); ++i) {
        if (document.instrumentsAt == i)
            for (const std::string& title : decree30::legalBases(ruleSet)) {
                std::string line = "Căn cứ ";
                line += title;
                bases.push_back(std::move(line));
            }
        if (i < document.bases.size() && conditionHolds(document.bases[i].when, input))
            bases.push_back(plainText(document.bases[i].text, input));
    }

    const std::string summary = plainText(document.summary, input);
    std::string out = decree30::openDocument(document.type + " — " + summary, css, Lang::Vi);
    out += decree30::formLabel(document.formLabel);
    out += decree30::headerBlock(header);
    out += decree30::titleBlock(document.type, summary);
    if (document.addressee)
        out += decree30::addresseeBlock(header);
    out += decree30::basisLines(bases);
    out += "<div class=\"body\">\n";
    for (const DocumentBlock& b : document.body)
        if (conditionHolds(b.when, input))
            out += block(b, input);
    out += "</div>\n";
    out += decree30::signatureBlock(header, true);
    // Which data made the document (Decree 30 Art 8.3 allows such a drafting mark): the system, the step and
    // the rule set and template versions.
    std::string note = "Lập từ dữ liệu seclevel: hệ thống " + input.systemId + ", bước số " +
                       std::to_string(input.seq) + " (" + input.stepId + "), bộ quy tắc " + input.rulesetId + " v" +
                       input.rulesetVersion + ", thủ tục v" + input.procedureVersion + ", mẫu văn bản " + document.id +
                       " v" + documentsVersion + " (" + document.citation + ").";
    out += "<p class=\"generated-note\">";
    out += escapeHtml(note);
    out += "</p>\n";
    out += decree30::closeDocument();
    return out;
}

} // namespace seclevel
