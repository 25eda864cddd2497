#include "cli/Judging.h"

#include "formats/json/AnswersFile.h"

#include <iostream>

namespace seclevel {

std::vector<OptionSpec> judgingOptions()
{
    return {
        {"ruleset", true, {"bộ quy tắc (VN-2016, VN-2022, VN-2026); mặc định theo ngày", "rule set (VN-2016, VN-2022, VN-2026); default by date"}},
        {"as-of", true, {"ngày áp dụng YYYY-MM-DD (mặc định hôm nay)", "date YYYY-MM-DD that picks the rule set (default today)"}},
        {"propose", true, {"cấp độ đề xuất cao hơn cấp độ xác định (1–5)", "propose a level above the derived one (1–5)"}},
        {"justification", true, {"lý do bằng văn bản cho cấp độ đề xuất cao hơn", "written justification for the higher level"}},
    };
}

bool judgeUnder(const RuleSet& ruleSet, SystemDescription system, const CommandLine& line, Context& context,
                int& exitCode, SystemDescription& judgedSystem, Assessment& assessment)
{
    auto valid = validateAnswers(ruleSet, std::move(system));
    if (!valid) {
        exitCode = printErrors(valid.errors(), context, ExitInvalidInput);
        return false;
    }
    judgedSystem = std::move(*valid);
    assessment = deriveLevel(ruleSet, judgedSystem);
    if (auto proposed = line.value("propose")) {
        int level = 0;
        try {
            level = std::stoi(*proposed);
        } catch (const std::exception&) {
            exitCode = printErrors({makeError("", 0, "--propose", "cấp độ phải là số 1–5", "the level must be a number 1–5")},
                                   context, ExitUsage);
            return false;
        }
        auto proposal = proposeLevel(assessment, level, line.value("justification").value_or(""));
        if (!proposal) {
            exitCode = printErrors(proposal.errors(), context, ExitRefused);
            return false;
        }
        assessment = std::move(*proposal);
    }
    exitCode = ExitOk;
    return true;
}

std::optional<Judged> judgeSystem(SystemDescription system, std::vector<RuleSet> ruleSets, const CommandLine& line,
                                  Context& context, int& exitCode)
{
    Judged judged;
    judged.ruleSets = std::move(ruleSets);
    auto chosen = chooseRuleSet(judged.ruleSets, line);
    if (!chosen) {
        exitCode = printErrors(chosen.errors(), context, ExitNotFound);
        return std::nullopt;
    }
    judged.ruleSet = *chosen;
    if (!judgeUnder(*judged.ruleSet, std::move(system), line, context, exitCode, judged.system, judged.assessment))
        return std::nullopt;
    return judged;
}

std::optional<Judged> judgeAnswersFile(const std::string& path, const CommandLine& line, Context& context,
                                       int& exitCode)
{
    auto ruleSets = loadShippedRuleSets(line, context);
    if (!ruleSets) {
        exitCode = printErrors(ruleSets.errors(), context, ExitRuleSet);
        return std::nullopt;
    }
    auto system = readAnswersFile(path);
    if (!system) {
        exitCode = printErrors(system.errors(), context, ExitInvalidInput);
        return std::nullopt;
    }
    return judgeSystem(std::move(*system), std::move(*ruleSets), line, context, exitCode);
}

} // namespace seclevel
