#pragma once
// What the `system …` commands share.
#include "cli/Command.h"

#include <string>
#include <vector>

namespace seclevel {

namespace json {
class Writer;
}
struct SystemSummary;

// The members `system list` and `system show` share: id, name, owner, operator, organisation, rule set, levels.
void writeSystemSummary(json::Writer& writer, const SystemSummary& summary);

std::vector<OptionSpec> storeOptions();      // --db, --format
std::vector<OptionSpec> storeWriteOptions(); // --db, --actor, --organisation, judging options

// Reads FILE, judges it and stores system + assessment. For an update, `expectedId` must match the file.
int storeJudgedSystem(const std::string& file, const std::string& expectedId, const CommandLine& line, Context& context,
                      bool isNew);

} // namespace seclevel
