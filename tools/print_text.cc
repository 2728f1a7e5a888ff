// Text output, for people: ranked results with marked snippets, an aligned
// keyword-in-context concordance of mentions, a table of counts. Everything
// from a document goes through TerminalSafe (docs/security.md).
#include <algorithm>
#include <cstdio>

#include "lang/utf8.h"
#include "tools/printer.h"

namespace concord::cli {
namespace {

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

// The first `n` code points of `s` (cut with "…").
std::string LeftAlign(const std::string& s, std::size_t n) {
  if (Width(s) <= n) return s;
  std::size_t i = 0;
  for (std::size_t k = 0; k + 1 < n && i < s.size(); ++k) lang::DecodeUtf8(s, &i);
  return s.substr(0, i) + "…";
}

// `s` cut or padded to exactly `n` code points.
std::string Column(const std::string& s, std::size_t n) {
  const std::string cut = LeftAlign(s, n);
  return cut + std::string(n - std::min(n, Width(cut)), ' ');
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool color)
      : out_(out),
        bold_(color ? "\x1b[1m" : ""),
        reset_(color ? "\x1b[0m" : ""),
        open_(color ? "\x1b[1;31m" : "["),
        close_(color ? "\x1b[0m" : "]") {}

  void BeginResults(const std::string&, const concord::SearchResult&) override {}

  void Hit(const concord::Hit& h) override {
    const concord::Article& a = h.article;
    const std::string heading = a.title.empty() ? lang::EscapeName(a.path) : a.title;
    out_ << h.rank << ". " << bold_ << TerminalSafe(heading) << reset_ << "\n   "
         << (a.date.empty() ? "undated" : TerminalSafe(a.date)) << " · "
         << TerminalSafe(a.source.empty() ? "unknown source" : a.source) << " · "
         << TerminalSafe(a.lang) << " · score " << FormatScore(h.score)
         << (h.copies ? " · +" + std::to_string(h.copies) + " near-duplicate" +
                            (h.copies == 1 ? "" : "s")
                      : std::string())
         << "\n   " << TerminalSafe(lang::EscapeName(a.path)) << "\n";
    out_ << "   " << (h.snippet_starts_mid_text ? "…" : "")
         << MarkSnippet(TerminalSafe(h.snippet), h.highlights, open_, close_)
         << (h.snippet_ends_mid_text ? "…" : "") << "\n\n";
  }

  void EndResults(const concord::SearchResult& r) override {
    const std::size_t shown = r.hits.empty() ? 0 : r.hits.back().rank;
    out_ << (r.total_exact ? "" : "about ") << r.total << " matching document"
         << (r.total == 1 ? "" : "s");
    if (!r.hits.empty()) out_ << "; showing " << r.hits.front().rank << "-" << shown;
    out_ << "\n";
    if (r.partial) out_ << kPartialNote;
  }

  void BeginMentions(const concord::MentionSummary&) override {}
  void ShowEvidence() override { evidence_ = true; }

  void Mention(const concord::Mention& r) override {
    char where[64];
    std::snprintf(where, sizeof where, ":%zu", r.start);
    out_ << RightAlign(TerminalSafe(r.left), 40) << " " << open_ << TerminalSafe(r.surface)
         << close_ << " " << LeftAlign(TerminalSafe(r.right), 40) << "  "
         << TerminalSafe(lang::EscapeName(r.article.path)) << where << " " << TerminalSafe(r.rung)
         << (r.confidence == "low" ? " ambiguous" : "") << "\n";
    if (evidence_) out_ << std::string(41, ' ') << "why: " << TerminalSafe(r.evidence) << "\n";
  }

  void EndMentions(const concord::MentionSummary& s) override {
    out_ << s.mentions << " mention" << (s.mentions == 1 ? "" : "s") << " in " << s.documents
         << " of " << s.documents_in_scope << " documents";
    if (s.truncated) out_ << " (output truncated by --limit)";
    out_ << "\n";
    if (s.partial) out_ << kPartialNote;
  }

  void Counts(const std::string& by_name, const concord::CountTable& t) override {
    if (t.figures.size() == 1) {
      out_ << Column(by_name, 30) << "  mentions  documents  in scope   share  per 1000\n";
      for (const concord::CountTableRow& r : t.rows) {
        const concord::FigureCount& f = r.figures.front();
        char buf[128];
        std::snprintf(buf, sizeof buf, "  %8zu  %9zu  %8zu  %6s  %8s\n", f.mentions, f.documents,
                      r.documents_in_scope, FormatShare(f.documents, r.documents_in_scope).c_str(),
                      FormatPerThousand(f.mentions, r.documents_in_scope).c_str());
        out_ << Column(r.key.empty() ? "(none)" : TerminalSafe(r.key), 30) << buf;
      }
    } else {
      // Per figure: its mentions and their rate per 1,000 documents.
      std::vector<int> widths;
      out_ << Column(by_name, 24) << "  in scope";
      for (const std::string& name : t.figures) {
        const std::string shown = TerminalSafe(name);
        widths.push_back(static_cast<int>(std::max<std::size_t>(8, Width(shown))));
        out_ << "  " << RightAlign(shown, widths.back()) << "  per 1000";
      }
      out_ << "\n";
      for (const concord::CountTableRow& r : t.rows) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "  %8zu", r.documents_in_scope);
        out_ << Column(r.key.empty() ? "(none)" : TerminalSafe(r.key), 24) << buf;
        for (std::size_t i = 0; i < r.figures.size(); ++i) {
          std::snprintf(buf, sizeof buf, "  %*zu  %8s", widths[i], r.figures[i].mentions,
                        FormatPerThousand(r.figures[i].mentions, r.documents_in_scope).c_str());
          out_ << buf;
        }
        out_ << "\n";
      }
    }
    bool partial = false;
    for (std::size_t i = 0; i < t.figures.size(); ++i) {
      const concord::MentionSummary& s = t.summaries[i];
      if (t.figures.size() > 1) out_ << TerminalSafe(t.figures[i]) << ": ";
      out_ << s.mentions << " mentions in " << s.documents << " of " << s.documents_in_scope
           << " documents\n";
      partial = partial || s.partial;
    }
    if (partial) out_ << kPartialNote;
  }

 private:
  std::ostream& out_;
  const std::string bold_, reset_, open_, close_;
  bool evidence_ = false;  // ShowEvidence
};

}  // namespace

std::unique_ptr<Printer> MakeTextPrinter(std::ostream& out, bool color) {
  return std::make_unique<TextPrinter>(out, color);
}

}  // namespace concord::cli
