// Fuzz target for the RSS / Atom reader (ReadFeedSource, corpus/feed_reader.cc).
//
// Properties checked on every input:
//   - reading never crashes, never expands entities without bound, and is
//     deterministic;
//   - false comes with an error naming the file and no articles;
//   - every article has the source's path, an id "<source id>#..." unique in
//     the feed, non-empty valid UTF-8 text, a valid UTF-8 title, a date that
//     is "" or a real YYYY-MM-DD day, a language that is "" or two lower-case
//     letters;
//   - every warning names the file.

#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/article.h"
#include "corpus/reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.xml";
constexpr char kId[] = "/fuzz/input.xml";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using concord::corpus::Article;
  const concord::corpus::Source source = concord::fuzz::FuzzSource(kPath, kId, data, size);

  concord::corpus::CollectingSink sink;
  std::string error;
  const bool ok = concord::corpus::ReadFeedSource(source, &sink, &error);
  const std::string prefix = std::string(kPath) + ": ";
  concord::fuzz::CheckReadResult(ok, error, sink, prefix);
  concord::fuzz::ArticleRules rules;
  rules.path = kPath;
  rules.id_prefix = std::string(kId) + "#";
  rules.unique_ids = true;
  rules.valid_utf8 = true;
  concord::fuzz::CheckArticles(sink.articles, rules);

  std::size_t total_bytes = 0;
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(a.id.size() <= sizeof(kId) + 200);
    total_bytes += a.text.size() + a.title.size();
  }
  // Entity expansion is bounded by a budget of 1 MiB per feed, and every
  // item's title may be repeated as its text.
  FUZZ_CHECK(total_bytes <= 2 * (size + (1u << 20)) + 16);

  concord::corpus::CollectingSink again;
  std::string error_again;
  FUZZ_CHECK(concord::corpus::ReadFeedSource(source, &again, &error_again) == ok);
  FUZZ_CHECK(error_again == error);
  FUZZ_CHECK(again.warnings == sink.warnings);
  concord::fuzz::CheckSameArticles(sink.articles, again.articles);
  return 0;
}
