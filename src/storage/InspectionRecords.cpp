#include "storage/InspectionRecords.h"

#include "codec/Json.h"
#include "core/Sha256.h"
#include "core/TextSafety.h"

#include <set>

namespace seclevel::storage {
namespace {

void writeIds(json::Writer& out, std::string_view key, const std::vector<std::string>& ids)
{
    out.key(key).beginArray();
    for (const std::string& id : ids)
        out.value(id);
    out.endArray();
}

std::vector<std::string> readIds(const json::Node& node, std::string_view key)
{
    std::vector<std::string> out;
    if (const json::Node* list = node.find(key); list && list->isArray())
        for (const json::Node& item : list->items)
            if (item.isString())
                out.push_back(item.text);
    return out;
}

void appendIds(std::string& out, const std::vector<std::string>& ids)
{
    out += '[';
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i)
            out += ',';
        out += codec::jsonString(ids[i]);
    }
    out += ']';
}

void checkUnique(Checker& checker, const std::string& field, const std::vector<std::string>& ids,
                 std::string_view whatVi, std::string_view whatEn)
{
    std::set<std::string> seen;
    for (const std::string& id : ids) {
        checker.identifier(field, id, whatVi, whatEn);
        if (!seen.insert(id).second)
            checker.add(0, field, std::string(whatVi) + " " + inQuotes(id) + " được ghi hai lần",
                        std::string(whatEn) + " " + inQuotes(id) + " is listed twice");
    }
}

} // namespace

std::string encodeInspectionDetails(const Inspection& inspection)
{
    json::Writer out;
    out.beginObject();
    writeIds(out, "systems", inspection.scope.systems);
    writeIds(out, "team", inspection.team);
    out.endObject();
    return out.str();
}

void decodeInspectionDetails(const std::string& text, Inspection& inspection)
{
    auto node = json::parse(text, "(stored inspection)");
    if (!node)
        return;
    inspection.scope.systems = readIds(*node, "systems");
    inspection.team = readIds(*node, "team");
}

std::string inspectionDetails(const Inspection& i)
{
    std::string out = "{\"id\":";
    out += codec::jsonString(i.id);
    out += ",\"decision_number\":";
    out += codec::jsonString(i.decisionNumber);
    out += ",\"decision_date\":";
    out += codec::jsonString(formatIsoDate(i.decisionDate));
    out += ",\"inspecting_body\":";
    out += codec::jsonString(i.inspectingBody);
    out += ",\"scope\":{\"organisation\":";
    out += codec::jsonString(i.scope.organisationId);
    out += ",\"systems\":";
    appendIds(out, i.scope.systems);
    out += ",\"from\":";
    out += codec::jsonString(formatIsoDate(i.scope.periodFrom));
    out += ",\"to\":";
    out += codec::jsonString(formatIsoDate(i.scope.periodTo));
    out += "},\"team\":";
    appendIds(out, i.team);
    out += '}';
    return out;
}

Errors checkInspection(const Inspection& inspection, const Actor& actor, const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("id", inspection.id, "Mã cuộc thanh tra", "The inspection id");
    checker.identifier("decision_number", inspection.decisionNumber, "Số quyết định thanh tra",
                       "The inspection decision's number");
    checker.identifier("inspecting_body", inspection.inspectingBody, "Cơ quan thanh tra", "The inspecting body");
    checker.identifier("scope", inspection.scope.organisationId, "Tổ chức thuộc phạm vi thanh tra",
                       "The organisation inspected");
    if (inspection.scope.periodTo < inspection.scope.periodFrom)
        checker.add(0, "period",
                    "Thời kỳ thanh tra kết thúc (" + formatIsoDate(inspection.scope.periodTo) +
                        ") trước khi bắt đầu (" + formatIsoDate(inspection.scope.periodFrom) + ")",
                    "The inspected period ends (" + formatIsoDate(inspection.scope.periodTo) + ") before it starts (" +
                        formatIsoDate(inspection.scope.periodFrom) + ")");
    checkUnique(checker, "team", inspection.team, "Thành viên đoàn thanh tra", "The team member");
    checkUnique(checker, "systems", inspection.scope.systems, "Hệ thống thuộc phạm vi", "The system in scope");
    checkActor(checker, actor, labels);
    return checker.errors;
}

Error noSuchUser(const std::string& store, const std::string& userId)
{
    return makeError(ErrorKind::NotFound, store, 0, "team", "Không có người dùng " + inQuotes(userId),
                     "No user " + inQuotes(userId) + " exists");
}

