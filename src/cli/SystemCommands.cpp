#include "cli/SystemCommands.h"

#include "app/SystemService.h"
#include "codec/Json.h"
#include "formats/json/AnswersFile.h"
#include "storage/Store.h"

#include <iostream>

namespace seclevel {

void writeSystemSummary(json::Writer& w, const SystemSummary& summary)
{
    const StoredSystem& s = summary.stored;
    w.member("id", s.description.id);
    w.member("name", s.description.name);
    w.member("owner", s.description.owner);
    w.member("operator", s.description.operatorName);
    w.member("organisation", s.description.organisationId);
    w.member("ruleset", s.rulesetId);
    w.member("ruleset_version", s.rulesetVersion);
    w.member("ruleset_version_current", !summary.staleRuleSet.has_value());
    w.member("derived_level", s.derivedLevel);
    w.member("proposed_level", s.proposedLevel);
    w.member("approved_level", s.approvedLevel);
}

std::vector<OptionSpec> storeOptions()
{
    return {{"db",
             true,
             {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql:// (mặc định ~/.local/share/seclevel/seclevel.db)",
              "database: an SQLite file or a postgresql:// URL (default ~/.local/share/seclevel/seclevel.db)"}},
            {"format", true, {"text (mặc định) hoặc json", "text (default) or json"}}};
}

std::vector<OptionSpec> storeWriteOptions()
{
    auto specs = judgingOptions();
    specs.push_back(
        {"db",
         true,
         {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}});
    for (OptionSpec& spec : actingOptions())
        specs.push_back(std::move(spec));
    specs.push_back({"organisation",
                     true,
                     {"mã cơ quan, tổ chức sở hữu hệ thống", "id of the organisation the system belongs to"}});
    return specs;
}

int storeJudgedSystem(const std::string& file, const std::string& expectedId, const CommandLine& line, Context& context,
                      bool isNew)
{
    const bool vi = context.lang == Lang::Vi;
    int exitCode = ExitOk;
    auto input = readJudgingInput(file, line, context, exitCode);
    if (!input)
        return exitCode;
    auto store = openStore(line);
    if (!store)
        return printErrors(store.errors(), context);
    SystemService service(*input->catalogue, **store);
    SystemWrite write{std::move(input->system), line.value("organisation"), input->choice, input->proposal};
    auto actor = currentActor(line, **store);
    if (!actor)
        return printErrors(actor.errors(), context);
    auto saved = isNew ? service.add(std::move(write), *actor) : service.update(expectedId, std::move(write), *actor);
    if (!saved)
        return printErrors(saved.errors(), context);
    printNotices(saved->notices, context);
    *context.out << (isNew ? (vi ? "Đã lưu hệ thống " : "Stored system ")
                           : (vi ? "Đã cập nhật hệ thống " : "Updated system "))
                 << saved->system.id << " — " << saved->ruleSet->id << ", " << (vi ? "cấp độ " : "level ")
                 << saved->assessment.proposedLevel << "\n";
    return ExitOk;
}

} // namespace seclevel
