#pragma once
// A spreadsheet cell read as an answer of the type its question has, the way officials fill inventories:
// choices by code, by the rule set's label or by a mapping alias, with or without diacritics ("Nội bộ",
// "noi bo", "internal"); yes/no in Vietnamese or English; numbers in Vietnamese notation ("86.000") or as
// XLSX numbers; dates as ISO, dd/mm/yyyy or an XLSX serial number. And back: an answer as the text export
// writes, which reads back as the same value.
#include "core/RuleSet.h"
#include "formats/sheet/ColumnMapping.h"
#include "formats/sheet/SheetRows.h"

#include <optional>
#include <string>

namespace seclevel {

struct CellReading {
    Value value;                          // monostate for an empty cell
    std::optional<LocalizedText> problem; // what was expected, when the cell cannot be read as one
};

CellReading readAnswerCell(const SheetCell& cell, const Question& question, const ColumnMapping& mapping);

// A whole number from a cell (XLSX number, or Vietnamese notation); the problem says what was expected.
CellReading readIntegerCell(const SheetCell& cell);

// Plain text of a cell: a neutralised formula restored, XLSX numbers written without exponent when whole.
std::string cellText(const SheetCell& cell);

// An answer as export writes it, and whether it is a number (written as a number cell in XLSX).
struct WrittenAnswer {
    std::string text;
    bool numeric = false;
};
WrittenAnswer writeAnswerCell(const Value& value, const Question* question, const ColumnMapping& mapping,
                              const std::string& key);

// The Excel serial day number (1900 date system, days since 1899-12-30) of a date, and back.
std::optional<Date> dateFromSerial(double serial);

} // namespace seclevel
