#ifndef CONCORD_TOOLS_PRINTER_H_
#define CONCORD_TOOLS_PRINTER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "concord/concord.hpp"
#include "tools/output_format.h"

namespace concord::cli {

// Writes what concord-search prints (search results, mention records and
// --count-by rows) in one output format, from the public API's types.
// Search and listing produce; printers only format. One class per family of
// formats, each in its own file: text (print_text.cc: ranked results, an
// aligned KWIC concordance, a counts table), JSON and JSON Lines
// (print_json.cc), CSV and TSV (print_table.cc). Adding a format is one file.
//
// A run calls Explain (optional) and then one of: BeginResults, Hit...,
// EndResults; BeginMentions, Mention..., EndMentions; Counts.
class Printer {
 public:
  virtual ~Printer() = default;
  // --explain: `explain_json` (Searcher::ExplainJson) joins a json document
  // as "explain" and is the first line of a jsonl stream; the other formats
  // leave it out (concord-search prints the text form on stderr).
  virtual void Explain(const std::string& explain_json) { (void)explain_json; }
  // --mentions with --explain: each record's evidence (why it matched, and
  // the cue of an ambiguous one) is shown. The structured formats always
  // carry it; the text concordance prints it under each line.
  virtual void ShowEvidence() {}

  virtual void BeginResults(const std::string& query, const concord::SearchResult& results) = 0;
  virtual void Hit(const concord::Hit& hit) = 0;
  virtual void EndResults(const concord::SearchResult& results) = 0;

  // The summary is complete when BeginMentions is called (to mark partial
  // output before the first record).
  virtual void BeginMentions(const concord::MentionSummary& summary) = 0;
  virtual void Mention(const concord::Mention& record) = 0;
  virtual void EndMentions(const concord::MentionSummary& summary) = 0;

  // --count-by rows of one or several figures (table.figures); `by_name`
  // ("week", "variant"...) labels the key column. One figure keeps the
  // one-figure layout (mentions, documents, documents_in_scope, share,
  // per_1000); several get a column group per figure (docs/researchers.md).
  virtual void Counts(const std::string& by_name, const concord::CountTable& table) = 0;
};

// `color`: ANSI bold highlights (text only).
std::unique_ptr<Printer> MakePrinter(OutputFormat format, std::ostream& out, bool color);

// The printers of each file, for MakePrinter.
std::unique_ptr<Printer> MakeTextPrinter(std::ostream& out, bool color);
std::unique_ptr<Printer> MakeJsonPrinter(std::ostream& out, bool lines);
std::unique_ptr<Printer> MakeTablePrinter(std::ostream& out, bool csv);

// Shared by the printers: a score with four decimals; part/whole with four
// decimals, "" for an empty bucket (0 of 0 is no share); the note that
// marks partial results in text.
std::string FormatScore(double score);
std::string FormatShare(std::size_t part, std::size_t whole);
// Mentions per 1,000 documents of a bucket with two decimals; "" for an
// empty bucket.
std::string FormatPerThousand(std::size_t mentions, std::size_t documents);
inline constexpr const char* kPartialNote =
    "note: partial results: some shards could not be reached\n";

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_PRINTER_H_
