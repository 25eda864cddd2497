#include "app/StepDocumentService.h"

#include "app/UserService.h"

#include <algorithm>

namespace seclevel {
namespace {

const Organisation* findOrganisation(const std::vector<Organisation>& organisations, const std::string& id)
{
    for (const Organisation& o : organisations)
        if (o.id == id)
            return &o;
    return nullptr;
}

DocumentParty party(const RecordedActor& actor, const std::vector<Organisation>& organisations,
                    const std::vector<User>& users)
{
    DocumentParty p;
    p.userId = actor.userId;
    p.role = actor.role;
    for (const User& u : users)
        if (u.id == actor.userId)
            p.userName = u.name;
    if (const Organisation* o = findOrganisation(organisations, actor.organisationId)) {
        p.organisationName = o->name;
        if (const Organisation* parent = findOrganisation(organisations, o->parentId))
            p.superiorName = parent->name;
    } else {
        p.organisationName = actor.organisationId;
    }
    return p;
}

std::string field(const Dossier& dossier, const std::string& key)
{
    auto found = dossier.fields.find(key);
    return found == dossier.fields.end() || isBlank(found->second) ? std::string() : found->second;
}

} // namespace

Result<StepDocumentView> StepDocumentService::document(const std::string& systemId, int seq)
{
    auto system = m_store.system(systemId);
    if (!system)
        return system.errors();
    if (!*system)
        return makeError(ErrorKind::NotFound, "", 0, systemId, "không có hệ thống '" + systemId + "'",
                         "no system '" + systemId + "'");
    auto history = m_store.workflowSteps(systemId);
    if (!history)
        return history.errors();
    const auto at =
        std::find_if(history->begin(), history->end(), [&](const WorkflowStepRecord& r) { return r.seq == seq; });
    if (at == history->end())
        return makeError(ErrorKind::NotFound, "", 0, std::to_string(seq),
                         "hệ thống '" + systemId + "' không có bước số " + std::to_string(seq) +
                             " (xem `seclevel workflow show " + systemId + "`)",
                         "system '" + systemId + "' has no step number " + std::to_string(seq) +
                             " (see `seclevel workflow show " + systemId + "`)");
    const WorkflowStepRecord& record = *at;
    auto procedure = m_catalogue.procedure(record.rulesetId);
    if (!procedure)
        return procedure.errors();
    const ProcedureStep* step = (*procedure)->step(record.step, record.level);
    if (!step || step->document.empty()) {
        const std::string form = step ? step->form : std::string();
        return makeError(
            ErrorKind::NotFound, "", 0, record.step,
            "bước số " + std::to_string(seq) + " (" + record.step +
                ") không ban hành văn bản nào theo mẫu; chỉ các bước xin ý kiến chuyên môn, thẩm định "
                "và phê duyệt có văn bản" +
                (form.empty() ? std::string()
                              : " (" + form + ": `seclevel dossier export " + systemId + " --format html --form N`)"),
            "step number " + std::to_string(seq) + " (" + record.step +
                ") issues no templated document; only requesting the professional opinion, appraising "
                "and approving do" +
                (form.empty() ? std::string()
                              : " (" + form + ": `seclevel dossier export " + systemId + " --format html --form N`)"));
    }
    auto documents = m_catalogue.stepDocuments(record.rulesetId);
    if (!documents)
        return documents.errors();
    const DocumentTemplate* document = (*documents)->document(step->document);
    const RuleSet* ruleSet = m_catalogue.ruleSet(record.rulesetId);
    if (!document || !ruleSet) // the loader checks every document a step names
        return makeError(ErrorKind::RuleSet, "", 0, step->document,
                         "không có mẫu văn bản '" + step->document + "' của bộ quy tắc '" + record.rulesetId + "'",
                         "no document template '" + step->document + "' in rule set '" + record.rulesetId + "'");

    auto organisations = m_store.organisations();
    if (!organisations)
        return organisations.errors();
    auto users = m_store.users();
    if (!users)
        return users.errors();
    auto dossier = m_store.dossier(systemId);
    if (!dossier)
        return dossier.errors();

    const SystemDescription& description = (*system)->description;
    StepDocumentView view;
    view.documents = *documents;
    view.document = document;
    view.ruleSet = ruleSet;
    StepDocumentInput& in = view.input;
    in.systemId = description.id;
    in.systemName = description.name;
    in.owner = description.owner;
    in.operatorName = description.operatorName;
    if (const Organisation* o = findOrganisation(*organisations, description.organisationId))
        in.organisationName = o->name;
    in.address = field(*dossier, "A.2.operator_address");
    if (in.address.empty())
        in.address = field(*dossier, "A.1.owner_address");
    // The specialised unit over the system: the nearest organisation up the tree where someone holds that seat.
    for (const std::string& id : organisationChain(*organisations, description.organisationId)) {
        const bool seat = std::any_of(users->begin(), users->end(), [&](const User& u) {
            return std::any_of(u.memberships.begin(), u.memberships.end(), [&](const Membership& m) {
                return m.role == Role::SecurityUnit && m.organisationId == id;
            });
        });
        if (seat) {
            if (const Organisation* o = findOrganisation(*organisations, id))
                in.securityUnit = o->name;
            break;
        }
    }
    in.rulesetId = record.rulesetId;
    // The step records the procedure's version; the rule set's is the one that judged the system.
    in.rulesetVersion = (*system)->rulesetId == record.rulesetId ? (*system)->rulesetVersion : std::string();
    in.procedureVersion = record.rulesetVersion;
    in.stepId = record.step;
    in.stepName = step->name.vi;
    in.level = record.level;
    in.approvedLevel = record.approvedLevel;
    in.seq = record.seq;
    in.date = record.date;
    in.documentNumber = record.documentNumber;
    in.documentDate = record.documentDate;
    in.note = record.note;
    in.signer = party(record.actor, *organisations, *users);
    in.stepAttachments = record.attachments;
    in.dossierAttachments = dossier->attachments;

    // Each cited step: the latest one before this step, in its round (since the last approval) unless any-round.
    const size_t index = static_cast<size_t>(at - history->begin());
    for (const DocumentCitation& cite : document->cites) {
        for (size_t i = index; i-- > 0;) {
            const WorkflowStepRecord& earlier = (*history)[i];
            if (std::find(cite.steps.begin(), cite.steps.end(), earlier.step) != cite.steps.end()) {
                in.cited[cite.id] =
                    CitedStep{earlier.step, earlier.documentNumber, earlier.documentDate,
                              earlier.date, earlier.note,           party(earlier.actor, *organisations, *users)};
                break;
            }
            if (!cite.anyRound && earlier.approvedLevel > 0)
                break;
        }
    }
    return view;
}

} // namespace seclevel
