#include "indexer/document_builder.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "lang/tokenizer.h"
#include "store/document_data.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

std::set<std::string> Terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.insert(*it);
  return out;
}

TEST(DocumentBuilder, WordsTransliterationsStemsEntitiesAndFilters) {
  corpus::Article a;
  a.id = "a";
  a.path = "/news/a.txt";
  a.title = "Зеленський у Стамбулі";
  a.date = "2025-06-02";
  a.source = "Wire";
  a.lang = "uk";
  a.text = "Зеленський прибув 👍 talks";
  const auto tokens = lang::Tokenize(a.text);
  DocumentBuilder builder;
  const Xapian::Document doc =
      builder.Build(a, "/news/a.txt", tokens, {{0, 0, "zelenskyy", "person"}}, {});
  const std::set<std::string> terms = Terms(doc);
  const std::vector<std::string> wanted = {"зеленський",
                                           "zelenskyi",
                                           "прибув",
                                           "👍",
                                           "talks",
                                           std::string(schema::kEntity) + "zelenskyy",
                                           std::string(schema::kLang) + "uk",
                                           std::string(schema::kDay) + "20250602",
                                           std::string(schema::kTitle) + "стамбулі"};
  for (const std::string& t : wanted) {
    EXPECT_TRUE(terms.count(t)) << t;
  }
  // Positions: the entity term sits where the name is.
  auto pos = doc.termlist_begin();
  pos.skip_to(std::string(schema::kEntity) + "zelenskyy");
  ASSERT_NE(pos, doc.termlist_end());
  EXPECT_EQ(*pos.positionlist_begin(), 1u);
  EXPECT_EQ(doc.get_value(schema::kValueDate), "20250602");
  corpus::Article back;
  ASSERT_TRUE(store::DecodeDocumentData(doc.get_data(), &back));
  EXPECT_EQ(back.text, a.text);
}

}  // namespace
}  // namespace concord::indexer
