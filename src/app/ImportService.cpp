#include "app/ImportService.h"

#include "core/TextSafety.h"
#include "core/VietnameseText.h"
#include "formats/csv/CsvReader.h"
#include "formats/sheet/CellValues.h"
#include "formats/xlsx/XlsxReader.h"
#include "io/InputFile.h"
#include "rules/XmlSchema.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <set>
#include <unordered_map>

namespace seclevel {

namespace fs = std::filesystem;

const char* planActionName(PlanAction action)
{
    switch (action) {
    case PlanAction::New: return "new";
    case PlanAction::Changed: return "changed";
    case PlanAction::Unchanged: return "unchanged";
    case PlanAction::Refused: return "refused";
    }
    return "refused";
}

std::size_t ImportReport::count(PlanAction action) const
{
    return static_cast<std::size_t>(
        std::count_if(systems.begin(), systems.end(), [&](const PlannedSystem& s) { return s.action == action; }));
}

Result<std::unique_ptr<SheetRows>> openSheetRows(const std::string& bytes, const std::string& fileName,
                                                 const std::optional<std::string>& sheet)
{
    if (looksLikeZip(bytes))
        return readXlsx(bytes, fileName, sheet);
    if (sheet)
        return makeError(ErrorKind::Usage, fileName, 0, "--sheet", "tệp CSV không có trang tính; bỏ --sheet",
                         "a CSV file has no worksheets; drop --sheet");
    return readCsv(bytes, fileName);
}

Result<ColumnMapping> findMapping(const Catalogue& catalogue, const std::string& nameOrPath)
{
    const fs::path shipped = fs::path(catalogue.dataDirectory()) / "mappings" / (nameOrPath + ".xml");
    const bool isId = nameOrPath.find('/') == std::string::npos && nameOrPath.find('.') == std::string::npos;
    std::error_code ec;
    if (isId && !fs::exists(shipped, ec)) {
        std::string known;
        for (const auto& entry : fs::directory_iterator(fs::path(catalogue.dataDirectory()) / "mappings", ec))
            if (entry.path().extension() == ".xml")
                known += (known.empty() ? "" : ", ") + entry.path().stem().string();
        return makeError(ErrorKind::NotFound, "", 0, "--mapping",
                         "không có ánh xạ '" + nameOrPath + "' (có: " + known + ", hoặc đường dẫn tới tệp .xml)",
                         "no mapping '" + nameOrPath + "' (shipped: " + known + ", or a path to an .xml file)");
    }
    auto schema = XmlSchema::load((fs::path(catalogue.dataDirectory()) / "schemas" / "mapping.xsd").string());
    if (!schema)
        return withKind(schema.errors(), ErrorKind::RuleSet);
    return loadColumnMapping(isId ? shipped.string() : nameOrPath, **schema);
}

namespace {

// What a column of the file is.
struct Binding {
    const MappedColumn* column = nullptr; // null: an answer by key, or not mapped
    std::string answerKey;                // answer columns
    const Question* question = nullptr;   // null when the rule set has no such question
    std::string header;                   // as in the file
};

bool sameAnswers(const AnswerSet& a, const AnswerSet& b)
{
    auto answered = [](const AnswerSet& set) {
        std::size_t n = 0;
        for (const auto& [key, value] : set.values)
            n += isAnswered(value) ? 1 : 0;
        return n;
    };
    if (answered(a) != answered(b))
        return false;
    for (const auto& [key, value] : a.values)
        if (isAnswered(value) && !(b.get(key) == value))
            return false;
    return true;
}

bool sameDescription(const SystemDescription& file, const SystemDescription& stored, bool organisationGiven)
{
    if (file.id != stored.id || file.name != stored.name || file.owner != stored.owner ||
        file.operatorName != stored.operatorName || (organisationGiven && file.organisationId != stored.organisationId))
        return false;
    if (!sameAnswers(file.answers, stored.answers) || file.components.size() != stored.components.size())
        return false;
    for (std::size_t i = 0; i < file.components.size(); ++i)
        if (file.components[i].name != stored.components[i].name ||
            !sameAnswers(file.components[i].answers, stored.components[i].answers))
            return false;
    return true;
}

// The rows of one system (one row per system, or the consecutive rows of one id in the component layout).
struct RowGroup {
    std::string id;
    std::vector<SheetRow> rows;
};

class ImportRun {
public:
    ImportRun(const Catalogue& catalogue, Store& store, const ImportRequest& request, const Actor& actor,
              const ImportProgress& progress)
        : m_catalogue(catalogue),
          m_store(store),
          m_request(request),
          m_actor(actor),
          m_progress(progress)
    {}

