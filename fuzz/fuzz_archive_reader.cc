// Fuzz target for the tar / tar.gz / zip reader (corpus/reader.h,
// ReadArchiveSource), with the members it finds read by the real dispatcher
// (ReadSource), nested archives included.
//
// Properties checked on every input:
//   - no crash;
//   - every article has non-empty text, a path inside the archive
//     ("ARCHIVE!member") and an id that starts with the archive's id and '!';
//   - false comes with an error naming the source and with no article;
//   - every warning names the source.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/reader.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.zip";
constexpr char kId[] = "/fuzz/input.zip";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace concord::corpus;
  Source source;
  source.path = kPath;
  source.id = kId;
  source.content.assign(reinterpret_cast<const char*>(data), size);
  ReadOptions options;
  options.max_member_bytes = 1u << 20;  // bounds what a member may expand to
  CollectingSink sink;
  std::string error;
  const bool ok = ReadArchiveSource(source, options, 0, &sink, &error);

  if (!ok) {
    FUZZ_CHECK(StartsWith(error, kPath));
    FUZZ_CHECK(sink.articles.empty());
  }
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(StartsWith(a.path, std::string(kPath) + "!"));
    FUZZ_CHECK(StartsWith(a.id, std::string(kId) + "!"));
  }
  for (const std::string& w : sink.warnings) FUZZ_CHECK(StartsWith(w, kPath));
  return 0;
}
