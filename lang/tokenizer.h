#ifndef CONCORD_LANG_TOKENIZER_H_
#define CONCORD_LANG_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace concord::lang {

enum class Script : uint8_t { kOther, kLatin, kCyrillic, kGreek, kNumber };

enum class TokenKind : uint8_t {
  kWord,     // a word: indexed, searchable
  kNumber,   // digits: indexed, searchable
  kElision,  // a French/Italian elided article split off a word (l', d', qu', dell')
  kClitic,   // a possessive or case suffix split off a word ('s, ’s, Turkish 'in, 'daki)
  kSymbol,   // an emoji (with its modifiers, a flag, a ZWJ sequence) or another
             // pictographic symbol (☢, ©): indexed, searchable
};

// One token. Spans always point into the ORIGINAL text that was tokenised,
// never into a normalised copy.
struct Token {
  std::size_t byte_start = 0, byte_end = 0;  // UTF-8 byte offsets [start, end)
  std::size_t cp_start = 0, cp_end = 0;      // code-point offsets [start, end)
  std::string norm;                          // FoldWord() of the surface
  Script script = Script::kOther;
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;       // first letter is upper or title case
  bool all_caps = false;          // two or more letters, some upper case, none lower case
  bool clitic_follows = false;    // the next token is a clitic glued to this word
  bool lower_then_upper = false;  // a capital after a lower-case letter (withZelensky, iPhone)
  bool caps_then_lower = false;   // three capitals or more, then lower case (ANCHEPutin, NYTimes)
  // A word mixing Latin, Cyrillic and Greek letters, read in its dominant
  // script (`script`): `norm` folds the other letters to their look-alikes
  // (lang/lookalikes.h), so "Зeлeнський" with Latin e's is "зеленський".
  bool lookalikes = false;
  // Bytes at the end of `norm` that follow the word's last zero-width
  // non-joiner (U+200C), which folding drops: Telugu, Kannada and Malayalam
  // write it between a name and a glued ending (ఇస్తాంబుల్‌లో). 0 when
  // none, and for any word whose script is not kOther (Latin, Cyrillic...).
  std::uint8_t zwnj_tail = 0;

  bool indexed() const {
    return kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kSymbol;
  }
  std::string_view surface(std::string_view text) const {
    return text.substr(byte_start, byte_end - byte_start);
  }
};

// How runs of Chinese and Japanese characters (Han, hiragana, katakana) are
// cut. kWords: into words, by ICU's dictionary, as indexing and queries cut
// them. kCharacters: one token per character, for showing text in which no
// such word can be a hit (a snippet for a query without one): the same
// tokens elsewhere, without building ICU's dictionary engine, which costs a
// search process some 8 M instructions the first time it meets a Han
// character.
enum class IdeographRuns : uint8_t { kWords, kCharacters };

// A character that IdeographRuns::kCharacters makes a token of its own.
bool IsIdeographic(char32_t c);

// The one tokenizer: used for indexing, query parsing, highlighting and
// mention listing, so both sides cut and fold words identically.
// ICU word segmentation; words split at zero-width spaces are rejoined; French
// and Italian elisions and possessive/case clitics are split off into tokens of
// their own kind. Emoji and other pictographic symbols (general category So,
// Extended_Pictographic, flags) are tokens of kind kSymbol, folded without
// variation selectors and skin-tone modifiers (so 👍🏽 finds 👍); punctuation,
// currency and mathematical signs are not tokens. Invalid UTF-8 bytes are
// treated as U+FFFD and never shift offsets.
//
// Not thread-safe (it owns an ICU BreakIterator): use one Tokenizer per thread.
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  std::vector<Token> Tokenize(std::string_view utf8, IdeographRuns runs = IdeographRuns::kWords);
  // The same through ICU alone, without the plain-ASCII fast path (tests,
  // benchmarks).
  std::vector<Token> TokenizeWithIcu(std::string_view utf8);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Words are indexed and searched by at most this many bytes of normal form.
inline constexpr std::size_t kMaxNormBytes = 180;

// A normal form of at most kMaxNormBytes: an over-long one (a 10,000-letter
// "word", a run of glued text) keeps its first bytes, cut at a character,
// plus "~" and a 64-bit hash of the whole, so it stays one findable term
// that no other word shares. Others are returned as they are.
std::string BoundedNorm(std::string_view norm);

// Tokenizes with a per-thread Tokenizer, norms bounded by BoundedNorm.
// Thread-safe.
std::vector<Token> Tokenize(std::string_view utf8, IdeographRuns runs = IdeographRuns::kWords);

const char* ScriptName(Script s);

}  // namespace concord::lang

#endif  // CONCORD_LANG_TOKENIZER_H_
