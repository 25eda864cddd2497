#include "storage/StoreValidation.h"

#include "core/Date.h"
#include "core/Sha256.h"

#include <cstdint>
#include <limits>
#include <set>

namespace seclevel::storage {

namespace {

constexpr int highestLevel = 5; // cấp độ 1..5 (NĐ85/2016 Art 7); 0 = not yet assessed

bool hasControlCharacter(std::string_view text)
{
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return true;
    return false;
}

} // namespace

std::string inQuotes(std::string_view text)
{
    // Appended, not "'" + std::string(text): GCC 12 at -O3 reports a false -Wrestrict for the latter.
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '\'';
    quoted += text;
    quoted += '\'';
    return quoted;
}

void Checker::identifier(const std::string& field, std::string_view value, std::string_view whatVi,
                         std::string_view whatEn, int line)
{
    if (value.empty())
        add(line, field, std::string(whatVi) + " không được để trống", std::string(whatEn) + " must not be empty");
    else if (!codec::isStorableText(value))
        text(field, value, whatVi, whatEn, line);
    else if (hasControlCharacter(value) || value.front() == ' ' || value.back() == ' ')
        add(line, field, std::string(whatVi) + " chứa ký tự điều khiển hoặc khoảng trắng ở đầu/cuối",
            std::string(whatEn) + " contains control characters or leading/trailing spaces");
}

void Checker::text(const std::string& field, std::string_view value, std::string_view whatVi, std::string_view whatEn,
                   int line)
{
    if (!codec::isStorableText(value))
        add(line, field, std::string(whatVi) + " không phải văn bản UTF-8 hợp lệ hoặc chứa ký tự NUL",
            std::string(whatEn) + " is not valid UTF-8 text or contains a NUL character");
}

void Checker::add(int line, const std::string& field, std::string vi, std::string en)
{
    errors.push_back(makeError(file, line, field, std::move(vi), std::move(en)));
}

void checkActor(Checker& checker, const Actor& actor, const ActorLabels& labels)
{
    checker.identifier("actor", actor.userId, labels.userVi, labels.userEn);
    if (!actor.organisationId.empty())
        checker.identifier("actor", actor.organisationId, labels.organisationVi, labels.organisationEn);
}

namespace {

void prepareAnswers(Checker& checker, const std::string& component, const AnswerSet& answers, PreparedAnswers& prepared)
{
    for (const auto& [key, value] : answers.values) {
        if (!isAnswered(value))
            continue; // not answered = not stored; in an update this removes the answer
        const int line = answers.lineOf(key);
        const std::string field = component.empty() ? key : component + " / " + key;
        checker.identifier(field, key, "Khóa câu trả lời", "The answer key", line);
        auto encoded = codec::encodeValue(value);
        if (!encoded) {
            checker.add(line, field,
                        "Giá trị câu trả lời không lưu được: văn bản phải là UTF-8 hợp lệ không chứa ký tự NUL, "
                        "ngày phải có thật và trong khoảng năm 0000–9999",
                        "The answer's value cannot be stored: text must be valid UTF-8 without NUL characters, "
                        "dates must exist and lie within the years 0000–9999");
            continue;
        }
        prepared[{component, key}] = PreparedAnswer{std::move(*encoded), codec::canonicalJson(value)};
    }
}

bool storableDate(const Date& date)
{
    return date.ok() && int(date.year()) >= 0 && int(date.year()) <= 9999;
}

} // namespace

Errors checkSystem(const SystemDescription& system, const Actor& actor, const ActorLabels& labels,
                   PreparedAnswers& prepared)
{
    Checker checker{system.sourceFile, {}};
    checker.identifier("id", system.id, "Mã hệ thống", "The system id");
    if (system.name.empty())
        checker.add(0, "name", "Tên hệ thống không được để trống", "The system name must not be empty");
    checker.text("name", system.name, "Tên hệ thống", "The system name");
    checker.text("owner", system.owner, "Chủ quản hệ thống", "The system owner");
    checker.text("operator", system.operatorName, "Đơn vị vận hành", "The operator");
    if (!system.organisationId.empty())
        checker.identifier("organisation", system.organisationId, "Mã tổ chức", "The organisation id");
    prepareAnswers(checker, {}, system.answers, prepared);
    std::set<std::string> names;
    for (const Component& component : system.components) {
        checker.identifier("components", component.name, "Tên hợp phần", "The component name");
        if (!names.insert(component.name).second)
            checker.add(0, "components", "Hợp phần " + inQuotes(component.name) + " xuất hiện nhiều lần",
                        "Component " + inQuotes(component.name) + " appears more than once");
        prepareAnswers(checker, component.name, component.answers, prepared);
    }
    checkActor(checker, actor, labels);
    return std::move(checker.errors);
}

Errors checkOrganisation(const Organisation& organisation, const Actor& actor, const ActorLabels& labels)
{
    Checker checker{{}, {}};
    checker.identifier("id", organisation.id, "Mã tổ chức", "The organisation id");
    if (organisation.name.empty())
        checker.add(0, "name", "Tên tổ chức không được để trống", "The organisation name must not be empty");
    checker.text("name", organisation.name, "Tên tổ chức", "The organisation name");
    if (!organisation.parentId.empty()) {
        checker.identifier("parent", organisation.parentId, "Mã tổ chức cấp trên", "The parent organisation id");
        if (organisation.parentId == organisation.id)
            checker.add(0, "parent", "Một tổ chức không thể là cấp trên của chính nó",
                        "An organisation cannot be its own parent");
    }
    if (!organisation.authorityCode.empty()) {
        bool valid = organisation.authorityCode.size() <= 16 && organisation.authorityCode[0] >= 'A' &&
                     organisation.authorityCode[0] <= 'Z';
        for (char c : organisation.authorityCode)
            valid = valid && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
        if (!valid)
            checker.add(0, "authority", "Mã cơ quan có thẩm quyền chỉ gồm chữ in hoa, chữ số, dấu '-' (ví dụ MPS)",
                        "An authority code has capital letters, digits and '-' only (e.g. MPS)");
    }
    checkActor(checker, actor, labels);
    return std::move(checker.errors);
}

void checkAssessmentLevels(Checker& checker, const std::string& systemId, const Assessment& assessment)
{
    checker.identifier("id", systemId, "Mã hệ thống", "The system id");
    checker.identifier("ruleset", assessment.rulesetId, "Mã bộ quy tắc", "The rule set id");
    checker.text("ruleset_version", assessment.rulesetVersion, "Phiên bản bộ quy tắc", "The rule set version");
    for (const auto& [field, level] :
         {std::pair{"derived_level", assessment.derivedLevel}, std::pair{"proposed_level", assessment.proposedLevel}})
        if (level < 0 || level > highestLevel)
            checker.add(0, field, "Cấp độ " + std::to_string(level) + " nằm ngoài khoảng 0–5",
                        "Level " + std::to_string(level) + " is outside 0–5");
    // What proposeLevel guarantees, checked again because the record must never say otherwise.
    if (assessment.proposedLevel < assessment.derivedLevel)
        checker.add(0, "proposed_level", "Cấp độ đề xuất không được thấp hơn cấp độ xác định theo tiêu chí",
                    "The proposed level must not be lower than the derived level");
    if (assessment.proposedLevel > assessment.derivedLevel && assessment.justification.empty())
        checker.add(0, "justification", "Đề xuất cấp độ cao hơn cần có lý do",
                    "Proposing a higher level needs a justification");
    checker.text("justification", assessment.justification, "Lý do", "The justification");
    for (const ComponentResult& component : assessment.components)
        if (component.level < 0 || component.level > highestLevel)
            checker.add(0, "components", "Cấp độ của hợp phần " + inQuotes(component.name) + " nằm ngoài khoảng 0–5",
                        "The level of component " + inQuotes(component.name) + " is outside 0–5");
}

std::optional<std::string> storableAssessment(Checker& checker, const Assessment& assessment)
{
    auto storable = codec::encodeStorableAssessment(assessment);
    if (storable)
        return std::move(*storable);
    for (const Error& error : storable.errors())
        if (error.field != "justification") // reported by checkAssessmentLevels
            checker.add(0, error.field, error.message.vi, error.message.en);
    return std::nullopt;
}

Errors checkDossier(const Dossier& dossier, const Actor& actor, const ActorLabels& labels)
{
    Checker checker{{}, {}};
    checker.identifier("id", dossier.systemId, "Mã hệ thống", "The system id");
    for (const auto& [key, value] : dossier.fields) {
        checker.identifier("field", key, "Khóa mục hồ sơ", "The dossier field key");
        checker.text(key, value, "Nội dung mục " + inQuotes(key), "The text of field " + inQuotes(key));
    }
    std::set<std::pair<std::string, int>> statements;
    for (const RequirementStatement& statement : dossier.requirements) {
        const std::string field = codec::requirementKey(statement);
        checker.identifier(field, statement.groupId, "Mã nhóm yêu cầu", "The requirement group id");
        if (statement.item < 1)
            checker.add(0, field, "Số thứ tự yêu cầu phải từ 1", "The requirement item must be 1 or more");
        if (!statements.insert({statement.groupId, statement.item}).second)
            checker.add(0, field, "Yêu cầu được ghi nhiều lần", "The requirement is recorded more than once");
        checker.text(field, statement.how, "Cách đáp ứng", "How it is met");
        if (statement.plannedBy && !storableDate(*statement.plannedBy))
            checker.add(0, field, "Ngày hoàn thành không hợp lệ", "The planned-by date is not valid");
    }
    std::set<std::pair<std::string, std::string>> attachments;
    for (const Attachment& attachment : dossier.attachments) {
        const std::string field = codec::attachmentKey(attachment);
        checker.identifier(field, attachment.kind, "Loại tài liệu kèm theo", "The attachment kind");
        checker.identifier(field, attachment.name, "Tên tài liệu kèm theo", "The attachment name");
        checker.text(field, attachment.mediaType, "Kiểu nội dung", "The media type");
        checker.text(field, attachment.reference, "Đường dẫn tham chiếu", "The reference");
        if (!isSha256Hex(attachment.sha256))
            checker.add(0, field, "Mã băm SHA-256 phải gồm 64 chữ số thập lục phân viết thường",
                        "The SHA-256 digest must be 64 lowercase hex digits");
        if (attachment.size > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            checker.add(0, field, "Kích thước không hợp lệ", "The size is not valid");
        if (!attachments.insert({attachment.kind, attachment.name}).second)
            checker.add(0, field, "Tài liệu kèm theo được ghi nhiều lần", "The attachment is recorded more than once");
    }
    checkActor(checker, actor, labels);
    return std::move(checker.errors);
}

void appendNew(Errors& errors, Errors more)
{
    for (Error& error : more)
        if (error.field != "id" && error.field != "actor")
            errors.push_back(std::move(error));
}

Errors checkCalendarAnnouncement(int year, const std::string& xmlText, const Actor& actor, const ActorLabels& labels)
{
    Checker checker{{}, {}};
    if (year < 1900 || year > 2200)
        checker.add(0, "year", "Năm " + std::to_string(year) + " không hợp lệ (1900–2200)",
                    "The year " + std::to_string(year) + " is invalid (1900–2200)");
    if (isBlank(xmlText))
        checker.add(0, "xml", "Nội dung thông báo trống", "The announcement is empty");
    else if (xmlText.size() > (1u << 20))
        checker.add(0, "xml", "Nội dung thông báo quá 1 MiB", "The announcement is larger than 1 MiB");
    else
        checker.text("xml", xmlText, "Nội dung thông báo", "The announcement");
    checkActor(checker, actor, labels);
    return std::move(checker.errors);
}

} // namespace seclevel::storage
