#pragma once
// Loads questionnaires/instruments.xml (schemas/instruments.xsd): the register of legal instruments citations
// may name, with the Vietnamese and English names a rendered citation ends with (core/Citation.h).
#include "core/Citation.h"
#include "core/Error.h"

#include <string>
#include <string_view>
#include <vector>

namespace seclevel {

class XmlSchema;

Result<InstrumentRegister> loadInstrumentRegister(std::string_view xml, const std::string& fileName,
                                                  const XmlSchema& schema);
Result<InstrumentRegister> loadInstrumentRegisterFile(const std::string& path, const XmlSchema& schema);

// Fills the names of the rule sets' instruments from the register; an instrument a rule set lists that the
// register lacks is an error naming the rule-set file (ErrorKind::RuleSet).
Errors nameRuleSetInstruments(std::vector<RuleSet>& ruleSets, const InstrumentRegister& instruments);

} // namespace seclevel
