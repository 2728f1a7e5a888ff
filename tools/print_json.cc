// JSON (one document) and JSON Lines (one object a line), for tools. Every
// string is valid UTF-8 (JsonText); file names and ids are escaped
// losslessly (lang::EscapeName); every object carries format_version.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lang/utf8.h"
#include "tools/printer.h"

namespace concord::cli {
namespace {

using nlohmann::json;

json HitJson(const concord::Hit& h) {
  const concord::Article& a = h.article;
  json spans = json::array();
  for (const auto& [s, e] : h.highlights) spans.push_back({s, e});
  return {{"rank", h.rank},
          {"path", lang::EscapeName(a.path)},
          {"id", lang::EscapeName(a.id)},
          {"title", lang::SanitizeUtf8(a.title)},
          {"date", lang::SanitizeUtf8(a.date)},
          {"source", lang::SanitizeUtf8(a.source)},
          {"url", lang::SanitizeUtf8(a.url)},
          {"lang", lang::SanitizeUtf8(a.lang)},
          {"score", std::stod(FormatScore(h.score))},
          {"snippet", lang::SanitizeUtf8(h.snippet)},
          {"highlights", spans},
          {"copies", h.copies}};
}

json MentionJson(const concord::Mention& r) {
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
          {"right", lang::SanitizeUtf8(r.right)},
          {"confidence", r.confidence}};
}

// `value` (valid UTF-8) as a JSON string, as JsonText writes it: quote and
// backslash escaped, \b \f \n \r \t, other controls as \u00xx, the rest as
// it is.
void AppendJsonString(std::string_view value, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(value.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(value.data() + run, value.size() - run);
  out->push_back('"');
}

// MentionJson(r) with format_version (and partial) as one JSON Lines line,
// written directly: a listing prints thousands of records, and building
// each as a json object cost two and a half times the rest of the listing.
// Keys in JsonText's order (sorted).
void AppendMentionJsonLine(const concord::Mention& r, bool partial, std::string* out) {
  const concord::Article& a = r.article;
  const auto key = [out](const char* name) {
    if (out->back() != '{') out->push_back(',');
    out->push_back('"');
    out->append(name);
    out->append("\":");
  };
  // Valid UTF-8, as almost every string is, is written without a copy.
  const auto text = [&](const char* name, std::string_view value) {
    key(name);
    if (lang::FindInvalidUtf8(value) == std::string_view::npos) {
      AppendJsonString(value, out);
    } else {
      AppendJsonString(lang::SanitizeUtf8(value), out);
    }
  };
  const auto number = [&](const char* name, std::uint64_t value) {
    key(name);
    out->append(std::to_string(value));
  };
  out->push_back('{');
  number("byte_end", r.byte_end);
  number("byte_start", r.byte_start);
  text("confidence", r.confidence);
  text("date", a.date);
  text("doc", lang::EscapeName(a.id));
  number("end", r.end);
  text("entity", r.entity);
  text("evidence", r.evidence);
  number("format_version", kOutputFormatVersion);
  text("label", r.label);
  text("lang", a.lang);
  text("left", r.left);
  if (partial) {
    key("partial");
    out->append("true");
  }
  text("path", lang::EscapeName(a.path));
  text("right", r.right);
  text("rung", r.rung);
  text("source", a.source);
  number("start", r.start);
  text("surface", r.surface);
  text("title", a.title);
  out->append("}\n");
}

json CountJson(const std::string& by_name, const concord::CountTableRow& r) {
  const concord::FigureCount& f = r.figures.front();
  json j = {{by_name, lang::SanitizeUtf8(r.key)},
            {"mentions", f.mentions},
            {"documents", f.documents},
            {"documents_in_scope", r.documents_in_scope},
            {"share", nullptr},
            {"per_1000", nullptr}};
  if (r.documents_in_scope > 0) {
    j["share"] = std::stod(FormatShare(f.documents, r.documents_in_scope));
    j["per_1000"] = std::stod(FormatPerThousand(f.mentions, r.documents_in_scope));
  }
  return j;
}

// A bucket of several figures: the documents in it, and a count per figure.
json FiguresJson(const std::string& by_name, const concord::CountTable& t,
                 const concord::CountTableRow& r) {
  json counts = json::array();
  for (std::size_t i = 0; i < t.figures.size(); ++i) {
    const concord::FigureCount& f = r.figures[i];
    json c = {{"figure", lang::SanitizeUtf8(t.figures[i])},
              {"mentions", f.mentions},
              {"documents", f.documents},
              {"share", nullptr},
              {"per_1000", nullptr}};
    if (r.documents_in_scope > 0) {
      c["share"] = std::stod(FormatShare(f.documents, r.documents_in_scope));
      c["per_1000"] = std::stod(FormatPerThousand(f.mentions, r.documents_in_scope));
    }
    counts.push_back(std::move(c));
  }
  return {{by_name, lang::SanitizeUtf8(r.key)},
          {"documents_in_scope", r.documents_in_scope},
          {"counts", std::move(counts)}};
}

// `lines_`: JSON Lines, each record written as it comes with format_version
// (and "partial": true when shards were skipped); otherwise one document
// written at the end, its records in an array.
class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, bool lines) : out_(out), lines_(lines) {}

