#pragma once
// The level-proposal dossier as JSON (dossier export --format json): the same content as the XML form
//   {"system": {"id", "name", "owner", "operator", "organisation", "answers": {…},
//               "components": [{"name", "answers": {…}}]},
//    "assessment": {… as AssessmentJson …}, "approved_level",
//    "fields": {key: text}, "requirements": [{"group", "item", "status", "how", "planned_by"}],
//    "attachments": [{"kind", "name", "media_type", "size", "sha256", "reference"}]}
#include "codec/Json.h"
#include "core/Dossier.h"
#include "core/RuleSet.h"

#include <string>

namespace seclevel {

void writeDossier(json::Writer& writer, const Dossier& dossier); // fields, requirements, attachments as members
std::string dossierDocumentToJson(const DossierDocument& document, const RuleSet& ruleSet, Lang lang);

} // namespace seclevel
