#include "indexer/near_duplicate.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "lang/tokenizer.h"
#include "store/document_data.h"
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

// --- JoinClusters ---

constexpr const char* kOtherStory =
    "The central bank left interest rates unchanged on Thursday and said inflation would return "
    "to its target next year as energy prices fall and wage growth slows down.";

// Two republished copies of kStory, and an unrelated story.
std::string CopyA() { return std::string("Talks end in Istanbul. ") + kStory; }
std::string CopyB() { return std::string("ISTANBUL (Wire) - ") + kStory + " Reporting by X."; }

class JoinClustersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("concord-join-clusters-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A document as the indexer writes it (indexer/document_builder.cc): its
  // data, its unique id term, its MinHash signature and band terms, and its
  // cluster.
  static Xapian::docid Add(Xapian::WritableDatabase* db, const std::string& id,
                           const std::string& text, const std::string& cluster) {
    corpus::Article a;
    a.id = id;
    a.lang = "en";
    a.text = text;
    Xapian::Document doc;
    doc.set_data(store::EncodeDocumentData(a));
    doc.add_boolean_term(schema::Bounded(schema::kUniqueId, id));
    const Signature sig = Sig(text);
    doc.add_value(schema::kValueMinHash, EncodeSignature(sig));
    for (const std::string& t : BandTerms(sig)) doc.add_boolean_term(t);
    doc.add_value(schema::kValueCluster, cluster);
    return db->add_document(doc);
  }

  static std::string ClusterOfDoc(const Xapian::Database& db, Xapian::docid id) {
    return db.get_document(id).get_value(schema::kValueCluster);
  }

  std::filesystem::path dir_;
};

TEST_F(JoinClustersTest, TheLaterOfTwoCopiesJoinsTheEarliersCluster) {
  ASSERT_GE(Similarity(Sig(CopyA()), Sig(CopyB())), schema::kNearDuplicateSimilarity);
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  // As written apart (by writers that did not see each other): each its own cluster.
  const Xapian::docid a = Add(&db, "wire-a", CopyA(), "wire-a");
  const Xapian::docid other = Add(&db, "bank", kOtherStory, "bank");
  const Xapian::docid b = Add(&db, "wire-b", CopyB(), "wire-b");
  db.commit();

  EXPECT_EQ(JoinClusters(nullptr, &db), 1u);
  db.commit();
  EXPECT_EQ(ClusterOfDoc(db, a), "wire-a");  // the earlier keeps its own
  EXPECT_EQ(ClusterOfDoc(db, b), "wire-a");
  EXPECT_EQ(ClusterOfDoc(db, other), "bank");
  EXPECT_EQ(db.get_doccount(), 3u);
}

TEST_F(JoinClustersTest, EveryLaterCopyJoinsTheFirstCopysCluster) {
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  const Xapian::docid b = Add(&db, "wire-b", CopyB(), "wire-b");
  const Xapian::docid a = Add(&db, "wire-a", CopyA(), "wire-a");
  const Xapian::docid c = Add(&db, "wire-c", std::string(kStory) + " (Wire)", "wire-c");
  db.commit();
  EXPECT_EQ(JoinClusters(nullptr, &db), 2u);
  EXPECT_EQ(ClusterOfDoc(db, b), "wire-b");  // document-id order decides, not the ids
  EXPECT_EQ(ClusterOfDoc(db, a), "wire-b");
  EXPECT_EQ(ClusterOfDoc(db, c), "wire-b");
}

TEST_F(JoinClustersTest, ADocumentSimilarToAnOlderSegmentsTakesItsCluster) {
  {
    Xapian::WritableDatabase older(Path("older"), Xapian::DB_CREATE);
    Add(&older, "filler", kOtherStory, "filler");
    Add(&older, "old-a", CopyA(), "root-x");  // itself joined to an older root
    older.commit();
  }
  const Xapian::Database older(Path("older"));
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  // Alone in its segment with its bands: only the older segment makes it a candidate.
  const Xapian::docid b = Add(&db, "new-b", CopyB(), "new-b");
  const Xapian::docid other =
      Add(&db, "new-other",
          "Heavy rain flooded the old town overnight and the river rose above its banks for the "
          "first time in a decade, closing roads and schools across the valley.",
          "new-other");
  db.commit();

  EXPECT_EQ(JoinClusters(&older, &db), 1u);
  EXPECT_EQ(ClusterOfDoc(db, b), "root-x");
  EXPECT_EQ(ClusterOfDoc(db, other), "new-other");
  // Only `db` changes.
  EXPECT_EQ(ClusterOfDoc(Xapian::Database(Path("older")), 2), "root-x");
  EXPECT_EQ(ClusterOfDoc(Xapian::Database(Path("older")), 1), "filler");
}

