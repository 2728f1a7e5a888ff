#include "tools/serve/searcher_pool.h"

#include <utility>

namespace concord::serve {

SearcherPool::SearcherPool(std::vector<std::string> paths, const EntityDictionary* entities,
                           std::size_t max_searchers)
    : paths_(std::move(paths)), entities_(entities), max_(max_searchers < 1 ? 1 : max_searchers) {}

SearcherPool::~SearcherPool() = default;

Status SearcherPool::Open(Lease* first) {
  Lease lease;
  Status s = Acquire(&lease);
  if (s.ok() && first) *first = std::move(lease);
  return s;
}

Status SearcherPool::Acquire(Lease* lease) {
  std::unique_ptr<Searcher> searcher;
  {
    std::unique_lock<std::mutex> lock(mu_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserved while it opens, outside the lock
    }
  }
  if (!searcher) {
    Status s = Searcher::Open(paths_, entities_, &searcher);
    if (!s.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      --open_;
      returned_.notify_one();
      return s;
    }
  }
  *lease = Lease(searcher.release(), [this](Searcher* s) { Release(s); });
  return Status();
}

void SearcherPool::Release(Searcher* searcher) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.emplace_back(searcher);
  returned_.notify_one();
}

}  // namespace concord::serve
