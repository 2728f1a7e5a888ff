// Fuzz target for the saved entity matcher (EntityMatcher::Save / Load,
// lang/compiled_aliases.h): the matcher cache beside an index is read from
// disk and must never be trusted.
//
// The input is the body of a saved matcher (what follows the header): it is
// sealed with a valid header and checksum for key "k", so that the decoder's
// parsing of the entities, aliases and string tables is what gets exercised,
// not its checksum. The raw input is loaded too, as a whole file.
//
// Properties checked on every input:
//   - loading never crashes; the sealed input loads (kLoaded) or is refused
//     as corrupt with an error, never stale; sealed for another key it is
//     stale; the raw input is refused with an error or loads;
//   - a loaded matcher can be used: Match() on fixed sentences in Latin,
//     Cyrillic and Arabic script (names inflected, transliterated, mistyped)
//     gives mentions that are in order, do not overlap and point at real
//     tokens, bytes and entities; Resolve() returns real entities of the type
//     asked for; Find() finds each entity's id at its own index;
//   - a loaded matcher saved again loads again, with the same entities and
//     the same mentions, and saving that gives the same bytes.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/compiled_aliases.h"
#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using concord::lang::EntityMatcher;
using LoadOutcome = EntityMatcher::LoadOutcome;

constexpr char kKey[] = "k";

constexpr std::string_view kSamples[][2] = {
    {"Zelensky met Putin's envoy in Kyiv; Zelenskyy, Zelesnky and ZELENSKY spoke.", "en"},
    {"Spotkanie Zełenskiego z Putinem w Kijowie; Selenskyjs Berater.", "pl"},
    {"Зеленський і Путін: переговори в Києві, делегація Зеленського, Путіна.", "uk"},
    {"Встреча Зеленского и Путина в Киеве; Зеленскому ответил Кремль.", "ru"},
    {"التقى زيلينسكي وبوتين في كييف، وقال بوتين", "ar"},
    {"olena zelenska and mrs peskova met in kharkiv and kyiv today with no capitals at all", ""},
};

constexpr std::string_view kNames[] = {
    "Zelensky", "Зеленського", "بوتين", "Kyiv", "Vladimir Putin", "Zelenskij", "",
};

struct Found {
  std::size_t first_token, last_token, byte_start, byte_end;
  int entity;
  concord::lang::Rung rung;
  bool operator==(const Found& o) const {
    return first_token == o.first_token && last_token == o.last_token &&
           byte_start == o.byte_start && byte_end == o.byte_end && entity == o.entity &&
           rung == o.rung;
  }
};

std::vector<Found> CheckMentions(const EntityMatcher& matcher, std::string_view text,
                                 std::string_view lang) {
  std::vector<Found> found;
  for (const concord::lang::Mention& m : concord::fuzz::CheckedMentions(matcher, text, lang)) {
    found.push_back({m.first_token, m.last_token, m.byte_start, m.byte_end, m.entity, m.rung});
  }
  return found;
}

// Uses every part of a loaded matcher; what it found, to compare.
std::vector<std::vector<Found>> Exercise(const EntityMatcher& matcher) {
  FUZZ_CHECK(matcher.size() >= 0);
  for (int i = 0; i < matcher.size(); ++i) {
    // Ids are unique (the decoder refuses a file that repeats one).
    FUZZ_CHECK(matcher.Find(matcher.entity(i).id) == i);
  }
  std::vector<std::vector<Found>> all;
  for (const auto& sample : kSamples) all.push_back(CheckMentions(matcher, sample[0], sample[1]));
  for (std::string_view name : kNames) {
    for (std::string_view type : {"", "person", "place"}) {
      for (int found : matcher.Resolve(name, type)) {
        FUZZ_CHECK(found >= 0 && found < matcher.size());
        FUZZ_CHECK(type.empty() || matcher.entity(found).type == type);
      }
    }
  }
  return all;
}

std::unique_ptr<EntityMatcher> CheckLoad(std::string_view bytes, bool sealed) {
  std::unique_ptr<EntityMatcher> matcher;
  std::string error;
  const LoadOutcome outcome = EntityMatcher::Load(bytes, nullptr, kKey, &matcher, &error);
  switch (outcome) {
    case LoadOutcome::kLoaded:
      FUZZ_CHECK(matcher != nullptr);
      break;
    case LoadOutcome::kStale:
      FUZZ_CHECK(!sealed);
      FUZZ_CHECK(matcher == nullptr);
      break;
    case LoadOutcome::kCorrupt:
      FUZZ_CHECK(!error.empty());
      FUZZ_CHECK(matcher == nullptr);
      break;
  }
  return matcher;
}

void CheckMatcher(const EntityMatcher& matcher) {
  const std::vector<std::vector<Found>> found = Exercise(matcher);

  // Saved again, it loads again and behaves the same.
  const std::string saved = matcher.Save(kKey);
  std::unique_ptr<EntityMatcher> again;
  std::string error;
  FUZZ_CHECK(EntityMatcher::Load(saved, nullptr, kKey, &again, &error) == LoadOutcome::kLoaded);
  FUZZ_CHECK(again->size() == matcher.size());
  for (int i = 0; i < matcher.size(); ++i) FUZZ_CHECK(again->entity(i).id == matcher.entity(i).id);
  FUZZ_CHECK(Exercise(*again) == found);
  FUZZ_CHECK(again->Save(kKey) == saved);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string sealed = concord::lang::SealCompiledAliases(input, kKey);
  if (std::unique_ptr<EntityMatcher> m = CheckLoad(sealed, true)) CheckMatcher(*m);
  {
    std::unique_ptr<EntityMatcher> other;
    std::string error;
    FUZZ_CHECK(EntityMatcher::Load(sealed, nullptr, "another key", &other, &error) ==
               LoadOutcome::kStale);
    FUZZ_CHECK(other == nullptr);
  }

  if (std::unique_ptr<EntityMatcher> m = CheckLoad(input, false)) CheckMatcher(*m);
  return 0;
}
