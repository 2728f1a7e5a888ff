#include "query/highlight.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lang/stemmer.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"

namespace concord::query {
namespace {

std::vector<bool> HitsOn(const std::vector<lang::Token>& tokens, const std::string& word) {
  std::vector<bool> hit;
  for (const lang::Token& t : tokens) hit.push_back(t.norm == word);
  return hit;
}

// A snippet is as long as its words: blank lines and runs of spaces between
// them become one space, and the marked spans still cover the hit exactly.
TEST(SnippetTest, WhitespaceRunsBecomeOneSpace) {
  const std::string text = "Talks\n\n" + std::string(100000, '\n') + "in   Istanbul\t\tresumed " +
                           std::string(5000, ' ') + "on Monday.\n";
  const std::vector<lang::Token> tokens = lang::Tokenize(text);
  const Snippet s = MakeSnippet(text, tokens, HitsOn(tokens, "istanbul"), 30);
  EXPECT_EQ(s.text, "Talks in Istanbul resumed on Monday.");
  ASSERT_EQ(s.byte_spans.size(), 1u);
  EXPECT_EQ(s.text.substr(s.byte_spans[0].first, s.byte_spans[0].second - s.byte_spans[0].first),
            "Istanbul");
  EXPECT_EQ(s.spans[0].first, 9u);
  EXPECT_EQ(s.spans[0].second, 17u);
}

// Code point spans count characters of the snippet, not bytes.
TEST(SnippetTest, SpansCountCodePoints) {
  const std::string text = "Зустріч у\n\nСтамбулі: Зеленський і Умєров.";
  const std::vector<lang::Token> tokens = lang::Tokenize(text);
  const Snippet s = MakeSnippet(text, tokens, HitsOn(tokens, "зеленський"), 30);
  EXPECT_EQ(s.text, "Зустріч у Стамбулі: Зеленський і Умєров.");
  ASSERT_EQ(s.spans.size(), 1u);
  EXPECT_EQ(s.spans[0].first, 20u);
  EXPECT_EQ(s.spans[0].second, 30u);
  EXPECT_EQ(s.text.substr(s.byte_spans[0].first, s.byte_spans[0].second - s.byte_spans[0].first),
            "Зеленський");
}

// Chinese text cut into characters (a snippet for a query with no word in
// it) gives about the snippet its ICU words give: a lone character is half
// a word. A name's characters, hits side by side, are one span.
TEST(SnippetTest, IdeographsCountAsHalfWordsAndAdjacentHitsAreOneSpan) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "俄罗斯和乌克兰代表团在伊斯坦布尔举行了会谈。";
  text += "泽连斯基说 Zelensky said.";
  for (int i = 0; i < 40; ++i) text += "俄罗斯和乌克兰代表团在伊斯坦布尔举行了会谈。";
  const std::size_t name = text.find("泽连斯基");
  const auto hits_on_name = [&](const std::vector<lang::Token>& tokens) {
    std::vector<bool> hit;
    for (const lang::Token& t : tokens) {
      hit.push_back(t.byte_start >= name && t.byte_end <= name + std::string("泽连斯基").size());
    }
    return hit;
  };
  const std::vector<lang::Token> chars = lang::Tokenize(text, lang::IdeographRuns::kCharacters);
  const std::vector<lang::Token> words = lang::Tokenize(text);
  const Snippet by_chars = MakeSnippet(text, chars, hits_on_name(chars), 20);
  const Snippet by_words = MakeSnippet(text, words, hits_on_name(words), 20);
  ASSERT_EQ(by_chars.spans.size(), 1u);
  EXPECT_EQ(by_chars.spans[0].second - by_chars.spans[0].first, 4u);
  EXPECT_EQ(by_chars.text.substr(by_chars.byte_spans[0].first,
                                 by_chars.byte_spans[0].second - by_chars.byte_spans[0].first),
            "泽连斯基");
  const auto ideographs = [](std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) n += lang::IsIdeographic(lang::DecodeUtf8(s, &i));
    return n;
  };
  EXPECT_LE(ideographs(by_chars.text), 40u);  // 20 words: 40 characters at most
  EXPECT_GE(ideographs(by_chars.text), 30u);
  const std::size_t chars_len = lang::CountCodePoints(by_chars.text);
  const std::size_t words_len = lang::CountCodePoints(by_words.text);
  EXPECT_GE(chars_len * 3, words_len * 2) << by_chars.text << " / " << by_words.text;
  EXPECT_LE(chars_len * 2, words_len * 3) << by_chars.text << " / " << by_words.text;
}

// A word's stem is matched in the document's language (remembered stems
// must not leak from one language to another).
TEST(TokenMatcherTest, StemsMatchPerDocumentLanguage) {
  MatchTerms terms;
  lang::StemmerSet stemmers;
  terms.stems.insert(stemmers.Stem("en", "talks"));
  TokenMatcher matcher(terms);
  const std::string text = "Talks went on; talking helps, talks ended.";
  const std::vector<lang::Token> tokens = lang::Tokenize(text);
  std::vector<std::string> marked;
  const std::vector<bool> en = matcher.Hits(tokens, "en");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (en[i]) marked.push_back(std::string(tokens[i].surface(text)));
  }
  EXPECT_EQ(marked, (std::vector<std::string>{"Talks", "talking", "talks"}));
  // The same words in a language whose stemmer cuts them otherwise.
  const std::string stem_hu = stemmers.Stem("hu", "talking");
  ASSERT_NE(stem_hu, stemmers.Stem("en", "talking"));
  const std::vector<bool> hu = matcher.Hits(tokens, "hu");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].norm == "talking") {
      EXPECT_FALSE(hu[i]);
    }
  }
  // ...and back: the English answers still hold.
  EXPECT_EQ(matcher.Hits(tokens, "en"), en);
}

}  // namespace
}  // namespace concord::query
