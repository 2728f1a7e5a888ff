// Sharded databases through the public API (docs/scaling.md).
#include <gtest/gtest.h>

#include <concord/concord.hpp>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;

class ShardsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("concord_shards_api_" + std::to_string(rng()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // 40 articles from memory; many tie in score (same template).
  void Fill(const std::string& db, std::size_t shards) {
    concord::IndexOptions options;
    options.shards = shards;
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, options, &index).ok());
    static const char* kNames[] = {"Zelensky", "Зеленський", "Putin", "Erdogan"};
    for (int i = 0; i < 40; ++i) {
      concord::Article a;
      a.id = "art-" + std::to_string(i);
      a.date = "2025-06-0" + std::to_string(1 + i % 5);
      a.lang = "en";
      a.text = std::string(kNames[i % 4]) + " met delegates in Istanbul. Talks went on.";
      ASSERT_TRUE(index->Add(a).ok());
    }
    ASSERT_TRUE(index->Commit().ok());
  }

  std::unique_ptr<concord::Searcher> Search(const std::vector<std::string>& dbs,
                                            bool allow_partial = false) {
    concord::SearcherOptions options;
    options.allow_partial = allow_partial;
    std::unique_ptr<concord::Searcher> searcher;
    const concord::Status s = concord::Searcher::Open(dbs, nullptr, options, &searcher);
    EXPECT_TRUE(s.ok()) << s.message();
    return searcher;
  }

  fs::path dir_;
};

std::vector<std::string> Ids(concord::Searcher& searcher, const std::string& query,
                             concord::SortOrder sort = concord::SortOrder::kRelevance) {
  concord::SearchRequest request;
  request.query = query;
  request.limit = 100;
  request.sort = sort;
  concord::SearchResult result;
  EXPECT_TRUE(searcher.Search(request, &result).ok());
  std::vector<std::string> ids;
  for (const concord::Hit& h : result.hits) ids.push_back(h.article.id);
  return ids;
}

TEST_F(ShardsApiTest, ShardsSearchLikeOneDatabase) {
  Fill(Path("one"), 0);
  Fill(Path("three"), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(fs::exists(Path("three/shard-00" + std::to_string(i) + "/iamglass")));
  }
  auto one = Search({Path("one")});
  auto three = Search({Path("three")});
  ASSERT_TRUE(one && three);
  EXPECT_EQ(Ids(*one, "Istanbul").size(), 40u);
  EXPECT_EQ(Ids(*one, "Istanbul"), Ids(*three, "Istanbul"));
  EXPECT_EQ(Ids(*one, "Zelensky"), Ids(*three, "Zelensky"));
  EXPECT_EQ(Ids(*one, "talks", concord::SortOrder::kDateNewestFirst),
            Ids(*three, "talks", concord::SortOrder::kDateNewestFirst));

  concord::IndexStatistics a, b;
  ASSERT_TRUE(one->Statistics(&a).ok());
  ASSERT_TRUE(three->Statistics(&b).ok());
  EXPECT_EQ(b.documents, 40u);
  EXPECT_EQ(b.shards, 3u);
  EXPECT_EQ(a.shards, 1u);
  EXPECT_EQ(a.languages, b.languages);
  EXPECT_EQ(a.entities_hash, b.entities_hash);
  EXPECT_FALSE(three->DictionariesDiffer());
}

TEST_F(ShardsApiTest, RemoveFindsTheShardAndStatisticsSum) {
  Fill(Path("three"), 3);
  std::unique_ptr<concord::Index> index;
  ASSERT_TRUE(concord::Index::Open(Path("three"), concord::IndexOptions(), &index).ok());
  EXPECT_TRUE(index->Remove("art-7").ok());
  EXPECT_EQ(index->Remove("art-7").code(), concord::Code::kNotFound);
  ASSERT_TRUE(index->Commit().ok());
  concord::IndexStatistics stats;
  ASSERT_TRUE(index->Statistics(&stats).ok());
  EXPECT_EQ(stats.documents, 39u);
  EXPECT_EQ(stats.shards, 3u);
}

TEST_F(ShardsApiTest, TheShardCountIsFixedAtCreation) {
  Fill(Path("three"), 3);
  Fill(Path("one"), 0);
  std::unique_ptr<concord::Index> index;
  concord::IndexOptions options;
  options.shards = 2;
  EXPECT_EQ(concord::Index::Open(Path("three"), options, &index).code(),
            concord::Code::kInvalidArgument);
  EXPECT_EQ(concord::Index::Open(Path("one"), options, &index).code(),
            concord::Code::kInvalidArgument);
  const concord::Status s =
      concord::Index::Open(Path("three/shard-001"), concord::IndexOptions(), &index);
  EXPECT_EQ(s.code(), concord::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("shard 1"), std::string::npos) << s.message();
}

TEST_F(ShardsApiTest, MergeKeepsEveryDocument) {
  Fill(Path("one"), 0);
  Fill(Path("three"), 3);
  std::size_t documents = 0;
  ASSERT_TRUE(concord::MergeShards(Path("three"), Path("merged"), &documents).ok());
  EXPECT_EQ(documents, 40u);
  auto one = Search({Path("one")});
  auto merged = Search({Path("merged")});
  ASSERT_TRUE(one && merged);
  EXPECT_EQ(Ids(*one, "Istanbul"), Ids(*merged, "Istanbul"));
  concord::IndexStatistics stats;
  ASSERT_TRUE(merged->Statistics(&stats).ok());
  EXPECT_EQ(stats.shards, 1u);
  EXPECT_EQ(concord::MergeShards(Path("three"), Path("merged")).code(),
            concord::Code::kInvalidArgument);
  // A plain database again: it opens for writing as one.
  std::unique_ptr<concord::Index> index;
  EXPECT_TRUE(concord::Index::Open(Path("merged"), concord::IndexOptions(), &index).ok());
}

TEST_F(ShardsApiTest, AMissingShardIsAnErrorOrSkippedWhenAllowed) {
  Fill(Path("three"), 3);
  const std::string stub = Path("some.stub");
  std::ofstream(stub) << "auto three/shard-000\nauto three/shard-009\n";
  std::unique_ptr<concord::Searcher> searcher;
  const concord::Status s = concord::Searcher::Open({stub}, nullptr, &searcher);
  EXPECT_EQ(s.code(), concord::Code::kNotFound);
  EXPECT_NE(s.message().find("shard-009 (line 2 of"), std::string::npos) << s.message();

  auto partial = Search({stub}, true);
  ASSERT_TRUE(partial);
  ASSERT_EQ(partial->UnavailableShards().size(), 1u);
  concord::SearchRequest request;
  request.query = "Istanbul";
  request.limit = 100;
  concord::SearchResult result;
  ASSERT_TRUE(partial->Search(request, &result).ok());
  EXPECT_TRUE(result.partial);
  EXPECT_GT(result.total, 0u);
  EXPECT_LT(result.total, 40u);
  concord::MentionRequest mentions;
  mentions.name = "Zelensky";
  std::vector<concord::Mention> found;
  concord::MentionSummary summary;
  ASSERT_TRUE(partial->Mentions(mentions, &found, &summary).ok());
  EXPECT_TRUE(summary.partial);
}

TEST_F(ShardsApiTest, ShardOfIsStableAndInRange) {
  for (std::size_t n : {1u, 2u, 5u}) {
    const std::size_t s = concord::ShardOf("/archive/a.txt", n);
    EXPECT_LT(s, n);
    EXPECT_EQ(s, concord::ShardOf("/archive/./a.txt", n));  // the canonical path decides
  }
}

}  // namespace
