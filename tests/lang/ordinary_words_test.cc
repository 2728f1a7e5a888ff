#include "lang/ordinary_words.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "../corpus/test_util.h"
#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"

namespace concord::lang {
namespace {

using V = std::vector<std::string>;

// A spelling dictionary of a made-up language "qq" (no installed one has
// that code), found through $CONCORD_DICTIONARY_PATH: bridge, school and
// smith take a plural -s; Paris is listed as a name only, Smith as a name
// and a word.
class OrdinaryWordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new corpus::testing::TempDir();
    dir_->Write("qq.aff", "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n");
    dir_->Write("qq.dic", "5\nbridge/S\nschool/S\nParis\nsmith/S\nSmith/S\n");
    setenv("CONCORD_DICTIONARY_PATH", dir_->path().c_str(), 1);
  }
  static void TearDownTestSuite() {
    unsetenv("CONCORD_DICTIONARY_PATH");
    delete dir_;
  }
  static corpus::testing::TempDir* dir_;
};
corpus::testing::TempDir* OrdinaryWordsTest::dir_ = nullptr;

TEST_F(OrdinaryWordsTest, AWordListedInLowerCaseIsOrdinaryInAnyCase) {
  EXPECT_EQ(OrdinaryWordDictionary("qq"), (dir_->path() / "qq").string());
  EXPECT_EQ(OrdinaryWordDictionary("qq-XX"), OrdinaryWordDictionary("qq"));
  EXPECT_TRUE(IsOrdinaryWord("qq", "bridge"));
  EXPECT_TRUE(IsOrdinaryWord("qq", "Schools"));
  EXPECT_TRUE(IsOrdinaryWord("qq", "BRIDGES"));
  EXPECT_EQ(OrdinaryWordStems("qq", "Schools"), (V{"school"}));
  EXPECT_FALSE(IsOrdinaryWord("qq", "Scholz"));
}

TEST_F(OrdinaryWordsTest, ANameTheDictionaryListsIsNoOrdinaryWord) {
  EXPECT_FALSE(IsOrdinaryWord("qq", "Paris"));   // listed with a capital only
  EXPECT_FALSE(IsOrdinaryWord("qq", "Smiths"));  // a word and a name
  EXPECT_TRUE(OrdinaryWordStems("qq", "Smiths").empty());
}

TEST_F(OrdinaryWordsTest, NoDictionaryNoScriptWithoutCaseNoOrdinaryWord) {
  EXPECT_EQ(OrdinaryWordDictionary("qz"), "");
  EXPECT_FALSE(IsOrdinaryWord("qz", "bridge"));
  EXPECT_FALSE(IsOrdinaryWord("", "bridge"));
  EXPECT_FALSE(IsOrdinaryWord("q/q", "bridge"));
  EXPECT_FALSE(IsOrdinaryWord("qq", "ماسک"));
  EXPECT_FALSE(IsOrdinaryWord("qq", ""));
}

std::vector<std::string> Surfaces(const EntityMatcher& matcher, const std::string& text,
                                  const std::string& lang) {
  std::vector<std::string> out;
  for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
    out.push_back(text.substr(m.byte_start, m.byte_end - m.byte_start) + ":" + RungName(m.rung));
  }
  return out;
}

std::unique_ptr<EntityMatcher> Matcher(const std::string& entities) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  EXPECT_TRUE(dict.LoadString(entities, "t", &errors));
  return std::make_unique<EntityMatcher>(dict);
}

TEST_F(OrdinaryWordsTest, FuzzyRungsNeverTakeAnOrdinaryWordForAName) {
  const auto matcher = Matcher("[scholz]\ntype: person\nalias: Olaf Scholz | Scholz\n");
  EXPECT_EQ(Surfaces(*matcher, "Schools reopened on Monday.", "qq"), V{});
  // Not a word of the language: a spelling of the name, as before.
  EXPECT_EQ(Surfaces(*matcher, "Scholtz spoke on Monday.", "qq"), (V{"Scholtz:name-key"}));
  // The language has no dictionary: the rung is as it was.
  EXPECT_EQ(Surfaces(*matcher, "Schools reopened on Monday.", "qz"), (V{"Schools:name-key"}));
  // After the figure's own first name or a title, the name it is.
  EXPECT_EQ(Surfaces(*matcher, "They met Olaf Schools on Monday.", "qq"), (V{"Schools:name-key"}));
  // A matcher told not to ask the dictionaries (a name typed at search time).
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString("[scholz]\ntype: person\nalias: Scholz\n", "t", &errors));
  const EntityMatcher unchecked(dict, false);
  EXPECT_EQ(Surfaces(unchecked, "Schools reopened on Monday.", "qq"), (V{"Schools:name-key"}));
}

// The same with the installed dictionaries, where there are.
TEST(OrdinaryWordsInstalledTest, RealDictionaries) {
  const auto matcher = Matcher(
      "[scholz]\ntype: person\nalias: Scholz\n"
      "[crimea]\ntype: place\nalias: Krymas | Crimea\n"
      "[kovalchuk]\ntype: person\nalias: Kovalchuk\n");
  if (!OrdinaryWordDictionary("en").empty()) {
    EXPECT_EQ(Surfaces(*matcher, "Schools reopened on Monday.", "en"), V{});
    // The name less its last letter, and no more: another word.
    EXPECT_EQ(Surfaces(*matcher, "Crime fell in the city.", "en"), V{});
  }
  if (!OrdinaryWordDictionary("hu").empty()) {
    EXPECT_EQ(Surfaces(*matcher, "Krémes süteményt ettünk.", "hu"), V{});
  }
  if (!OrdinaryWordDictionary("uk").empty()) {
    // A noun that is also a surname the dictionary lists.
    EXPECT_EQ(Surfaces(*matcher, "Заява Ковальчука пролунала вчора.", "uk"),
              (V{"Ковальчука:name-key"}));
    // Its dictionary drops Latin letters, so accepts any Latin word: without
    // a stem, no ordinary word.
    EXPECT_FALSE(IsOrdinaryWord("uk", "Kovalchuck"));
    EXPECT_EQ(Surfaces(*matcher, "Заява Kovalchuck пролунала вчора.", "uk"),
              (V{"Kovalchuck:name-key"}));
  }
}

}  // namespace
}  // namespace concord::lang
