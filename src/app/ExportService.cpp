#include "app/ExportService.h"

#include "app/DossierService.h"
#include "app/ReportService.h"
#include "formats/archive/ZipWriter.h"
#include "formats/csv/CsvReader.h"
#include "formats/report/AnnualReportHtml.h"
#include "formats/sheet/CellValues.h"
#include "formats/xlsx/XlsxWriter.h"
#include "formats/xml/DossierXml.h"
#include "rules/XmlSchema.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

namespace seclevel {

namespace fs = std::filesystem;

namespace {

// Question keys of every shipped rule set, newest first, without those the mapping already has a column for.
std::vector<std::string> keyColumns(const Catalogue& catalogue, const ColumnMapping& mapping)
{
    std::vector<std::string> keys;
    if (!mapping.answersByKey)
        return keys;
    std::set<std::string> taken;
    for (const MappedColumn& column : mapping.columns)
        if (!column.answerKey.empty())
            taken.insert(column.answerKey);
    for (auto rs = catalogue.ruleSets().rbegin(); rs != catalogue.ruleSets().rend(); ++rs)
        for (const Question& question : rs->questions)
            if (taken.insert(question.key).second)
                keys.push_back(question.key);
    return keys;
}

const Question* questionFor(const Catalogue& catalogue, const StoredSystem& system, const std::string& key)
{
    if (const RuleSet* rs = catalogue.ruleSet(system.rulesetId))
        if (const Question* q = rs->question(key))
            return q;
    for (const RuleSet& rs : catalogue.ruleSets())
        if (const Question* q = rs.question(key))
            return q;
    return nullptr;
}

// The "(n)" header of a column (Form 08 numbers its columns), or "".
std::string numberHeader(const MappedColumn& column)
{
    for (const std::string& header : column.headers)
        if (header.size() >= 3 && header.front() == '(' && header.back() == ')')
            return header;
    return {};
}

Error writeError(const std::string& path)
{
    return makeError(ErrorKind::InvalidInput, path, 0, "", "không ghi được tệp", "cannot write the file");
}

// Written beside the target and renamed: a failed export never leaves half a file at `path`.
Result<bool> writeFileAtomically(const std::string& path, const std::string& content)
{
    const std::string part = path + ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        if (!out)
            return writeError(path);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out.flush())
            return writeError(path);
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        return writeError(path);
    }
    return true;
}

// A file name for a system id: letters, digits, '.', '-', '_' kept, anything else '_'.
std::string fileNameFor(const std::string& id, std::set<std::string>& used)
{
    std::string name;
    for (unsigned char c : id)
        name += (std::isalnum(c) || c == '-' || c == '_' || (c == '.' && !name.empty())) ? static_cast<char>(c) : '_';
    if (name.empty())
        name = "system";
    std::string candidate = name;
    for (int n = 2; !used.insert(candidate).second; ++n)
        candidate = name + "-" + std::to_string(n);
    return candidate + ".xml";
}

} // namespace

