// Progress of a long run, for a person watching a terminal (schemec run on a tty; cli/progress_display.cpp
// draws it). The phases report what they are doing; the streaming reader also reports how many bytes of its
// file it has scored. Every member may be called from any thread. Nothing here changes a result: a run
// without a display never creates one.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace schemec {

class progress {
 public:
  // Starts phase [name] (a text for people, e.g. "读取 participants.csv"); [total] is its size in units
  // (bytes), 0 when unknown.
  void phase(std::string name, std::uint64_t total = 0) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_name = std::move(name);
    m_total.store(total);
    m_done.store(0);
  }
  void advance(std::uint64_t units) { m_done.fetch_add(units, std::memory_order_relaxed); }

  struct snapshot {
    std::string name;
    std::uint64_t done = 0, total = 0;
  };
  snapshot now() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return {m_name, m_done.load(std::memory_order_relaxed), m_total.load()};
  }

 private:
  mutable std::mutex m_mutex;
  std::string m_name;
  std::atomic<std::uint64_t> m_done{0}, m_total{0};
};

}  // namespace schemec
