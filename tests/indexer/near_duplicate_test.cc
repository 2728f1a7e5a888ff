#include "indexer/near_duplicate.h"

#include <gtest/gtest.h>

#include "lang/tokenizer.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

constexpr const char* kStory =
    "Russian and Ukrainian delegations met in Istanbul on Monday for a second round of direct "
    "peace talks that lasted about an hour and ended with an agreement to exchange prisoners of "
    "war, including the youngest and the most severely wounded soldiers, and to return the "
    "bodies of twelve thousand fallen soldiers to their families.";

Signature Sig(const std::string& text) { return MinHashSignature(lang::Tokenize(text)); }

TEST(MinHashTest, RepublishedCopiesAreSimilar) {
  const Signature a = Sig(std::string("Talks end in Istanbul. ") + kStory);
  const Signature b = Sig(std::string("ISTANBUL (Wire) - ") + kStory + " Reporting by X.");
  EXPECT_GE(Similarity(a, b), schema::kNearDuplicateSimilarity);
  // ... and share a band term, so the index finds them as candidates.
  const auto ta = BandTerms(a), tb = BandTerms(b);
  int shared = 0;
  for (std::size_t i = 0; i < ta.size(); ++i) shared += ta[i] == tb[i];
  EXPECT_GE(shared, 1);
}

TEST(MinHashTest, DifferentStoriesAreNot) {
  const Signature a = Sig(kStory);
  const Signature b =
      Sig("The central bank left interest rates unchanged on Thursday and said inflation would "
          "return to its target next year as energy prices fall and wage growth slows down.");
  EXPECT_LT(Similarity(a, b), 0.1);
}

TEST(MinHashTest, ShortTextsHaveNoSignature) {
  EXPECT_TRUE(Sig("two words").empty());
  EXPECT_FALSE(Sig("three words here").empty());
  EXPECT_TRUE(BandTerms(Sig("two words")).empty());
  EXPECT_EQ(Similarity(Sig("two words"), Sig(kStory)), 0);
}

TEST(MinHashTest, EncodingRoundTrips) {
  const Signature a = Sig(kStory);
  Signature b;
  ASSERT_TRUE(DecodeSignature(EncodeSignature(a), &b));
  EXPECT_EQ(a.mins, b.mins);
  EXPECT_FALSE(DecodeSignature("short", &b));
  EXPECT_EQ(BandTerms(a).size(), static_cast<std::size_t>(Signature::kBands));
}

TEST(SchemaTest, LongTermsAreBoundedAndDistinct) {
  const std::string a(400, 'a');
  const std::string b = a + "b";
  const std::string ta = schema::Bounded("Q", a), tb = schema::Bounded("Q", b);
  EXPECT_LE(ta.size(), 240u);
  EXPECT_NE(ta, tb);
  EXPECT_EQ(schema::Bounded("Q", "short"), "Qshort");
  EXPECT_EQ(schema::Bounded("Q", ta.substr(1)), ta);  // idempotent on its own output
}

}  // namespace
}  // namespace concord::indexer
