#include "cli/Command.h"

#include "app/UserService.h"

#include "formats/json/AnswersFile.h"
#include "storage/Store.h"

#include <QStandardPaths>
#include <QString>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace seclevel {

const std::vector<OptionSpec>& globalOptions()
{
    static const std::vector<OptionSpec> specs = {
        {"lang", true, {"ngôn ngữ hiển thị: vi (mặc định) hoặc en", "display language: vi (default) or en"}},
        {"rules",
         true,
         {"thư mục dữ liệu (chứa questionnaires/ và schemas/)", "data folder (holding questionnaires/ and schemas/)"}},
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
        line.m_repeated[name].push_back(*inlineValue);
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

std::vector<std::string> CommandLine::values(const std::string& name) const
{
    auto it = m_repeated.find(name);
    return it == m_repeated.end() ? std::vector<std::string>{} : it->second;
}

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::InvalidInput: return ExitInvalidInput;
    case ErrorKind::Usage: return ExitUsage;
    case ErrorKind::RuleSet: return ExitRuleSet;
    case ErrorKind::Storage: return ExitStorage;
    case ErrorKind::NotFound: return ExitNotFound;
    case ErrorKind::Refused: return ExitRefused;
    case ErrorKind::Undetermined: return ExitUndetermined;
    case ErrorKind::Incomplete: return ExitIncomplete;
    case ErrorKind::Conflict: return ExitConflict;
    case ErrorKind::Internal: return ExitInternal;
    }
    return ExitInternal;
}

int printErrors(const Errors& errors, Context& context, int exitCode)
{
    const char* prefix = context.lang == Lang::En ? "error: " : "lỗi: ";
    for (const auto& error : errors)
        *context.err << prefix << error.describe(context.lang) << "\n";
    return exitCode;
}

int printErrors(const Errors& errors, Context& context)
{
    return printErrors(errors, context, exitCodeFor(kindOf(errors)));
}

void printNotices(const std::vector<Notice>& notices, Context& context)
{
    for (const Notice& notice : notices)
        *context.err << (context.lang == Lang::En ? "warning: " : "cảnh báo: ") << "[" << notice.id << "] "
                     << notice.text.in(context.lang) << "\n";
}

int usageError(const Command& command, Context& context, const std::string& vi, const std::string& en)
{
    *context.err << (context.lang == Lang::En ? "error: " + en : "lỗi: " + vi) << "\n"
                 << (context.lang == Lang::En ? "usage: " : "cách dùng: ") << "seclevel " << command.name() << " "
                 << command.usage() << "\n";
    return ExitUsage;
}

std::optional<int> parseInteger(std::string_view text)
{
    int value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

std::string dataDirectory(const CommandLine& line, const Context& context)
{
    return findDataDirectory(line.value("rules"), context.programDir);
}

Result<std::shared_ptr<const Catalogue>> loadCatalogue(const CommandLine& line, const Context& context)
{
    return Catalogue::load(dataDirectory(line, context));
}

Result<std::optional<Date>> asOfDate(const CommandLine& line)
{
    auto text = line.value("as-of");
    if (!text)
        return std::optional<Date>();
    auto date = parseIsoDate(*text);
    if (!date)
        return makeError(ErrorKind::Usage, "", 0, "--as-of", "ngày không hợp lệ '" + *text + "' (cần YYYY-MM-DD)",
                         "invalid date '" + *text + "' (expected YYYY-MM-DD)");
    return std::optional<Date>(*date);
}

std::vector<OptionSpec> ruleSetOptions()
{
    return {
        {"ruleset",
         true,
         {"bộ quy tắc (VN-2016, VN-2022, VN-2026); mặc định theo ngày",
          "rule set (VN-2016, VN-2022, VN-2026); default by date"}},
        {"as-of",
         true,
         {"ngày áp dụng YYYY-MM-DD (mặc định hôm nay)", "date YYYY-MM-DD that picks the rule set (default today)"}},
    };
}

std::vector<OptionSpec> judgingOptions()
{
    auto specs = ruleSetOptions();
    specs.push_back({"propose",
                     true,
                     {"cấp độ đề xuất cao hơn cấp độ xác định (1–5)", "propose a level above the derived one (1–5)"}});
    specs.push_back({"justification",
                     true,
                     {"lý do bằng văn bản cho cấp độ đề xuất cao hơn", "written justification for the higher level"}});
    return specs;
}

std::optional<JudgingInput> readJudgingInput(const std::string& answersFile, const CommandLine& line, Context& context,
                                             int& exitCode)
{
    auto fail = [&](const Errors& errors) {
        exitCode = printErrors(errors, context);
        return std::nullopt;
    };
    auto catalogue = loadCatalogue(line, context);
    if (!catalogue)
        return fail(catalogue.errors());
    auto choice = ruleSetChoice(line);
    if (!choice)
        return fail(choice.errors());
    auto proposal = proposalFrom(line);
    if (!proposal)
        return fail(proposal.errors());
    auto system = readAnswersFile(answersFile);
    if (!system)
        return fail(system.errors());
    return JudgingInput{std::move(*catalogue), std::move(*choice), std::move(*proposal), std::move(*system)};
}

Result<RuleSetChoice> ruleSetChoice(const CommandLine& line)
{
    auto date = asOfDate(line);
    if (!date)
        return date.errors();
    return RuleSetChoice{line.value("ruleset"), *date};
}

Result<const RuleSet*> chooseRuleSet(const Catalogue& catalogue, const CommandLine& line, Context& context)
{
    auto choice = ruleSetChoice(line);
    if (!choice)
        return choice.errors();
    std::vector<Notice> notices;
    auto chosen = chooseRuleSet(catalogue, *choice, todayInVietnam(std::chrono::system_clock::now()), notices);
    printNotices(notices, context);
    return chosen;
}

Result<Proposal> proposalFrom(const CommandLine& line)
{
    Proposal proposal;
    auto text = line.value("propose");
    if (!text)
        return proposal;
    auto level = parseInteger(*text);
    if (!level || *level < 1 || *level > 5)
        return makeError(ErrorKind::Usage, "", 0, "--propose", "cấp độ phải là số 1–5, không phải '" + *text + "'",
                         "the level must be a number 1–5, not '" + *text + "'");
    proposal.level = *level;
    proposal.justification = line.value("justification").value_or("");
    return proposal;
}

std::string databaseLocation(const CommandLine& line)
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
    return seclevel::openStore(databaseLocation(line));
}

