// "/": search with facets. Facets count the languages, sources and months
// of the first kFacetSample matching documents in rank order (bounded work
// per request; the page says when the results are more than that), so a
// facet count is exact whenever the total is below it.
#include <algorithm>
#include <map>

#include "tools/serve/html.h"
#include "tools/serve/views.h"

namespace concord::serve {
namespace {

constexpr std::size_t kPageSize = 20;
constexpr std::size_t kFacetSample = 300;
constexpr std::size_t kFacetValuesShown = 12;

bool IsIsoDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[k] < '0' || d[k] > '9') return false;
  }
  return true;
}

// True when `q` has an OR outside phrases: a filter appended to it must
// then be put after the whole query in parentheses (OR binds loosest).
bool HasTopLevelOr(const std::string& q) {
  bool quoted = false;
  std::string word;
  for (std::size_t k = 0; k <= q.size(); ++k) {
    const char c = k < q.size() ? q[k] : ' ';
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == ' ' || c == '(' || c == ')' || c == '"')) {
      if (word == "OR") return true;
      word.clear();
    } else if (!quoted) {
      word += c;
    }
  }
  return false;
}

// The query narrowed by one more clause (a facet's filter).
std::string Refine(const std::string& q, const std::string& clause) {
  std::string trimmed = q;
  trimmed.erase(0, trimmed.find_first_not_of(' '));
  trimmed.erase(trimmed.find_last_not_of(' ') + 1);
  if (trimmed.empty() || trimmed == "*") return clause;
  if (HasTopLevelOr(trimmed)) return "(" + trimmed + ") " + clause;
  return trimmed + " " + clause;
}

// A query field for a facet value: a word when it is one, else a phrase
// (a double quote cannot be escaped inside a phrase, so it is dropped).
std::string FieldClause(const std::string& field, std::string value) {
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  const bool word =
      field == std::string("date") || value.find_first_of(" ()*:-'") == std::string::npos;
  return field + ":" + (word ? value : "\"" + value + "\"");
}

struct Facet {
  const char* title;
  const char* field;
  bool by_key;  // listed in key order (months), else by count
  std::map<std::string, std::size_t> counts;
};

