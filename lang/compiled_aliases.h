#ifndef CONCORD_LANG_COMPILED_ALIASES_H_
#define CONCORD_LANG_COMPILED_ALIASES_H_

// The entity matcher's compiled form (lang/entity_matcher.cc builds it from a
// dictionary) and its binary encoding, so that a compiled matcher can be saved
// beside an index and loaded by every later process instead of compiled again
// (docs/architecture.md, "Matcher cache"). Private to lang/.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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

// The entities or aliases of a matcher. A compiled matcher holds them all;
// a loaded one decodes each on first use: a search process that resolves
// one typed name reads the few aliases that name reaches, not the thousands
// of the dictionaries (DecodeCompiledAliases checks every item once, so a
// deferred decode cannot fail). Reading is thread-safe; changing is not.
template <typename T>
class DeferredItems {
 public:
  // Decodes item `i` into *item (a default T).
  using Decoder = std::function<void(std::size_t i, T* item)>;

  DeferredItems() = default;
  DeferredItems(DeferredItems&& other) noexcept { *this = std::move(other); }
  DeferredItems& operator=(DeferredItems&& other) noexcept {
    items_ = std::move(other.items_);
    ready_ = std::move(other.ready_);
    decoder_ = std::move(other.decoder_);
    return *this;
  }
  DeferredItems& operator=(std::vector<T> items) {
    items_ = std::move(items);
    ready_.reset();
    decoder_ = nullptr;
    return *this;
  }

  // `size` items, each decoded by `decoder` when first read.
  void Defer(std::size_t size, Decoder decoder) {
    items_.assign(size, T());
    ready_ = std::make_unique<std::atomic<bool>[]>(size);
    for (std::size_t i = 0; i < size; ++i) ready_[i].store(false, std::memory_order_relaxed);
    decoder_ = std::move(decoder);
  }

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const T& operator[](std::size_t i) const {
    if (ready_ && !ready_[i].load(std::memory_order_acquire)) Decode(i);
    return items_[i];
  }
  T& operator[](std::size_t i) {
    (void)static_cast<const DeferredItems&>(*this)[i];
    return items_[i];
  }
  // Iterating decodes every item first.
  typename std::vector<T>::const_iterator begin() const {
    DecodeAll();
    return items_.begin();
  }
  typename std::vector<T>::const_iterator end() const { return items_.end(); }

  void push_back(T item) {
    DecodeAll();
    items_.push_back(std::move(item));
  }
  void resize(std::size_t size) {
    DecodeAll();
    items_.resize(size);
  }

 private:
  void Decode(std::size_t i) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ready_[i].load(std::memory_order_relaxed)) return;
    decoder_(i, &items_[i]);
    ready_[i].store(true, std::memory_order_release);
  }
  void DecodeAll() const {
    if (!ready_) return;
    for (std::size_t i = 0; i < items_.size(); ++i) (*this)[i];
  }

  mutable std::vector<T> items_;
  std::unique_ptr<std::atomic<bool>[]> ready_;  // null: every item is there
  Decoder decoder_;
  mutable std::mutex mutex_;
};

// Bitmaps of kFilterBits bits that turn most words away from a rung with a
// load or two (lang/entity_matcher.cc says what each holds).
inline constexpr int kFilterBits = 14;
inline constexpr std::size_t kFilterWords = (std::size_t{1} << kFilterBits) / 64;

// What the matcher looks words up in. The tables map a word (or key) to
// indexes into `aliases` (`stems`: StemEntry values; `feminine_forms`:
// indexes into `entities`).
struct CompiledAliases {
  DeferredItems<Entity> entities;
  DeferredItems<CompiledAlias> aliases;
  std::vector<int> alias_entities;  // per alias, its `entity`, without decoding it
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
  // kFilterWords words each: the letters of the one-word spellings of four
  // or five letters (the short typo rung), how the stems the derived rung
  // can reach begin (their first three, or four, letters), and how the
  // listed demonyms begin.
  std::vector<std::uint64_t> short_bags, derived_heads3, derived_heads4, demonym_heads;
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
inline constexpr int kCompiledAliasesFormat = 10;

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
// of `bytes`, which `owner` keeps alive, and its entities and aliases are
// decoded from them on first use (every one is checked here).
DecodeOutcome DecodeCompiledAliases(std::string_view bytes, std::shared_ptr<const void> owner,
                                    std::string_view key, CompiledAliases* tables,
                                    std::string* error);

}  // namespace concord::lang

#endif  // CONCORD_LANG_COMPILED_ALIASES_H_