    Result<ImportReport> run()
    {
        InputFileLimits limits;
        limits.maxBytes = 256u << 20;
        limits.what = {"tệp nhập", "import file"};
        auto bytes = readInputFile(m_request.path, limits);
        if (!bytes)
            return bytes.errors();
        m_bytes = std::move(*bytes);

        std::vector<Notice> notices;
        auto ruleSet = chooseRuleSet(m_catalogue, m_request.ruleSet, todayInVietnam(m_actor.at), notices);
        if (!ruleSet)
            return ruleSet.errors();
        m_ruleSet = *ruleSet;
        for (const Notice& notice : notices)
            m_report.notices.push_back(notice.text);
        m_report.file = m_request.path;
        m_report.dryRun = m_request.dryRun;
        m_report.rulesetId = m_ruleSet->id;
        m_report.rulesetVersion = m_ruleSet->version;

        // Pass 0: the header, the mapping, the number of rows.
        auto rows = openSheetRows(m_bytes, m_request.path, m_request.sheet);
        if (!rows)
            return rows.errors();
        m_report.sheet = (*rows)->sheetName();
        for (const auto& notice : (*rows)->notices())
            m_report.notices.push_back(notice);
        if (auto failed = readHeader(**rows))
            return *failed;
        std::size_t total = m_pending.size();
        SheetRow row;
        // XLSX tells how many row elements it has from a raw scan: the count pass is needed only when that
        // number is over the cap (it also counts blank and formatted-but-empty rows).
        const auto hint = (*rows)->rowCountHint();
        if (hint && *hint <= m_request.maxRows) {
            m_total = *hint;
        } else {
            if (auto counted = countRows(**rows, total, row))
                return *counted;
            m_total = total;
        }

        auto organisations = m_store.organisations();
        if (!organisations)
            return organisations.errors();
        for (const auto& organisation : *organisations)
            m_organisations.insert(organisation.id);
        if (m_request.organisationId && !m_organisations.count(*m_request.organisationId))
            return makeError(ErrorKind::NotFound, "", 0, "--organisation",
                             "không có cơ quan '" + *m_request.organisationId + "' trong cơ sở dữ liệu",
                             "no organisation '" + *m_request.organisationId + "' in the database");

        // Pass 1: read, judge and plan every system.
        if (auto failed = checkAll())
            return *failed;
        // Pass 2: write.
        const bool refusedAny = m_report.problemCount > 0;
        const bool anyWrite = m_report.count(PlanAction::New) + m_report.count(PlanAction::Changed) > 0;
        if (anyWrite && !m_request.dryRun && !(m_request.allOrNothing && refusedAny))
            if (auto failed = writeAll())
                return *failed;
        return std::move(m_report);
    }

private:
    // Pass 0 where the format gives no row count: count the data rows, refusing a file over the cap.
    std::optional<Errors> countRows(SheetRows& rows, std::size_t& total, SheetRow& row)
    {
        for (;;) {
            auto got = rows.next(row);
            if (!got)
                return got.errors();
            if (!*got)
                return std::nullopt;
            if (++total > m_request.maxRows)
                return Errors{makeError(m_request.path, row.number, "",
                                        "tệp có hơn " + std::to_string(m_request.maxRows) +
                                            " hàng dữ liệu; hãy chia thành nhiều tệp (không có gì được ghi)",
                                        "the file has more than " + std::to_string(m_request.maxRows) +
                                            " data rows; split it into several files (nothing was written)")};
        }
    }

    // ---- header ----
    // How many rows at the top of a sheet may come before and make up the header: a title ("DANH MỤC HỆ THỐNG
    // …"), group cells merged above the column names, the names, the column numbers below them.
    static constexpr std::size_t headerSearchRows = 6;

    // The folded texts of rows[0..last] by column, the lowest row first.
    static std::vector<std::vector<std::string>> headerTexts(const std::vector<SheetRow>& top, std::size_t last)
    {
        std::vector<std::vector<std::string>> header;
        for (std::size_t r = 0; r <= last && r < top.size(); ++r) {
            if (header.size() < top[r].cells.size())
                header.resize(top[r].cells.size());
            for (std::size_t c = 0; c < top[r].cells.size(); ++c)
                header[c].insert(header[c].begin(), foldVietnamese(cellText(top[r].cells[c])));
        }
        return header;
    }

