#pragma once
// Loads dossier templates (questionnaires/<ID>/dossier.xml): what a level-proposal dossier must contain under
// one rule set — NĐ85 Art 15 / TT12 Art 8 for VN-2016 and VN-2022, NĐ331 Art 21–22 for VN-2026 — and the
// requirement groups of each level (TT12 Annexes I–V; NĐ331 Art 30). XSD validation first
// (schemas/dossier-template.xsd), then the checks the schema cannot express. A wrong file is rejected whole,
// with file, line and what is wrong, in Vietnamese and English.
#include "core/Dossier.h"
#include "core/Error.h"

#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

class XmlSchema;

Result<DossierTemplate> loadDossierTemplate(std::string_view xml, const std::string& fileName, const XmlSchema& schema);
Result<DossierTemplate> loadDossierTemplateFile(const std::string& path, const XmlSchema& schema);

// Every <dir>/*/dossier.xml, in folder order. The root's ruleset="…" must name its folder (VN-2022 lives in
// questionnaires/VN-2022/). Errors of all files are collected.
Result<std::vector<DossierTemplate>> loadDossierTemplates(const std::string& questionnairesDir,
                                                          const std::string& xsdPath);

// The template of a rule set, or nullptr.
const DossierTemplate* dossierTemplateFor(const std::vector<DossierTemplate>& templates, const std::string& rulesetId);

} // namespace seclevel
