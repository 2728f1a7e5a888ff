#include "tools/serve/request.h"

#include <nlohmann/json.hpp>

#include "tools/output_format.h"
#include "tools/serve/html.h"

namespace concord::serve {

std::string Param(const Params& params, const std::string& key, const std::string& fallback) {
  auto it = params.find(key);
  return it == params.end() ? fallback : it->second;
}

std::vector<std::string> ParamList(const Params& params, const std::string& key) {
  std::vector<std::string> values;
  auto [first, last] = params.equal_range(key);
  for (auto it = first; it != last; ++it) {
    if (!it->second.empty()) values.push_back(it->second);
  }
  return values;
}

Status NumberParam(const Params& params, const std::string& key, std::size_t fallback,
                   std::size_t max, std::size_t* value) {
  const std::string text = Param(params, key);
  if (text.empty()) {
    *value = fallback < max ? fallback : max;
    return Status();
  }
  std::size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return Status(Code::kInvalidArgument, key + " takes a whole number, not '" + text + "'");
    }
    v = v > max ? v : v * 10 + static_cast<std::size_t>(c - '0');
  }
  *value = v < max ? v : max;
  return Status();
}

int HttpStatus(const Status& status) {
  switch (status.code()) {
    case Code::kQuerySyntax:
    case Code::kInvalidArgument:
      return 400;
    case Code::kNotFound:
      return 404;
    default:
      return 500;
  }
}

Reply JsonError(const Status& status) {
  nlohmann::json j = {
      {"error", status.message()}, {"code", CodeName(status.code())}, {"column", nullptr}};
  if (status.column() > 0) j["column"] = status.column();
  Reply reply;
  reply.status = HttpStatus(status);
  reply.type = "application/json; charset=utf-8";
  reply.body = cli::JsonText(j) + "\n";
  return reply;
}

Status ParseFigureQuery(const Params& params, const std::string& default_by, FigureQuery* query) {
  query->names = ParamList(params, "name");
  if (query->names.size() > kMaxNames) {
    return Status(Code::kInvalidArgument, "at most " + std::to_string(kMaxNames) +
                                              " names at once, not " +
                                              std::to_string(query->names.size()));
  }
  query->filter = Param(params, "q");
  query->by_name = Param(params, "by", default_by);
  if (!ParseCountBy(query->by_name, &query->by)) {
    return Status(Code::kInvalidArgument, std::string("by must be one of ") + kCountByNames +
                                              ", not '" + query->by_name + "'");
  }
  query->min_confidence = Param(params, "confidence", "low");
  if (query->min_confidence != "low" && query->min_confidence != "medium" &&
      query->min_confidence != "high") {
    return Status(Code::kInvalidArgument,
                  "confidence must be low, medium or high, not '" + query->min_confidence + "'");
  }
  return Status();
}

std::vector<MentionRequest> FigureRequests(const FigureQuery& query) {
  std::vector<MentionRequest> requests;
  for (const std::string& name : query.names) {
    MentionRequest r;
    r.name = name;
    r.filter = query.filter;
    r.min_confidence = query.min_confidence;
    requests.push_back(r);
  }
  return requests;
}

void AddFigureParams(const FigureQuery& query, Url* url) {
  url->AddAll("name", query.names).Add("q", query.filter).Add("by", query.by_name);
  if (query.min_confidence != "low") url->Add("confidence", query.min_confidence);
}

}  // namespace concord::serve
