// Fuzz target for the JSON Lines reader (corpus/reader.h, ReadJsonlSource).
//
// Properties checked on every input:
//   - no crash, no exception escapes;
//   - every article has non-blank text, the source's path, an id that starts
//     with the source id followed by '#', ids are unique;
//   - dates are "" or a real YYYY-MM-DD day, languages "" or two lower-case letters;
//   - false comes with an error naming the source and with no article;
//   - every warning names the source.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.jsonl";
constexpr char kId[] = "/fuzz/input.jsonl";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!(c == ' ' || (c >= '\t' && c <= '\r'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace concord::corpus;
  Source source;
  source.path = kPath;
  source.id = kId;
  source.content.assign(reinterpret_cast<const char*>(data), size);
  ReadOptions options;
  // Mapped and nested keys exercise the lookups as well as the defaults.
  if (size % 2 == 1) {
    options.jsonl_fields["text"] = "body";
    options.jsonl_fields["date"] = "meta.date";
  }
  CollectingSink sink;
  std::string error;
  const bool ok = ReadJsonlSource(source, options, &sink, &error);

  if (!ok) {
    FUZZ_CHECK(StartsWith(error, kPath));
    FUZZ_CHECK(sink.articles.empty());
  }
  std::set<std::string> ids;
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(!IsBlank(a.text));
    FUZZ_CHECK(a.path == kPath);
    FUZZ_CHECK(StartsWith(a.id, std::string(kId) + "#"));
    FUZZ_CHECK(ids.insert(a.id).second);
    FUZZ_CHECK(a.date.empty() || IsValidIsoDate(a.date));
    FUZZ_CHECK(a.lang.empty() || (a.lang.size() == 2 && a.lang[0] >= 'a' && a.lang[0] <= 'z' &&
                                  a.lang[1] >= 'a' && a.lang[1] <= 'z'));
    FUZZ_CHECK(a.byte_offset == 0 && a.cp_offset == 0);
  }
  for (const std::string& w : sink.warnings) FUZZ_CHECK(StartsWith(w, kPath));
  return 0;
}
