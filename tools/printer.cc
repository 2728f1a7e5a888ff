#include "tools/printer.h"

#include <cstdio>

namespace concord::cli {

std::unique_ptr<Printer> MakePrinter(OutputFormat format, std::ostream& out, bool color) {
  switch (format) {
    case OutputFormat::kText:
      return MakeTextPrinter(out, color);
    case OutputFormat::kJson:
      return MakeJsonPrinter(out, false);
    case OutputFormat::kJsonl:
      return MakeJsonPrinter(out, true);
    case OutputFormat::kCsv:
      return MakeTablePrinter(out, true);
    case OutputFormat::kTsv:
      return MakeTablePrinter(out, false);
  }
  return nullptr;
}

std::string FormatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", score);
  return buf;
}

std::string FormatShare(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::string();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", static_cast<double>(part) / whole);
  return buf;
}

std::string FormatPerThousand(std::size_t mentions, std::size_t documents) {
  if (documents == 0) return std::string();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", PerThousandDocuments(mentions, documents));
  return buf;
}

}  // namespace concord::cli
