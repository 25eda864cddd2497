#include "app/SystemService.h"

#include "core/Utf8.h"

#include <algorithm>
#include <cstdio>

namespace seclevel {

namespace {

// C0/C1 controls and the bidi embeddings, overrides and isolates that reorder what a terminal or a page shows.
bool isUnsafeCodePoint(char32_t c, bool allowLineBreaks)
{
    if (allowLineBreaks && (c == U'\n' || c == U'\t' || c == U'\r'))
        return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

Errors checkText(const std::string& value, const std::string& field, const std::string& file, bool identifier)
{
    Errors errors;
    auto refuse = [&](const std::string& vi, const std::string& en) {
        errors.push_back(makeError(ErrorKind::InvalidInput, file, 0, field, vi, en));
    };
    if (value.empty() || value.find_first_not_of(" \t") == std::string::npos) {
        refuse("không được để trống", "must not be empty");
        return errors;
    }
    if (identifier && (value.front() == ' ' || value.back() == ' '))
        refuse("không được có dấu cách ở đầu hoặc cuối", "must not begin or end with a space");
    if (!isValidUtf8(value)) {
        refuse("không phải văn bản UTF-8 hợp lệ", "is not valid UTF-8 text");
        return errors;
    }
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t length = std::max<std::size_t>(1, utf8SequenceLength(value, i));
        char32_t c = static_cast<unsigned char>(value[i]);
        if (length > 1) {
            c &= 0x3Fu >> (length - 1);
            for (std::size_t k = 1; k < length; ++k)
                c = (c << 6) | (static_cast<unsigned char>(value[i + k]) & 0x3Fu);
        }
        i += length;
        if (isUnsafeCodePoint(c, false)) {
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
            refuse(std::string("chứa ký tự điều khiển ") + code, std::string("contains the control character ") + code);
            break;
        }
    }
    return errors;
}

} // namespace

Errors checkIdentifierText(const std::string& value, const std::string& field, const std::string& file)
{
    return checkText(value, field, file, true);
}

Errors checkNameText(const std::string& value, const std::string& field, const std::string& file)
{
    return checkText(value, field, file, false);
}

Result<bool> SystemService::saveOrganisation(const Organisation& organisation, const Actor& actor)
{
    Errors errors = checkIdentifierText(organisation.id, "id", "");
    for (Error& e : checkNameText(organisation.name, "name", ""))
        errors.push_back(std::move(e));
    if (!organisation.parentId.empty())
        for (Error& e : checkIdentifierText(organisation.parentId, "parent", ""))
            errors.push_back(std::move(e));
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
    auto judgement = judge(m_catalogue, std::move(write.system), write.ruleSet, write.proposal, todayInVietnam(actor.at));
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
    auto judgement = judge(m_catalogue, std::move(write.system), write.ruleSet, write.proposal, todayInVietnam(actor.at));
    if (!judgement)
        return judgement;
    judgement->system.sourceFile.clear();
    auto saved = m_store.saveSystem(judgement->system, /*isNew=*/false, judgement->assessment, actor);
    if (!saved)
        return saved.errors();
    return judgement;
}

SystemSummary SystemService::summarise(StoredSystem stored) const
{
    SystemSummary summary;
    if (!stored.rulesetId.empty()) {
        const RuleSet* shipped = m_catalogue.ruleSet(stored.rulesetId);
        if (!shipped || shipped->version != stored.rulesetVersion) {
            const std::string now = shipped ? shipped->version : std::string("—");
            summary.staleRuleSet = Notice{
                "RULESET-VERSION",
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
