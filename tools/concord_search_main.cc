// concord-search: searches a concord database, lists every mention of a
// figure, or counts mentions. A thin shell over the public library API
// (include/concord/concord.hpp): flags are parsed into SearchConfig,
// validated, handed to concord::Searcher, and the results formatted.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <cxxopts.hpp>
#include <nlohmann/json.hpp>

#include "concord/concord.hpp"
#include "query/output_format.h"
#include "tools/printer.h"

namespace {

using concord::query::OutputFormat;

struct SearchConfig {
  std::vector<std::string> dbs;
  std::string query;
  OutputFormat format = OutputFormat::kText;
  bool color = false;
  bool explain = false;
  bool aliases = true;
  std::vector<std::string> entity_files;
  std::string mentions;       // --mentions NAME
  std::string count_by;       // --count-by KEY (with --mentions)
  concord::CountBy count_by_key = concord::CountBy::kVariant;  // count_by, parsed
  std::size_t context = 8;
  bool limit_given = false;    // --limit was typed (with --mentions the default is all)
  bool limit_capped = false;   // --limit was lowered to kMaxResults
  bool allow_partial = false;  // --allow-partial: skip shards that cannot be reached
  concord::SearchRequest options;
};

// Caps (docs/security.md): a larger --limit or --context is lowered to them,
// and a note on stderr says so when it cut the output.
constexpr std::size_t kMaxResults = 100000;         // results per call; page with --offset
constexpr std::size_t kMaxMentionRecords = concord::kDefaultMentionLimit;  // per call
constexpr std::size_t kMaxContext = 200;             // --context words each side
constexpr std::size_t kMaxOffset = 2000000000;       // Xapian counts documents in 32 bits

std::string DefaultDb() {
  const char* env = std::getenv("CONCORD_DB");
  return env && *env ? env : "concord.db";
}

int Usage(const std::string& message) {
  std::cerr << "concord-search: " << message << "\n";
  return 2;
}

const char* kHelpTail =
    "Query language: words (AND), \"phrases\", OR, NOT or -word, (groups), a NEAR/5 b,\n"
    "lang:fr, source:reuters, title:word, person:/place:/org:/entity:NAME,\n"
    "date:2025-06-01..2025-06-05, prefix*. See docs/query-language.md.\n"
    "Arguments that are not options are the query; a word starting with '-' excludes\n"
    "it (-Putin), and everything after '--' is query.\n"
    "A name in any alias or script also finds its figure's other spellings\n"
    "(--no-aliases searches the spelling alone).\n"
    "--mentions NAME [QUERY] lists every mention of a figure (QUERY restricts the\n"
    "documents); add --count-by variant|entity|date|month|source|lang for counts.\n"
    "--db takes a database directory, a directory of shards (concord-index --shards),\n"
    "or a Xapian stub file, whose lines may name remote shards served by\n"
    "xapian-tcpsrv ('remote HOST:PORT') or over ssh ('remote :ssh HOST xapian-progsrv\n"
    "DB'); repeat --db to search several as one. A shard that cannot be reached is\n"
    "an error (exit 2) unless --allow-partial. See docs/scaling.md.\n"
    "Exit status, in every mode: 0 something matched (even if this page is empty:\n"
    "--offset past the end, --limit 0), 1 nothing matched (the output is still\n"
    "complete: no results, or --count-by buckets of zero), 2 error (under --format\n"
    "json/jsonl also printed on stdout as {\"error\": ...}).\n";

// Options that take a value, and flags. Anything else that starts with '-'
// is part of the query: "-Putin Zelensky" excludes Putin.
const char* const kValueOptions[] = {"db",     "limit",    "offset",  "sort",   "format",
                                     "color",  "entities", "mentions", "count-by", "context"};
const char* const kFlagOptions[] = {"allow-partial", "collapse", "exact-total", "explain",
                                    "no-aliases",    "version",  "help",        "h"};

// Stands for the query word of that number among those SeparateQuery kept.
const std::string kPlaceholder = "\x01q";

bool IsOption(const std::string& name, const char* const* first, const char* const* last) {
  return std::find(first, last, name) != last;
}

// Rewrites the arguments so that cxxopts takes what is ours as options and
// the rest as the query: a value that starts with '-' is glued to its
// option (--db -odd.db -> --db=-odd.db), and a query word that starts with
// '-' is kept for the query (replaced by a placeholder cxxopts sees as
// positional). After "--" everything is query.
std::vector<std::string> SeparateQuery(int argc, char** argv, std::vector<std::string>* words) {
  std::vector<std::string> out{argv[0]};
  bool only_query = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool dashed = arg.size() > 1 && arg[0] == '-';
    if (only_query || !dashed) {
      out.push_back(only_query ? kPlaceholder + std::to_string(words->size()) : arg);
      if (only_query) words->push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_query = true;
      continue;
    }
    const bool long_form = arg.compare(0, 2, "--") == 0;
    const std::string name = arg.substr(long_form ? 2 : 1, arg.find('=') - (long_form ? 2 : 1));
    if (IsOption(name, std::begin(kValueOptions), std::end(kValueOptions)) && long_form) {
      if (arg.find('=') == std::string::npos && i + 1 < argc) {
        out.push_back(arg + "=" + argv[++i]);  // the value, whatever it starts with
      } else {
        out.push_back(arg);
      }
    } else if (long_form || IsOption(name, std::begin(kFlagOptions), std::end(kFlagOptions))) {
      out.push_back(arg);  // a flag, or an unknown --option cxxopts reports
    } else {
      out.push_back(kPlaceholder + std::to_string(words->size()));
      words->push_back(arg);
    }
  }
  return out;
}

