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
#include <set>
#include <string>
#include <string_view>

#include "corpus/article.h"
#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "fuzz/fuzz_check.h"
#include "lang/utf8.h"

namespace {

constexpr char kPath[] = "fuzz/input.xml";
constexpr char kId[] = "/fuzz/input.xml";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool IsLangCode(std::string_view lang) {
  return lang.empty() ||
         (lang.size() == 2 && lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' && lang[1] <= 'z');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using concord::corpus::Article;
  concord::corpus::Source source;
  source.path = kPath;
  source.id = kId;
  source.content.assign(reinterpret_cast<const char*>(data), size);

  concord::corpus::CollectingSink sink;
  std::string error;
  const bool ok = concord::corpus::ReadFeedSource(source, &sink, &error);
  if (!ok) {
    FUZZ_CHECK(StartsWith(error, std::string(kPath) + ": "));
    FUZZ_CHECK(sink.articles.empty());
  }
  for (const std::string& warning : sink.warnings) {
    FUZZ_CHECK(StartsWith(warning, std::string(kPath) + ": "));
  }
  std::set<std::string> ids;
  std::size_t total_bytes = 0;
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(a.path == kPath);
    FUZZ_CHECK(StartsWith(a.id, std::string(kId) + "#"));
    FUZZ_CHECK(a.id.size() <= sizeof(kId) + 200);
    FUZZ_CHECK(ids.insert(a.id).second);
    FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(concord::lang::FindInvalidUtf8(a.text) == std::string::npos);
    FUZZ_CHECK(concord::lang::FindInvalidUtf8(a.title) == std::string::npos);
    FUZZ_CHECK(a.date.empty() || concord::corpus::IsValidIsoDate(a.date));
    FUZZ_CHECK(IsLangCode(a.lang));
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
  FUZZ_CHECK(again.articles.size() == sink.articles.size());
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    const Article& b = again.articles[i];
    FUZZ_CHECK(a.id == b.id && a.text == b.text && a.title == b.title && a.date == b.date &&
               a.source == b.source && a.url == b.url && a.lang == b.lang);
  }
  return 0;
}
