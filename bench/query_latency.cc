// In-process query latency: opens a concord database once, then runs each
// query N times through concord::Searcher::Search and prints one JSON object
// with the median, p95 and p99 in milliseconds. Used by scripts/bench-compare.
//
// usage: query_latency --db DIR [--runs N] [--warmup W] [--limit L] QUERY...

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "concord/concord.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Nearest-rank percentile of sorted samples; p in (0, 1].
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(std::ceil(p * sorted.size()));
  if (rank == 0) rank = 1;
  return sorted[std::min(rank, sorted.size()) - 1];
}

double Median(const std::vector<double>& sorted) {
  if (sorted.empty()) return 0;
  std::size_t n = sorted.size();
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

int Usage() {
  std::fprintf(stderr,
               "usage: query_latency --db DIR [--runs N] [--warmup W] [--limit L] QUERY...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dbs, queries;
  int runs = 30, warmup = 3;
  std::size_t limit = 10;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--db" && has_value) {
      dbs.push_back(argv[++i]);
    } else if (arg == "--runs" && has_value) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--warmup" && has_value) {
      warmup = std::max(0, std::atoi(argv[++i]));
    } else if (arg == "--limit" && has_value) {
      limit = static_cast<std::size_t>(std::max(1, std::atoi(argv[++i])));
    } else if (arg == "-h" || arg == "--help") {
      Usage();
      return 0;
    } else if (arg.rfind("--", 0) == 0) {
      return Usage();
    } else {
      queries.push_back(arg);
    }
  }
  if (dbs.empty() || queries.empty()) return Usage();

  Clock::time_point open_start = Clock::now();
  std::unique_ptr<concord::Searcher> searcher;
  concord::Status status = concord::Searcher::Open(dbs, nullptr, &searcher);
  double open_ms = MillisSince(open_start);
  if (!status.ok()) {
    std::fprintf(stderr, "query_latency: %s\n", status.message().c_str());
    return 2;
  }

  std::printf("{\"open_ms\": %.3f, \"runs\": %d, \"warmup\": %d, \"queries\": [", open_ms, runs,
              warmup);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    concord::SearchRequest request;
    request.query = queries[q];
    request.limit = limit;
    concord::SearchResult result;
    std::vector<double> samples;
    std::string error;
    for (int r = 0; r < warmup + runs; ++r) {
      result = concord::SearchResult();
      Clock::time_point start = Clock::now();
      status = searcher->Search(request, &result);
      double ms = MillisSince(start);
      if (!status.ok()) {
        error = status.message();
        break;
      }
      if (r >= warmup) samples.push_back(ms);
    }
    std::sort(samples.begin(), samples.end());
    std::printf("%s\n  {\"query\": %s, ", q ? "," : "", JsonString(queries[q]).c_str());
    if (!error.empty()) {
      std::printf("\"error\": %s}", JsonString(error).c_str());
      continue;
    }
    std::printf(
        "\"total\": %zu, \"total_exact\": %s, \"hits\": %zu, \"median_ms\": %.4f, "
        "\"p95_ms\": %.4f, \"p99_ms\": %.4f, \"min_ms\": %.4f}",
        result.total, result.total_exact ? "true" : "false", result.hits.size(), Median(samples),
        Percentile(samples, 0.95), Percentile(samples, 0.99), samples.front());
  }
  std::printf("\n]}\n");
  return 0;
}