Error noSuchScopeSystem(const std::string& store, const std::string& systemId)
{
    return makeError(ErrorKind::NotFound, store, 0, "systems", "Không có hệ thống " + inQuotes(systemId),
                     "No system " + inQuotes(systemId) + " exists");
}

namespace {

std::string textOf(const json::Node& node, std::string_view key)
{
    const json::Node* member = node.find(key);
    return member && member->isString() ? member->text : std::string();
}

void writeLocalized(json::Writer& out, std::string_view key, const LocalizedText& text)
{
    out.key(key).beginObject().member("vi", text.vi).member("en", text.en).endObject();
}

LocalizedText readLocalized(const json::Node& node, std::string_view key)
{
    const json::Node* member = node.find(key);
    return member ? LocalizedText{textOf(*member, "vi"), textOf(*member, "en")} : LocalizedText{};
}

} // namespace

std::string encodeFinding(const StoredFinding& stored)
{
    const Finding& f = stored.finding;
    json::Writer out;
    out.beginObject();
    out.member("rule", f.ruleId).member("ruleset", f.rulesetId).member("ruleset_version", f.rulesetVersion);
    out.member("organisation", f.organisationId).member("system", f.systemId).member("system_name", f.systemName);
    out.member("subject", f.subject).member("fact_date", formatIsoDate(f.factDate));
    out.member("citation", f.citation).member("severity", f.severity).member("responsible", f.responsible);
    writeLocalized(out, "title", f.title);
    writeLocalized(out, "recommendation", f.recommendation);
    out.key("facts").beginArray();
    for (const auto& [name, value] : f.facts)
        out.beginArray().value(name).value(value).endArray();
    out.endArray();
    out.key("history").beginArray();
    for (const RemediationEntry& e : stored.history) {
        out.beginObject();
        out.member("status", remediationStatusName(e.status)).member("note", e.note).member("evidence", e.evidence);
        out.member("user", e.userId).member("at", e.at);
        out.endObject();
    }
    out.endArray();
    out.endObject();
    return out.str();
}

void decodeFinding(const std::string& text, StoredFinding& stored)
{
    auto node = json::parse(text, "(stored finding)");
    if (!node)
        return;
    Finding& f = stored.finding;
    f.ruleId = textOf(*node, "rule");
    f.rulesetId = textOf(*node, "ruleset");
    f.rulesetVersion = textOf(*node, "ruleset_version");
    f.organisationId = textOf(*node, "organisation");
    f.systemId = textOf(*node, "system");
    f.systemName = textOf(*node, "system_name");
    f.subject = textOf(*node, "subject");
    f.factDate = parseIsoDate(textOf(*node, "fact_date")).value_or(Date{});
    f.citation = textOf(*node, "citation");
    f.severity = textOf(*node, "severity");
    f.responsible = textOf(*node, "responsible");
    f.title = readLocalized(*node, "title");
    f.recommendation = readLocalized(*node, "recommendation");
    f.facts.clear();
    if (const json::Node* facts = node->find("facts"); facts && facts->isArray())
        for (const json::Node& pair : facts->items)
            if (pair.isArray() && pair.items.size() == 2)
                f.facts.emplace_back(pair.items[0].text, pair.items[1].text);
    stored.history.clear();
    if (const json::Node* history = node->find("history"); history && history->isArray())
        for (const json::Node& item : history->items) {
            RemediationEntry e;
            parseRemediationStatus(textOf(item, "status"), e.status);
            e.note = textOf(item, "note");
            e.evidence = textOf(item, "evidence");
            e.userId = textOf(item, "user");
            e.at = textOf(item, "at");
            stored.history.push_back(std::move(e));
        }
}

