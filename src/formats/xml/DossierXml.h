#pragma once
// The level-proposal dossier (hồ sơ đề xuất cấp độ) as XML, both ways: namespace urn:seclevel:dossier:1,
// schema schemas/dossier.xsd (its documentation describes every element).
//
// Writing is deterministic: the same DossierDocument gives the same bytes. Reading refuses oversized and
// non-UTF-8 input, parses with pugixml and refuses more than maxComponentsPerSystem components (system or
// judged) before anything else, validates against the XSD (hostile files are refused there: DOCTYPE/entities,
// malformed input), then reads and checks what the schema cannot express (duplicates, references between
// elements, levels that contradict the trace, control and bidi characters in ids and names). Every error
// names the file, the line and the element.
//
// Not carried: SystemDescription::sourceFile and AnswerSet::lines (where answers came from). A dossier read
// from XML has sourceFile = the XML file's name and lines = the lines of its <answer> elements, so that a
// later validateAnswers() points into the dossier. Dossier::systemId is the system's id: it is not written
// twice, and reading sets it from <system id>.
#include "core/Dossier.h"
#include "core/Error.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema;

// A dossier holds texts and digests, never the attachments' content: the largest realistic one is well
// under 1 MB. Larger input is refused before any parsing.
constexpr std::size_t maxDossierXmlBytes = 16u * 1024u * 1024u;

// The namespace and root schema-version="…" this build writes and reads (shown by `seclevel --version`).
constexpr const char* dossierXmlNamespace = "urn:seclevel:dossier:1";
constexpr const char* dossierXmlSchemaVersion = "1";

// The document as XML (UTF-8, two-space indentation). Does not validate: see exportDossierXml.
std::string dossierToXml(const DossierDocument& document);

// What `assess --format xml` writes: the rule set, the system with its answers and the assessment, in the
// dossier's vocabulary (urn:seclevel:dossier:1, root <assessment-report>), so an assessment has one XML form.
std::string assessmentReportToXml(const Assessment& assessment, const SystemDescription& system);

// Checks an XML text against the dossier schema (and the size cap). Empty = valid.
Errors validateDossierXml(std::string_view xml, const std::string& fileName, const XmlSchema& schema);

// Builds and validates: text that XML cannot carry (invalid UTF-8, control characters) is reported by field,
// then the output is checked against the schema. Only a valid text is returned; write it as it is.
Result<std::string> exportDossierXml(const DossierDocument& document, const XmlSchema& schema);

// Validates against the schema, then reads. Nothing is returned unless the whole file is valid.
Result<DossierDocument> dossierFromXml(std::string_view xml, const std::string& fileName, const XmlSchema& schema);

// Reads a file (refused by size before it is read into memory), then dossierFromXml.
Result<DossierDocument> readDossierXmlFile(const std::string& path, const XmlSchema& schema);

} // namespace seclevel
