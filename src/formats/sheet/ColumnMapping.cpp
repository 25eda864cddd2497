#include "formats/sheet/ColumnMapping.h"

#include "core/VietnameseText.h"
#include "rules/XmlSchema.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

namespace seclevel {

namespace fs = std::filesystem;

const ValueAlias* ColumnMapping::alias(const std::string& answerKey, const std::string& folded) const
{
    for (const ValueAlias& value : values)
        if (value.answerKey == answerKey &&
            std::find(value.folded.begin(), value.folded.end(), folded) != value.folded.end())
            return &value;
    return nullptr;
}

const ValueAlias* ColumnMapping::aliasOfCode(const std::string& answerKey, const std::string& code) const
{
    for (const ValueAlias& value : values)
        if (value.answerKey == answerKey && value.code == code)
            return &value;
    return nullptr;
}

const MappedColumn* ColumnMapping::column(MappedField field) const
{
    for (const MappedColumn& column : columns)
        if (column.field == field && field != MappedField::None)
            return &column;
    return nullptr;
}

namespace {

const std::map<std::string, MappedField>& fieldNames()
{
    static const std::map<std::string, MappedField> names{
        {"system.id", MappedField::SystemId},
        {"system.name", MappedField::SystemName},
        {"system.owner", MappedField::Owner},
        {"system.operator", MappedField::Operator},
        {"system.organisation", MappedField::Organisation},
        {"component.name", MappedField::ComponentName},
        {"proposal.level", MappedField::ProposalLevel},
        {"proposal.justification", MappedField::Justification},
        {"row.number", MappedField::RowNumber},
    };
    return names;
}

} // namespace

Result<ColumnMapping> loadColumnMapping(const std::string& path, const XmlSchema& schema)
{
    auto text = readTextFile(path, 4u << 20);
    if (!text)
        return withKind(text.errors(), ErrorKind::InvalidInput);
    Errors errors = schema.validate(*text, path);
    if (!errors.empty())
        return withKind(errors, ErrorKind::InvalidInput);
    pugi::xml_document document;
    if (!document.load_buffer(text->data(), text->size(), pugi::parse_default & ~pugi::parse_doctype))
        return makeError(path, 0, "", "tệp ánh xạ không phải XML hợp lệ", "the mapping file is not valid XML");
    const pugi::xml_node root = document.document_element();
    ColumnMapping mapping;
    mapping.sourceFile = path;
    mapping.id = root.attribute("id").value();
    mapping.version = root.attribute("version").value();
    mapping.layout = std::string(root.attribute("layout").value()) == "component" ? ColumnMapping::Layout::PerComponent
                                                                                  : ColumnMapping::Layout::PerSystem;
    mapping.headerRows = root.attribute("header-rows").as_int(1);
    for (pugi::xml_node title : root.children("title"))
        (std::string(title.attribute("lang").value()) == "en" ? mapping.title.en : mapping.title.vi) =
            title.text().get();
    std::map<MappedField, int> seenFields;
    std::map<std::string, int> seenAnswers;
    for (pugi::xml_node node : root.children("column")) {
        MappedColumn column;
        const int line = static_cast<int>(node.offset_debug()); // byte offset; lines are named by the XSD pass
        const bool hasField = !node.attribute("field").empty();
        const bool hasAnswer = !node.attribute("answer").empty();
        column.ignore = node.attribute("ignore").as_bool(false);
        column.form08Column = node.attribute("form08").as_int(0);
        column.required = node.attribute("required").as_bool(false);
        if (int(hasField) + int(hasAnswer) + int(column.ignore) != 1) {
            errors.push_back(makeError(
                path, 0, "column",
                "mỗi cột cần đúng một trong field, answer, ignore (vị trí " + std::to_string(line) + ")",
                "each column needs exactly one of field, answer, ignore (offset " + std::to_string(line) + ")"));
            continue;
        }
        if (hasField) {
            column.field = fieldNames().at(node.attribute("field").value());
            if (seenFields[column.field]++)
                errors.push_back(makeError(path, 0, node.attribute("field").value(), "trường được ánh xạ hai lần",
                                           "the field is mapped twice"));
        }
        if (hasAnswer) {
            column.answerKey = node.attribute("answer").value();
            if (seenAnswers[column.answerKey]++)
                errors.push_back(makeError(path, 0, column.answerKey, "câu trả lời được ánh xạ hai lần",
                                           "the answer is mapped twice"));
        }
        for (pugi::xml_node header : node.children("header")) {
            column.headers.emplace_back(header.text().get());
            column.foldedHeaders.push_back(foldVietnamese(column.headers.back()));
        }
        mapping.columns.push_back(std::move(column));
    }
    mapping.answersByKey = !root.child("answers-by-key").empty();
    for (pugi::xml_node values : root.children("values")) {
        for (pugi::xml_node node : values.children("value")) {
            ValueAlias value;
            value.answerKey = values.attribute("answer").value();
            value.code = node.attribute("code").value();
            for (pugi::xml_node alias : node.children("alias")) {
                value.aliases.emplace_back(alias.text().get());
                value.folded.push_back(foldVietnamese(value.aliases.back()));
            }
            mapping.values.push_back(std::move(value));
        }
    }
    if (!mapping.column(MappedField::SystemId))
        errors.push_back(makeError(path, 0, "system.id", "ánh xạ phải có cột mã hệ thống (system.id)",
                                   "the mapping needs a system id column (system.id)"));
    if (mapping.column(MappedField::ComponentName) && mapping.layout != ColumnMapping::Layout::PerComponent)
        errors.push_back(makeError(path, 0, "component.name", "cột tên thành phần chỉ dùng với layout=\"component\"",
                                   "a component name column needs layout=\"component\""));
    if (mapping.layout == ColumnMapping::Layout::PerComponent && !mapping.column(MappedField::ComponentName))
        errors.push_back(makeError(path, 0, "component.name", "layout=\"component\" cần cột tên thành phần",
                                   "layout=\"component\" needs a component name column"));
    if (!errors.empty())
        return errors;
    return mapping;
}

Result<std::vector<ColumnMapping>> loadShippedMappings(const std::string& dataDir)
{
    auto schema = XmlSchema::load((fs::path(dataDir) / "schemas" / "mapping.xsd").string());
    if (!schema)
        return withKind(schema.errors(), ErrorKind::RuleSet);
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(dataDir) / "mappings", ec))
        if (entry.path().extension() == ".xml")
            files.push_back(entry.path().string());
    if (ec)
        return makeError(ErrorKind::RuleSet, (fs::path(dataDir) / "mappings").string(), 0, "",
                         "không đọc được thư mục ánh xạ", "cannot read the mappings folder");
    std::sort(files.begin(), files.end());
    std::vector<ColumnMapping> mappings;
    for (const auto& file : files) {
        auto mapping = loadColumnMapping(file, **schema);
        if (!mapping)
            return withKind(mapping.errors(), ErrorKind::RuleSet);
        mappings.push_back(std::move(*mapping));
    }
    return mappings;
}

} // namespace seclevel