    std::optional<Errors> readHeader(SheetRows& rows)
    {
        std::vector<SheetRow> top;
        while (top.size() < headerSearchRows) {
            SheetRow row;
            auto got = rows.next(row);
            if (!got)
                return got.errors();
            if (!*got)
                break;
            top.push_back(std::move(row));
        }
        if (top.empty())
            return Errors{makeError(m_request.path, 0, "", "tệp không có hàng tiêu đề (tệp trống)",
                                    "the file has no header row (it is empty)")};

        // The mapping: the one named, else the shipped one whose columns the top rows match best.
        if (m_request.mapping) {
            auto mapping = findMapping(m_catalogue, *m_request.mapping);
            if (!mapping)
                return mapping.errors();
            m_mapping = std::move(*mapping);
        } else {
            auto shipped = loadShippedMappings(m_catalogue.dataDirectory());
            if (!shipped)
                return shipped.errors();
            const auto texts = headerTexts(top, top.size() - 1);
            // Most columns found; on a tie, the mapping with fewest columns the file lacks.
            int best = -1, bestMissing = 0;
            for (auto& candidate : *shipped) {
                const int score = matchScore(candidate, texts);
                const int missing = static_cast<int>(candidate.columns.size()) - score;
                if (score > best || (score == best && missing < bestMissing)) {
                    best = score;
                    bestMissing = missing;
                    m_mapping = candidate;
                }
            }
            if (best <= 0)
                return Errors{makeError(m_request.path, top.front().number, "",
                                        "không nhận ra tiêu đề cột của tệp; hãy dùng --mapping",
                                        "the file's column headers are not recognised; use --mapping")};
        }
        m_report.mappingId = m_mapping.id;

        // The header: the first row whose cells are mostly column names (rows above it are titles or merged
        // group cells), and up to header-rows − 1 such rows after it (column numbers "(1)"…). Without any, the
        // first row.
        std::size_t start = 0;
        while (start < top.size() && !looksLikeHeader(top[start]))
            ++start;
        if (start == top.size())
            start = 0;
        std::size_t end = start;
        while (end + 1 < top.size() && end + 1 - start < static_cast<std::size_t>(m_mapping.headerRows) &&
               looksLikeHeader(top[end + 1]))
            ++end;
        m_lastHeaderRow = top[end].number;
        for (std::size_t r = start; r <= end; ++r)
            for (std::size_t c = 0; c < top[r].cells.size(); ++c)
                if (c >= m_rawHeader.size() || isBlank(m_rawHeader[c]))
                    setRawHeader(c, cellText(top[r].cells[c]));
        for (std::size_t r = 0; r < start; ++r)
            for (std::size_t c = 0; c < top[r].cells.size(); ++c)
                if (c >= m_rawHeader.size() || isBlank(m_rawHeader[c]))
                    setRawHeader(c, cellText(top[r].cells[c]));
        for (std::size_t r = end + 1; r < top.size(); ++r)
            m_pending.push_back(std::move(top[r]));
        m_report.header = m_rawHeader;
        return bindColumns(headerTexts(top, end));
    }

    void setRawHeader(std::size_t column, const std::string& text)
    {
        if (m_rawHeader.size() <= column)
            m_rawHeader.resize(column + 1);
        m_rawHeader[column] = text;
    }

    // The mapping column a folded header names, or null.
    static const MappedColumn* columnFor(const ColumnMapping& mapping, const std::string& folded)
    {
        if (folded.empty())
            return nullptr;
        for (const MappedColumn& column : mapping.columns)
            if (std::find(column.foldedHeaders.begin(), column.foldedHeaders.end(), folded) !=
                column.foldedHeaders.end())
                return &column;
        return nullptr;
    }

    // Columns of the mapping found in the header; −1 when a required one is missing.
    int matchScore(const ColumnMapping& mapping, const std::vector<std::vector<std::string>>& header) const
    {
        std::set<const MappedColumn*> found;
        for (const auto& texts : header)
            for (const auto& text : texts)
                if (const MappedColumn* column = columnFor(mapping, text))
                    found.insert(column);
        for (const MappedColumn& column : mapping.columns)
            if (column.required && !found.count(&column))
                return -1;
        return static_cast<int>(found.size());
    }

    bool looksLikeHeader(const SheetRow& row) const
    {
        int cells = 0, names = 0;
        for (const SheetCell& cell : row.cells) {
            const std::string folded = foldVietnamese(cellText(cell));
            if (folded.empty())
                continue;
            ++cells;
            if (columnFor(m_mapping, folded) || (m_mapping.answersByKey && m_ruleSet->question(folded)))
                ++names;
        }
        return cells > 0 && names * 2 > cells;
    }

    std::optional<Errors> bindColumns(const std::vector<std::vector<std::string>>& header)
    {
        std::set<const MappedColumn*> bound;
        std::set<std::string> boundKeys;
        m_bindings.assign(header.size(), Binding{});
        for (std::size_t c = 0; c < header.size(); ++c) {
            Binding& binding = m_bindings[c];
            binding.header = c < m_rawHeader.size() ? m_rawHeader[c] : std::string();
            for (const std::string& text : header[c]) { // the lowest header row first
                const MappedColumn* column = columnFor(m_mapping, text);
                if (column && !bound.count(column)) {
                    binding.column = column;
                    binding.answerKey = column->answerKey;
                    break;
                }
                if (!column && m_mapping.answersByKey && !text.empty() && m_ruleSet->question(text) &&
                    !boundKeys.count(text)) {
                    binding.answerKey = text;
                    break;
                }
            }
            if (binding.column)
                bound.insert(binding.column);
            if (!binding.answerKey.empty()) {
                if (boundKeys.count(binding.answerKey)) { // the same answer twice: the first column wins
                    binding = Binding{nullptr, {}, nullptr, binding.header};
                } else {
                    boundKeys.insert(binding.answerKey);
                    binding.question = m_ruleSet->question(binding.answerKey);
                }
            }
            if (!binding.column && binding.answerKey.empty() && !isBlank(binding.header))
                m_report.unmappedHeaders.push_back(columnLetters(static_cast<int>(c)) + " " + binding.header);
            if (binding.column && binding.column->field != MappedField::None)
                m_fieldColumn[binding.column->field] = static_cast<int>(c);
        }
        Errors errors;
        for (const MappedColumn& column : m_mapping.columns)
            if (column.required && !bound.count(&column))
                errors.push_back(
                    makeError(m_request.path, m_lastHeaderRow, column.headers.front(),
                              "thiếu cột bắt buộc \"" + column.headers.front() + "\" (ánh xạ " + m_mapping.id + ")",
                              "the required column \"" + column.headers.front() + "\" is missing (mapping " +
                                  m_mapping.id + ")"));
        if (!errors.empty())
            return errors;
        return std::nullopt;
    }

