#ifndef CONCORD_LANG_ENTITY_DICTIONARY_H_
#define CONCORD_LANG_ENTITY_DICTIONARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace concord::lang {

// One written form of an entity's name, as the dictionary spells it.
struct Alias {
  std::string text;  // as written, e.g. "Zelenskyy" or "Володимир Зеленський"
  std::string lang;  // ISO 639-1 code of the newsroom that uses it; empty when unsaid
  bool full_name = false;  // a full name ("name:"), which settles shared surnames later on
  bool cased = false;      // counts only when written capitalised ("cased:")
  // A former name ("historical:": Artemivsk for Bakhmut): matched only when
  // the dictionary's historical names are switched on.
  bool historical = false;
  // A word for its people or an adjective made from it that no rule derives
  // from its names ("demonyms:": Muscovite, londinense, киянин): matched
  // with its endings, as the derived rung.
  bool demonym = false;
};

struct Entity {
  std::string id;     // [a-z0-9_-]+, unique across all loaded dictionaries
  std::string type;   // person, place, org, topic, event, other
  std::string label;  // display name
  std::vector<Alias> aliases;
  bool is_default = false;  // wins a bare surname shared with other entities
  // Whether adjectives and demonyms made from the entity's names are its
  // mentions ("derived:"; docs/entities.md "Derived forms"): kByType means
  // yes for places, no for everything else.
  enum class Derived : std::uint8_t { kByType = 0, kYes = 1, kNo = 2 };
  Derived derived = Derived::kByType;
  bool DerivesForms() const {
    return derived == Derived::kYes || (derived == Derived::kByType && type == "place");
  }
  // Cue words (docs/entities.md "Namesakes"): near a mention, words of a
  // namesake ("namesake-cues:": recipe, gravy for a dish named like a
  // politician) make it ambiguous unless as many of the figure's own
  // ("cues:") are there too. As written; the matcher folds them.
  std::vector<std::string> cues, namesake_cues;
  std::string source_file;  // where it was defined (first definition)
  int line = 0;
};

// The entities concord recognises, loaded from one or more text files in the
// format described in docs/entities.md. Loading never stops at a bad line: the
// problem is reported as "file:line: message" and the rest is read.
// Version of the matching rules (lang/entity_matcher.cc, inflection.cc,
// transliterate.cc, name_key.cc) and of what tagging writes (3: titles carry
// their own entity terms; Polish cz and Hungarian cs key as ch; Cyrillic and
// Greek words reach the typo rung in Latin letters; 4: adjectives and
// demonyms of places, the derived rung; 5: cue words of namesakes; 6: short
// name keys and acronyms by sound, Arabic-script readings and country
// adjectives, sound distance, x as kh, more Romance formants, the woman of
// the family, Hungarian given names; 7: Greek ντ/γκ read as d/g, South
// Slavic lj/nj, feminine forms of -ny surnames, listed demonyms and more
// Slavic demonym formants, Devanagari j as z, Dutch oe/sj/zj/tsj, Arabic
// tsh as ch; 8: decisive namesake cues drop mentions, cue words weighed
// by distance, a person takes no Arabic/Hebrew article on the name-key
// rung, the paragraph about another person of the name; 9: ordinary words
// of the spelling dictionaries, Bengali and other Brahmic scripts, a
// sentence-opening first name the dictionary lists, an office after a name,
// an ordinary word heading another name, a derived form after a capitalised
// article or one edit from a long spelling, doubled consonants in Arabic
// script, a first name before a short key; 10: Hebrew and the Japanese
// and Korean syllabaries on the name-key rung, a closer spelling is no
// shared-name tie; 11: a German or Dutch genitive in -s before its noun is
// no plural): raised by every change that
// tags some text differently, so that indexes tagged before count as tagged
// with other dictionaries.
inline constexpr int kTaggingRules = 11;

class EntityDictionary {
 public:
  // Returns false only when the file cannot be read at all. Bad lines are
  // reported in `errors` and skipped; the rest of the file is still loaded.
  bool LoadFile(const std::string& path, std::vector<std::string>* errors);
  bool LoadString(std::string_view text, const std::string& name, std::vector<std::string>* errors);

  const std::vector<Entity>& entities() const { return entities_; }
  // nullptr when unknown.
  const Entity* Find(std::string_view id) const;

  // A digest of what was loaded (entities and aliases in load order, not the
  // files' comments or layout) and of kTaggingRules, recorded in an index so
  // that a search can tell it runs with different dictionaries or matching
  // rules (then it matches the text again; --retag brings the index up to
  // date). 16 hex digits.
  std::string ContentHash() const;

  // Whether "historical:" aliases are matched (off by default: a former
  // name in an old text may not mean today's place). Part of ContentHash
  // when some alias is historical.
  void set_historical_names(bool on) { historical_names_ = on; }
  bool historical_names() const { return historical_names_; }

 private:
  bool historical_names_ = false;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

// Where the built-in dictionaries live: $CONCORD_ENTITIES_DIR if set, else the
// source tree's corpus/entities while it exists, else the installed copy
// (<prefix>/share/concord/entities).
std::string BuiltinEntitiesPath();

// Loads every *.entities file of BuiltinEntitiesPath(), in name order.
bool LoadBuiltinEntities(EntityDictionary* dictionary, std::vector<std::string>* errors);

// The files LoadBuiltinEntities loads, in its order: each path with its
// bytes (for LoadString). False, with *errors, when the directory or a file
// cannot be read.
bool ReadBuiltinEntities(std::vector<std::pair<std::string, std::string>>* files,
                         std::vector<std::string>* errors);

}  // namespace concord::lang

#endif  // CONCORD_LANG_ENTITY_DICTIONARY_H_
