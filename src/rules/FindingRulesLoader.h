#pragma once
// Loads questionnaires/<ID>/findings.xml (schemas/findings.xsd): the rules of automatic inspection findings of a
// rule set. Beyond the schema: every citation reads and names an instrument of the register (core/Citation.h),
// and the rule set named is the folder's.
#include "core/Citation.h"
#include "core/Error.h"
#include "core/Finding.h"

#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema;

Result<FindingRuleSet> loadFindingRules(std::string_view xml, const std::string& fileName, const XmlSchema& schema,
                                        const InstrumentRegister& instruments);
Result<FindingRuleSet> loadFindingRulesFile(const std::string& path, const XmlSchema& schema,
                                            const InstrumentRegister& instruments);

} // namespace seclevel