    // ---- rows → systems ----
    int fieldColumn(MappedField field) const
    {
        auto found = m_fieldColumn.find(field);
        return found == m_fieldColumn.end() ? -1 : found->second;
    }

    static const SheetCell& cellAt(const SheetRow& row, int column)
    {
        static const SheetCell empty;
        return column >= 0 && static_cast<std::size_t>(column) < row.cells.size()
                   ? row.cells[static_cast<std::size_t>(column)]
                   : empty;
    }

    std::string fieldText(const SheetRow& row, MappedField field) const
    {
        std::string text = cellText(cellAt(row, fieldColumn(field)));
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            return {};
        return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    }

    // The next group of rows, or false at the end.
    Result<bool> nextGroup(SheetRows& rows, RowGroup& group)
    {
        group.rows.clear();
        group.id.clear();
        for (;;) {
            SheetRow row;
            if (!m_pending.empty()) {
                row = std::move(m_pending.front());
                m_pending.pop_front();
            } else {
                auto got = rows.next(row);
                if (!got)
                    return got;
                if (!*got)
                    return !group.rows.empty();
                if (row.number <= m_lastHeaderRow)
                    continue;
            }
            const std::string id = fieldText(row, MappedField::SystemId);
            if (group.rows.empty()) {
                group.id = id;
                group.rows.push_back(std::move(row));
                if (m_mapping.layout == ColumnMapping::Layout::PerSystem || id.empty())
                    return true;
                continue;
            }
            if (id != group.id) {
                m_pending.push_front(std::move(row));
                return true;
            }
            group.rows.push_back(std::move(row));
            if (group.rows.size() > maxComponentsPerSystem + 1) {
                // Keep reading the group to its end, but only as many rows as a system can have.
                group.rows.pop_back();
                m_groupTooLarge = true;
            }
        }
    }

    void problem(const SheetRow* row, int column, const std::string& systemId, LocalizedText message)
    {
        ++m_report.problemCount;
        if (m_report.problems.size() >= maxReportedProblems)
            return;
        CellProblem p;
        p.file = m_request.path;
        p.sheet = m_report.sheet;
        p.row = row ? row->number : 0;
        p.column = column;
        if (column >= 0 && static_cast<std::size_t>(column) < m_bindings.size())
            p.header = m_bindings[static_cast<std::size_t>(column)].header;
        if (row && column >= 0)
            p.value = cellText(cellAt(*row, column));
        p.systemId = systemId;
        p.message = std::move(message);
        m_report.problems.push_back(std::move(p));
    }

    void checkText(const SheetRow& row, MappedField field, const std::string& value, bool identifier,
                   const std::string& id, bool& ok)
    {
        if (value.empty())
            return;
        auto error = identifier ? checkIdentifier(value, "x") : checkName(value, "x");
        if (error) {
            problem(&row, fieldColumn(field), id, error->message);
            ok = false;
        }
    }

    // Reads the answers of one row into `answers` (with the row as their line).
    void readAnswers(const SheetRow& row, AnswerSet& answers, const std::string& id, bool& ok)
    {
        for (std::size_t c = 0; c < m_bindings.size(); ++c) {
            const Binding& binding = m_bindings[c];
            if (binding.answerKey.empty())
                continue;
            const SheetCell& cell = cellAt(row, static_cast<int>(c));
            if (isBlank(cell.text))
                continue;
            if (!binding.question) {
                problem(&row, static_cast<int>(c), id,
                        {"bộ quy tắc " + m_ruleSet->id + " không có câu hỏi " + binding.answerKey,
                         "the rule set " + m_ruleSet->id + " has no question " + binding.answerKey});
                ok = false;
                continue;
            }
            CellReading reading = readAnswerCell(cell, *binding.question, m_mapping);
            if (reading.problem) {
                problem(&row, static_cast<int>(c), id, *reading.problem);
                ok = false;
                continue;
            }
            if (isAnswered(reading.value)) {
                answers.values[binding.answerKey] = std::move(reading.value);
                answers.lines[binding.answerKey] = row.number;
            }
        }
    }

