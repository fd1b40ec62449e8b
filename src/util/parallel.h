#pragma once
// Runs independent tasks (one per operator, per vendor scenario, per slice of subjects,
// per rule's findings) on a few threads. The machine netvet targets has two cores; the
// tasks share nothing writable, so no locking beyond the task counter.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace netvet {

// Calls task(i) for i in [0, count), on up to `threads` threads (0: the hardware's).
template <typename Task>
void parallel_for(std::size_t count, unsigned threads, Task&& task) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(threads, count);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> pool;
  for (std::size_t w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) task(i);
    });
}

}  // namespace netvet
