#include "cli/Command.h"

#include "rules/RuleSetLoader.h"
#include "storage/sqlite/SqliteStore.h"

#include <QStandardPaths>
#include <QString>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace seclevel {

const std::vector<OptionSpec>& globalOptions()
{
    static const std::vector<OptionSpec> specs = {
        {"lang", true, {"ngôn ngữ hiển thị: vi (mặc định) hoặc en", "display language: vi (default) or en"}},
        {"rules", true, {"thư mục dữ liệu (chứa questionnaires/ và schemas/)", "data folder (holding questionnaires/ and schemas/)"}},
        {"help", false, {"hiện hướng dẫn của lệnh", "show the command's help"}},
    };
    return specs;
}

Result<CommandLine> CommandLine::parse(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs)
{
    auto find = [&](const std::string& name) -> const OptionSpec* {
        for (const auto* list : {&specs, &globalOptions()})
            for (const auto& spec : *list)
                if (spec.name == name)
                    return &spec;
        return nullptr;
    };
    CommandLine line;
    bool onlyPositional = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (onlyPositional || arg.size() < 3 || arg.rfind("--", 0) != 0) {
            if (arg == "--")
                onlyPositional = true;
            else
                line.m_positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = find(name);
        if (!spec)
            return makeError("", 0, "--" + name, "tùy chọn không hợp lệ", "unknown option");
        if (!spec->takesValue) {
            if (inlineValue)
                return makeError("", 0, "--" + name, "tùy chọn này không nhận giá trị", "this option takes no value");
            line.m_values[name] = "";
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size())
                return makeError("", 0, "--" + name, "thiếu giá trị cho tùy chọn", "the option needs a value");
            inlineValue = args[++i];
        }
        line.m_values[name] = *inlineValue;
    }
    return line;
}

std::optional<std::string> CommandLine::value(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

int printErrors(const Errors& errors, Context& context, int exitCode)
{
    const char* prefix = context.lang == Lang::En ? "error: " : "lỗi: ";
    for (const auto& error : errors)
        *context.err << prefix << error.describe(context.lang) << "\n";
    return exitCode;
}

int usageError(const Command& command, Context& context, const std::string& vi, const std::string& en)
{
    *context.err << (context.lang == Lang::En ? "error: " + en : "lỗi: " + vi) << "\n"
                 << (context.lang == Lang::En ? "usage: " : "cách dùng: ") << "seclevel " << command.name() << " "
                 << command.usage() << "\n";
    return ExitUsage;
}

std::string dataDirectory(const CommandLine& line, const Context& context)
{
    namespace fs = std::filesystem;
    std::vector<std::string> candidates;
    if (auto dir = line.value("rules"))
        return *dir;
    if (const char* env = std::getenv("SECLEVEL_DATA_DIR"); env && *env)
        return env;
    if (!context.programDir.empty())
        candidates.push_back((fs::path(context.programDir) / ".." / "share" / "seclevel").string());
    candidates.push_back(SECLEVEL_DATA_DIR);
    candidates.push_back(SECLEVEL_SOURCE_DIR);
    for (const auto& dir : candidates) {
        std::error_code ec;
        if (fs::exists(fs::path(dir) / "schemas" / "ruleset.xsd", ec))
            return dir;
    }
    return SECLEVEL_SOURCE_DIR;
}

Result<std::vector<RuleSet>> loadShippedRuleSets(const CommandLine& line, const Context& context)
{
    const std::filesystem::path dir = dataDirectory(line, context);
    return loadRuleSets((dir / "questionnaires").string(), (dir / "schemas" / "ruleset.xsd").string());
}

Result<Date> asOfDate(const CommandLine& line)
{
    if (auto text = line.value("as-of")) {
        auto date = parseIsoDate(*text);
        if (!date)
            return makeError("", 0, "--as-of", "ngày không hợp lệ '" + *text + "' (cần YYYY-MM-DD)",
                             "invalid date '" + *text + "' (expected YYYY-MM-DD)");
        return *date;
    }
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{today};
}

Result<const RuleSet*> chooseRuleSet(const std::vector<RuleSet>& ruleSets, const CommandLine& line)
{
    if (auto id = line.value("ruleset")) {
        if (const RuleSet* rs = ruleSetById(ruleSets, *id))
            return rs;
        std::string known;
        for (const auto& rs : ruleSets)
            known += (known.empty() ? "" : ", ") + rs.id;
        return makeError("", 0, "--ruleset", "không có bộ quy tắc '" + *id + "' (có: " + known + ")",
                         "no rule set '" + *id + "' (known: " + known + ")");
    }
    auto date = asOfDate(line);
    if (!date)
        return date.errors();
    if (const RuleSet* rs = ruleSetInForce(ruleSets, *date))
        return rs;
    return makeError("", 0, "--as-of", "không có bộ quy tắc nào áp dụng ngày " + formatIsoDate(*date),
                     "no rule set applies on " + formatIsoDate(*date));
}

std::string databasePath(const CommandLine& line)
{
    if (auto path = line.value("db"))
        return *path;
    if (const char* env = std::getenv("SECLEVEL_DB"); env && *env)
        return env;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return (std::filesystem::path(base.toStdString()) / "seclevel" / "seclevel.db").string();
}

Result<std::unique_ptr<Store>> openStore(const CommandLine& line)
{
    auto store = SqliteStore::open(databasePath(line));
    if (!store)
        return store.errors();
    return std::unique_ptr<Store>(std::move(*store));
}

std::string actorName(const CommandLine& line)
{
    if (auto actor = line.value("actor"))
        return *actor;
    for (const char* var : {"SECLEVEL_ACTOR", "USER", "LOGNAME"})
        if (const char* env = std::getenv(var); env && *env)
            return env;
    return "unknown";
}

} // namespace seclevel
