// The JSON API, the downloads and the chart. Bodies are written by the
// printers of concord-search (tools/printer.h), so that /api/search?q=Q is
// byte for byte `concord-search --format jsonl Q`, /mentions.csv?name=N is
// `--mentions N --format csv`, and so on.
#include <algorithm>
#include <sstream>

#include "tools/chart.h"
#include "tools/printer.h"
#include "tools/search_flags.h"
#include "tools/serve/html.h"
#include "tools/serve/views.h"

namespace concord::serve {
namespace {

using cli::OutputFormat;

constexpr std::size_t kApiSearchDefault = 10;  // concord-search's --limit default
constexpr std::size_t kDownloadChunk = 64 * 1024;
constexpr std::size_t kMaxContext = 200;  // as concord-search's --context

const char* TypeOf(OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return "application/json; charset=utf-8";
    case OutputFormat::kJsonl:
      return "application/x-ndjson; charset=utf-8";
    case OutputFormat::kCsv:
      return "text/csv; charset=utf-8";
    default:
      return "text/plain; charset=utf-8";
  }
}

Reply Body(OutputFormat format, std::string body) {
  Reply reply;
  reply.type = TypeOf(format);
  reply.body = std::move(body);
  return reply;
}

void Attachment(const char* filename, Reply* reply) {
  reply->headers.emplace_back("Content-Disposition",
                              std::string("attachment; filename=\"") + filename + "\"");
}

// One name and its listing options, as concord-search --mentions reads them.
Status MentionRequestOf(const Params& params, std::size_t default_limit, std::size_t max_limit,
                        MentionRequest* request) {
  const std::vector<std::string> names = ParamList(params, "name");
  if (names.size() != 1) {
    return Status(Code::kInvalidArgument, "give one name= (the figure whose mentions to list)");
  }
  request->name = names[0];
  request->filter = Param(params, "q");
  request->min_confidence = Param(params, "confidence", "low");
  if (request->min_confidence != "low" && request->min_confidence != "medium" &&
      request->min_confidence != "high") {
    return Status(Code::kInvalidArgument, "confidence must be low, medium or high");
  }
  Status s = NumberParam(params, "limit", default_limit, max_limit, &request->limit);
  if (s.ok()) s = NumberParam(params, "context", 8, kMaxContext, &request->context_words);
  return s;
}

// A filter query is read before a download starts streaming: after that
// an error can no longer change the response's status.
Status CheckQuery(Searcher& searcher, const std::string& query) {
  if (query.empty()) return Status();
  SearchRequest request;
  request.query = query;
  request.limit = 0;
  SearchResult ignored;
  return searcher.Search(request, &ignored);
}

std::string ErrorSvg(const Status& s) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"80\">"
         "<text x=\"16\" y=\"40\" font-family=\"sans-serif\" font-size=\"16\" fill=\"#a00\">" +
         Html(s.message()) + "</text></svg>\n";
}

}  // namespace

Reply SearchApi(SearcherPool& pool, const Params& params, bool download) {
  SearchRequest request;
  request.query = Param(params, "q");
  Status s = request.query.empty() ? Status(Code::kInvalidArgument, "no query (q=)") : Status();
  if (s.ok()) {
    s = NumberParam(params, "limit", download ? kMaxSearchPage : kApiSearchDefault,
                    download ? kMaxSearchDownload : kMaxSearchPage, &request.limit);
  }
  if (s.ok()) s = NumberParam(params, "offset", 0, kMaxOffset, &request.offset);
  if (s.ok() && Param(params, "sort") == "date") request.sort = SortOrder::kDateNewestFirst;
  SearcherPool::Lease searcher;
  SearchResult results;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->Search(request, &results);
  if (!s.ok()) return JsonError(s);
  std::ostringstream out;
  auto printer = cli::MakePrinter(OutputFormat::kJsonl, out, false);
  printer->BeginResults(request.query, results);
  for (const Hit& hit : results.hits) printer->Hit(hit);
  printer->EndResults(results);
  Reply reply = Body(OutputFormat::kJsonl, out.str());
  if (download) Attachment("search.jsonl", &reply);
  return reply;
}

Reply MentionsApi(SearcherPool& pool, const Params& params) {
  MentionRequest request;
  std::size_t offset = 0;
  Status s = MentionRequestOf(params, kMaxMentionPage, kMaxMentionPage, &request);
  if (s.ok()) s = NumberParam(params, "offset", 0, kMaxOffset, &offset);
  MentionSummary summary;
  SearcherPool::Lease searcher;
  const std::size_t page = request.limit;
  // The records before the page are skipped, not kept.
  request.limit = std::min(offset + page, cli::kMaxMentionRecords);
  std::ostringstream out;
  auto printer = cli::MakePrinter(OutputFormat::kJsonl, out, false);
  std::size_t seen = 0;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) {
    s = searcher->Mentions(
        request,
        [&](Mention&& m) {
          if (seen++ == 0) printer->BeginMentions(summary);
          if (seen > offset) printer->Mention(m);
          return Status();
        },
        &summary);
  }
  if (!s.ok()) return JsonError(s);
  if (seen == 0) printer->BeginMentions(summary);
  printer->EndMentions(summary);
  Reply reply = Body(OutputFormat::kJsonl, out.str());
  // JSON Lines has no room for a summary: the totals travel as headers.
  reply.headers.emplace_back("X-Concord-Total-Mentions", std::to_string(summary.mentions));
  reply.headers.emplace_back("X-Concord-Truncated", summary.truncated ? "true" : "false");
  return reply;
}

