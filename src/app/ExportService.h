#pragma once
// Export of the stored inventory — the whole store or an organisation with the organisations under it — to
// the layouts import reads (CSV or XLSX through a column mapping, so that export → import changes nothing),
// or to dossier XML in bulk (one validated file per system, in a folder or one .zip archive). Plain values in,
// a report out.
#include "app/ImportService.h"
#include "core/AnnualReport.h"

#include <string>
#include <vector>

namespace seclevel {

enum class ExportFormat { Csv, Xlsx, DossierXml };

struct ExportRequest {
    ExportFormat format = ExportFormat::Csv;
    std::string output;                        // a file (csv, xlsx), or a folder or .zip archive (dossier-xml)
    std::optional<std::string> organisationId; // with every organisation under it; empty = all
    std::optional<std::string> mapping;        // default flat-component (it holds components)
};

struct ExportReport {
    std::string output;
    std::string mappingId;
    std::size_t systems = 0;
    std::size_t rows = 0;
    std::vector<std::string> files;     // dossier-xml: the files written
    std::vector<LocalizedText> notices; // e.g. systems left out because the layout cannot hold them
};

class ExportService {
public:
    ExportService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    Result<ExportReport> exportTo(const ExportRequest& request,
                                  const std::function<void(std::size_t done, std::size_t total)>& progress = {});

private:
    const Catalogue& m_catalogue;
    Store& m_store;
};

// The header and rows a mapping gives for stored systems (what CSV and XLSX export write). `numeric` marks
// number cells. Systems with components under a per-system mapping are left out and named in `skipped`.
struct SheetTable {
    std::vector<std::vector<std::string>> header; // one or more header rows
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<bool>> numeric;
    std::vector<std::string> skipped;
};
// `form08`: the Form 08 rows of the systems (ReportService::form08AsOf) that columns with form08="N" are filled
// from; without it those columns are written empty.
SheetTable tableOf(const Catalogue& catalogue, const ColumnMapping& mapping, const std::vector<StoredSystem>& systems,
                   const AnnualReport* form08 = nullptr);

} // namespace seclevel
