// Running work on several threads, in the two shapes the run uses: a loop over rows cut into one range
// per thread (for_parts, for_ranges), and items taken in order by workers that each keep a state of their
// own, with stages done in the items' order (for_items with in_order: the streaming reader's segments,
// counted and committed in file order). Every other file starts no thread of its own. What is computed
// never depends on the number of threads: only who computes it does.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
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

// Turns in item order, per stage: item k's turn at a stage comes once items 0..k-1 have ended theirs there
// (wait_turn(stage, k) … end_turn(stage)). stop() ends every wait (they return false) for good, so that
// no worker waits for an item that will never come.
class in_order {
 public:
  explicit in_order(std::size_t stages = 1) : next_(stages, 0) {}

  // Waits until items 0..item-1 have ended their turn at [stage]; false when stopped.
  bool wait_turn(std::size_t stage, std::size_t item) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || next_[stage] == item; });
    return !stopped_;
  }
  // Ends the turn of the item that holds [stage]'s turn.
  void end_turn(std::size_t stage) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      ++next_[stage];
    }
    changed_.notify_all();
  }
  void stop() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }
  bool stopped() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::size_t> next_;  // per stage: the item whose turn it is
  bool stopped_ = false;
};

// Calls fn(worker, item) for every item of [0, n), in increasing order of starting, on parts_for(n,
// threads) workers (worker 0 on the caller's thread) that each take the next item when done with one; fn
// may wait for turns of [order]. fn returning false, or throwing, stops [order] and every worker (no
// further item is started); an exception is thrown again here once every worker stopped.
template <typename F>
void for_items(std::size_t n, unsigned threads, in_order& order, F&& fn) {
  std::atomic<std::size_t> next{0};
  for_parts(parts_for(n, threads), threads, [&](std::size_t worker, std::size_t, std::size_t) {
    try {
      for (;;) {
        const std::size_t item = next++;
        if (item >= n || order.stopped()) return;
        if (!fn(worker, item)) {
          order.stop();
          return;
        }
      }
    } catch (...) {
      order.stop();
      throw;
    }
  });
}

}  // namespace schemec
