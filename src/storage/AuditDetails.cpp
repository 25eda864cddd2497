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

} // namespace seclevel::storage
