// Draws a run's progress (base/progress.hpp) on standard error while the run is longer than about two
// seconds: one line, rewritten in place ("schemec: 读取 participants.csv  45%  3 s"), erased when the run
// stops showing it. Only for a terminal and without --quiet (the driver decides: run_options::progress), so
// a pipe, a file or a test sees nothing. SCHEMEC_PROGRESS_AFTER_MS (a test hook) changes the two seconds.
#pragma once

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <thread>

#include "interpreter/base/progress.hpp"

namespace schemec {

class progress_display {
 public:
  // Draws [p] on [err] from a thread of its own when [on]; otherwise does nothing.
  progress_display(bool on, const progress& p, std::ostream& err);
  ~progress_display() { stop(); }
  progress_display(const progress_display&) = delete;
  progress_display& operator=(const progress_display&) = delete;

  // Stops drawing and erases the line, before anything else is written to [err]. Idempotent.
  void stop();

 private:
  void loop();

  const progress& m_progress;
  std::ostream& m_err;
  std::chrono::milliseconds m_after{2000};
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false, m_drawn = false;
  std::thread m_thread;
};

}  // namespace schemec
