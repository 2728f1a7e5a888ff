// Fuzz target for the JSON Lines reader (corpus/reader.h, ReadJsonlSource).
//
// Properties checked on every input:
//   - no crash, no exception escapes;
//   - every article has non-blank text, the source's path, an id that starts
//     with the source id followed by '#', ids are unique, offsets are 0;
//   - dates are "" or a real YYYY-MM-DD day, languages "" or two lower-case letters;
//   - false comes with an error naming the source and with no article;
//   - every warning names the source.

#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.jsonl";
constexpr char kId[] = "/fuzz/input.jsonl";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace concord::corpus;
  const concord::corpus::Source source = concord::fuzz::FuzzSource(kPath, kId, data, size);
  ReadOptions options;
  // Mapped and nested keys exercise the lookups as well as the defaults.
  if (size % 2 == 1) {
    options.jsonl_fields["text"] = "body";
    options.jsonl_fields["date"] = "meta.date";
  }
  CollectingSink sink;
  std::string error;
  const bool ok = ReadJsonlSource(source, options, &sink, &error);

  concord::fuzz::CheckReadResult(ok, error, sink, kPath);
  concord::fuzz::ArticleRules rules;
  rules.path = kPath;
  rules.id_prefix = std::string(kId) + "#";
  rules.unique_ids = true;
  rules.nonblank_text = true;
  rules.zero_offsets = true;
  concord::fuzz::CheckArticles(sink.articles, rules);
  return 0;
}