TEST_F(JoinClustersTest, ACopyOfAnEarlierDocumentFollowsItIntoTheOlderCluster) {
  {
    Xapian::WritableDatabase older(Path("older"), Xapian::DB_CREATE);
    Add(&older, "old-a", CopyA(), "root-x");
    older.commit();
  }
  const Xapian::Database older(Path("older"));
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  const Xapian::docid b = Add(&db, "new-b", CopyB(), "new-b");
  const Xapian::docid a = Add(&db, "new-a", CopyA(), "new-b");  // as its writer clustered it
  db.commit();
  // new-a follows new-b's cluster as decided in this run, not as stored.
  EXPECT_EQ(JoinClusters(&older, &db), 2u);
  EXPECT_EQ(ClusterOfDoc(db, b), "root-x");
  EXPECT_EQ(ClusterOfDoc(db, a), "root-x");
}

// Many copies of one story (more than a document is compared with) in two
// older segments and in the new one: every new copy joins the oldest copy's
// cluster, the first segment's before the second's.
TEST_F(JoinClustersTest, ManyCopiesAllJoinTheOldestCopysCluster) {
  for (const char* name : {"older1", "older2"}) {
    Xapian::WritableDatabase older(Path(name), Xapian::DB_CREATE);
    for (int i = 0; i < 60; ++i) {
      const std::string id = std::string(name) + "-" + std::to_string(i);
      Add(&older, id, CopyA() + " Copy " + std::to_string(i) + ".", std::string(name) + "-root");
    }
    older.commit();
  }
  Xapian::Database older(Path("older2"));  // the second segment listed first
  older.add_database(Xapian::Database(Path("older1")));
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  std::vector<Xapian::docid> copies;
  for (int i = 0; i < 120; ++i) {
    const std::string id = "new-" + std::to_string(i);
    copies.push_back(Add(&db, id, CopyB() + " Copy " + std::to_string(i) + ".", id));
  }
  db.commit();
  EXPECT_EQ(JoinClusters(&older, &db), copies.size());
  for (const Xapian::docid id : copies) EXPECT_EQ(ClusterOfDoc(db, id), "older2-root");
  // Without the older segments, every copy joins the first new one.
  Xapian::WritableDatabase alone(Path("alone"), Xapian::DB_CREATE);
  for (int i = 0; i < 120; ++i) {
    Add(&alone, "a-" + std::to_string(i), CopyB() + " Copy " + std::to_string(i) + ".",
        "a-" + std::to_string(i));
  }
  alone.commit();
  EXPECT_EQ(JoinClusters(nullptr, &alone), 119u);
  for (Xapian::docid id = 1; id <= 120; ++id) EXPECT_EQ(ClusterOfDoc(alone, id), "a-0");
}

// Seven sentences whose overlapping runs make texts similar or not, as a
// test needs (checked by each test before it relies on it).
struct HarbourStory {
  std::string p = "Fishermen in the northern harbour counted fewer boats this spring ";
  std::string q1 = "because fuel costs doubled and the market for cod collapsed again ";
  std::string q2 = "after buyers from the south cancelled their contracts without notice ";
  std::string q3 = "so several families sold their vessels to companies abroad last month ";
  std::string q4 = "while the council promised a fund that has not been paid out yet ";
  std::string r = "and the mayor said she would travel to the capital to ask for help ";
  std::string t = "before the summer season begins and tourists return to the coast.";
};

TEST_F(JoinClustersTest, TheOlderSegmentsComeBeforeEarlierDocumentsOfThisOne) {
  // Overlapping texts: old ~ b2, b1 ~ b2, but old !~ b1. Written one by one,
  // b2 would find old (older, so first) before b1.
  const HarbourStory h;
  const std::string &p = h.p, &q1 = h.q1, &q2 = h.q2, &q3 = h.q3, &q4 = h.q4, &r = h.r, &t = h.t;
  const std::string old_text = p + q1 + q2 + q3 + q4;
  const std::string b1_text = q2 + q3 + q4 + r + t;
  const std::string b2_text = q1 + q2 + q3 + q4 + r;
  ASSERT_GE(Similarity(Sig(old_text), Sig(b2_text)), schema::kNearDuplicateSimilarity);
  ASSERT_GE(Similarity(Sig(b1_text), Sig(b2_text)), schema::kNearDuplicateSimilarity);
  ASSERT_LT(Similarity(Sig(old_text), Sig(b1_text)), schema::kNearDuplicateSimilarity);
  {
    Xapian::WritableDatabase older(Path("older"), Xapian::DB_CREATE);
    Add(&older, "old", old_text, "root-x");
    older.commit();
  }
  const Xapian::Database older(Path("older"));
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  const Xapian::docid b1 = Add(&db, "b1", b1_text, "b1");
  const Xapian::docid b2 = Add(&db, "b2", b2_text, "b1");  // its writer saw only b1
  db.commit();
  EXPECT_EQ(JoinClusters(&older, &db), 1u);
  EXPECT_EQ(ClusterOfDoc(db, b1), "b1");
  EXPECT_EQ(ClusterOfDoc(db, b2), "root-x");
}

