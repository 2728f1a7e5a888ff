#include "corpus/text_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "corpus/date_extract.h"
#include "lang/utf8.h"
#include "tests/corpus/test_util.h"

namespace concord::corpus {
namespace {

using testing::ReadBytes;
using testing::TempDir;

const std::string kSamples = std::string(CONCORD_SOURCE_DIR) + "/corpus/samples/";
const std::string kDigest = kSamples + "000_aa088b757c5ea7de.txt";

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

// Every article must be an exact slice of the file at its offsets.
void ExpectSlicesOfFile(const std::string& path, const std::vector<Article>& articles) {
  const std::string bytes = ReadBytes(path);
  for (const Article& a : articles) {
    ASSERT_LE(a.byte_offset + a.text.size(), bytes.size()) << a.id;
    EXPECT_EQ(bytes.substr(a.byte_offset, a.text.size()), a.text) << a.id;
    EXPECT_EQ(lang::CountCodePoints(std::string_view(bytes).substr(0, a.byte_offset)), a.cp_offset)
        << a.id;
  }
}

TEST(ReadTextFileTest, SplitsTheReaderDigestIntoTwoArticles) {
  const ReadResult r = ReadTextFile(kDigest);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.articles.size(), 2u);
  const Article& a1 = r.articles[0];
  const Article& a2 = r.articles[1];
  EXPECT_EQ(a1.title,
            "ISW: Russia wants Ukraine out of its own cities, Ukraine says "
            "\xE2\x80\x98let\xE2\x80\x99s talk more\xE2\x80\x99 in ceasefire negotiations memos");
  EXPECT_EQ(a1.date, "2025-06-03");
  EXPECT_EQ(a2.title,
            "Reuters: Russia demands written pledge to halt \xE2\x80\x9CNATO eastward "
            "expansion\xE2\x80\x9D and sanctions relief");
  EXPECT_EQ(a2.date, "2025-05-28");
  EXPECT_EQ(a1.source, "Euromaidan Press");
  EXPECT_EQ(a2.source, "Euromaidan Press");

  const std::string canonical = std::filesystem::weakly_canonical(kDigest).string();
  EXPECT_EQ(a1.id, canonical + "#1");
  EXPECT_EQ(a2.id, canonical + "#2");
  EXPECT_EQ(a1.path, kDigest);
  ExpectSlicesOfFile(kDigest, r.articles);

  // Reader chrome belongs to no article.
  for (const Article& a : r.articles) {
    EXPECT_EQ(a.text.find("Vue normale"), std::string::npos);
    EXPECT_EQ(a.text.find("Flux principal"), std::string::npos);
    EXPECT_EQ(a.text.find("\xE2\x9C\x87"), std::string::npos);  // ✇
    EXPECT_EQ(a.text.find("\xE2\x9D\x8C"), std::string::npos);  // ❌
  }
  EXPECT_EQ(a1.text.rfind(a1.title, 0), 0u);
  EXPECT_EQ(a2.text.rfind(a2.title, 0), 0u);
  EXPECT_LT(a1.byte_offset + a1.text.size(), a2.byte_offset);
  EXPECT_NE(a1.text.find("3 juin 2025"), std::string::npos);
  const std::string tail = "Become a Patron!";
  EXPECT_EQ(a1.text.substr(a1.text.size() - tail.size()), tail);
  EXPECT_EQ(a2.text.substr(a2.text.size() - tail.size()), tail);
}

TEST(ReadTextFileTest, EverySampleDocumentHasTitleAndDate) {
  std::vector<Article> all;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    if (entry.path().extension() != ".txt") continue;
    ReadResult r = ReadTextFile(entry.path().string());
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(r.warnings.empty()) << entry.path() << ": " << r.warnings[0];
    ExpectSlicesOfFile(entry.path().string(), r.articles);
    for (Article& a : r.articles) all.push_back(std::move(a));
  }
  ASSERT_EQ(all.size(), 6u);
  for (const Article& a : all) {
    EXPECT_FALSE(a.title.empty()) << a.id;
    EXPECT_TRUE(IsValidIsoDate(a.date)) << a.id << " date '" << a.date << "'";
  }
}

TEST(ReadTextFileTest, SampleHeuristicsAndSidecars) {
  const ReadResult r002 = ReadTextFile(kSamples + "002_265f64f96ee06763.txt");
  ASSERT_EQ(r002.articles.size(), 1u);
  EXPECT_EQ(r002.articles[0].source, "Reuters");   // from the dateline
  EXPECT_EQ(r002.articles[0].date, "2025-06-02");  // from the sidecar
  EXPECT_EQ(r002.articles[0].id.find('#'), std::string::npos);

  const ReadResult r003 = ReadTextFile(kSamples + "003_7c2f1ea9cae25f4a.txt");
  ASSERT_EQ(r003.articles.size(), 1u);
  EXPECT_EQ(r003.articles[0].title,
            "Second round of Ukraine-Russia talks ends with PoW deal, no major breakthrough");
  EXPECT_EQ(r003.articles[0].date, "2025-06-05");

  const ReadResult r001 = ReadTextFile(kSamples + "001_d4c24e274d839f46.txt");
  ASSERT_EQ(r001.articles.size(), 1u);
  EXPECT_EQ(r001.articles[0].source, "Euromaidan Press");
  EXPECT_EQ(r001.articles[0].byte_offset, 1u);  // the file opens with a blank line

  const ReadResult r004 = ReadTextFile(kSamples + "004_f2bdcfeff8368127.txt");
  ASSERT_EQ(r004.articles.size(), 1u);
  EXPECT_EQ(r004.articles[0].date, "2025-06-02");  // "!date" beats the quoted tweet's date
}

