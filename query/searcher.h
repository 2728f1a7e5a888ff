#ifndef CONCORD_QUERY_SEARCHER_H_
#define CONCORD_QUERY_SEARCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "concord/status.hpp"
#include "concord/types.hpp"
#include "lang/entity_matcher.h"
#include "query/highlight.h"
#include "query/query_builder.h"

namespace concord::query {

struct SearchOptions {
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool sort_by_date = false;  // newest first; relevance otherwise
  bool collapse = false;      // one result per near-duplicate cluster
  // Count every matching document. Otherwise Xapian examines at least
  // kMinChecked matches and may estimate the total above that (total_exact
  // false), which lets it skip documents that cannot reach the page.
  bool exact_total = false;
  std::size_t snippet_words = 36;
  EntityResolver* resolver = nullptr;  // alias expansion; null = the spelling alone
  // Highlights the mentions of the entities a query names (Selenskyj finds and
  // marks "Zelensky"). Not owned; null = words only.
  const lang::EntityMatcher* entities = nullptr;
  // The index was tagged with those same dictionaries: highlight from the
  // mentions it stored rather than by matching each hit's text again, and
  // search a name by its figure's entity terms alone (the documents that
  // mention it, as --mentions lists them).
  bool stored_mentions = false;
};

// Whether to read again after a DatabaseModifiedError (a writer committed
// twice while we read): yes, after a pause growing with the attempt (1, 2,
// ... ms, then 20 ms each) so that a busy writer gets ahead, until about
// kRetryDeadlineMs of pauses have passed; then no. A writer committing many
// times a second (--batch-mb 0.05) costs a reader some retries, not a failure.
inline constexpr int kRetryDeadlineMs = 5000;
bool RetryAfterModification(int attempt);

// Times an empty search or listing is read again because a writer committed
// while it ran (Searcher::MovedOn).
inline constexpr int kMaxRereads = 3;

// Matching documents a search examines at least, so that totals up to this
// are always exact.
inline constexpr std::size_t kMinChecked = 1000;

// How Searcher::Open reads its databases (docs/scaling.md).
struct OpenOptions {
  // Skip shards that cannot be opened or reached (see unavailable()) instead
  // of failing.
  bool allow_partial = false;
  // Remote shards: milliseconds to wait to connect and for each reply.
  unsigned remote_timeout_ms = 10000;
};

// An error from search: a message and, for query errors, the 1-based column.
struct SearchError {
  std::string message;
  std::size_t column = 0;  // 0 when not about a position in the query
  // Set where the failure is caught, from what failed (a query error, the
  // class of a Xapian exception), never from the message.
  Code code = Code::kIo;
  // A writer kept committing while this was read (Xapian's
  // DatabaseModifiedError): trying again at the newest revision may succeed.
  bool database_modified = false;
};

// Read-only access to one or more concord databases searched as one: plain
// databases, directories of shards, stub files, local or remote shards
// (store/shards.h). Not thread-safe: use one Searcher per thread (opening
// is cheap).
//
// Results do not depend on how documents are spread over shards: Xapian
// weighs with statistics of all shards together, and documents of equal rank
// are ordered by path and offset rather than by docid (docids interleave
// across shards and follow the indexing order).
class Searcher {
 public:
  Searcher();
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  bool Open(const std::vector<std::string>& paths, SearchError* error);
  bool Open(const std::vector<std::string>& paths, const OpenOptions& options, SearchError* error);
  // Opens every shard afresh, as Open did (a remote server restarted, or
  // closed a connection left idle); false with *error naming a shard that
  // cannot be reached, unless partial results are allowed.
  bool Reconnect(SearchError* error);
  // Runs `query_text`; false on error (nothing is half-done).
  // Hits carry their rank, score, metadata (text cleared), snippet and
  // highlights; `partial` is left to the caller.
  bool Search(const std::string& query_text, const SearchOptions& options, SearchResult* out,
              SearchError* error);
  std::size_t doc_count() const;
  std::vector<std::string> languages() const;

  // Parses and builds `query_text` into a Xapian query (for filters of other
  // operations such as mention listing). False with *error on a bad query.
  // `entity_terms_exact`: see BuildOptions (the index was tagged with the
  // resolver's dictionaries).
  bool BuildQuery(const std::string& query_text, EntityResolver* resolver, bool entity_terms_exact,
                  Xapian::Query* query, MatchTerms* match, SearchError* error);
  // Database metadata value: the first shard's that has one; "" when absent
  // or on error. (Xapian's combined database reads the first shard only.)
  std::string metadata(const std::string& key) const;
  // The value of `key` in each shard, in order ("" where absent).
  std::vector<std::string> shard_metadata(const std::string& key) const;
  // Files recorded by the indexer, over all shards.
  std::size_t file_count() const;
  // Databases searched as one, not counting those skipped.
  std::size_t shard_count() const;
  // Shards skipped (OpenOptions::allow_partial): one message each naming it.
  const std::vector<std::string>& unavailable() const;
  // Databases given twice (same Xapian UUID: the same one, or a copy of it),
  // searched once: one message each naming both.
  const std::vector<std::string>& duplicates() const;
  // Moves to the newest commit after a DatabaseModifiedError.
  void Reopen();
  // Moves to the newest commit; true when a writer committed since the
  // database was last opened (what was just read may be from a revision
  // being replaced: read it again, at most kMaxRereads times).
  bool MovedOn();
  // The underlying database. REQUIRES: Open() succeeded.
  const Xapian::Database& database() const;
  // Every shard is a local database: value streams read sequentially (over a
  // remote shard Xapian would fetch documents one by one).
  bool all_local() const;

 private:
  // One attempt of Open (DatabaseModifiedError propagates).
  bool OpenOnce(const std::vector<std::string>& paths, SearchError* error);
  // One attempt of Search (Xapian errors propagate).
  bool Run(const Xapian::Query& query, const MatchTerms& match, const SearchOptions& options,
           SearchResult* out);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_SEARCHER_H_