std::vector<OptionSpec> actingOptions()
{
    return {{"as",
             true,
             {"người dùng thực hiện thay đổi (mặc định $SECLEVEL_USER)",
              "the user making the change (default $SECLEVEL_USER)"}},
            {"as-role",
             true,
             {"vai trò đảm nhận khi người dùng có nhiều vai trò", "which role, when the user holds several"}},
            {"as-org",
             true,
             {"thay mặt tổ chức nào khi người dùng thuộc nhiều tổ chức", "for which organisation, when several"}},
            {"actor", true, {"như --as (tên cũ)", "same as --as (older name)"}}};
}

std::vector<OptionSpec> writeOptions()
{
    std::vector<OptionSpec> specs = {
        {"db",
         true,
         {"cơ sở dữ liệu: tệp SQLite hoặc URL postgresql://", "database: an SQLite file or a postgresql:// URL"}}};
    for (OptionSpec& spec : actingOptions())
        specs.push_back(std::move(spec));
    return specs;
}

std::string actingUserId(const CommandLine& line)
{
    for (const char* option : {"as", "actor"})
        if (auto name = line.value(option))
            return *name;
    for (const char* var : {"SECLEVEL_USER", "SECLEVEL_ACTOR", "USER", "LOGNAME"})
        if (const char* env = std::getenv(var); env && *env)
            return env;
    return "unknown";
}

Result<ActingSession> openActingSession(const CommandLine& line, const Context& context)
{
    auto catalogue = loadCatalogue(line, context);
    if (!catalogue)
        return catalogue.errors();
    auto store = openStore(line);
    if (!store)
        return store.errors();
    auto actor = currentActor(line, **store);
    if (!actor)
        return actor.errors();
    return ActingSession{std::move(*catalogue), std::move(*store), std::move(*actor)};
}

Result<Actor> currentActor(const CommandLine& line, Store& store)
{
    ActingRequest request;
    request.userId = actingUserId(line);
    request.at = std::chrono::system_clock::now();
    if (auto role = line.value("as-role")) {
        Role parsed;
        if (!parseRole(*role, parsed))
            return makeError(ErrorKind::Usage, "", 0, "as-role",
                             "vai trò không hợp lệ: " + *role +
                                 " (operator, security_unit, owner, appraising_body, inspector, administrator)",
                             "not a role: " + *role +
                                 " (operator, security_unit, owner, appraising_body, inspector, administrator)");
        request.role = parsed;
    }
    if (auto org = line.value("as-org"))
        request.organisationId = *org;
    UserService users(store);
    return users.resolve(request);
}

} // namespace seclevel