TEST_F(JoinClustersTest, TheOldestOfSeveralOlderSegmentsComesFirst) {
  // `older` as the segment writer passes it: the live segments opened as one
  // Xapian::Database, oldest segment first. seg-1 holds "x" (its second
  // document), seg-2 "y"; both are similar to the new document, not to each
  // other, so they are in different clusters. Written one by one, the new
  // document would find x first (seg-1's documents were all written before
  // seg-2's).
  const HarbourStory h;
  const std::string &p = h.p, &q1 = h.q1, &q2 = h.q2, &q3 = h.q3, &q4 = h.q4, &r = h.r, &t = h.t;
  const std::string x_text = p + q1 + q2 + q3 + q4;
  const std::string y_text = q2 + q3 + q4 + r + t;
  const std::string new_text = q1 + q2 + q3 + q4 + r;
  ASSERT_LT(Similarity(Sig(x_text), Sig(y_text)), schema::kNearDuplicateSimilarity);
  {
    Xapian::WritableDatabase seg1(Path("seg-1"), Xapian::DB_CREATE);
    Add(&seg1, "filler", kOtherStory, "filler");
    Add(&seg1, "x", x_text, "root-1");
    seg1.commit();
    Xapian::WritableDatabase seg2(Path("seg-2"), Xapian::DB_CREATE);
    Add(&seg2, "y", y_text, "root-2");
    seg2.commit();
  }
  Xapian::Database older;
  older.add_database(Xapian::Database(Path("seg-1")));
  older.add_database(Xapian::Database(Path("seg-2")));
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  const Xapian::docid n = Add(&db, "new", new_text, "new");
  db.commit();
  EXPECT_EQ(JoinClusters(&older, &db), 1u);
  EXPECT_EQ(ClusterOfDoc(db, n), "root-1");
}

TEST_F(JoinClustersTest, ASecondRunChangesNothing) {
  {
    Xapian::WritableDatabase older(Path("older"), Xapian::DB_CREATE);
    Add(&older, "old-a", CopyA(), "root-x");
    older.commit();
  }
  Xapian::WritableDatabase db(Path("db"), Xapian::DB_CREATE);
  Add(&db, "wire-b", CopyB(), "wire-b");
  Add(&db, "bank", kOtherStory, "bank");
  Add(&db, "wire-c", std::string(kStory) + " (Wire)", "wire-c");
  Add(&db, "bank-copy", std::string("RATES - ") + kOtherStory, "bank-copy");
  db.commit();

  // Without the older segment: the copies of each story join their first.
  ASSERT_EQ(JoinClusters(nullptr, &db), 2u);
  db.commit();
  const auto clusters = [&db] {
    std::vector<std::string> out;
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      out.push_back(ClusterOfDoc(db, id));
    }
    return out;
  };
  EXPECT_EQ(clusters(), (std::vector<std::string>{"wire-b", "bank", "wire-b", "bank"}));
  EXPECT_EQ(JoinClusters(nullptr, &db), 0u);
  EXPECT_EQ(clusters(), (std::vector<std::string>{"wire-b", "bank", "wire-b", "bank"}));

  // With it: the story's copies move to the older root once, then stay.
  const Xapian::Database older(Path("older"));
  EXPECT_EQ(JoinClusters(&older, &db), 2u);
  db.commit();
  EXPECT_EQ(clusters(), (std::vector<std::string>{"root-x", "bank", "root-x", "bank"}));
  EXPECT_EQ(JoinClusters(&older, &db), 0u);
  EXPECT_EQ(clusters(), (std::vector<std::string>{"root-x", "bank", "root-x", "bank"}));
}

}  // namespace
}  // namespace concord::indexer
