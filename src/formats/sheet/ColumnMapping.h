#pragma once
// How the columns of an inventory spreadsheet map to a system's fields and answers: data (mappings/*.xml,
// checked against schemas/mapping.xsd at load), never code. See schemas/mapping.xsd for the format.
#include "core/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace seclevel {

class XmlSchema;

enum class MappedField {
    None, // an answer column (answerKey) or an ignored one
    SystemId,
    SystemName,
    Owner,
    Operator,
    Organisation,
    ComponentName,
    ProposalLevel,
    Justification,
    RowNumber
};

struct MappedColumn {
    MappedField field = MappedField::None;
    std::string answerKey; // set for an answer column
    bool ignore = false;
    int form08Column = 0; // 6–12: an ignored column export fills with that column of NĐ331 Form 08
    bool required = false;
    std::vector<std::string> headers;       // as written; headers.front() is what export writes
    std::vector<std::string> foldedHeaders; // foldVietnamese(headers)
};

struct ValueAlias {
    std::string answerKey;
    std::string code;
    std::vector<std::string> aliases; // as written; the first is what export writes
    std::vector<std::string> folded;
};

struct ColumnMapping {
    enum class Layout { PerSystem, PerComponent };
    std::string id;
    std::string version;
    LocalizedText title;
    Layout layout = Layout::PerSystem;
    int headerRows = 1;
    std::vector<MappedColumn> columns;
    bool answersByKey = false;
    std::vector<ValueAlias> values;
    std::string sourceFile;

    // The option code that `folded` (a folded cell text) is an alias of for `answerKey`, or nullptr.
    const ValueAlias* alias(const std::string& answerKey, const std::string& folded) const;
    // The first alias of `code` for `answerKey` (what export writes), or nullptr.
    const ValueAlias* aliasOfCode(const std::string& answerKey, const std::string& code) const;
    const MappedColumn* column(MappedField field) const;
};

// Reads and checks a mapping file (XSD, then: each column has exactly one of field/answer/ignore, no field
// twice, component.name only in the component layout, system.id present).
Result<ColumnMapping> loadColumnMapping(const std::string& path, const XmlSchema& schema);

// The shipped mappings of `dataDir`/mappings (sorted by id), checked against `dataDir`/schemas/mapping.xsd.
Result<std::vector<ColumnMapping>> loadShippedMappings(const std::string& dataDir);

} // namespace seclevel
