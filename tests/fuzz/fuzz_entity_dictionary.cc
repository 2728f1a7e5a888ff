// Fuzz target for the entity dictionary loader (lang/entity_dictionary.h) and
// the matcher compiled from what it loads (lang/entity_matcher.h).
//
// Properties checked on every input:
//   - loading never crashes, and every error reads "<name>:<line>: message"
//     with a line number inside the text;
//   - every loaded entity has a valid id (unique), a type, a label and at
//     least one non-empty alias; the content hash is 16 hex digits;
//   - loading the same text again (as a second file) only extends the known
//     entities, it never adds or drops one;
//   - a matcher built from the dictionary finds, in fixed sample sentences and
//     in the input itself, mentions that are in order, do not overlap and
//     point at real tokens, bytes and entities; Resolve() returns real entities.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr char kName[] = "fuzz.entities";

// Sentences in the languages of the corpus, with names, inflections,
// transliterations, clitics and elisions for the matcher to chew on.
constexpr std::string_view kSamples[][2] = {
    {"Zelensky met Putin's envoy in Istanbul; Zelenskyy and Erdoğan spoke of Kyiv's POWs.", "en"},
    {"Le président Zelensky s'est entretenu avec l'émissaire de Poutine à Istanbul.", "fr"},
    {"Зеленський і Путін: переговори в Стамбулі, делегація Зеленського.", "uk"},
    {"Selenskyjs Berater traf Putins Gesandten; Zelenskij, Zelesnky, Trump.", ""},
};

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

void CheckError(const std::string& error, std::size_t max_line) {
  const std::string prefix = std::string(kName) + ":";
  if (error.compare(0, prefix.size(), prefix) != 0) {
    std::fprintf(stderr, "bad error message: [%s]\n", error.c_str());
  }
  FUZZ_CHECK(error.compare(0, prefix.size(), prefix) == 0);
  std::size_t i = prefix.size();
  std::size_t line = 0;
  while (i < error.size() && error[i] >= '0' && error[i] <= '9' && line <= max_line) {
    line = line * 10 + static_cast<std::size_t>(error[i] - '0');
    ++i;
  }
  FUZZ_CHECK(line >= 1 && line <= max_line);
  FUZZ_CHECK(error.compare(i, 2, ": ") == 0);
}

// The shared checks, and a dictionary's aliases are never empty.
void CheckMentions(const concord::lang::EntityMatcher& matcher, std::string_view text,
                   std::string_view lang) {
  for (const concord::lang::Mention& m : concord::fuzz::CheckedMentions(matcher, text, lang)) {
    FUZZ_CHECK(!m.alias.empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';

  concord::lang::EntityDictionary dict;
  std::vector<std::string> errors;
  dict.LoadString(text, kName, &errors);
  for (const std::string& e : errors) CheckError(e, lines);

  std::set<std::string> ids;
  for (const concord::lang::Entity& e : dict.entities()) {
    FUZZ_CHECK(ValidId(e.id));
    FUZZ_CHECK(ids.insert(e.id).second);
    FUZZ_CHECK(dict.Find(e.id) == &e);
    FUZZ_CHECK(!e.type.empty());
    FUZZ_CHECK(!e.label.empty());
    FUZZ_CHECK(!e.aliases.empty());
    for (const concord::lang::Alias& a : e.aliases) FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(e.source_file == kName);
    FUZZ_CHECK(e.line >= 1 && static_cast<std::size_t>(e.line) <= lines);
  }
  const std::string hash = dict.ContentHash();
  FUZZ_CHECK(hash.size() == 16);
  FUZZ_CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);

  {
    concord::lang::EntityDictionary twice;
    twice.LoadString(text, kName, nullptr);
    twice.LoadString(text, kName, nullptr);
    FUZZ_CHECK(twice.entities().size() == dict.entities().size());
  }

  const concord::lang::EntityMatcher matcher(dict);
  FUZZ_CHECK(matcher.size() == static_cast<int>(dict.entities().size()));
  for (int i = 0; i < matcher.size(); ++i) FUZZ_CHECK(matcher.Find(matcher.entity(i).id) == i);
  for (const auto& sample : kSamples) CheckMentions(matcher, sample[0], sample[1]);
  CheckMentions(matcher, text, "");

  // A name typed by a user: each entity's first alias, up to a few entities.
  const int resolve_limit = matcher.size() < 8 ? matcher.size() : 8;
  for (int i = 0; i < resolve_limit; ++i) {
    for (int found : matcher.Resolve(matcher.entity(i).aliases.front().text, "")) {
      FUZZ_CHECK(found >= 0 && found < matcher.size());
    }
  }
  return 0;
}
