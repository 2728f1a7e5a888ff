#include "lang/entity_dictionary.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"

namespace concord::lang {
namespace {

TEST(EntityDictionaryTest, ParsesEveryKey) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(# a comment
[umerov]
type: person
label: Rustem Umerov   # trailing comment
name: Rustem Umerov | uk=Рустем Умєров
alias: Umerov | fr=Oumerov | de=Umjerow
cased: Rustem
default: yes
)",
                              "t.entities", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  ASSERT_EQ(dict.entities().size(), 1u);
  const Entity& e = dict.entities()[0];
  EXPECT_EQ(e.id, "umerov");
  EXPECT_EQ(e.type, "person");
  EXPECT_EQ(e.label, "Rustem Umerov");
  EXPECT_TRUE(e.is_default);
  EXPECT_EQ(e.source_file, "t.entities");
  EXPECT_EQ(e.line, 2);
  ASSERT_EQ(e.aliases.size(), 6u);
  EXPECT_EQ(e.aliases[0].text, "Rustem Umerov");
  EXPECT_TRUE(e.aliases[0].full_name);
  EXPECT_EQ(e.aliases[1].text, "Рустем Умєров");
  EXPECT_EQ(e.aliases[1].lang, "uk");
  EXPECT_EQ(e.aliases[3].text, "Oumerov");
  EXPECT_EQ(e.aliases[3].lang, "fr");
  EXPECT_FALSE(e.aliases[3].full_name);
  EXPECT_FALSE(e.aliases[3].cased);
  EXPECT_TRUE(e.aliases[5].cased);
  EXPECT_EQ(dict.Find("umerov"), &e);
  EXPECT_EQ(dict.Find("nobody"), nullptr);
}

TEST(EntityDictionaryTest, BadLinesAreReportedWithFileAndLineAndSkipped) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  dict.LoadString(R"(alias: Orphan
[Bad Id]
alias: Lost
[kyiv]
alias: Kyiv | Kiev
colour: blue
this line has no colon
default: perhaps
[kyiv]
alias: Twice
[empty]
type: place
)",
                  "user.entities", &errors);
  ASSERT_EQ(errors.size(), 7u);
  EXPECT_EQ(errors[0].rfind("user.entities:1: ", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("user.entities:2: ", 0), 0u) << errors[1];
  EXPECT_EQ(errors[2].rfind("user.entities:6: unknown key 'colour'", 0), 0u) << errors[2];
  EXPECT_EQ(errors[3].rfind("user.entities:7: ", 0), 0u) << errors[3];
  EXPECT_EQ(errors[4].rfind("user.entities:8: default must be", 0), 0u) << errors[4];
  EXPECT_EQ(errors[5].rfind("user.entities:9: entity 'kyiv' is defined twice", 0), 0u) << errors[5];
  EXPECT_EQ(errors[6].rfind("user.entities:11: entity 'empty' has no", 0), 0u) << errors[6];
  // What was valid is kept; the skipped blocks contribute nothing.
  ASSERT_EQ(dict.entities().size(), 1u);
  EXPECT_EQ(dict.entities()[0].aliases.size(), 2u);
  EXPECT_EQ(dict.entities()[0].type, "other");
  EXPECT_EQ(dict.entities()[0].label, "Kyiv");
}

TEST(EntityDictionaryTest, LaterFileExtendsAnEntity) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  dict.LoadString("[kyiv]\ntype: place\nlabel: Kyiv\nalias: Kyiv\n", "builtin", &errors);
  dict.LoadString("[kyiv]\nalias: Kyjiw\n[lviv]\nalias: Lviv | Lwów\n", "mine", &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(dict.entities().size(), 2u);
  const Entity* kyiv = dict.Find("kyiv");
  ASSERT_NE(kyiv, nullptr);
  EXPECT_EQ(kyiv->type, "place");
  ASSERT_EQ(kyiv->aliases.size(), 2u);
  EXPECT_EQ(kyiv->aliases[1].text, "Kyjiw");
  EXPECT_EQ(dict.Find("lviv")->aliases[1].text, "Lwów");
}

TEST(EntityDictionaryTest, ContentHashFollowsContentNotLayout) {
  EntityDictionary a, b, c;
  std::vector<std::string> errors;
  a.LoadString("[x]\nalias: Ab | C\n", "one", &errors);
  b.LoadString("# comment\n\n[x]   \nalias:Ab|C   \n", "two", &errors);
  c.LoadString("[x]\nalias: A | bC\n", "one", &errors);
  EXPECT_EQ(a.ContentHash(), b.ContentHash());
  EXPECT_NE(a.ContentHash(), c.ContentHash());
  EXPECT_EQ(a.ContentHash().size(), 16u);
  // The same words as demonyms are another dictionary.
  EntityDictionary d;
  d.LoadString("[x]\ndemonyms: Ab | C\n", "one", &errors);
  ASSERT_EQ(d.entities().size(), 1u);
  EXPECT_TRUE(d.entities()[0].aliases[0].demonym);
  EXPECT_FALSE(a.entities()[0].aliases[0].demonym);
  EXPECT_NE(a.ContentHash(), d.ContentHash());
}

TEST(EntityDictionaryTest, MissingFileIsAnError) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  EXPECT_FALSE(dict.LoadFile("/nonexistent/x.entities", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("/nonexistent/x.entities"), std::string::npos);
}

TEST(EntityDictionaryTest, BinaryGarbageNeverCrashes) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  const std::string junk("\xff\xfe[\x00\x01]\n:\n[a]\nalias: \xc3\n|||\n", 24);
  dict.LoadString(junk, "junk", &errors);
  EXPECT_FALSE(errors.empty());
}

// The shipped dictionary loads cleanly and holds what the sample corpus needs.
TEST(BuiltinEntitiesTest, LoadsWithoutErrors) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(LoadBuiltinEntities(&dict, &errors));
  for (const std::string& e : errors) ADD_FAILURE() << e;
  EXPECT_GE(dict.entities().size(), 50u);
  for (const char* id : {"zelenskyy", "putin", "umerov", "kyiv", "nato"}) {
    EXPECT_NE(dict.Find(id), nullptr) << id;
  }
  std::set<std::string> types;
  for (const Entity& e : dict.entities()) types.insert(e.type);
  EXPECT_TRUE(types.count("person") && types.count("place") && types.count("org"));
}

// The shipped namesake cues tell the river Dnipro from the city and Yermak
// the Cossack from Andriy Yermak, in the mention's own sentence.
TEST(BuiltinEntitiesTest, NamesakeCuesTellARiverAndAConquerorFromTheFigures) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(LoadBuiltinEntities(&dict, &errors));
  const EntityMatcher matcher(dict);
  const auto entities = [&](const std::string& text, const std::string& lang) {
    std::vector<std::string> out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
      out.push_back(dict.entities()[m.entity].id + ":" +
                    text.substr(m.byte_start, m.byte_end - m.byte_start));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(entities("Ракети влучили в Дніпро. На лівому березі Дніпра тривають бої.", "uk"),
            (V{"dnipro:Дніпро"}));
  EXPECT_EQ(entities("The Dnipro river is wide there.", "en"), V{});
  EXPECT_EQ(entities("В Тобольске открыли памятник Ермаку, покорителю Сибири.", "ru"),
            (V{"siberia:Сибири"}));
  EXPECT_EQ(entities("Глава офиса Андрей Ермак прилетел в Вашингтон.", "ru"),
            (V{"yermak:Андрей Ермак", "washington:Вашингтон"}));
}

}  // namespace
}  // namespace concord::lang