SheetTable tableOf(const Catalogue& catalogue, const ColumnMapping& mapping, const std::vector<StoredSystem>& systems,
                   const AnnualReport* form08)
{
    SheetTable table;
    std::unordered_map<std::string, const AnnualReportRow*> form08Rows;
    if (form08)
        for (const AnnualReportRow& row : form08->rows)
            form08Rows.emplace(row.systemId, &row);
    const std::vector<std::string> extraKeys = keyColumns(catalogue, mapping);
    std::vector<std::string> names, numbers;
    bool anyNumber = false;
    for (const MappedColumn& column : mapping.columns) {
        names.push_back(column.headers.front());
        numbers.push_back(numberHeader(column));
        anyNumber = anyNumber || !numbers.back().empty();
    }
    for (const std::string& key : extraKeys) {
        names.push_back(key);
        numbers.emplace_back();
    }
    table.header.push_back(names);
    if (anyNumber && mapping.headerRows > 1)
        table.header.push_back(numbers);

    const bool perComponent = mapping.layout == ColumnMapping::Layout::PerComponent;
    std::size_t running = 0;
    auto rowFor = [&](const StoredSystem& system, const Component* component, bool withFields) {
        std::vector<std::string> row;
        std::vector<bool> numeric;
        const AnswerSet& answers = component ? component->answers : system.description.answers;
        auto answerCell = [&](const std::string& key) {
            const WrittenAnswer written =
                writeAnswerCell(answers.get(key), questionFor(catalogue, system, key), mapping, key);
            row.push_back(written.text);
            numeric.push_back(written.numeric);
        };
        for (const MappedColumn& column : mapping.columns) {
            if (!column.answerKey.empty()) {
                answerCell(column.answerKey);
                continue;
            }
            std::string text;
            bool number = false;
            const SystemDescription& d = system.description;
            if (column.form08Column > 0 && withFields) {
                auto found = form08Rows.find(d.id);
                if (found != form08Rows.end())
                    text = annualReportCell(*form08, *found->second, 0, column.form08Column);
            }
            switch (column.field) {
            case MappedField::SystemId: text = d.id; break;
            case MappedField::SystemName: text = withFields ? d.name : ""; break;
            case MappedField::Owner: text = withFields ? d.owner : ""; break;
            case MappedField::Operator: text = withFields ? d.operatorName : ""; break;
            case MappedField::Organisation: text = withFields ? d.organisationId : ""; break;
            case MappedField::ComponentName: text = component ? component->name : ""; break;
            case MappedField::ProposalLevel:
                if (withFields && system.proposedLevel > 0) {
                    text = std::to_string(system.proposedLevel);
                    number = true;
                }
                break;
            case MappedField::Justification:
                text = withFields && system.proposedLevel != system.derivedLevel ? system.justification : "";
                break;
            case MappedField::RowNumber:
                if (withFields) {
                    text = std::to_string(++running);
                    number = true;
                }
                break;
            case MappedField::None: break;
            }
            row.push_back(std::move(text));
            numeric.push_back(number);
        }
        for (const std::string& key : extraKeys)
            answerCell(key);
        table.rows.push_back(std::move(row));
        table.numeric.push_back(std::move(numeric));
    };
    for (const StoredSystem& system : systems) {
        if (!perComponent) {
            if (!system.description.components.empty()) {
                table.skipped.push_back(system.description.id);
                continue;
            }
            rowFor(system, nullptr, true);
            continue;
        }
        rowFor(system, nullptr, true);
        for (const Component& component : system.description.components)
            rowFor(system, &component, false);
    }
    return table;
}

