#include "lang/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "lang/normalize.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"

namespace concord::lang {
namespace {

std::vector<std::string> Norms(std::string_view text, bool indexed_only = true) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    if (!indexed_only || t.indexed()) out.push_back(t.norm);
  }
  return out;
}

// Every token's span slices the original text back to a surface that folds to its norm.
void ExpectSpansSliceBack(std::string_view text) {
  for (const Token& t : Tokenize(text)) {
    ASSERT_LE(t.byte_end, text.size());
    ASSERT_LT(t.byte_start, t.byte_end);
    EXPECT_EQ(FoldWord(t.surface(text)), t.norm) << t.surface(text);
  }
}

TEST(Tokenizer, SplitsPlainEnglish) {
  EXPECT_EQ(Norms("Peace talks in Istanbul."),
            (std::vector<std::string>{"peace", "talks", "in", "istanbul"}));
}

TEST(Tokenizer, ByteAndCodePointOffsetsPointIntoOriginal) {
  const std::string text = "À Kyiv, Зеленський";
  auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].surface(text), "À");
  EXPECT_EQ(tokens[0].norm, "a");
  EXPECT_EQ(tokens[1].cp_start, 2u);
  EXPECT_EQ(tokens[1].byte_start, 3u);
  EXPECT_EQ(tokens[2].surface(text), "Зеленський");
  EXPECT_EQ(tokens[2].cp_start, 8u);
  EXPECT_EQ(tokens[2].cp_end, 18u);
  EXPECT_EQ(tokens[2].script, Script::kCyrillic);
}

TEST(Tokenizer, NfdAccentsFoldAndKeepOriginalSpan) {
  const std::string text =
      "Zelenske\xCC\x81 Erdog\xCC\x86"
      "an";  // e + U+0301, g + U+0306
  auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].norm, "zelenske");
  EXPECT_EQ(tokens[0].cp_end - tokens[0].cp_start, 9u);
  EXPECT_EQ(tokens[1].norm, "erdogan");
  ExpectSpansSliceBack(text);
}

TEST(Tokenizer, FullWidthLettersFold) {
  EXPECT_EQ(Norms("ＮＡＴＯ summit"), (std::vector<std::string>{"nato", "summit"}));
}

TEST(Tokenizer, SoftHyphenAndZeroWidthSpaceIgnoredInsideWords) {
  EXPECT_EQ(Norms("Zelen\u00ADskyy"), (std::vector<std::string>{"zelenskyy"}));
  EXPECT_EQ(Norms("Zelen\u200Bskyy"), (std::vector<std::string>{"zelenskyy"}));
  auto tokens = Tokenize("a Zelen\u00ADskyy b");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].cp_start, 2u);
  EXPECT_EQ(tokens[1].cp_end, 12u);
}

TEST(Tokenizer, TurkishDottedCapitalIFoldsToI) {
  EXPECT_EQ(Norms("İstanbul"), (std::vector<std::string>{"istanbul"}));
  EXPECT_EQ(Norms("ISTANBUL ıstanbul"), (std::vector<std::string>{"istanbul", "istanbul"}));
}

TEST(Tokenizer, DiacriticsAndSpecialLettersFold) {
  EXPECT_EQ(Norms("Zełenski Straße Erdoğan œuvre"),
            (std::vector<std::string>{"zelenski", "strasse", "erdogan", "oeuvre"}));
}

TEST(Tokenizer, FrenchElisionsSplitOff) {
  auto tokens = Tokenize("l'OTAN d’Erdogan qu'il");
  std::vector<std::string> words;
  int elisions = 0;
  for (const auto& t : tokens) {
    if (t.kind == TokenKind::kElision) ++elisions;
    if (t.indexed()) words.push_back(t.norm);
  }
  EXPECT_EQ(elisions, 3);
  EXPECT_EQ(words, (std::vector<std::string>{"otan", "erdogan", "il"}));
}

TEST(Tokenizer, PossessivesSplitOffAsClitics) {
  const std::string text = "Putin's and Zelenskyy’s and ZELENSKYY'S";
  auto tokens = Tokenize(text);
  std::vector<std::string> words;
  for (const auto& t : tokens) {
    if (t.indexed()) words.push_back(t.norm);
  }
  EXPECT_EQ(words, (std::vector<std::string>{"putin", "and", "zelenskyy", "and", "zelenskyy"}));
  EXPECT_EQ(tokens[0].surface(text), "Putin");
  EXPECT_TRUE(tokens[0].clitic_follows);
  EXPECT_EQ(tokens[1].kind, TokenKind::kClitic);
}

TEST(Tokenizer, TurkishCaseSuffixSplitOff) {
  EXPECT_EQ(Norms("İstanbul'daki Putin'in"), (std::vector<std::string>{"istanbul", "putin"}));
}

