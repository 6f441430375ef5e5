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

// Calls fn(part, begin, end) on contiguous ranges that cover [0, n), one range per thread (part 0, the
// first, on the caller's thread), and returns when all are done; parts_for(n, threads) ranges. fn must
// only read what other ranges write, or write what no other range reads. An exception thrown by fn is
// thrown again here once every range stopped.
inline std::size_t parts_for(std::size_t n, unsigned threads) { return std::max<std::size_t>(1, std::min<std::size_t>(threads, n)); }

template <typename F>
void for_parts(std::size_t n, unsigned threads, F&& fn) {
  const std::size_t parts = parts_for(n, threads);
  if (parts == 1) {
    fn(std::size_t{0}, std::size_t{0}, n);
    return;
  }
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](std::size_t part) {
    try {
      fn(part, n * part / parts, n * (part + 1) / parts);
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

// for_parts without the part's number: fn(begin, end).
template <typename F>
void for_ranges(std::size_t n, unsigned threads, F&& fn) {
  for_parts(n, threads, [&fn](std::size_t, std::size_t begin, std::size_t end) { fn(begin, end); });
}

}  // namespace schemec