    // The system a group describes; false when any cell is wrong (the problems are reported).
    bool buildSystem(const RowGroup& group, SystemDescription& system, Proposal& proposal, bool& organisationGiven)
    {
        bool ok = true;
        system = SystemDescription{};
        system.sourceFile = m_request.path;
        system.id = group.id;
        const SheetRow& first = group.rows.front();
        if (group.id.empty()) {
            problem(&first, fieldColumn(MappedField::SystemId), "", {"thiếu mã hệ thống", "the system id is missing"});
            return false;
        }
        checkText(first, MappedField::SystemId, group.id, true, group.id, ok);
        if (m_groupTooLarge) {
            problem(&first, fieldColumn(MappedField::ComponentName), group.id,
                    {"hệ thống có quá " + std::to_string(maxComponentsPerSystem) + " thành phần",
                     "the system has more than " + std::to_string(maxComponentsPerSystem) + " components"});
            ok = false;
        }
        // Fields: from the first row that gives each.
        auto field = [&](MappedField f, std::string& out, bool identifier) {
            for (const SheetRow& row : group.rows) {
                std::string value = fieldText(row, f);
                if (value.empty())
                    continue;
                checkText(row, f, value, identifier, group.id, ok);
                out = std::move(value);
                return;
            }
        };
        field(MappedField::SystemName, system.name, false);
        field(MappedField::Owner, system.owner, false);
        field(MappedField::Operator, system.operatorName, false);
        field(MappedField::Organisation, system.organisationId, true);
        // A row without an organisation keeps a stored system's; --organisation is for new systems only
        // (applied when planning, once it is known whether the system is stored).
        organisationGiven = !system.organisationId.empty();
        if (system.name.empty() && fieldColumn(MappedField::SystemName) >= 0) {
            problem(&first, fieldColumn(MappedField::SystemName), group.id,
                    {"thiếu tên hệ thống", "the system name is missing"});
            ok = false;
        }
        if (!system.organisationId.empty() && !m_organisations.count(system.organisationId)) {
            problem(&first, fieldColumn(MappedField::Organisation), group.id,
                    {"không có cơ quan '" + system.organisationId +
                         "' trong cơ sở dữ liệu (thêm bằng seclevel organisation add)",
                     "no organisation '" + system.organisationId +
                         "' in the database (add it with seclevel organisation add)"});
            ok = false;
        }
        // Proposal.
        proposal = Proposal{};
        for (const SheetRow& row : group.rows) {
            const int column = fieldColumn(MappedField::ProposalLevel);
            const SheetCell& cell = cellAt(row, column);
            if (isBlank(cell.text))
                continue;
            SheetCell stripped = cell;
            if (stripped.kind == SheetCell::Kind::Text) {
                std::string folded = foldVietnamese(cellText(cell));
                for (const char* prefix : {"cap do ", "cap ", "level "})
                    if (folded.rfind(prefix, 0) == 0)
                        folded = folded.substr(std::string(prefix).size());
                stripped.text = folded;
            }
            CellReading reading = readIntegerCell(stripped);
            if (reading.problem || std::get<std::int64_t>(reading.value) < 1 ||
                std::get<std::int64_t>(reading.value) > 5) {
                problem(&row, column, group.id, {"cần cấp độ từ 1 đến 5", "expected a level from 1 to 5"});
                ok = false;
            } else {
                proposal.level = static_cast<int>(std::get<std::int64_t>(reading.value));
            }
            break;
        }
        for (const SheetRow& row : group.rows) {
            std::string text = fieldText(row, MappedField::Justification);
            if (!text.empty()) {
                proposal.justification = std::move(text);
                break;
            }
        }
        // Answers: the system's own, then one component per further row.
        const bool perComponent = m_mapping.layout == ColumnMapping::Layout::PerComponent;
        for (const SheetRow& row : group.rows) {
            const std::string component = perComponent ? fieldText(row, MappedField::ComponentName) : std::string();
            if (component.empty()) {
                if (perComponent && &row != &group.rows.front()) {
                    problem(&row, fieldColumn(MappedField::ComponentName), group.id,
                            {"chỉ hàng đầu tiên của hệ thống được để trống tên thành phần (câu trả lời chung của "
                             "hệ thống)",
                             "only the first row of a system may leave the component name empty (the system's own "
                             "answers)"});
                    ok = false;
                    continue;
                }
                readAnswers(row, system.answers, group.id, ok);
                continue;
            }
            checkText(row, MappedField::ComponentName, component, false, group.id, ok);
            for (const Component& existing : system.components)
                if (existing.name == component) {
                    problem(&row, fieldColumn(MappedField::ComponentName), group.id,
                            {"thành phần '" + component + "' đã có ở hàng trước",
                             "the component '" + component + "' is already listed above"});
                    ok = false;
                }
            Component part;
            part.name = component;
            readAnswers(row, part.answers, group.id, ok);
            system.components.push_back(std::move(part));
        }
        return ok;
    }

