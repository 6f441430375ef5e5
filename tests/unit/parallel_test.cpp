// for_ranges (interpreter/base/parallel.hpp): every index exactly once, in contiguous ranges, and a failure in
// any range reaches the caller.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "interpreter/base/parallel.hpp"

using namespace schemec;

TEST_CASE("for_ranges covers every index once, in contiguous ranges", "[parallel]") {
  for (const std::size_t n : {0u, 1u, 2u, 3u, 7u, 1000u}) {
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
      std::vector<int> seen(n, 0);
      std::atomic<int> calls{0};
      for_ranges(n, threads, [&](std::size_t begin, std::size_t end) {
        REQUIRE(begin <= end);
        ++calls;
        for (std::size_t i = begin; i < end; ++i) ++seen[i];
      });
      CHECK(calls.load() == static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(threads, n))));
      for (const int s : seen) CHECK(s == 1);
    }
  }
}

TEST_CASE("for_ranges throws a range's exception in the caller after every range stopped", "[parallel]") {
  std::atomic<int> finished{0};
  CHECK_THROWS_AS(for_ranges(100, 4,
                             [&](std::size_t begin, std::size_t) {
                               if (begin > 0) throw std::runtime_error("range failed");
                               ++finished;
                             }),
                  std::runtime_error);
  CHECK(finished.load() == 1);
}

TEST_CASE("worker_threads keeps a request and picks one per core otherwise", "[parallel]") {
  CHECK(worker_threads(3) == 3);
  CHECK(worker_threads(0) >= 1);
  CHECK(worker_threads(0) <= 8);
}
