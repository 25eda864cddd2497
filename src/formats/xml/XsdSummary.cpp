#include "formats/xml/XsdSummary.h"

#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <cstring>

namespace seclevel {

namespace {

// The local name of an element, whatever prefix the file binds the XSD namespace to.
bool isXsd(const pugi::xml_node& node, const char* localName)
{
    const char* name = node.name();
    const char* colon = std::strchr(name, ':');
    return std::strcmp(colon ? colon + 1 : name, localName) == 0;
}

} // namespace

Result<XsdSummary> readXsdSummary(const std::string& path)
{
    auto text = readTextFile(path, XmlSchema::maxDocumentBytes);
    if (!text)
        return text.errors();
    pugi::xml_document doc;
    // No pugi::parse_doctype: a DOCTYPE is not expanded (the same rule as the validator's).
    const pugi::xml_parse_result parsed = doc.load_buffer(text->data(), text->size(), pugi::parse_default);
    if (!parsed)
        return makeError(path, 0, "", std::string("không đọc được XML: ") + parsed.description(),
                         std::string("cannot read the XML: ") + parsed.description());
    const pugi::xml_node schema = doc.document_element();
    if (!isXsd(schema, "schema"))
        return makeError(path, 0, schema.name(), "không phải lược đồ XSD", "not an XSD schema");
    XsdSummary summary;
    summary.targetNamespace = schema.attribute("targetNamespace").value();
    summary.version = schema.attribute("version").value();
    for (const pugi::xml_node& type : schema.children()) {
        if (!isXsd(type, "simpleType") || std::strcmp(type.attribute("name").value(), "SchemaVersion") != 0)
            continue;
        for (const pugi::xml_node& restriction : type.children())
            if (isXsd(restriction, "restriction"))
                for (const pugi::xml_node& value : restriction.children())
                    if (isXsd(value, "enumeration"))
                        summary.schemaVersions.push_back(value.attribute("value").value());
    }
    return summary;
}

} // namespace seclevel
