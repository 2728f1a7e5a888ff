// A matcher loaded from its saved form (EntityMatcher::Save / Load, the
// matcher cache beside an index) must be the compiled one: same mentions,
// rungs, evidence and resolutions on text in every script the fixtures hold.
#include "lang/compiled_aliases.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"

namespace concord::lang {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Texts in every language of the multilingual fixtures and the samples, and
// the forms each rung exists for.
std::vector<std::pair<std::string, std::string>> Texts() {
  std::vector<std::pair<std::string, std::string>> texts;
  const std::filesystem::path src(CONCORD_SOURCE_DIR);
  for (const auto& dir : {src / "tests/cli/fixtures/multilingual", src / "corpus/samples"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".txt") continue;
      const std::string name = entry.path().filename().string();
      texts.emplace_back(name.substr(0, 2), ReadFile(entry.path()));
    }
  }
  texts.emplace_back("ru", "Встреча Зеленского и Путина; Зеленскому ответил Кремль.");
  texts.emplace_back("pl", "Selenskyj spotkał się z Putinem. Zełenskiego pytano o Kijów.");
  texts.emplace_back("en", "Zelesnky and Zelenskij met Erdogan's team; Mrs Zelenska spoke.");
  texts.emplace_back("ar", "التقى زيلينسكي وبوتين في إسطنبول.");
  texts.emplace_back("hu", "Zelenszkijjel és Putyinnal tárgyalt Isztambulban.");
  texts.emplace_back("en", "Muscovites and Londoners queued; кияни too.");  // listed demonyms
  return texts;
}

std::unique_ptr<EntityMatcher> Reloaded(const EntityMatcher& compiled, const std::string& key) {
  std::unique_ptr<EntityMatcher> loaded;
  std::string error;
  const std::string bytes = compiled.Save(key);
  auto owner = std::make_shared<std::string>(bytes);
  EXPECT_EQ(EntityMatcher::Load(*owner, owner, key, &loaded, &error),
            EntityMatcher::LoadOutcome::kLoaded)
      << error;
  return loaded;
}

class CompiledAliasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> errors;
    ASSERT_TRUE(LoadBuiltinEntities(&dictionary_, &errors));
    compiled_ = std::make_unique<EntityMatcher>(dictionary_);
  }
  EntityDictionary dictionary_;
  std::unique_ptr<EntityMatcher> compiled_;
};

TEST_F(CompiledAliasesTest, ALoadedMatcherFindsWhatTheCompiledOneFinds) {
  const auto loaded = Reloaded(*compiled_, dictionary_.ContentHash());
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), compiled_->size());
  std::set<Rung> rungs;
  std::size_t mentions = 0;
  for (const auto& [lang, text] : Texts()) {
    const std::vector<Token> tokens = Tokenize(text);
    const std::vector<Mention> want = compiled_->Match(text, tokens, lang);
    const std::vector<Mention> got = loaded->Match(text, tokens, lang);
    ASSERT_EQ(got.size(), want.size()) << lang << ": " << text.substr(0, 80);
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].byte_start, want[i].byte_start);
      EXPECT_EQ(got[i].byte_end, want[i].byte_end);
      EXPECT_EQ(compiled_->entity(want[i].entity).id, loaded->entity(got[i].entity).id);
      EXPECT_EQ(got[i].rung, want[i].rung);
      EXPECT_EQ(got[i].alias, want[i].alias);
      EXPECT_EQ(got[i].evidence, want[i].evidence);
      rungs.insert(want[i].rung);
    }
    mentions += want.size();
  }
  // The texts reach every rung, so every table was looked up.
  EXPECT_GT(mentions, 100u);
  EXPECT_EQ(rungs.size(), static_cast<std::size_t>(kLastRung));
}

TEST_F(CompiledAliasesTest, ALoadedMatcherResolvesTypedNamesAndIdsAlike) {
  const auto loaded = Reloaded(*compiled_, dictionary_.ContentHash());
  ASSERT_TRUE(loaded);
  for (const char* name : {"Zelensky", "Зеленського", "Putina", "Poutine", "Kyiv", "Kiev",
                           "Zelenskij", "Erdoğan", "بوتين", "Istanbul", "NATO", "talks"}) {
    EXPECT_EQ(loaded->Resolve(name, ""), compiled_->Resolve(name, "")) << name;
    EXPECT_EQ(loaded->Resolve(name, "place"), compiled_->Resolve(name, "place")) << name;
  }
  for (int e = 0; e < compiled_->size(); ++e) {
    EXPECT_EQ(loaded->Find(compiled_->entity(e).id), e);
    EXPECT_EQ(loaded->entity(e).label, compiled_->entity(e).label);
    EXPECT_EQ(loaded->entity(e).aliases.size(), compiled_->entity(e).aliases.size());
  }
}

TEST_F(CompiledAliasesTest, SavingIsDeterministic) {
  EXPECT_EQ(compiled_->Save("k"), EntityMatcher(dictionary_).Save("k"));
  EXPECT_EQ(compiled_->Save("k"), Reloaded(*compiled_, "k")->Save("k"));
}

TEST_F(CompiledAliasesTest, BytesSavedForOtherDictionariesAreStaleNotLoaded) {
  const std::string bytes = compiled_->Save("one-hash");
  std::unique_ptr<EntityMatcher> loaded;
  std::string error;
  EXPECT_EQ(EntityMatcher::Load(bytes, nullptr, "another-hash", &loaded, &error),
            EntityMatcher::LoadOutcome::kStale);
  EXPECT_FALSE(loaded);
  EXPECT_TRUE(error.empty()) << error;
}

