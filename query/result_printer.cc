#include "query/result_printer.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "lang/utf8.h"

namespace concord::query {
namespace {

constexpr const char* kPartialNote = "note: partial results: some shards could not be reached\n";

std::string Score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", score);
  return buf;
}

nlohmann::json HitJson(const concord::Hit& h) {
  const concord::Article& a = h.article;
  nlohmann::json spans = nlohmann::json::array();
  for (const auto& [s, e] : h.highlights) spans.push_back({s, e});
  return {{"rank", h.rank},
          {"path", lang::EscapeName(a.path)},
          {"id", lang::EscapeName(a.id)},
          {"title", lang::SanitizeUtf8(a.title)},
          {"date", lang::SanitizeUtf8(a.date)},
          {"source", lang::SanitizeUtf8(a.source)},
          {"url", lang::SanitizeUtf8(a.url)},
          {"lang", lang::SanitizeUtf8(a.lang)},
          {"score", std::stod(Score(h.score))},
          {"snippet", lang::SanitizeUtf8(h.snippet)},
          {"highlights", spans},
          {"copies", h.copies}};
}

// Wraps the snippet's matched code-point spans in `open`/`close`.
std::string MarkSnippet(const std::string& text,
                        const std::vector<std::pair<std::size_t, std::size_t>>& spans,
                        const std::string& open, const std::string& close) {
  std::string out;
  std::size_t i = 0, cp = 0, span = 0;
  while (i < text.size()) {
    if (span < spans.size() && cp == spans[span].first) out += open;
    lang::AppendUtf8(lang::DecodeUtf8(text, &i), &out);
    ++cp;
    if (span < spans.size() && cp == spans[span].second) {
      out += close;
      ++span;
    }
  }
  return out;
}

class TextPrinter : public ResultPrinter {
 public:
  TextPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void Begin(const std::string&, const concord::SearchResult&) override {}
  void Hit(const concord::Hit& h) override {
    const concord::Article& a = h.article;
    const std::string bold = color_ ? "\x1b[1m" : "";
    const std::string reset = color_ ? "\x1b[0m" : "";
    const std::string heading = a.title.empty() ? lang::EscapeName(a.path) : a.title;
    out_ << h.rank << ". " << bold << TerminalSafe(heading) << reset
         << "\n   " << (a.date.empty() ? "undated" : TerminalSafe(a.date)) << " · "
         << TerminalSafe(a.source.empty() ? "unknown source" : a.source) << " · "
         << TerminalSafe(a.lang)
         << " · score " << Score(h.score)
         << (h.copies ? " · +" + std::to_string(h.copies) + " near-duplicate" +
                            (h.copies == 1 ? "" : "s")
                      : std::string())
         << "\n   " << TerminalSafe(lang::EscapeName(a.path)) << "\n";
    const std::string open = color_ ? "\x1b[1;31m" : "[";
    const std::string close = color_ ? "\x1b[0m" : "]";
    out_ << "   " << (h.snippet_starts_mid_text ? "…" : "")
         << MarkSnippet(TerminalSafe(h.snippet), h.highlights, open, close)
         << (h.snippet_ends_mid_text ? "…" : "") << "\n\n";
  }
  void End(const concord::SearchResult& r) override {
    const std::size_t shown = r.hits.empty() ? 0 : r.hits.back().rank;
    out_ << (r.total_exact ? "" : "about ") << r.total << " matching document"
         << (r.total == 1 ? "" : "s");
    if (!r.hits.empty()) out_ << "; showing " << r.hits.front().rank << "-" << shown;
    out_ << "\n";
    if (r.partial) out_ << kPartialNote;
  }

 private:
  std::ostream& out_;
  bool color_;
};

class JsonPrinter : public ResultPrinter {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}
  void Explain(const std::string& explain_json) override {
    explain_ = ExplainMember(explain_json);
  }
  void Begin(const std::string& query, const concord::SearchResult& r) override {
    doc_ = {{"format_version", kOutputFormatVersion},
            {"query", lang::SanitizeUtf8(query)},
            {"results", nlohmann::json::array()},
            {"ignored", nlohmann::json::array()}};
    for (const concord::IgnoredWord& w : r.ignored) {
      doc_["ignored"].push_back({{"text", lang::SanitizeUtf8(w.text)}, {"column", w.column}});
    }
    if (!explain_.is_null()) doc_["explain"] = explain_;
  }
  void Hit(const concord::Hit& h) override { doc_["results"].push_back(HitJson(h)); }
  void End(const concord::SearchResult& r) override {
    doc_["total"] = r.total;
    doc_["total_exact"] = r.total_exact;
    doc_["partial"] = r.partial;
    out_ << JsonText(doc_, 2) << "\n";
  }

 private:
  std::ostream& out_;
  nlohmann::json doc_, explain_;
};

class JsonlPrinter : public ResultPrinter {
 public:
  explicit JsonlPrinter(std::ostream& out) : out_(out) {}
  void Explain(const std::string& explain_json) override { out_ << JsonlExplainLine(explain_json); }
  void Begin(const std::string&, const concord::SearchResult& r) override {
    partial_ = r.partial;
  }
  void Hit(const concord::Hit& h) override {
    nlohmann::json j = HitJson(h);
    j["format_version"] = kOutputFormatVersion;
    if (partial_) j["partial"] = true;  // some shards were skipped
    out_ << JsonText(j) << "\n";
  }
  void End(const concord::SearchResult&) override {}

 private:
  std::ostream& out_;
  bool partial_ = false;
};

// CSV and TSV share columns; only cell escaping and the separator differ.
class TablePrinter : public ResultPrinter {
 public:
  TablePrinter(std::ostream& out, bool csv) : out_(out), csv_(csv) {}
  void Begin(const std::string&, const concord::SearchResult&) override {
    WriteTableHeader(out_,
                     {"rank", "path", "id", "title", "date", "source", "lang", "score", "snippet",
                      "copies"},
                     csv_);
  }
  void Hit(const concord::Hit& h) override {
    const concord::Article& a = h.article;
    // Text columns are neutralised against spreadsheet formulas; numbers are not.
    Row({std::to_string(h.rank), FormulaSafe(lang::EscapeName(a.path)),
         FormulaSafe(lang::EscapeName(a.id)), FormulaSafe(a.title),
         FormulaSafe(a.date), FormulaSafe(a.source), FormulaSafe(a.lang), Score(h.score),
         FormulaSafe(h.snippet), std::to_string(h.copies)});
  }
  void End(const concord::SearchResult&) override {}

 private:
  void Row(const std::vector<std::string>& cells) { WriteTableRecord(out_, cells, csv_); }
  std::ostream& out_;
  bool csv_;
};

}  // namespace

std::unique_ptr<ResultPrinter> MakeResultPrinter(OutputFormat format, std::ostream& out,
                                                 bool color) {
  switch (format) {
    case OutputFormat::kText: return std::make_unique<TextPrinter>(out, color);
    case OutputFormat::kJson: return std::make_unique<JsonPrinter>(out);
    case OutputFormat::kJsonl: return std::make_unique<JsonlPrinter>(out);
    case OutputFormat::kCsv: return std::make_unique<TablePrinter>(out, true);
    case OutputFormat::kTsv: return std::make_unique<TablePrinter>(out, false);
  }
  return nullptr;
}

}  // namespace concord::query
