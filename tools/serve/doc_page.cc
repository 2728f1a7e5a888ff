// "/doc?id=ID&start=S&end=E": one document, its text with the code-point
// range [S, E) marked as <mark id="hit"> (the mentions page links here with
// a mention's offsets, and "#hit" scrolls to it).
#include <algorithm>

#include "lang/utf8.h"
#include "tools/serve/html.h"
#include "tools/serve/views.h"

namespace concord::serve {
namespace {

// Links only to the web: a url field of a document could say "javascript:".
bool IsWebUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string MetadataHtml(const Article& a) {
  std::string out = "<dl class=\"metadata\">";
  const auto row = [&](const char* label, const std::string& html) {
    out += std::string("<dt>") + label + "</dt><dd>" + html + "</dd>";
  };
  if (!a.date.empty()) row("Date", Html(a.date));
  if (!a.source.empty()) {
    std::string phrase = a.source;  // a phrase cannot hold a double quote
    phrase.erase(std::remove(phrase.begin(), phrase.end(), '"'), phrase.end());
    row("Source", "<a href=\"" + Url("/").Add("q", "source:\"" + phrase + "\"").attr() + "\">" +
                      Html(a.source) + "</a>");
  }
  if (!a.lang.empty()) row("Language", Html(a.lang));
  if (!a.url.empty()) {
    row("URL", IsWebUrl(a.url) ? "<a rel=\"noopener noreferrer\" href=\"" + Html(a.url) + "\">" +
                                     Html(a.url) + "</a>"
                               : Html(a.url));
  }
  row("Id", "<code>" + Html(lang::EscapeName(a.id)) + "</code>");
  if (!a.path.empty()) row("File", "<code>" + Html(lang::EscapeName(a.path)) + "</code>");
  return out + "</dl>\n";
}

}  // namespace

Reply DocPage(SearcherPool& pool, const Params& params) {
  Reply reply;
  const std::string id = Param(params, "id");
  Status s = id.empty() ? Status(Code::kInvalidArgument, "no document id (/doc?id=ID)") : Status();
  // Offsets that are not numbers are a bad request; numbers out of the
  // text's range just show it without a highlight.
  std::size_t start = 0, end = 0;
  const bool marked = params.count("start") > 0 || params.count("end") > 0;
  if (s.ok()) s = NumberParam(params, "start", 0, SIZE_MAX / 2, &start);
  if (s.ok()) s = NumberParam(params, "end", 0, SIZE_MAX / 2, &end);
  Article article;
  SearcherPool::Lease searcher;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->Document(id, &article);
  if (!s.ok()) {
    reply.status = HttpStatus(s);
    reply.body = PageStart("Document", "") + ErrorHtml(s) + PageEnd();
    return reply;
  }
  const std::string title = article.title.empty() ? "(untitled)" : article.title;
  std::string body = PageStart(title, "") + "<article class=\"document\"><h1>" + Html(title) +
                     "</h1>\n" + MetadataHtml(article);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (marked) {
    if (start < end && end <= lang::CountCodePoints(article.text)) {
      spans.emplace_back(start, end);
      body += "<p class=\"note\"><a href=\"#hit\">Go to the highlighted passage</a></p>";
    } else {
      body += "<p class=\"note\">The range " + std::to_string(start) + "–" + std::to_string(end) +
              " is not within this document's text; shown without a highlight.</p>";
    }
  }
  body += "<div class=\"text\">" + HtmlMarked(article.text, spans, true, "id=\"hit\"") +
          "</div></article>\n";
  reply.body = body + PageEnd();
  return reply;
}

}  // namespace concord::serve
