#include "store/shards.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace concord::store {
namespace {

std::string PathNumber(int i) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "/archive/2025/%02d/%02d/story-%05d.txt", i % 12 + 1, i % 28 + 1,
                i);
  return buf;
}

// Routing decides where documents are stored: changing it would strand every
// file of an existing sharded database in the wrong shard.
TEST(ShardOfTest, IsStableAcrossBuildsAndRuns) {
  EXPECT_EQ(ShardOf("/archive/2025/06/01/reuters-0001.txt", 2), 1u);
  EXPECT_EQ(ShardOf("/archive/2025/06/01/reuters-0001.txt", 3), 2u);
  EXPECT_EQ(ShardOf("/archive/2025/06/01/reuters-0001.txt", 10), 7u);
  EXPECT_EQ(ShardOf("/srv/news/a.html", 10), 2u);
  EXPECT_EQ(ShardOf("/home/x/corpus/samples/000_aa088b757c5ea7de.txt", 10), 3u);
  EXPECT_EQ(ShardOf("memory:article-42", 2), 0u);
  EXPECT_EQ(ShardOf("memory:article-42", 10), 6u);
}

TEST(ShardOfTest, OneShardTakesEverything) {
  EXPECT_EQ(ShardOf("/a", 1), 0u);
  EXPECT_EQ(ShardOf("", 1), 0u);
}

TEST(ShardOfTest, SpreadsSimilarPathsEvenly) {
  // Paths that differ in a few digits only (FNV-1a alone puts the parity of
  // their bytes in its low bit; the jump hash mixes all 64 bits).
  constexpr int kFiles = 20000;
  for (std::size_t shards : {2u, 3u, 7u, 10u, 64u}) {
    std::vector<int> count(shards, 0);
    for (int i = 0; i < kFiles; ++i) {
      const std::size_t s = ShardOf(PathNumber(i), shards);
      ASSERT_LT(s, shards);
      ++count[s];
    }
    const double even = static_cast<double>(kFiles) / shards;
    for (std::size_t s = 0; s < shards; ++s) {
      EXPECT_NEAR(count[s], even, even * 0.15) << "shard " << s << " of " << shards;
    }
  }
}

TEST(ShardOfTest, OneMoreShardMovesFilesOnlyIntoIt) {
  constexpr int kFiles = 20000;
  int moved = 0;
  for (int i = 0; i < kFiles; ++i) {
    const std::size_t before = ShardOf(PathNumber(i), 10), after = ShardOf(PathNumber(i), 11);
    if (before != after) {
      EXPECT_EQ(after, 10u);
      ++moved;
    }
  }
  EXPECT_NEAR(moved, kFiles / 11.0, kFiles / 11.0 * 0.15);
}

TEST(ShardNameTest, IsZeroPadded) {
  EXPECT_EQ(ShardName(0), "shard-000");
  EXPECT_EQ(ShardName(42), "shard-042");
}

class StubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("concord-stub-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::filesystem::path dir_;
};

TEST_F(StubTest, ReadsLocalAndRemoteLinesAsXapianDoes) {
  const std::string stub = Write("all.stub",
                                 "# comment\n"
                                 "\n"
                                 "auto shard-000\n"
                                 "auto /abs/shard-001\n"
                                 "remote 127.0.0.1:8100\n"
                                 "remote [::1]:8101\n"
                                 "remote :ssh search2 xapian-progsrv /srv/news/shard-003\n");
  std::vector<ShardSpec> shards;
  std::string error;
  ASSERT_TRUE(ExpandDatabases({stub}, &shards, &error)) << error;
  ASSERT_EQ(shards.size(), 5u);
  EXPECT_EQ(shards[0].kind, ShardSpec::Kind::kLocal);
  EXPECT_EQ(shards[0].path, (dir_ / "shard-000").string());  // relative to the stub
  EXPECT_EQ(shards[1].path, "/abs/shard-001");
  EXPECT_EQ(shards[2].kind, ShardSpec::Kind::kTcp);
  EXPECT_EQ(shards[2].host, "127.0.0.1");
  EXPECT_EQ(shards[2].port, 8100u);
  EXPECT_EQ(shards[2].Describe(), "remote 127.0.0.1:8100 (line 5 of " + stub + ")");
  EXPECT_EQ(shards[3].host, "::1");
  EXPECT_EQ(shards[3].port, 8101u);
  EXPECT_EQ(shards[4].kind, ShardSpec::Kind::kProgram);
  EXPECT_EQ(shards[4].program, "ssh");
  EXPECT_EQ(shards[4].args, "search2 xapian-progsrv /srv/news/shard-003");
}

TEST_F(StubTest, ADirectoryWithAStubIsItsShards) {
  std::string error;
  ASSERT_TRUE(WriteStub(dir_.string(), 3, &error)) << error;
  EXPECT_TRUE(IsShardedDirectory(dir_.string()));
  std::vector<ShardSpec> shards;
  ASSERT_TRUE(ExpandDatabases({dir_.string(), "/plain.db"}, &shards, &error)) << error;
  ASSERT_EQ(shards.size(), 4u);
  EXPECT_EQ(shards[2].path, (dir_ / "shard-002").string());
  EXPECT_EQ(shards[3].path, "/plain.db");
  EXPECT_EQ(shards[3].origin, "");
}

TEST_F(StubTest, BadLinesNameFileAndLine) {
  std::vector<ShardSpec> shards;
  std::string error;
  EXPECT_FALSE(
      ExpandDatabases({Write("bad.stub", "auto a\nremote nohostport\n")}, &shards, &error));
  EXPECT_NE(error.find("bad.stub:2: bad stub line"), std::string::npos) << error;
  EXPECT_FALSE(ExpandDatabases({Write("port.stub", "remote host:99999\n")}, &shards, &error));
  EXPECT_FALSE(ExpandDatabases({Write("loop.stub", "auto loop.stub\n")}, &shards, &error));
  EXPECT_NE(error.find("nested"), std::string::npos) << error;
}

}  // namespace
}  // namespace concord::store
