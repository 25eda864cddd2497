#pragma once
// Shared by the user, workflow, deadlines and duties commands: options and rendering.
#include "app/WorkflowService.h"
#include "cli/Command.h"
#include "codec/Json.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// --db, --format, --as-of.
std::vector<OptionSpec> workflowReadOptions();

// What the workflow's reading commands start from: --as-of (default today), the catalogue, the store, the service.
struct WorkflowRun {
    Date asOf{};
    std::shared_ptr<const Catalogue> catalogue;
    std::unique_ptr<Store> store;
    std::unique_ptr<WorkflowService> service;
};
// On failure prints why and returns nullopt with the exit code in `exitCode`.
std::optional<WorkflowRun> startWorkflowRun(const CommandLine& line, Context& context, int& exitCode);
// --date DATE as given, else --as-of, else today in Viet Nam; nullopt (after printing why) when malformed.
std::optional<Date> dateOption(const CommandLine& line, const std::string& name, Context& context, int& exitCode);
// The file of --attach (a regular file, no symbolic link, at most 100 MB) as a step's or duty's evidence: no
// attachment when the option is absent, nullopt (after printing why) when the file cannot be read.
std::optional<std::vector<StepAttachment>> attachmentOption(const CommandLine& line, Context& context, int& exitCode);
// "operator@UBND-HANAM" / JSON objects of a user.
std::string seatText(const Membership& membership);
void writeUser(json::Writer& w, const User& user);
void writeStepRecord(json::Writer& w, const WorkflowStepRecord& record);
void writeClock(json::Writer& w, const ClockStatus& clock);
// "còn 3 ngày làm việc" / "3 working days left", "quá hạn 2 ngày" / "2 days overdue".
std::string remainingText(const ClockStatus& clock, Lang lang);

} // namespace seclevel
