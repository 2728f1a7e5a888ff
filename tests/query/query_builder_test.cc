#include "query/query_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/query_parser.h"

namespace concord::query {
namespace {

// Names every word `ids` entities, as a dictionary with many homonyms would.
class EveryWordResolver : public EntityResolver {
 public:
  explicit EveryWordResolver(int ids) : ids_(ids) {}
  std::vector<std::string> Resolve(const std::string&, const std::string&) override {
    std::vector<std::string> out;
    for (int i = 0; i < ids_; ++i) out.push_back("e" + std::to_string(i));
    return out;
  }

 private:
  int ids_;
};

BuiltQuery Build(const std::string& query, const BuildOptions& options) {
  ParseResult parsed = ParseQuery(query);
  EXPECT_TRUE(parsed.ok()) << query << ": " << parsed.error;
  QueryBuilder builder(options);
  return builder.Build(*parsed.root);
}

// "w0 OR w1 OR ..." and the byte offset of each word.
std::string OrList(int n, std::vector<std::size_t>* offsets) {
  std::string q;
  for (int i = 0; i < n; ++i) {
    if (i) q += " OR ";
    offsets->push_back(q.size());
    q += "w" + std::to_string(i);
  }
  return q;
}

TEST(QueryBuilderLimits, DefaultsAreDocumented) {
  BuildOptions options;
  EXPECT_EQ(options.max_wildcard_terms, 1000u);
  EXPECT_EQ(options.max_query_terms, 10000u);
}

TEST(QueryBuilderLimits, ParserMaximumOfPlainWordsFitsTheDefaultBudget) {
  // 1024 words (the parser's limit), each with a stem term: 2048 terms.
  std::vector<std::size_t> offsets;
  BuildOptions options;
  options.languages = {"en"};
  BuiltQuery built = Build(OrList(1024, &offsets), options);
  EXPECT_TRUE(built.ok()) << built.error;
}

TEST(QueryBuilderLimits, HugeOrListIsRefusedAtTheWordThatCrossesTheBudget) {
  std::vector<std::size_t> offsets;
  BuildOptions options;
  options.languages = {"en"};  // each word: itself and its stem, 2 terms
  options.max_query_terms = 100;
  BuiltQuery built = Build(OrList(60, &offsets), options);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error.find("too many terms: at most 100"), std::string::npos) << built.error;
  EXPECT_EQ(built.error_position, offsets[50]);  // word 51 makes 102 terms
}

TEST(QueryBuilderLimits, ExactlyTheBudgetIsAccepted) {
  BuildOptions options;
  options.languages = {"en"};
  options.max_query_terms = 6;
  EXPECT_TRUE(Build("alpha beta gamma", options).ok());
  options.max_query_terms = 5;
  BuiltQuery built = Build("alpha beta gamma", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 11u);
}

TEST(QueryBuilderLimits, EachWildcardCountsAsItsExpansionLimit) {
  // Ten prefix searches use the whole default budget; an eleventh is refused.
  std::string ten, eleven;
  for (char c = 'a'; c < 'a' + 10; ++c) ten += std::string(ten.empty() ? "" : " ") + c + "x*";
  eleven = ten + " kx*";
  EXPECT_TRUE(Build(ten, BuildOptions()).ok());
  BuiltQuery built = Build(eleven, BuildOptions());
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, ten.size() + 1);
  EXPECT_NE(built.error.find("prefix* counted as 1000"), std::string::npos) << built.error;
}

TEST(QueryBuilderLimits, TitleWildcardsCountToo) {
  BuildOptions options;
  options.max_query_terms = 1500;
  BuiltQuery built = Build("title:zel* title:put*", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 11u);
}

TEST(QueryBuilderLimits, EntityAliasesCount) {
  EveryWordResolver resolver(5);
  BuildOptions options;
  options.resolver = &resolver;  // each word: itself + 5 entity terms
  options.max_query_terms = 10;
  BuiltQuery built = Build("a b", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 2u);
}

TEST(QueryBuilderLimits, PhraseAndNearWordsCount) {
  BuildOptions options;
  options.max_query_terms = 3;
  EXPECT_TRUE(Build("\"one two three\"", options).ok());
  EXPECT_FALSE(Build("\"one two three four\"", options).ok());
  EXPECT_FALSE(Build("one NEAR two NEAR three NEAR four", options).ok());
}

TEST(QueryBuilderLimits, FiltersAndDatesCostNothing) {
  BuildOptions options;
  options.max_query_terms = 1;
  EXPECT_TRUE(Build("peace date:2025-06 -date:2025-06-02", options).ok());
}

}  // namespace
}  // namespace concord::query