bool ParseCountBy(const std::string& name, concord::CountBy* by) {
  static const std::pair<const char*, concord::CountBy> kNames[] = {
      {"variant", concord::CountBy::kVariant}, {"entity", concord::CountBy::kEntity},
      {"date", concord::CountBy::kDate},       {"month", concord::CountBy::kMonth},
      {"source", concord::CountBy::kSource},   {"lang", concord::CountBy::kLang}};
  for (const auto& [n, b] : kNames) {
    if (name == n) {
      *by = b;
      return true;
    }
  }
  return false;
}

int ParseArgs(int argc, char** argv, SearchConfig* config) {
  cxxopts::Options options("concord-search",
                           "Search a concord database, or list every mention of a figure.");
  options.positional_help("QUERY");
  options.add_options()
      ("db", "database directory, directory of shards or stub file; repeat to search "
             "several as one (default $CONCORD_DB or ./concord.db)",
       cxxopts::value<std::vector<std::string>>())
      ("allow-partial", "skip shards that cannot be reached (with a warning), and mark "
                        "the output as partial")
      ("limit", "results to print (at most 100000 a call; page with --offset), or with "
                "--mentions records (default all, at most 1000000)",
       cxxopts::value<std::size_t>()->default_value("10"))
      ("offset", "skip this many results", cxxopts::value<std::size_t>()->default_value("0"))
      ("collapse", "one result per cluster of near-duplicates (wire copies), with the count")
      ("exact-total", "count every matching document; by default a total above 1000 may be "
                      "an estimate (\"about N\"), which is faster on large indexes")
      ("sort", "relevance or date (newest first)",
       cxxopts::value<std::string>()->default_value("relevance"))
      ("format", "text, json, jsonl, csv or tsv", cxxopts::value<std::string>()->default_value("text"))
      ("color", "highlight matches: auto, always or never",
       cxxopts::value<std::string>()->default_value("auto"))
      ("explain", "print how the query is analysed before the results: on stderr, or "
                  "under --format json/jsonl as \"explain\" in the output")
      ("entities", "extra entity dictionary file (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("no-aliases", "search the typed spelling only, without entity aliases")
      ("mentions", "list every mention of NAME", cxxopts::value<std::string>())
      ("count-by", "with --mentions: variant, entity, date, month, source or lang",
       cxxopts::value<std::string>())
      ("context", "with --mentions: words of context each side (at most 200)",
       cxxopts::value<std::size_t>()->default_value("8"))
      ("version", "print the version and exit")
      ("h,help", "show this help")
      ("query", "the query", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"query"});
  std::vector<std::string> dashed_words;
  std::vector<std::string> args = SeparateQuery(argc, argv, &dashed_words);
  std::vector<char*> arg_ptrs;
  for (std::string& a : args) arg_ptrs.push_back(a.data());
  try {
    auto r = options.parse(static_cast<int>(arg_ptrs.size()), arg_ptrs.data());
    if (r.count("version")) {
      std::cout << "concord-search " CONCORD_VERSION_STRING "\n";
      std::exit(0);
    }
    if (r.count("help")) {
      std::cout << options.help() << "\n" << kHelpTail;
      std::exit(0);
    }
    config->dbs = r.count("db") ? r["db"].as<std::vector<std::string>>()
                                : std::vector<std::string>{DefaultDb()};
    config->options.limit = r["limit"].as<std::size_t>();
    config->limit_given = r.count("limit") > 0;
    config->options.offset = r["offset"].as<std::size_t>();
    if (config->options.offset > kMaxOffset) {
      return Usage("--offset is at most " + std::to_string(kMaxOffset));
    }
    const std::string sort = r["sort"].as<std::string>();
    if (sort != "relevance" && sort != "date") return Usage("--sort must be relevance or date");
    config->options.sort = sort == "date" ? concord::SortOrder::kDateNewestFirst
                                          : concord::SortOrder::kRelevance;
    config->options.collapse = r.count("collapse") > 0;
    config->options.exact_total = r.count("exact-total") > 0;
    if (!concord::query::ParseOutputFormat(r["format"].as<std::string>(), &config->format)) {
      return Usage("unknown --format '" + r["format"].as<std::string>() +
                   "' (text, json, jsonl, csv, tsv)");
    }
    const std::string color = r["color"].as<std::string>();
    if (color == "always") config->color = true;
    else if (color == "never") config->color = false;
    else if (color == "auto") config->color = isatty(STDOUT_FILENO);
    else return Usage("--color must be auto, always or never");
    config->explain = r.count("explain") > 0;
    config->allow_partial = r.count("allow-partial") > 0;
    config->aliases = r.count("no-aliases") == 0;
    if (r.count("entities")) config->entity_files = r["entities"].as<std::vector<std::string>>();
    if (r.count("mentions")) config->mentions = r["mentions"].as<std::string>();
    if (r.count("count-by")) config->count_by = r["count-by"].as<std::string>();
    config->context = r["context"].as<std::size_t>();
    if (config->context > kMaxContext) {
      std::cerr << "concord-search: note: --context is capped at " << kMaxContext
                << " words each side; using " << kMaxContext << "\n";
      config->context = kMaxContext;
    }
    if (config->mentions.empty() && config->options.limit > kMaxResults) {
      config->options.limit = kMaxResults;
      config->limit_capped = true;
    }
    if (r.count("query")) {
      for (std::string w : r["query"].as<std::vector<std::string>>()) {
        if (w.compare(0, 2, kPlaceholder) == 0) w = dashed_words[std::stoul(w.substr(2))];
        config->query += (config->query.empty() ? "" : " ") + w;
      }
    }
  } catch (const cxxopts::exceptions::exception& e) {
    return Usage(e.what());
  }
  if (!config->count_by.empty() && config->mentions.empty()) {
    return Usage("--count-by needs --mentions NAME");
  }
  if (!config->count_by.empty() && !ParseCountBy(config->count_by, &config->count_by_key)) {
    return Usage("unknown --count-by '" + config->count_by +
                 "' (variant, entity, date, month, source, lang)");
  }
  if (config->mentions.empty() && config->query.empty()) {
    return Usage("no QUERY given (try --help)");
  }
  return 0;
}

