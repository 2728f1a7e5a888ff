// concord-index: reads sources into a concord database. A thin shell: parse
// flags, validate them, call the library.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "concord/version.hpp"

#include "corpus/file_walker.h"
#include "corpus/reader.h"
#include "corpus/text_reader.h"
#include "indexer/index_writer.h"
#include "lang/entity_matcher.h"
#include "lang/entity_sources.h"

namespace {

struct IndexConfig {
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false;
  bool strict = false;
  bool prune = true;
  bool retag = false;
  std::size_t batch_bytes = 32u << 20;
  concord::corpus::ReadOptions read;
  bool tag_entities = true;
  std::vector<std::string> entity_files;
};

std::string DefaultDb() {
  const char* env = std::getenv("CONCORD_DB");
  return env && *env ? env : "concord.db";
}

// Returns 0 on success, 2 on a usage error (message printed).
int ParseArgs(int argc, char** argv, IndexConfig* config) {
  cxxopts::Options options("concord-index",
                           "Index text files and directories into a concord database.");
  options.positional_help("PATH...");
  options.add_options()
      ("db", "database directory (default $CONCORD_DB or ./concord.db)",
       cxxopts::value<std::string>()->default_value(DefaultDb()))
      ("entities", "extra entity dictionary file (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("no-entities", "do not tag entity mentions")
      ("retag", "re-tag every stored document with the current dictionaries "
                "(no sources are read)")
      ("field", "JSON Lines field mapping, e.g. text=body or date=meta.published (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("no-prune", "keep the documents of files that disappeared")
      ("strict", "exit with status 3 when anything was warned about")
      ("batch-mb", "commit after about this many MB of text",
       cxxopts::value<std::size_t>()->default_value("32"))
      ("q,quiet", "no progress line; warnings and the summary only")
      ("version", "print the version and exit")
      ("h,help", "show this help")
      ("paths", "files or directories to index", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"paths"});
  try {
    auto result = options.parse(argc, argv);
    if (result.count("version")) {
      std::cout << "concord-index " CONCORD_VERSION_STRING "\n";
      std::exit(0);
    }
    if (result.count("help")) {
      std::cout << options.help() << "\n"
                << "Reads text, HTML, RSS/Atom, JSON Lines, WARC(.gz), gzip, tar(.gz) and zip;\n"
                << "directories are walked recursively and each file's content decides its\n"
                << "format. Re-running re-reads only files whose size, time or content\n"
                << "changed, and removes the documents of files that disappeared.\n"
                << "Exit status: 0 done (problems are warned about), 2 error,\n"
                << "3 warnings with --strict, 130 interrupted (what was read is committed).\n";
      std::exit(0);
    }
    config->db = result["db"].as<std::string>();
    config->quiet = result.count("quiet") > 0;
    config->strict = result.count("strict") > 0;
    config->prune = result.count("no-prune") == 0;
    config->batch_bytes = std::max<std::size_t>(1, result["batch-mb"].as<std::size_t>()) << 20;
    if (result.count("field")) {
      for (const std::string& f : result["field"].as<std::vector<std::string>>()) {
        const std::size_t eq = f.find('=');
        static const std::set<std::string> kFields = {"id",  "title", "date", "source",
                                                      "url", "lang",  "text"};
        if (eq == std::string::npos || !kFields.count(f.substr(0, eq)) || eq + 1 == f.size()) {
          std::cerr << "concord-index: --field " << f
                    << ": expected FIELD=KEY with FIELD one of id, title, date, source, url, "
                       "lang, text\n";
          return 2;
        }
        config->read.jsonl_fields[f.substr(0, eq)] = f.substr(eq + 1);
      }
    }
    config->retag = result.count("retag") > 0;
    config->tag_entities = result.count("no-entities") == 0;
    if (result.count("entities")) {
      config->entity_files = result["entities"].as<std::vector<std::string>>();
    }
    if (result.count("paths")) config->paths = result["paths"].as<std::vector<std::string>>();
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << "concord-index: " << e.what() << "\n";
    return 2;
  }
  if (config->retag && !config->tag_entities) {
    std::cerr << "concord-index: --retag and --no-entities contradict each other\n";
    return 2;
  }
  if (config->paths.empty() && !config->retag) {
    std::cerr << "concord-index: no PATH given (try --help)\n";
    return 2;
  }
  return 0;
}

// Set by SIGINT/SIGTERM: finish the current batch, commit, summarise.
std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

std::string FileKey(const std::string& path) { return concord::corpus::CanonicalId(path); }

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
  std::uint64_t h = 0xcbf29ce484222325ULL;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 0x100000001b3ULL;
    }
  }
  if (in.bad()) return false;
  *hash = h;
  return true;
}

