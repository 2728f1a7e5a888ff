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

  void Counts(const std::string& by_name, const concord::CountTable& t) override {
    if (t.figures.size() == 1) {
      WriteTableHeader(
          out_, {by_name, "mentions", "documents", "documents_in_scope", "share", "per_1000"},
          csv_);
      for (const concord::CountTableRow& r : t.rows) {
        const concord::FigureCount& f = r.figures.front();
        Row({FormulaSafe(r.key), std::to_string(f.mentions), std::to_string(f.documents),
             std::to_string(r.documents_in_scope), FormatShare(f.documents, r.documents_in_scope),
             FormatPerThousand(f.mentions, r.documents_in_scope)});
      }
      return;
    }
    // A column group per figure, named "FIGURE:mentions" and so on.
    std::vector<std::string> header = {by_name, "documents_in_scope"};
    for (const std::string& name : t.figures) {
      for (const char* column : {":mentions", ":documents", ":share", ":per_1000"}) {
        header.push_back(FormulaSafe(name + column));
      }
    }
    WriteTableHeader(out_, header, csv_);
    for (const concord::CountTableRow& r : t.rows) {
      std::vector<std::string> cells = {FormulaSafe(r.key), std::to_string(r.documents_in_scope)};
      for (const concord::FigureCount& f : r.figures) {
        cells.push_back(std::to_string(f.mentions));
        cells.push_back(std::to_string(f.documents));
        cells.push_back(FormatShare(f.documents, r.documents_in_scope));
        cells.push_back(FormatPerThousand(f.mentions, r.documents_in_scope));
      }
      Row(std::move(cells));
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
