#include "corpus/file_walker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/corpus/test_util.h"

namespace concord::corpus {
namespace {

using testing::TempDir;

std::vector<std::string> Names(const std::vector<std::string>& files,
                               const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const std::string& f : files) {
    out.push_back(std::filesystem::path(f).lexically_relative(root).generic_string());
  }
  return out;
}

class FileWalkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"b.txt", "a.md", "c.text", "UPPER.TXT", "sub/nested/e.txt", "sub/d.txt",
                          "notes.pdf", "a.txt.meta", "sub/d.txt.meta", ".hidden.txt",
                          ".git/HEAD.txt", "sub/.cache/x.txt", "noext"}) {
      dir_.Write(f, "Some text\n");
    }
  }
  TempDir dir_;
};

TEST_F(FileWalkerTest, WalksRecursivelySkippingHiddenFilesAndSidecars) {
  std::vector<std::string> errors;
  const auto files = ListTextFiles({dir_.path().string()}, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(Names(files, dir_.path()),
            (std::vector<std::string>{"UPPER.TXT", "a.md", "b.txt", "c.text", "noext", "notes.pdf",
                                      "sub/d.txt", "sub/nested/e.txt"}));
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
}

TEST_F(FileWalkerTest, FilesNamedDirectlyAreTakenWhateverTheExtension) {
  std::vector<std::string> errors;
  const auto files = ListTextFiles(
      {(dir_.path() / "notes.pdf").string(), (dir_.path() / "noext").string()}, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(Names(files, dir_.path()), (std::vector<std::string>{"noext", "notes.pdf"}));
}

TEST_F(FileWalkerTest, MissingPathIsReportedAndTheRestStillWalked) {
  std::vector<std::string> errors;
  const std::string missing = (dir_.path() / "does-not-exist").string();
  const auto files = ListTextFiles({missing, (dir_.path() / "sub").string()}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find(missing), std::string::npos) << errors[0];
  EXPECT_EQ(Names(files, dir_.path()), (std::vector<std::string>{"sub/d.txt", "sub/nested/e.txt"}));
  // A null error sink is allowed.
  EXPECT_TRUE(ListTextFiles({missing}, nullptr).empty());
}

TEST_F(FileWalkerTest, DeduplicatesByCanonicalPath) {
  std::vector<std::string> errors;
  const std::string root = dir_.path().string();
  const auto files =
      ListTextFiles({root, root + "/sub", root + "/./b.txt", root + "/sub/../b.txt"}, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(files.size(), 8u);
  std::vector<std::string> canon;
  for (const auto& f : files) canon.push_back(std::filesystem::weakly_canonical(f).string());
  std::sort(canon.begin(), canon.end());
  EXPECT_EQ(std::adjacent_find(canon.begin(), canon.end()), canon.end());
}

TEST_F(FileWalkerTest, SymlinkLoopsTerminate) {
  std::error_code ec;
  std::filesystem::create_directory_symlink(dir_.path(), dir_.path() / "sub" / "loop", ec);
  if (ec) GTEST_SKIP() << "cannot create symlinks here: " << ec.message();
  std::filesystem::create_symlink(dir_.path() / "b.txt", dir_.path() / "link.txt", ec);
  std::filesystem::create_symlink(dir_.path() / "gone.txt", dir_.path() / "dangling.txt", ec);
  std::vector<std::string> errors;
  const auto files = ListTextFiles({dir_.path().string()}, &errors);
  EXPECT_EQ(files.size(), 8u);  // link.txt is b.txt again
  // The loop and the dangling link are said, once each.
  std::sort(errors.begin(), errors.end());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], (dir_.path() / "dangling.txt").string() + ": a symbolic link to nothing (" +
                           (dir_.path() / "gone.txt").string() + "); skipped");
  EXPECT_EQ(errors[1], (dir_.path() / "sub" / "loop").string() +
                           ": a symbolic link loop (back to " +
                           std::filesystem::canonical(dir_.path()).string() + "); skipped");
}

// A search database inside the tree holds no documents: the one being
// written is passed over silently, any other with a message.
TEST_F(FileWalkerTest, DatabasesInTheTreeAreNotWalked) {
  dir_.Write("own.db/iamglass", "x");
  dir_.Write("own.db/postlist.glass", "");
  dir_.Write("old.db/iamglass", "x");
  dir_.Write("old.db/termlist.glass", "");
  dir_.Write("shards/XAPIANDB", "auto shard-000\n");
  dir_.Write("shards/shard-000/iamglass", "x");
  std::vector<std::string> errors;
  const auto files = ListTextFiles({dir_.path().string()}, &errors,
                                   {(dir_.path() / "sub" / ".." / "own.db").string()});
  EXPECT_EQ(Names(files, dir_.path()),
            (std::vector<std::string>{"UPPER.TXT", "a.md", "b.txt", "c.text", "noext", "notes.pdf",
                                      "sub/d.txt", "sub/nested/e.txt"}));
  ASSERT_EQ(errors.size(), 2u);
  std::sort(errors.begin(), errors.end());  // in the order the directory lists them
  EXPECT_EQ(errors[0],
            (dir_.path() / "old.db").string() + ": a search database, not documents; skipped")
      << errors[0];
  EXPECT_NE(errors[1].find("shards: a search database"), std::string::npos) << errors[1];
}

}  // namespace
}  // namespace concord::corpus