TEST(SplitArticlesTest, SingleArticleTitleRules) {
  // Short first line.
  auto a = SplitArticles("p", "id", "A short headline\n\nBody text, 3 June 2025.\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].title, "A short headline");
  EXPECT_EQ(a[0].date, "2025-06-03");
  EXPECT_EQ(a[0].id, "id");
  EXPECT_EQ(a[0].path, "p");

  // Date line, breadcrumb, then the headline again.
  a = SplitArticles("p", "id",
                    "Thursday, June 5, 2025\nHomeWorldEuropeTalks end with a deal\n\n"
                    "Talks end with a deal\n\nDelegates met on Monday.\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].title, "Talks end with a deal");
  EXPECT_EQ(a[0].date, "2025-06-05");

  // Only a long sentence: its first twelve words.
  a = SplitArticles("p", "id",
                    "\n  One two three four five six seven eight nine ten eleven, twelve "
                    "thirteen fourteen.\nMore.\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].title,
            "One two three four five six seven eight nine ten eleven, twelve\xE2\x80\xA6");
  EXPECT_EQ(a[0].byte_offset, 3u);
  EXPECT_EQ(a[0].text.rfind("One two", 0), 0u);
  EXPECT_EQ(a[0].date, "");

  // A dateline: source from "(Outlet)", title without the dateline.
  a = SplitArticles("p", "id",
                    "KYIV, June 2 (AP) \xE2\x80\x94 Ukraine and Russia swapped prisoners on "
                    "Monday after talks in Istanbul that lasted barely an hour.\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].source, "AP");
  EXPECT_EQ(a[0].title.rfind("Ukraine and Russia swapped", 0), 0u) << a[0].title;
  EXPECT_EQ(a[0].date, "");

  EXPECT_TRUE(SplitArticles("p", "id", " \n\t\r\n").empty());
}

TEST(SplitArticlesTest, GenericDigestWithSeveralFeeds) {
  const std::string text =
      "Vue normale\n\n"
      "  \xE2\x80\xA2 \xE2\x9C\x87"
      "Feed One\n\n"
      "First headline here\n\n1er juin 2025 \xC3\xA0 08:00\n\nBody one.\n\n"
      "  \xE2\x80\xA2 \xE2\x9C\x87"
      "Feed Two\n  \xE2\x80\xA2 Second headline\n\n"
      "Second headline\n\n2 juin 2025 \xC3\xA0 09:30\n\nBody two.\n"
      "  \xE2\x80\xA2 Third headline\n\n"
      "Third headline\n\n3 juin 2025 \xC3\xA0 10:00\n\nBody three.\n\xE2\x9D\x8C\n";
  const auto a = SplitArticles("p", "id", text);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].id, "id#1");
  EXPECT_EQ(a[2].id, "id#3");
  EXPECT_EQ(a[0].source, "Feed One");
  EXPECT_EQ(a[1].source, "Feed Two");
  EXPECT_EQ(a[2].source, "Feed Two");
  EXPECT_EQ(a[0].text, "First headline here\n\n1er juin 2025 \xC3\xA0 08:00\n\nBody one.");
  // Without a feed line, the list item repeating the next title is cut instead.
  EXPECT_EQ(a[1].text, "Second headline\n\n2 juin 2025 \xC3\xA0 09:30\n\nBody two.");
  EXPECT_EQ(a[2].text, "Third headline\n\n3 juin 2025 \xC3\xA0 10:00\n\nBody three.");
  EXPECT_EQ(a[1].date, "2025-06-02");
  for (const Article& x : a) EXPECT_EQ(text.substr(x.byte_offset, x.text.size()), x.text);
}

TEST(ReadTextFileTest, Utf8BomIsDroppedButCounted) {
  TempDir dir;
  const std::string path =
      dir.Write("bom.txt", "\xEF\xBB\xBFHeadline \xC3\xA9t\xC3\xA9\n\nBody.\n");
  const ReadResult r = ReadTextFile(path);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.warnings.empty());
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].byte_offset, 3u);
  EXPECT_EQ(r.articles[0].cp_offset, 1u);
  EXPECT_EQ(r.articles[0].title, "Headline \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(r.articles[0].id, std::filesystem::weakly_canonical(path).string());
  ExpectSlicesOfFile(path, r.articles);
}

