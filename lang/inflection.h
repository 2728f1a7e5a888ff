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

// Case endings (and Armenian articles) of Georgian or Armenian words, by the
// script of `word`'s first letter; empty for other scripts. These scripts are
// kOther to the tokenizer, so InflectionEndings does not see them.
const std::vector<std::string>& ScriptEndings(std::string_view word);

// True when `c` (a folded letter) may be dropped from the end of a dictionary
// name before an ending is added (Moskva -> Moskv-y, Зеленський -> Зеленськ-ого).
bool IsStemFinalVowel(char32_t c);

}  // namespace concord::lang

#endif  // CONCORD_LANG_INFLECTION_H_
