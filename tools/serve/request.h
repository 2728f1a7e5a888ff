#ifndef CONCORD_TOOLS_SERVE_REQUEST_H_
#define CONCORD_TOOLS_SERVE_REQUEST_H_

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/concord.hpp"

namespace concord::serve {

// What the views read and answer, apart from the HTTP library: query
// parameters in, a status, a type and a body (or a stream) out.
using Params = std::multimap<std::string, std::string>;

struct Reply {
  int status = 200;
  std::string type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A download written as it is produced instead of `body`: called once,
  // it hands each piece to `write` (false: the client went away; stop).
  // Its status is only logged: the response has begun by then.
  std::function<Status(const std::function<bool(std::string_view)>& write)> stream;
};

// Caps of what one request may ask (docs: the page's "Limits").
inline constexpr std::size_t kMaxSearchPage = 100;       // results a page or an API call
inline constexpr std::size_t kMaxSearchDownload = 1000;  // results in search.jsonl
inline constexpr std::size_t kMaxMentionPage = 1000;     // mention records a page or API call
inline constexpr std::size_t kMaxNames = 8;              // figures one view compares
inline constexpr std::size_t kMaxOffset = 1000000;       // paging stops there

// The first value of `key`, or `fallback` when absent.
std::string Param(const Params& params, const std::string& key, const std::string& fallback = "");
// Every non-empty value of `key`, in order.
std::vector<std::string> ParamList(const Params& params, const std::string& key);
// A whole number parameter: absent → fallback; above `max` → max; not a
// number → kInvalidArgument naming it.
Status NumberParam(const Params& params, const std::string& key, std::size_t fallback,
                   std::size_t max, std::size_t* value);

// The HTTP status of a failed Status: a bad query or argument 400, a missing
// document 404, anything else 500.
int HttpStatus(const Status& status);
// {"error": message, "code": "query_syntax", "column": N or null}.
Reply JsonError(const Status& status);

// Figures compared over the same documents: the mentions page, the chart,
// the counts. Parameters name= (repeated, at most kMaxNames), q=, by=,
// confidence= (the minimum: low, medium, high).
struct FigureQuery {
  std::vector<std::string> names;
  std::string filter;
  std::string by_name = "month";
  CountBy by = CountBy::kMonth;
  std::string min_confidence = "low";
};
// `default_by` when by= is absent. kInvalidArgument for a bad value.
Status ParseFigureQuery(const Params& params, const std::string& default_by, FigureQuery* query);
// One MentionRequest per name, as concord-search makes them.
std::vector<MentionRequest> FigureRequests(const FigureQuery& query);
// The same parameters again, for links to the chart, counts and downloads.
class Url;
void AddFigureParams(const FigureQuery& query, Url* url);

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_REQUEST_H_