TEST(ReadTextFileTest, Utf16IsDecodedWithAWarning) {
  TempDir dir;
  const std::u16string u = u"Titre \u00e9t\u00e9\n\n3 juin 2025, texte.\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char16_t c : u) {
    le += static_cast<char>(c & 0xFF);
    le += static_cast<char>(c >> 8);
    be += static_cast<char>(c >> 8);
    be += static_cast<char>(c & 0xFF);
  }
  for (const std::string& bytes : {le, be}) {
    const std::string path = dir.Write("u16.txt", bytes);
    const ReadResult r = ReadTextFile(path);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Titre \xC3\xA9t\xC3\xA9");
    EXPECT_EQ(r.articles[0].date, "2025-06-03");
    EXPECT_TRUE(AnyContains(r.warnings, "UTF-16")) << (r.warnings.empty() ? "" : r.warnings[0]);
    EXPECT_TRUE(AnyContains(r.warnings, path));
  }
}

TEST(ReadTextFileTest, EmptyFilesAreOkWithAWarning) {
  TempDir dir;
  for (const char* content : {"", "  \n\r\n\t \n", "\xEF\xBB\xBF\n"}) {
    const std::string path = dir.Write("empty.txt", content);
    const ReadResult r = ReadTextFile(path);
    EXPECT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find(path), std::string::npos);
  }
}

TEST(ReadTextFileTest, BinaryFilesAreErrors) {
  TempDir dir;
  const std::string nul = dir.Write("nul.txt", std::string("Looks like text\0 but is not", 27));
  ReadResult r = ReadTextFile(nul);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find(nul), std::string::npos) << r.error;
  EXPECT_TRUE(r.articles.empty());

  std::string noise;
  for (int i = 0; i < 300; ++i) noise += (i % 2) ? "\x01\x02\x03" : "\xFF\xFE\x80";
  const std::string ctl = dir.Write("noise.txt", "abc" + noise);
  r = ReadTextFile(ctl);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find(ctl), std::string::npos) << r.error;
}

TEST(ReadTextFileTest, InvalidUtf8IsKeptWithAWarning) {
  TempDir dir;
  // UTF-8 ("é" is C3 A9) with one stray byte at 16: damaged UTF-8, not Latin-1.
  const std::string bytes = "Headline\n\nCaf\xC3\xA9 \xE9 au lait, 3 juin 2025.\n";
  const std::string path = dir.Write("damaged.txt", bytes);
  const ReadResult r = ReadTextFile(path);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].text, bytes.substr(0, bytes.size() - 1));  // bytes untouched
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find(path), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("byte 16"), std::string::npos) << r.warnings[0];
}

TEST(ReadTextFileTest, LegacyEightBitTextIsDecoded) {
  TempDir dir;
  const std::string bytes =
      "N\xE9gociations \xE0 Istanbul\n\nLa d\xE9l\xE9gation ukrainienne est arriv\xE9"
      "e "
      "lundi \xE0 Istanbul pour des n\xE9gociations.\n";
  const std::string path = dir.Write("latin1.txt", bytes);
  const ReadResult r = ReadTextFile(path);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_NE(r.articles[0].text.find("délégation ukrainienne est arrivée"), std::string::npos)
      << r.articles[0].text;
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("decoded from"), std::string::npos) << r.warnings[0];
}

TEST(ReadTextFileTest, UnreadableFilesAreErrors) {
  TempDir dir;
  const std::string missing = (dir.path() / "missing.txt").string();
  ReadResult r = ReadTextFile(missing);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find(missing), std::string::npos);
  r = ReadTextFile(dir.path().string());
  EXPECT_FALSE(r.ok());
}

TEST(ReadTextFileTest, SidecarAppliesPerArticleSection) {
  TempDir dir;
  const std::string path = dir.Write("digest.txt",
                                     "Headline one\n\n3 juin 2025 \xC3\xA0 07:23\n\nBody one.\n\n"
                                     "Headline two\n\n28 mai 2025 \xC3\xA0 07:58\n\nBody two.\n");
  dir.Write("digest.txt.meta",
            "# why: test\nsource: Feed\n[2]\n!title: Better two\nurl: https://x.test/2\n"
            "date: 2025-01-01\nbogus line\n");
  const ReadResult r = ReadTextFile(path);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "Headline one");
  EXPECT_EQ(r.articles[1].title, "Better two");
  EXPECT_EQ(r.articles[0].source, "Feed");
  EXPECT_EQ(r.articles[1].source, "Feed");
  EXPECT_EQ(r.articles[1].url, "https://x.test/2");
  EXPECT_EQ(r.articles[0].url, "");
  EXPECT_EQ(r.articles[1].date, "2025-05-28");  // fill only: the text had a date
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find(path + ".meta:7:"), std::string::npos) << r.warnings[0];
}

}  // namespace
}  // namespace concord::corpus
