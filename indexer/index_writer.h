#ifndef CONCORD_INDEXER_INDEX_WRITER_H_
#define CONCORD_INDEXER_INDEX_WRITER_H_

#include <memory>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "lang/entity_matcher.h"

namespace concord::indexer {

struct IndexWriterOptions {
  bool create_if_missing = true;
  // Tags entity mentions (XE terms) when set. Not owned; must outlive the writer.
  const lang::EntityMatcher* entities = nullptr;
  // Content hash of the dictionaries behind `entities`, recorded in the database.
  std::string entities_hash;
};

struct IndexStats {
  std::size_t files = 0;
  std::size_t added = 0;     // documents new to the database
  std::size_t updated = 0;   // documents that replaced an earlier version
  std::size_t removed = 0;   // documents dropped because their file now yields fewer
  std::size_t bytes = 0;
};

// Writes articles into a concord database. Holds Xapian's write lock from
// Open() until destruction. One writer per database; not thread-safe.
class IndexWriter {
 public:
  IndexWriter();
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Opens (creating if allowed) the database at `path`. On failure returns
  // false and sets *error to a message naming the path.
  bool Open(const std::string& path, const IndexWriterOptions& options, std::string* error);

  // Replaces every document of the file `file_key` (its canonical path) with
  // `articles`. Detects missing languages. REQUIRES: Open() succeeded.
  bool ReplaceFile(const std::string& file_key, std::vector<corpus::Article> articles,
                   std::string* error);

  // Re-tags every stored document with the current entity matcher, from the
  // stored text (sources are not re-read). Counts go to stats().updated.
  bool Retag(std::string* error);

  bool Commit(std::string* error);
  std::size_t doc_count() const;
  const IndexStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_INDEX_WRITER_H_
