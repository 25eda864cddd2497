#pragma once
// Calendar dates are dates, never strings: std::chrono::year_month_day, parsed and printed as ISO 8601.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace seclevel {

using Date = std::chrono::year_month_day;

// Accepts exactly YYYY-MM-DD with a valid calendar day; anything else is nullopt.
std::optional<Date> parseIsoDate(std::string_view text);
std::string formatIsoDate(Date date);

} // namespace seclevel
