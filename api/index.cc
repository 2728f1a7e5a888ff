#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "api/internal.h"
#include "api/shards.h"
#include "corpus/parts.h"
#include "indexer/bulk.h"
#include "indexer/index_writer.h"
#include "indexer/parallel.h"
#include "indexer/update.h"
#include "lang/entity_matcher.h"
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
  // A segmented database (store/segments.h): writers[0] writes its live segment.
  bool segmented = false;

  indexer::IndexWriter& WriterFor(const std::string& file_key) {
    return *writers[store::ShardOf(file_key, writers.size())];
  }
};

Index::Index() : impl_(new Impl) {}
Index::~Index() = default;

Status Index::Open(const std::string& path, const IndexOptions& options,
                   std::unique_ptr<Index>* index) {
  CONCORD_GUARD_BEGIN
  // Each attempt reads the manifest of a segmented database; a bulk run of
  // another writer may retire the live segment in between.
  for (int attempt = 0;; ++attempt) {
    bool retired = false;
    Status s = OpenOnce(path, options, index, &retired);
    if (!retired || attempt == 4) return s;
  }
  CONCORD_GUARD_END
}

Status Index::OpenOnce(const std::string& path, const IndexOptions& options,
                       std::unique_ptr<Index>* index, bool* retired) {
  if (path.empty()) return Status(Code::kInvalidArgument, "no database path given");
  std::unique_ptr<Index> out(new Index);
  Impl& m = *out->impl_;
  m.options = options;
  m.options.entities = nullptr;  // copied below; the caller's object may go away
  // A sharded database may be named by its stub file.
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
  if (options.tag_entities) {
    Status s = ResolveDictionary(options.entities, &m.dictionary);
    if (!s.ok()) return s;
    m.matcher = std::make_unique<lang::EntityMatcher>(m.dictionary);
    wo.entities = m.matcher.get();
    wo.entities_hash = m.dictionary.ContentHash();
  }
  std::vector<std::string> shard_paths;
  std::size_t shards = 0;
  // A new unsharded database is created segmented; one made by an older
  // concord (Xapian's files in the directory itself) stays as it is.
  std::vector<std::string> live = store::LiveSegments(m.path);
  const bool create_segmented = live.empty() && options.shards < 2 && options.create_if_missing &&
                                store::IsNewDatabaseDirectory(m.path);
  if (create_segmented) {
    live.push_back((std::filesystem::path(m.path) / store::SegmentName(1)).string());
    if (!std::filesystem::create_directories(m.path, ec) && ec) {
      return Status(Code::kIo, "cannot create database " + m.path + ": " + ec.message());
    }
  }
  if (live.size() == 1 && options.shards < 2) {
    shard_paths = live;
    m.segmented = true;
  } else if (live.size() > 1) {
    return Status(Code::kInvalidArgument, m.path + " lists " + std::to_string(live.size()) +
                                              " live segments; this concord writes one");
  } else if (Status s = ResolveShards(m.path, options.shards, options.create_if_missing,
                                      &shard_paths, &shards);
             !s.ok()) {
    return s;
  }
  for (const std::string& p : shard_paths) {
    auto writer = std::make_unique<indexer::IndexWriter>();
    Status error;
    indexer::IndexWriterOptions shard_options = wo;
    // A live segment is never created here: one that is gone was retired.
    if (m.segmented && !create_segmented) shard_options.create_if_missing = false;
    if (!writer->Open(p, shard_options, &error)) {
      if (m.segmented && !create_segmented && store::LiveSegments(m.path) != live) {
        *retired = true;  // the manifest is read again
        return Status(Code::kLocked, m.path + ": its live segment was replaced meanwhile");
      }
      if (!options.create_if_missing && !std::filesystem::exists(p)) {
        return Status(Code::kNotFound, "no database at " + p);
      }
      return error;
    }
    m.writers.push_back(std::move(writer));
  }
  if (m.segmented) {
    // Another writer may have replaced the live segment (a bulk run's
    // merge) between reading the manifest and taking the lock.
    if (!create_segmented && store::LiveSegments(m.path) != live) {
      *retired = true;
      return Status(Code::kLocked, m.path + ": its live segment was replaced meanwhile");
    }
    // Listed once its segment exists; segments a stopped run left are removed
    // (this writer holds the lock, so no other run is making them).
    std::string error;
    if (create_segmented &&
        !store::WriteManifest(m.path, {std::filesystem::path(live[0]).filename().string()},
                              &error)) {
      return Status(Code::kIo, error);
    }
    store::RemoveUnlistedSegments(m.path);
  }
  m.writer_options = wo;
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
  *index = std::move(out);
  return Status();
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
  stats->shards = impl_->writers.size();
  return Status();
  CONCORD_GUARD_END
}

Status Index::AddPaths(const std::vector<std::string>& paths, const UpdateOptions& options,
                       UpdateReport* report) {
  CONCORD_GUARD_BEGIN
  Impl& m = *impl_;
  const std::size_t builders =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // An empty segmented database is filled by builders in parallel (indexer/bulk.h).
  if (m.segmented && builders > 1 && m.writers[0]->doc_count() == 0 &&
      m.writers[0]->FileKeys().empty()) {
    std::string segment;
    if (Status s = indexer::BuildSegments(m.path, m.writer_options, builders, m.options.batch_bytes,
                                          paths, options, report, &segment);
        !s.ok()) {
      return s;
    }
    // The new segment is locked by its writer before it becomes live.
    auto writer = std::make_unique<indexer::IndexWriter>();
    Status error;
    if (!writer->Open((std::filesystem::path(m.path) / segment).string(), m.writer_options,
                      &error)) {
      return error;
    }
    std::string failure;
    if (!store::WriteManifest(m.path, {segment}, &failure)) return Status(Code::kIo, failure);
    m.writers[0] = std::move(writer);
    store::RemoveUnlistedSegments(m.path);
    return Status();
  }
  std::vector<indexer::IndexWriter*> writers;
  for (const auto& w : m.writers) writers.push_back(w.get());
  return indexer::UpdatePaths(writers, m.path, m.options.batch_bytes, paths, options, report);
  CONCORD_GUARD_END
}

}  // namespace concord