TEST_F(CompiledAliasesTest, DamagedBytesAreCorruptAndNeverLoaded) {
  const std::string key = "k";
  const std::string bytes = compiled_->Save(key);
  std::unique_ptr<EntityMatcher> loaded;
  std::string error;
  // Truncated anywhere (a copy that stopped half-way).
  for (std::size_t n :
       {std::size_t{0}, std::size_t{5}, std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    error.clear();
    EXPECT_EQ(EntityMatcher::Load(bytes.substr(0, n), nullptr, key, &loaded, &error),
              EntityMatcher::LoadOutcome::kCorrupt)
        << n;
    EXPECT_FALSE(error.empty());
  }
  // One byte changed in the tables: the checksum tells.
  for (std::size_t at : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 9}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    error.clear();
    EXPECT_EQ(EntityMatcher::Load(damaged, nullptr, key, &loaded, &error),
              EntityMatcher::LoadOutcome::kCorrupt)
        << at;
    EXPECT_NE(error.find("checksum"), std::string::npos) << error;
  }
  EXPECT_FALSE(loaded);
}

TEST_F(CompiledAliasesTest, AWellSealedBodyWithIndexesOutOfRangeIsCorrupt) {
  CompiledAliases tables;
  std::string error;
  // An empty body, and the encoding of two entities whose alias names
  // entity 7: sealed correctly, still refused.
  EXPECT_EQ(DecodeCompiledAliases(SealCompiledAliases("", "k"), nullptr, "k", &tables, &error),
            DecodeOutcome::kCorrupt);
  CompiledAliases bad;
  bad.entities.resize(2);
  bad.entities[0].id = "a";
  bad.entities[1].id = "b";
  CompiledAlias alias;
  alias.entity = 7;
  alias.text = "x";
  alias.tokens.resize(1);
  alias.tokens[0].norm = "x";
  bad.aliases.push_back(alias);
  error.clear();
  EXPECT_EQ(DecodeCompiledAliases(EncodeCompiledAliases(bad, "k"), nullptr, "k", &tables, &error),
            DecodeOutcome::kCorrupt);
  EXPECT_NE(error.find("entity"), std::string::npos) << error;
  bad.aliases[0].entity = 1;
  error.clear();
  EXPECT_EQ(DecodeCompiledAliases(EncodeCompiledAliases(bad, "k"), nullptr, "k", &tables, &error),
            DecodeOutcome::kOk)
      << error;
}

// The seeds of fuzz_matcher_file are saved bodies in the current format, so
// that fuzzing starts from matchers that load rather than from bytes refused
// at the first field. After a format change they are written again with
//   CONCORD_WRITE_FUZZ_SEEDS=1 build/bin/lang_test --gtest_filter='*FuzzSeeds*'
TEST(CompiledAliasesSeeds, TheMatcherFileFuzzSeedsAreCurrent) {
  const std::filesystem::path dir =
      std::filesystem::path(CONCORD_SOURCE_DIR) / "tests/fuzz/seeds/matcher_file";
  const std::pair<const char*, const char*> kSeeds[] = {
      {"people_place.bin",
       "[zelenskyy]\ntype: person\nlabel: Volodymyr Zelenskyy\nname: Volodymyr Zelenskyy\n"
       "alias: Zelenskyy | Zelensky | Selenskyj | Zełenski | Зеленський | زيلينسكي\n\n"
       "[putin]\ntype: person\nlabel: Vladimir Putin\nalias: Putin | Poutine | Путин\n"
       "cues: Kremlin\nnamesake-cues: recipe | gravy\n\n"
       "[kyiv]\ntype: place\nlabel: Kyiv\nalias: Kyiv | Kiev | Київ | Kijów\ndemonyms: Kyivans\n\n"
       "[moscow]\ntype: place\nlabel: Moscow\nalias: Moscow | Moskau | Москва\n"},
      {"single_alias.bin", "[zelenskyy]\ntype: person\nalias: Zelensky\n"},
      {"surnames_acronym.bin",
       "[olena_zelenska]\ntype: person\nlabel: Olena Zelenska\nname: Olena Zelenska\n"
       "alias: Zelenska\n\n"
       "[peskov]\ntype: person\nlabel: Dmitry Peskov\nname: Dmitry Peskov\nalias: Peskov\n\n"
       "[nato]\ntype: org\nlabel: NATO\nalias: NATO | OTAN | НАТО\n"},
  };
  if (std::getenv("CONCORD_WRITE_FUZZ_SEEDS")) {
    for (const auto& [name, text] : kSeeds) {
      EntityDictionary dictionary;
      std::vector<std::string> errors;
      ASSERT_TRUE(dictionary.LoadString(text, "seed.entities", &errors)) << errors.front();
      const std::string saved = EntityMatcher(dictionary).Save("k");
      // The body: what follows the header (magic, format, rules, key) and
      // precedes the checksum.
      const std::string header = SealCompiledAliases("", "k");
      std::ofstream(dir / name, std::ios::binary)
          << saved.substr(header.size() - 8, saved.size() - header.size());
    }
  }
  for (const auto& [name, text] : kSeeds) {
    CompiledAliases tables;
    std::string error;
    EXPECT_EQ(DecodeCompiledAliases(SealCompiledAliases(ReadFile(dir / name), "k"), nullptr, "k",
                                    &tables, &error),
              DecodeOutcome::kOk)
        << name << ": " << error << " (write the seeds again: see above)";
    EXPECT_GT(tables.aliases.size(), 0u) << name;
  }
}

}  // namespace
}  // namespace concord::lang
