#ifndef CONCORD_QUERY_OUTPUT_FORMAT_H_
#define CONCORD_QUERY_OUTPUT_FORMAT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace concord::query {

enum class OutputFormat { kText, kJson, kJsonl, kCsv, kTsv };

// Version of every structured output; fields are only ever added.
constexpr int kOutputFormatVersion = 1;

// Parses "text", "json", "jsonl", "csv", "tsv"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* format);

// Cell escaping shared by the printers.
std::string CsvCell(std::string_view value);  // RFC 4180 quoting
std::string TsvCell(std::string_view value);  // tabs and newlines become spaces
// One CSV (CRLF-terminated) or TSV row of cells, quoted as above.
void WriteTableRow(std::ostream& out, const std::vector<std::string>& cells, bool csv);

// Terminal-safe copy of a text: control characters (including ESC) become
// spaces so document content can never drive the user's terminal.
std::string TerminalSafe(std::string_view text);

}  // namespace concord::query

#endif  // CONCORD_QUERY_OUTPUT_FORMAT_H_
