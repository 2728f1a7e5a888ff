#ifndef CONCORD_LANG_DERIVATION_H_
#define CONCORD_LANG_DERIVATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "lang/tokenizer.h"

namespace concord::lang {

// One way a word may be an adjective or demonym made from a name: the word
// is `base` + `formant` (московские = москов + ские), and `stem` is what the
// name looks like before the formant once the base's regular changes are
// undone (the fleeting vowel: москов -> москв, moskiew -> moskw; a linking
// -ov-: moscov-ita -> mosc; a consonant the formant swallowed: оде-ський ->
// одес; a soft sign: стамбуль-ский -> стамбул; Ukrainian ж/г -> з before
// -зьк-: запорі-зький -> запоріж).
struct DerivedStem {
  std::string stem;     // to look up among the dictionary's alias stems
  std::string base;     // the word minus the formant
  std::string formant;  // the adjective or demonym ending, folded
  // In this language (English, Dutch) such a word followed by a capitalised
  // word begins the name of something else (Kievan Rus, Crimean War): there
  // it is no mention. German capitalises every noun, so it says nothing there.
  bool opens_names = false;
};

// The stems that `word` (folded, as Token::norm) may be derived from in a
// document of language `lang` written in `script`: Cyrillic words through
// the Slavic -ск-/-ськ-/-цк-/-зьк- adjectives in every case and gender and
// the demonyms and regions -ич-/-лян-/-ян-/-ит-/-чан-/-як-/-ец/-щин-
// (москвичи, дніпряни, херсонці, Харківщина), whatever the language; Latin
// words through the endings of `lang` (Polish, Czech, Slovak, South Slavic
// -ski/-ský with their cases, Polish -(i)anin/-czyk; German -er; Dutch
// -se; English -an/-ian/-ite/-er; French -ien/-ois/-ais/-ite/-en; Spanish,
// Italian, Portuguese -ense/-ita/-ano/-ese/-és/-í, -ino after five letters; Romanian -ean/-ez;
// Hungarian -i; Turkish -li/-lu; Finnish -lainen), or of all of them when
// the language is unknown ("" or "und"). Endings that languages write with
// a capital (English, German, Dutch) count only when `capitalized`. A stem
// keeps at least three letters (four before a vowel-initial formant, which
// would otherwise turn short words into names). Empty when nothing fits.
// Thread-safe.
std::vector<DerivedStem> DerivedStems(std::string_view word, std::string_view lang, Script script,
                                      bool capitalized);

}  // namespace concord::lang

#endif  // CONCORD_LANG_DERIVATION_H_