// Prints warnings, counts them, and shows a progress line on a terminal.
class Reporter {
 public:
  explicit Reporter(bool quiet) : live_(!quiet && ::isatty(2)) {}

  void Warn(const std::string& message) {
    Clear();
    std::cerr << "concord-index: warning: " << message << "\n";
    ++warnings_;
  }

  void Progress(std::size_t file, std::size_t files, std::uint64_t bytes, std::uint64_t total,
                std::size_t documents) {
    if (!live_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && file != files) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? documents / secs : 0;
    const double eta = bytes > 0 && total > bytes ? secs * (total - bytes) / bytes : 0;
    std::fprintf(stderr, "\r\033[Kfiles %zu/%zu  %.1f/%.1f MB  %.0f docs/s  ETA %.0f s", file,
                 files, bytes / 1e6, total / 1e6, rate, eta);
    shown_ = true;
  }

  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

  std::size_t warnings() const { return warnings_; }

 private:
  bool live_;
  bool shown_ = false;
  std::size_t warnings_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

// Feeds a file's articles to the writer, committing full batches as it goes
// (a huge file is not held in one transaction).
class WriterSink : public concord::corpus::ArticleSink {
 public:
  WriterSink(concord::indexer::IndexWriter* writer, Reporter* reporter, const std::string& key,
             std::size_t batch_bytes)
      : writer_(writer), reporter_(reporter), key_(key), batch_bytes_(batch_bytes) {}

  void Add(concord::corpus::Article article) override {
    if (failed_ || g_stop) return;
    if (!Begin()) return;
    std::string error;
    if (!writer_->AddArticle(std::move(article), &error)) Fail(error);
    ++documents_;
    if (writer_->pending_bytes() >= batch_bytes_ && !writer_->Commit(&error)) Fail(error);
  }
  void Warn(std::string message) override { reporter_->Warn(message); }
  bool cancelled() const override { return failed_ || g_stop; }

  bool Begin() {
    if (begun_) return true;
    std::string error;
    begun_ = writer_->BeginFile(key_, &error);
    if (!begun_) Fail(error);
    return begun_;
  }
  bool failed() const { return failed_; }
  const std::string& error() const { return error_; }
  std::size_t documents() const { return documents_; }

 private:
  void Fail(const std::string& error) {
    failed_ = true;
    error_ = error;
  }

