#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/internal.h"
#include "corpus/file_walker.h"
#include "corpus/reader.h"
#include "corpus/text_reader.h"
#include "indexer/index_writer.h"
#include "indexer/schema.h"
#include "lang/entity_matcher.h"
#include "lang/hash.h"

namespace concord {
namespace {

struct FileStat {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

bool Stat(const std::string& path, FileStat* out) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  out->size = static_cast<std::uint64_t>(st.st_size);
  out->mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// FNV-1a over the file's bytes: decides "unchanged" when size or time moved.
bool HashFile(const std::string& path, std::uint64_t* hash) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::uint64_t h = lang::kFnvOffset;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    h = lang::Fnv1a64(std::string_view(buf, static_cast<std::size_t>(in.gcount())), h);
  }
  if (in.bad()) return false;
  *hash = h;
  return true;
}

bool UnderRoot(const std::string& key, const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    if (key == r || (key.size() > r.size() && key.compare(0, r.size(), r) == 0 &&
                     (r.back() == '/' || key[r.size()] == '/'))) {
      return true;
    }
  }
  return false;
}

Status WriteError(const std::string& message) {
  if (message.find("locked") != std::string::npos) return Status(Code::kLocked, message);
  if (message.find("DatabaseCorrupt") != std::string::npos ||
      message.find("DatabaseVersion") != std::string::npos) {
    return Status(Code::kCorrupt, message);
  }
  return Status(Code::kIo, message);
}

}  // namespace

struct Index::Impl {
  lang::EntityDictionary dictionary;
  std::unique_ptr<lang::EntityMatcher> matcher;
  indexer::IndexWriter writer;
  IndexOptions options;
};

// Feeds one file's articles to the writer, committing full batches as it
// goes (a huge file is not one transaction) and honouring cancellation.
class WriterSink : public corpus::ArticleSink {
 public:
  WriterSink(indexer::IndexWriter* writer, const std::string& key, std::size_t batch_bytes,
             const std::function<void(const std::string&)>& warn,
             const std::function<bool()>& keep_going)
      : writer_(writer), key_(key), batch_bytes_(batch_bytes), warn_(warn),
        keep_going_(keep_going) {}

  void Add(corpus::Article article) override {
    if (!error_.empty() || stopped_) return;
    // Asked to stop: nothing more of this file is written (a file is whole
    // or absent, unless a batch commit already wrote part of a long one).
    if (!keep_going_()) {
      stopped_ = true;
      return;
    }
    if (!Begin()) return;
    if (!writer_->AddArticle(std::move(article), &error_)) return;
    ++documents_;
    if (writer_->pending_bytes() >= batch_bytes_) writer_->Commit(&error_);
  }
  void Warn(std::string message) override { warn_(message); }
  bool cancelled() const override { return !error_.empty() || stopped_; }

  bool Begin() {
    if (!begun_) begun_ = writer_->BeginFile(key_, &error_);
    return begun_;
  }
  const std::string& error() const { return error_; }
  bool stopped() const { return stopped_; }
  std::size_t documents() const { return documents_; }

 private:
  indexer::IndexWriter* writer_;
  std::string key_;
  std::size_t batch_bytes_;
  const std::function<void(const std::string&)>& warn_;
  const std::function<bool()>& keep_going_;
  bool begun_ = false;
  bool stopped_ = false;
  std::size_t documents_ = 0;
  std::string error_;
};

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
  indexer::IndexWriterOptions wo;
  wo.create_if_missing = options.create_if_missing;
  if (options.tag_entities) {
    Status s = ResolveDictionary(options.entities, &m.dictionary);
    if (!s.ok()) return s;
    m.matcher = std::make_unique<lang::EntityMatcher>(m.dictionary);
    wo.entities = m.matcher.get();
    wo.entities_hash = m.dictionary.ContentHash();
  }
  std::string error;
  if (!m.writer.Open(path, wo, &error)) {
    if (!options.create_if_missing && !std::filesystem::exists(path)) {
      return Status(Code::kNotFound, "no database at " + path);
    }
    return WriteError(error);
  }
  *index = std::move(out);
  return Status();
  CONCORD_GUARD_END
}

Status Index::Add(const Article& article) {
  CONCORD_GUARD_BEGIN
  if (article.id.empty()) return Status(Code::kInvalidArgument, "an article needs an id");
  std::string error;
  // Articles from memory are their own "file": replacing one replaces it.
  corpus::Article a = ToInternal(article);
  if (!impl_->writer.BeginFile("memory:" + article.id, &error) ||
      !impl_->writer.AddArticle(std::move(a), &error)) {
    return WriteError(error);
  }
  return Status();
  CONCORD_GUARD_END
}

Status Index::Remove(const std::string& id) {
  CONCORD_GUARD_BEGIN
  bool found = false;
  std::string error;
  if (!impl_->writer.RemoveDocument(id, &found, &error)) return WriteError(error);
  return found ? Status() : Status(Code::kNotFound, "no document with id " + id);
  CONCORD_GUARD_END
}

Status Index::Retag(std::size_t* documents) {
  CONCORD_GUARD_BEGIN
  if (!impl_->matcher) {
    return Status(Code::kInvalidArgument, "the index was opened with tag_entities = false");
  }
  const std::size_t before = impl_->writer.stats().updated;
  std::string error;
  if (!impl_->writer.Retag(&error) || !impl_->writer.Commit(&error)) return WriteError(error);
  if (documents) *documents = impl_->writer.stats().updated - before;
  return Status();
  CONCORD_GUARD_END
}

Status Index::Commit() {
  CONCORD_GUARD_BEGIN
  std::string error;
  if (!impl_->writer.Commit(&error)) return WriteError(error);
  return Status();
  CONCORD_GUARD_END
}