TEST(Tokenizer, NamesWithCapitalAfterApostropheStayWhole) {
  EXPECT_EQ(Norms("O'Brien"), (std::vector<std::string>{"o'brien"}));
}

TEST(Tokenizer, UkrainianApostropheStaysInsideWord) {
  EXPECT_EQ(Norms("п'ять В’ячеслав"), (std::vector<std::string>{"п'ять", "в'ячеслав"}));
}

TEST(Tokenizer, CyrillicLettersKeepTheirIdentity) {
  EXPECT_EQ(Norms("ЁЛКА Йошкар Їжак Євген"),
            (std::vector<std::string>{"ёлка", "йошкар", "їжак", "євген"}));
}

TEST(Tokenizer, CapitalisationFlags) {
  auto tokens = Tokenize("Putin putin NATO");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[0].all_caps);
  EXPECT_FALSE(tokens[1].capitalized);
  EXPECT_TRUE(tokens[2].all_caps);
  // A capital after a lower-case letter, in ASCII and in other letters.
  tokens = Tokenize("withZelensky McDonald Kyiv встречаЗеленского");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(tokens[0].lower_then_upper);
  EXPECT_TRUE(tokens[1].lower_then_upper);
  EXPECT_FALSE(tokens[2].lower_then_upper);
  EXPECT_TRUE(tokens[3].lower_then_upper);
  tokens = Tokenize("ANCHEPutin OKay NATO Putin ЧИТАЙТЕТАКЖЕПутин");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].caps_then_lower);
  EXPECT_FALSE(tokens[1].caps_then_lower);  // two capitals only
  EXPECT_FALSE(tokens[2].caps_then_lower);
  EXPECT_FALSE(tokens[3].caps_then_lower);
  EXPECT_TRUE(tokens[4].caps_then_lower);
}

TEST(Tokenizer, InvalidUtf8NeverShiftsOffsets) {
  const std::string text = "abc \xFF\xFE Kyiv \xC3";
  auto tokens = Tokenize(text);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens[0].surface(text), "abc");
  bool found = false;
  for (const auto& t : tokens) {
    if (t.norm == "kyiv") {
      found = true;
      EXPECT_EQ(t.byte_start, 7u);
      EXPECT_EQ(t.cp_start, 7u);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Tokenizer, NumbersAreTokens) {
  auto tokens = Tokenize("6,000 prisoners in 2025");
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_EQ(tokens.back().norm, "2025");
  EXPECT_EQ(tokens.back().kind, TokenKind::kNumber);
}

TEST(Tokenizer, ArbitraryBytesNeverCrashAndSpansStayInside) {
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = 0; i < 64; ++i) {
      seed = seed * 1103515245 + 12345;
      text.push_back(static_cast<char>((seed >> 16) & 0xFF));
    }
    for (const Token& t : Tokenize(text)) {
      ASSERT_LE(t.byte_end, text.size());
      ASSERT_LE(t.byte_start, t.byte_end);
    }
  }
}

// IdeographRuns::kCharacters: each Han or kana character is a token of its
// own, with offsets into the original text; every other token is the one
// IdeographRuns::kWords makes.
TEST(Tokenizer, IdeographRunsCutIntoCharactersKeepEverythingElse) {
  const std::string text =
      "Talks in 伊斯坦布尔: 泽连斯基\xFF会见G7峰会; ゼレンスキー大統領 met Зеленський, "
      "서울에서 l'envoyé Putin's 👍🏽 \xC3";
  const std::vector<Token> words = Tokenize(text);
  const std::vector<Token> chars = Tokenize(text, IdeographRuns::kCharacters);
  std::vector<std::string> outside_words, outside_chars, ideographs;
  for (const Token& t : words) {
    std::size_t at = t.byte_start;
    if (!IsIdeographic(DecodeUtf8(text, &at))) outside_words.push_back(t.norm);
  }
  for (const Token& t : chars) {
    ASSERT_LT(t.byte_start, t.byte_end);
    ASSERT_LE(t.byte_end, text.size());
    if (t.kind == TokenKind::kWord) {
      EXPECT_EQ(FoldWord(t.surface(text)), t.norm);
    }
    EXPECT_EQ(t.cp_start, CountCodePoints(std::string_view(text).substr(0, t.byte_start)));
    EXPECT_EQ(t.cp_end, CountCodePoints(std::string_view(text).substr(0, t.byte_end)));
    std::size_t at = t.byte_start;
    if (IsIdeographic(DecodeUtf8(text, &at))) {
      EXPECT_EQ(at, t.byte_end) << "one character a token: " << t.surface(text);
      ideographs.push_back(std::string(t.surface(text)));
    } else {
      outside_chars.push_back(t.norm);
    }
  }
  EXPECT_EQ(outside_chars, outside_words);
  EXPECT_EQ(ideographs.size(), 5u + 4u + 4u + 6u + 3u);  // ー is kana's own
  EXPECT_EQ(ideographs.front(), "伊");
  // Korean is written in words: hangul is cut as before.
  EXPECT_NE(std::find(outside_chars.begin(), outside_chars.end(), "서울에서"), outside_chars.end());
}

