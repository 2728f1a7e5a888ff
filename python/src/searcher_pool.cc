#include "searcher_pool.h"

#include <utility>

#include "errors.h"

namespace concord::python {

SearcherLease::SearcherLease(std::shared_ptr<SearcherPool> pool, std::unique_ptr<Searcher> searcher,
                             std::uint64_t generation)
    : pool_(std::move(pool)), searcher_(std::move(searcher)), generation_(generation) {}

SearcherLease::~SearcherLease() {
  if (pool_ && searcher_) pool_->GiveBack(std::move(searcher_), generation_);
}

SearcherLease SearcherPool::Take() {
  std::uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) throw StatusError(Status(Code::kInvalidArgument, "the searcher is closed"));
    generation = generation_;
    if (!idle_.empty()) {
      std::unique_ptr<Searcher> searcher = std::move(idle_.back());
      idle_.pop_back();
      return SearcherLease(shared_from_this(), std::move(searcher), generation);
    }
  }
  std::unique_ptr<Searcher> searcher;  // opened outside the lock: it takes milliseconds
  Check(Searcher::Open(source_.paths, source_.dictionary.get(), source_.options, &searcher));
  return SearcherLease(shared_from_this(), std::move(searcher), generation);
}

void SearcherPool::GiveBack(std::unique_ptr<Searcher> searcher, std::uint64_t generation) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closed_ && generation == generation_ && idle_.size() < kMaxIdle) {
      idle_.push_back(std::move(searcher));
      return;
    }
  }
  searcher.reset();  // retired, or one too many: closed outside the lock
}

void SearcherPool::Refresh() {
  std::vector<std::unique_ptr<Searcher>> retired;
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  retired.swap(idle_);
}

void SearcherPool::Close() {
  std::vector<std::unique_ptr<Searcher>> retired;
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  retired.swap(idle_);
}

}  // namespace concord::python
