#include "storage/InspectionRecords.h"

#include "codec/Json.h"

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

} // namespace seclevel::storage