Status Index::Statistics(IndexStatistics* stats) const {
  CONCORD_GUARD_BEGIN
  *stats = IndexStatistics();
  stats->documents = impl_->writer.doc_count();
  stats->files = impl_->writer.FileKeys().size();
  std::stringstream langs(impl_->writer.metadata(schema::kMetaLanguages));
  for (std::string code; std::getline(langs, code, ',');) {
    if (!code.empty()) stats->languages.push_back(code);
  }
  stats->entities_hash = impl_->writer.metadata(schema::kMetaEntitiesHash);
  const std::string format = impl_->writer.metadata(schema::kMetaFormat);
  stats->format = format.empty() ? 0 : std::atoi(format.c_str());
  return Status();
  CONCORD_GUARD_END
}

Status Index::AddPaths(const std::vector<std::string>& paths, const UpdateOptions& options,
                       UpdateReport* report) {
  CONCORD_GUARD_BEGIN
  *report = UpdateReport();
  indexer::IndexWriter& writer = impl_->writer;
  const indexer::IndexStats before = writer.stats();
  const std::function<void(const std::string&)> warn = [&](const std::string& w) {
    report->warnings.push_back(w);
    if (options.on_warning) options.on_warning(w);
  };
  corpus::ReadOptions read;
  for (const auto& [field, key] : options.jsonl_fields) {
    static const std::set<std::string> kFields = {"id",  "title", "date", "source",
                                                  "url", "lang",  "text"};
    if (!kFields.count(field)) {
      return Status(Code::kInvalidArgument,
                    "unknown JSON Lines field '" + field +
                        "' (id, title, date, source, url, lang, text)");
    }
    read.jsonl_fields[field] = key;
  }

  std::vector<std::string> walk_errors;
  const std::vector<std::string> files = corpus::ListTextFiles(paths, &walk_errors);
  for (const std::string& e : walk_errors) warn(e);
  std::vector<FileStat> stats(files.size());
  std::uint64_t total_bytes = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (Stat(files[i], &stats[i])) total_bytes += stats[i].size;
  }

  std::set<std::string> seen;
  std::uint64_t done_bytes = 0;
  std::size_t done_files = 0;
  bool stop = false;
  const std::function<bool()> keep_going = [&] {
    if (options.progress && !options.progress(done_files, files.size(), done_bytes, total_bytes)) {
      stop = true;
    }
    return !stop;
  };
  std::string error;
  for (std::size_t i = 0; i < files.size() && !stop; ++i) {
    const std::string& path = files[i];
    const std::string key = corpus::CanonicalId(path);
    seen.insert(key);
    indexer::FileRecord old;
    const bool known = writer.FindFile(key, &old);
    const FileStat& st = stats[i];
    // A file changed within a second of being read may keep its mtime
    // (coarse clocks): such "racy" records are checked by content.
    const bool racy = known && old.mtime_ns >= old.indexed_at_ns - 1000000000;
    if (known && !racy && old.size == st.size && old.mtime_ns == st.mtime_ns) {
      ++report->files_unchanged;
    } else {
      indexer::FileRecord record;
      record.size = st.size;
      record.mtime_ns = st.mtime_ns;
      record.indexed_at_ns = NowNs();
      if (!HashFile(path, &record.content_hash)) {
        // Kept as it was: the next run tries again.
        warn(path + ": cannot read (" + std::strerror(errno) + "); skipped");
        ++report->files_skipped;
      } else if (known && record.content_hash == old.content_hash && record.size == old.size) {
        record.documents = old.documents;
        if (!writer.UpdateRecord(key, record, &error)) return WriteError(error);
        ++report->files_unchanged;
      } else {
        WriterSink sink(&writer, key, impl_->options.batch_bytes, warn, keep_going);
        std::string read_error;
        const bool read_ok = corpus::ReadFile(path, read, &sink, &read_error);
        if (!sink.error().empty()) return WriteError(sink.error());
        if (sink.stopped()) {
          stop = true;  // this file stays unrecorded: the next run reads it again
          break;
        }
        if (!read_ok) warn(read_error);
        // A file that gave nothing (empty, binary...) is skipped, not added.
        if (!read_ok || sink.documents() == 0) ++report->files_skipped;
        // Its content is what it is now: earlier documents go; the record
        // stays so an unreadable format is not warned about until it changes.
        if (!sink.Begin() || !writer.EndFile(record, &error)) {
          return WriteError(sink.error().empty() ? error : sink.error());
        }
        if (read_ok && sink.documents() > 0) {
          ++(known ? report->files_updated : report->files_added);
        }
        if (writer.pending_bytes() >= impl_->options.batch_bytes && !writer.Commit(&error)) {
          return WriteError(error);
        }
      }
    }
    done_bytes += st.size;
    ++done_files;
    keep_going();
  }

  if (options.prune && !stop) {
    std::vector<std::string> roots;
    for (const std::string& p : paths) roots.push_back(corpus::CanonicalId(p));
    for (const std::string& key : writer.FileKeys()) {
      std::error_code ec;
      if (seen.count(key) || !UnderRoot(key, roots) || std::filesystem::exists(key, ec)) continue;
      if (!writer.RemoveFile(key, &error)) return WriteError(error);
      ++report->files_removed;
    }
  }
  if (!writer.Commit(&error)) return WriteError(error);
  const indexer::IndexStats& after = writer.stats();
  report->documents_added = after.added - before.added;
  report->documents_updated = after.updated - before.updated;
  report->documents_removed = after.removed - before.removed;
  report->interrupted = stop;
  return Status();
  CONCORD_GUARD_END
}

}  // namespace concord
