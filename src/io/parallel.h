#pragma once
// Runs independent tasks on the calling thread and one helper (the machines netvet
// targets have two cores and the work is memory-bound: more threads would not help).
// Tasks are taken in the order given, so put the longest first.

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace netvet::io {

inline void run_in_parallel(std::vector<std::function<void()>>& tasks) {
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) tasks[i]();
  };
  if (tasks.size() < 2) return work();
  std::jthread helper(work);
  work();
}

}  // namespace netvet::io