    // Judging errors (errors of validateAnswers name the key, the component and the row) as cell problems.
    void reportJudgingErrors(const RowGroup& group, const Errors& errors)
    {
        for (const Error& error : errors) {
            std::string key = error.field;
            std::string component;
            if (const std::size_t slash = key.rfind('/'); slash != std::string::npos) {
                component = key.substr(0, slash);
                key = key.substr(slash + 1);
            }
            int column = -1;
            if (error.kind == ErrorKind::Refused || key == "--justification")
                column = fieldColumn(MappedField::ProposalLevel);
            for (std::size_t c = 0; c < m_bindings.size() && column < 0; ++c)
                if (m_bindings[c].answerKey == key)
                    column = static_cast<int>(c);
            const SheetRow* row = &group.rows.front();
            for (const SheetRow& candidate : group.rows) {
                if (error.line > 0 && candidate.number == error.line)
                    row = &candidate;
                else if (error.line <= 0 && !component.empty() &&
                         fieldText(candidate, MappedField::ComponentName) == component)
                    row = &candidate;
            }
            LocalizedText message = error.message;
            if (column < 0 && !key.empty() && key.rfind("--", 0) != 0) {
                message.vi = key + ": " + message.vi;
                message.en = key + ": " + message.en;
            }
            problem(row, column, group.id, std::move(message));
        }
    }

    void reportProgress(const char* phase, std::size_t done)
    {
        if (m_progress && (done % 500 == 0 || done == m_total))
            m_progress(phase, done, m_total);
    }

    std::optional<Errors> checkAll()
    {
        auto rows = openSheetRows(m_bytes, m_request.path, m_request.sheet);
        if (!rows)
            return rows.errors();
        m_pending.clear();
        m_groupTooLarge = false;
        std::unordered_map<std::string, std::size_t> seen;
        RowGroup group;
        std::size_t done = 0;
        for (;;) {
            m_groupTooLarge = false;
            auto got = nextGroup(**rows, group);
            if (!got)
                return got.errors();
            if (!*got)
                break;
            done += group.rows.size();
            m_report.rows += group.rows.size();
            reportProgress("check", done);
            PlannedSystem planned;
            planned.id = group.id;
            planned.row = group.rows.front().number;
            SystemDescription system;
            Proposal proposal;
            bool organisationGiven = false;
            const std::size_t problemsBefore = m_report.problems.size();
            bool ok = buildSystem(group, system, proposal, organisationGiven);
            if (!group.id.empty()) {
                auto [at, inserted] = seen.emplace(group.id, m_report.systems.size());
                if (!inserted) {
                    PlannedSystem& earlier = m_report.systems[at->second];
                    problem(&group.rows.front(), fieldColumn(MappedField::SystemId), group.id,
                            {"mã hệ thống '" + group.id + "' đã có ở hàng " + std::to_string(earlier.row) +
                                 "; mỗi hệ thống chỉ được có một lần trong tệp (cả hai đều bị từ chối)",
                             "the system id '" + group.id + "' already appears on row " + std::to_string(earlier.row) +
                                 "; each system may appear once in the file (both are refused)"});
                    if (earlier.action != PlanAction::Refused) {
                        earlier.action = PlanAction::Refused;
                        earlier.level = 0;
                        ++m_report.problemCount; // the earlier row is refused too
                    }
                    ok = false;
                }
            }
            if (ok)
                plan(group, std::move(system), proposal, organisationGiven, planned);
            if (planned.action == PlanAction::Refused)
                keepRefusedRows(group, problemsBefore);
            m_report.systems.push_back(std::move(planned));
        }
        return std::nullopt;
    }

    // The rows of a refused group as they were, with the problems found on them.
    void keepRefusedRows(const RowGroup& group, std::size_t firstProblem)
    {
        for (const SheetRow& row : group.rows) {
            if (m_report.refusedRows.size() >= maxReportedProblems)
                return;
            ImportReport::RefusedRow kept;
            kept.row = row.number;
            for (const SheetCell& cell : row.cells)
                kept.cells.push_back(cellText(cell));
            for (std::size_t i = firstProblem; i < m_report.problems.size(); ++i) {
                const CellProblem& p = m_report.problems[i];
                if (p.row != row.number && !(p.row == 0 && &row == &group.rows.front()))
                    continue;
                const std::string where = p.column >= 0 ? columnLetters(p.column) + ": " : std::string();
                kept.problems += (kept.problems.empty() ? "" : "; ") + where + p.message.vi;
                kept.problemsEn += (kept.problemsEn.empty() ? "" : "; ") + where + p.message.en;
            }
            m_report.refusedRows.push_back(std::move(kept));
        }
    }

