#ifndef CONCORD_PYTHON_SEARCHER_POOL_H_
#define CONCORD_PYTHON_SEARCHER_POOL_H_

// The concord::Searchers behind one concord.Searcher. concord::Searcher is
// not thread-safe, and a mention stream holds one for as long as it is read
// (mention_stream.h), so each call borrows an idle searcher for its
// duration, or opens one when all are busy (a stream being read while
// document() is called, calls from several threads). In the common case,
// one thread and one call at a time, that is always the same searcher:
// every call reads the same revision of the databases, and a stream costs
// no Open. Refresh() retires the searchers, so the next calls see the
// latest commit.
//
// Thread safety: every method may be called from any thread, without the
// GIL (none touches Python).

#include <concord/concord.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace concord::python {

// What the searchers are opened on.
struct SearcherSource {
  std::vector<std::string> paths;
  std::shared_ptr<const EntityDictionary> dictionary;  // null: the built-in ones
  SearcherOptions options;
};

class SearcherPool;

// A borrowed searcher, given back (or dropped, if retired meanwhile) when
// the lease ends.
class SearcherLease {
 public:
  SearcherLease(SearcherLease&&) = default;
  SearcherLease& operator=(SearcherLease&&) = delete;
  ~SearcherLease();
  Searcher& operator*() const { return *searcher_; }
  Searcher* operator->() const { return searcher_.get(); }

 private:
  friend class SearcherPool;
  SearcherLease(std::shared_ptr<SearcherPool> pool, std::unique_ptr<Searcher> searcher,
                std::uint64_t generation);

  std::shared_ptr<SearcherPool> pool_;
  std::unique_ptr<Searcher> searcher_;
  std::uint64_t generation_;
};

class SearcherPool : public std::enable_shared_from_this<SearcherPool> {
 public:
  // Idle searchers kept at most (each holds database handles and the
  // compiled dictionaries); more are closed when given back.
  static constexpr std::size_t kMaxIdle = 4;

  explicit SearcherPool(SearcherSource source) : source_(std::move(source)) {}

  // An idle searcher, else a new one. Throws StatusError (also once closed).
  SearcherLease Take();
  // Retires every searcher: the next calls open new ones.
  void Refresh();
  // Retires every searcher for good: Take fails from now on.
  void Close();

 private:
  friend class SearcherLease;
  void GiveBack(std::unique_ptr<Searcher> searcher, std::uint64_t generation);

  const SearcherSource source_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Searcher>> idle_;  // guarded by mu_
  std::uint64_t generation_ = 0;                 // guarded by mu_
  bool closed_ = false;                          // guarded by mu_
};

}  // namespace concord::python

#endif  // CONCORD_PYTHON_SEARCHER_POOL_H_
