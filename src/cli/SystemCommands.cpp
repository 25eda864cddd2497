#include "cli/SystemCommands.h"

#include "cli/Judging.h"
#include "formats/json/AssessmentJson.h"
#include "codec/Json.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {

void writeSystemSummary(json::Writer& w, const StoredSystem& s)
{
    w.member("id", s.description.id);
    w.member("name", s.description.name);
    w.member("owner", s.description.owner);
    w.member("operator", s.description.operatorName);
    w.member("organisation", s.description.organisationId);
    w.member("ruleset", s.rulesetId);
    w.member("derived_level", s.derivedLevel);
    w.member("proposed_level", s.proposedLevel);
    w.member("approved_level", s.approvedLevel);
}

std::vector<OptionSpec> storeOptions()
{
    return {{"db", true, {"tệp cơ sở dữ liệu SQLite (mặc định ~/.local/share/seclevel/seclevel.db)", "SQLite database file (default ~/.local/share/seclevel/seclevel.db)"}},
            {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}}};
}

std::vector<OptionSpec> storeWriteOptions()
{
    auto specs = judgingOptions();
    specs.push_back({"db", true, {"tệp cơ sở dữ liệu SQLite", "SQLite database file"}});
    specs.push_back({"actor", true, {"người thực hiện thay đổi (mặc định tên đăng nhập)", "who makes the change (default the login name)"}});
    specs.push_back({"organisation", true, {"mã cơ quan, tổ chức sở hữu hệ thống", "id of the organisation the system belongs to"}});
    return specs;
}

int storeJudgedSystem(const std::string& file, const std::string& expectedId, const CommandLine& line,
                      Context& context, bool isNew)
{
    const bool vi = context.lang == Lang::Vi;
    int exitCode = ExitOk;
    auto judged = judgeAnswersFile(file, line, context, exitCode);
    if (!judged)
        return exitCode;
    SystemDescription& system = judged->system;
    if (!expectedId.empty() && system.id != expectedId)
        return printErrors({makeError(file, 0, "system.id", "mã hệ thống trong tệp '" + system.id + "' khác '" + expectedId + "'",
                                      "the file's system id '" + system.id + "' differs from '" + expectedId + "'")},
                           context, ExitInvalidInput);
    if (auto org = line.value("organisation"))
        system.organisationId = *org;

    auto store = openStore(line);
    if (!store)
        return printErrors(store.errors(), context, ExitStorage);
    const Actor actor{actorName(line), std::chrono::system_clock::now()};
    if (!isNew) {
        auto existing = (*store)->system(system.id);
        if (!existing)
            return printErrors(existing.errors(), context, ExitStorage);
        if (!*existing)
            return printErrors({makeError("", 0, system.id, "không có hệ thống này trong cơ sở dữ liệu", "no such system in the database")},
                               context, ExitNotFound);
        if (!line.value("organisation"))
            system.organisationId = (*existing)->description.organisationId;
    }
    const std::string trace = assessmentToJson(judged->assessment, *judged->ruleSet, Lang::Vi);
    auto saved = (*store)->saveSystem(system, isNew, judged->assessment, trace, actor);
    if (!saved)
        return printErrors(saved.errors(), context, ExitStorage);
    *context.out << (isNew ? (vi ? "Đã lưu hệ thống " : "Stored system ") : (vi ? "Đã cập nhật hệ thống " : "Updated system "))
                 << system.id << " — " << judged->ruleSet->id << ", " << (vi ? "cấp độ " : "level ")
                 << judged->assessment.proposedLevel << "\n";
    return ExitOk;
}

} // namespace seclevel
