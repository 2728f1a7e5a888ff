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

// Which of the three scripts a letter is written in, by Unicode block: 0
// Latin (Basic Latin to Latin Extended-B, Latin Extended Additional), 1
// Cyrillic (with its Supplement), 2 Greek (with Greek Extended); -1 for
// anything else. Cheap
// enough for the tokenizer to ask of every letter.
inline int LookalikeScript(char32_t c) {
  // The letters of those blocks that are of no script of the three: the
  // micro sign, the Greek numeral sign and the Coptic letters.
  if (c == 0xB5 || c == 0x374 || (c >= 0x3E2 && c <= 0x3EF)) return -1;
  if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) return 0;
  if (c >= 0x400 && c <= 0x52F) return 1;
  if ((c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF)) return 2;
  return -1;
}

}  // namespace concord::lang

#endif  // CONCORD_LANG_LOOKALIKES_H_
