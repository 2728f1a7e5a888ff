// concord-index: reads sources into a concord database. A thin shell over the
// public library API (include/concord/concord.hpp): parse flags, call it,
// report.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "concord/concord.hpp"
#include "tools/index_flags.h"
#include "tools/output_format.h"

namespace {

using concord::cli::IndexConfig;

std::string DefaultDb() {
  const char* env = std::getenv("CONCORD_DB");
  return env && *env ? env : "concord.db";
}

// The PATHs exist: a mistyped one is an error before anything is created or
// written. Names each missing one on stderr.
bool PathsExist(const std::vector<std::string>& paths) {
  bool missing = false;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cerr << "concord-index: " << path << ": "
                << (ec ? ec.message() : std::string("no such file or directory")) << "\n";
      missing = true;
    }
  }
  return !missing;
}

// Set by SIGINT/SIGTERM: finish the current batch, commit, summarise.
std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

// Prints warnings as they come and a progress line on a terminal.
class Reporter {
 public:
  explicit Reporter(bool quiet) : live_(!quiet && ::isatty(2)) {}

  void Warn(const std::string& message) {
    Clear();
    std::cerr << "concord-index: warning: " << concord::cli::TerminalSafe(message) << "\n";
  }

  void Progress(std::size_t file, std::size_t files, std::uint64_t bytes, std::uint64_t total) {
    if (!live_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && file != files) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? bytes / 1e6 / secs : 0;
    const double eta = bytes > 0 && total > bytes ? secs * (total - bytes) / bytes : 0;
    std::fprintf(stderr, "\r\033[Kfiles %zu/%zu  %.1f/%.1f MB  %.2f MB/s  ETA %.0f s", file, files,
                 bytes / 1e6, total / 1e6, rate, eta);
    shown_ = true;
  }

  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  bool live_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

int Fail(const concord::Status& s) {
  std::cerr << "concord-index: " << s.message() << "\n";
  return 2;
}

// Index::Open, retried while another writer holds the database if --wait
// allows (polling: Xapian's lock cannot be waited on with a time limit).
concord::Status OpenIndex(const IndexConfig& config, const concord::IndexOptions& options,
                          std::unique_ptr<concord::Index>* index) {
  const auto start = std::chrono::steady_clock::now();
  bool told = false;
  for (;;) {
    concord::Status s = concord::Index::Open(config.db, options, index);
    if (s.code() != concord::Code::kLocked) return s;
    if (config.wait_seconds == 0) {
      return concord::Status(s.code(), s.message() + "; use --wait to wait for it");
    }
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (config.wait_seconds > 0 && waited >= config.wait_seconds) {
      return concord::Status(s.code(), s.message() + "; gave up after waiting " +
                                           std::to_string(static_cast<int>(waited)) + " s");
    }
    if (g_stop) return concord::Status(s.code(), "interrupted while waiting for " + config.db);
    if (!told && !config.quiet) {
      std::cerr << "concord-index: " << config.db << " is locked by another writer; waiting\n";
      told = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

// --merge: the shards of --db compacted into one database at --out.
int Merge(const IndexConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  std::size_t documents = 0;
  if (auto s = concord::MergeShards(config.db, config.out, &documents); !s.ok()) return Fail(s);
  std::printf("merged %s into %s: %zu documents (%.2f s)\n", config.db.c_str(), config.out.c_str(),
              documents,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  IndexConfig config;
  if (auto s = concord::cli::ParseIndexFlags(argc, argv, &config); !s.ok()) {
    std::cerr << "concord-index: " << s.message() << "\n";
    return 2;
  }
  if (config.version) {
    std::cout << "concord-index " CONCORD_VERSION_STRING "\n";
    return 0;
  }
  if (config.help) {
    std::cout << config.help_text;
    return 0;
  }
  if (config.db.empty()) config.db = DefaultDb();
  if (!PathsExist(config.paths)) return 2;
  if (config.merge) return Merge(config);
  const auto started = std::chrono::steady_clock::now();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Reporter reporter(config.quiet);
  std::size_t warnings = 0;

  concord::EntityDictionary dictionary;
  if (config.tag_entities) {
    if (auto s = dictionary.LoadBuiltin(); !s.ok()) return Fail(s);
    dictionary.EnableHistoricalNames(config.historical_names);
    for (const std::string& f : config.entity_files) {
      std::vector<std::string> problems;
      if (auto s = dictionary.LoadFile(f, &problems); !s.ok()) return Fail(s);
      for (const std::string& p : problems) reporter.Warn(p);
      warnings += problems.size();
    }
  }
  concord::IndexOptions options;
  options.tag_entities = config.tag_entities;
  options.entities = &dictionary;
  options.batch_bytes = config.batch_bytes;
  options.shards = config.shards;
  options.stem_terms = config.stem_terms;
  std::unique_ptr<concord::Index> index;
  if (auto s = OpenIndex(config, options, &index); !s.ok()) return Fail(s);
  if (config.retag) {
    std::size_t n = 0;
    if (auto s = index->Retag(&n); !s.ok()) return Fail(s);
    if (config.paths.empty()) std::printf("re-tagged %zu documents in %s\n", n, config.db.c_str());
  }

  concord::UpdateReport report;
  if (!config.paths.empty()) {
    concord::UpdateOptions update;
    update.prune = config.prune;
    update.verify = config.verify;
    update.jsonl_fields = config.jsonl_fields;
    update.threads = config.jobs;
    update.on_warning = [&](const std::string& w) { reporter.Warn(w); };
    update.progress = [&](std::size_t file, std::size_t files, std::uint64_t bytes,
                          std::uint64_t total) {
      reporter.Progress(file, files, bytes, total);
      return !g_stop;
    };
    if (auto s = index->AddPaths(config.paths, update, &report); !s.ok()) return Fail(s);
    warnings += report.warnings.size();
  }
  if (config.optimize && !report.interrupted) {
    if (auto s = index->Optimize(); !s.ok()) return Fail(s);
  }
  reporter.Clear();
  concord::IndexStatistics stats;
  if (auto s = index->Statistics(&stats); !s.ok()) return Fail(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (config.paths.empty() && config.optimize) {
    std::printf("optimized %s: %zu documents in %zu segment%s (%.2f s)\n", config.db.c_str(),
                stats.documents, stats.segments, stats.segments == 1 ? "" : "s", seconds);
  } else if (!config.paths.empty() || !config.retag) {
    std::printf(
        "%sfiles: %zu added, %zu updated, %zu unchanged, %zu removed, %zu skipped; "
        "documents: %zu added, %zu updated, %zu removed; %zu documents in %s; "
        "%zu warnings (%.2f s)\n",
        report.interrupted ? "interrupted, committed what was read; " : "", report.files_added,
        report.files_updated, report.files_unchanged, report.files_removed, report.files_skipped,
        report.documents_added, report.documents_updated, report.documents_removed, stats.documents,
        config.db.c_str(), warnings, seconds);
  }
  if (report.interrupted) return 130;
  if (config.strict && warnings > 0) return 3;
  return 0;
}
