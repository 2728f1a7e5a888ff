#ifndef CONCORD_LANG_TRANSLITERATE_H_
#define CONCORD_LANG_TRANSLITERATE_H_

#include <string>
#include <string_view>

namespace concord::lang {

// Latin transliteration of a FOLDED Cyrillic, Greek, Georgian, Armenian,
// Arabic-script (Arabic, Persian, Urdu) or Devanagari word
// (lower case, as FoldWord returns it), in a plain press-style scheme
// (Зеленський → zelenskyi, Зеленский → zelenskiy, Путін → putin, Ζελένσκι →
// zelenski, ერდოღანი → erdoghani, Էրդողան → erdoghan, بوتين → butin,
// लावरोव → lavrov). Ukrainian letter
// values are used when the word holds a Ukrainian-only letter (і ї є ґ) or
// `lang` is "uk"; Russian otherwise. Words in other scripts come back unchanged.
//
// Built on ICU rule-based transliterators created once per thread; results are
// cached per distinct word. Thread-safe.
std::string ToLatin(std::string_view folded_word, std::string_view lang = "");

// True when the word holds letters of one of those scripts.
bool NeedsTransliteration(std::string_view folded_word);

// True when the word is written in katakana or in hangul syllables, the
// scripts Japanese and Korean spell foreign names in, by their sound.
// (Not hiragana: Japanese writes its own words in it, never a foreign name.)
bool IsSyllabaryWord(std::string_view folded_word);

// True when the word is written in katakana alone.
bool IsKatakanaWord(std::string_view folded_word);

// The reading of a word in katakana or hangul, in lower-case ASCII letters
// (ウメロフ → umerofu, 라브로프 → rabeuropeu): hangul syllable by syllable
// (initial, vowel, final), katakana through ICU, where a small kana after a
// vowel replaces that vowel (ヴァンス, vu + small a: vansu). "" when the
// word has none. Thread-safe.
std::string SyllabaryToLatin(std::string_view folded_word);

}  // namespace concord::lang

#endif  // CONCORD_LANG_TRANSLITERATE_H_
