#ifndef CONCORD_CONCORD_HPP_
#define CONCORD_CONCORD_HPP_

/// @file concord.hpp
/// The concord library: full-text search and every-mention listing for
/// multilingual news archives. This umbrella header is the whole public API;
/// include it and link `concord::concord` (CMake) or `pkg-config concord`.
///
/// Error model: no function throws. Every operation returns a `Status`; on
/// failure it carries a code and a message that names what failed and what
/// to do (the path, the query column...). Xapian, ICU and other failures are
/// caught inside and translated.
///
/// Threads: one `Index` (writer) per database, in one process at a time (a
/// second writer gets `Code::kLocked`). Any number of `Searcher`s may read the
/// same database, also while it is written; a `Searcher` is not thread-safe,
/// so use one per thread (opening one is cheap). `EntityDictionary` is safe
/// to share read-only once loaded.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "concord/status.hpp"
#include "concord/types.hpp"
#include "concord/version.hpp"

namespace concord {

/// The library's version at run time ("0.1.0"); compare with CONCORD_VERSION_STRING.
CONCORD_API const char* Version();

/// Entity dictionaries (docs/entities.md): who and what concord recognises.
class CONCORD_API EntityDictionary {
 public:
  EntityDictionary();
  ~EntityDictionary();
  EntityDictionary(EntityDictionary&&) noexcept;
  EntityDictionary& operator=(EntityDictionary&&) noexcept;

  /// Adds the dictionaries that ship with concord.
  Status LoadBuiltin();
  /// Adds a dictionary file. Bad lines are skipped and listed in `warnings`
  /// ("file:line: message"); only an unreadable file is an error.
  Status LoadFile(const std::string& path, std::vector<std::string>* warnings = nullptr);
  /// Adds dictionary text; `name` is used in warnings.
  Status LoadString(const std::string& text, const std::string& name,
                    std::vector<std::string>* warnings = nullptr);
  std::size_t size() const;
  /// Also match the former names the dictionaries mark `historical:`
  /// (Artemivsk for Bakhmut; docs/entities.md): off by default. An index
  /// tagged with them on is tagged with other dictionaries than a searcher
  /// with them off (the content hash says which).
  void EnableHistoricalNames(bool on = true);
  /// A digest of the content, recorded in an index built with it.
  std::string ContentHash() const;

 private:
  friend struct EntityDictionaryAccess;  // the library's own code
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// How to open an index for writing. Defaults are written in place.
struct IndexOptions {
  bool create_if_missing = true;
  bool tag_entities = true;  ///< record entity mentions (needed for mention listing)
  /// Dictionaries for tagging; null = the built-in ones. Copied at Open.
  const EntityDictionary* entities = nullptr;
  std::size_t batch_bytes = 4u << 20;  ///< AddPaths commits after about this much text
  /// Shards (docs/scaling.md). 0: as the database at the path is (a new one is
  /// a plain, unsharded database). N >= 2: a new path becomes N shard
  /// databases PATH/shard-000.. plus a stub file PATH/XAPIANDB; an existing
  /// database must have N shards (kInvalidArgument otherwise). 1: a plain one.
  std::size_t shards = 0;
  /// Each document carries its words' stems as terms of its own, instead of
  /// the database's stem table, which Xapian's remote backend cannot read:
  /// for a database to be served by xapian-tcpsrv (docs/scaling.md). About a
  /// quarter more indexing time and an eighth more size.
  bool stem_terms = false;
};

/// Size and content of a database.
struct IndexStatistics {
  std::size_t documents = 0;
  std::size_t files = 0;               ///< files recorded by AddPaths
  std::vector<std::string> languages;  ///< languages seen
  std::string entities_hash;           ///< dictionaries it was tagged with
  int format = 0;                      ///< CONCORD_INDEX_FORMAT it was written with
  std::size_t shards = 1;              ///< databases searched as one (docs/scaling.md)
  std::size_t segments = 1;            ///< live segments (store/segments.h; 1 when not segmented)
};

/// A database open for writing. Changes become visible to searchers (and
/// survive a crash) at Commit(); the destructor drops uncommitted changes.
class CONCORD_API Index {
 public:
  /// Opens or creates the database at `path`.
  static Status Open(const std::string& path, const IndexOptions& options,
                     std::unique_ptr<Index>* index);
  ~Index();

  /// Adds an article from memory (replacing one with the same id).
  Status Add(const Article& article);
  /// Removes the document with this id (kNotFound if there is none).
  Status Remove(const std::string& id);
  /// Reads files or directories in any supported format, incrementally:
  /// unchanged files are skipped, changed ones replaced, vanished ones pruned.
  /// Commits as it goes. Problems with single files are warnings, not errors.
  Status AddPaths(const std::vector<std::string>& paths, const UpdateOptions& options,
                  UpdateReport* report);
  /// Re-tags every stored document with the index's dictionaries.
  Status Retag(std::size_t* documents = nullptr);
  /// Makes everything written so far durable and visible, atomically.
  Status Commit();
  Status Statistics(IndexStatistics* stats) const;
  /// Commits, then merges every segment of the database into one compact
  /// segment (Xapian compaction: about half the size of blocks written
  /// piecemeal). Searchers see the old segments or the new one, never a
  /// mix. Only for a segmented database (every new unsharded one).
  Status Optimize();

