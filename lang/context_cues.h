#ifndef CONCORD_LANG_CONTEXT_CUES_H_
#define CONCORD_LANG_CONTEXT_CUES_H_

#include <string_view>

namespace concord::lang {

// The closed classes of words that the matcher reads around a name to tell
// a figure from its namesakes (EntityMatcher marks a mention `ambiguous`).

// A title or office written before a person's name ("President", "Mrs",
// "Kanzler", "pani", "Cumhurbaşkanı", "господин"), `folded` as FoldWord
// folds it, in any of the languages concord reads; also a German compound
// ending in one ("Außenminister", "Kremlchef", "Regierungssprecher"); any of
// them with up to three letters of a case ending (Präsidenten, президента).
// Unlike first names, these are few, so the list is what tells them apart.
bool IsTitleWord(std::string_view folded);

// The titles among them that make the person a woman ("Mrs", "Mme", "Frau",
// "pani", "пані", "señora"): before a man's surname they name his wife or
// another woman of the family.
bool IsWomansTitle(std::string_view folded);

// A Slavic patronymic, the name between a first name and a surname
// ("Владимирович", "Vladimirovich", "Olexandrivna"): folded.
bool IsPatronymic(std::string_view folded);

// A day or month name, which English writes with a capital ("On Tuesday
// Zelensky said"): folded. Never another first name.
bool IsCalendarWord(std::string_view folded);

// A definite article ("the", "le", "la", "les", "el", "il", "der", "die",
// "de", "o"...) of the Western European languages, folded. Written with a
// capital inside a sentence, it opens the name of a newspaper or another
// title: "selon Le Parisien", "in The Londoner".
bool IsDefiniteArticle(std::string_view folded);

// Quotation marks that open (« „ “ " ' ‘ ‚ ‹ 「 『) and close (» “ ” " ' ’ › 」 』)
// a quoted name: of a ship, a newspaper, a film, an operation.
bool IsOpeningQuote(char32_t c);
bool IsClosingQuote(char32_t c);

}  // namespace concord::lang

#endif  // CONCORD_LANG_CONTEXT_CUES_H_