std::string findingDetails(const std::string& inspectionId, const StoredFinding& stored)
{
    const RemediationEntry last = stored.history.empty() ? RemediationEntry{} : stored.history.back();
    std::string out = "{\"inspection\":";
    out += codec::jsonString(inspectionId);
    out += ",\"key\":";
    out += codec::jsonString(stored.finding.key());
    out += ",\"rule\":";
    out += codec::jsonString(stored.finding.ruleId);
    out += ",\"system\":";
    out += codec::jsonString(stored.finding.systemId);
    out += ",\"citation\":";
    out += codec::jsonString(stored.finding.citation);
    out += ",\"status\":";
    out += codec::jsonString(remediationStatusName(stored.status));
    out += ",\"deadline\":";
    out += codec::jsonString(stored.deadline ? formatIsoDate(*stored.deadline) : std::string());
    out += ",\"note\":";
    out += codec::jsonString(last.note);
    out += ",\"evidence\":";
    out += codec::jsonString(last.evidence);
    if (!last.files.empty()) { // appended only when there are files: the texts of entries without any stay as they were
        out += ",\"files\":[";
        for (size_t i = 0; i < last.files.size(); ++i) {
            const Attachment& a = last.files[i];
            out += i == 0 ? "{\"name\":" : ",{\"name\":";
            out += codec::jsonString(a.name);
            out += ",\"media_type\":";
            out += codec::jsonString(a.mediaType);
            out += ",\"size\":";
            out += std::to_string(a.size);
            out += ",\"sha256\":";
            out += codec::jsonString(a.sha256);
            out += '}';
        }
        out += ']';
    }
    out += '}';
    return out;
}

Errors checkFindings(const std::string& inspectionId, const std::vector<Finding>& findings, const Actor& actor,
                     const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("inspection", inspectionId, "Mã cuộc thanh tra", "The inspection id");
    std::set<std::string> keys;
    for (const Finding& f : findings) {
        checker.identifier("rule", f.ruleId, "Mã quy tắc", "The rule id");
        checker.identifier("system", f.systemId, "Mã hệ thống", "The system id");
        checker.text("citation", f.citation, "Điều khoản", "The citation");
        checker.text("facts", f.title.vi + f.title.en + f.recommendation.vi + f.recommendation.en, "Nội dung",
                     "The text");
        if (!keys.insert(f.key()).second)
            checker.add(0, "findings", "Phát hiện " + inQuotes(f.key()) + " được ghi hai lần",
                        "The finding " + inQuotes(f.key()) + " is given twice");
    }
    checkActor(checker, actor, labels);
    return checker.errors;
}

Errors checkRemediation(const std::string& inspectionId, const std::string& key, const RemediationEntry& entry,
                        const std::vector<std::string>& contents, const Actor& actor, const ActorLabels& labels)
{
    Checker checker;
    checker.identifier("inspection", inspectionId, "Mã cuộc thanh tra", "The inspection id");
    checker.text("finding", key, "Mã phát hiện", "The finding key");
    checker.text("note", entry.note, "Nội dung", "The note");
    checker.text("evidence", entry.evidence, "Bằng chứng", "The evidence");
    if (entry.files.size() != contents.size())
        checker.add(0, "evidence_file", "Số tệp bằng chứng và nội dung không khớp",
                    "Evidence files and their contents do not match in number");
    else
        for (size_t i = 0; i < entry.files.size(); ++i) {
            const Attachment& a = entry.files[i];
            if (!isEvidenceFileName(a.name) || !codec::isStorableText(a.name))
                checker.add(0, "evidence_file",
                            "Tên tệp bằng chứng " + inQuotes(escapeUnsafeCharacters(a.name)) +
                                " không hợp lệ (chỉ tên tệp, không đường dẫn, không ký tự điều khiển)",
                            "The evidence file name " + inQuotes(escapeUnsafeCharacters(a.name)) +
                                " is not valid (a base name only: no path, no control characters)");
            checker.text("evidence_file", a.mediaType, "Kiểu nội dung", "The media type");
            if (a.size != contents[i].size() || a.sha256 != sha256Hex(contents[i]))
                checker.add(0, "evidence_file",
                            "Nội dung tệp " + inQuotes(escapeUnsafeCharacters(a.name)) +
                                " không khớp kích thước hoặc SHA-256",
                            "The content of " + inQuotes(escapeUnsafeCharacters(a.name)) +
                                " does not match its size or SHA-256");
        }
    checkActor(checker, actor, labels);
    return checker.errors;
}

Error noSuchInspection(const std::string& store, const std::string& inspectionId)
{
    return makeError(ErrorKind::NotFound, store, 0, "inspection", "Không có cuộc thanh tra " + inQuotes(inspectionId),
                     "No inspection " + inQuotes(inspectionId) + " exists");
}

Error noSuchFinding(const std::string& store, const std::string& inspectionId, const std::string& key)
{
    return makeError(ErrorKind::NotFound, store, 0, "finding",
                     "Cuộc thanh tra " + inQuotes(inspectionId) + " không có phát hiện " + inQuotes(key),
                     "Inspection " + inQuotes(inspectionId) + " has no finding " + inQuotes(key));
}

} // namespace seclevel::storage
