#ifndef CONCORD_LANG_ORDINARY_WORDS_H_
#define CONCORD_LANG_ORDINARY_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace concord::lang {

// Whether `word` is an ordinary word of language `lang` (an ISO 639-1 code;
// a region after '-' or '_' is ignored): a spelling-checker dictionary of
// that language accepts it written in lower case, as common words are
// listed (proper names are listed with a capital and refused in lower
// case), and none of whose stems the dictionary also lists as a name
// (Ukrainian ковальчук is a noun and the surname Ковальчук: not ordinary).
// `word` is UTF-8 as written in the text; it is lower-cased by the
// language's rules first (Turkish dotted i). False when no dictionary of the
// language is installed, or for a word of a script without case, where a
// dictionary cannot tell a name from a word (an Arabic dictionary lists
// أوديسا beside الأوديسة).
//
// Dictionaries are Hunspell's (.aff + .dic), looked for in the directories
// of $CONCORD_DICTIONARY_PATH (':'-separated), then /usr/share/hunspell and
// /usr/share/myspell/dicts: LANG_REGION with the region the language's own
// code in capitals (pl_PL, fr_FR), else LANG, else the first LANG_* by name.
// A dictionary is loaded when first asked (0.05-0.5 s, 10-40 MB); at most
// four stay loaded, the least recently asked unloaded first, and every
// answer is remembered, so a re-asked word costs a hash look-up. Thread-safe.
bool IsOrdinaryWord(std::string_view lang, std::string_view word);

// The stems the dictionary gives for `word` when IsOrdinaryWord (Russian
// курской: курский, Polish moście: mość, most); empty otherwise. A word the
// dictionary accepts without a stem is no ordinary word: it was accepted by
// a conversion (Ukrainian's drops every Latin letter). UTF-8.
std::vector<std::string> OrdinaryWordStems(std::string_view lang, std::string_view word);

// Whether the spelling dictionary of `lang` lists `word` as a name and not
// also as a word: it accepts the word only with a capital (English Keith,
// French Brigitte), or one of its stems has a capital and is no stem of the
// word in lower case (Turkish Emine, which the dictionary also reads as em
// + -ine; not English Winter, a name and a word). False when no dictionary of the language is
// installed, for a word it does not know, and in a script without case.
// Languages that capitalise every noun list their nouns so too: ask it
// only where names alone are capitalised. Remembered as IsOrdinaryWord's
// answers are (one look-up answers both).
bool IsListedName(std::string_view lang, std::string_view word);

// The dictionary IsOrdinaryWord reads for `lang` ("/usr/share/hunspell/pl_PL"
// without .aff/.dic), or "" when none is installed.
std::string OrdinaryWordDictionary(std::string_view lang);

}  // namespace concord::lang

#endif  // CONCORD_LANG_ORDINARY_WORDS_H_