TEST(Tokenizer, EmojiAndSymbolsAreTokensWithoutModifiers) {
  const std::string text =
      "Fans 👍🏽 and ❤️, a 🇺🇦 flag, 👨‍👩‍👧 ☢ © at $5 + 3% «ok»!";
  std::vector<Token> symbols;
  for (const Token& t : Tokenize(text)) {
    if (t.kind == TokenKind::kSymbol) symbols.push_back(t);
  }
  std::vector<std::string> norms;
  for (const Token& t : symbols) {
    EXPECT_TRUE(t.indexed());
    norms.push_back(t.norm);
  }
  // Skin tones and the emoji variation selector are dropped; a ZWJ family and
  // a flag stay one token; currency, math and punctuation are no tokens.
  EXPECT_EQ(norms, (std::vector<std::string>{"👍", "❤", "🇺🇦", "👨‍👩‍👧", "☢", "©"}));
  EXPECT_EQ(symbols[0].surface(text), "👍🏽");
  EXPECT_EQ(symbols[1].surface(text), "❤️");
  EXPECT_EQ(Norms("$5 + 3%"), (std::vector<std::string>{"5", "3"}));
  // Consecutive emoji are separate tokens, as words are.
  EXPECT_EQ(Norms("👍👍🔥"), (std::vector<std::string>{"👍", "👍", "🔥"}));
}

TEST(FoldWord, CachedAndUncachedAgree) {
  for (const char* w : {"Zelenskyy", "Zełenskiego", "ÉTAT", "Зеленського", "İstanbul", "Ζελένσκι",
                        "ＮＡＴＯ", "Straße", "Zelen\u00ADskyy"}) {
    EXPECT_EQ(FoldWord(w), FoldWordUncached(w)) << w;
  }
}

TEST(Transliterate, CyrillicAndGreekToLatin) {
  EXPECT_EQ(ToLatin(FoldWord("Зеленський"), "uk"), "zelenskyi");
  EXPECT_EQ(ToLatin(FoldWord("Зеленський")), "zelenskiy");
  EXPECT_EQ(ToLatin(FoldWord("Зеленский")), "zelenskiy");
  EXPECT_EQ(ToLatin(FoldWord("Сибіга")), "sybiha");
  EXPECT_EQ(ToLatin(FoldWord("Умєров")), "umyerov");
  EXPECT_EQ(ToLatin(FoldWord("Путина")), "putina");
  EXPECT_EQ(ToLatin(FoldWord("Ζελένσκι")), "zelenski");
  EXPECT_EQ(ToLatin("kyiv"), "kyiv");
}

TEST(Transliterate, GeorgianAndArmenianToLatin) {
  EXPECT_EQ(ToLatin(FoldWord("ერდოღანი")), "erdoghani");
  EXPECT_EQ(ToLatin(FoldWord("ზელენსკი")), "zelenski");
  EXPECT_EQ(ToLatin(FoldWord("თბილისი")), "tbilisi");
  EXPECT_EQ(ToLatin(FoldWord("Էրդողան")), "erdoghan");
  EXPECT_EQ(ToLatin(FoldWord("Պուտին")), "putin");
  EXPECT_EQ(ToLatin(FoldWord("Կիև")), "kiev");
  EXPECT_TRUE(NeedsTransliteration(FoldWord("Երևան")));
  EXPECT_FALSE(NeedsTransliteration("erevan"));
}

}  // namespace
}  // namespace concord::lang

namespace concord::lang {
namespace {

void ExpectSameTokens(const std::vector<Token>& a, const std::vector<Token>& b,
                      const std::string& text) {
  ASSERT_EQ(a.size(), b.size()) << text;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].byte_start, b[i].byte_start) << i << " in " << text;
    EXPECT_EQ(a[i].byte_end, b[i].byte_end) << i << " in " << text;
    EXPECT_EQ(a[i].cp_start, b[i].cp_start) << i << " in " << text;
    EXPECT_EQ(a[i].cp_end, b[i].cp_end) << i << " in " << text;
    EXPECT_EQ(a[i].norm, b[i].norm) << i << " in " << text;
    EXPECT_EQ(a[i].script, b[i].script) << i << " in " << text;
    EXPECT_EQ(a[i].kind, b[i].kind) << i << " in " << text;
    EXPECT_EQ(a[i].capitalized, b[i].capitalized) << i << " in " << text;
    EXPECT_EQ(a[i].all_caps, b[i].all_caps) << i << " in " << text;
    EXPECT_EQ(a[i].lower_then_upper, b[i].lower_then_upper) << i << " in " << text;
    EXPECT_EQ(a[i].caps_then_lower, b[i].caps_then_lower) << i << " in " << text;
    EXPECT_EQ(a[i].clitic_follows, b[i].clitic_follows) << i << " in " << text;
  }
}

