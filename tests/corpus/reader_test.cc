#include "corpus/reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>

#include "lang/utf8.h"
#include "test_util.h"

namespace concord::corpus {
namespace {

using testing::TempDir;

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = data.size();
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = out.size();
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A plain-text article with "ustar" at byte 257 (as in "trustar the") is
// text; a real tar header (magic and checksum) is an archive.
TEST(SniffFormatTest, TarNeedsItsMagicAndChecksum) {
  std::string text(600, 'a');
  for (std::size_t i = 5; i < text.size(); i += 6) text[i] = ' ';
  text.replace(255, 10, "trustar th");
  ASSERT_EQ(text.substr(257, 5), "ustar");
  EXPECT_EQ(SniffFormat(text, "a0209959.txt"), Format::kText);

  std::string tar(512, '\0');
  tar.replace(0, 8, "news.txt");
  tar.replace(100, 7, "0000644");
  tar.replace(124, 11, "00000000005");
  tar[156] = '0';
  tar.replace(257, 8,
              std::string("ustar\0"
                          "00",
                          8));
  unsigned sum = 0;
  for (std::size_t k = 0; k < 512; ++k) {
    sum += (k >= 148 && k < 156) ? ' ' : static_cast<unsigned char>(tar[k]);
  }
  char field[8];
  std::snprintf(field, sizeof field, "%06o", sum);
  tar.replace(148, 6, field, 6);
  tar[154] = '\0';
  tar[155] = ' ';
  EXPECT_EQ(SniffFormat(tar, "bundle"), Format::kArchive);
  tar[0] = 'N';  // the checksum no longer adds up
  EXPECT_EQ(SniffFormat(tar, "bundle"), Format::kText);
}

TEST(SniffFormatTest, ContentFirstThenName) {
  EXPECT_EQ(SniffFormat("<!DOCTYPE html><html>", "x.txt"), Format::kHtml);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "x.html"),
            Format::kFeed);
  EXPECT_EQ(SniffFormat("<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"a\">", "f"), Format::kFeed);
  EXPECT_EQ(SniffFormat("{\"text\": \"a\"}\n", "dump"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("WARC/1.0\r\n", "crawl"), Format::kWarc);
  EXPECT_EQ(SniffFormat("PK\x03\x04rest", "a.txt"), Format::kArchive);
  EXPECT_EQ(SniffFormat(std::string("\x1f\x8b\x08", 3), "x.warc.gz"), Format::kGzip);
  EXPECT_EQ(SniffFormat(std::string("\x1f\x8b\x08", 3), "x.tgz"), Format::kArchive);
  EXPECT_EQ(SniffFormat("%PDF-1.7", "a.txt"), Format::kBinary);
  // bzip2 needs its block-size digit; "BZh" alone opens words.
  EXPECT_EQ(SniffFormat("BZh91AY&SY", "x.tbz"), Format::kArchive);
  EXPECT_EQ(SniffFormat("BZhou Enlai met Nixon.", "a.txt"), Format::kText);
  // No telling content: the name decides, else text.
  EXPECT_EQ(SniffFormat("plain words", "page.htm"), Format::kHtml);
  EXPECT_EQ(SniffFormat("plain words", "notes"), Format::kText);
  EXPECT_EQ(SniffFormat("{ not json", "x.md"), Format::kText);
}

TEST(ReadFileTest, GzipIsReadAsWhatItHolds) {
  TempDir dir;
  const std::string path = dir.Write("story.html.gz", Gzip("<html><title>T</title><body><p>"
                                                           "Kyiv spoke.</p></body></html>"));
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFile(path, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "T");
  EXPECT_NE(sink.articles[0].text.find("Kyiv spoke."), std::string::npos);
}

TEST(ReadFileTest, TruncatedGzipKeepsWhatDecompressedWithAWarning) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Kharkiv report " + std::to_string(i) + ". ";
  const std::string packed = Gzip(text);
  TempDir dir;
  const std::string path = dir.Write("cut.txt.gz", packed.substr(0, packed.size() / 2));
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFile(path, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_GT(sink.articles[0].text.size(), 1000u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_NE(sink.warnings[0].find("truncated gzip"), std::string::npos) << sink.warnings[0];
}

// A small gzip that unpacks to much more text than may be held (a "gzip
// bomb") is read in parts as it is decompressed: every byte in one part, in
// order, none cut off at a size limit.
TEST(ReadFileTest, GzipBombIsReadInPartsAsItIsDecompressed) {
  std::string text;
  for (int i = 0; text.size() < 3u << 20; ++i) {
    text += "Paragraph " + std::to_string(i % 1000) + " of the Istanbul talks.\n\n";
  }
  TempDir dir;
  const std::string packed = Gzip(text);
  ASSERT_LT(packed.size(), text.size() / 10);
  const std::string path = dir.Write("bomb.txt.gz", packed);
  ReadOptions options;
  options.huge_text_bytes = 1u << 20;
  options.text_part_bytes = 256u << 10;
  options.max_member_bytes = 2u << 20;  // no longer a limit for text
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFile(path, options, &sink, &error)) << error;
  ASSERT_GE(sink.articles.size(), 12u);
  std::string joined;
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    EXPECT_EQ(a.path, (dir.path() / "bomb.txt").string());
    EXPECT_EQ(a.byte_offset, joined.size());
    EXPECT_LE(a.text.size(), options.text_part_bytes);
    EXPECT_NE(a.id.find("bomb.txt.gz#part-" + std::to_string(i + 1)), std::string::npos) << a.id;
    joined += a.text;
  }
  EXPECT_TRUE(joined == text) << "the parts are not the text";
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_NE(sink.warnings[0].find("3 MB of plain text, indexed as"), std::string::npos)
      << sink.warnings[0];
}