  void Explain(const std::string& explain_json) override {
    if (lines_) {
      out_ << JsonlExplainLine(explain_json);
    } else {
      explain_ = ExplainMember(explain_json);
    }
  }

  void BeginResults(const std::string& query, const concord::SearchResult& r) override {
    partial_ = r.partial;
    json ignored = json::array();
    for (const concord::IgnoredWord& w : r.ignored) {
      ignored.push_back({{"text", lang::SanitizeUtf8(w.text)}, {"column", w.column}});
    }
    doc_ = {{"format_version", kOutputFormatVersion},
            {"query", lang::SanitizeUtf8(query)},
            {"results", json::array()},
            {"ignored", ignored}};
  }
  void Hit(const concord::Hit& h) override { Record(HitJson(h), "results"); }
  void EndResults(const concord::SearchResult& r) override {
    doc_["total"] = r.total;
    doc_["total_exact"] = r.total_exact;
    doc_["partial"] = r.partial;
    Finish();
  }

  void BeginMentions(const concord::MentionSummary& s) override {
    partial_ = s.partial;
    doc_ = {{"format_version", kOutputFormatVersion}, {"mentions", json::array()}};
  }
  void Mention(const concord::Mention& r) override {
    if (!lines_) {
      Record(MentionJson(r), "mentions");
      return;
    }
    line_.clear();
    AppendMentionJsonLine(r, partial_, &line_);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }
  void EndMentions(const concord::MentionSummary& s) override {
    doc_["entities"] = s.entities;
    doc_["total_mentions"] = s.mentions;
    doc_["documents"] = s.documents;
    doc_["documents_in_scope"] = s.documents_in_scope;
    doc_["truncated"] = s.truncated;
    doc_["partial"] = s.partial;
    Finish();
  }

  void Counts(const std::string& by_name, const concord::CountTable& t) override {
    for (const concord::MentionSummary& s : t.summaries) partial_ = partial_ || s.partial;
    if (t.figures.size() == 1) {
      const concord::MentionSummary& s = t.summaries.front();
      doc_ = {{"format_version", kOutputFormatVersion},
              {"count_by", by_name},
              {"entities", s.entities},
              {"rows", json::array()}};
      for (const concord::CountTableRow& r : t.rows) Record(CountJson(by_name, r), "rows");
      doc_["total_mentions"] = s.mentions;
      doc_["documents"] = s.documents;
      doc_["documents_in_scope"] = s.documents_in_scope;
    } else {
      json figures = json::array();
      for (std::size_t i = 0; i < t.figures.size(); ++i) {
        const concord::MentionSummary& s = t.summaries[i];
        figures.push_back({{"name", lang::SanitizeUtf8(t.figures[i])},
                           {"entities", s.entities},
                           {"total_mentions", s.mentions},
                           {"documents", s.documents}});
      }
      doc_ = {{"format_version", kOutputFormatVersion},
              {"count_by", by_name},
              {"figures", std::move(figures)},
              {"rows", json::array()}};
      for (const concord::CountTableRow& r : t.rows) Record(FiguresJson(by_name, t, r), "rows");
      doc_["documents_in_scope"] = t.summaries.front().documents_in_scope;
    }
    doc_["partial"] = partial_;
    Finish();
  }

 private:
  void Record(json j, const char* array) {
    if (lines_) {
      j["format_version"] = kOutputFormatVersion;
      if (partial_) j["partial"] = true;  // some shards were skipped
      out_ << JsonText(j) << "\n";
    } else {
      doc_[array].push_back(std::move(j));
    }
  }
  void Finish() {
    if (lines_) return;
    if (!explain_.is_null()) doc_["explain"] = explain_;
    out_ << JsonText(doc_, 2) << "\n";
  }

  std::ostream& out_;
  const bool lines_;
  bool partial_ = false;
  json doc_, explain_;
  std::string line_;  // a mention's line, its buffer reused
};

}  // namespace

std::unique_ptr<Printer> MakeJsonPrinter(std::ostream& out, bool lines) {
  return std::make_unique<JsonPrinter>(out, lines);
}

}  // namespace concord::cli
