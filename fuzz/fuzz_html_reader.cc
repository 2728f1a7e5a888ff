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
#include <string_view>

#include "corpus/article.h"
#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "fuzz/fuzz_check.h"
#include "lang/utf8.h"

namespace {

constexpr char kPath[] = "fuzz/input.html";
constexpr char kId[] = "/fuzz/input.html";

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
  const bool ok = concord::corpus::ReadHtmlSource(source, &sink, &error);
  if (!ok) {
    FUZZ_CHECK(StartsWith(error, std::string(kPath) + ": "));
    FUZZ_CHECK(sink.articles.empty());
  }
  FUZZ_CHECK(sink.articles.size() <= 1);
  for (const std::string& warning : sink.warnings) {
    FUZZ_CHECK(StartsWith(warning, std::string(kPath) + ": "));
  }
  for (const Article& a : sink.articles) {
    FUZZ_CHECK(a.path == kPath);
    FUZZ_CHECK(a.id == kId);
    FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(concord::lang::FindInvalidUtf8(a.text) == std::string::npos);
    FUZZ_CHECK(concord::lang::FindInvalidUtf8(a.title) == std::string::npos);
    FUZZ_CHECK(a.date.empty() || concord::corpus::IsValidIsoDate(a.date));
    FUZZ_CHECK(IsLangCode(a.lang));
    FUZZ_CHECK(a.byte_offset == 0 && a.cp_offset == 0);
  }

  concord::corpus::CollectingSink again;
  std::string error_again;
  FUZZ_CHECK(concord::corpus::ReadHtmlSource(source, &again, &error_again) == ok);
  FUZZ_CHECK(error_again == error);
  FUZZ_CHECK(again.warnings == sink.warnings);
  FUZZ_CHECK(again.articles.size() == sink.articles.size());
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    const Article& b = again.articles[i];
    FUZZ_CHECK(a.text == b.text && a.title == b.title && a.date == b.date && a.source == b.source &&
               a.url == b.url && a.lang == b.lang);
  }
  return 0;
}
