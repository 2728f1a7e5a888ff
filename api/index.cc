#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "api/internal.h"
#include "api/shards.h"
#include "corpus/parts.h"
#include "indexer/index_writer.h"
#include "indexer/parallel.h"
#include "indexer/segment_writer.h"
#include "indexer/update.h"
#include "lang/entity_matcher.h"
#include "store/matcher_file.h"
#include "store/schema.h"
#include "store/segments.h"
#include "store/shards.h"

namespace concord {

struct Index::Impl {
  lang::EntityDictionary dictionary;
  std::unique_ptr<lang::EntityMatcher> matcher;  // shared by the shards (thread-safe)
  // One writer per shard (docs/scaling.md); one for a plain database.
  std::vector<std::unique_ptr<indexer::IndexWriter>> writers;
  IndexOptions options;
  indexer::IndexWriterOptions writer_options;
  std::string path;
  // A segmented database (store/segments.h): `writers` write its live
  // segments, `segments` (their names), oldest first, under `lock`.
  bool segmented = false;
  std::vector<std::string> segments;
  store::DirectoryLock lock;

  indexer::IndexWriter& WriterFor(const std::string& file_key) {
    if (segmented) {
      // The segment that holds the file, else the newest.
      indexer::FileRecord record;
      for (const auto& w : writers) {
        if (w->FindFile(file_key, &record)) return *w;
      }
      return *writers.back();
    }
    return *writers[store::ShardOf(file_key, writers.size())];
  }

  Status OpenSegmentWriters();
  Status Settle(const std::string& added, bool optimize);
};

// A writer on each live segment, oldest first.
Status Index::Impl::OpenSegmentWriters() {
  writers.clear();
  indexer::IndexWriterOptions wo = writer_options;
  wo.create_if_missing = false;  // a live segment exists
  for (const std::string& name : segments) {
    auto writer = std::make_unique<indexer::IndexWriter>();
    Status error;
    const std::string p = (std::filesystem::path(path) / name).string();
    if (!writer->Open(p, wo, &error)) {
      writers.clear();
      if (!std::filesystem::exists(p)) {
        return Status(Code::kCorrupt, path + " lists the segment " + name +
                                          ", which is missing (restore the database from a "
                                          "backup, or index the sources again)");
      }
      return error;
    }
    writers.push_back(std::move(writer));
  }
  return Status();
}

// After a run: `added` (a new segment, or "") becomes live, empty segments
// go, and segments are merged as the tiered policy (or `optimize`: all into
// one) asks; then the manifest is replaced and the writers reopened.
Status Index::Impl::Settle(const std::string& added, bool optimize) {
  std::vector<std::string> names;
  std::vector<std::size_t> docs;
  for (std::size_t i = 0; i < writers.size(); ++i) {
    const std::size_t n = writers[i]->doc_count();
    if (n == 0 && writers[i]->FileKeys().empty()) continue;  // nothing in it
    names.push_back(segments[i]);
    docs.push_back(n);
  }
  if (!added.empty()) {
    names.push_back(added);
    docs.push_back(Xapian::Database((std::filesystem::path(path) / added).string()).get_doccount());
  }
  if (names.empty()) return Status();  // an empty database keeps its empty segment
  if (names == segments && !optimize && store::PlanMerge(docs).empty()) return Status();
  writers.clear();  // merged segments are read with no writer open on them
  for (;;) {
    std::vector<std::size_t> group;
    if (optimize) {
      for (std::size_t i = 0; i < names.size(); ++i) group.push_back(i);
      optimize = false;
    } else {
      group = store::PlanMerge(docs);
    }
    if (group.empty()) break;
    std::vector<std::string> from;
    std::size_t total = 0;
    for (std::size_t i : group) {
      from.push_back(names[i]);
      total += docs[i];
    }
    std::string merged;
    if (Status s = indexer::MergeSegments(path, from, &merged); !s.ok()) {
      (void)OpenSegmentWriters();  // the manifest is unchanged: go on as before
      return s;
    }
    // The merged segment takes the place of the oldest of its parts.
    std::vector<std::string> next_names;
    std::vector<std::size_t> next_docs;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i == group.front()) {
        next_names.push_back(merged);
        next_docs.push_back(total);
      } else if (std::find(group.begin(), group.end(), i) == group.end()) {
        next_names.push_back(names[i]);
        next_docs.push_back(docs[i]);
      }
    }
    names = std::move(next_names);
    docs = std::move(next_docs);
  }
  std::string error;
  if (!store::WriteManifest(path, names, &error)) {
    (void)OpenSegmentWriters();
    return Status(Code::kIo, error);
  }
  segments = names;
  // Readers that opened a retired segment keep reading it (its files stay
  // open); one that finds it gone reads the manifest again.
  store::RemoveUnlistedSegments(path);
  return OpenSegmentWriters();
}

