#pragma once
// Bulk import of a system inventory from a spreadsheet (CSV or XLSX), the use case behind `seclevel import`
// and, later, the server's upload: plain values in, a report out, nothing printed.
//
// The file is read once (through io/InputFile) and walked in passes: to find its header and count its rows (a
// file over the row cap is refused before any work; an XLSX gives the count from a raw scan), to read and judge every row against the rule set and
// plan what would change (new / changed / unchanged / refused), and — unless it is a dry run, or an
// all-or-nothing import with a refused row — to write the new and changed systems through SystemService (the
// same add/update path as `system add` / `system update`, so history, audit and re-determination apply), one
// Store transaction per batch. Every bad cell is reported with file, sheet, row, column letter and header,
// value and what was expected, in Vietnamese and English.
#include "app/SystemService.h"
#include "formats/sheet/ColumnMapping.h"
#include "formats/sheet/SheetRows.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace seclevel {

// Far above any province's inventory (hundreds to a few thousand systems), far below what would exhaust the
// memory of a small server: the plan keeps a few dozen bytes per system. A larger file is refused whole, with
// the advice to split it, before anything is judged or written.
inline constexpr std::size_t maxImportRows = 200000;
// Problems listed one by one in a report; beyond that they are counted.
inline constexpr std::size_t maxReportedProblems = 10000;

struct ImportRequest {
    std::string path;
    std::optional<std::string> sheet;   // XLSX: the worksheet (default the first)
    std::optional<std::string> mapping; // a shipped mapping id or a mapping file; default: the shipped
                                        // mapping that fits the header best
    RuleSetChoice ruleSet;
    std::optional<std::string> organisationId; // for new systems whose row names none (stored ones keep theirs)
    bool dryRun = false;
    bool allOrNothing = false;
    std::size_t batchSize = 1000;
    std::size_t maxRows = maxImportRows;
};

// One bad cell (or row, when column < 0).
struct CellProblem {
    std::string file;
    std::string sheet;
    int row = 0;
    int column = -1; // 0-based; −1 = the row as a whole
    std::string header;
    std::string value;
    std::string systemId;
    LocalizedText message; // what is wrong / what was expected
};

enum class PlanAction { New, Changed, Unchanged, Refused };
const char* planActionName(PlanAction action); // "new", "changed", "unchanged", "refused"

struct PlannedSystem {
    std::string id;
    int row = 0; // first row of the system in the file
    PlanAction action = PlanAction::Refused;
    int level = 0; // the proposed level it is (or would be) stored with; 0 when refused or unchanged
};

struct ImportReport {
    std::string file;
    std::string sheet;
    std::string mappingId;
    std::string rulesetId, rulesetVersion;
    std::size_t rows = 0; // data rows read
    bool dryRun = false;
    bool written = false; // something was committed
    std::vector<PlannedSystem> systems;
    std::vector<CellProblem> problems;
    std::size_t problemCount = 0; // problems found, listed or not
    std::vector<LocalizedText> notices;
    std::vector<std::string> unmappedHeaders; // columns of the file that no mapping column takes
    // The refused rows as they were in the file (at most maxReportedProblems), with the header, so that the
    // XLSX problem report can hold them in a sheet an official fixes and imports again.
    std::vector<std::string> header;
    struct RefusedRow {
        int row = 0;
        std::vector<std::string> cells;
        std::string problems; // "F: …; H: …" in Vietnamese / English
        std::string problemsEn;
    };
    std::vector<RefusedRow> refusedRows;

    std::size_t count(PlanAction action) const;
};

// Progress of a long import: the phase ("check", "write"), rows done and rows in all.
using ImportProgress = std::function<void(const char* phase, std::size_t done, std::size_t total)>;

class ImportService {
public:
    ImportService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    // File-level failures (unreadable, wrong encoding, no header, a required column missing, too many rows,
    // an unknown mapping) are errors; problems of cells and rows are in the report. With allOrNothing and any
    // problem nothing is written (report.written false).
    Result<ImportReport> importFile(const ImportRequest& request, const Actor& actor,
                                    const ImportProgress& progress = {});

private:
    const Catalogue& m_catalogue;
    Store& m_store;
};

// The rows of a file, CSV or XLSX told from the content (a zip archive is XLSX), from bytes read once.
Result<std::unique_ptr<SheetRows>> openSheetRows(const std::string& bytes, const std::string& fileName,
                                                 const std::optional<std::string>& sheet);

// The mapping a request names: a shipped id (mappings/ID.xml) or a file path.
Result<ColumnMapping> findMapping(const Catalogue& catalogue, const std::string& nameOrPath);

} // namespace seclevel

namespace seclevel {

// The problems of a report as a table an official opens, fixes the file by and imports again: CSV, or XLSX
// when `path` ends in .xlsx. Columns: file, sheet, row, column, header, value, system id, problem (vi), (en).
// The XLSX report has a second sheet, "Hàng cần sửa": the header and the refused rows as they were, the same
// columns in the same places, with what is wrong in a last column — fix them there and import that sheet
// (`--sheet "Hàng cần sửa"`; the last column is not read).
Result<bool> writeProblemReport(const ImportReport& report, const std::string& path);

} // namespace seclevel
