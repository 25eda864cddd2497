#pragma once
// The documents that steps of the appraisal and approval procedure issue — NĐ331 Annex forms 03 (request for
// the professional opinion), 04 (appraisal opinion), 06 (decision approving the level), 07 (decision approving
// the level-5 security plan) and their NĐ85 counterparts (legal note §3.1–3.5, §6.6). Their fixed wording is
// data (questionnaires/<ID>/documents.xml, schemas/step-documents.xsd), with placeholders such as
// `{system.name}` or `{ref.appraisal.number}` that are filled from the stored system, the step record and the
// earlier steps the document cites. Nothing here knows a store, a file or HTML.
#include "core/Date.h"
#include "core/Dossier.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// A piece of template text: literal text or a placeholder, optionally bold (`<b>` in the data).
struct TextPiece {
    std::string text;         // the literal, or the placeholder's name ("system.name")
    bool placeholder = false; // `{…}` in the data
    bool bold = false;
};
using TemplateText = std::vector<TextPiece>;

// When a block or line is shown: every condition given must hold.
struct DocumentCondition {
    std::vector<int> levels;         // the level the step was taken at; empty = any
    std::vector<std::string> steps;  // the step id being documented; empty = any
    std::vector<std::string> ifSet;  // placeholders that must have a value
    std::vector<std::string> unless; // placeholders that must have none
};

enum class DocumentBlockKind {
    Paragraph,   // a justified paragraph, first line indented
    Heading,     // a bold unindented line ("1. Thông tin chung")
    Decides,     // the centred "QUYẾT ĐỊNH:" of a decision
    List,        // "- …" lines
    Numbered,    // 1., 2., … lines
    Attachments, // the files recorded with the step (name, SHA-256), or the dossier's when `ofDossier`
};

struct DocumentLine {
    TemplateText text;
    DocumentCondition when;
};

struct DocumentBlock {
    DocumentBlockKind kind = DocumentBlockKind::Paragraph;
    std::vector<DocumentLine> lines; // one for a paragraph, heading or decides; the items of a list
    DocumentCondition when;
    bool ofDossier = false; // Attachments: the dossier's files instead of the step's
    std::string title;      // Attachments: the line above the table ("Tài liệu kèm theo:"), when there are files
};

// An earlier step the document refers to (e.g. the approval decision cites the appraisal opinion): the latest
// one with one of `steps` recorded before the documented step, in the same round (since the last approval)
// unless `anyRound`. Its values are `{ref.<id>.number}`, `.date`, `.issuer`, `.signer`, `.note`.
struct DocumentCitation {
    std::string id;
    std::vector<std::string> steps;
    bool anyRound = false;
};

struct DocumentTemplate {
    std::string id;        // what procedure.xml's step `document` attribute names ("nd331-04")
    std::string formLabel; // printed top right ("Mẫu số 04"); empty when the law prescribes no form
    std::string citation;  // the article behind the document
    std::vector<DocumentCitation> cites;
    std::string type;     // "QUYẾT ĐỊNH", "VĂN BẢN", "ĐỀ NGHỊ"
    TemplateText summary; // the trích yếu line
    std::optional<TemplateText> addressee;
    std::vector<DocumentLine> bases;     // each written whole: "Căn cứ …", "Theo đề nghị của …"
    std::optional<size_t> instrumentsAt; // where "Căn cứ <instrument>" lines of the rule set go among them
    std::vector<DocumentBlock> body;
    std::string signerAuthority; // "ĐẠI DIỆN CỦA CƠ QUAN, TỔ CHỨC", "THỦ TRƯỞNG CƠ QUAN"
    std::vector<DocumentLine> recipients;
};

struct DocumentSet {
    std::string rulesetId;
    std::string version;
    std::string sourceFile;
    std::vector<DocumentTemplate> documents;

    const DocumentTemplate* document(const std::string& id) const;
};

// Who acted for a step, as a document names them.
struct DocumentParty {
    std::string userId;
    std::string userName;
    std::string organisationName;
    std::string superiorName; // the organisation's parent, empty at a root
    std::string role;         // roleName()
};

struct CitedStep {
    std::string step;
    std::string documentNumber;
    std::optional<Date> documentDate; // else the step's date
    Date date{};
    std::string note;
    DocumentParty by;
};

// Everything a step document is filled from, gathered by the application from the store.
struct StepDocumentInput {
    std::string systemId;
    std::string systemName;
    std::string owner;
    std::string operatorName;
    std::string organisationName; // of the system
    std::string address;          // the operator's address from the dossier, else the owner's
    std::string securityUnit;     // the organisation holding the specialised-unit seat over the system
    std::string rulesetId;
    std::string rulesetVersion;   // of the rule set that judged the system
    std::string procedureVersion; // of the procedure that judged the step
    std::string stepId;
    std::string stepName; // Vietnamese
    int level = 0;        // the level the step was taken at
    int approvedLevel = 0;
    int seq = 0;
    Date date{};
    std::string documentNumber;
    std::optional<Date> documentDate;
    std::string note;
    DocumentParty signer;
    std::map<std::string, CitedStep> cited; // by DocumentCitation::id
    std::vector<Attachment> stepAttachments;
    std::vector<Attachment> dossierAttachments;
};

// The fixed placeholder names (besides `ref.<cite>.<field>`).
const std::vector<std::string>& documentPlaceholders();
// A name a template may use: a fixed one, or `ref.<id>.<field>` for one of `cites`.
bool isDocumentPlaceholder(const std::string& name, const std::vector<DocumentCitation>& cites);
// The value of a placeholder for this input; empty when the stored data has none (printed as a blank to fill
// by hand). Dates read dd/mm/yyyy.
std::string documentValue(const StepDocumentInput& input, const std::string& name);
bool conditionHolds(const DocumentCondition& condition, const StepDocumentInput& input);

} // namespace seclevel