  concord::indexer::IndexWriter* writer_;
  Reporter* reporter_;
  std::string key_;
  std::size_t batch_bytes_;
  bool begun_ = false;
  bool failed_ = false;
  std::string error_;
  std::size_t documents_ = 0;
};

struct FileCounts {
  std::size_t added = 0, updated = 0, unchanged = 0, removed = 0, skipped = 0;
};

bool UnderRoot(const std::string& key, const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    if (key == r || (key.size() > r.size() && key.compare(0, r.size(), r) == 0 &&
                     (r.back() == '/' || key[r.size()] == '/'))) {
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  IndexConfig config;
  if (int rc = ParseArgs(argc, argv, &config)) return rc;
  const auto started = std::chrono::steady_clock::now();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Reporter reporter(config.quiet);

  concord::lang::EntityDictionary dictionary;
  std::vector<std::string> problems;
  if (!concord::lang::LoadEntitySources(config.entity_files, config.tag_entities, &dictionary,
                                        &problems)) {
    for (const std::string& p : problems) std::cerr << "concord-index: " << p << "\n";
    return 2;
  }
  for (const std::string& p : problems) reporter.Warn(p);
  const concord::lang::EntityMatcher matcher(dictionary);

  concord::indexer::IndexWriterOptions writer_options;
  if (config.tag_entities) {
    writer_options.entities = &matcher;
    writer_options.entities_hash = dictionary.ContentHash();
  }
  concord::indexer::IndexWriter writer;
  std::string error;
  if (!writer.Open(config.db, writer_options, &error)) {
    std::cerr << "concord-index: " << error << "\n";
    return 2;
  }
  if (config.retag && !(writer.Retag(&error) && writer.Commit(&error))) {
    std::cerr << "concord-index: " << error << "\n";
    return 2;
  }

  std::vector<std::string> walk_errors;
  const std::vector<std::string> files = concord::corpus::ListTextFiles(config.paths, &walk_errors);
  for (const std::string& e : walk_errors) reporter.Warn(e);
  std::vector<FileStat> stats(files.size());
  std::uint64_t total_bytes = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (Stat(files[i], &stats[i])) total_bytes += stats[i].size;
  }

  FileCounts counts;
  std::set<std::string> seen;
  std::uint64_t done_bytes = 0;
  for (std::size_t i = 0; i < files.size() && !g_stop; ++i) {
    const std::string& path = files[i];
    const std::string key = FileKey(path);
    seen.insert(key);
    reporter.Progress(i, files.size(), done_bytes, total_bytes, writer.stats().added +
                                                                   writer.stats().updated);
    done_bytes += stats[i].size;
    concord::indexer::FileRecord old;
    const bool known = writer.FindFile(key, &old);
    const FileStat& st = stats[i];
    // A file changed within a second of being read may keep its mtime
    // (coarse clocks): such "racy" records are checked by content.
    const bool racy = known && old.mtime_ns >= old.indexed_at_ns - 1000000000;
    if (known && !racy && old.size == st.size && old.mtime_ns == st.mtime_ns) {
      ++counts.unchanged;
      continue;
    }
    concord::indexer::FileRecord record;
    record.size = st.size;
    record.mtime_ns = st.mtime_ns;
    record.indexed_at_ns = NowNs();
    if (!HashFile(path, &record.content_hash)) {
      reporter.Warn(path + ": cannot read (" + std::strerror(errno) + "); skipped");
      ++counts.skipped;  // kept as it was: the next run tries again
      continue;
    }
    if (known && record.content_hash == old.content_hash && record.size == old.size) {
      record.documents = old.documents;
      if (!writer.UpdateRecord(key, record, &error)) {
        std::cerr << "concord-index: " << error << "\n";
        return 2;
      }
      ++counts.unchanged;
      continue;
    }
    WriterSink sink(&writer, &reporter, key, config.batch_bytes);
    std::string read_error;
    const bool read = concord::corpus::ReadFile(path, config.read, &sink, &read_error);
    if (sink.failed()) {
      std::cerr << "concord-index: " << sink.error() << "\n";
      return 2;
    }
    if (g_stop) break;  // this file stays unrecorded: the next run reads it again
    if (!read) {
      reporter.Warn(read_error);
      ++counts.skipped;
    }
    // Its content is what it is now: earlier documents go, the record stays
    // so that an unreadable format is not warned about again until it changes.
    if (!sink.Begin() || !writer.EndFile(record, &error)) {
      std::cerr << "concord-index: " << (sink.failed() ? sink.error() : error) << "\n";
      return 2;
    }
    if (read) ++(known ? counts.updated : counts.added);
    if (writer.pending_bytes() >= config.batch_bytes && !writer.Commit(&error)) {
      std::cerr << "concord-index: " << error << "\n";
      return 2;
    }
  }

  if (config.prune && !g_stop) {
    std::vector<std::string> roots;
    for (const std::string& p : config.paths) roots.push_back(FileKey(p));
    for (const std::string& key : writer.FileKeys()) {
      std::error_code ec;
      if (seen.count(key) || !UnderRoot(key, roots) || std::filesystem::exists(key, ec)) continue;
      if (!writer.RemoveFile(key, &error)) {
        std::cerr << "concord-index: " << error << "\n";
        return 2;
      }
      ++counts.removed;
    }
  }
  if (!writer.Commit(&error)) {
    std::cerr << "concord-index: " << error << "\n";
    return 2;
  }
  reporter.Clear();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& s = writer.stats();
  std::printf("%sfiles: %zu added, %zu updated, %zu unchanged, %zu removed, %zu skipped; "
              "documents: %zu added, %zu updated, %zu removed; %zu documents in %s; "
              "%zu warnings (%.2f s)\n",
              g_stop ? "interrupted, committed what was read; " : "", counts.added,
              counts.updated, counts.unchanged, counts.removed, counts.skipped, s.added, s.updated,
              s.removed, writer.doc_count(), config.db.c_str(), reporter.warnings(), seconds);
  if (g_stop) return 130;
  if (config.strict && reporter.warnings() > 0) return 3;
  return 0;
}