    // New, changed or unchanged (judging when the stored system differs), or refused with the reasons.
    void plan(const RowGroup& group, SystemDescription system, const Proposal& proposal, bool organisationGiven,
              PlannedSystem& planned)
    {
        planned.action = PlanAction::Refused;
        auto stored = m_store.system(system.id);
        if (!stored) {
            problem(&group.rows.front(), -1, system.id, stored.errors().front().message);
            return;
        }
        if (!*stored && !organisationGiven && m_request.organisationId)
            system.organisationId = *m_request.organisationId;
        auto proposalMatches = [&](const StoredSystem& s) {
            if (proposal.level == 0)
                return s.proposedLevel == s.derivedLevel;
            return s.proposedLevel == proposal.level &&
                   (proposal.level == s.derivedLevel || s.justification == proposal.justification);
        };
        if (*stored && sameDescription(system, (*stored)->description, organisationGiven) &&
            proposalMatches(**stored)) {
            planned.action = PlanAction::Unchanged;
            return;
        }
        auto judged = judgeUnder(*m_ruleSet, std::move(system), proposal);
        if (!judged) {
            reportJudgingErrors(group, judged.errors());
            return;
        }
        planned.level = judged->assessment.proposedLevel;
        if (*stored) {
            const bool same = sameDescription(judged->system, (*stored)->description, organisationGiven) &&
                              (*stored)->proposedLevel == judged->assessment.proposedLevel &&
                              (*stored)->derivedLevel == judged->assessment.derivedLevel &&
                              (*stored)->justification == judged->assessment.justification;
            planned.action = same ? PlanAction::Unchanged : PlanAction::Changed;
            if (same)
                planned.level = 0;
        } else {
            planned.action = PlanAction::New;
        }
    }

    // ---- writing ----
    struct PendingWrite {
        std::size_t index; // in m_report.systems
        SystemWrite write;
        int rowNumber;
    };

    std::optional<Errors> writeAll()
    {
        auto rows = openSheetRows(m_bytes, m_request.path, m_request.sheet);
        if (!rows)
            return rows.errors();
        m_pending.clear();
        SystemService service(m_catalogue, m_store);
        std::vector<PendingWrite> batch;
        std::vector<CellProblem> writeProblems;
        bool failed = false;
        std::size_t done = 0;

        auto flush = [&]() -> Result<bool> {
            if (batch.empty())
                return true;
            auto unit = [&]() -> Result<bool> {
                for (PendingWrite& pending : batch) {
                    PlannedSystem& planned = m_report.systems[pending.index];
                    const std::string id = pending.write.system.id;
                    auto saved = planned.action == PlanAction::New
                                     ? service.add(std::move(pending.write), m_actor)
                                     : service.update(id, std::move(pending.write), m_actor);
                    if (saved)
                        continue;
                    if (m_request.allOrNothing)
                        return saved.errors();
                    CellProblem p;
                    p.file = m_request.path;
                    p.sheet = m_report.sheet;
                    p.row = pending.rowNumber;
                    p.systemId = id;
                    p.message = saved.errors().front().message;
                    writeProblems.push_back(std::move(p));
                    planned.action = PlanAction::Refused;
                    planned.level = 0;
                }
                return true;
            };
            auto result = m_store.transact(unit);
            batch.clear();
            return result;
        };

        auto writeEverything = [&]() -> Result<bool> {
            RowGroup group;
            std::size_t index = 0;
            std::size_t lastWrite = 0; // the file is read only as far as the last system to write
            for (std::size_t i = 0; i < m_report.systems.size(); ++i)
                if (m_report.systems[i].action == PlanAction::New || m_report.systems[i].action == PlanAction::Changed)
                    lastWrite = i;
            while (index <= lastWrite) {
                m_groupTooLarge = false;
                auto got = nextGroup(**rows, group);
                if (!got)
                    return got.errors();
                if (!*got)
                    break;
                done += group.rows.size();
                reportProgress("write", done);
                if (index >= m_report.systems.size())
                    return makeError(ErrorKind::Internal, m_request.path, group.rows.front().number, "",
                                     "tệp đọc lần hai khác lần đầu", "the file read differently the second time");
                PlannedSystem& planned = m_report.systems[index];
                const std::size_t at = index++;
                if (planned.action != PlanAction::New && planned.action != PlanAction::Changed)
                    continue;
                SystemDescription system;
                Proposal proposal;
                bool organisationGiven = false;
                const std::size_t before = m_report.problemCount;
                if (!buildSystem(group, system, proposal, organisationGiven) || m_report.problemCount != before)
                    return makeError(ErrorKind::Internal, m_request.path, group.rows.front().number, "",
                                     "tệp đọc lần hai khác lần đầu", "the file read differently the second time");
                SystemWrite write{std::move(system), std::nullopt, m_request.ruleSet, proposal};
                if (organisationGiven)
                    write.organisationId = write.system.organisationId;
                else if (planned.action == PlanAction::New && m_request.organisationId)
                    write.organisationId = *m_request.organisationId;
                batch.push_back({at, std::move(write), group.rows.front().number});
                if (batch.size() >= m_request.batchSize) {
                    auto flushed = flush();
                    if (!flushed)
                        return flushed;
                }
            }
            return flush();
        };

        Result<bool> outcome = m_request.allOrNothing ? m_store.transact(writeEverything) : writeEverything();
        if (!outcome) {
            failed = true;
            if (!m_request.allOrNothing)
                return outcome.errors();
            for (const Error& error : outcome.errors()) {
                CellProblem p;
                p.file = m_request.path;
                p.sheet = m_report.sheet;
                p.row = error.line;
                p.systemId = error.field;
                p.message = error.message;
                writeProblems.push_back(std::move(p));
            }
        }
        for (CellProblem& p : writeProblems) {
            ++m_report.problemCount;
            if (m_report.problems.size() < maxReportedProblems)
                m_report.problems.push_back(std::move(p));
        }
        m_report.written = !failed && (m_report.count(PlanAction::New) + m_report.count(PlanAction::Changed) > 0);
        return std::nullopt;
    }

