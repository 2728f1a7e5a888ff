#ifndef CONCORD_INDEXER_INDEX_WRITER_H_
#define CONCORD_INDEXER_INDEX_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "concord/status.hpp"
#include "corpus/article.h"
#include "lang/entity_matcher.h"
#include "store/file_record.h"

namespace concord::indexer {

struct IndexWriterOptions {
  bool create_if_missing = true;
  // Tags entity mentions (XE terms) when set. Not owned; must outlive the writer.
  const lang::EntityMatcher* entities = nullptr;
  // Content hash of the dictionaries behind `entities`, recorded in the database.
  std::string entities_hash;
  // A segment being built (indexer/segment_writer.h): commits are not
  // flushed to disk (the merged segment is, before it becomes live), and
  // near-duplicate clusters are left to JoinClusters after the merge (each
  // document starts in its own).
  bool building_segment = false;
  // Each document carries its words' stems as Z terms, as before the stem
  // table: for a database to be served over Xapian's remote backend, which
  // cannot read the stem table (docs/scaling.md). Costs about a quarter more
  // indexing time and an eighth more size.
  bool stem_terms = false;
  // Tests only: documents for which this returns true are given a term Xapian
  // refuses (longer than its 245-byte limit), to exercise per-document
  // isolation through Xapian's real failure path.
  std::function<bool(const corpus::Article&)> refuse_for_testing;
};

// What the database remembers of an indexed file (store/file_record.h).
using FileRecord = store::FileRecord;

struct IndexStats {
  std::size_t added = 0;    // documents new to the database
  std::size_t updated = 0;  // documents that replaced an earlier version
  std::size_t removed = 0;  // documents dropped (their file shrank or disappeared)
  std::size_t bytes = 0;    // text bytes indexed
  std::size_t refused = 0;  // documents Xapian refused (not in added/updated)
};

// Writes articles into a concord database. Holds Xapian's write lock from
// Open() until destruction. One writer per database; not thread-safe.
//
// Changes are grouped in transactions: nothing is visible to readers, and
// nothing survives a crash, until Commit(). A file's record is written with
// its last document, so a crash in the middle of a file leaves no record and
// the next run reads that file again (ids are unique, so nothing doubles).
//
// One document never stops the others: when Xapian refuses a document (or
// analysing it fails), that document is left out, the rest of the
// transaction is written again without it, its file gets no record (so the
// next run reads that file again) and TakeRefusals() reports it.
class IndexWriter {
 public:
  IndexWriter();
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Opens (creating if allowed) the database at `path`. On failure returns
  // false and sets *error to a message naming the path.
  bool Open(const std::string& path, const IndexWriterOptions& options, Status* error);

  // The record of a file (by canonical path); false when it is not indexed.
  bool FindFile(const std::string& file_key, FileRecord* record) const;
  // True when the database has the file's record or any of its documents
  // (a file stopped half-way, or with a refused document, has no record).
  bool Holds(const std::string& file_key) const;
  // Canonical paths of every recorded file.
  std::vector<std::string> FileKeys() const;
  // Every recorded file: (canonical path, the path it was reached by).
  std::vector<std::pair<std::string, std::string>> Files() const;

  // Replacing a file's documents: BeginFile, AddArticle for each, EndFile.
  // Documents of the file that were not added again are removed at EndFile.
  bool BeginFile(const std::string& file_key, Status* error);
  bool AddArticle(corpus::Article article, Status* error);
  bool EndFile(const FileRecord& record, Status* error);
  // Same content, new mtime: only the record changes.
  bool UpdateRecord(const std::string& file_key, const FileRecord& record, Status* error);
  // Removes a file's documents and record.
  bool RemoveFile(const std::string& file_key, Status* error);
  // Removes one document by id; *found tells whether it existed.
  bool RemoveDocument(const std::string& id, bool* found, Status* error);
  // Database metadata value, "" when absent.
  std::string metadata(const std::string& key) const;

  // Convenience: the three calls above for articles already in memory
  // (`record` documents count is filled in).
  bool ReplaceFile(const std::string& file_key, std::vector<corpus::Article> articles,
                   Status* error);

  // Re-tags every stored document with the current entity matcher, from the
  // stored text (sources are not re-read). Counts go to stats().updated.
  bool Retag(Status* error);

  // "PATH: ID: not indexed (reason)..." for each document left out since the
  // last call; stats() counts them as refused instead of added/updated.
  std::vector<std::string> TakeRefusals();

  // Commits everything written so far (one atomic step).
  bool Commit(Status* error);
  // The same commit, queued: the caller analyses the next documents while
  // Xapian writes this batch. A failure is returned by a later call (at the
  // latest by the next Commit). Lookups (FindFile, BeginFile) keep reading
  // the state before it until a Commit.
  bool CommitInBackground(Status* error);
  // Text bytes written since the last commit (to size batches).
  std::size_t pending_bytes() const;
  std::size_t doc_count() const;
  const IndexStats& stats() const;
  const std::string& path() const;  // the database it writes
  bool building_segment() const;    // IndexWriterOptions::building_segment

 private:
  std::function<void()> CommitOp();  // the commit, as the writer thread runs it
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_INDEX_WRITER_H_
