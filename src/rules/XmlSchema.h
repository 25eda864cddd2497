#pragma once
// XSD validation with libxml2, hardened against hostile files: no network, no DTD (so no external entities
// and no entity-expansion bombs), size-capped. Used for rule sets and, at the format edge, dossiers.
#include "core/Error.h"
#include "io/InputFile.h" // readTextFile, which used to be declared here (src/cli still finds it this way)

#include <memory>
#include <string>
#include <string_view>

namespace seclevel {

class XmlSchema {
public:
    static Result<std::shared_ptr<XmlSchema>> load(const std::string& xsdPath);
    ~XmlSchema();
    XmlSchema(const XmlSchema&) = delete;
    XmlSchema& operator=(const XmlSchema&) = delete;

    // Validates an in-memory document; errors carry `fileName` and the line libxml2 reports.
    Errors validate(std::string_view xml, const std::string& fileName) const;

    static constexpr size_t maxDocumentBytes = 64u * 1024u * 1024u;

private:
    XmlSchema() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace seclevel
