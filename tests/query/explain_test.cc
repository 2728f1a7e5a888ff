#include "query/explain.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace concord::query {
namespace {

TEST(Explain, JsonTreeHoldsEveryNodeAndToken) {
  const nlohmann::json j = ExplainQueryJson(
      "\"Владимир Путин\" NEAR/5 talk* date:2025-06 -Kyiv 👍 $", nullptr, "Query(x)");
  EXPECT_EQ(j["xapian"], "Query(x)");
  const nlohmann::json& tree = j["tree"];
  ASSERT_EQ(tree["node"], "AND") << j.dump(1);
  std::vector<std::string> kinds;
  for (const auto& c : tree["children"]) kinds.push_back(c["node"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"NEAR", "date", "NOT", "word", "word"}));
  const nlohmann::json& near = tree["children"][0];
  EXPECT_EQ(near["distance"], 5);
  EXPECT_EQ(near["children"][0]["node"], "phrase");
  const nlohmann::json& putin = near["children"][0]["tokens"][1];
  EXPECT_EQ(putin["norm"], "путин");
  EXPECT_EQ(putin["script"], "cyrillic");
  EXPECT_EQ(putin["latin"], "putin");
  EXPECT_EQ(near["children"][1]["prefix"], true);
  EXPECT_EQ(tree["children"][1]["from"], "20250601");
  EXPECT_EQ(tree["children"][3]["tokens"][0]["norm"], "👍");
  EXPECT_TRUE(tree["children"][4]["tokens"].empty());                     // "$": nothing to index
  EXPECT_FALSE(tree["children"][0]["children"][0].contains("entities"));  // no matcher
}

TEST(Explain, TextIsTheSameTreeOneLinePerNode) {
  const std::string text = ExplainQuery("Kyiv OR Kiev", nullptr, "Query(kyiv OR kiev)");
  EXPECT_EQ(text,
            "query: Kyiv OR Kiev\n"
            "parsed: Kyiv OR Kiev\n"
            "OR\n"
            "  word 'Kyiv'\n"
            "    token 'Kyiv' -> 'kyiv' [latin] keys KVv\n"
            "  word 'Kiev'\n"
            "    token 'Kiev' -> 'kiev' [latin] keys KVv\n"
            "xapian: Query(kyiv OR kiev)\n");
}

TEST(Explain, AParseErrorIsReported) {
  const nlohmann::json j = ExplainQueryJson("(Zelensky", nullptr, "");
  EXPECT_TRUE(j.contains("parse_error"));
  EXPECT_FALSE(j.contains("tree"));
  EXPECT_NE(ExplainQuery("(Zelensky", nullptr, "").find("parse error: "), std::string::npos);
}

}  // namespace
}  // namespace concord::query