Reply MentionsDownload(SearcherPool& pool, const Params& params, OutputFormat format) {
  MentionRequest request;
  Status s = MentionRequestOf(params, cli::kMaxMentionRecords, cli::kMaxMentionRecords, &request);
  SearcherPool::Lease searcher;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = CheckQuery(*searcher, request.filter);
  if (!s.ok()) return JsonError(s);
  Reply reply;
  reply.type = TypeOf(format);
  Attachment(format == OutputFormat::kCsv ? "mentions.csv" : "mentions.jsonl", &reply);
  // The lease travels with the stream: the Searcher is this download's
  // until the last record is written.
  reply.stream = [searcher, request, format](const std::function<bool(std::string_view)>& write) {
    std::ostringstream out;
    auto printer = cli::MakePrinter(format, out, false);
    bool begun = false, gone = false;
    MentionSummary summary;
    const auto flush = [&] {
      if (!gone && !write(out.str())) gone = true;
      out.str("");
    };
    Status s = searcher->Mentions(
        request,
        [&](Mention&& m) {
          if (!begun) printer->BeginMentions(summary);
          begun = true;
          printer->Mention(m);
          if (out.tellp() > static_cast<std::streamoff>(kDownloadChunk)) flush();
          return gone ? Status(Code::kCancelled, "the client went away") : Status();
        },
        &summary);
    if (!s.ok()) return s;
    if (!begun) printer->BeginMentions(summary);
    printer->EndMentions(summary);
    flush();
    return Status();
  };
  return reply;
}

Reply CountsApi(SearcherPool& pool, const Params& params, OutputFormat format) {
  FigureQuery figures;
  Status s = ParseFigureQuery(params, "month", &figures);
  if (s.ok() && figures.names.empty()) s = Status(Code::kInvalidArgument, "no name= given");
  SearcherPool::Lease searcher;
  CountTable table;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->Count(FigureRequests(figures), figures.by, &table);
  if (!s.ok()) return JsonError(s);
  std::ostringstream out;
  cli::MakePrinter(format, out, false)->Counts(figures.by_name, table);
  Reply reply = Body(format, out.str());
  if (format == OutputFormat::kCsv) Attachment("counts.csv", &reply);
  return reply;
}

Reply ExplainApi(SearcherPool& pool, const Params& params) {
  const std::string q = Param(params, "q");
  Status s = q.empty() ? Status(Code::kInvalidArgument, "no query (q=)") : Status();
  SearcherPool::Lease searcher;
  std::string json;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->ExplainJson(q, true, &json);
  if (!s.ok()) return JsonError(s);
  // What `concord-search --explain --format jsonl` prints first.
  return Body(OutputFormat::kJson, cli::JsonlExplainLine(json));
}

Reply ChartReply(SearcherPool& pool, const Params& params) {
  FigureQuery figures;
  Status s = ParseFigureQuery(params, "month", &figures);
  if (s.ok() && figures.names.empty()) s = Status(Code::kInvalidArgument, "no name= given");
  const std::string metric = Param(params, "metric", "mentions");
  cli::ChartOptions options;
  options.by_name = figures.by_name;
  if (metric == "per1000") {
    options.metric = cli::ChartMetric::kPerThousand;
  } else if (metric != "mentions") {
    s = Status(Code::kInvalidArgument, "metric must be mentions or per1000");
  }
  // The title concord-search --plot draws.
  for (const std::string& n : figures.names) {
    options.title += (options.title.empty() ? "" : ", ") + n;
  }
  options.title += " by " + figures.by_name;
  if (!figures.filter.empty()) options.title += " \u2014 " + figures.filter;
  SearcherPool::Lease searcher;
  CountTable table;
  std::string svg;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->Count(FigureRequests(figures), figures.by, &table);
  searcher.reset();  // drawing needs no Searcher
  if (s.ok()) s = cli::ChartSvg(table, options, &svg);
  Reply reply;
  reply.type = "image/svg+xml; charset=utf-8";
  reply.status = s.ok() ? 200 : HttpStatus(s);
  reply.body = s.ok() ? svg : ErrorSvg(s);
  return reply;
}

}  // namespace concord::serve
