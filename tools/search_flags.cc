#include "tools/search_flags.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cxxopts.hpp>
#include <iterator>

namespace concord::cli {
namespace {

// A decimal number; one too large to hold is the largest that is (the caps
// below lower it anyway).
bool WholeNumber(const std::string& text, std::size_t* value) {
  if (text.empty()) return false;
  std::size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::size_t>(c - '0');
    v = v > (SIZE_MAX - digit) / 10 ? SIZE_MAX : v * 10 + digit;
  }
  *value = v;
  return true;
}

// The error concord-search prints for bad flags (exit status 2).
Status Usage(const std::string& message) { return Status(Code::kInvalidArgument, message); }

const char* kHelpTail =
    "Query language: words (AND), \"phrases\", OR, NOT or -word, (groups), a NEAR/5 b,\n"
    "lang:fr, source:reuters, title:word, person:/place:/org:/entity:NAME,\n"
    "date:2025-06-01..2025-06-05, prefix*. See docs/query-language.md.\n"
    "Arguments that are not options are the query; a word starting with '-' excludes\n"
    "it (-Putin), and everything after '--' is query.\n"
    "A name in any alias or script also finds its figure's other spellings\n"
    "(--no-aliases searches the spelling alone).\n"
    "--mentions NAME [QUERY] lists every mention of a figure (QUERY restricts the\n"
    "documents); add --count-by variant|entity|date|week|month|source|lang for\n"
    "counts. Repeat --mentions (or give --figures FILE, a name a line) to count\n"
    "several figures side by side, and --plot FILE.svg|png|pdf to draw the counts.\n"
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
const char* const kValueOptions[] = {
    "db",       "limit",    "offset",  "sort",           "format",  "color", "entities",
    "mentions", "count-by", "context", "min-confidence", "figures", "plot",  "plot-metric"};
const char* const kFlagOptions[] = {"allow-partial", "collapse",   "exact-total",
                                    "explain",       "no-aliases", "historical-names",
                                    "version",       "help",       "h"};

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

}  // namespace

