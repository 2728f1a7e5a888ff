#include "corpus/parts.h"

#include <gtest/gtest.h>

#include <string>

#include "lang/utf8.h"

namespace concord::corpus {
namespace {

TEST(PartCut, PrefersParagraphThenLineThenSpaceInTheSecondHalf) {
  EXPECT_EQ(PartCut("short", 100), 5u);
  EXPECT_EQ(PartCut("aaaaaa\n\nbbbb\ncc", 14), 13u);  // the line break: no paragraph in reach
  EXPECT_EQ(PartCut("aaaaaaaa\n\nbbbbbbbbbb", 12), 10u);
  EXPECT_EQ(PartCut("aaaaaa bbbbbbbbbbbb", 10), 7u);
  EXPECT_EQ(PartCut("aaaaaaaaaaaaaaaaaaaa", 10), 10u);  // no break at all
}

TEST(PartCut, NeverCutsInsideAUtf8Sequence) {
  const std::string text = std::string(9, 'a') + "\xD0\x96" + "bbbb";  // Ж at bytes 9-10
  EXPECT_EQ(PartCut(text, 10), 9u);
}

TEST(SplitIntoParts, SmallArticlesStayWhole) {
  Article a;
  a.id = "x";
  a.text = "hello";
  const auto parts = SplitIntoParts(a);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].id, "x");
}

TEST(SplitIntoParts, LongArticlesBecomePartsWithExactOffsets) {
  Article a;
  a.id = "f.txt";
  a.path = "f.txt";
  a.title = "T";
  a.date = "2025-06-02";
  a.byte_offset = 100;
  a.cp_offset = 90;
  const std::string para = "Зеленський і Путін. Zelensky and Putin.\n\n";
  while (a.text.size() <= kMaxDocumentBytes) a.text += para;
  const std::string whole = a.text;
  const auto parts = SplitIntoParts(a);
  ASSERT_EQ(parts.size(), (whole.size() + kPartBytes - 1) / kPartBytes);
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Article& p = parts[i];
    EXPECT_EQ(p.id, "f.txt#part-" + std::to_string(i + 1));
    EXPECT_EQ(p.title, "T (part " + std::to_string(i + 1) + ")");
    EXPECT_EQ(p.date, "2025-06-02");
    EXPECT_LE(p.text.size(), kPartBytes);
    EXPECT_EQ(p.byte_offset, 100 + joined.size());
    EXPECT_EQ(p.cp_offset, 90 + lang::CountCodePoints(joined));
    if (i + 1 < parts.size()) {
      EXPECT_EQ(p.text.substr(p.text.size() - 2), "\n\n");
    }
    joined += p.text;
  }
  EXPECT_EQ(joined, whole);
}

}  // namespace
}  // namespace concord::corpus
