#ifndef CONCORD_INDEXER_PARALLEL_H_
#define CONCORD_INDEXER_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace concord::indexer {

// Runs task(0) .. task(n-1) on up to `threads` threads (0 = one per core) and
// waits for all. `task` must not throw.
void RunParallel(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& task);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_PARALLEL_H_
