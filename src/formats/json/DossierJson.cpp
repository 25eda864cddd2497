#include "formats/json/DossierJson.h"

#include "formats/json/AnswersFile.h"
#include "formats/json/AssessmentJson.h"

namespace seclevel {

void writeDossier(json::Writer& writer, const Dossier& dossier)
{
    writer.key("fields").beginObject();
    for (const auto& [key, text] : dossier.fields)
        writer.member(key, text);
    writer.endObject();
    writer.key("requirements").beginArray();
    for (const RequirementStatement& statement : dossier.requirements) {
        writer.beginObject()
            .member("group", statement.groupId)
            .member("item", statement.item)
            .member("status", requirementStatusName(statement.status))
            .member("how", statement.how);
        writer.key("planned_by");
        if (statement.plannedBy)
            writer.value(formatIsoDate(*statement.plannedBy));
        else
            writer.null();
        writer.endObject();
    }
    writer.endArray();
    writer.key("attachments").beginArray();
    for (const Attachment& attachment : dossier.attachments)
        writer.beginObject()
            .member("kind", attachment.kind)
            .member("name", attachment.name)
            .member("media_type", attachment.mediaType)
            .member("size", attachment.size)
            .member("sha256", attachment.sha256)
            .member("reference", attachment.reference)
            .endObject();
    writer.endArray();
}

std::string dossierDocumentToJson(const DossierDocument& document, const RuleSet& ruleSet, Lang lang)
{
    json::Writer writer;
    writer.beginObject();
    writer.key("system").beginObject();
    writer.member("id", document.system.id)
        .member("name", document.system.name)
        .member("owner", document.system.owner)
        .member("operator", document.system.operatorName)
        .member("organisation", document.system.organisationId);
    writer.key("answers");
    writeAnswerSet(writer, document.system.answers);
    writer.key("components").beginArray();
    for (const Component& component : document.system.components) {
        writer.beginObject().member("name", component.name).key("answers");
        writeAnswerSet(writer, component.answers);
        writer.endObject();
    }
    writer.endArray();
    writer.endObject();
    writer.key("assessment");
    writeAssessment(writer, document.assessment, ruleSet, lang);
    writer.member("approved_level", document.approvedLevel);
    writeDossier(writer, document.dossier);
    if (!document.auditHead.empty()) {
        writer.key("audit_head").beginObject();
        if (document.auditHeadSeq)
            writer.member("seq", *document.auditHeadSeq);
        writer.member("hash", document.auditHead).endObject();
    }
    writer.endObject();
    return writer.str();
}

} // namespace seclevel
