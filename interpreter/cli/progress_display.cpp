#include "interpreter/cli/progress_display.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>
#include <string>

namespace schemec {

progress_display::progress_display(bool on, const progress& p, std::ostream& err) : m_progress(p), m_err(err) {
  if (!on) return;
  if (const char* after = std::getenv("SCHEMEC_PROGRESS_AFTER_MS")) m_after = std::chrono::milliseconds(std::atol(after));
  m_thread = std::thread([this] { loop(); });
}

void progress_display::loop() {
  // Redrawn five times a second; at once and often when the test hook asks for progress without delay.
  const auto every = std::chrono::milliseconds(m_after.count() == 0 ? 5 : 200);
  std::unique_lock<std::mutex> lock(m_mutex);
  while (!m_wake.wait_for(lock, every, [this] { return m_stopping; })) {
    const auto elapsed = std::chrono::steady_clock::now() - m_start;
    if (elapsed < m_after) continue;
    const progress::snapshot s = m_progress.now();
    if (s.name.empty()) continue;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    std::string line = "schemec: " + s.name;
    if (s.total > 0) line += fmt::format("  {}%", s.done >= s.total ? 100 : s.done * 100 / s.total);
    line += fmt::format("  {} s", seconds);
    m_err << "\r\x1b[K" << line << std::flush;  // rewrite the line in place
    m_drawn = true;
  }
}

void progress_display::stop() {
  if (!m_thread.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
  if (m_drawn) m_err << "\r\x1b[K" << std::flush;  // erase it: what follows starts on a clean line
}

}  // namespace schemec
