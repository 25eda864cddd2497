#include "rules/XmlSchema.h"

#include "io/InputFile.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <sstream>

namespace seclevel {

struct XmlSchema::Impl {
    xmlSchemaPtr schema = nullptr;
    ~Impl()
    {
        if (schema)
            xmlSchemaFree(schema);
    }
};

namespace {

struct ErrorSink {
    std::string file;
    Errors errors;
    std::string prefixVi = "không đúng lược đồ XSD: ";
    std::string prefixEn = "does not match the XSD: ";
};

std::string trimmed(const char* text)
{
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

void collectStructuredError(void* userData, xmlErrorPtr error)
{
    auto* sink = static_cast<ErrorSink*>(userData);
    if (!error || sink->errors.size() >= 50)
        return;
    const std::string message = trimmed(error->message);
    sink->errors.push_back(makeError(sink->file, error->line, "", sink->prefixVi + message, sink->prefixEn + message));
}

// Parser options shared by every XML read: never touch the network, never substitute entities, never load
// a DTD. A DOCTYPE is refused outright after parsing (see validate()).
constexpr int safeParseOptions = XML_PARSE_NONET | XML_PARSE_NOBLANKS;

} // namespace

XmlSchema::~XmlSchema() = default;

Result<std::shared_ptr<XmlSchema>> XmlSchema::load(const std::string& xsdPath)
{
    auto text =
        readInputFile(xsdPath, {.maxBytes = maxDocumentBytes, .what = {"lược đồ XSD", "XSD schema"}, .text = true});
    if (!text)
        return text.errors();
    ErrorSink sink{xsdPath, {}, "lược đồ XSD không hợp lệ: ", "invalid XSD schema: "};
    xmlSchemaParserCtxtPtr ctxt = xmlSchemaNewMemParserCtxt(text->data(), static_cast<int>(text->size()));
    if (!ctxt)
        return makeError(xsdPath, 0, "", "không đọc được lược đồ XSD", "cannot read the XSD schema");
    xmlSchemaSetParserStructuredErrors(ctxt, collectStructuredError, &sink);
    xmlSchemaPtr schema = xmlSchemaParse(ctxt);
    xmlSchemaFreeParserCtxt(ctxt);
    if (!schema) {
        if (sink.errors.empty())
            sink.errors.push_back(makeError(xsdPath, 0, "", "lược đồ XSD không hợp lệ", "invalid XSD schema"));
        return sink.errors;
    }
    std::shared_ptr<XmlSchema> result(new XmlSchema());
    result->m_impl = std::make_unique<Impl>();
    result->m_impl->schema = schema;
    return result;
}

Errors XmlSchema::validate(std::string_view xml, const std::string& fileName) const
{
    if (xml.size() > maxDocumentBytes)
        return {makeError(fileName, 0, "", "tệp XML quá lớn (tối đa 64 MB)", "XML file too large (64 MB at most)")};
    // Refused before parsing, so no entity is ever declared, let alone expanded or fetched.
    if (const auto at = xml.find("<!DOCTYPE"); at != std::string_view::npos) {
        const int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
        return {makeError(fileName, line, "DOCTYPE",
                          "không chấp nhận khai báo DOCTYPE/thực thể (phòng tấn công XXE, bom thực thể)",
                          "DOCTYPE and entity declarations are refused (XXE and entity-expansion attacks)")};
    }
    ErrorSink sink{fileName, {}, "XML không đúng cú pháp: ", "malformed XML: "};
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (!parser)
        return {makeError(fileName, 0, "", "hết bộ nhớ khi đọc XML", "out of memory reading XML")};
    xmlSetStructuredErrorFunc(&sink, collectStructuredError);
    xmlDocPtr doc = xmlCtxtReadMemory(parser, xml.data(), static_cast<int>(xml.size()), fileName.c_str(), nullptr,
                                      safeParseOptions);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(parser);
    if (!doc) {
        if (sink.errors.empty())
            sink.errors.push_back(makeError(fileName, 0, "", "XML không đúng cú pháp", "malformed XML"));
        return sink.errors;
    }
    if (doc->intSubset || doc->extSubset) {
        const int line =
            doc->intSubset ? static_cast<int>(xmlGetLineNo(reinterpret_cast<xmlNodePtr>(doc->intSubset))) : 0;
        xmlFreeDoc(doc);
        return {makeError(fileName, line > 0 ? line : 1, "DOCTYPE",
                          "không chấp nhận khai báo DOCTYPE/thực thể (phòng tấn công XXE, bom thực thể)",
                          "DOCTYPE and entity declarations are refused (XXE and entity-expansion attacks)")};
    }
    sink = ErrorSink{fileName, {}};
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(m_impl->schema);
    xmlSchemaSetValidStructuredErrors(valid, collectStructuredError, &sink);
    const int rc = xmlSchemaValidateDoc(valid, doc);
    xmlSchemaFreeValidCtxt(valid);
    xmlFreeDoc(doc);
    if (rc != 0 && sink.errors.empty())
        sink.errors.push_back(makeError(fileName, 0, "", "không đúng lược đồ XSD", "does not match the XSD"));
    return sink.errors;
}

} // namespace seclevel
