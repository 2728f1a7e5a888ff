#ifndef CONCORD_LANG_COMPILED_ALIASES_H_
#define CONCORD_LANG_COMPILED_ALIASES_H_

// The entity matcher's compiled form (lang/entity_matcher.cc builds it from a
// dictionary) and its binary encoding, so that a compiled matcher can be saved
// beside an index and loaded by every later process instead of compiled again
// (docs/architecture.md, "Matcher cache"). Private to lang/.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/entity_dictionary.h"
#include "lang/string_table.h"
#include "lang/tokenizer.h"

namespace concord::lang {

// kCapital: the alias counts only when capitalised (a "cased:" alias, a common
// word somewhere). kPreferCapital: any case for the exact alias ("kyiv" in a
// careless translation), a capital for fuzzier rungs. kAllCaps: acronyms.
enum class CaseRule : uint8_t { kAny, kPreferCapital, kCapital, kAllCaps };

struct AliasToken {
  std::string norm;
  CaseRule case_rule = CaseRule::kAny;
  std::vector<std::pair<std::string, int>> stems;  // (stem, final letters stripped)
  Script script = Script::kOther;
};

struct CompiledAlias {
  int entity = -1;
  std::string text;
  std::vector<AliasToken> tokens;
  bool full_name = false;
  bool cased = false;
  bool demonym = false;  // Alias::demonym: only its exact and inflected forms, as the derived rung
};

// What the matcher looks words up in. The tables map a word (or key) to
// indexes into `aliases` (`stems`: StemEntry values; `feminine_forms`:
// indexes into `entities`).
struct CompiledAliases {
  std::vector<Entity> entities;
  std::vector<CompiledAlias> aliases;
  StringTable stems;  // every stem of an alias's first word -> StemEntry(alias, strip)
  StringTable keys;   // trimmed name key -> aliases
  // The same for words in Arabic script (AbjadKeys: no p, v, o or e, and no
  // short vowels).
  StringTable abjad_keys;
  // SyllabaryKey -> aliases, for words in kana and hangul.
  StringTable syllabary_keys;
  StringTable deletions;  // typo neighbourhood -> aliases
  // Feminine forms of a man's Slavic surname, in Latin letters ("peskova",
  // "medvedeva", "zelenska") -> entities: in a language that does not
  // inflect names they name another person (a wife, a daughter).
  StringTable feminine_forms;
  std::unordered_map<std::string, int> by_id;  // entity id -> index
};

// A stem table value: an alias and the final letters its stem cut.
inline constexpr int kStripBits = 6;
inline constexpr int kMaxStrip = (1 << kStripBits) - 1;
inline std::uint32_t StemEntry(int alias, int strip) {
  return static_cast<std::uint32_t>(alias) << kStripBits | static_cast<std::uint32_t>(strip);
}
inline int StemAlias(std::uint32_t entry) { return static_cast<int>(entry >> kStripBits); }
inline int StemStrip(std::uint32_t entry) { return static_cast<int>(entry & kMaxStrip); }

// Version of the encoding below and of what Compile puts in the tables:
// raised by every change to either, so that a saved matcher made by another
// concord is stale, never misread.
inline constexpr int kCompiledAliasesFormat = 8;

// `key` names what the tables were compiled from (the dictionary's content
// hash); it is stored with them, with kCompiledAliasesFormat and
// kTaggingRules.
std::string EncodeCompiledAliases(const CompiledAliases& tables, std::string_view key);

// The encoding's header and checksum around `body`, the encoded tables
// (EncodeCompiledAliases seals its own; the fuzz target seals any bytes).
std::string SealCompiledAliases(std::string_view body, std::string_view key);

// The key `bytes` were saved under, if they begin like an encoding of this
// format and tagging rules (their checksum is not verified: Decode does).
bool SavedCompiledAliasesKey(std::string_view bytes, std::string* key);

enum class DecodeOutcome { kOk, kStale, kCorrupt };
// kStale: well-formed bytes made for another key, format or tagging rules.
// kCorrupt: anything malformed (truncated, an index out of range...), with
// *error saying what. *tables is complete only for kOk; its tables are views
// of `bytes`, which `owner` keeps alive.
DecodeOutcome DecodeCompiledAliases(std::string_view bytes, std::shared_ptr<const void> owner,
                                    std::string_view key, CompiledAliases* tables,
                                    std::string* error);

}  // namespace concord::lang

#endif  // CONCORD_LANG_COMPILED_ALIASES_H_
