#pragma once
// Shared by the user, workflow, deadlines and duties commands: options and rendering.
#include "app/WorkflowService.h"
#include "cli/Command.h"
#include "codec/Json.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// --db, --format, --as-of.
std::vector<OptionSpec> workflowReadOptions();
// --date DATE as given, else --as-of, else today in Viet Nam; nullopt (after printing why) when malformed.
std::optional<Date> dateOption(const CommandLine& line, const std::string& name, Context& context, int& exitCode);
// "operator@UBND-HANAM" / JSON objects of a user.
std::string seatText(const Membership& membership);
void writeUser(json::Writer& w, const User& user);
void writeStepRecord(json::Writer& w, const WorkflowStepRecord& record);
void writeClock(json::Writer& w, const ClockStatus& clock);
// "còn 3 ngày làm việc" / "3 working days left", "quá hạn 2 ngày" / "2 days overdue".
std::string remainingText(const ClockStatus& clock, Lang lang);

} // namespace seclevel
