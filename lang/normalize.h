#ifndef CONCORD_LANG_NORMALIZE_H_
#define CONCORD_LANG_NORMALIZE_H_

#include <string>
#include <string_view>

namespace concord::lang {

// Folds one word to its search form: NFKC, full case folding, default-ignorable
// characters removed (soft hyphen, zero-width space/joiners, BOM), diacritics
// removed from Latin and Greek letters (é→e, ł→l, ß→ss, İ/ı→i, æ→ae), typographic
// apostrophes unified to U+0027. Cyrillic letters keep their marks (й, ё, ї stay
// distinct from и, е, і): transliteration, not folding, bridges scripts.
//
// Thread-safe. Results for non-ASCII words are cached per thread (bounded).
std::string FoldWord(std::string_view utf8);

// The same fold without the cache, written for clarity; used by tests as the
// reference implementation of FoldWord.
std::string FoldWordUncached(std::string_view utf8);

}  // namespace concord::lang

#endif  // CONCORD_LANG_NORMALIZE_H_
