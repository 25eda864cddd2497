#pragma once
// The inspectors' roll-up as a printable HTML page (Decree 30 frame, A4 landscape) with bar charts drawn as SVG
// elements by seclevel — no script, every label escaped — and as JSON (core/Rollup.h, app/ReportService).
#include "core/Rollup.h"
#include "core/Text.h"

#include <string>
#include <vector>

namespace seclevel {

// How many agencies the charts show (those needing attention first); the table lists every agency.
inline constexpr std::size_t kRollupChartAgencies = 40;

std::string rollupHtml(const RollupView& rollup, const std::string& css, Lang lang = Lang::Vi);
std::string rollupJson(const RollupView& rollup);
// One horizontal bar chart: a bar per label, each made of stacked segments (values per series), as an <svg>.
std::string svgBarChart(const std::vector<std::string>& labels, const std::vector<std::vector<double>>& values,
                        const std::vector<std::string>& seriesColours, double maxValue, const std::string& unit);

} // namespace seclevel
