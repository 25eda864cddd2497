#include "core/StepDocument.h"

#include <algorithm>
#include <cstdio>

namespace seclevel {
namespace {

std::string shortDate(Date date)
{
    if (!date.ok())
        return {};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return buffer;
}

std::string levelWord(int level)
{
    return level > 0 ? std::to_string(level) : std::string();
}

// How a document names the role a person acted in (legal note §3: the seats of the procedure).
std::string roleWords(const std::string& role)
{
    if (role == "operator")
        return "Đơn vị vận hành hệ thống thông tin";
    if (role == "security_unit")
        return "Đơn vị chuyên trách";
    if (role == "owner")
        return "Chủ quản hệ thống thông tin";
    if (role == "appraising_body")
        return "Cơ quan thẩm định";
    if (role == "inspector")
        return "Thanh tra";
    if (role == "administrator")
        return "Quản trị";
    return role;
}

const char* const kCitedFields[] = {"number", "date", "issuer", "signer", "note"};

} // namespace

const DocumentTemplate* DocumentSet::document(const std::string& id) const
{
    for (const DocumentTemplate& d : documents)
        if (d.id == id)
            return &d;
    return nullptr;
}

const std::vector<std::string>& documentPlaceholders()
{
    static const std::vector<std::string> names{"system.id",
                                                "system.name",
                                                "system.owner",
                                                "system.operator",
                                                "system.organisation",
                                                "system.address",
                                                "security-unit",
                                                "ruleset",
                                                "step.name",
                                                "step.date",
                                                "level",
                                                "level.approved",
                                                "number",
                                                "date",
                                                "note",
                                                "signer.name",
                                                "signer.role",
                                                "issuer",
                                                "issuer.superior"};
    return names;
}

bool isDocumentPlaceholder(const std::string& name, const std::vector<DocumentCitation>& cites)
{
    const auto& fixed = documentPlaceholders();
    if (std::find(fixed.begin(), fixed.end(), name) != fixed.end())
        return true;
    if (name.rfind("ref.", 0) != 0)
        return false;
    const auto dot = name.find('.', 4);
    if (dot == std::string::npos)
        return false;
    const std::string id = name.substr(4, dot - 4);
    const std::string field = name.substr(dot + 1);
    const bool knownCite =
        std::any_of(cites.begin(), cites.end(), [&](const DocumentCitation& c) { return c.id == id; });
    return knownCite &&
           std::any_of(std::begin(kCitedFields), std::end(kCitedFields), [&](const char* f) { return field == f; });
}

std::string documentValue(const StepDocumentInput& in, const std::string& name)
{
    if (name == "system.id")
        return in.systemId;
    if (name == "system.name")
        return in.systemName;
    if (name == "system.owner")
        return in.owner;
    if (name == "system.operator")
        return in.operatorName;
    if (name == "system.organisation")
        return in.organisationName;
    if (name == "system.address")
        return in.address;
    if (name == "security-unit")
        return in.securityUnit;
    if (name == "ruleset")
        return in.rulesetVersion.empty() ? in.rulesetId : in.rulesetId + " v" + in.rulesetVersion;
    if (name == "step.name")
        return in.stepName;
    if (name == "step.date")
        return shortDate(in.date);
    if (name == "level")
        return levelWord(in.level);
    if (name == "level.approved")
        return levelWord(in.approvedLevel);
    if (name == "number")
        return in.documentNumber;
    if (name == "date")
        return shortDate(in.documentDate.value_or(in.date));
    if (name == "note")
        return isBlank(in.note) ? std::string() : in.note;
    if (name == "signer.name")
        return in.signer.userName.empty() ? in.signer.userId : in.signer.userName;
    if (name == "signer.role")
        return in.signer.role.empty() ? std::string() : roleWords(in.signer.role);
    if (name == "issuer")
        return in.signer.organisationName;
    if (name == "issuer.superior")
        return in.signer.superiorName;
    if (name.rfind("ref.", 0) == 0) {
        const auto dot = name.find('.', 4);
        if (dot == std::string::npos)
            return {};
        auto found = in.cited.find(name.substr(4, dot - 4));
        if (found == in.cited.end())
            return {};
        const CitedStep& c = found->second;
        const std::string field = name.substr(dot + 1);
        if (field == "number")
            return c.documentNumber;
        if (field == "date")
            return shortDate(c.documentDate.value_or(c.date));
        if (field == "issuer")
            return c.by.organisationName;
        if (field == "signer")
            return c.by.userName.empty() ? c.by.userId : c.by.userName;
        if (field == "note")
            return isBlank(c.note) ? std::string() : c.note;
    }
    return {};
}

bool conditionHolds(const DocumentCondition& condition, const StepDocumentInput& input)
{
    if (!condition.levels.empty() &&
        std::find(condition.levels.begin(), condition.levels.end(), input.level) == condition.levels.end())
        return false;
    if (!condition.steps.empty() &&
        std::find(condition.steps.begin(), condition.steps.end(), input.stepId) == condition.steps.end())
        return false;
    for (const std::string& name : condition.ifSet)
        if (documentValue(input, name).empty())
            return false;
    for (const std::string& name : condition.unless)
        if (!documentValue(input, name).empty())
            return false;
    return true;
}

} // namespace seclevel
