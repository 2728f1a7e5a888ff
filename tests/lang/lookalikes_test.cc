#include "lang/lookalikes.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <string>

#include "lang/normalize.h"
#include "lang/tokenizer.h"

namespace concord::lang {
namespace {

// "\u0435" Cyrillic e, "\u0456" Cyrillic i, "\u03a1" Greek Rho, "\u043e" Cyrillic o.
TEST(LookalikesTest, AMixedWordIsReadInItsDominantScript) {
  std::string folded;
  // A Latin "e" typed into a Cyrillic name.
  EXPECT_EQ(FoldLookalikes("З\x65ленський", &folded), Script::kCyrillic);
  EXPECT_EQ(folded, "Зеленський");
  // A Cyrillic "і" and "о" left in Latin words.
  EXPECT_EQ(FoldLookalikes("Zelensky\u0456", &folded), Script::kLatin);
  EXPECT_EQ(folded, "Zelenskyi");
  EXPECT_EQ(FoldLookalikes("M\u043escow", &folded), Script::kLatin);
  EXPECT_EQ(folded, "Moscow");
  // A Greek capital Rho at the start of a Latin word; case is kept.
  EXPECT_EQ(FoldLookalikes("\u03a1utin", &folded), Script::kLatin);
  EXPECT_EQ(folded, "Putin");
  // Greek with a Latin "o".
  EXPECT_EQ(FoldLookalikes("Ζελένσκo", &folded), Script::kGreek);
  EXPECT_EQ(folded, "Ζελένσκ\u03bf");
}

TEST(LookalikesTest, WordsThatAreNotMixedOrCannotBeFoldedAreLeftAlone) {
  std::string folded = "untouched";
  for (const char* word : {"Zelensky", "Зеленський", "Ζελένσκι", "Zełenski", "Київ", "2025", "東京",
                           "Zelenskyж",    // Cyrillic zhe has no Latin look-alike
                           "Ab", "Аb",     // a tie: no dominant script
                           "Kyivська"}) {  // half and half
    EXPECT_EQ(FoldLookalikes(word, &folded), Script::kOther) << word;
    EXPECT_EQ(folded, "untouched") << word;
  }
}

// The blocks stand for the scripts: every letter LookalikeScript places is of
// that script in ICU's Script property, and every Latin, Cyrillic or Greek
// letter of the blocks is placed.
TEST(LookalikesTest, LookalikeScriptAgreesWithTheScriptProperty) {
  for (UChar32 c = 0; c < 0x2000; ++c) {
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    const int expected = sc == USCRIPT_LATIN      ? 0
                         : sc == USCRIPT_CYRILLIC ? 1
                         : sc == USCRIPT_GREEK    ? 2
                                                  : -1;
    const int got = LookalikeScript(static_cast<char32_t>(c));
    if (got >= 0) {
      EXPECT_EQ(got, expected) << std::hex << c;
    }
    const bool in_blocks = c < 0x250 || (c >= 0x370 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1FFF);
    if (expected >= 0 && in_blocks) {
      EXPECT_EQ(got, expected) << std::hex << c;
    }
  }
}

TEST(LookalikesTest, TheTokenizerFoldsMixedWordsAndSaysSo) {
  const std::vector<Token> tokens = Tokenize("Зустріч З\x65ленського і Zelensky\u0456 у Києві");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1].norm, FoldWord("Зеленського"));
  EXPECT_EQ(tokens[1].script, Script::kCyrillic);
  EXPECT_TRUE(tokens[1].lookalikes);
  EXPECT_TRUE(tokens[1].capitalized);
  EXPECT_EQ(tokens[3].norm, "zelenskyi");
  EXPECT_EQ(tokens[3].script, Script::kLatin);
  EXPECT_TRUE(tokens[3].lookalikes);
  // Offsets stay those of the original text.
  EXPECT_EQ(tokens[3].cp_end - tokens[3].cp_start, 9u);
  for (std::size_t i : {0u, 2u, 4u, 5u}) EXPECT_FALSE(tokens[i].lookalikes) << i;
}

}  // namespace
}  // namespace concord::lang
