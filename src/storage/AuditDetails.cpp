#include "storage/AuditDetails.h"

#include "codec/StoredEncoding.h"
#include "core/Sha256.h"

namespace seclevel::storage {

using codec::jsonString;

namespace {

std::string answerChanges(const AnswerChanges& changes)
{
    std::string out = "[";
    for (const auto& [where, values] : changes) {
        if (out.size() > 1)
            out += ',';
        out += "{\"component\":";
        out += jsonString(where.first);
        out += ",\"key\":";
        out += jsonString(where.second);
        out += ",\"old\":";
        out += jsonString(values.first);
        out += ",\"new\":";
        out += jsonString(values.second);
        out += '}';
    }
    out += ']';
    return out;
}

std::string itemChanges(const std::vector<DossierItemChange>& changes)
{
    std::string out = "[";
    for (const DossierItemChange& change : changes) {
        if (out.size() > 1)
            out += ',';
        out += "{\"key\":";
        out += jsonString(change.key);
        out += ",\"old\":";
        out += jsonString(change.oldValue);
        out += ",\"new\":";
        out += jsonString(change.newValue);
        out += '}';
    }
    out += ']';
    return out;
}

} // namespace

std::string organisationDetails(const Organisation& organisation)
{
    std::string out = "{\"id\":";
    out += jsonString(organisation.id);
    out += ",\"name\":";
    out += jsonString(organisation.name);
    out += ",\"parent\":";
    out += jsonString(organisation.parentId);
    if (!organisation.authorityCode.empty()) { // absent for ordinary bodies: earlier entries keep their text
        out += ",\"authority\":";
        out += jsonString(organisation.authorityCode);
    }
    out += '}';
    return out;
}

std::string systemDetails(const SystemDescription& system)
{
    std::string out = "{\"id\":";
    out += jsonString(system.id);
    out += ",\"name\":";
    out += jsonString(system.name);
    out += ",\"owner\":";
    out += jsonString(system.owner);
    out += ",\"operator\":";
    out += jsonString(system.operatorName);
    out += ",\"organisation\":";
    out += jsonString(system.organisationId);
    out += ",\"answers\":";
    out += codec::encodeAnswerSet(system.answers);
    out += ",\"components\":[";
    for (size_t i = 0; i < system.components.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"name\":";
        out += jsonString(system.components[i].name);
        out += ",\"answers\":";
        out += codec::encodeAnswerSet(system.components[i].answers);
        out += '}';
    }
    out += "]}";
    return out;
}

std::string systemUpdateDetails(const SystemDescription& system, const AnswerChanges& changes)
{
    std::string out = "{\"system\":";
    out += systemDetails(system);
    out += ",\"answer_changes\":";
    out += answerChanges(changes);
    out += '}';
    return out;
}

std::string assessmentDetails(const std::string& systemId, const Assessment& assessment)
{
    std::string out = "{\"system\":";
    out += jsonString(systemId);
    out += ",\"ruleset_id\":";
    out += jsonString(assessment.rulesetId);
    out += ",\"ruleset_version\":";
    out += jsonString(assessment.rulesetVersion);
    out += ",\"derived_level\":";
    out += std::to_string(assessment.derivedLevel);
    out += ",\"proposed_level\":";
    out += std::to_string(assessment.proposedLevel);
    out += ",\"justification\":";
    out += jsonString(assessment.justification);
    out += ",\"sha256\":\"";
    out += sha256Hex(codec::encodeAssessment(assessment));
    out += "\"}";
    return out;
}

std::string dossierDetails(const std::string& systemId, const std::vector<DossierItemChange>& changes)
{
    std::string out = "{\"system\":";
    out += jsonString(systemId);
    out += ",\"changes\":";
    out += itemChanges(changes);
    out += '}';
    return out;
}

std::string attachmentDetails(const std::string& systemId, const Attachment& attachment,
                              const std::vector<DossierItemChange>& changes)
{
    std::string out = "{\"system\":";
    out += jsonString(systemId);
    out += ",\"kind\":";
    out += jsonString(attachment.kind);
    out += ",\"name\":";
    out += jsonString(attachment.name);
    out += ",\"size\":";
    out += std::to_string(attachment.size);
    out += ",\"sha256\":";
    out += jsonString(attachment.sha256);
    out += ",\"changes\":";
    out += itemChanges(changes);
    out += '}';
    return out;
}

std::string importDetails(const SystemDescription& system, bool systemChanged, const AnswerChanges& changes,
                          const Assessment* recorded, const std::vector<DossierItemChange>& dossierChanges)
{
    std::string out = "{\"system\":";
    out += systemChanged ? systemDetails(system) : std::string("null");
    out += ",\"answer_changes\":";
    out += answerChanges(changes);
    out += ",\"assessment\":";
    out += recorded ? assessmentDetails(system.id, *recorded) : std::string("null");
    out += ",\"dossier_changes\":";
    out += itemChanges(dossierChanges);
    out += '}';
    return out;
}

namespace {

void appendField(std::string& out, const char* key, const std::string& value)
{
    out += ",\"";
    out += key;
    out += "\":";
    out += jsonString(value);
}

void appendNumber(std::string& out, const char* key, long long value)
{
    out += ",\"";
    out += key;
    out += "\":";
    out += std::to_string(value);
}

void appendAttachments(std::string& out, const std::vector<Attachment>& attachments)
{
    out += ",\"attachments\":[";
    for (size_t i = 0; i < attachments.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"name\":";
        out += jsonString(attachments[i].name);
        appendNumber(out, "size", static_cast<long long>(attachments[i].size));
        appendField(out, "sha256", attachments[i].sha256);
        out += '}';
    }
    out += ']';
}

} // namespace

std::string userDetails(const User& user)
{
    std::string out = "{\"id\":";
    out += jsonString(user.id);
    appendField(out, "name", user.name);
    out += ",\"roles\":[";
    for (size_t i = 0; i < user.memberships.size(); ++i) {
        if (i)
            out += ',';
        out += "{\"organisation\":";
        out += jsonString(user.memberships[i].organisationId);
        appendField(out, "role", roleName(user.memberships[i].role));
        out += '}';
    }
    out += "]}";
    return out;
}

std::string workflowStepDetails(const WorkflowStepRecord& r)
{
    std::string out = "{\"system\":";
    out += jsonString(r.systemId);
    appendNumber(out, "seq", r.seq);
    appendField(out, "step", r.step);
    appendField(out, "from", r.fromState);
    appendField(out, "to", r.toState);
    appendField(out, "ruleset", r.rulesetId);
    appendField(out, "version", r.rulesetVersion);
    appendNumber(out, "level", r.level);
    appendNumber(out, "approved_level", r.approvedLevel);
    appendField(out, "date", formatIsoDate(r.date));
    appendField(out, "number", r.documentNumber);
    appendField(out, "document_date", r.documentDate ? formatIsoDate(*r.documentDate) : std::string());
    appendField(out, "note", r.note);
    appendAttachments(out, r.attachments);
    out += '}';
    return out;
}

std::string dutyDetails(const DutyRecord& r)
{
    std::string out = "{\"system\":";
    out += jsonString(r.systemId);
    appendField(out, "duty", r.dutyId);
    appendField(out, "fulfilled_on", formatIsoDate(r.fulfilledOn));
    appendField(out, "number", r.documentNumber);
    appendField(out, "note", r.note);
    appendAttachments(out, r.attachments);
    if (!r.assessor.empty() || !r.assessorKind.empty() || !r.assessorReference.empty()) {
        appendField(out, "assessor", r.assessor);
        appendField(out, "assessor_kind", r.assessorKind);
        appendField(out, "assessor_reference", r.assessorReference);
    }
    out += '}';
    return out;
}

std::string calendarAnnouncementDetails(int year, const std::string& xmlText)
{
    std::string out = "{\"year\":";
    out += std::to_string(year);
    appendField(out, "sha256", sha256Hex(xmlText));
    out += '}';
    return out;
}

} // namespace seclevel::storage
