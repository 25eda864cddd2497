#pragma once
// The `details` text of each kind of audit entry (internal to storage, shared by both stores, no SQL):
// canonical JSON (no whitespace, members in the order written here, strings as codec::jsonString writes them),
// so the same change gives the same text, hence the same hash, in every store.
#include "core/Actor.h"
#include "core/Assessment.h"
#include "core/Dossier.h"
#include "core/System.h"
#include "storage/AnswerChanges.h"
#include "storage/DossierState.h"
#include "storage/Store.h"

#include <string>
#include <vector>

namespace seclevel::storage {

// {"id":…,"name":…,"parent":…[,"authority":…]}
std::string organisationDetails(const Organisation& organisation);
// {"id":…,"name":…,"owner":…,"operator":…,"organisation":…,"answers":{…},"components":[{"name":…,"answers":{…}},…]}
// (answer sets as codec::encodeAnswerSet writes them)
std::string systemDetails(const SystemDescription& system);
// {"system":<systemDetails>,"answer_changes":[{"component":…,"key":…,"old":…,"new":…},…]} (old/new: the
// canonical JSON texts of the answer history, as strings; "" = no answer)
std::string systemUpdateDetails(const SystemDescription& system, const AnswerChanges& changes);
// {"system":…,"ruleset_id":…,"ruleset_version":…,"derived_level":N,"proposed_level":N,"justification":…,
//  "sha256":…} — sha256 of codec::encodeAssessment (the whole trace; the assessments table keeps it)
std::string assessmentDetails(const std::string& systemId, const Assessment& assessment);
// {"system":…,"changes":[{"key":…,"old":…,"new":…},…]} (the dossier_history rows)
std::string dossierDetails(const std::string& systemId, const std::vector<DossierItemChange>& changes);
// {"system":…,"kind":…,"name":…,"size":N,"sha256":…,"changes":[…]}
std::string attachmentDetails(const std::string& systemId, const Attachment& attachment,
                              const std::vector<DossierItemChange>& changes);
// {"system":<systemDetails or null when unchanged>,"answer_changes":[…],"assessment":<assessmentDetails or null
//  when not recorded>,"dossier_changes":[…]}
std::string importDetails(const SystemDescription& system, bool systemChanged, const AnswerChanges& changes,
                          const Assessment* recorded, const std::vector<DossierItemChange>& dossierChanges);

// {"id":…,"name":…,"roles":[{"organisation":…,"role":…},…]}
std::string userDetails(const User& user);
// {"system":…,"seq":N,"step":…,"from":…,"to":…,"ruleset":…,"version":…,"level":N,"approved_level":N,"date":…,
//  "number":…,"document_date":…,"note":…,"attachments":[{"name":…,"size":N,"sha256":…},…]}
std::string workflowStepDetails(const WorkflowStepRecord& record);
// {"system":…,"duty":…,"fulfilled_on":…,"number":…,"note":…,"attachments":[…]}
std::string dutyDetails(const DutyRecord& record);
// {"year":N,"sha256":…} — sha256 of the announcement's XML text (the table keeps the text)
std::string calendarAnnouncementDetails(int year, const std::string& xmlText);

} // namespace seclevel::storage
