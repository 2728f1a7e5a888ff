#ifndef CONCORD_TOOLS_SERVE_VIEWS_H_
#define CONCORD_TOOLS_SERVE_VIEWS_H_

#include "tools/output_format.h"
#include "tools/serve/request.h"
#include "tools/serve/searcher_pool.h"

namespace concord::serve {

// Every view of concord-serve: read-only, each a function of the query
// parameters; server.cc maps paths to them. HTML pages are rendered on the
// server so that every view has a URL and works without JavaScript.

// "/": the search box, ranked results with highlights, facets (search_page.cc).
Reply SearchPage(SearcherPool& pool, const Params& params);
// "/mentions": the KWIC table, the attention chart and counts (mentions_page.cc).
Reply MentionsPage(SearcherPool& pool, const Params& params);
// "/doc": one document with a code-point range highlighted (doc_page.cc).
Reply DocPage(SearcherPool& pool, const Params& params);

// What concord-search prints, byte for byte (api.cc): "/api/search",
// "/search.jsonl" (jsonl results), "/api/mentions" and "/mentions.jsonl",
// "/mentions.csv" (mention records), "/api/counts" (json) and "/counts.csv",
// "/api/explain" (the --explain line of jsonl).
Reply SearchApi(SearcherPool& pool, const Params& params, bool download);
Reply MentionsApi(SearcherPool& pool, const Params& params);
Reply MentionsDownload(SearcherPool& pool, const Params& params, cli::OutputFormat format);
Reply CountsApi(SearcherPool& pool, const Params& params, cli::OutputFormat format);
Reply ExplainApi(SearcherPool& pool, const Params& params);
// "/chart.svg": the attention chart of the figures (api.cc).
Reply ChartReply(SearcherPool& pool, const Params& params);

// An HTML page for an error status (404 for an unknown path, 414...).
Reply ErrorPage(int http_status, const std::string& message);

// The static files, compiled in (assets.cc); nothing is read from disk.
extern const char* const kPageCss;
extern const char* const kPageJs;

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_VIEWS_H_
