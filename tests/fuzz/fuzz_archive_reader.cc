// Fuzz target for the tar / tar.gz / zip reader (corpus/reader.h,
// ReadArchiveSource), with the members it finds read by the real dispatcher
// (ReadSource), nested archives included.
//
// Properties checked on every input:
//   - no crash;
//   - every article has non-empty text, a path inside the archive
//     ("ARCHIVE!member") and an id that starts with the archive's id and '!';
//     dates are "" or a real YYYY-MM-DD day, languages "" or two lower-case
//     letters;
//   - false comes with an error naming the source and with no article;
//   - every warning names the source.

#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.zip";
constexpr char kId[] = "/fuzz/input.zip";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace concord::corpus;
  const concord::corpus::Source source = concord::fuzz::FuzzSource(kPath, kId, data, size);
  ReadOptions options;
  options.max_member_bytes = 1u << 20;  // bounds what a member may expand to
  CollectingSink sink;
  std::string error;
  const bool ok = ReadArchiveSource(source, options, 0, &sink, &error);

  concord::fuzz::CheckReadResult(ok, error, sink, kPath);
  concord::fuzz::ArticleRules rules;
  rules.path = std::string(kPath) + "!";
  rules.path_is_prefix = true;
  rules.id_prefix = std::string(kId) + "!";
  concord::fuzz::CheckArticles(sink.articles, rules);
  return 0;
}
