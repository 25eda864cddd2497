#include "app/SystemService.h"

#include "app/WorkflowService.h"

#include "core/TextSafety.h"

namespace seclevel {

namespace {

// An id or a name of an organisation: present, and safe to store and print (core/TextSafety).
void checkOrganisationText(const std::string& value, const std::string& field, bool identifier, Errors& errors)
{
    if (isBlank(value)) {
        errors.push_back(makeError(ErrorKind::InvalidInput, "", 0, field, "không được để trống", "must not be empty"));
        return;
    }
    if (auto error = identifier ? checkIdentifier(value, field) : checkName(value, field))
        errors.push_back(*error);
}

} // namespace

Result<bool> SystemService::saveOrganisation(const Organisation& organisation, const Actor& actor)
{
    Errors errors;
    checkOrganisationText(organisation.id, "id", true, errors);
    checkOrganisationText(organisation.name, "name", false, errors);
    if (!organisation.parentId.empty())
        checkOrganisationText(organisation.parentId, "parent", true, errors);
    if (!errors.empty())
        return errors;
    return m_store.upsertOrganisation(organisation, actor);
}

Result<std::vector<Organisation>> SystemService::organisations()
{
    return m_store.organisations();
}

Result<StoredSystem> SystemService::find(const std::string& id)
{
    auto stored = m_store.system(id);
    if (!stored)
        return stored.errors();
    if (!*stored)
        return makeError(ErrorKind::NotFound, "", 0, id, "không có hệ thống này trong cơ sở dữ liệu",
                         "no such system in the database");
    return std::move(**stored);
}

Result<Judgement> SystemService::add(SystemWrite write, const Actor& actor)
{
    if (write.organisationId)
        write.system.organisationId = *write.organisationId;
    auto judgement =
        judge(m_catalogue, std::move(write.system), write.ruleSet, write.proposal, todayInVietnam(actor.at));
    if (!judgement)
        return judgement;
    judgement->system.sourceFile.clear();
    auto saved = m_store.saveSystem(judgement->system, /*isNew=*/true, judgement->assessment, actor);
    if (!saved)
        return saved.errors();
    return judgement;
}

Result<Judgement> SystemService::update(const std::string& id, SystemWrite write, const Actor& actor)
{
    if (write.system.id != id)
        return makeError(ErrorKind::InvalidInput, write.system.sourceFile, 0, "system.id",
                         "mã hệ thống trong tệp '" + write.system.id + "' khác '" + id + "'",
                         "the file's system id '" + write.system.id + "' differs from '" + id + "'");
    auto existing = find(id);
    if (!existing)
        return existing.errors();
    write.system.organisationId = write.organisationId.value_or(existing->description.organisationId);
    auto judgement =
        judge(m_catalogue, std::move(write.system), write.ruleSet, write.proposal, todayInVietnam(actor.at));
    if (!judgement)
        return judgement;
    judgement->system.sourceFile.clear();
    // NĐ85 Art 18, NĐ331 Art 10, 25: an approved system whose change the procedure names as a trigger needs
    // re-determination; the approved level stays on record until the new procedure ends.
    WorkflowService workflow(m_catalogue, m_store);
    const std::vector<Reason> reasons =
        workflow.redeterminationReasons(*existing, judgement->system, judgement->assessment);
    auto saved = m_store.transact([&]() -> Result<bool> {
        auto stored = m_store.saveSystem(judgement->system, /*isNew=*/false, judgement->assessment, actor);
        if (!stored)
            return stored;
        if (!reasons.empty()) {
            auto marked = workflow.markRedetermination(*existing, reasons, actor);
            if (!marked)
                return marked;
        }
        return true;
    });
    if (!saved)
        return saved.errors();
    for (const Reason& reason : reasons)
        judgement->notices.push_back(
            Notice{"REDETERMINATION",
                   {"Cần xác định lại cấp độ: " + reason.text.vi + " (" + reason.citation + ")",
                    "Re-determination required: " + reason.text.en + " (" + reason.citation + ")"}});
    return judgement;
}

SystemSummary SystemService::summarise(StoredSystem stored) const
{
    SystemSummary summary;
    if (!stored.rulesetId.empty()) {
        const RuleSet* shipped = m_catalogue.ruleSet(stored.rulesetId);
        if (!shipped || shipped->version != stored.rulesetVersion) {
            const std::string now = shipped ? shipped->version : std::string("—");
            summary.staleRuleSet =
                Notice{"RULESET-VERSION",
                       {"được xác định theo " + stored.rulesetId + " phiên bản " + stored.rulesetVersion +
                            "; phiên bản hiện hành là " + now + " — cần xác định lại",
                        "judged under " + stored.rulesetId + " version " + stored.rulesetVersion +
                            "; the shipped version is " + now + " — re-assess"}};
        }
    }
    summary.stored = std::move(stored);
    return summary;
}

Result<std::vector<SystemSummary>> SystemService::list(const std::string& organisationId)
{
    auto systems = m_store.systems(organisationId);
    if (!systems)
        return systems.errors();
    std::vector<SystemSummary> summaries;
    summaries.reserve(systems->size());
    for (StoredSystem& stored : *systems)
        summaries.push_back(summarise(std::move(stored)));
    return summaries;
}

Result<SystemRecord> SystemService::show(const std::string& id)
{
    auto stored = find(id);
    if (!stored)
        return stored.errors();
    SystemRecord record;
    record.summary = summarise(std::move(*stored));
    auto history = m_store.answerHistory(id);
    if (!history)
        return history.errors();
    record.history = std::move(*history);
    auto assessments = m_store.assessments(id);
    if (!assessments)
        return assessments.errors();
    record.assessments = std::move(*assessments);
    return record;
}

} // namespace seclevel