Status ParseSearchFlags(int argc, char** argv, SearchConfig* config) {
  cxxopts::Options options("concord-search",
                           "Search a concord database, or list every mention of a figure.");
  options.positional_help("QUERY");
  options.add_options()("db",
                        "database directory, directory of shards or stub file; repeat to search "
                        "several as one (default $CONCORD_DB or ./concord.db)",
                        cxxopts::value<std::vector<std::string>>())(
      "allow-partial",
      "skip shards that cannot be reached (with a warning), and mark "
      "the output as partial")(
      "limit",
      "results to print (at most 100000 a call; page with --offset), or with "
      "--mentions records (default all, at most 1000000)",
      cxxopts::value<std::string>()->default_value("10"))(
      "offset", "skip this many results", cxxopts::value<std::string>()->default_value("0"))(
      "collapse", "one result per cluster of near-duplicates (wire copies), with the count")(
      "exact-total",
      "count every matching document; by default a total above 1000 may be "
      "an estimate (\"about N\"), which is faster on large indexes")(
      "sort", "relevance or date (newest first)",
      cxxopts::value<std::string>()->default_value("relevance"))(
      "format", "text, json, jsonl, csv or tsv",
      cxxopts::value<std::string>()->default_value("text"))(
      "color", "highlight matches: auto, always or never",
      cxxopts::value<std::string>()->default_value("auto"))(
      "explain",
      "print how the query is analysed before the results: on stderr, or "
      "under --format json/jsonl as \"explain\" in the output")(
      "entities", "extra entity dictionary file (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "no-aliases", "search the typed spelling only, without entity aliases")(
      "historical-names",
      "also match the former names the dictionaries mark historical: (Artemivsk for Bakhmut)")(
      "mentions", "list every mention of NAME; repeat it to count several figures",
      cxxopts::value<std::string>())(
      "figures", "with --count-by: more figures to count, from FILE (a name a line; # comments)",
      cxxopts::value<std::string>())(
      "count-by", "with --mentions: variant, entity, date (or day), week, month, source or lang",
      cxxopts::value<std::string>())("context",
                                     "with --mentions: words of context each side (at most 200)",
                                     cxxopts::value<std::string>()->default_value("8"))(
      "min-confidence",
      "with --mentions: leave out mentions below low (keep all), medium (drop those whose "
      "context suggests a namesake) or high (also drop name-key and typo matches)",
      cxxopts::value<std::string>()->default_value("low"))(
      "plot", "with --count-by: also draw the counts into FILE (.svg, .png or .pdf)",
      cxxopts::value<std::string>())(
      "plot-metric",
      "what --plot draws: mentions, per1000 (mentions per 1,000 documents of the bucket), "
      "documents or share",
      cxxopts::value<std::string>()->default_value("mentions"))(
      "version", "print the version and exit")("h,help", "show this help")(
      "query", "the query", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"query"});
  std::vector<std::string> dashed_words;
  std::vector<std::string> args = SeparateQuery(argc, argv, &dashed_words);
  std::vector<char*> arg_ptrs;
  for (std::string& a : args) arg_ptrs.push_back(a.data());
  try {
    auto r = options.parse(static_cast<int>(arg_ptrs.size()), arg_ptrs.data());
    config->version = r.count("version") > 0;
    config->help = r.count("help") > 0;
    if (config->help) config->help_text = options.help() + "\n" + kHelpTail;
    if (config->version || config->help) return Status();
    if (r.count("db")) config->dbs = r["db"].as<std::vector<std::string>>();
    if (!WholeNumber(r["limit"].as<std::string>(), &config->options.limit)) {
      return Usage("--limit takes a whole number, not '" + r["limit"].as<std::string>() + "'");
    }
    config->limit_given = r.count("limit") > 0;
    if (!WholeNumber(r["offset"].as<std::string>(), &config->options.offset)) {
      return Usage("--offset takes a whole number, not '" + r["offset"].as<std::string>() + "'");
    }
    if (config->options.offset > kMaxOffset) {
      return Usage("--offset is at most " + std::to_string(kMaxOffset));
    }
    const std::string sort = r["sort"].as<std::string>();
    if (sort != "relevance" && sort != "date") return Usage("--sort must be relevance or date");
    config->options.sort = sort == "date" ? SortOrder::kDateNewestFirst : SortOrder::kRelevance;
    config->options.collapse = r.count("collapse") > 0;
    config->options.exact_total = r.count("exact-total") > 0;
    if (!ParseOutputFormat(r["format"].as<std::string>(), &config->format)) {
      return Usage("unknown --format '" + r["format"].as<std::string>() +
                   "' (text, json, jsonl, csv, tsv)");
    }
    config->color = r["color"].as<std::string>();
    if (config->color != "always" && config->color != "never" && config->color != "auto") {
      return Usage("--color must be auto, always or never");
    }
    config->explain = r.count("explain") > 0;
    config->allow_partial = r.count("allow-partial") > 0;
    config->aliases = r.count("no-aliases") == 0;
    config->historical_names = r.count("historical-names") > 0;
    if (r.count("entities")) config->entity_files = r["entities"].as<std::vector<std::string>>();
    for (const cxxopts::KeyValue& kv : r.arguments()) {
      if (kv.key() == "mentions") config->figures.push_back(kv.value());
    }
    if (!config->figures.empty()) config->mentions = config->figures.front();
    if (r.count("figures")) config->figures_file = r["figures"].as<std::string>();
    if (r.count("plot")) config->plot = r["plot"].as<std::string>();
    config->plot_metric = r["plot-metric"].as<std::string>();
    if (config->plot_metric != "mentions" && config->plot_metric != "per1000" &&
        config->plot_metric != "documents" && config->plot_metric != "share") {
      return Usage("--plot-metric must be mentions, per1000, documents or share, not '" +
                   config->plot_metric + "'");
    }
    if (r.count("count-by")) config->count_by = r["count-by"].as<std::string>();
    config->min_confidence = r["min-confidence"].as<std::string>();
    if (config->min_confidence != "low" && config->min_confidence != "medium" &&
        config->min_confidence != "high") {
      return Usage("--min-confidence must be low, medium or high, not '" + config->min_confidence +
                   "'");
    }
    if (r.count("min-confidence") && !r.count("mentions")) {
      return Usage("--min-confidence needs --mentions NAME");
    }
    if (!WholeNumber(r["context"].as<std::string>(), &config->context)) {
      return Usage("--context takes a whole number, not '" + r["context"].as<std::string>() + "'");
    }
    if (config->context > kMaxContext) {
      config->notes.push_back("--context is capped at " + std::to_string(kMaxContext) +
                              " words each side; using " + std::to_string(kMaxContext));
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
  if (!config->count_by.empty() && config->mentions.empty() && config->figures_file.empty()) {
    return Usage("--count-by needs --mentions NAME");
  }
  if ((config->figures.size() > 1 || !config->figures_file.empty()) && config->count_by.empty()) {
    return Usage(
        "several figures (--mentions repeated, --figures) are counted side by side: "
        "add --count-by");
  }
  if (!config->plot.empty() && config->count_by.empty()) {
    return Usage("--plot draws counts: add --count-by");
  }
  if (!config->plot.empty()) {
    std::string ext = config->plot.substr(std::min(config->plot.size(), config->plot.rfind('.')));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".svg" && ext != ".png" && ext != ".pdf") {
      return Usage("--plot writes .svg, .png or .pdf files, not '" + config->plot + "'");
    }
  }
  if (config->figures.size() > kMaxFigures) {
    return Usage("at most " + std::to_string(kMaxFigures) + " figures are counted side by side");
  }
  if (!config->count_by.empty() && !ParseCountBy(config->count_by, &config->count_by_key)) {
    return Usage("unknown --count-by '" + config->count_by + "' (" + kCountByNames + ")");
  }
  if (config->mentions.empty() && config->figures_file.empty() && config->query.empty()) {
    return Usage("no QUERY given (try --help)");
  }
  return Status();
}

Status AddFigures(const std::string& text, SearchConfig* config) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!line.empty() && space(line.back())) line.pop_back();
    std::size_t first = 0;
    while (first < line.size() && space(line[first])) ++first;
    line.erase(0, first);
    if (line.empty() || line[0] == '#') continue;
    config->figures.push_back(line);
  }
  if (config->figures.size() > kMaxFigures) {
    return Usage("at most " + std::to_string(kMaxFigures) +
                 " figures are counted side by side, not " +
                 std::to_string(config->figures.size()));
  }
  if (config->mentions.empty() && !config->figures.empty()) config->mentions = config->figures[0];
  return Status();
}

}  // namespace concord::cli
