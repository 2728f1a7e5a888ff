#include "indexer/update.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "store/shards.h"

namespace concord::indexer {
namespace {

namespace fs = std::filesystem;

class UpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("concord-update-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "corpus");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "corpus" / name) << text;
  }

  // One update of dir/corpus into `shards` databases dir/db-N.
  UpdateReport Update(std::size_t shards, UpdateOptions options = {}) {
    std::vector<std::unique_ptr<IndexWriter>> owned;
    std::vector<IndexWriter*> writers;
    for (std::size_t i = 0; i < shards; ++i) {
      owned.push_back(std::make_unique<IndexWriter>());
      Status error;
      EXPECT_TRUE(owned.back()->Open((dir_ / ("db-" + std::to_string(i))).string(),
                                     IndexWriterOptions(), &error))
          << error.ToString();
      writers.push_back(owned.back().get());
    }
    UpdateReport report;
    const Status s = UpdatePaths(writers, (dir_ / "db").string(), 1u << 20,
                                 {(dir_ / "corpus").string()}, options, &report);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return report;
  }

  std::size_t Documents(std::size_t shard) const {
    return Xapian::Database((dir_ / ("db-" + std::to_string(shard))).string()).get_doccount();
  }

  fs::path dir_;
};

TEST_F(UpdateTest, ReadsNewAndChangedFilesOnlyAndPrunesVanishedOnes) {
  Write("a.txt", "Talks in Istanbul ended without a ceasefire.");
  Write("b.txt", "Delegations met for the first time since 2022.");
  Write("c.txt", "Prisoner exchange agreed.");
  UpdateReport r = Update(1);
  EXPECT_EQ(r.files_added, 3u);
  EXPECT_EQ(r.documents_added, 3u);
  EXPECT_EQ(Documents(0), 3u);

  r = Update(1);
  EXPECT_EQ(r.files_unchanged, 3u);
  EXPECT_EQ(r.files_added + r.files_updated + r.documents_added, 0u);

  Write("b.txt", "Delegations met again, this time for two hours, and agreed to meet again.");
  fs::remove(dir_ / "corpus" / "c.txt");
  r = Update(1);
  EXPECT_EQ(r.files_updated, 1u);
  EXPECT_EQ(r.documents_updated, 1u);
  EXPECT_EQ(r.files_removed, 1u);
  EXPECT_EQ(r.documents_removed, 1u);
  EXPECT_EQ(r.files_unchanged, 1u);
  EXPECT_EQ(Documents(0), 2u);
}

TEST_F(UpdateTest, EachFileGoesToItsShard) {
  for (int i = 0; i < 12; ++i)
    Write("f" + std::to_string(i) + ".txt", "Story number " + std::to_string(i));
  UpdateOptions options;
  options.threads = 2;
  const UpdateReport r = Update(3, options);
  EXPECT_EQ(r.files_added, 12u);
  std::vector<std::size_t> expected(3, 0);
  for (int i = 0; i < 12; ++i) {
    const std::string key = fs::canonical(dir_ / "corpus" / ("f" + std::to_string(i) + ".txt"));
    ++expected[store::ShardOf(key, 3)];
  }
  for (std::size_t s = 0; s < 3; ++s) EXPECT_EQ(Documents(s), expected[s]) << "shard " << s;
}

TEST_F(UpdateTest, AFileThatGivesNothingIsWarnedAboutAndTheRunGoesOn) {
  Write("good.txt", "Talks in Istanbul.");
  std::ofstream(dir_ / "corpus" / "empty.txt");
  std::vector<std::string> warned;
  UpdateOptions options;
  options.on_warning = [&](const std::string& w) { warned.push_back(w); };
  const UpdateReport r = Update(1, options);
  EXPECT_EQ(r.files_added, 1u);
  EXPECT_EQ(r.files_skipped, 1u);
  ASSERT_EQ(warned, r.warnings);
  ASSERT_EQ(warned.size(), 1u);
  EXPECT_NE(warned[0].find("empty.txt"), std::string::npos) << warned[0];
}

}  // namespace
}  // namespace concord::indexer
