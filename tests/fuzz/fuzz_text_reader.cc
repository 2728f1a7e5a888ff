// Fuzz target for the splitting of a text file into articles
// (corpus/text_reader.h, SplitArticles), the pure part of reading the corpus.
//
// Properties checked on every input:
//   - every article is a non-empty, contiguous slice of the input: its text
//     equals the input at its byte offset, and its code-point offset counts
//     the code points before it (each invalid byte counts as one);
//   - articles come in file order and do not overlap;
//   - path is copied, ids start with the id base and are unique, dates are
//     "" or a real YYYY-MM-DD day, languages "" or two lower-case letters;
//   - a text of ASCII whitespace only holds no article;
//   - splitting is deterministic.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "corpus/article.h"
#include "corpus/text_reader.h"
#include "lang/utf8.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kPath[] = "fuzz/input.txt";
constexpr char kIdBase[] = "/fuzz/input.txt";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using concord::corpus::Article;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<Article> articles = concord::corpus::SplitArticles(kPath, kIdBase, input);

  if (concord::fuzz::IsAsciiBlank(input)) FUZZ_CHECK(articles.empty());

  concord::fuzz::ArticleRules rules;
  rules.path = kPath;
  rules.id_prefix = kIdBase;
  rules.unique_ids = true;
  concord::fuzz::CheckArticles(articles, rules);

  std::size_t prev_end = 0;
  std::size_t prev_cp_end = 0;
  for (const Article& a : articles) {
    FUZZ_CHECK(a.byte_offset <= input.size());
    FUZZ_CHECK(a.text.size() <= input.size() - a.byte_offset);
    if (input.compare(a.byte_offset, a.text.size(), a.text) != 0) {
      std::fprintf(stderr, "article text is not the input at byte %zu\n", a.byte_offset);
    }
    FUZZ_CHECK(input.compare(a.byte_offset, a.text.size(), a.text) == 0);
    FUZZ_CHECK(a.byte_offset >= prev_end);
    // Code points between the previous article and this one, counted on the
    // gap alone so that the check stays linear in the input size.
    const std::size_t gap_cps =
        concord::lang::CountCodePoints(input.substr(prev_end, a.byte_offset - prev_end));
    FUZZ_CHECK(a.cp_offset == prev_cp_end + gap_cps);
    prev_end = a.byte_offset + a.text.size();
    prev_cp_end = a.cp_offset + concord::lang::CountCodePoints(a.text);
  }

  concord::fuzz::CheckSameArticles(articles, concord::corpus::SplitArticles(kPath, kIdBase, input));
  return 0;
}
