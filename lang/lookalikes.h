#ifndef CONCORD_LANG_LOOKALIKES_H_
#define CONCORD_LANG_LOOKALIKES_H_

#include <string>
#include <string_view>

#include "lang/tokenizer.h"

namespace concord::lang {

// Letters that look alike across the Latin, Cyrillic and Greek scripts: Latin
// "e" and Cyrillic "е", Cyrillic "і" and Latin "i", Greek "Ρ" and Latin "P".
// The pairs are not listed by hand: they are the letters of those scripts
// that Unicode's confusables data (TR39, through ICU's spoof checker) gives
// the same one-letter skeleton.
//
// Real pages mix them inside one word (a Latin "e" typed into a Cyrillic
// name, a Cyrillic "і" left in a Latin one). Such a word is read in its
// dominant script: when more of its letters are in one of the three scripts
// than in the other two together, and every other letter of those scripts
// has a look-alike in the dominant one, `word` is rewritten letter for
// letter into *folded (same number of code points, case kept) and its
// script returned. Otherwise (one script, a tie, a letter with no
// look-alike such as Cyrillic "ж" in a Latin word) Script::kOther and
// *folded untouched. Letters of other scripts, digits and marks are kept.
Script FoldLookalikes(std::string_view word, std::string* folded);

}  // namespace concord::lang

#endif  // CONCORD_LANG_LOOKALIKES_H_
