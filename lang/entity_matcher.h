#ifndef CONCORD_LANG_ENTITY_MATCHER_H_
#define CONCORD_LANG_ENTITY_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/entity_dictionary.h"
#include "lang/tokenizer.h"

namespace concord::lang {

// The rungs of the matching ladder. They are tried in the order exact,
// inflection, derived, name-key, typo at every position; the numbers are
// stored in indexes and never change (derived came last).
enum class Rung : int {
  kExact = 1,      // a dictionary alias, folded (case, accents, width, soft hyphens)
  kInflected = 2,  // an alias plus a case/possessive ending of the language (Putina, Selenskyjs)
  kNameKey = 3,  // same transliteration-invariant key (Zelenskij, Зеленскому, Zelenszkij)
  kTypo = 4,     // one edit from a long alias, capitalised, not an ordinary word (Zelesnky)
  kDerived = 5,  // a place's adjective or demonym (московские, kijowski, Moskauer, kiévien)
};
inline constexpr Rung kLastRung = Rung::kDerived;
// "exact", "inflection", "name-key", "typo", "derived"
const char* RungName(Rung rung);

// How sure a mention is: high (a dictionary spelling, inflected or derived),
// medium (name-key, typo: a spelling the dictionary does not have), low (the
// words around it suggest a namesake: Mention::ambiguous).
enum class Confidence : int { kLow = 0, kMedium = 1, kHigh = 2 };
Confidence MentionConfidence(Rung rung, bool ambiguous);
const char* ConfidenceName(Confidence confidence);  // "low", "medium", "high"
// False for any other name.
bool ParseConfidence(std::string_view name, Confidence* confidence);

struct Mention {
  std::size_t first_token = 0, last_token = 0;  // inclusive indexes into the tokens given
  std::size_t byte_start = 0, byte_end = 0;     // into the text; covers a glued clitic ('s)
  std::size_t cp_start = 0, cp_end = 0;
  int entity = -1;  // index into EntityMatcher::entity()
  Rung rung = Rung::kExact;
  std::string alias;     // the dictionary alias that matched, as written there
  std::string evidence;  // why, in words: "alias 'Putin' + ending 'a'"
  // The words around it suggest another person or thing of that name (a
  // first name of someone else, quotation marks, a hyphenated eponym, lower
  // case, a plural): kept, but of low confidence. The evidence ends with
  // "; ambiguous: " and the cue.
  bool ambiguous = false;
};

// Finds entity mentions in analysed text: the matching ladder of DESIGN.md.
// Built once from a dictionary (it compiles aliases into lookup tables), then
// immutable: Match() and Resolve() are const and thread-safe.
class EntityMatcher {
 public:
  explicit EntityMatcher(const EntityDictionary& dictionary);
  // With `ordinary_words` false, the name-key and typo rungs do not ask the
  // languages' spelling dictionaries (lang/ordinary_words.h): for a name a
  // user typed, matched over a whole archive at search time, where loading
  // the dictionary of every language there would cost seconds.
  EntityMatcher(const EntityDictionary& dictionary, bool ordinary_words);
  ~EntityMatcher();
  EntityMatcher(const EntityMatcher&) = delete;
  EntityMatcher& operator=(const EntityMatcher&) = delete;

  // Mentions in document order. REQUIRES: tokens == Tokenize(text).
  // `lang` is the document's language (it chooses the inflection endings).
  std::vector<Mention> Match(std::string_view text, const std::vector<Token>& tokens,
                             std::string_view lang) const;

  // Entities that a name typed by a user denotes (the whole name must be one
  // mention); `type` ("person", "place"...) restricts, "" allows any. Case is
  // not required in typed names. *rung, when given, is the rung that
  // reached it (a name key or a typo: the typed word may be an ordinary one).
  std::vector<int> Resolve(std::string_view name, std::string_view type,
                           Rung* rung = nullptr) const;

  int size() const;
  const Entity& entity(int index) const;
  int Find(std::string_view id) const;  // -1 when absent

  // The compiled matcher as bytes, to be loaded back by Load() at a fraction
  // of the cost of compiling the dictionary again. `key` names the dictionary
  // it was compiled from (its ContentHash) and is stored with it.
  std::string Save(std::string_view key) const;
  enum class LoadOutcome { kLoaded, kStale, kCorrupt };
  // The matcher saved in `bytes` if they were saved by this version of the
  // matching rules for `key` (kLoaded); kStale when they were saved for
  // another key or version; kCorrupt when they are malformed, *error saying
  // how. Never trusts `bytes`. The matcher reads its lookup tables where
  // they lie: `owner` keeps `bytes` alive (null when the caller keeps them
  // alive longer than the matcher).
  static LoadOutcome Load(std::string_view bytes, std::shared_ptr<const void> owner,
                          std::string_view key, std::unique_ptr<EntityMatcher>* matcher,
                          std::string* error);

 private:
  EntityMatcher();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::lang

#endif  // CONCORD_LANG_ENTITY_MATCHER_H_
