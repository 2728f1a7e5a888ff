#ifndef CONCORD_QUERY_RESULT_PRINTER_H_
#define CONCORD_QUERY_RESULT_PRINTER_H_

#include <memory>
#include <ostream>
#include <string>

#include "query/output_format.h"
#include "concord/concord.hpp"

namespace concord::query {

// Consumes search results (public API types) and writes them in one format.
// Search produces results; printers only format them.
class ResultPrinter {
 public:
  virtual ~ResultPrinter() = default;
  // --explain, before Begin: see ExplainMember (query/output_format.h).
  virtual void Explain(const std::string& explain_json) { (void)explain_json; }
  virtual void Begin(const std::string& query, const concord::SearchResult& results) = 0;
  virtual void Hit(const concord::Hit& hit) = 0;
  virtual void End(const concord::SearchResult& results) = 0;
};

// `color`: highlight matches with ANSI bold (text format only).
std::unique_ptr<ResultPrinter> MakeResultPrinter(OutputFormat format, std::ostream& out,
                                                 bool color);

}  // namespace concord::query

#endif  // CONCORD_QUERY_RESULT_PRINTER_H_