Result<ExportReport> ExportService::exportTo(const ExportRequest& request,
                                             const std::function<void(std::size_t, std::size_t)>& progress)
{
    ExportReport report;
    report.output = request.output;
    // The systems: all, or those of an organisation and the organisations under it.
    std::vector<StoredSystem> systems;
    if (request.organisationId && !request.organisationId->empty()) {
        auto organisations = m_store.organisations();
        if (!organisations)
            return organisations.errors();
        std::set<std::string> subtree{*request.organisationId};
        bool known = false;
        for (const auto& o : *organisations)
            known = known || o.id == *request.organisationId;
        if (!known)
            return makeError(ErrorKind::NotFound, "", 0, "--org", "không có cơ quan '" + *request.organisationId + "'",
                             "no organisation '" + *request.organisationId + "'");
        for (bool grew = true; grew;) {
            grew = false;
            for (const auto& o : *organisations)
                if (!o.parentId.empty() && subtree.count(o.parentId) && subtree.insert(o.id).second)
                    grew = true;
        }
        for (const std::string& id : subtree) {
            auto some = m_store.systems(id);
            if (!some)
                return some.errors();
            for (auto& s : *some)
                systems.push_back(std::move(s));
        }
        std::sort(systems.begin(), systems.end(),
                  [](const StoredSystem& a, const StoredSystem& b) { return a.description.id < b.description.id; });
    } else {
        auto all = m_store.systems();
        if (!all)
            return all.errors();
        systems = std::move(*all);
    }
    report.systems = systems.size();

    if (request.format == ExportFormat::DossierXml) {
        auto schema = m_catalogue.dossierSchema();
        if (!schema)
            return schema.errors();
        // A folder, or one zip archive when --output ends in .zip (the files are written to a folder beside it,
        // archived, then removed).
        const bool archive = fs::path(request.output).extension() == ".zip";
        const std::string folder = archive ? request.output + ".files" : request.output;
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec || !fs::is_directory(folder))
            return makeError(ErrorKind::InvalidInput, folder, 0, "--output", "không tạo được thư mục",
                             "cannot create the folder");
        struct Cleanup {
            std::string folder;
            bool active;
            ~Cleanup()
            {
                std::error_code ignored;
                if (active)
                    fs::remove_all(folder, ignored);
            }
        } cleanup{folder, archive};
        DossierService dossiers(m_catalogue, m_store);
        std::set<std::string> used;
        std::size_t done = 0;
        for (const StoredSystem& system : systems) {
            auto document = dossiers.exportDocument(system.description.id);
            if (!document)
                return document.errors();
            auto xml = exportDossierXml(document->document, **schema);
            if (!xml)
                return xml.errors();
            const std::string path = (fs::path(folder) / fileNameFor(system.description.id, used)).string();
            auto written = writeFileAtomically(path, *xml);
            if (!written)
                return written.errors();
            report.files.push_back(path);
            if (progress)
                progress(++done, systems.size());
        }
        if (archive) {
            auto zip = ZipWriter::create(request.output);
            if (!zip)
                return zip.errors();
            for (const std::string& path : report.files)
                if (auto added = (*zip)->add(fs::path(path).filename().string(), path); !added)
                    return added.errors();
            if (auto closed = (*zip)->close(); !closed)
                return closed.errors();
            for (std::string& path : report.files)
                path = fs::path(path).filename().string();
        }
        return report;
    }

    auto mapping = findMapping(m_catalogue, request.mapping.value_or("flat-component"));
    if (!mapping)
        return mapping.errors();
    report.mappingId = mapping->id;
    // Columns 6–12 of Form 08 from the workflow, as of the export day (in Viet Nam).
    std::optional<AnnualReport> form08;
    if (std::any_of(mapping->columns.begin(), mapping->columns.end(),
                    [](const MappedColumn& c) { return c.form08Column > 0; })) {
        ReportService reports(m_catalogue, m_store);
        auto rows = reports.form08AsOf(systems, todayInVietnam(std::chrono::system_clock::now()));
        if (!rows)
            return rows.errors();
        form08 = std::move(*rows);
    }
    SheetTable table = tableOf(m_catalogue, *mapping, systems, form08 ? &*form08 : nullptr);
    report.rows = table.rows.size();
    report.systems = systems.size() - table.skipped.size();
    if (!table.skipped.empty()) {
        std::string ids;
        for (std::size_t i = 0; i < table.skipped.size() && i < 20; ++i)
            ids += (ids.empty() ? "" : ", ") + table.skipped[i];
        if (table.skipped.size() > 20)
            ids += ", …";
        report.notices.push_back(
            {std::to_string(table.skipped.size()) + " hệ thống có thành phần không ghi được theo ánh xạ " +
                 mapping->id + " (mỗi hàng một hệ thống), đã bỏ qua: " + ids + "; dùng --mapping flat-component",
             std::to_string(table.skipped.size()) + " systems with components cannot be written with the mapping " +
                 mapping->id + " (one row per system) and were left out: " + ids + "; use --mapping flat-component"});
    }
    if (request.format == ExportFormat::Csv) {
        CsvWriter writer;
        for (const auto& header : table.header)
            writer.row(header);
        for (std::size_t i = 0; i < table.rows.size(); ++i)
            writer.row(table.rows[i], table.numeric[i]);
        auto written = writeFileAtomically(request.output, writer.take());
        if (!written)
            return written.errors();
        return report;
    }
    auto writer = XlsxWriter::create(request.output);
    if (!writer)
        return writer.errors();
    if (auto added = (*writer)->addSheet("Hệ thống"); !added)
        return added.errors();
    for (const auto& header : table.header)
        if (auto r = (*writer)->row(header); !r)
            return r.errors();
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        if (auto r = (*writer)->row(table.rows[i], table.numeric[i]); !r)
            return r.errors();
        if (progress && (i % 1000 == 0 || i + 1 == table.rows.size()))
            progress(i + 1, table.rows.size());
    }
    auto closed = (*writer)->close();
    if (!closed)
        return closed.errors();
    return report;
}

} // namespace seclevel
