#pragma once
// Loads questionnaires/<ID>/procedure.xml (schemas/procedure.xsd): the appraisal and approval procedure of a
// rule set. Beyond the schema it checks what the schema cannot: every state a step or clock names exists,
// the rule set it names matches its folder, and no two definitions of one step overlap in levels.
#include "core/Error.h"
#include "core/Procedure.h"

#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema;

Result<Procedure> loadProcedure(std::string_view xml, const std::string& fileName, const XmlSchema& schema);
Result<Procedure> loadProcedureFile(const std::string& path, const XmlSchema& schema);

} // namespace seclevel
