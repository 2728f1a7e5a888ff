#ifndef CONCORD_LANG_INFLECTION_H_
#define CONCORD_LANG_INFLECTION_H_

#include <string>
#include <string_view>
#include <vector>

#include "lang/tokenizer.h"

namespace concord::lang {

// Case, possessive and clitic endings that a language glues to proper names
// (Zełenski-ego, Путин-а, Selenskyj-s, Putin-in, Kiova-n), in folded form and
// longest first. Which list applies depends on the word's script and the
// document's language: Latin words in a language that does not inflect names
// (English, French, Spanish...) get none; Cyrillic and Greek words get their
// script's list whatever the document language; an unknown language ("" or
// "und") gets the union of the Latin-script lists of the Slavic, Baltic and
// German endings, and "mul" (a name typed in a query, when "und" found no
// figure) the endings of three letters or more of the other inflecting
// languages (Hungarian, Finnish, Estonian, Romanian...: Zelenszkijjel,
// Kijevben); shorter ones would make adjectives names (ucrania-na).
// Thread-safe; the returned reference lives for the whole program.
const std::vector<std::string>& InflectionEndings(std::string_view lang, Script script);

// Case endings (and Armenian articles) and glued postpositions of words in
// the scripts the tokenizer calls kOther, which InflectionEndings does not
// see, by the script of `word`'s first letter: Georgian, Armenian, Bengali,
// Gujarati, Tamil, Telugu, Kannada, Malayalam, Sinhala, and Devanagari when `lang` is
// Marathi, Nepali or unknown (Hindi writes its postpositions apart); empty
// for other scripts.
const std::vector<std::string>& ScriptEndings(std::string_view word, std::string_view lang);

// `word` without `ending` (which it ends with). An ending of Tamil, Telugu,
// Kannada, Malayalam or Sinhala that begins with a vowel sign took the place of the
// virama that ends the name (புடின் + -ஐ: புடினை): the virama is given back,
// and a consonant doubled before the vowel is written once (இஸ்தான்புல்லில்:
// இஸ்தான்புல்).
std::string StemBefore(std::string_view word, std::string_view ending);

// True when `c` (a folded letter) may be dropped from the end of a dictionary
// name before an ending is added (Moskva -> Moskv-y, Зеленський -> Зеленськ-ого).
bool IsStemFinalVowel(char32_t c);

}  // namespace concord::lang

#endif  // CONCORD_LANG_INFLECTION_H_
