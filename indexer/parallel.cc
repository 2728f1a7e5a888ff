#include "indexer/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace concord::indexer {

void RunParallel(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& task) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) task(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace concord::indexer