 private:
  Index();
  static Status OpenOnce(const std::string& path, const IndexOptions& options,
                         std::unique_ptr<Index>* index, bool* retired);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The shard (0 .. shards-1) that a file's documents go to in a sharded
/// database: a stable hash of its canonical path (docs/scaling.md).
CONCORD_API std::size_t ShardOf(const std::string& path, std::size_t shards);

/// Compacts every shard of the sharded database at `from` (or a plain
/// database) into one new plain database at `to` (Xapian's compaction; file
/// records and metadata are kept, so `to` can be indexed incrementally).
/// `to` must not exist. `documents` (optional) receives the document count.
CONCORD_API Status MergeShards(const std::string& from, const std::string& to,
                               std::size_t* documents = nullptr);

/// How Searcher::Open reads its databases.
struct SearcherOptions {
  /// Skip shards that cannot be opened or reached instead of failing; results
  /// are then marked partial and UnavailableShards() says which.
  bool allow_partial = false;
  /// Remote shards: milliseconds to wait to connect and for each reply.
  unsigned remote_timeout_ms = 10000;
};

/// Read access to one or more databases searched as one. Not thread-safe:
/// one per thread.
class CONCORD_API Searcher {
 public:
  /// `paths`: database directories, directories of shards, Xapian stub files
  /// (whose lines may name remote shards: "remote HOST:PORT" for
  /// xapian-tcpsrv, "remote :PROGRAM ARGS" for xapian-progsrv), in any mix;
  /// all are searched as one database (docs/scaling.md).
  /// `entities`: dictionaries for alias expansion and mentions; null = built-in.
  static Status Open(const std::vector<std::string>& paths, const EntityDictionary* entities,
                     std::unique_ptr<Searcher>* searcher);
  static Status Open(const std::vector<std::string>& paths, const EntityDictionary* entities,
                     const SearcherOptions& options, std::unique_ptr<Searcher>* searcher);
  ~Searcher();

  Status Search(const SearchRequest& request, SearchResult* result);
  /// Every mention, collected. A listing cut at `request.limit` is reported
  /// in `summary->truncated`; without a summary it returns Code::kTruncated
  /// (the records up to the limit are in `mentions`), so no caller misses it.
  Status Mentions(const MentionRequest& request, std::vector<Mention>* mentions,
                  MentionSummary* summary);
  /// The same records, handed to `sink` one at a time in the same order (it
  /// may move from them) instead of collected: for listings too large to
  /// hold. `summary`, if given, is complete before the first call. The sink
  /// returns Status(): go on; anything else stops the listing, and Mentions
  /// returns it (Code::kCancelled to stop on purpose, Code::kIo for a failed
  /// write...). Truncation is reported as above.
  Status Mentions(const MentionRequest& request, const MentionSink& sink, MentionSummary* summary);
  Status Count(const MentionRequest& request, CountBy by, std::vector<CountRow>* rows,
               MentionSummary* summary);
  /// Several figures over the same buckets, side by side: one request per
  /// figure, all with the same `filter` (the buckets' documents in scope are
  /// shared; different filters are a kInvalidArgument error). Each figure's
  /// numbers are exactly what Count of its request alone gives.
  Status Count(const std::vector<MentionRequest>& figures, CountBy by, CountTable* table);
  /// The document with this id, its text included, to show a hit or a
  /// mention in place. `text_start` (optional) receives where the text begins
  /// in its source file, in code points: a mention's text is
  /// [Mention::start - text_start, Mention::end - text_start) of
  /// article->text (a file with several documents holds them one after
  /// another). kNotFound when no document has the id.
  Status Document(const std::string& id, Article* article, std::size_t* text_start = nullptr);
  /// How a query is analysed: tokens, normal forms, entities, the final query.
  Status Explain(const std::string& query, bool aliases, std::string* text);
  /// The same as one JSON object (docs/mentions.md): "query", "parsed",
  /// "tree" (nodes with their tokens and entities), "xapian".
  Status ExplainJson(const std::string& query, bool aliases, std::string* json);
  Status Statistics(IndexStatistics* stats) const;
  /// True when the database was tagged with other dictionaries than these
  /// (re-tag it with Index::Retag).
  bool DictionariesDiffer() const;
  /// Shards skipped with allow_partial, one line each naming the shard and why.
  std::vector<std::string> UnavailableShards() const;
  /// Databases given more than once (the same path, or a copy: same Xapian
  /// UUID) and searched once, one line each naming both.
  std::vector<std::string> DuplicateDatabases() const;
  /// Problems met while opening that did not stop it, one line each naming
  /// the file (a corrupt saved entity matcher, ignored: the dictionaries were
  /// compiled instead).
  std::vector<std::string> Warnings() const;

 private:
  Searcher();
  Status ExplainAs(const std::string& query, bool aliases, bool json, std::string* out);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord

#endif  // CONCORD_CONCORD_HPP_
