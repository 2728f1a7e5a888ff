#include "tools/output_format.h"

#include <nlohmann/json.hpp>

#include "lang/utf8.h"

namespace concord::cli {

bool ParseOutputFormat(std::string_view name, OutputFormat* format) {
  if (name == "text")
    *format = OutputFormat::kText;
  else if (name == "json")
    *format = OutputFormat::kJson;
  else if (name == "jsonl")
    *format = OutputFormat::kJsonl;
  else if (name == "csv")
    *format = OutputFormat::kCsv;
  else if (name == "tsv")
    *format = OutputFormat::kTsv;
  else
    return false;
  return true;
}

namespace {

// C0 controls other than tab, LF and CR, DEL and C1 controls: what could
// drive a terminal that displays the file (ESC, BEL...).
bool IsStrayControl(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0);
}

// True when `value` is valid UTF-8 without stray controls: what almost every
// cell is, copied as it is.
bool Clean(std::string_view value) {
  if (lang::FindInvalidUtf8(value) != std::string_view::npos) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c == 0x7F) return false;
    // In valid UTF-8 the C1 controls (U+0080..U+009F) are C2 80..C2 9F.
    if (c == 0xC2 && static_cast<unsigned char>(value[i + 1]) < 0xA0) return false;
  }
  return true;
}

// True when `cell` can be written as it is: none of the format's special
// characters and Clean. One pass over the bytes decides for printable ASCII,
// what most cells are; any other byte takes Clean's UTF-8 check as well.
bool WritableAsIs(std::string_view cell, bool csv) {
  bool ascii = true;
  for (const char ch : cell) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
    } else if (c < 0x20 || c == 0x7F || (csv ? c == ',' || c == '"' : c == '\\')) {
      return false;  // special, or a control: CsvCell and TsvCell decide
    }
  }
  return ascii || Clean(cell);
}

// `value` as valid UTF-8 with stray controls replaced by U+FFFD.
std::string WithoutControls(std::string_view value) {
  if (Clean(value)) return std::string(value);
  const std::string v = lang::SanitizeUtf8(value);
  std::string out;
  out.reserve(v.size());
  std::size_t i = 0;
  while (i < v.size()) {
    const char32_t cp = lang::DecodeUtf8(v, &i);
    lang::AppendUtf8(IsStrayControl(cp) ? 0xFFFD : cp, &out);
  }
  return out;
}

}  // namespace

std::string CsvCell(std::string_view value) {
  std::string v = WithoutControls(value);
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvCell(std::string_view value) {
  std::string out;
  for (char c : WithoutControls(value)) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void WriteTableRow(std::ostream& out, const std::vector<std::string>& cells, bool csv) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << (csv ? ',' : '\t');
    const std::string& cell = cells[i];
    // Most cells need neither quoting nor escaping: written as they are.
    if (WritableAsIs(cell, csv)) {
      out.write(cell.data(), static_cast<std::streamsize>(cell.size()));
    } else {
      out << (csv ? CsvCell(cell) : TsvCell(cell));
    }
  }
  out << (csv ? "\r\n" : "\n");
}

void WriteTableHeader(std::ostream& out, std::vector<std::string> columns, bool csv) {
  columns.emplace_back("format_version");
  WriteTableRow(out, columns, csv);
}

void WriteTableRecord(std::ostream& out, std::vector<std::string> cells, bool csv) {
  cells.push_back(std::to_string(kOutputFormatVersion));
  WriteTableRow(out, cells, csv);
}

std::string JsonText(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ExplainMember(const std::string& explain_json) {
  return nlohmann::json::parse(explain_json, nullptr, false);
}

std::string JsonlExplainLine(const std::string& explain_json) {
  return JsonText(nlohmann::json{{"format_version", kOutputFormatVersion},
                                 {"explain", ExplainMember(explain_json)}}) +
         "\n";
}

std::string FormulaSafe(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos) {
    return "'" + std::string(value);
  }
  return std::string(value);
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = lang::DecodeUtf8(text, &i);
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x2028 || cp == 0x2029) {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      lang::AppendUtf8(0xFFFD, &out);
    } else {
      lang::AppendUtf8(cp, &out);
    }
  }
  return out;
}

}  // namespace concord::cli
