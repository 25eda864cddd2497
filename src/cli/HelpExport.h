#pragma once
// Hidden command `seclevel help-export man|bash-completion [--lang vi|en] [--output FILE]`: the man page
// (roff) and the bash completion script, written from the same command table (allCommands(), globalOptions())
// that `seclevel --help` and `seclevel COMMAND --help` print, so that they cannot drift apart. The build runs
// it to produce seclevel.1 (English), vi/seclevel.1 (Vietnamese) and the completion script it installs.
#include "cli/Command.h"

#include <memory>
#include <string>
#include <vector>

namespace seclevel {

std::string manPage(const std::vector<std::unique_ptr<Command>>& commands, Lang lang);
std::string bashCompletion(const std::vector<std::unique_ptr<Command>>& commands);

// args: what followed `help-export`.
int runHelpExport(const std::vector<std::string>& args, const std::vector<std::unique_ptr<Command>>& commands,
                  Context& context);

} // namespace seclevel
