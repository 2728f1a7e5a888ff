// Fuzz target for the HTML page reader (ReadHtmlSource, corpus/html_reader.cc)
// and through it the text extraction of corpus/html_text.h.
//
// Properties checked on every input:
//   - reading never crashes and is deterministic;
//   - false comes with an error naming the file, true with at most one article;
//   - the article has the source's path and id, non-empty valid UTF-8 text,
//     a valid UTF-8 title, a date that is "" or a real YYYY-MM-DD day, a
//     language that is "" or two lower-case letters, offsets 0;
//   - every warning names the file.

#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.html";
constexpr char kId[] = "/fuzz/input.html";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const concord::corpus::Source source = concord::fuzz::FuzzSource(kPath, kId, data, size);

  concord::corpus::CollectingSink sink;
  std::string error;
  const bool ok = concord::corpus::ReadHtmlSource(source, &sink, &error);
  concord::fuzz::CheckReadResult(ok, error, sink, std::string(kPath) + ": ");
  FUZZ_CHECK(sink.articles.size() <= 1);
  concord::fuzz::ArticleRules rules;
  rules.path = kPath;
  rules.id_prefix = kId;
  rules.exact_id = true;
  rules.valid_utf8 = true;
  rules.zero_offsets = true;
  concord::fuzz::CheckArticles(sink.articles, rules);

  concord::corpus::CollectingSink again;
  std::string error_again;
  FUZZ_CHECK(concord::corpus::ReadHtmlSource(source, &again, &error_again) == ok);
  FUZZ_CHECK(error_again == error);
  FUZZ_CHECK(again.warnings == sink.warnings);
  concord::fuzz::CheckSameArticles(sink.articles, again.articles);
  return 0;
}
