#include "indexer/update.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include "corpus/file_walker.h"
#include "corpus/parts.h"
#include "corpus/reader.h"
#include "corpus/text_reader.h"
#include "indexer/parallel.h"
#include "lang/hash.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "store/schema.h"
#include "store/shards.h"

namespace concord::indexer {
namespace {

// The batch of a segment being built (IndexWriterOptions::building_segment).
// Measured on 100 MB: 4 MB batches 81.5 s and 564 MB peak RSS, 0.5 MB
// batches 78.0 s and 191 MB.
constexpr std::size_t kSegmentBatchBytes = std::size_t{1} << 19;

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

// The absolute path a file was reached by, links left as they are.
std::string ReachedBy(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
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

// A file to index: where it is, its key (canonical path) and its stat.
struct ListedFile {
  std::string path;
  std::string key;
  FileStat stat;
};

// Progress, warnings and cancellation of one AddPaths, shared by the shards
// indexed in parallel: the caller's callbacks are called one at a time.
class UpdateProgress {
 public:
  UpdateProgress(const UpdateOptions& options, std::size_t files, std::uint64_t bytes,
                 UpdateReport* report)
      : options_(options), files_(files), bytes_(bytes), report_(report) {}

  void Warn(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    report_->warnings.push_back(message);
    if (options_.on_warning) options_.on_warning(message);
  }
  // Counts `files` more files and `bytes` more bytes done and asks the caller
  // whether to go on; false once a stop was asked for.
  bool Advance(std::size_t files, std::uint64_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    done_files_ += files;
    done_bytes_ += bytes;
    if (!stop_ && options_.progress &&
        !options_.progress(done_files_, files_, done_bytes_, bytes_)) {
      stop_ = true;
    }
    return !stop_;
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  bool stopped() {
    std::lock_guard<std::mutex> lock(mu_);
    return stop_;
  }

 private:
  const UpdateOptions& options_;
  const std::size_t files_;
  const std::uint64_t bytes_;
  UpdateReport* report_;
  std::mutex mu_;
  std::size_t done_files_ = 0;
  std::uint64_t done_bytes_ = 0;
  bool stop_ = false;
};

// Feeds one file's articles to the writer, committing full batches as it
// goes (a huge file is not one transaction) and honouring cancellation.
class WriterSink : public corpus::ArticleSink {
 public:
  WriterSink(IndexWriter* writer, const std::string& key, std::size_t batch_bytes,
             const std::function<void(const std::string&)>& warn,
             const std::function<bool(std::uint64_t)>& keep_going)
      : writer_(writer),
        key_(key),
        batch_bytes_(batch_bytes),
        warn_(warn),
        keep_going_(keep_going) {}

  void Add(corpus::Article article) override {
    if (!error_.ok() || stopped_) return;
    // No document is larger than corpus::kMaxDocumentBytes, whatever the
    // reader gave: a longer article is indexed in parts.
    const std::size_t bytes = article.text.size();
    const std::string path = article.path;
    std::vector<corpus::Article> parts = corpus::SplitIntoParts(std::move(article));
    if (parts.size() > 1) {
      warn_(path + ": an article of " + std::to_string(bytes >> 20) + " MB (" + parts[0].id +
            " ...) is indexed as " + std::to_string(parts.size()) + " parts of about " +
            std::to_string(corpus::kPartBytes >> 20) + " MB");
    }
    for (corpus::Article& part : parts) {
      // Asked to stop: nothing more of this file is written (a file is whole
      // or absent, unless a batch commit already wrote part of a long one).
      // Progress moves inside a big file: each document counts its text
      // bytes (at most the file's size in all; the rest when the file ends).
      if (!keep_going_(part.text.size())) {
        stopped_ = true;
        return;
      }
      if (!Begin() || !writer_->AddArticle(std::move(part), &error_)) return;
      ++documents_;
      if (writer_->pending_bytes() >= batch_bytes_ && !writer_->CommitInBackground(&error_)) return;
    }
  }
  void Warn(std::string message) override { warn_(message); }
  bool cancelled() const override { return !error_.ok() || stopped_; }

  bool Begin() {
    if (!begun_) begun_ = writer_->BeginFile(key_, &error_);
    return begun_;
  }
  const Status& error() const { return error_; }
  bool stopped() const { return stopped_; }
  std::size_t documents() const { return documents_; }

 private:
  IndexWriter* writer_;
  std::string key_;
  std::size_t batch_bytes_;
  const std::function<void(const std::string&)>& warn_;
  const std::function<bool(std::uint64_t)>& keep_going_;
  bool begun_ = false;
  bool stopped_ = false;
  std::size_t documents_ = 0;
  Status error_;
};

// One database's share of AddPaths: `files` are those routed to it, `paths`
// the roots given (for pruning). Adds its counts to *report.
Status UpdateFiles(IndexWriter& writer, std::size_t batch_bytes,
                   const std::vector<std::string>& paths, const std::vector<ListedFile>& files,
                   const corpus::ReadOptions& read, bool prune, bool verify,
                   UpdateProgress& progress, UpdateReport* report) {
  // A segment being built commits only to bound memory (nothing is visible
  // before its merge), and Xapian's work per commit stays small while the
  // segment is: smaller batches cost no time there and keep memory low.
  if (writer.building_segment()) batch_bytes = std::min(batch_bytes, kSegmentBatchBytes);
  const IndexStats before = writer.stats();
  const std::function<void(const std::string&)> warn = [&](const std::string& w) {
    progress.Warn(w);
  };
  std::uint64_t file_bytes = 0, file_counted = 0;  // the file being read, and its bytes counted
  const std::function<bool(std::uint64_t)> keep_going = [&](std::uint64_t bytes) {
    const std::uint64_t add = std::min(bytes, file_bytes - file_counted);
    file_counted += add;
    return progress.Advance(0, add);
  };
  std::set<std::string> seen;
  bool stop = false;
  Status error;
  for (std::size_t i = 0; i < files.size() && !stop; ++i) {
    const std::string& path = files[i].path;
    const std::string& key = files[i].key;
    seen.insert(key);
    FileRecord old;
    const bool known = writer.FindFile(key, &old);
    const FileStat& st = files[i].stat;
    file_bytes = st.size;
    file_counted = 0;
    // A file changed within a second of being read may keep its mtime
    // (coarse clocks): such "racy" records are checked by content.
    const bool racy = known && old.mtime_ns >= old.indexed_at_ns - 1000000000;
    const std::string via = ReachedBy(path);
    // --verify: size and time are not trusted (a restore keeps old times);
    // the content hash decides.
    // A file analysed by an older concord is read again (schema::kAnalysisVersion).
    const bool current = old.analysis == schema::kAnalysisVersion;
    if (known && current && !racy && !verify && old.size == st.size &&
        old.mtime_ns == st.mtime_ns) {
      ++report->files_unchanged;
      if (old.via != via) {  // the same file, reached by another path now
        old.via = via;
        if (!writer.UpdateRecord(key, old, &error)) return error;
      }
    } else {
      FileRecord record;
      record.via = via;
      record.size = st.size;
      record.mtime_ns = st.mtime_ns;
      record.indexed_at_ns = NowNs();
      if (!HashFile(path, &record.content_hash)) {
        // Kept as it was: the next run tries again.
        warn(path + ": cannot read (" + std::strerror(errno) + "); skipped");
        ++report->files_skipped;
      } else if (known && current && record.content_hash == old.content_hash &&
                 record.size == old.size) {
        record.documents = old.documents;
        if (!writer.UpdateRecord(key, record, &error)) return error;
        ++report->files_unchanged;
      } else {
        if (lang::FindInvalidUtf8(path) != std::string::npos) {
          warn(lang::EscapeName(path) +
               ": the file name is not valid UTF-8; results show its other bytes as \\xNN "
               "(docs/corpus.md, \"File names\")");
        }
        WriterSink sink(&writer, key, batch_bytes, warn, keep_going);
        std::string read_error;
        bool read_ok;
        try {
          read_ok = corpus::ReadFile(path, read, &sink, &read_error);
        } catch (const std::exception& e) {
          // A reader failing on one file (memory, a library error) skips
          // what was left of that file, not the run.
          read_ok = false;
          read_error = path + ": reading stopped by an unexpected error (" + e.what() +
                       "); what was read before it is kept";
        }
        if (!sink.error().ok()) return sink.error();
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
          return sink.error().ok() ? error : sink.error();
        }
        if (read_ok && sink.documents() > 0) {
          ++(known ? report->files_updated : report->files_added);
        }
        if (writer.pending_bytes() >= batch_bytes && !writer.CommitInBackground(&error)) {
          return error;
        }
      }
    }
    for (const std::string& r : writer.TakeRefusals()) warn(r);
    if (!progress.Advance(1, st.size - file_counted)) stop = true;
  }

  if (prune && !stop) {
    // A root given through a link counts by both names.
    std::vector<std::string> roots;
    for (const std::string& p : paths) {
      roots.push_back(corpus::CanonicalId(p));
      roots.push_back(ReachedBy(p));
    }
    for (const auto& [key, via] : writer.Files()) {
      if (seen.count(key) || (!UnderRoot(key, roots) && !UnderRoot(via, roots))) continue;
      // Kept while the path it was reached by still leads to it (an
      // unreadable file keeps its documents); a path that now leads nowhere,
      // or to another file (replaced by a link), loses them.
      std::error_code ec;
      if (std::filesystem::exists(via, ec) && corpus::CanonicalId(via) == key) continue;
      if (!writer.RemoveFile(key, &error)) return error;
      ++report->files_removed;
    }
  }
  if (!writer.Commit(&error)) return error;
  for (const std::string& r : writer.TakeRefusals()) warn(r);
  const IndexStats& after = writer.stats();
  report->documents_added += after.added - before.added;
  report->documents_updated += after.updated - before.updated;
  report->documents_removed += after.removed - before.removed;
  return Status();
}

void AddCounts(const UpdateReport& from, UpdateReport* to) {
  to->files_added += from.files_added;
  to->files_updated += from.files_updated;
  to->files_unchanged += from.files_unchanged;
  to->files_removed += from.files_removed;
  to->files_skipped += from.files_skipped;
  to->documents_added += from.documents_added;
  to->documents_updated += from.documents_updated;
  to->documents_removed += from.documents_removed;
}

}  // namespace

Status UpdatePaths(const std::vector<IndexWriter*>& writers, const std::string& db_path,
                   std::size_t batch_bytes, const std::vector<std::string>& paths,
                   const UpdateOptions& options, UpdateReport* report, const Router& route,
                   const std::function<void(std::size_t)>& finished) {
  *report = UpdateReport();
  corpus::ReadOptions read;
  for (const auto& [field, key] : options.jsonl_fields) {
    static const std::set<std::string> kFields = {"id",  "title", "date", "source",
                                                  "url", "lang",  "text"};
    if (!kFields.count(field)) {
      return Status(Code::kInvalidArgument, "unknown JSON Lines field '" + field +
                                                "' (id, title, date, source, url, lang, text)");
    }
    read.jsonl_fields[field] = key;
  }

  // The tree is walked once; each shard gets the files routed to it.
  std::vector<std::string> walk_errors;
  // The database being written may sit inside the tree: it is not read.
  const std::vector<std::string> files = corpus::ListTextFiles(paths, &walk_errors, {db_path});
  const std::size_t n = writers.size();
  std::vector<std::vector<ListedFile>> routed(n);
  std::uint64_t total_bytes = 0;
  for (const std::string& f : files) {
    ListedFile listed{f, corpus::CanonicalId(f), {}};
    if (Stat(f, &listed.stat)) total_bytes += listed.stat.size;
    const std::size_t to = route ? route(listed.key) : store::ShardOf(listed.key, n);
    routed[to].push_back(std::move(listed));
  }
  UpdateProgress progress(options, files.size(), total_bytes, report);
  // Every path the walk could not take (unreadable, not a regular file, a
  // database) is a skipped entry, counted as well as warned about.
  for (const std::string& e : walk_errors) progress.Warn(e);
  report->files_skipped += walk_errors.size();

  std::vector<UpdateReport> counts(n);
  std::vector<Status> results(n);
  // ICU loads its word-break and normalisation data on first use behind
  // once-flags that ThreadSanitizer cannot see (ICU is not instrumented);
  // loading them here, before the shard threads start, keeps that first use
  // in one thread.
  if (n > 1) lang::Tokenize("\u00e9t\u00e9");
  RunParallel(n, options.threads, [&](std::size_t i) {
    try {
      results[i] = UpdateFiles(*writers[i], batch_bytes, paths, routed[i], read, options.prune,
                               options.verify, progress, &counts[i]);
    } catch (const std::exception& e) {
      results[i] = Status(Code::kInternal, std::string("unexpected error: ") + e.what());
    } catch (...) {
      results[i] = Status(Code::kInternal, "unexpected error");
    }
    if (!results[i].ok()) progress.Stop();  // the other shards commit and stop too
    if (finished) finished(i);
  });
  for (const Status& s : results) {
    if (!s.ok()) return s;
  }
  for (const UpdateReport& c : counts) AddCounts(c, report);
  report->interrupted = progress.stopped();
  return Status();
}

}  // namespace concord::indexer
