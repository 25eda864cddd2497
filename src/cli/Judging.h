#pragma once
// What assess, reassess and system add/update share: read an answers file, pick the rule set, validate the
// answers against its questionnaire, derive the level and record an owner's higher proposal.
#include "cli/Command.h"
#include "core/Assessment.h"

#include <vector>

namespace seclevel {

struct Judged {
    std::vector<RuleSet> ruleSets;
    const RuleSet* ruleSet = nullptr;
    SystemDescription system;
    Assessment assessment;
};

// The options that go with judging (--ruleset, --as-of, --propose, --justification).
std::vector<OptionSpec> judgingOptions();

// On failure prints the errors and returns the exit code in `exitCode`.
std::optional<Judged> judgeAnswersFile(const std::string& path, const CommandLine& line, Context& context,
                                       int& exitCode);
std::optional<Judged> judgeSystem(SystemDescription system, std::vector<RuleSet> ruleSets, const CommandLine& line,
                                  Context& context, int& exitCode);
// Validates and judges under one given rule set (also applies --propose). Fills system and assessment.
bool judgeUnder(const RuleSet& ruleSet, SystemDescription system, const CommandLine& line, Context& context,
                int& exitCode, SystemDescription& judgedSystem, Assessment& assessment);

} // namespace seclevel
