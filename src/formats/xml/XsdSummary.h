#pragma once
// What an XSD file says about itself — its target namespace, its version="…" and, for a schema that defines
// a SchemaVersion type (dossier.xsd), the schema-version values it accepts. Shown by `seclevel --version`, so
// that an installation whose data folder does not match the binary can be seen.
#include "core/Error.h"

#include <string>
#include <vector>

namespace seclevel {

struct XsdSummary {
    std::string targetNamespace;
    std::string version;
    std::vector<std::string> schemaVersions; // enumeration of the simple type "SchemaVersion", if any
};

Result<XsdSummary> readXsdSummary(const std::string& path);

} // namespace seclevel