Index::Index() : impl_(new Impl) {}
Index::~Index() = default;

Status Index::Open(const std::string& path, const IndexOptions& options,
                   std::unique_ptr<Index>* index) {
  CONCORD_GUARD_BEGIN
  if (path.empty()) return Status(Code::kInvalidArgument, "no database path given");
  std::unique_ptr<Index> out(new Index);
  Impl& m = *out->impl_;
  m.options = options;
  m.options.entities = nullptr;  // copied below; the caller's object may go away
  // A sharded or segmented database may be named by its stub file.
  m.path = path;
  if (std::filesystem::path(path).filename() == store::kStubFileName &&
      std::filesystem::is_regular_file(path)) {
    m.path = std::filesystem::path(path).parent_path().string();
  }
  // A new database may be asked for in folders that do not exist yet.
  const std::filesystem::path parent = std::filesystem::path(m.path).parent_path();
  std::error_code ec;
  if (options.create_if_missing && !parent.empty() && !std::filesystem::exists(parent, ec) &&
      !std::filesystem::create_directories(parent, ec)) {
    return Status(Code::kIo, "cannot create the folder " + parent.string() + " for database " +
                                 m.path + ": " + ec.message());
  }
  indexer::IndexWriterOptions wo;
  wo.create_if_missing = options.create_if_missing;
  wo.stem_terms = options.stem_terms;
  bool save_matcher = false;
  std::string source;  // the built-in files' digest, when they are all there is
  // A cache: a database that cannot hold it still works (searches compile).
  const auto save_matcher_if_compiled = [&] {
    std::string ignored;
    if (save_matcher) {
      store::SaveMatcher(m.path, *m.matcher, store::MatcherKey(wo.entities_hash, source), &ignored);
    }
  };
  if (options.tag_entities) {
    EntityDictionary builtin;
    const EntityDictionary* entities = options.entities;
    if (!entities) {
      if (Status s = builtin.LoadBuiltin(); !s.ok()) return s;
      entities = &builtin;
    }
    source = EntityDictionaryAccess::SourceKey(*entities);
    m.dictionary = EntityDictionaryAccess::Of(*entities);
    wo.entities_hash = m.dictionary.ContentHash();
    // Compiled once per database and dictionaries, then mapped (also by
    // every search): saved below once the database exists, and saved again
    // when it was saved without the built-in files' digest searches look
    // it up by.
    std::string saved_hash;
    m.matcher = store::LoadMatcherBySource({m.path}, source, &saved_hash, nullptr);
    if (m.matcher && saved_hash != wo.entities_hash) m.matcher.reset();
    if (!m.matcher) {
      m.matcher = store::LoadMatcher({m.path}, wo.entities_hash, nullptr);
      save_matcher = !source.empty();
    }
    if (!m.matcher) {
      m.matcher = std::make_unique<lang::EntityMatcher>(m.dictionary);
      save_matcher = true;
    }
    wo.entities = m.matcher.get();
  }
  m.writer_options = wo;

  // A new unsharded database is created segmented (store/segments.h); one
  // made by an older concord (Xapian's files in the directory itself) or a
  // sharded one stays as it is.
  const bool segmented = !store::LiveSegments(m.path).empty();
  const bool create = !segmented && options.create_if_missing &&
                      store::IsNewDatabaseDirectory(m.path) && options.shards < 2;
  if (segmented && options.shards >= 2) {
    return Status(Code::kInvalidArgument,
                  m.path + " is already a single (unsharded) database; --shards " +
                      std::to_string(options.shards) +
                      " needs a new directory (index the sources again there)");
  }
  if (segmented || create) {
    if (create && !std::filesystem::create_directories(m.path, ec) && ec) {
      return Status(Code::kIo, "cannot create database " + m.path + ": " + ec.message());
    }
    if (::access(m.path.c_str(), W_OK | X_OK) != 0) {
      return Status(Code::kIo, "database directory " + m.path + " is not writable (" +
                                   std::strerror(errno) + ")");
    }
    bool busy = false;
    std::string error;
    if (!m.lock.Acquire(m.path, &busy, &error)) {
      if (busy) {
        return Status(Code::kLocked,
                      "database " + m.path + " is locked by another writer (" + error + ")");
      }
      return Status(Code::kIo, "cannot lock database " + m.path + ": " + error);
    }
    m.segmented = true;
    // Read under the lock: no other writer changes it now.
    for (const std::string& p : store::LiveSegments(m.path)) {
      m.segments.push_back(std::filesystem::path(p).filename().string());
    }
    if (m.segments.empty()) {
      // Created now: the first segment exists before the manifest lists it.
      m.segments.push_back(store::SegmentName(store::NextSegmentNumber(m.path)));
      try {
        Xapian::WritableDatabase((std::filesystem::path(m.path) / m.segments[0]).string(),
                                 Xapian::DB_CREATE_OR_OPEN)
            .close();
      } catch (const Xapian::Error& e) {
        return Status(Code::kIo, "cannot create database " + m.path + ": " + e.get_description());
      }
      if (!store::WriteManifest(m.path, m.segments, &error)) return Status(Code::kIo, error);
    }
    if (Status s = m.OpenSegmentWriters(); !s.ok()) return s;
    // A run that stopped before listing its segment keeps its work; the
    // rest (retired segments, unfinished merges) goes.
    std::vector<indexer::IndexWriter*> live;
    for (const auto& w : m.writers) live.push_back(w.get());
    std::string adopted;
    if (Status s = indexer::AdoptStoppedRun(m.path, live, m.segments, &adopted); !s.ok()) {
      return s;
    }
    if (!adopted.empty()) {
      if (Status s = m.Settle(adopted, /*optimize=*/false); !s.ok()) return s;
    }
    store::RemoveUnlistedSegments(m.path);
    save_matcher_if_compiled();
    *index = std::move(out);
    return Status();
  }

  std::vector<std::string> shard_paths;
  std::size_t shards = 0;
  if (Status s =
          ResolveShards(m.path, options.shards, options.create_if_missing, &shard_paths, &shards);
      !s.ok()) {
    return s;
  }
  for (const std::string& p : shard_paths) {
    auto writer = std::make_unique<indexer::IndexWriter>();
    Status error;
    if (!writer->Open(p, wo, &error)) {
      if (!options.create_if_missing && !std::filesystem::exists(p)) {
        return Status(Code::kNotFound, "no database at " + p);
      }
      return error;
    }
    m.writers.push_back(std::move(writer));
  }
  // A shard on its own would take files that route elsewhere.
  const std::string place = m.writers[0]->metadata(schema::kMetaShard);
  if (shards == 0 && !place.empty()) {
    return Status(Code::kInvalidArgument,
                  m.path + " is shard " + place +
                      " of a sharded database; index the directory "
                      "that holds it (" +
                      std::filesystem::path(m.path).lexically_normal().parent_path().string() +
                      ") instead");
  }
  save_matcher_if_compiled();
  *index = std::move(out);
  return Status();
  CONCORD_GUARD_END
}

