#ifndef CONCORD_QUERY_SEARCHER_H_
#define CONCORD_QUERY_SEARCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "lang/entity_matcher.h"
#include "query/highlight.h"
#include "query/query_builder.h"

namespace concord::query {

struct SearchOptions {
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool sort_by_date = false;        // newest first; relevance otherwise
  bool collapse = false;            // one result per near-duplicate cluster
  std::size_t snippet_words = 36;
  EntityResolver* resolver = nullptr;  // alias expansion; null = the spelling alone
  // Highlights the mentions of the entities a query names (Selenskyj finds and
  // marks "Zelensky"). Not owned; null = words only.
  const lang::EntityMatcher* entities = nullptr;
  // The index was tagged with those same dictionaries: highlight from the
  // mentions it stored rather than by matching each hit's text again.
  bool stored_mentions = false;
};

struct SearchHit {
  std::size_t rank = 0;        // 1-based, across pages
  unsigned docid = 0;
  double score = 0;            // BM25 weight
  int percent = 0;
  corpus::Article article;     // metadata; `text` is cleared
  std::size_t copies = 0;      // with collapse: other documents of its near-duplicate cluster
  Snippet snippet;
};

struct SearchResults {
  std::size_t total = 0;       // number of matching documents
  bool total_exact = true;
  std::vector<SearchHit> hits;
  std::string query_description;  // the final Xapian query, for --explain
};

// An error from search: a message and, for query errors, the 1-based column.
struct SearchError {
  std::string message;
  std::size_t column = 0;  // 0 when not about a position in the query
  bool is_query_error = false;
};

// Read-only access to one or more concord databases searched as one.
// Not thread-safe: use one Searcher per thread (opening is cheap).
class Searcher {
 public:
  Searcher();
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  bool Open(const std::vector<std::string>& paths, SearchError* error);
  // Runs `query_text`; false on error (nothing is half-done).
  bool Search(const std::string& query_text, const SearchOptions& options, SearchResults* out,
              SearchError* error);
  std::size_t doc_count() const;
  std::vector<std::string> languages() const;

  // Parses and builds `query_text` into a Xapian query (for filters of other
  // operations such as mention listing). False with *error on a bad query.
  bool BuildQuery(const std::string& query_text, EntityResolver* resolver, Xapian::Query* query,
                  MatchTerms* match, SearchError* error);
  // Database metadata value, "" when absent or on error.
  std::string metadata(const std::string& key) const;
  // Moves to the newest commit after a DatabaseModifiedError.
  void Reopen();
  // The underlying database. REQUIRES: Open() succeeded.
  const Xapian::Database& database() const;

 private:
  // One attempt of Open (DatabaseModifiedError propagates).
  bool OpenOnce(const std::vector<std::string>& paths, SearchError* error);
  // One attempt of Search (Xapian errors propagate).
  bool Run(const Xapian::Query& query, const MatchTerms& match, const SearchOptions& options,
           SearchResults* out);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_SEARCHER_H_
