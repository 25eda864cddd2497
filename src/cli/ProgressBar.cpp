#include "cli/ProgressBar.h"

#include <unistd.h>

#include <cstdio>
#include <ostream>

namespace seclevel {

std::string groupedNumber(std::size_t value, Lang lang)
{
    std::string digits = std::to_string(value);
    std::string out;
    const char separator = lang == Lang::Vi ? '.' : ',';
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += separator;
        out += digits[i];
    }
    return out;
}

ProgressBar::ProgressBar(std::ostream& err, bool enabled, Lang lang) : m_err(err), m_enabled(enabled), m_lang(lang) {}

ProgressBar::~ProgressBar()
{
    finish();
}

bool ProgressBar::stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

void ProgressBar::update(const std::string& phase, std::size_t done, std::size_t total)
{
    if (!m_enabled)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (phase != m_phase) {
        m_phase = phase;
        m_phaseStart = now;
    } else if (done < total && now - m_lastDraw < std::chrono::milliseconds(100)) {
        return;
    }
    m_lastDraw = now;
    const double seconds = std::chrono::duration<double>(now - m_phaseStart).count();
    const double rate = seconds > 0.05 ? static_cast<double>(done) / seconds : 0.0;
    const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const int width = 24;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    std::string eta = "—";
    if (rate > 0 && total >= done) {
        const auto left = static_cast<long>(static_cast<double>(total - done) / rate + 0.5);
        char text[32];
        std::snprintf(text, sizeof text, "%ld:%02ld", left / 60, left % 60);
        eta = text;
    }
    const bool vi = m_lang == Lang::Vi;
    m_err << "\r\033[K[" << bar << "] " << static_cast<int>(fraction * 100) << "% " << groupedNumber(done, m_lang)
          << "/" << groupedNumber(total, m_lang) << (vi ? " hàng · " : " rows · ")
          << groupedNumber(static_cast<std::size_t>(rate), m_lang) << (vi ? " hàng/giây · còn " : " rows/s · ETA ")
          << eta << " (" << phase << ")" << std::flush;
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_enabled && m_drawn) {
        m_err << "\r\033[K" << std::flush;
        m_drawn = false;
    }
}

} // namespace seclevel