    const Catalogue& m_catalogue;
    Store& m_store;
    const ImportRequest& m_request;
    const Actor& m_actor;
    const ImportProgress& m_progress;
    std::string m_bytes;
    const RuleSet* m_ruleSet = nullptr;
    ColumnMapping m_mapping;
    std::vector<Binding> m_bindings;
    std::vector<std::string> m_rawHeader;
    std::map<MappedField, int> m_fieldColumn;
    std::set<std::string> m_organisations;
    std::deque<SheetRow> m_pending; // rows read ahead (after the header, or the first row of the next group)
    bool m_groupTooLarge = false;
    int m_lastHeaderRow = 0;
    std::size_t m_total = 0;
    ImportReport m_report;
};

} // namespace

Result<ImportReport> ImportService::importFile(const ImportRequest& request, const Actor& actor,
                                               const ImportProgress& progress)
{
    ImportRun run(m_catalogue, m_store, request, actor, progress);
    return run.run();
}

} // namespace seclevel

#include "formats/xlsx/XlsxWriter.h"

#include <fstream>

namespace seclevel {

Result<bool> writeProblemReport(const ImportReport& report, const std::string& path)
{
    const std::vector<std::string> header{
        "Tệp / File",      "Trang tính / Sheet",      "Hàng / Row", "Cột / Column", "Tiêu đề cột / Header",
        "Giá trị / Value", "Mã hệ thống / System id", "Lỗi",        "Problem"};
    const std::vector<bool> numeric{false, false, true, false, false, false, false, false, false};
    auto rowOf = [](const CellProblem& p) {
        return std::vector<std::string>{p.file,
                                        p.sheet,
                                        p.row > 0 ? std::to_string(p.row) : std::string(),
                                        p.column >= 0 ? columnLetters(p.column) : std::string(),
                                        p.header,
                                        p.value,
                                        p.systemId,
                                        p.message.vi,
                                        p.message.en};
    };
    const bool xlsx = path.size() >= 5 && foldVietnamese(path.substr(path.size() - 5)) == ".xlsx";
    if (xlsx) {
        auto writer = XlsxWriter::create(path);
        if (!writer)
            return writer.errors();
        if (auto added = (*writer)->addSheet("Lỗi"); !added)
            return added.errors();
        if (auto r = (*writer)->row(header); !r)
            return r.errors();
        for (const CellProblem& p : report.problems)
            if (auto r = (*writer)->row(rowOf(p), numeric); !r)
                return r.errors();
        if (!report.refusedRows.empty()) {
            if (auto added = (*writer)->addSheet("Hàng cần sửa"); !added)
                return added.errors();
            std::size_t width = report.header.size();
            for (const auto& refused : report.refusedRows)
                width = std::max(width, refused.cells.size());
            std::vector<std::string> head = report.header;
            head.resize(width);
            head.push_back("Lỗi cần sửa / Problems to fix");
            if (auto r = (*writer)->row(head); !r)
                return r.errors();
            for (const auto& refused : report.refusedRows) {
                std::vector<std::string> cells = refused.cells;
                cells.resize(width);
                cells.push_back(refused.problems + " | " + refused.problemsEn);
                if (auto r = (*writer)->row(cells); !r)
                    return r.errors();
            }
        }
        return (*writer)->close();
    }
    CsvWriter writer;
    writer.row(header);
    for (const CellProblem& p : report.problems)
        writer.row(rowOf(p), numeric);
    const std::string part = path + ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out << writer.text();
        if (!out.flush())
            return makeError(path, 0, "--errors", "không ghi được tệp", "cannot write the file");
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        return makeError(path, 0, "--errors", "không ghi được tệp", "cannot write the file");
    }
    return true;
}

} // namespace seclevel
