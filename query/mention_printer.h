#ifndef CONCORD_QUERY_MENTION_PRINTER_H_
#define CONCORD_QUERY_MENTION_PRINTER_H_

#include <memory>
#include <ostream>
#include <vector>

#include "concord/concord.hpp"
#include "query/output_format.h"

namespace concord::query {

// Writes mention records (public API types): an aligned KWIC concordance for people (text), or
// one record per mention for tools (json, jsonl, csv, tsv).
class MentionPrinter {
 public:
  virtual ~MentionPrinter() = default;
  // --explain, before Begin: see ExplainMember (query/output_format.h).
  virtual void Explain(const std::string& explain_json) { (void)explain_json; }
  // Called before the records when the summary is known (to mark partial output).
  virtual void Begin(const concord::MentionSummary& summary) { (void)summary; }
  virtual void Mention(const concord::Mention& record) = 0;
  virtual void End(const concord::MentionSummary& summary) = 0;
};

std::unique_ptr<MentionPrinter> MakeMentionPrinter(OutputFormat format, std::ostream& out,
                                                   bool color);

// Writes --count-by rows in `format`; `by_name` labels the key column.
// `explain_json`: --explain, as for the printers ("" for none).
void PrintCounts(OutputFormat format, std::ostream& out, const std::string& by_name,
                 const std::vector<concord::CountRow>& rows,
                 const concord::MentionSummary& summary, const std::string& explain_json = "");

}  // namespace concord::query

#endif  // CONCORD_QUERY_MENTION_PRINTER_H_
