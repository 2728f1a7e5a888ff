// concord-search: searches a concord database, lists every mention of a
// figure, or counts mentions. A thin shell over the public library API
// (include/concord/concord.hpp): flags are parsed into SearchConfig,
// validated, handed to concord::Searcher, and the results formatted.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "concord/concord.hpp"
#include "tools/chart.h"
#include "tools/output_format.h"
#include "tools/printer.h"
#include "tools/search_flags.h"

namespace {

using concord::cli::kMaxMentionRecords;
using concord::cli::kMaxResults;
using concord::cli::OutputFormat;
using concord::cli::SearchConfig;

std::string DefaultDb() {
  const char* env = std::getenv("CONCORD_DB");
  return env && *env ? env : "concord.db";
}

int Usage(const std::string& message) {
  std::cerr << "concord-search: " << message << "\n";
  return 2;
}

// The output format, once the flags are read: failures are also reported
// on stdout as a JSON object under json and jsonl, so that a tool reading
// stdout sees an error rather than nothing.
OutputFormat g_format = OutputFormat::kText;

int Failure(const concord::Status& s) {
  if (g_format == OutputFormat::kJson || g_format == OutputFormat::kJsonl) {
    nlohmann::json error = {{"code", concord::CodeName(s.code())}, {"message", s.message()}};
    if (s.column() > 0) error["column"] = s.column();
    std::cout << concord::cli::JsonText(nlohmann::json{
                     {"format_version", concord::cli::kOutputFormatVersion}, {"error", error}})
              << std::endl;
  }
  if (s.code() == concord::Code::kQuerySyntax) {
    return Usage(s.column() > 0
                     ? "query error at column " + std::to_string(s.column()) + ": " + s.message()
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

// --plot: the chart's title names the figures, the buckets and the query.
int Plot(const SearchConfig& config, const concord::CountTable& table) {
  concord::cli::ChartOptions chart;
  chart.by_name = config.count_by_key == concord::CountBy::kDate ? "date" : config.count_by;
  chart.metric = config.plot_metric == "per1000"     ? concord::cli::ChartMetric::kPerThousand
                 : config.plot_metric == "documents" ? concord::cli::ChartMetric::kDocuments
                 : config.plot_metric == "share"     ? concord::cli::ChartMetric::kShare
                                                     : concord::cli::ChartMetric::kMentions;
  std::string names;
  for (const std::string& f : table.figures) names += (names.empty() ? "" : ", ") + f;
  chart.title = names + " by " + config.count_by;
  if (!config.query.empty()) chart.title += " \u2014 " + config.query;
  if (auto s = concord::cli::WriteChart(config.plot, table, chart); !s.ok()) {
    std::cerr << "concord-search: " << s.message() << "\n";
    return 2;
  }
  std::cerr << "concord-search: chart written to " << config.plot << "\n";
  return 0;
}

// --count-by: one figure or several side by side, printed and perhaps drawn.
int RunCounts(const SearchConfig& config, concord::Searcher& searcher,
              const concord::MentionRequest& request, const std::string& explain) {
  std::vector<concord::MentionRequest> figures;
  for (const std::string& name : config.figures) {
    figures.push_back(request);
    figures.back().name = name;
  }
  if (figures.empty()) figures.push_back(request);
  concord::CountTable table;
  if (auto s = searcher.Count(figures, config.count_by_key, &table); !s.ok()) return Failure(s);
  WarnPartial(searcher);
  bool any = false;
  for (std::size_t i = 0; i < table.figures.size(); ++i) {
    if (config.aliases && table.summaries[i].entities.empty()) NoteAdHocName(table.figures[i]);
    any = any || table.summaries[i].mentions > 0;
  }
  auto printer = concord::cli::MakePrinter(config.format, std::cout, config.use_color);
  if (!explain.empty()) printer->Explain(explain);
  printer->Counts(config.count_by, table);
  std::cout.flush();
  if (!config.plot.empty() && Plot(config, table) != 0) return 2;
  return any ? 0 : 1;
}

int RunMentions(const SearchConfig& config, concord::Searcher& searcher,
                const std::string& explain) {
  concord::MentionRequest request;
  request.name = config.mentions;
  request.filter = config.query;
  request.context_words = config.context;
  request.min_confidence = config.min_confidence;
  request.aliases = config.aliases;
  request.limit =
      config.limit_given ? std::min(config.options.limit, kMaxMentionRecords) : kMaxMentionRecords;
  if (!config.count_by.empty()) return RunCounts(config, searcher, request, explain);
  concord::MentionSummary summary;
  // Records are printed as they come, not collected; nothing is printed
  // before the listing has succeeded that far.
  std::unique_ptr<concord::cli::Printer> printer;
  const auto begin = [&] {
    WarnPartial(searcher);
    if (config.aliases && summary.entities.empty()) NoteAdHocName(config.mentions);
    printer = concord::cli::MakePrinter(config.format, std::cout, config.use_color);
    if (!explain.empty()) printer->Explain(explain);
    if (config.explain) printer->ShowEvidence();
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
  if (auto s = concord::cli::ParseSearchFlags(argc, argv, &config); !s.ok()) {
    return Usage(s.message());
  }
  if (config.version) {
    std::cout << "concord-search " CONCORD_VERSION_STRING "\n";
    return 0;
  }
  if (config.help) {
    std::cout << config.help_text;
    return 0;
  }
  for (const std::string& note : config.notes) {
    std::cerr << "concord-search: note: " << note << "\n";
  }
  if (!config.figures_file.empty()) {
    std::ifstream in(config.figures_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Usage("cannot read --figures " + config.figures_file);
    if (auto s = concord::cli::AddFigures(text.str(), &config); !s.ok()) return Usage(s.message());
    if (config.figures.empty()) return Usage("no figure names in --figures " + config.figures_file);
  }
  if (config.dbs.empty()) config.dbs = {DefaultDb()};
  config.use_color = config.color == "always" || (config.color == "auto" && isatty(STDOUT_FILENO));
  g_format = config.format;

  concord::EntityDictionary dictionary;
  if (auto s = dictionary.LoadBuiltin(); !s.ok()) return Failure(s);
  dictionary.EnableHistoricalNames(config.historical_names);
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
  for (const std::string& warning : searcher->Warnings()) {
    std::cerr << "concord-search: warning: " << warning << "\n";
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
  auto printer = concord::cli::MakePrinter(config.format, std::cout, config.use_color);
  if (!explain.empty()) printer->Explain(explain);
  printer->BeginResults(config.query, results);
  for (const auto& hit : results.hits) printer->Hit(hit);
  printer->EndResults(results);
  std::cout.flush();
  const std::size_t next = config.options.offset + results.hits.size();
  if (config.limit_capped && results.total > next) {
    std::cerr << "concord-search: note: output capped at " << kMaxResults << " results per call of "
              << (results.total_exact ? "" : "about ") << results.total << "; use --offset " << next
              << " for the next ones\n";
  }
  return results.total == 0 ? 1 : 0;
}
