// HTML pages: one article per page, its main text extracted by
// corpus/html_text.h. Offsets refer to the extracted text, not to the page
// bytes (markup is gone), so byte_offset and cp_offset are 0.

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <memory>
#include <string>
#include <string_view>

#include "corpus/article.h"
#include "corpus/date_extract.h"
#include "corpus/html_text.h"
#include "corpus/reader.h"

namespace concord::corpus {
namespace {

// How much of the text is searched for a date when the page states none.
constexpr std::size_t kDateSearchBytes = 2000;

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!(c == ' ' || (c >= '\t' && c <= '\r'))) return false;
  }
  return true;
}

bool HasScheme(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

// A relative canonical link ("/2025/06/story") is made absolute with the
// page's own URL when a container (WARC) gave one.
std::string ResolveUrl(const std::string& url, const std::string& base) {
  if (url.empty() || base.empty() || HasScheme(url)) return url;
  struct Free {
    void operator()(xmlChar* p) const { xmlFree(p); }
  };
  const std::unique_ptr<xmlChar, Free> resolved(
      xmlBuildURI(reinterpret_cast<const xmlChar*>(url.c_str()),
                  reinterpret_cast<const xmlChar*>(base.c_str())));
  if (resolved == nullptr) return url;
  return std::string(reinterpret_cast<const char*>(resolved.get()));
}

// For a page that states no date: the first date written in its text, else
// the container's date hint. The hint (a WARC crawl date) is when the page
// was fetched, not when it was published, so a date in the text wins over
// it unless that date is later: a page is not published after it was
// fetched, so a later date is an event the page announces.
std::string DateInTextOrHint(std::string_view text, const std::string& hint) {
  std::string date = FindDate(text.substr(0, kDateSearchBytes));
  if (IsValidIsoDate(hint) && (date.empty() || date > hint)) date = hint;
  return date;
}

}  // namespace

namespace {

// One page (or one piece of a huge page, `piece`: a piece without text is
// no news, a page without text is warned about).
bool ReadPage(const Source& source, bool piece, ArticleSink* sink, std::string* error) {
  HtmlPage page;
  // libxml2 makes no document of nothing; an empty page is not an error.
  if (!IsBlank(source.content) && !ParseHtmlPage(source.content, &page)) {
    *error = source.path + ": not readable as HTML";
    return false;
  }
  if (page.text.empty()) {
    if (!piece) {
      sink->Warn(source.path + ": HTML page has no text to index (" +
                 (IsBlank(source.content)
                      ? std::string("the file is empty or blank")
                      : "its " + std::to_string(source.content.size()) +
                            " bytes hold only markup, scripts, styles or navigation") +
                 ")");
    }
    return true;
  }

  Article article;
  article.path = source.path;
  article.id = source.id;
  article.title = std::move(page.title);
  article.date = std::move(page.date);
  if (article.date.empty()) article.date = DateInTextOrHint(page.text, source.date);
  article.source = std::move(page.site_name);
  article.url = page.url.empty() ? source.url : ResolveUrl(page.url, source.url);
  article.lang = std::move(page.lang);
  article.text = std::move(page.text);
  sink->Add(std::move(article));
  return true;
}

}  // namespace

bool ReadHtmlSource(const Source& source, ArticleSink* sink, std::string* error) {
  return ReadPage(source, /*piece=*/false, sink, error);
}

// Declared in corpus/stream.cc, which reads huge pages in pieces.
bool ReadHtmlPiece(const Source& source, ArticleSink* sink, std::string* error) {
  return ReadPage(source, /*piece=*/true, sink, error);
}

}  // namespace concord::corpus
