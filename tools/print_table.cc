// CSV (RFC 4180) and TSV (backslash escapes), for spreadsheets and tools: a
// header row, then one row per record, format_version as the last column.
// Text cells are neutralised against spreadsheet formulas (FormulaSafe);
// numeric columns never are.
#include "lang/utf8.h"
#include "tools/printer.h"

namespace concord::cli {
namespace {

class TablePrinter : public Printer {
 public:
  TablePrinter(std::ostream& out, bool csv) : out_(out), csv_(csv) {}

  void BeginResults(const std::string&, const concord::SearchResult&) override {
    WriteTableHeader(
        out_,
        {"rank", "path", "id", "title", "date", "source", "lang", "score", "snippet", "copies"},
        csv_);
  }
  void Hit(const concord::Hit& h) override {
    const concord::Article& a = h.article;
    Row({std::to_string(h.rank), FormulaSafe(lang::EscapeName(a.path)),
         FormulaSafe(lang::EscapeName(a.id)), FormulaSafe(a.title), FormulaSafe(a.date),
         FormulaSafe(a.source), FormulaSafe(a.lang), FormatScore(h.score), FormulaSafe(h.snippet),
         std::to_string(h.copies)});
  }
  void EndResults(const concord::SearchResult&) override {}

  void BeginMentions(const concord::MentionSummary&) override {
    WriteTableHeader(
        out_,
        {"doc", "path", "title", "date", "source", "lang", "entity", "label", "surface", "start",
         "end", "byte_start", "byte_end", "rung", "evidence", "left", "right", "confidence"},
        csv_);
  }
  void Mention(const concord::Mention& r) override {
    const concord::Article& a = r.article;
    Row({FormulaSafe(lang::EscapeName(a.id)), FormulaSafe(lang::EscapeName(a.path)),
         FormulaSafe(a.title), FormulaSafe(a.date), FormulaSafe(a.source), FormulaSafe(a.lang),
         FormulaSafe(r.entity), FormulaSafe(r.label), FormulaSafe(r.surface),
         std::to_string(r.start), std::to_string(r.end), std::to_string(r.byte_start),
         std::to_string(r.byte_end), FormulaSafe(r.rung), FormulaSafe(r.evidence),
         FormulaSafe(r.left), FormulaSafe(r.right), FormulaSafe(r.confidence)});
  }
  void EndMentions(const concord::MentionSummary&) override {}

  void Counts(const std::string& by_name, const std::vector<concord::CountRow>& rows,
              const concord::MentionSummary&) override {
    WriteTableHeader(out_, {by_name, "mentions", "documents", "documents_in_scope", "share"}, csv_);
    for (const concord::CountRow& r : rows) {
      Row({FormulaSafe(r.key), std::to_string(r.mentions), std::to_string(r.documents),
           std::to_string(r.documents_in_scope), FormatShare(r.documents, r.documents_in_scope)});
    }
  }

 private:
  void Row(std::vector<std::string> cells) { WriteTableRecord(out_, std::move(cells), csv_); }

  std::ostream& out_;
  const bool csv_;
};

}  // namespace

std::unique_ptr<Printer> MakeTablePrinter(std::ostream& out, bool csv) {
  return std::make_unique<TablePrinter>(out, csv);
}

}  // namespace concord::cli
