// Running a loop over rows on several threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace schemec {

// The threads to use when [requested] is 0 (--threads not given): one per core, at most 8.
inline unsigned worker_threads(unsigned requested) {
  if (requested != 0) return requested;
  return std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
}

// Calls fn(begin, end) on contiguous ranges that cover [0, n), one range per thread (the caller's thread
// takes the first), and returns when all are done. fn must only read what other ranges write, or write
// what no other range reads. An exception thrown by fn is thrown again here once every range stopped.
template <typename F>
void for_ranges(std::size_t n, unsigned threads, F&& fn) {
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(threads, n));
  if (parts == 1) {
    fn(std::size_t{0}, n);
    return;
  }
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](std::size_t part) {
    try {
      fn(n * part / parts, n * (part + 1) / parts);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t part = 1; part < parts; ++part) pool.emplace_back(run, part);
  run(0);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace schemec