std::string FacetHtml(const Facet& f, const std::string& q) {
  std::vector<std::pair<std::string, std::size_t>> values(f.counts.begin(), f.counts.end());
  if (!f.by_key) {
    std::stable_sort(values.begin(), values.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  std::string out = "<section class=\"facet\"><h2>" + Html(f.title) + "</h2><ul>";
  std::size_t shown = 0;
  for (const auto& [key, n] : values) {
    if (++shown > kFacetValuesShown) {
      out +=
          "<li class=\"more\">and " + Thousands(values.size() - kFacetValuesShown) + " more</li>";
      break;
    }
    out += "<li>";
    if (key.empty()) {
      out += "<span class=\"none\">(none)</span>";
    } else {
      const std::string clause = FieldClause(f.field, key);
      out += "<a data-swap href=\"" + Url("/").Add("q", Refine(q, clause)).attr() + "\" title=\"" +
             Html(clause) + "\">" + Html(key) + "</a>";
    }
    out += " <span class=\"count\">" + Thousands(n) + "</span></li>";
  }
  return out + "</ul></section>\n";
}

std::string HitHtml(const Hit& h) {
  const Article& a = h.article;
  std::string out = "<li class=\"hit\"><h3><a href=\"" + Url("/doc").Add("id", a.id).attr() +
                    "\">" + Html(a.title.empty() ? "(untitled)" : a.title) + "</a></h3>";
  out += "<p class=\"meta\">";
  for (const std::string* v : {&a.date, &a.source, &a.lang}) {
    if (!v->empty()) out += "<span>" + Html(*v) + "</span>";
  }
  if (h.copies > 0) out += "<span>" + Thousands(h.copies) + " near-duplicates</span>";
  out += "</p><p class=\"snippet\">" + std::string(h.snippet_starts_mid_text ? "… " : "") +
         HtmlMarked(h.snippet, h.highlights, false) + (h.snippet_ends_mid_text ? " …" : "") +
         "</p></li>\n";
  return out;
}

std::string SearchForm(const std::string& q, bool by_date) {
  return "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">"
         "<input type=\"search\" name=\"q\" value=\"" +
         Html(q) +
         "\" placeholder=\"Zelensky Istanbul, &quot;peace talks&quot; lang:en, date:2025-06\" "
         "aria-label=\"Query\" autofocus>" +
         (by_date ? "<input type=\"hidden\" name=\"sort\" value=\"date\">" : "") +
         "<button type=\"submit\">Search</button></form>\n";
}

std::string Welcome(Searcher& searcher) {
  IndexStatistics stats;
  std::string out = "<section class=\"welcome\">";
  if (searcher.Statistics(&stats).ok()) {
    out += "<p>" + Thousands(stats.documents) + " documents";
    if (!stats.languages.empty()) {
      out += " in";
      for (const std::string& l : stats.languages) {
        out += " <a href=\"" + Url("/").Add("q", "lang:" + l).attr() + "\">" + Html(l) + "</a>";
      }
    }
    out += ".</p>";
  }
  out +=
      "<p>Try <a href=\"/?q=Istanbul\">Istanbul</a>, "
      "<a href=\"/?q=person%3AZelensky%20NEAR%20Erdogan\">person:Zelensky NEAR Erdogan</a>, "
      "<a href=\"/?q=*&amp;sort=date\">every document, newest first</a>, or "
      "<a href=\"/mentions?name=Zelensky&amp;name=Putin\">every mention of Zelensky and "
      "Putin</a>.</p></section>\n";
  return out;
}

std::string Pager(const std::string& q, bool by_date, std::size_t offset, std::size_t limit,
                  std::size_t shown, std::size_t total) {
  std::string out = "<nav class=\"pager\">";
  const auto link = [&](std::size_t at, const char* label) {
    Url u("/");
    u.Add("q", q).Add("sort", by_date ? "date" : "");
    if (at > 0) u.Add("offset", at);
    if (limit != kPageSize) u.Add("limit", limit);
    return "<a data-swap href=\"" + u.attr() + "\">" + label + "</a>";
  };
  if (offset > 0) out += link(offset > limit ? offset - limit : 0, "← Previous");
  if (offset + shown < total && offset + limit < kMaxOffset) out += link(offset + limit, "Next →");
  return out + "</nav>\n";
}

struct PageRequest {
  std::string q;
  bool by_date = false;
  std::size_t offset = 0, limit = kPageSize;
};

// The facet sample and the page. One search serves both when the page lies
// within the sample; a page beyond it is a second search.
Status RunSearch(Searcher& searcher, const PageRequest& r, SearchResult* sample,
                 std::vector<Hit>* page) {
  SearchRequest request;
  request.query = r.q;
  request.sort = r.by_date ? SortOrder::kDateNewestFirst : SortOrder::kRelevance;
  request.limit = kFacetSample;
  if (Status s = searcher.Search(request, sample); !s.ok()) return s;
  if (r.offset + r.limit <= kFacetSample) {
    for (std::size_t k = r.offset; k < sample->hits.size() && k < r.offset + r.limit; ++k) {
      page->push_back(sample->hits[k]);
    }
    return Status();
  }
  request.offset = r.offset;
  request.limit = r.limit;
  SearchResult result;
  Status s = searcher.Search(request, &result);
  *page = std::move(result.hits);
  return s;
}

std::string FacetsHtml(const SearchResult& sample, const std::string& q) {
  Facet facets[] = {{"Language", "lang", false, {}},
                    {"Source", "source", false, {}},
                    {"Month", "date", true, {}}};
  for (const Hit& h : sample.hits) {
    const Article& a = h.article;
    ++facets[0].counts[a.lang];
    ++facets[1].counts[a.source];
    ++facets[2].counts[IsIsoDate(a.date) ? a.date.substr(0, 7) : ""];
  }
  std::string out = "<aside class=\"facets\">";
  if (sample.total > sample.hits.size()) {
    out +=
        "<p class=\"note\">Counted in the first " + Thousands(sample.hits.size()) + " results.</p>";
  }
  for (const Facet& f : facets) out += FacetHtml(f, q);
  return out + "</aside>";
}

// The total, what is shown, and links to the other order, the download
// and the query's analysis; notes on what the search left out.
std::string TotalHtml(const PageRequest& r, const SearchResult& sample, std::size_t shown) {
  std::string out = "<p class=\"total\">" + std::string(sample.total_exact ? "" : "About ") +
                    Thousands(sample.total) + (sample.total == 1 ? " document" : " documents");
  if (shown > 0) {
    out += ", " + Thousands(r.offset + 1) + "–" + Thousands(r.offset + shown) + " shown";
  }
  out += ". <a data-swap href=\"" +
         Url("/").Add("q", r.q).Add("sort", r.by_date ? "" : "date").attr() + "\">" +
         (r.by_date ? "Sort by relevance" : "Sort by date") + "</a> · <a href=\"" +
         Url("/search.jsonl").Add("q", r.q).Add("limit", kMaxSearchDownload).attr() +
         "\" download>JSON Lines</a> · <a href=\"" + Url("/api/explain").Add("q", r.q).attr() +
         "\">explain</a></p>\n";
  if (sample.partial) out += "<p class=\"note\">Partial results: some shards were skipped.</p>";
  for (const IgnoredWord& w : sample.ignored) {
    out += "<p class=\"note\">Ignored '" + Html(w.text) + "' at column " +
           std::to_string(w.column) + ": nothing searchable in it.</p>";
  }
  return out;
}

}  // namespace

Reply SearchPage(SearcherPool& pool, const Params& params) {
  PageRequest r;
  r.q = Param(params, "q");
  r.by_date = Param(params, "sort") == "date";
  Status s = NumberParam(params, "offset", 0, kMaxOffset, &r.offset);
  if (s.ok()) s = NumberParam(params, "limit", kPageSize, kMaxSearchPage, &r.limit);
  Reply reply;
  std::string body = PageStart(r.q.empty() ? "Search" : r.q, "Search") + SearchForm(r.q, r.by_date);
  SearcherPool::Lease searcher;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok() && r.q.empty()) {
    reply.body = body + Welcome(*searcher) + PageEnd();
    return reply;
  }
  SearchResult sample;
  std::vector<Hit> page;
  if (s.ok()) s = RunSearch(*searcher, r, &sample, &page);
  if (!s.ok()) {
    reply.status = HttpStatus(s);
    reply.body =
        body + (s.code() == Code::kQuerySyntax ? QueryErrorHtml(r.q, s) : ErrorHtml(s)) + PageEnd();
    return reply;
  }
  body += TotalHtml(r, sample, page.size()) + "<div class=\"columns\">" + FacetsHtml(sample, r.q) +
          "<section class=\"results\"><ol start=\"" + std::to_string(r.offset + 1) + "\">";
  for (const Hit& h : page) body += HitHtml(h);
  body += "</ol>" + Pager(r.q, r.by_date, r.offset, r.limit, page.size(), sample.total) +
          "</section></div>\n";
  reply.body = body + PageEnd();
  return reply;
}

}  // namespace concord::serve