// The output format, once the flags are read: failures are also reported
// on stdout as a JSON object under json and jsonl, so that a tool reading
// stdout sees an error rather than nothing.
OutputFormat g_format = OutputFormat::kText;

int Failure(const concord::Status& s) {
  if (g_format == OutputFormat::kJson || g_format == OutputFormat::kJsonl) {
    nlohmann::json error = {{"code", concord::CodeName(s.code())}, {"message", s.message()}};
    if (s.column() > 0) error["column"] = s.column();
    std::cout << concord::query::JsonText(nlohmann::json{
                     {"format_version", concord::query::kOutputFormatVersion}, {"error", error}})
              << std::endl;
  }
  if (s.code() == concord::Code::kQuerySyntax) {
    return Usage(s.column() > 0 ? "query error at column " + std::to_string(s.column()) + ": " +
                                      s.message()
                                : "query error: " + s.message());
  }
  return Usage(s.message());
}

// With --allow-partial: which shards the output lacks, one line each.
void WarnPartial(const concord::Searcher& searcher) {
  for (const std::string& why : searcher.UnavailableShards()) {
    std::cerr << "concord-search: warning: skipped (results are partial): " << why << "\n";
  }
}

// Says on stderr that NAME is no figure of the dictionaries, so the listing
// holds the typed word (in its inflections and transliterations) only.
void NoteAdHocName(const std::string& name) {
  std::cerr << "concord-search: note: '" << name
            << "' names no figure in the entity dictionaries; listing that name as typed "
               "(its inflections and transliterations, entity \"\")";
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') {
    std::string capital = name;
    capital[0] = static_cast<char>(capital[0] - 'a' + 'A');
    std::cerr << ". Aliases that are also ordinary words count only with their capital: try '"
              << capital << "'";
  }
  std::cerr << "\n";
}

