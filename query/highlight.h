#ifndef CONCORD_QUERY_HIGHLIGHT_H_
#define CONCORD_QUERY_HIGHLIGHT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/stemmer.h"
#include "lang/tokenizer.h"
#include "query/query_builder.h"

namespace concord::query {

// A piece of a document's text with the matched words marked.
struct Snippet {
  std::string text;  // one line: newlines and tabs become spaces, byte for byte
  // Matched words as [start, end) code-point offsets into `text`.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  // ... and as [start, end) byte offsets into `text`.
  std::vector<std::pair<std::size_t, std::size_t>> byte_spans;
  bool starts_mid_text = false;  // text was cut before the snippet
  bool ends_mid_text = false;    // text was cut after the snippet
};

// Decides which tokens of a document a query matched, with the same folding
// and stemming the index used. Not thread-safe (owns stemmers).
class TokenMatcher {
 public:
  explicit TokenMatcher(MatchTerms terms) : terms_(std::move(terms)) {}
  bool Matches(const lang::Token& token, const std::string& doc_lang);
  // Which of a document's tokens to mark: single words, and whole
  // occurrences of phrases.
  std::vector<bool> Hits(const std::vector<lang::Token>& tokens, const std::string& doc_lang);
  const MatchTerms& terms() const { return terms_; }

 private:
  MatchTerms terms_;
  lang::StemmerSet stemmers_;  // remembers each word's stem per language
};

// Picks the window of about `max_words` tokens holding the most hits (the
// earliest such window) and returns it with hits marked. With no hits, the
// start of the text.
Snippet MakeSnippet(std::string_view text, const std::vector<lang::Token>& tokens,
                    const std::vector<bool>& hit, std::size_t max_words);

}  // namespace concord::query

#endif  // CONCORD_QUERY_HIGHLIGHT_H_
