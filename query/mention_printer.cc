#include "query/mention_printer.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "lang/utf8.h"

namespace concord::query {
namespace {

constexpr const char* kPartialNote = "note: partial results: some shards could not be reached\n";

nlohmann::json RecordJson(const concord::Mention& r) {
  const concord::Article& a = r.article;
  return {{"doc", lang::EscapeName(a.id)},
          {"path", lang::EscapeName(a.path)},
          {"title", lang::SanitizeUtf8(a.title)},
          {"date", lang::SanitizeUtf8(a.date)},
          {"source", lang::SanitizeUtf8(a.source)},
          {"lang", lang::SanitizeUtf8(a.lang)},
          {"entity", lang::SanitizeUtf8(r.entity)},
          {"label", lang::SanitizeUtf8(r.label)},
          {"surface", lang::SanitizeUtf8(r.surface)},
          {"start", r.start},
          {"end", r.end},
          {"byte_start", r.byte_start},
          {"byte_end", r.byte_end},
          {"rung", r.rung},
          {"evidence", lang::SanitizeUtf8(r.evidence)},
          {"left", lang::SanitizeUtf8(r.left)},
          {"right", lang::SanitizeUtf8(r.right)}};
}

const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {
      "doc",   "path", "title", "date",       "source",   "lang", "entity",   "label", "surface",
      "start", "end",  "byte_start", "byte_end", "rung", "evidence", "left",  "right"};
  return kColumns;
}

// Text columns are neutralised against spreadsheet formulas; offsets are not.
std::vector<std::string> Cells(const concord::Mention& r) {
  const concord::Article& a = r.article;
  return {FormulaSafe(lang::EscapeName(a.id)),
          FormulaSafe(lang::EscapeName(a.path)),
          FormulaSafe(a.title),
          FormulaSafe(a.date),    FormulaSafe(a.source),     FormulaSafe(a.lang),
          FormulaSafe(r.entity),  FormulaSafe(r.label),      FormulaSafe(r.surface),
          std::to_string(r.start), std::to_string(r.end),    std::to_string(r.byte_start),
          std::to_string(r.byte_end), FormulaSafe(r.rung),   FormulaSafe(r.evidence),
          FormulaSafe(r.left),    FormulaSafe(r.right)};
}

// Display width in code points (good enough for alignment of most scripts).
std::size_t Width(const std::string& s) { return lang::CountCodePoints(s); }

// The last `n` code points of `s`, or `s` left-padded to `n`.
std::string RightAlign(const std::string& s, std::size_t n) {
  const std::size_t w = Width(s);
  if (w <= n) return std::string(n - w, ' ') + s;
  std::size_t i = 0, skip = w - n + 1;
  while (skip > 0 && i < s.size()) {
    lang::DecodeUtf8(s, &i);
    --skip;
  }
  return "…" + s.substr(i);
}

std::string LeftAlign(const std::string& s, std::size_t n) {
  if (Width(s) <= n) return s;
  std::size_t i = 0;
  for (std::size_t k = 0; k + 1 < n && i < s.size(); ++k) lang::DecodeUtf8(s, &i);
  return s.substr(0, i) + "…";
}

class KwicPrinter : public MentionPrinter {
 public:
  KwicPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void Mention(const concord::Mention& r) override {
    const std::string open = color_ ? "\x1b[1;31m" : "[";
    const std::string close = color_ ? "\x1b[0m" : "]";
    char where[64];
    std::snprintf(where, sizeof where, ":%zu", r.start);
    out_ << RightAlign(TerminalSafe(r.left), 40) << " " << open << TerminalSafe(r.surface)
         << close << " " << LeftAlign(TerminalSafe(r.right), 40) << "  "
         << TerminalSafe(lang::EscapeName(r.article.path)) << where << " "
         << TerminalSafe(r.rung) << "\n";
  }
  void End(const concord::MentionSummary& s) override {
    out_ << s.mentions << " mention" << (s.mentions == 1 ? "" : "s") << " in " << s.documents
         << " of " << s.documents_in_scope << " documents";
    if (s.truncated) out_ << " (output truncated by --limit)";
    out_ << "\n";
    if (s.partial) out_ << kPartialNote;
  }

 private:
  std::ostream& out_;
  bool color_;
};

class JsonMentionPrinter : public MentionPrinter {
 public:
  JsonMentionPrinter(std::ostream& out, bool lines) : out_(out), lines_(lines) {}
  void Explain(const std::string& explain_json) override {
    if (lines_) {
      out_ << JsonlExplainLine(explain_json);
    } else {
      explain_ = ExplainMember(explain_json);
    }
  }
  void Begin(const concord::MentionSummary& s) override { partial_ = s.partial; }
  void Mention(const concord::Mention& r) override {
    nlohmann::json j = RecordJson(r);
    if (lines_) {
      j["format_version"] = kOutputFormatVersion;
      if (partial_) j["partial"] = true;  // some shards were skipped
      out_ << JsonText(j) << "\n";
    } else {
      all_.push_back(std::move(j));
    }
  }
  void End(const concord::MentionSummary& s) override {
    if (lines_) return;
    nlohmann::json doc = {{"format_version", kOutputFormatVersion},
                          {"entities", s.entities},
                          {"mentions", all_},
                          {"total_mentions", s.mentions},
                          {"documents", s.documents},
                          {"documents_in_scope", s.documents_in_scope},
                          {"truncated", s.truncated},
                          {"partial", s.partial}};
    if (!explain_.is_null()) doc["explain"] = explain_;
    out_ << JsonText(doc, 2) << "\n";
  }

