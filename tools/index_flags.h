#ifndef CONCORD_TOOLS_INDEX_FLAGS_H_
#define CONCORD_TOOLS_INDEX_FLAGS_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "concord/concord.hpp"

namespace concord::cli {

// concord-index's flags, parsed and validated.
struct IndexConfig {
  bool help = false;     // --help: print help_text and stop
  bool version = false;  // --version: print the version and stop
  std::string help_text;
  std::string db;  // empty: $CONCORD_DB or ./concord.db
  std::vector<std::string> paths;
  bool quiet = false;
  bool strict = false;
  bool prune = true;
  bool verify = false;
  bool retag = false;
  std::size_t batch_bytes = 4u << 20;
  std::vector<std::pair<std::string, std::string>> jsonl_fields;
  bool tag_entities = true;
  bool stem_terms = false;  // --stem-terms: Z terms in every document
  std::vector<std::string> entity_files;
  bool historical_names = false;  // --historical-names
  double wait_seconds = 0;        // --wait: for another writer's lock (< 0: forever)
  std::size_t shards = 0;         // --shards N (0: as the database is)
  std::size_t jobs = 0;           // --jobs: writers at once (0: one per core)
  bool merge = false;             // --merge --out OUT: compact the shards into one database
  bool optimize = false;          // --optimize: merge the segments into one
  std::string out;
};

// Parses and validates concord-index's arguments into *config: no I/O, no
// exit (that the PATHs exist is checked by the program). A bad flag is
// Code::kInvalidArgument with the message to print (exit status 2).
Status ParseIndexFlags(int argc, char** argv, IndexConfig* config);

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_INDEX_FLAGS_H_
