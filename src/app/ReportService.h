#pragma once
// Reports over many systems: the annual report of TT12 Art 13–14 / NĐ331 Art 35–36 (Form 08) for an owner
// organisation with the organisations under it, and the inspectors' roll-up per agency (systems by level and
// approval status, approval coverage, overdue statutory clocks and duties). Which report a year gets, its
// wording and its columns are data (reports/annual-report.xml); the status of column 6 is the Form 08 wording
// of the procedure state (questionnaires/<ID>/procedure.xml). Plain values in, Result<T> out, no printing.
#include "app/Catalogue.h"
#include "app/WorkflowService.h"
#include "core/AnnualReport.h"
#include "core/Citation.h"
#include "core/Finding.h"
#include "core/Rollup.h"
#include "storage/Store.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace seclevel {

using AgencyRollup = RollupRow;
using Rollup = RollupView;

class ReportService {
public:
    ReportService(const Catalogue& catalogue, Store& store) : m_catalogue(catalogue), m_store(store) {}

    // The annual report of `year` (data period 15/12/(year−1)–14/12/year) for `organisationId` and the
    // organisations under it. ErrorKind::NotFound for an unknown organisation, InvalidInput for a year no
    // report is defined for.
    Result<AnnualReport> annual(const std::string& organisationId, int year);
    // The roll-up as of `asOf` for `organisationId` and the organisations under it (all when empty).
    Result<Rollup> rollup(const std::string& organisationId, Date asOf);
    // Adds an inspection's stored findings (FindingService::stored, which checks who may read them) to a roll-up:
    // per agency of the roll-up and by the article(s) cited, most findings first; findings of organisations
    // outside the roll-up are left out.
    static void addFindings(Rollup& rollup, const std::string& inspectionId, const std::vector<StoredFinding>& findings,
                            const InstrumentRegister& instruments);
    // The roll-up with an inspection's stored findings added, for its team and administrators (ErrorKind::Refused
    // for anyone else): what a command and an HTTP handler call alike.
    Result<Rollup> rollup(const std::string& organisationId, Date asOf, const std::string& inspectionId,
                          const Actor& actor);
    // reports/dossier.css with reports/annual-report.css after it (A4 landscape).
    Result<std::string> stylesheet() const;
    // The Form 08 rows of `systems` as of `asOf` (periodic assessments counted from the start of the data
    // period holding that day) with the definition whose words they use: what `export` writes into columns
    // 6–12 of mappings/form-08.xml. No definition (id empty) and no rows before the first reporting year.
    Result<AnnualReport> form08AsOf(const std::vector<StoredSystem>& systems, Date asOf);

private:
    Result<const std::vector<AnnualReportDefinition>*> definitions();
    // One row per system as of `to` (leaving out, when `onlyExisting`, systems recorded after it without an
    // earlier step); `names` gives the issuer of a decision by organisation id.
    Result<std::vector<AnnualReportRow>> rowsOf(const std::vector<StoredSystem>& headers,
                                                const AnnualReportDefinition& definition, Date from, Date to,
                                                const std::unordered_map<std::string, std::string>& names,
                                                bool onlyExisting);

    const Catalogue& m_catalogue;
    Store& m_store;
    std::optional<std::vector<AnnualReportDefinition>> m_definitions;
};

} // namespace seclevel
