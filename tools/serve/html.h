#ifndef CONCORD_TOOLS_SERVE_HTML_H_
#define CONCORD_TOOLS_SERVE_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/concord.hpp"

namespace concord::serve {

// Document text and metadata are written by strangers: everything that
// reaches a page goes through these. They escape & < > " ' (safe in element
// content and in quoted attribute values) and write invalid UTF-8 bytes, C0
// and C1 controls, DEL and the bidi embeddings, overrides and isolates as
// U+FFFD, one code point for one, so code-point offsets stay valid.

// One-line text (titles, sources, context): tabs and line breaks become spaces.
std::string Html(std::string_view text);

// `text` escaped, with each [start, end) code-point span wrapped in
// <mark`mark_attributes`>...</mark> (the first span only gets the
// attributes, so an id stays unique). Spans out of range, empty or
// overlapping one before them are left out. `keep_lines`: line breaks stay
// (for white-space: pre-wrap).
std::string HtmlMarked(std::string_view text,
                       std::vector<std::pair<std::size_t, std::size_t>> spans, bool keep_lines,
                       std::string_view mark_attributes = "");

// Percent-encoding of a query parameter value (RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view value);

// A URL of this server: a path and query parameters, written in order.
// Empty values are left out. str() is raw (for Location or tests); attr()
// is escaped for an href or src attribute.
class Url {
 public:
  explicit Url(std::string path) : path_(std::move(path)) {}
  Url& Add(std::string_view key, std::string_view value);
  Url& Add(std::string_view key, std::size_t value);
  Url& AddAll(std::string_view key, const std::vector<std::string>& values);
  std::string str() const { return path_ + query_; }
  std::string attr() const { return Html(str()); }

 private:
  std::string path_, query_;
};

// The page around a view's content: head (CSS and the script file, no
// inline code: the Content-Security-Policy forbids it), navigation, <main>.
std::string PageStart(std::string_view title, std::string_view nav_active);
std::string PageEnd();

// A query that cannot be read, shown with a caret under its column.
std::string QueryErrorHtml(std::string_view query, const Status& status);
// An error paragraph (escaped).
std::string ErrorHtml(const Status& status);

// "1,234".
std::string Thousands(std::size_t n);

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_HTML_H_
