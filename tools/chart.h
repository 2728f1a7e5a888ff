#ifndef CONCORD_TOOLS_CHART_H_
#define CONCORD_TOOLS_CHART_H_

#include <string>

#include "concord/concord.hpp"

namespace concord::cli {

// What a chart's y axis shows for each figure in each bucket.
enum class ChartMetric {
  kMentions,     // mentions
  kPerThousand,  // mentions per 1,000 documents of the bucket
  kDocuments,    // documents that mention the figure
  kShare,        // documents that mention it / documents in the bucket
};

struct ChartOptions {
  std::string title;    // drawn at the top (the figures and the query)
  std::string by_name;  // "date", "week", "month": lines over time; others: bars
  ChartMetric metric = ChartMetric::kMentions;
  int width = 960, height = 540;  // pixels (points for PDF), clamped to 200..4000
};

// Draws what --count-by prints (docs/researchers.md): attention over time as
// one line per figure with a legend and a dated x axis, or grouped bars for
// source, lang, variant and entity buckets; one code path (cairo) for SVG,
// PNG and PDF. WriteChart picks the format from the file's extension (.svg,
// .png, .pdf; anything else is kInvalidArgument) and reports a file that
// cannot be written as kIo naming it.
Status WriteChart(const std::string& path, const CountTable& table, const ChartOptions& options);
// The same chart as SVG text (concord-serve).
Status ChartSvg(const CountTable& table, const ChartOptions& options, std::string* svg);

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_CHART_H_
