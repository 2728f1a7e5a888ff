// concord-index: reads sources into a concord database. A thin shell: parse
// flags, validate them, call the library.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "concord/version.hpp"

#include "corpus/file_walker.h"
#include "corpus/text_reader.h"
#include "indexer/index_writer.h"
#include "lang/entity_matcher.h"
#include "lang/entity_sources.h"

namespace {

struct IndexConfig {
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false;
  bool retag = false;
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
      ("q,quiet", "print only errors and the final summary")
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
                << "Directories are walked recursively for *.txt files. Re-indexing a file\n"
                << "replaces its documents. Exit status: 0 ok, 1 some files failed, 2 error.\n";
      std::exit(0);
    }
    config->db = result["db"].as<std::string>();
    config->quiet = result.count("quiet") > 0;
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

std::string FileKey(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

}  // namespace

int main(int argc, char** argv) {
  IndexConfig config;
  if (int rc = ParseArgs(argc, argv, &config)) return rc;
  const auto started = std::chrono::steady_clock::now();

  std::vector<std::string> errors;
  const std::vector<std::string> files = concord::corpus::ListTextFiles(config.paths, &errors);
  int failures = 0;
  for (const std::string& e : errors) {
    std::cerr << "concord-index: " << e << "\n";
    ++failures;
  }

  concord::lang::EntityDictionary dictionary;
  std::vector<std::string> problems;
  if (!concord::lang::LoadEntitySources(config.entity_files, config.tag_entities, &dictionary,
                                        &problems)) {
    for (const std::string& p : problems) std::cerr << "concord-index: " << p << "\n";
    return 2;
  }
  for (const std::string& p : problems) std::cerr << "concord-index: warning: " << p << "\n";
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
  if (config.retag && !writer.Retag(&error)) {
    std::cerr << "concord-index: " << error << "\n";
    return 2;
  }
  for (const std::string& file : files) {
    concord::corpus::ReadResult read = concord::corpus::ReadTextFile(file);
    for (const std::string& w : read.warnings) {
      if (!config.quiet) std::cerr << "concord-index: warning: " << w << "\n";
    }
    if (!read.ok()) {
      std::cerr << "concord-index: " << read.error << "\n";
      ++failures;
      continue;
    }
    if (!writer.ReplaceFile(FileKey(file), std::move(read.articles), &error)) {
      std::cerr << "concord-index: " << error << "\n";
      ++failures;
    }
  }
  if (!writer.Commit(&error)) {
    std::cerr << "concord-index: " << error << "\n";
    return 2;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& s = writer.stats();
  std::printf("indexed %zu files: %zu added, %zu updated, %zu removed; %zu documents in %s (%.2f s)\n",
              s.files, s.added, s.updated, s.removed, writer.doc_count(), config.db.c_str(),
              seconds);
  return failures ? 1 : 0;
}
