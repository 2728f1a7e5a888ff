#include "corpus/metadata.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace concord::corpus {
namespace {

std::vector<Article> TwoArticles() {
  std::vector<Article> a(2);
  a[0].title = "Text title one";
  a[0].date = "2025-06-03";
  a[1].title = "Text title two";
  return a;
}

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(SidecarTest, FillsOnlyMissingFields) {
  std::vector<std::string> warnings;
  const Sidecar s = ParseSidecar(
      "# comment\n\ntitle: Sidecar title\ndate: 2025-01-02\nsource: Reuters\n"
      "url: https://example.org/a#x\nlang: FR\n",
      "x.meta", &warnings);
  EXPECT_TRUE(warnings.empty());
  std::vector<Article> a = TwoArticles();
  ApplySidecar(s, "x.meta", &a, &warnings);
  EXPECT_EQ(a[0].title, "Text title one");  // the text yielded a title
  EXPECT_EQ(a[0].date, "2025-06-03");
  EXPECT_EQ(a[1].date, "2025-01-02");  // the text yielded none
  EXPECT_EQ(a[0].source, "Reuters");
  EXPECT_EQ(a[1].source, "Reuters");
  EXPECT_EQ(a[0].url, "https://example.org/a#x");  // '#' inside a value is not a comment
  EXPECT_EQ(a[0].lang, "fr");
  EXPECT_TRUE(warnings.empty());
}

TEST(SidecarTest, BangOverridesAndCanClear) {
  std::vector<std::string> warnings;
  const Sidecar s =
      ParseSidecar("!title: Forced\n!date: 2024-12-31\n!source:\n", "x.meta", &warnings);
  EXPECT_TRUE(warnings.empty());
  std::vector<Article> a = TwoArticles();
  a[0].source = "Wrong";
  ApplySidecar(s, "x.meta", &a, &warnings);
  EXPECT_EQ(a[0].title, "Forced");
  EXPECT_EQ(a[1].title, "Forced");
  EXPECT_EQ(a[0].date, "2024-12-31");
  EXPECT_EQ(a[0].source, "");
}

TEST(SidecarTest, SectionsScopeKeysToOneArticle) {
  std::vector<std::string> warnings;
  const Sidecar s = ParseSidecar(
      "source: Global\n[2]\n!title: Second only\nsource: Section two\n[ 1 ]\nurl: u1\n", "x.meta",
      &warnings);
  EXPECT_TRUE(warnings.empty());
  std::vector<Article> a = TwoArticles();
  ApplySidecar(s, "x.meta", &a, &warnings);
  EXPECT_EQ(a[0].title, "Text title one");
  EXPECT_EQ(a[1].title, "Second only");
  EXPECT_EQ(a[0].source, "Global");
  EXPECT_EQ(a[1].source, "Section two");
  EXPECT_EQ(a[0].url, "u1");
  EXPECT_EQ(a[1].url, "");
  EXPECT_TRUE(warnings.empty());
}

TEST(SidecarTest, BadLinesWarnWithPathAndLineAndAreIgnored) {
  std::vector<std::string> warnings;
  const Sidecar s = ParseSidecar(
      "date: 2025-13-45\n"  // 1: invalid date
      "colour: blue\n"      // 2: unknown key
      "just some words\n"   // 3: no colon
      "lang: french\n"      // 4: not ISO 639-1
      "[0]\n"               // 5: bad section
      "title: skipped\n"    // 6: inside the bad section
      "[3]\n"               // 7: beyond the file's articles
      "title: too far\n"
      "date: 2025-02-30\n",  // 9: Feb 30
      "dir/x.txt.meta", &warnings);
  std::vector<Article> a = TwoArticles();
  ApplySidecar(s, "dir/x.txt.meta", &a, &warnings);
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:1: invalid date"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:2: unknown key 'colour'"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:3: expected 'key: value'"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:4: invalid lang"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:5: invalid section header"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:7: section [3]"));
  EXPECT_TRUE(AnyContains(warnings, "dir/x.txt.meta:9: invalid date"));
  EXPECT_EQ(a[1].date, "");  // invalid dates never land
  EXPECT_EQ(a[0].title, "Text title one");
  EXPECT_EQ(a[1].title, "Text title two");
  EXPECT_EQ(a[0].lang, "");
}

TEST(SidecarTest, ReadsTheFileNextToTheText) {
  std::mt19937_64 rng(std::random_device{}());
  const auto dir =
      std::filesystem::temp_directory_path() / ("concord_meta_" + std::to_string(rng()));
  std::filesystem::create_directories(dir);
  const std::string text_path = (dir / "a.txt").string();
  std::ofstream(SidecarPath(text_path)) << "\xEF\xBB\xBFsource: AFP\n";
  EXPECT_EQ(SidecarPath(text_path), text_path + ".meta");

  std::vector<Article> a(1);
  std::vector<std::string> warnings;
  ApplySidecarFile(text_path, &a, &warnings);
  EXPECT_EQ(a[0].source, "AFP");
  EXPECT_TRUE(warnings.empty());

  // No sidecar: nothing happens, no warning.
  std::vector<Article> b(1);
  ApplySidecarFile((dir / "none.txt").string(), &b, &warnings);
  EXPECT_EQ(b[0].source, "");
  EXPECT_TRUE(warnings.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace concord::corpus
