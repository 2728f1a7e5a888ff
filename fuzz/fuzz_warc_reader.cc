// Fuzz target for the WARC reader (corpus/reader.h, ReadWarcSource), with the
// payloads it finds read by the real dispatcher (ReadSource).
//
// Properties checked on every input:
//   - no crash;
//   - every article has non-empty text, a path inside the WARC file and an id
//     that starts with the WARC file's id followed by "#record-";
//   - false comes with an error naming the source and with no article;
//   - every warning names the source.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/reader.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.warc";
constexpr char kId[] = "/fuzz/input.warc";

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
  options.max_member_bytes = 1u << 20;  // bounds what a compressed body may expand to
  CollectingSink sink;
  std::string error;
  const bool ok = ReadWarcSource(source, options, 0, &sink, &error);

  if (!ok) {
    FUZZ_CHECK(StartsWith(error, kPath));
    FUZZ_CHECK(sink.articles.empty());
  }
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(StartsWith(a.path, std::string(kPath) + "#"));
    FUZZ_CHECK(StartsWith(a.id, std::string(kId) + "#record-"));
  }
  for (const std::string& w : sink.warnings) FUZZ_CHECK(StartsWith(w, kPath));
  return 0;
}