// The same stream cut short: the parts decompressed before the damage are
// kept, and a warning says where it stopped.
TEST(ReadFileTest, TruncatedGzipBombKeepsItsPartsWithAWarning) {
  std::string text;
  for (int i = 0; text.size() < 3u << 20; ++i) text += "Line " + std::to_string(i) + ".\n";
  const std::string packed = Gzip(text);
  TempDir dir;
  const std::string path = dir.Write("cut.txt.gz", packed.substr(0, packed.size() * 2 / 3));
  ReadOptions options;
  options.huge_text_bytes = 1u << 20;
  options.text_part_bytes = 256u << 10;
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFile(path, options, &sink, &error)) << error;
  ASSERT_GE(sink.articles.size(), 4u);
  ASSERT_EQ(sink.warnings.size(), 2u);
  EXPECT_NE(sink.warnings[1].find("truncated gzip data at compressed byte"), std::string::npos)
      << sink.warnings[1];
}

// A page too large to parse whole is parsed in pieces cut before tags: all
// of its text is kept, with the page's title on every part.
TEST(ReadSourceTest, HugeHtmlIsParsedInPieces) {
  std::string page = "<html><head><title>Long page</title></head><body>";
  int paragraphs = 0;
  while (page.size() < 20u << 20) {
    page += "<p>Paragraph " + std::to_string(paragraphs++) + " of a very long page.</p>\n";
  }
  page += "</body></html>";
  Source source{"big.html", "/data/big.html", page, {}, {}};
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadSource(source, ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_GE(sink.articles.size(), 3u);
  std::size_t found = 0;
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    EXPECT_EQ(a.id, "/data/big.html#part-" + std::to_string(i + 1));
    EXPECT_EQ(a.title, "Long page (part " + std::to_string(i + 1) + ")");
    for (std::size_t at = a.text.find("Paragraph "); at != std::string::npos;
         at = a.text.find("Paragraph ", at + 1)) {
      ++found;
    }
  }
  EXPECT_EQ(found, static_cast<std::size_t>(paragraphs));
  EXPECT_NE(sink.articles.back().text.find("Paragraph " + std::to_string(paragraphs - 1) + " "),
            std::string::npos);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_NE(sink.warnings[0].find("big.html: 20 MB of HTML, indexed as"), std::string::npos)
      << sink.warnings[0];
}

TEST(ReadFileTest, HugeTextIsSplitIntoPartsWithExactOffsets) {
  std::string text =
      "\xEF\xBB\xBF"
      "Headline of the dump\n\n";
  for (int i = 0; i < 3000; ++i) {
    text += "Paragraph " + std::to_string(i) + " mentions Zelensky and Київ.\n\n";
  }
  TempDir dir;
  const std::string path = dir.Write("dump.txt", text);
  ReadOptions options;
  options.huge_text_bytes = 64 * 1024;
  options.text_part_bytes = 16 * 1024;
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFile(path, options, &sink, &error)) << error;
  ASSERT_GT(sink.articles.size(), 5u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_NE(sink.warnings[0].find("parts"), std::string::npos);
  std::size_t cp = 0;
  std::size_t next_byte = 3;  // after the BOM
  for (std::size_t i = 0; i < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    EXPECT_EQ(a.byte_offset, next_byte) << i;
    EXPECT_EQ(text.substr(a.byte_offset, a.text.size()), a.text) << i;
    EXPECT_EQ(a.cp_offset, lang::CountCodePoints(text.substr(0, a.byte_offset))) << i;
    EXPECT_LE(a.text.size(), 2 * options.text_part_bytes);
    EXPECT_EQ(lang::FindInvalidUtf8(a.text), std::string::npos) << "cut inside a character";
    EXPECT_NE(a.id.find("#part-" + std::to_string(i + 1)), std::string::npos) << a.id;
    next_byte = a.byte_offset + a.text.size();
    cp += lang::CountCodePoints(a.text);
  }
  EXPECT_EQ(next_byte, text.size());
  EXPECT_EQ(sink.articles[0].title, "Headline of the dump (part 1)");
}

TEST(ReadFileTest, ProblemsNameTheFile) {
  TempDir dir;
  CollectingSink sink;
  std::string error;
  EXPECT_FALSE(ReadFile((dir.path() / "missing.txt").string(), ReadOptions(), &sink, &error));
  EXPECT_NE(error.find("missing.txt"), std::string::npos) << error;
  EXPECT_FALSE(ReadFile(dir.path().string(), ReadOptions(), &sink, &error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  const std::string pdf = dir.Write("a.pdf", "%PDF-1.4 binary");
  EXPECT_FALSE(ReadFile(pdf, ReadOptions(), &sink, &error));
  EXPECT_NE(error.find("a.pdf: binary"), std::string::npos) << error;
}

}  // namespace
}  // namespace concord::corpus
