// JSON (one document) and JSON Lines (one object a line), for tools. Every
// string is valid UTF-8 (JsonText); file names and ids are escaped
// losslessly (lang::EscapeName); every object carries format_version.
#include <nlohmann/json.hpp>

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

json CountJson(const std::string& by_name, const concord::CountRow& r) {
  json j = {{by_name, lang::SanitizeUtf8(r.key)},
            {"mentions", r.mentions},
            {"documents", r.documents},
            {"documents_in_scope", r.documents_in_scope},
            {"share", nullptr}};
  if (r.documents_in_scope > 0)
    j["share"] = std::stod(FormatShare(r.documents, r.documents_in_scope));
  return j;
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
  void Mention(const concord::Mention& r) override { Record(MentionJson(r), "mentions"); }
  void EndMentions(const concord::MentionSummary& s) override {
    doc_["entities"] = s.entities;
    doc_["total_mentions"] = s.mentions;
    doc_["documents"] = s.documents;
    doc_["documents_in_scope"] = s.documents_in_scope;
    doc_["truncated"] = s.truncated;
    doc_["partial"] = s.partial;
    Finish();
  }

  void Counts(const std::string& by_name, const std::vector<concord::CountRow>& rows,
              const concord::MentionSummary& s) override {
    partial_ = s.partial;
    doc_ = {{"format_version", kOutputFormatVersion},
            {"count_by", by_name},
            {"entities", s.entities},
            {"rows", json::array()}};
    for (const concord::CountRow& r : rows) Record(CountJson(by_name, r), "rows");
    doc_["total_mentions"] = s.mentions;
    doc_["documents"] = s.documents;
    doc_["documents_in_scope"] = s.documents_in_scope;
    doc_["partial"] = s.partial;
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
};

}  // namespace

std::unique_ptr<Printer> MakeJsonPrinter(std::ostream& out, bool lines) {
  return std::make_unique<JsonPrinter>(out, lines);
}

}  // namespace concord::cli
