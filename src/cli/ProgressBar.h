#pragma once
// A progress bar on standard error for long commands (import, export): rows done, rows per second and the
// time left, redrawn at most ten times a second. Quiet when standard error is not a terminal (a script, a
// log file, CI), so that what is captured stays the result.
#include "core/Text.h"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace seclevel {

class ProgressBar {
public:
    // Draws on `err` only when `enabled` (see stderrIsTerminal).
    ProgressBar(std::ostream& err, bool enabled, Lang lang);
    ~ProgressBar();

    // `phase` is shown after the bar ("kiểm tra" / "check").
    void update(const std::string& phase, std::size_t done, std::size_t total);
    // Clears the line.
    void finish();

    static bool stderrIsTerminal();

private:
    std::ostream& m_err;
    bool m_enabled;
    Lang m_lang;
    bool m_drawn = false;
    std::string m_phase;
    std::chrono::steady_clock::time_point m_phaseStart;
    std::chrono::steady_clock::time_point m_lastDraw;
};

// "1.234.567" (vi) / "1,234,567" (en).
std::string groupedNumber(std::size_t value, Lang lang);

} // namespace seclevel
