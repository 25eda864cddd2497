#include "storage/WorkflowRecords.h"

#include "codec/Json.h"
#include "core/Procedure.h"
#include "core/Sha256.h"

namespace seclevel::storage {
namespace {

void writeAttachments(json::Writer& out, const std::vector<Attachment>& attachments)
{
    out.key("attachments").beginArray();
    for (const Attachment& a : attachments) {
        out.beginObject();
        out.member("kind", a.kind).member("name", a.name).member("media_type", a.mediaType);
        out.member("size", a.size).member("sha256", a.sha256);
        out.endObject();
    }
    out.endArray();
}

std::string text(const json::Node& node, std::string_view key)
{
    const json::Node* member = node.find(key);
    return member && member->isString() ? member->text : std::string();
}

std::int64_t integer(const json::Node& node, std::string_view key)
{
    const json::Node* member = node.find(key);
    return member && member->isInteger ? member->integer : 0;
}

std::vector<Attachment> readAttachments(const json::Node& node)
{
    std::vector<Attachment> out;
    if (const json::Node* list = node.find("attachments"); list && list->isArray())
        for (const json::Node& item : list->items) {
            Attachment a;
            a.kind = text(item, "kind");
            a.name = text(item, "name");
            a.mediaType = text(item, "media_type");
            a.size = static_cast<std::uint64_t>(integer(item, "size"));
            a.sha256 = text(item, "sha256");
            out.push_back(std::move(a));
        }
    return out;
}

json::Node parsed(const std::string& stored)
{
    auto node = json::parse(stored, "(stored record)");
    return node ? std::move(*node) : json::Node{};
}

void checkAttachments(Checker& checker, const std::vector<Attachment>& attachments,
                      const std::vector<std::string>& contents)
{
    if (attachments.size() != contents.size()) {
        checker.add(0, "attachments", "Số tệp đính kèm và nội dung không khớp",
                    "Attachments and their contents do not match in number");
        return;
    }
    for (size_t i = 0; i < attachments.size(); ++i) {
        const Attachment& a = attachments[i];
        checker.text("attachments", a.name, "Tên tệp đính kèm", "The attachment's name");
        if (a.size != contents[i].size() || a.sha256 != sha256Hex(contents[i]))
            checker.add(0, "attachments", "Nội dung tệp " + inQuotes(a.name) + " không khớp kích thước hoặc SHA-256",
                        "The content of " + inQuotes(a.name) + " does not match its size or SHA-256");
    }
}

} // namespace

std::string encodeMemberships(const std::vector<Membership>& memberships)
{
    json::Writer out;
    out.beginArray();
    for (const Membership& m : memberships)
        out.beginObject().member("organisation", m.organisationId).member("role", roleName(m.role)).endObject();
    out.endArray();
    return out.str();
}

std::vector<Membership> decodeMemberships(const std::string& stored)
{
    std::vector<Membership> out;
    const json::Node node = parsed(stored);
    for (const json::Node& item : node.items) {
        Membership m;
        m.organisationId = text(item, "organisation");
        if (parseRole(text(item, "role"), m.role))
            out.push_back(std::move(m));
    }
    return out;
}

std::string encodeStepDetails(const WorkflowStepRecord& r)
{
    json::Writer out;
    out.beginObject();
    out.member("from_state", r.fromState).member("ruleset", r.rulesetId).member("ruleset_version", r.rulesetVersion);
    out.member("level", r.level).member("approved_level", r.approvedLevel);
    out.member("document_number", r.documentNumber);
    out.member("document_date", r.documentDate ? formatIsoDate(*r.documentDate) : std::string());
    out.member("note", r.note);
    writeAttachments(out, r.attachments);
    out.endObject();
    return out.str();
}

void decodeStepDetails(const std::string& stored, WorkflowStepRecord& r)
{
    const json::Node node = parsed(stored);
    r.fromState = text(node, "from_state");
    r.rulesetId = text(node, "ruleset");
    r.rulesetVersion = text(node, "ruleset_version");
    r.level = static_cast<int>(integer(node, "level"));
    r.approvedLevel = static_cast<int>(integer(node, "approved_level"));
    r.documentNumber = text(node, "document_number");
    r.documentDate = parseIsoDate(text(node, "document_date"));
    r.note = text(node, "note");
    r.attachments = readAttachments(node);
}

std::string encodeDutyDetails(const DutyRecord& r)
{
    json::Writer out;
    out.beginObject();
    out.member("document_number", r.documentNumber).member("note", r.note);
    writeAttachments(out, r.attachments);
    if (!r.assessor.empty() || !r.assessorKind.empty() || !r.assessorReference.empty())
        out.member("assessor", r.assessor)
            .member("assessor_kind", r.assessorKind)
            .member("assessor_reference", r.assessorReference);
    out.endObject();
    return out.str();
}

void decodeDutyDetails(const std::string& stored, DutyRecord& r)
{
    const json::Node node = parsed(stored);
    r.documentNumber = text(node, "document_number");
    r.note = text(node, "note");
    r.attachments = readAttachments(node);
    r.assessor = text(node, "assessor");
    r.assessorKind = text(node, "assessor_kind");
    r.assessorReference = text(node, "assessor_reference");
}

Error workflowConflict(const std::string& store, const std::string& systemId)
{
    return makeError(
        ErrorKind::Conflict, store, 0, "state",
        "Hồ sơ của hệ thống " + inQuotes(systemId) +
            " vừa được người khác chuyển bước; hãy xem lại trạng thái (seclevel workflow show) rồi thử lại",
        "Someone else just took a step on system " + inQuotes(systemId) +
            "; look at its state again (seclevel workflow show) and retry");
}

Errors checkUser(const User& user, const Actor& actor, const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("id", user.id, "Mã người dùng", "The user id");
    checker.text("name", user.name, "Tên người dùng", "The user's name");
    if (isBlank(user.name))
        checker.add(0, "name", "Người dùng cần có tên", "A user needs a name");
    for (const Membership& m : user.memberships)
        checker.identifier("organisation", m.organisationId, "Mã tổ chức", "The organisation id");
    checkActor(checker, actor, labels);
    return checker.errors;
}

Errors checkStepRecord(const WorkflowStepRecord& record, const std::vector<std::string>& contents, const Actor& actor,
                       const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("system", record.systemId, "Mã hệ thống", "The system id");
    checker.identifier("step", record.step, "Mã bước", "The step id");
    checker.identifier("to_state", record.toState, "Trạng thái", "The state");
    checker.text("number", record.documentNumber, "Số văn bản", "The document number");
    checker.text("note", record.note, "Nội dung", "The note");
    if (record.level < 0 || record.level > 5 || record.approvedLevel < 0 || record.approvedLevel > 5)
        checker.add(0, "level", "Cấp độ phải từ 1 đến 5", "Levels lie between 1 and 5");
    checkAttachments(checker, record.attachments, contents);
    checkActor(checker, actor, labels);
    return checker.errors;
}

Errors checkDutyRecord(const DutyRecord& record, const std::vector<std::string>& contents, const Actor& actor,
                       const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("system", record.systemId, "Mã hệ thống", "The system id");
    checker.identifier("duty", record.dutyId, "Mã nghĩa vụ", "The duty id");
    checker.text("number", record.documentNumber, "Số văn bản", "The document number");
    checker.text("note", record.note, "Nội dung", "The note");
    checker.text("assessor", record.assessor, "Tổ chức đánh giá", "The assessing organisation");
    checker.text("assessor_reference", record.assessorReference, "Giấy phép, quyết định chỉ định",
                 "The licence or designation");
    if (!record.assessorKind.empty() && !isAssessorKind(record.assessorKind))
        checker.add(0, "assessor_kind",
                    "Loại tổ chức đánh giá '" + record.assessorKind +
                        "' không hợp lệ (internal, licensed, public-service, designated)",
                    "Unknown kind of assessor '" + record.assessorKind +
                        "' (internal, licensed, public-service, designated)");
    checkAttachments(checker, record.attachments, contents);
    checkActor(checker, actor, labels);
    return checker.errors;
}

} // namespace seclevel::storage