// The plain-ASCII fast path must cut exactly as ICU does.
TEST(TokenizerFastPath, EqualsIcuOnTheSampleCorpus) {
  Tokenizer tokenizer;
  const std::string dir = std::string(CONCORD_SOURCE_DIR) + "/corpus/samples";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    ExpectSameTokens(tokenizer.Tokenize(text), tokenizer.TokenizeWithIcu(text),
                     entry.path().string());
    ++files;
  }
  EXPECT_EQ(files, 5);
}

TEST(TokenizerFastPath, EqualsIcuOnGeneratedText) {
  const std::vector<std::string> pieces = {"Kyiv",
                                           "2025",
                                           "abc123",
                                           "(NATO)",
                                           "\"Putin\"",
                                           "U.S.",
                                           "2,000",
                                           "don't",
                                           "Putin's",
                                           "l'OTAN",
                                           "end.",
                                           "?!",
                                           "-",
                                           "--",
                                           "e-mail",
                                           "Zełenski",
                                           "Зеленський",
                                           "élan",
                                           "\xC2\xAD",
                                           "\xE2\x80\x8B",
                                           "\xFF",
                                           "\x80",
                                           "x\xE2\x80\x8By",
                                           "IBM",
                                           "A",
                                           "a",
                                           "3D",
                                           "...",
                                           "(",
                                           ")",
                                           ":",
                                           "’s",
                                           "ZELENSKYY'S",
                                           "\xF0\x9F\x98\x80",
                                           "#tag",
                                           "@user",
                                           "http://x.org/a",
                                           "_"};
  const std::vector<std::string> spaces = {" ", "  ", "\n", "\t", "\r\n", "", "\xC2\xA0"};
  std::mt19937 rng(7);
  Tokenizer tokenizer;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      text += spaces[rng() % spaces.size()];
    }
    ExpectSameTokens(tokenizer.Tokenize(text), tokenizer.TokenizeWithIcu(text), text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace concord::lang

namespace concord::lang {
namespace {

// An over-long word stays one term: bounded, findable by typing it, and not
// confused with another long word sharing its first 160 bytes.
TEST(TokenizerTest, OverLongWordsGetABoundedNormalForm) {
  const std::string a300(300, 'a'), a299(299, 'a');
  const std::vector<Token> t = Tokenize("x " + a300 + " " + a299 + " " + std::string(100, 'b'));
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].norm.size(), kMaxNormBytes);
  EXPECT_EQ(t[1].norm.substr(0, kMaxNormBytes - 17), std::string(kMaxNormBytes - 17, 'a'));
  EXPECT_EQ(t[1].norm[kMaxNormBytes - 17], '~');
  EXPECT_NE(t[1].norm, t[2].norm);
  EXPECT_EQ(t[1].norm, Tokenize(a300)[0].norm);      // the query side finds it
  EXPECT_EQ(t[3].norm, std::string(100, 'b'));       // short words as they are
  EXPECT_EQ(t[1].byte_end - t[1].byte_start, 300u);  // spans still cover the word
  // Cut at a character, never inside one.
  const std::string cyr = Tokenize(std::string(400, 'x') + "\xD0\x96")[0].norm;
  EXPECT_LE(cyr.size(), kMaxNormBytes);
  const std::vector<Token> zh = Tokenize(std::string(150, 'y') + std::string(60, 'z'));
  EXPECT_EQ(zh.size(), 1u);
  EXPECT_EQ(BoundedNorm("short"), "short");
  std::string cyrillic;
  for (int i = 0; i < 120; ++i) cyrillic += "\xD0\x96";  // 240 bytes
  const std::string bounded = BoundedNorm(cyrillic);
  EXPECT_LE(bounded.size(), kMaxNormBytes);
  EXPECT_EQ(bounded.find('~') % 2, 0u);  // whole two-byte letters before the hash
}

TEST(TokenizerTest, AZeroWidthNonJoinerMarksAGluedEnding) {
  // Telugu writes one between a name and its ending; folding drops it, and
  // Token::zwnj_tail keeps where it stood.
  const std::vector<Token> tokens = Tokenize("ఇస్తాంబుల్\u200cలో పుతిన్");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].norm.substr(tokens[0].norm.size() - tokens[0].zwnj_tail), "లో");
  EXPECT_EQ(tokens[1].zwnj_tail, 0);
}

}  // namespace
}  // namespace concord::lang
