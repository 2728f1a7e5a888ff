#ifndef CONCORD_TOOLS_OUTPUT_FORMAT_H_
#define CONCORD_TOOLS_OUTPUT_FORMAT_H_

#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace concord::cli {

enum class OutputFormat { kText, kJson, kJsonl, kCsv, kTsv };

// Version of every structured output; fields are only ever added.
constexpr int kOutputFormatVersion = 1;

// Parses "text", "json", "jsonl", "csv", "tsv"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* format);

// Cell escaping shared by the printers. Both make invalid UTF-8 U+FFFD and
// neutralise control characters a terminal would run (C0 but tab, LF, CR;
// DEL; C1) as U+FFFD.
std::string CsvCell(std::string_view value);  // RFC 4180 quoting
// Backslash escapes, so every value survives a round trip: \\ \t \n \r.
std::string TsvCell(std::string_view value);
// One CSV (CRLF-terminated) or TSV row of cells, quoted as above.
void WriteTableRow(std::ostream& out, const std::vector<std::string>& cells, bool csv);
// The tables concord-search prints carry the format version as their last
// column: "format_version" in the header, kOutputFormatVersion in each row.
void WriteTableHeader(std::ostream& out, std::vector<std::string> columns, bool csv);
void WriteTableRecord(std::ostream& out, std::vector<std::string> cells, bool csv);

// `j` serialised (indent < 0: one line). Always valid JSON: control
// characters are escaped and any invalid UTF-8 left in a string becomes
// U+FFFD instead of an exception.
std::string JsonText(const nlohmann::json& j, int indent = -1);

// --explain under structured formats: `explain_json` (Searcher::ExplainJson)
// joins a json document as its "explain" member, and makes the first line of
// a jsonl stream, {"format_version": 1, "explain": {...}}. Other formats
// leave it out (concord-search prints the text form on stderr).
nlohmann::json ExplainMember(const std::string& explain_json);
std::string JsonlExplainLine(const std::string& explain_json);

// A text cell that a spreadsheet will not run as a formula (CSV injection):
// a value starting with '=', '+', '-', '@', tab or CR gets a leading "'".
// Printers apply it to text columns only; numeric columns are never prefixed.
std::string FormulaSafe(std::string_view value);

// Terminal-safe copy of a text, so document content can never drive the
// user's terminal. Code point for code point (spans computed on the original
// stay valid): tab, newline, CR, VT, FF, U+2028 and U+2029 become a space;
// every other C0 control (ESC, BEL...), DEL, C1 controls (U+0080-U+009F),
// bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
// invalid UTF-8 bytes become U+FFFD.
std::string TerminalSafe(std::string_view text);

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_OUTPUT_FORMAT_H_
