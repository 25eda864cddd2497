#pragma once
// Loads rule sets (questionnaires/<ID>/ruleset.xml): XSD validation first, then the semantic checks the
// schema cannot express (expression syntax and types, unknown answer keys, show-if cycles, duplicates).
// A wrong file is rejected whole, with file, line and what is wrong.
#include "core/Error.h"
#include "core/RuleSet.h"

#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

class XmlSchema;

Result<RuleSet> loadRuleSet(std::string_view xml, const std::string& fileName, const XmlSchema& schema);
Result<RuleSet> loadRuleSetFile(const std::string& path, const XmlSchema& schema);

// Every <dir>/*/ruleset.xml, sorted by validity start. Errors of all files are collected.
Result<std::vector<RuleSet>> loadRuleSets(const std::string& questionnairesDir, const std::string& xsdPath);

} // namespace seclevel