Status Index::Add(const Article& article) {
  CONCORD_GUARD_BEGIN
  if (article.id.empty()) return Status(Code::kInvalidArgument, "an article needs an id");
  Status error;
  // Articles from memory are their own "file": replacing one replaces it.
  const std::string key = "memory:" + article.id;
  indexer::IndexWriter& writer = impl_->WriterFor(key);
  if (!writer.BeginFile(key, &error)) return error;
  // As from files: no document larger than corpus::kMaxDocumentBytes.
  corpus::Article whole;  // at offset 0 of its "file"
  static_cast<Article&>(whole) = article;
  for (corpus::Article& part : corpus::SplitIntoParts(std::move(whole))) {
    if (!writer.AddArticle(std::move(part), &error)) return error;
  }
  return Status();
  CONCORD_GUARD_END
}

Status Index::Remove(const std::string& id) {
  CONCORD_GUARD_BEGIN
  Status error;
  for (const auto& writer : impl_->writers) {
    bool found = false;
    if (!writer->RemoveDocument(id, &found, &error)) return error;
    if (found) return Status();
  }
  return Status(Code::kNotFound, "no document with id " + id);
  CONCORD_GUARD_END
}

Status Index::Retag(std::size_t* documents) {
  CONCORD_GUARD_BEGIN
  if (!impl_->matcher) {
    return Status(Code::kInvalidArgument, "the index was opened with tag_entities = false");
  }
  const std::size_t n = impl_->writers.size();
  std::vector<Status> errors(n);
  std::vector<std::size_t> counts(n, 0);
  indexer::RunParallel(n, 0, [&](std::size_t i) {
    try {
      indexer::IndexWriter& w = *impl_->writers[i];
      const std::size_t before = w.stats().updated;
      if (w.Retag(&errors[i]) && w.Commit(&errors[i])) counts[i] = w.stats().updated - before;
    } catch (const std::exception& e) {
      errors[i] = Status(Code::kInternal, std::string("unexpected error: ") + e.what());
    }
  });
  for (const Status& e : errors) {
    if (!e.ok()) return e;
  }
  if (documents) {
    *documents = 0;
    for (std::size_t c : counts) *documents += c;
  }
  return Status();
  CONCORD_GUARD_END
}