// --explain: JSON for the printer under json/jsonl (returned), text on
// stderr otherwise ("" returned). Fails as the query would.
concord::Status Explain(const SearchConfig& config, concord::Searcher& searcher,
                        std::string* json) {
  json->clear();
  if (!config.explain) return concord::Status();
  const std::string& what = config.mentions.empty() ? config.query : config.mentions;
  if (config.format == OutputFormat::kJson || config.format == OutputFormat::kJsonl) {
    return searcher.ExplainJson(what, config.aliases, json);
  }
  std::string text;
  concord::Status s = searcher.Explain(what, config.aliases, &text);
  if (s.ok()) std::cerr << text;
  return s;
}

int RunMentions(const SearchConfig& config, concord::Searcher& searcher,
                const std::string& explain) {
  concord::MentionRequest request;
  request.name = config.mentions;
  request.filter = config.query;
  request.context_words = config.context;
  request.aliases = config.aliases;
  request.limit = config.limit_given ? std::min(config.options.limit, kMaxMentionRecords)
                                     : kMaxMentionRecords;
  concord::MentionSummary summary;
  if (!config.count_by.empty()) {
    std::vector<concord::CountRow> rows;
    if (auto s = searcher.Count(request, config.count_by_key, &rows, &summary); !s.ok()) {
      return Failure(s);
    }
    WarnPartial(searcher);
    if (config.aliases && summary.entities.empty()) NoteAdHocName(config.mentions);
    auto printer = concord::cli::MakePrinter(config.format, std::cout, config.color);
    if (!explain.empty()) printer->Explain(explain);
    printer->Counts(config.count_by, rows, summary);
    return summary.mentions ? 0 : 1;
  }
  // Records are printed as they come, not collected; nothing is printed
  // before the listing has succeeded that far.
  std::unique_ptr<concord::cli::Printer> printer;
  const auto begin = [&] {
    WarnPartial(searcher);
    if (config.aliases && summary.entities.empty()) NoteAdHocName(config.mentions);
    printer = concord::cli::MakePrinter(config.format, std::cout, config.color);
    if (!explain.empty()) printer->Explain(explain);
    printer->BeginMentions(summary);
  };
  auto s = searcher.Mentions(
      request,
      [&](concord::Mention&& m) {
        if (!printer) begin();
        printer->Mention(m);
        // A closed pipe or a full disk stops the listing, not just the output.
        if (!std::cout) return concord::Status(concord::Code::kIo, "cannot write the output");
        return concord::Status();
      },
      &summary);
  if (!s.ok()) return Failure(s);
  if (!printer) begin();
  printer->EndMentions(summary);
  if (summary.truncated && request.limit == kMaxMentionRecords) {
    std::cerr << "concord-search: note: output capped at " << kMaxMentionRecords
              << " mention records of " << summary.mentions
              << "; restrict the documents with a QUERY (e.g. date:2025-06) to list the rest, "
                 "or count them all with --count-by\n";
  } else if (summary.truncated) {
    std::cerr << "concord-search: output truncated at --limit " << request.limit << " of "
              << summary.mentions << " mentions; raise --limit (at most " << kMaxMentionRecords
              << ") to see more\n";
  }
  return summary.mentions ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  SearchConfig config;
  if (int rc = ParseArgs(argc, argv, &config)) return rc;
  g_format = config.format;

  concord::EntityDictionary dictionary;
  if (auto s = dictionary.LoadBuiltin(); !s.ok()) return Failure(s);
  for (const std::string& f : config.entity_files) {
    std::vector<std::string> problems;
    if (auto s = dictionary.LoadFile(f, &problems); !s.ok()) return Failure(s);
    for (const std::string& p : problems) std::cerr << "concord-search: warning: " << p << "\n";
  }
  std::unique_ptr<concord::Searcher> searcher;
  concord::SearcherOptions open;
  open.allow_partial = config.allow_partial;
  if (auto s = concord::Searcher::Open(config.dbs, &dictionary, open, &searcher); !s.ok()) {
    return Failure(s);
  }
  for (const std::string& note : searcher->DuplicateDatabases()) {
    std::cerr << "concord-search: note: " << note << "\n";
  }
  if (searcher->DictionariesDiffer()) {
    std::cerr << "concord-search: warning: the entity dictionaries differ from those the "
                 "database was tagged with; run concord-index --retag\n";
  }
  std::string explain;
  if (auto s = Explain(config, *searcher, &explain); !s.ok()) return Failure(s);
  if (!config.mentions.empty()) return RunMentions(config, *searcher, explain);

  config.options.query = config.query;
  config.options.aliases = config.aliases;
  concord::SearchResult results;
  if (auto s = searcher->Search(config.options, &results); !s.ok()) return Failure(s);
  WarnPartial(*searcher);
  for (const concord::IgnoredWord& word : results.ignored) {
    std::cerr << "concord-search: note: ignored '" << word.text << "' at column " << word.column
              << ": no letters, digits or symbols to search for\n";
  }
  auto printer = concord::cli::MakePrinter(config.format, std::cout, config.color);
  if (!explain.empty()) printer->Explain(explain);
  printer->BeginResults(config.query, results);
  for (const auto& hit : results.hits) printer->Hit(hit);
  printer->EndResults(results);
  std::cout.flush();
  const std::size_t next = config.options.offset + results.hits.size();
  if (config.limit_capped && results.total > next) {
    std::cerr << "concord-search: note: output capped at " << kMaxResults
              << " results per call of " << (results.total_exact ? "" : "about ")
              << results.total << "; use --offset " << next << " for the next ones\n";
  }
  return results.total == 0 ? 1 : 0;
}
