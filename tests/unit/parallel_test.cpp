// for_ranges (interpreter/base/parallel.hpp): every index exactly once, in contiguous ranges, and a failure in
// any range reaches the caller. for_items with in_order: every item once, turns in item order, a worker
// giving up or throwing stops the others. (Catch2 assertions run on the caller's thread only.)
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

TEST_CASE("for_items takes every item once and in_order commits them in item order", "[parallel]") {
  for (const std::size_t n : {0u, 1u, 2u, 5u, 200u}) {
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
      in_order order(2);
      std::vector<int> seen(n, 0);
      std::vector<std::size_t> counted, committed;
      std::atomic<bool> bad_worker{false};
      for_items(n, threads, order, [&](std::size_t worker, std::size_t item) {
        if (worker >= parts_for(n, threads)) bad_worker = true;
        ++seen[item];
        if (!order.wait_turn(0, item)) return false;
        counted.push_back(item);
        order.end_turn(0);
        if (!order.wait_turn(1, item)) return false;
        committed.push_back(item);
        order.end_turn(1);
        return true;
      });
      CHECK_FALSE(order.stopped());
      CHECK_FALSE(bad_worker.load());
      for (const int s : seen) CHECK(s == 1);
      REQUIRE(committed.size() == n);
      REQUIRE(counted.size() == n);
      for (std::size_t i = 0; i < n; ++i) {
        CHECK(committed[i] == i);
        CHECK(counted[i] == i);
      }
    }
  }
}

TEST_CASE("for_items stops every worker when one gives up or throws", "[parallel]") {
  {
    in_order order;
    std::atomic<std::size_t> committed{0};
    for_items(100, 3, order, [&](std::size_t, std::size_t item) {
      if (item == 10) return false;  // gives up: the others' turns end
      if (!order.wait_turn(0, item)) return false;
      ++committed;
      order.end_turn(0);
      return true;
    });
    CHECK(order.stopped());
    CHECK(committed.load() <= 10);
  }
  {
    in_order order;
    CHECK_THROWS_AS(for_items(100, 3, order,
                              [&](std::size_t, std::size_t item) {
                                if (item == 7) throw std::runtime_error("segment failed");
                                if (!order.wait_turn(0, item)) return false;
                                order.end_turn(0);
                                return true;
                              }),
                    std::runtime_error);
    CHECK(order.stopped());
  }
}
