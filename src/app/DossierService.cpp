#include "app/DossierService.h"

#include "storage/AuditChain.h"

#include "core/Sha256.h"
#include "core/TextSafety.h"
#include "io/InputFile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

namespace seclevel {

namespace fs = std::filesystem;

namespace {

// The digest of a referenced file, read through io/InputFile like every other input: a regular file only
// (never a FIFO or device, which would hang or never end), at most kMaxAttachmentBytes read. nullopt with
// `why` when it cannot be read.
std::optional<std::string> hashRegularFile(const fs::path& path, LocalizedText& why)
{
    InputFileLimits limits;
    limits.maxBytes = kMaxAttachmentBytes;
    limits.what = {"tài liệu đính kèm", "attachment"};
    Sha256 hash;
    auto read = readInputFileChunks(path.string(), limits, [&](std::string_view chunk) { hash.update(chunk); });
    if (!read) {
        why = read.errors().front().message;
        return std::nullopt;
    }
    return hash.finishHex();
}

// Resolves a reference from an imported dossier inside `dir`: relative, no "..", and the real path (symlinks
// resolved) still inside `dir`.
std::optional<fs::path> resolveInside(const std::string& dir, const std::string& reference, LocalizedText& why)
{
    const fs::path ref = reference;
    if (ref.is_absolute()) {
        why = {"đường dẫn tuyệt đối trong hồ sơ nhập không được mở",
               "an absolute path in an imported dossier is not opened"};
        return std::nullopt;
    }
    for (const auto& part : ref)
        if (part == "..") {
            why = {"đường dẫn có '..' không được mở", "a path with '..' is not opened"};
            return std::nullopt;
        }
    std::error_code ec;
    const fs::path base = fs::canonical(dir, ec);
    if (ec) {
        why = {"không mở được thư mục " + dir, "cannot open the folder " + dir};
        return std::nullopt;
    }
    const fs::path real = fs::weakly_canonical(base / ref, ec);
    if (ec) {
        why = {"không tìm thấy tệp", "file not found"};
        return std::nullopt;
    }
    const auto [baseEnd, realIt] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
    (void)realIt;
    if (baseEnd != base.end()) {
        why = {"liên kết dẫn ra ngoài thư mục tài liệu", "a link leads outside the attachments folder"};
        return std::nullopt;
    }
    return real;
}

Error storedLevelError(const std::string& systemId)
{
    return makeError(ErrorKind::RuleSet, "", 0, systemId,
                     "hệ thống chưa được xác định cấp độ theo một bộ quy tắc có mẫu hồ sơ",
                     "the system has no assessment under a rule set with a dossier template");
}

// What differs between the document's assessment and seclevel's own derivation of the same answers.
Errors differences(const Assessment& claimed, const Assessment& derived, const std::string& fileName)
{
    Errors errors;
    auto differ = [&](const std::string& field, const std::string& vi, const std::string& en) {
        errors.push_back(makeError(ErrorKind::InvalidInput, fileName, 0, field, vi, en));
    };
    const auto n = [](int v) { return std::to_string(v); };
    if (claimed.derivedLevel != derived.derivedLevel)
        differ("assessment/@derived-level",
               "hồ sơ ghi cấp độ xác định " + n(claimed.derivedLevel) + ", seclevel xác định " +
                   n(derived.derivedLevel) + " từ chính các câu trả lời trong hồ sơ",
               "the document says derived level " + n(claimed.derivedLevel) + ", seclevel derives " +
                   n(derived.derivedLevel) + " from the document's own answers");
    std::map<std::string, const ComponentResult*> derivedComponents;
    for (const ComponentResult& c : derived.components)
        derivedComponents[c.name] = &c;
    std::set<std::string> seen;
    for (const ComponentResult& c : claimed.components) {
        seen.insert(c.name);
        auto it = derivedComponents.find(c.name);
        if (it == derivedComponents.end()) {
            differ("component", "thành phần '" + c.name + "' không có trong câu trả lời",
                   "component '" + c.name + "' is not in the answers");
            continue;
        }
        const ComponentResult& d = *it->second;
        if (c.level != d.level)
            differ("component/@level",
                   "thành phần '" + c.name + "': hồ sơ ghi cấp độ " + n(c.level) + ", seclevel xác định " + n(d.level),
                   "component '" + c.name + "': the document says level " + n(c.level) + ", seclevel derives " +
                       n(d.level));
        std::set<std::string> claimedFired, derivedFired;
        for (const FiredCriterion& f : c.fired)
            claimedFired.insert(f.citation + " (" + f.id + ")");
        for (const FiredCriterion& f : d.fired)
            derivedFired.insert(f.citation + " (" + f.id + ")");
        for (const auto& citation : claimedFired)
            if (!derivedFired.count(citation))
                differ("component/fired",
                       "thành phần '" + c.name + "': tiêu chí " + citation + " không thỏa với các câu trả lời",
                       "component '" + c.name + "': criterion " + citation + " is not met by the answers");
        for (const auto& citation : derivedFired)
            if (!claimedFired.count(citation))
                differ("component/fired",
                       "thành phần '" + c.name + "': thiếu tiêu chí " + citation + " mà các câu trả lời thỏa",
                       "component '" + c.name + "': criterion " + citation + " met by the answers is missing");
    }
    for (const ComponentResult& d : derived.components)
        if (!seen.count(d.name))
            differ("component", "thiếu thành phần '" + d.name + "' trong kết quả của hồ sơ",
                   "component '" + d.name + "' is missing from the document's result");
    return errors;
}

} // namespace

bool DossierCheckResult::complete() const
{
    return missing.empty() && problems.empty();
}

std::string mediaTypeOf(const std::string& fileName)
{
    std::string extension = fs::path(fileName).extension().string();
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::map<std::string, std::string> types = {
        {".pdf", "application/pdf"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".doc", "application/msword"},
        {".txt", "text/plain"},
        {".xml", "application/xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
    };
    auto it = types.find(extension);
    return it == types.end() ? "application/octet-stream" : it->second;
}

Result<DossierContext> DossierService::open(const std::string& systemId)
{
    auto stored = m_store.system(systemId);
    if (!stored)
        return stored.errors();
    if (!*stored)
        return makeError(ErrorKind::NotFound, "", 0, systemId, "không có hệ thống này trong cơ sở dữ liệu",
                         "no such system in the database");
    DossierContext context;
    context.system = std::move(**stored);
    context.ruleSet = m_catalogue.ruleSet(context.system.rulesetId);
    if (!context.ruleSet)
        return storedLevelError(systemId);
    auto dossierTemplate = m_catalogue.dossierTemplate(context.system.rulesetId);
    if (!dossierTemplate)
        return dossierTemplate.errors();
    context.dossierTemplate = *dossierTemplate;
    auto dossier = m_store.dossier(systemId);
    if (!dossier)
        return dossier.errors();
    context.dossier = std::move(*dossier);
    prefillFromSystem(*context.dossierTemplate, context.system.description, context.dossier);
    return context;
}

void prefillFromSystem(const DossierTemplate& dossierTemplate, const SystemDescription& system, Dossier& dossier)
{
    // What the system record already says is not asked again (the owner's and operator's names).
    for (const DossierSectionSpec& section : dossierTemplate.sections)
        for (const DossierFieldSpec& field : section.fields) {
            if (field.prefill.empty() || dossier.fields.count(field.key))
                continue;
            const std::string& value = field.prefill == "system.owner"      ? system.owner
                                       : field.prefill == "system.operator" ? system.operatorName
                                                                            : system.name;
            if (!value.empty())
                dossier.fields[field.key] = value;
        }
}

Result<DossierCheckResult> DossierService::completeness(const StoredSystem& system, Dossier dossier) const
{
    if (!m_catalogue.ruleSet(system.rulesetId))
        return storedLevelError(system.description.id);
    auto dossierTemplate = m_catalogue.dossierTemplate(system.rulesetId);
    if (!dossierTemplate)
        return dossierTemplate.errors();
    prefillFromSystem(**dossierTemplate, system.description, dossier);
    DossierCheckResult result;
    result.systemId = system.description.id;
    result.rulesetId = system.rulesetId;
    result.level = system.proposedLevel;
    result.missing = checkCompleteness(**dossierTemplate, dossier, result.level);
    return result;
}

Result<bool> DossierService::setField(const std::string& systemId, const std::string& key, const std::string& value,
                                      const Actor& actor)
{
    auto context = open(systemId);
    if (!context)
        return context.errors();
    if (!context->dossierTemplate->field(key))
        return makeError(ErrorKind::InvalidInput, context->dossierTemplate->sourceFile, 0, key,
                         "mẫu hồ sơ của " + context->system.rulesetId + " không có mục này",
                         "the dossier template of " + context->system.rulesetId + " has no such field");
    if (auto unsafe = checkFreeText(value, key))
        return *unsafe;
    if (value.empty())
        context->dossier.fields.erase(key);
    else
        context->dossier.fields[key] = value;
    return m_store.saveDossier(context->dossier, actor);
}

Result<RecordedRequirement> DossierService::setRequirement(const std::string& systemId,
                                                           const RequirementStatement& statement, const Actor& actor)
{
    auto context = open(systemId);
    if (!context)
        return context.errors();
    const int level = context->system.proposedLevel;
    const RequirementGroupSpec* group = context->dossierTemplate->requirementGroup(statement.groupId);
    if (!group || group->level != level)
        return makeError(ErrorKind::InvalidInput, context->dossierTemplate->sourceFile, 0, statement.groupId,
                         "không có nhóm yêu cầu này cho cấp độ " + std::to_string(level),
                         "no such requirement group for level " + std::to_string(level));
    if (statement.item < 1 || statement.item > group->count)
        return makeError(ErrorKind::InvalidInput, "", 0, statement.groupId,
                         "số thứ tự phải từ 1 đến " + std::to_string(group->count),
                         "the item must be 1 to " + std::to_string(group->count));
    if (isBlank(statement.how))
        return makeError(ErrorKind::InvalidInput, "", 0, "how", "cần mô tả cách đáp ứng", "describe how it is met");
    if (auto unsafe = checkFreeText(statement.how, "how"))
        return *unsafe;
    // TT12 Art 8; NĐ331 Art 22.6: a plan to meet a requirement names when.
    if ((statement.status == RequirementStatus::Planned || statement.status == RequirementStatus::PartlyMet) &&
        !statement.plannedBy)
        return makeError(ErrorKind::InvalidInput, "", 0, "planned-by",
                         "trạng thái planned/partly_met cần ngày hoàn thành dự kiến",
                         "status planned/partly_met needs a planned completion date");
    bool replaced = false;
    for (RequirementStatement& existing : context->dossier.requirements)
        if (existing.groupId == statement.groupId && existing.item == statement.item) {
            existing = statement;
            replaced = true;
        }
    if (!replaced)
        context->dossier.requirements.push_back(statement);
    auto saved = m_store.saveDossier(context->dossier, actor);
    if (!saved)
        return saved.errors();
    return RecordedRequirement{*saved, group};
}

Result<Attachment> DossierService::attach(const std::string& systemId, const AttachmentInput& input, const Actor& actor)
{
    if (input.bytes.size() > kMaxAttachmentBytes)
        return makeError(ErrorKind::InvalidInput, input.fileName, 0, {}, "tệp lớn hơn giới hạn 100 MB",
                         "the file is larger than the 100 MB limit");
    auto context = open(systemId);
    if (!context)
        return context.errors();
    if (!context->dossierTemplate->attachment(input.kind))
        return makeError(ErrorKind::InvalidInput, context->dossierTemplate->sourceFile, 0, input.kind,
                         "mẫu hồ sơ không có loại tài liệu này", "the dossier template has no such kind");
    const std::string name = fs::path(input.fileName).filename().string();
    Attachment attachment{input.kind, name, mediaTypeOf(name), input.bytes.size(), sha256Hex(input.bytes), {}, false};
    Result<bool> saved = false;
    if (input.reference) {
        attachment.reference = *input.reference;
        bool replaced = false;
        for (Attachment& existing : context->dossier.attachments)
            if (existing.kind == attachment.kind && existing.name == attachment.name) {
                existing = attachment;
                replaced = true;
            }
        if (!replaced)
            context->dossier.attachments.push_back(attachment);
        saved = m_store.saveDossier(context->dossier, actor);
    } else {
        saved = m_store.storeAttachmentContent(systemId, attachment, input.bytes, actor);
    }
    if (!saved)
        return saved.errors();
    return attachment;
}

Result<DossierCheckResult> DossierService::check(const std::string& systemId, const ReferenceCheck& references)
{
    auto context = open(systemId);
    if (!context)
        return context.errors();
    DossierCheckResult result;
    result.systemId = systemId;
    result.rulesetId = context->system.rulesetId;
    result.level = context->system.proposedLevel;
    result.missing = checkCompleteness(*context->dossierTemplate, context->dossier, result.level);
    for (const Attachment& attachment : context->dossier.attachments) {
        std::optional<std::string> digest;
        LocalizedText why;
        if (attachment.reference.empty()) {
            auto content = m_store.attachmentContent(attachment.sha256);
            if (!content)
                return content.errors();
            if (*content)
                digest = sha256Hex(**content);
            else
                why = {"nội dung không còn trong cơ sở dữ liệu", "the content is no longer in the database"};
        } else if (attachment.importedReference) {
            if (!references.attachmentsDir) {
                result.problems.push_back(
                    {attachment,
                     AttachmentProblemKind::NotChecked,
                     {"tài liệu của hồ sơ nhập, chưa kiểm tra ở đây (chỉ ra thư mục bằng --attachments)",
                      "from an imported dossier, not checked here (point at its folder with --attachments)"}});
                continue;
            }
            if (auto path = resolveInside(*references.attachmentsDir, attachment.reference, why))
                digest = hashRegularFile(*path, why);
        } else {
            digest = hashRegularFile(attachment.reference, why);
        }
        if (!digest)
            result.problems.push_back({attachment, AttachmentProblemKind::Missing, why});
        else if (*digest != attachment.sha256)
            result.problems.push_back(
                {attachment,
                 AttachmentProblemKind::Altered,
                 {"mã băm SHA-256 khác với khi đính kèm", "the SHA-256 differs from when it was attached"}});
    }
    return result;
}

Result<DossierExport> DossierService::exportDocument(const std::string& systemId)
{
    auto context = open(systemId);
    if (!context)
        return context.errors();
    auto latest = m_store.latestAssessment(systemId);
    if (!latest)
        return latest.errors();
    if (!*latest)
        return storedLevelError(systemId);
    DossierExport out;
    out.ruleSet = context->ruleSet;
    out.dossierTemplate = context->dossierTemplate;
    out.document.system = context->system.description;
    out.document.system.sourceFile.clear();
    out.document.assessment = std::move((*latest)->assessment);
    out.document.approvedLevel = context->system.approvedLevel;
    out.document.dossier = std::move(context->dossier);
    // The head of the audit chain now: whoever holds the dossier can later check that the chain still
    // contains it (`audit verify --expect-head SEQ:HASH`), i.e. that no tail was cut off.
    auto head = m_store.auditHead();
    if (!head)
        return head.errors();
    out.document.auditHead = head->hash;
    out.document.auditHeadSeq = head->seq;
    if (out.document.assessment.rulesetVersion != context->ruleSet->version) {
        const std::string& judged = out.document.assessment.rulesetVersion;
        out.notices.push_back({"RULESET-VERSION",
                               {"cấp độ được xác định theo " + context->ruleSet->id + " phiên bản " + judged +
                                    "; phiên bản hiện hành là " + context->ruleSet->version +
                                    " — hồ sơ giữ kết quả đã lưu, nên xác định lại (system update)",
                                "the level was judged under " + context->ruleSet->id + " version " + judged +
                                    "; the shipped version is " + context->ruleSet->version +
                                    " — the dossier keeps the stored result; re-assess (system update)"}});
    }
    return out;
}

Result<ImportOutcome> DossierService::importDocument(DossierDocument document, const std::string& fileName,
                                                     const ImportOptions& options, const Actor& actor)
{
    const Assessment& claimed = document.assessment;
    const RuleSet* ruleSet = m_catalogue.ruleSet(claimed.rulesetId);
    if (!ruleSet)
        return makeError(ErrorKind::InvalidInput, fileName, 0, "ruleset/@id",
                         "không có bộ quy tắc '" + claimed.rulesetId + "'", "no rule set '" + claimed.rulesetId + "'");
    if (claimed.rulesetVersion != ruleSet->version)
        return makeError(ErrorKind::InvalidInput, fileName, 0, "ruleset/@version",
                         "không có phiên bản " + claimed.rulesetVersion + " của bộ quy tắc " + ruleSet->id +
                             " (có phiên bản " + ruleSet->version + ")",
                         "unknown version " + claimed.rulesetVersion + " of the rule set " + ruleSet->id +
                             " (this installation has " + ruleSet->version + ")");
    // seclevel's own judgement of the document's answers, with the document's proposal.
    auto own = judgeUnder(*ruleSet, document.system, {0, {}});
    if (!own)
        return own.errors();
    ImportOutcome outcome;
    Errors disagreements = differences(claimed, own->assessment, fileName);
    if (!disagreements.empty() && !options.acceptDisagreement)
        return disagreements;
    Assessment judged = own->assessment;
    // A proposal is kept only where seclevel's own derivation allows it (equal, or higher with a reason); when a
    // disagreement is accepted, a proposal below seclevel's level becomes seclevel's level.
    const bool keepProposal = disagreements.empty() || claimed.proposedLevel > judged.derivedLevel;
    if (keepProposal && (claimed.proposedLevel != judged.derivedLevel || !claimed.justification.empty())) {
        auto proposed = proposeLevel(judged, claimed.proposedLevel, claimed.justification);
        if (!proposed)
            return withKind(proposed.errors(), ErrorKind::Refused);
        judged = std::move(*proposed);
    }
    for (const Error& e : disagreements) {
        outcome.notices.push_back({"IMPORT-DISAGREEMENT", e.message});
        judged.warnings.push_back({"IMPORT-DISAGREEMENT", "", e.message, {}});
    }
    document.system = std::move(own->system);
    document.system.sourceFile.clear();
    document.assessment = std::move(judged);
    // References name files of the sending installation, never paths to open here.
    for (Attachment& attachment : document.dossier.attachments)
        if (!attachment.reference.empty())
            attachment.importedReference = true;
    outcome.systemId = document.system.id;
    auto imported = m_store.importDossier(document, actor);
    if (!imported)
        return imported.errors();
    outcome.changed = *imported;
    return outcome;
}

} // namespace seclevel
