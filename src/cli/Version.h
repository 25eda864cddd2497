#pragma once
// `seclevel --version`: the binary's version, then what the data folder it found holds — the rule sets and
// dossier templates with their versions, and the schemas with their namespaces and versions — because a
// result is only reproducible with the same binary *and* the same data.
#include "cli/Command.h"

#include <string>
#include <vector>

namespace seclevel {

// The program in one line, as the overview and the man page's NAME show it.
LocalizedText programSummary();
// What --version does, as the overview and the man page show it.
LocalizedText versionOptionHelp();

// args: what followed --version (the global options --lang and --rules are honoured).
int runVersion(const std::vector<std::string>& args, Context& context);

} // namespace seclevel