 private:
  std::ostream& out_;
  bool lines_;
  bool partial_ = false;
  nlohmann::json all_ = nlohmann::json::array();
  nlohmann::json explain_;
};

class TableMentionPrinter : public MentionPrinter {
 public:
  TableMentionPrinter(std::ostream& out, bool csv) : out_(out), csv_(csv) {
    WriteTableHeader(out_, Columns(), csv_);
  }
  void Mention(const concord::Mention& r) override { Row(Cells(r)); }
  void End(const concord::MentionSummary&) override {}

 private:
  void Row(const std::vector<std::string>& cells) { WriteTableRecord(out_, cells, csv_); }
  std::ostream& out_;
  bool csv_;
};

// part/whole with four decimals; "" for an empty bucket (0 of 0 is no share).
std::string Share(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::string();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", static_cast<double>(part) / whole);
  return buf;
}

}  // namespace

std::unique_ptr<MentionPrinter> MakeMentionPrinter(OutputFormat format, std::ostream& out,
                                                   bool color) {
  switch (format) {
    case OutputFormat::kText: return std::make_unique<KwicPrinter>(out, color);
    case OutputFormat::kJson: return std::make_unique<JsonMentionPrinter>(out, false);
    case OutputFormat::kJsonl: return std::make_unique<JsonMentionPrinter>(out, true);
    case OutputFormat::kCsv: return std::make_unique<TableMentionPrinter>(out, true);
    case OutputFormat::kTsv: return std::make_unique<TableMentionPrinter>(out, false);
  }
  return nullptr;
}

void PrintCounts(OutputFormat format, std::ostream& out, const std::string& by_name,
                 const std::vector<concord::CountRow>& rows, const concord::MentionSummary& summary,
                 const std::string& explain_json) {
  const std::vector<std::string> header = {by_name, "mentions", "documents", "documents_in_scope",
                                           "share"};
  auto cells = [&](const concord::CountRow& r) {
    return std::vector<std::string>{FormulaSafe(r.key), std::to_string(r.mentions),
                                    std::to_string(r.documents),
                                    std::to_string(r.documents_in_scope),
                                    Share(r.documents, r.documents_in_scope)};
  };
  switch (format) {
    case OutputFormat::kText: {
      out << LeftAlign(by_name, 30) << std::string(30 - std::min<std::size_t>(30, Width(by_name)), ' ')
          << "  mentions  documents  in scope   share\n";
      for (const concord::CountRow& r : rows) {
        const std::string key = r.key.empty() ? "(none)" : TerminalSafe(r.key);
        char buf[96];
        std::snprintf(buf, sizeof buf, "  %8zu  %9zu  %8zu  %6s\n", r.mentions, r.documents,
                      r.documents_in_scope, Share(r.documents, r.documents_in_scope).c_str());
        const std::string k = LeftAlign(key, 30);
        out << k << std::string(30 - std::min<std::size_t>(30, Width(k)), ' ') << buf;
      }
      out << summary.mentions << " mentions in " << summary.documents << " of "
          << summary.documents_in_scope << " documents\n";
      if (summary.partial) out << kPartialNote;
      return;
    }
    case OutputFormat::kJson:
    case OutputFormat::kJsonl: {
      if (format == OutputFormat::kJsonl && !explain_json.empty()) {
        out << JsonlExplainLine(explain_json);
      }
      nlohmann::json arr = nlohmann::json::array();
      for (const concord::CountRow& r : rows) {
        nlohmann::json j = {{by_name, lang::SanitizeUtf8(r.key)},
                            {"mentions", r.mentions},
                            {"documents", r.documents},
                            {"documents_in_scope", r.documents_in_scope},
                            {"share", nullptr}};
        if (r.documents_in_scope > 0) {
          j["share"] = std::stod(Share(r.documents, r.documents_in_scope));
        }
        if (format == OutputFormat::kJsonl) {
          j["format_version"] = kOutputFormatVersion;
          if (summary.partial) j["partial"] = true;
          out << JsonText(j) << "\n";
        } else {
          arr.push_back(std::move(j));
        }
      }
      if (format == OutputFormat::kJson) {
        nlohmann::json doc = {{"format_version", kOutputFormatVersion},
                              {"count_by", by_name},
                              {"entities", summary.entities},
                              {"rows", arr},
                              {"total_mentions", summary.mentions},
                              {"documents", summary.documents},
                              {"documents_in_scope", summary.documents_in_scope},
                              {"partial", summary.partial}};
        if (!explain_json.empty()) doc["explain"] = ExplainMember(explain_json);
        out << JsonText(doc, 2) << "\n";
      }
      return;
    }
    case OutputFormat::kCsv:
    case OutputFormat::kTsv: {
      const bool csv = format == OutputFormat::kCsv;
      WriteTableHeader(out, header, csv);
      for (const concord::CountRow& r : rows) WriteTableRecord(out, cells(r), csv);
      return;
    }
  }
}

}  // namespace concord::query
