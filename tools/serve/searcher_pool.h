#ifndef CONCORD_TOOLS_SERVE_SEARCHER_POOL_H_
#define CONCORD_TOOLS_SERVE_SEARCHER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "concord/concord.hpp"

namespace concord::serve {

// Searchers over the same databases for the server's worker threads. A
// Searcher is not thread-safe, so each request leases one for its whole
// duration (a download streams with its lease); up to `max_searchers` are
// opened on demand, further requests wait for one to come back.
// Thread-safe. `entities` must outlive the pool (shared read-only).
class SearcherPool {
 public:
  // A leased Searcher: it returns to the pool when the last copy goes.
  using Lease = std::shared_ptr<Searcher>;

  SearcherPool(std::vector<std::string> paths, const EntityDictionary* entities,
               std::size_t max_searchers = 4);
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  // Opens the first Searcher, so that a database that cannot be opened is
  // reported at start. `first` (optional) is lent for the caller's checks.
  Status Open(Lease* first = nullptr);
  // A Searcher of the pool, or the error of opening one when none is free.
  Status Acquire(Lease* lease);

 private:
  void Release(Searcher* searcher);

  const std::vector<std::string> paths_;
  const EntityDictionary* const entities_;
  const std::size_t max_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Searcher>> idle_;  // guarded by mu_
  std::size_t open_ = 0;                         // guarded by mu_: idle or leased
};

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_SEARCHER_POOL_H_
