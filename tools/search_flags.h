#ifndef CONCORD_TOOLS_SEARCH_FLAGS_H_
#define CONCORD_TOOLS_SEARCH_FLAGS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "concord/concord.hpp"
#include "tools/output_format.h"

namespace concord::cli {

// concord-search's flags, parsed and validated.
struct SearchConfig {
  bool help = false;     // --help: print help_text and stop
  bool version = false;  // --version: print the version and stop
  std::string help_text;
  std::vector<std::string> notes;  // for stderr before running ("--context is capped...")
  std::vector<std::string> dbs;    // empty: $CONCORD_DB or ./concord.db
  std::string query;
  OutputFormat format = OutputFormat::kText;
  std::string color = "auto";  // auto, always or never
  bool use_color = false;      // resolved by the program (auto: stdout is a terminal)
  bool explain = false;
  bool aliases = true;
  std::vector<std::string> entity_files;
  bool historical_names = false;             // --historical-names
  std::string mentions;                      // --mentions NAME (the first one)
  std::vector<std::string> figures;          // every --mentions NAME, in order
  std::string figures_file;                  // --figures FILE: more names, one a line
  std::string plot;                          // --plot FILE.svg|png|pdf (with --count-by)
  std::string plot_metric = "mentions";      // --plot-metric
  std::string count_by;                      // --count-by KEY (with --mentions)
  CountBy count_by_key = CountBy::kVariant;  // count_by, parsed
  std::size_t context = 8;
  std::string min_confidence = "low";  // --min-confidence (with --mentions)
  bool limit_given = false;            // --limit was typed (with --mentions the default is all)
  bool limit_capped = false;           // --limit was lowered to kMaxResults
  bool allow_partial = false;          // --allow-partial: skip shards that cannot be reached
  SearchRequest options;
};

// Caps (docs/security.md): a larger --limit or --context is lowered to them,
// and a note on stderr says so when it cut the output.
inline constexpr std::size_t kMaxResults = 100000;  // results per call; page with --offset
inline constexpr std::size_t kMaxMentionRecords = kDefaultMentionLimit;  // per call
inline constexpr std::size_t kMaxContext = 200;        // --context words each side
inline constexpr std::size_t kMaxOffset = 2000000000;  // Xapian counts documents in 32 bits
inline constexpr std::size_t kMaxFigures = 64;         // figures counted side by side

// Parses and validates concord-search's arguments into *config: no I/O, no
// exit. A bad flag is Code::kInvalidArgument with the message to print
// (exit status 2). --help and --version set config->help / version.
Status ParseSearchFlags(int argc, char** argv, SearchConfig* config);

// Adds the names of a --figures file's text (one a line; blank lines and
// lines starting with '#' skipped, spaces around a name trimmed) to
// config->figures, and makes the first figure config->mentions. More than
// kMaxFigures figures in all is Code::kInvalidArgument.
Status AddFigures(const std::string& text, SearchConfig* config);

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_SEARCH_FLAGS_H_
