#pragma once
// The inspectors' roll-up over an organisation subtree as of a date (app/ReportService::rollup): per agency
// (an organisation holding systems) the systems by level and by approval status (the Form 08 column 6 words),
// approval coverage, overdue statutory clocks and overdue duties. A plain value.
#include "core/Date.h"

#include <map>
#include <string>
#include <vector>

namespace seclevel {

struct RollupRow {
    // byLevel: index = the approved level, else the proposed one; 0 = not yet classified
    std::string organisationId;
    std::string name;
    int systems = 0;
    int byLevel[6] = {0, 0, 0, 0, 0, 0};
    std::map<std::string, int> byStatus;
    int approved = 0;
    int overdueClocks = 0;
    int overdueDuties = 0;
    int findings = 0;     // of the inspection named (RollupView::inspectionId)
    int openFindings = 0; // of those, not yet remediated or closed
    double coverage() const { return systems ? 100.0 * approved / systems : 0.0; }
};

// The findings of an inspection that cite one article (or one set of articles, as the rule states them).
struct RollupArticle {
    std::string citation;     // machine form, "NĐ85 Art 20.2.c"
    std::string citationText; // the Vietnamese reading, "điểm c khoản 2 Điều 20 Nghị định số 85/2016/NĐ-CP"
    std::vector<std::string> rules; // the rules that cite it ("manual" for an inspector's own)
    int findings = 0;
    int open = 0;
};

struct RollupView {
    Date asOf{};
    std::string organisationId;
    std::string organisationName;
    std::vector<std::string> statuses; // Form 08 column 6 words, in procedure order
    std::vector<RollupRow> agencies;
    RollupRow total;
    // With an inspection named: its stored findings per agency (RollupRow::findings) and by article, most first.
    std::string inspectionId;
    std::vector<RollupArticle> articles;
};

} // namespace seclevel
