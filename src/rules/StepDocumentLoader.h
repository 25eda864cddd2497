#pragma once
// Loads questionnaires/<ID>/documents.xml (schemas/step-documents.xsd): the fixed wording of the documents
// that steps of the procedure issue. Beyond the schema it checks that every placeholder is one the
// application fills (core/StepDocument.h), that `ref.<cite>` names a cite of the same document, that braces
// are balanced, and — given the procedure — that every cited step exists and every document a step names
// is defined.
#include "core/Error.h"
#include "core/Procedure.h"
#include "core/StepDocument.h"

#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema;

Result<DocumentSet> loadStepDocuments(std::string_view xml, const std::string& fileName, const XmlSchema& schema,
                                      const Procedure& procedure);
Result<DocumentSet> loadStepDocumentsFile(const std::string& path, const XmlSchema& schema, const Procedure& procedure);

} // namespace seclevel
