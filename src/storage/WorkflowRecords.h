#pragma once
// What both stores keep of users, workflow steps and duty records besides their indexed columns, in one
// canonical JSON text (internal to storage), and the checks both make before writing them.
#include "storage/StoreValidation.h"

namespace seclevel::storage {

std::string encodeMemberships(const std::vector<Membership>& memberships);
std::vector<Membership> decodeMemberships(const std::string& text);

// The parts of a step not kept in columns: document, note, attachments, rule set, levels, from-state.
std::string encodeStepDetails(const WorkflowStepRecord& record);
void decodeStepDetails(const std::string& text, WorkflowStepRecord& record);

std::string encodeDutyDetails(const DutyRecord& record);
void decodeDutyDetails(const std::string& text, DutyRecord& record);

// Someone else took a step on the system first (ErrorKind::Conflict).
Error workflowConflict(const std::string& store, const std::string& systemId);

Errors checkUser(const User& user, const Actor& actor, const ActorLabels& labels);
// Also checks that contents[i] matches attachments[i] (size and SHA-256).
Errors checkStepRecord(const WorkflowStepRecord& record, const std::vector<std::string>& contents, const Actor& actor,
                       const ActorLabels& labels);
Errors checkDutyRecord(const DutyRecord& record, const std::vector<std::string>& contents, const Actor& actor,
                       const ActorLabels& labels);

} // namespace seclevel::storage
