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
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <cxxopts.hpp>

#include "concord/concord.hpp"
#include "query/output_format.h"

namespace {

struct IndexConfig {
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false;
  bool strict = false;
  bool prune = true;
  bool verify = false;
  bool retag = false;
  std::size_t batch_bytes = 4u << 20;
  std::vector<std::pair<std::string, std::string>> jsonl_fields;
  bool tag_entities = true;
  std::vector<std::string> entity_files;
  double wait_seconds = 0;  // --wait: for another writer's lock (< 0: forever)
  std::size_t shards = 0;  // --shards N (0: as the database is)
  std::size_t jobs = 0;    // --jobs: shards indexed at once (0: one per core)
  bool merge = false;      // --merge --out OUT: compact the shards into one database
  std::string out;
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
      ("verify", "also compare the content of files whose size and time look unchanged "
                 "(after restoring from a backup, cp -p, rsync -t)")
      ("strict", "exit with status 3 when anything was warned about")
      ("batch-mb", "commit after about this many MB of text (fractions allowed)",
       cxxopts::value<double>()->default_value("4"))
      ("shards", "create the database as N shards (DB/shard-000.., searched as one "
                 "through DB/XAPIANDB); later runs keep N", cxxopts::value<std::size_t>())
      ("jobs", "shards indexed at once (default: one per core)",
       cxxopts::value<std::size_t>())
      ("merge", "compact the shards of --db into one new database at --out")
      ("out", "with --merge: the new database", cxxopts::value<std::string>())
      ("wait", "when another concord-index holds the database, wait for it to finish, "
               "up to SECONDS (--wait=SECONDS; --wait alone: no limit)",
       cxxopts::value<std::string>()->implicit_value("forever"), "SECONDS")
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
                << "With --shards N each file goes to the shard its path hashes to, and the\n"
                << "shards are indexed in parallel; concord-search --db DB searches them as\n"
                << "one (docs/scaling.md).\n"
                << "One concord-index writes a database at a time: another one fails at\n"
                << "once (exit 2), or with --wait waits for the first to finish.\n"
                << "Exit status: 0 done (problems are warned about), 2 error,\n"
                << "3 warnings with --strict, 130 interrupted (what was read is committed).\n";
      std::exit(0);
    }
    config->db = result["db"].as<std::string>();
    config->quiet = result.count("quiet") > 0;
    config->strict = result.count("strict") > 0;
    config->prune = result.count("no-prune") == 0;
    config->verify = result.count("verify") > 0;
    const double batch_mb = result["batch-mb"].as<double>();
    if (!(batch_mb >= 0.01 && batch_mb <= 1e6)) {
      std::cerr << "concord-index: --batch-mb must be between 0.01 and 1000000\n";
      return 2;
    }
    config->batch_bytes = static_cast<std::size_t>(batch_mb * (1u << 20));
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
        config->jsonl_fields.emplace_back(f.substr(0, eq), f.substr(eq + 1));
      }
    }
    config->retag = result.count("retag") > 0;
    config->tag_entities = result.count("no-entities") == 0;
    if (result.count("entities")) {
      config->entity_files = result["entities"].as<std::vector<std::string>>();
    }
    if (result.count("paths")) config->paths = result["paths"].as<std::vector<std::string>>();
    if (result.count("wait")) {
      const std::string w = result["wait"].as<std::string>();
      char* end = nullptr;
      config->wait_seconds = w == "forever" ? -1 : std::strtod(w.c_str(), &end);
      if (w != "forever" && (end == w.c_str() || *end || !(config->wait_seconds >= 0))) {
        std::cerr << "concord-index: --wait=" << w << ": expected a number of seconds\n";
        return 2;
      }
    }
    if (result.count("shards")) {
      config->shards = result["shards"].as<std::size_t>();
      if (config->shards < 1 || config->shards > 1000) {
        std::cerr << "concord-index: --shards must be between 1 and 1000\n";
        return 2;
      }
    }
    if (result.count("jobs")) config->jobs = result["jobs"].as<std::size_t>();
    config->merge = result.count("merge") > 0;
    if (result.count("out")) config->out = result["out"].as<std::string>();
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << "concord-index: " << e.what()
              << " (a PATH that starts with '-' goes after --: concord-index --db DB -- -file.txt)\n";
    return 2;
  }
  if (config->retag && !config->tag_entities) {
    std::cerr << "concord-index: --retag and --no-entities contradict each other\n";
    return 2;
  }
  if (config->merge && (config->out.empty() || !config->paths.empty() || config->retag)) {
    std::cerr << "concord-index: --merge takes --db and --out only\n";
    return 2;
  }
  if (!config->out.empty() && !config->merge) {
    std::cerr << "concord-index: --out goes with --merge\n";
    return 2;
  }
  if (config->paths.empty() && !config->retag && !config->merge) {
    std::cerr << "concord-index: no PATH given (try --help)\n";
    return 2;
  }
  // A mistyped path is an error before anything is created or written.
  bool missing = false;
  for (const std::string& path : config->paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cerr << "concord-index: " << path << ": "
                << (ec ? ec.message() : std::string("no such file or directory")) << "\n";
      missing = true;
    }
  }
  return missing ? 2 : 0;
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
    std::cerr << "concord-index: warning: " << concord::query::TerminalSafe(message) << "\n";
  }

  void Progress(std::size_t file, std::size_t files, std::uint64_t bytes, std::uint64_t total) {
    if (!live_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && file != files) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? bytes / 1e6 / secs : 0;
    const double eta = bytes > 0 && total > bytes ? secs * (total - bytes) / bytes : 0;
    std::fprintf(stderr, "\r\033[Kfiles %zu/%zu  %.1f/%.1f MB  %.2f MB/s  ETA %.0f s", file,
                 files, bytes / 1e6, total / 1e6, rate, eta);
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
  std::printf("merged %s into %s: %zu documents (%.2f s)\n", config.db.c_str(),
              config.out.c_str(), documents,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  IndexConfig config;
  if (int rc = ParseArgs(argc, argv, &config)) return rc;
  if (config.merge) return Merge(config);
  const auto started = std::chrono::steady_clock::now();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Reporter reporter(config.quiet);
  std::size_t warnings = 0;

  concord::EntityDictionary dictionary;
  if (config.tag_entities) {
    if (auto s = dictionary.LoadBuiltin(); !s.ok()) return Fail(s);
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
  reporter.Clear();
  concord::IndexStatistics stats;
  if (auto s = index->Statistics(&stats); !s.ok()) return Fail(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!config.paths.empty() || !config.retag) {
    std::printf("%sfiles: %zu added, %zu updated, %zu unchanged, %zu removed, %zu skipped; "
                "documents: %zu added, %zu updated, %zu removed; %zu documents in %s; "
                "%zu warnings (%.2f s)\n",
                report.interrupted ? "interrupted, committed what was read; " : "",
                report.files_added, report.files_updated, report.files_unchanged,
                report.files_removed, report.files_skipped, report.documents_added,
                report.documents_updated, report.documents_removed, stats.documents,
                config.db.c_str(), warnings, seconds);
  }
  if (report.interrupted) return 130;
  if (config.strict && warnings > 0) return 3;
  return 0;
}