Status Index::Commit() {
  CONCORD_GUARD_BEGIN
  Status error;
  std::vector<std::string> refused;
  for (const auto& writer : impl_->writers) {
    if (!writer->Commit(&error)) return error;
    for (std::string& r : writer->TakeRefusals()) refused.push_back(std::move(r));
  }
  if (!refused.empty()) {
    return Status(Code::kInvalidArgument, std::to_string(refused.size()) +
                                              " document(s) not indexed, the rest is "
                                              "committed: " +
                                              refused.front());
  }
  return Status();
  CONCORD_GUARD_END
}

Status Index::Statistics(IndexStatistics* stats) const {
  CONCORD_GUARD_BEGIN
  *stats = IndexStatistics();
  std::set<std::string> languages;
  for (const auto& writer : impl_->writers) {
    stats->documents += writer->doc_count();
    stats->files += writer->FileKeys().size();
    std::stringstream langs(writer->metadata(schema::kMetaLanguages));
    for (std::string code; std::getline(langs, code, ',');) {
      if (!code.empty()) languages.insert(code);
    }
  }
  stats->languages.assign(languages.begin(), languages.end());
  const indexer::IndexWriter& first = *impl_->writers[0];
  stats->entities_hash = first.metadata(schema::kMetaEntitiesHash);
  const std::string format = first.metadata(schema::kMetaFormat);
  stats->format = format.empty() ? 0 : std::atoi(format.c_str());
  stats->shards = impl_->segmented ? 1 : impl_->writers.size();
  stats->segments = impl_->segmented ? impl_->writers.size() : 1;
  return Status();
  CONCORD_GUARD_END
}

Status Index::AddPaths(const std::vector<std::string>& paths, const UpdateOptions& options,
                       UpdateReport* report) {
  CONCORD_GUARD_BEGIN
  Impl& m = *impl_;
  std::vector<indexer::IndexWriter*> writers;
  for (const auto& w : m.writers) writers.push_back(w.get());
  if (!m.segmented) {
    return indexer::UpdatePaths(writers, m.path, m.options.batch_bytes, paths, options, report);
  }
  // New files go to a new segment built by one writer per core.
  const std::size_t builders =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::string added;
  if (Status s = indexer::UpdateSegments(m.path, writers, m.writer_options, builders,
                                         m.options.batch_bytes, paths, options, report, &added);
      !s.ok()) {
    return s;
  }
  return m.Settle(added, /*optimize=*/false);
  CONCORD_GUARD_END
}

Status Index::Optimize() {
  CONCORD_GUARD_BEGIN
  Impl& m = *impl_;
  if (!m.segmented) {
    return Status(Code::kInvalidArgument,
                  m.path +
                      " is not a segmented database (sharded, or made by a concord before "
                      "segments); merge its shards with --merge instead");
  }
  if (Status s = Commit(); !s.ok()) return s;
  return m.Settle(std::string(), /*optimize=*/true);
  CONCORD_GUARD_END
}

}  // namespace concord
