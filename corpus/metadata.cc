#include "corpus/metadata.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/date_extract.h"
#include "lang/ascii.h"

namespace concord::corpus {
namespace {

std::string Where(const std::string& path, int line) {
  return path + ":" + std::to_string(line) + ": ";
}

bool IsKnownKey(std::string_view key) {
  return key == "title" || key == "date" || key == "source" || key == "url" || key == "lang";
}

// Checks and normalises one value; returns false (with `*why`) when unusable.
bool CheckValue(const std::string& key, std::string* value, std::string* why) {
  if (value->empty()) return true;  // only reachable for "!key:" (clears)
  if (key == "date" && !IsValidIsoDate(*value)) {
    *why = "invalid date '" + *value + "' (expected a real YYYY-MM-DD day); ignored";
    return false;
  }
  if (key == "lang") {
    *value = lang::LowerAscii(*value);
    if (value->size() != 2 || !std::isalpha(static_cast<unsigned char>((*value)[0])) ||
        !std::isalpha(static_cast<unsigned char>((*value)[1]))) {
      *why = "invalid lang '" + *value + "' (expected a two-letter ISO 639-1 code); ignored";
      return false;
    }
  }
  return true;
}

std::string* Field(Article* a, const std::string& key) {
  if (key == "title") return &a->title;
  if (key == "date") return &a->date;
  if (key == "source") return &a->source;
  if (key == "url") return &a->url;
  return &a->lang;
}

}  // namespace

std::string SidecarPath(const std::string& text_path) { return text_path + ".meta"; }

Sidecar ParseSidecar(std::string_view content, const std::string& path,
                     std::vector<std::string>* warnings) {
  Sidecar sidecar;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  MetadataFields* scope = &sidecar.global;
  bool skipping = false;  // inside a section whose header was invalid
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    const std::string_view line = lang::TrimAscii(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;

    if (line.front() == '[') {
      const std::string_view inner = line.back() == ']'
                                         ? lang::TrimAscii(line.substr(1, line.size() - 2))
                                         : std::string_view();
      int n = 0;
      bool ok = !inner.empty() && inner.size() <= 6;
      for (char c : inner) {
        if (c < '0' || c > '9') ok = false;
        if (ok) n = n * 10 + (c - '0');
      }
      if (!ok || n < 1) {
        warnings->push_back(Where(path, line_no) + "invalid section header '" + std::string(line) +
                            "' (expected [N], N >= 1); its keys are ignored");
        skipping = true;
        continue;
      }
      skipping = false;
      scope = &sidecar.sections[n];
      sidecar.section_lines.emplace(n, line_no);
      continue;
    }
    if (skipping) continue;

    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      warnings->push_back(Where(path, line_no) + "expected 'key: value', got '" +
                          std::string(line) + "'");
      continue;
    }
    std::string_view key_part = lang::TrimAscii(line.substr(0, colon));
    MetadataEntry entry;
    entry.line = line_no;
    if (!key_part.empty() && key_part[0] == '!') {
      entry.override = true;
      key_part = lang::TrimAscii(key_part.substr(1));
    }
    const std::string key = lang::LowerAscii(key_part);
    if (!IsKnownKey(key)) {
      warnings->push_back(Where(path, line_no) + "unknown key '" + std::string(key_part) +
                          "' (known: title, date, source, url, lang)");
      continue;
    }
    entry.value = std::string(lang::TrimAscii(line.substr(colon + 1)));
    if (entry.value.empty() && !entry.override) {
      warnings->push_back(Where(path, line_no) + "empty value for '" + key + "' (write '!" + key +
                          ":' to clear the field); ignored");
      continue;
    }
    std::string why;
    if (!CheckValue(key, &entry.value, &why)) {
      warnings->push_back(Where(path, line_no) + why);
      continue;
    }
    if (scope->count(key)) {
      warnings->push_back(Where(path, line_no) + "'" + key + "' given again; this value wins");
    }
    (*scope)[key] = std::move(entry);
  }
  return sidecar;
}

void ApplySidecar(const Sidecar& sidecar, const std::string& path, std::vector<Article>* articles,
                  std::vector<std::string>* warnings) {
  for (const auto& [n, line] : sidecar.section_lines) {
    if (static_cast<std::size_t>(n) > articles->size()) {
      warnings->push_back(Where(path, line) + "section [" + std::to_string(n) +
                          "] but the file has " + std::to_string(articles->size()) +
                          " article(s); ignored");
    }
  }
  for (std::size_t i = 0; i < articles->size(); ++i) {
    MetadataFields fields = sidecar.global;
    const auto section = sidecar.sections.find(static_cast<int>(i + 1));
    if (section != sidecar.sections.end()) {
      for (const auto& [key, entry] : section->second) fields[key] = entry;
    }
    Article& a = (*articles)[i];
    for (const auto& [key, entry] : fields) {
      std::string* field = Field(&a, key);
      if (entry.override || field->empty()) *field = entry.value;
    }
  }
}

void ApplySidecarFile(const std::string& text_path, std::vector<Article>* articles,
                      std::vector<std::string>* warnings) {
  const std::string path = SidecarPath(text_path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    warnings->push_back(path + ": cannot read sidecar: " + std::strerror(errno));
    return;
  }
  std::ostringstream content;
  content << in.rdbuf();
  const Sidecar sidecar = ParseSidecar(content.str(), path, warnings);
  ApplySidecar(sidecar, path, articles, warnings);
}

}  // namespace concord::corpus
