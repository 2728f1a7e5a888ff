#include "lang/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace concord::lang {
namespace {

using namespace std::string_literals;

// Titles and snippets are one line of text: no NUL, ESC, BEL or C1 control
// reaches them; tab and line breaks become spaces; all else is kept as is.
TEST(WithoutControlsTest, DropsControlsAndKeepsText) {
  EXPECT_EQ(WithoutControls("Talks\0 in\x1b[31m Istanbul\x07"s), "Talks in[31m Istanbul");
  EXPECT_EQ(WithoutControls("line one\r\nline\ttwo"), "line one  line two");
  EXPECT_EQ(WithoutControls("a\xC2\x85"
                            "b\xC2\x9B"
                            "c\x7F"),
            "abc");  // NEL, CSI (C1), DEL
  EXPECT_EQ(WithoutControls("x \u202Eesrever\u202C y \u2066z\u2069"), "x esrever y z");
  EXPECT_EQ(WithoutControls("\u200F\u05E9\u05DC\u05D5\u05DD"),
            "\u200F\u05E9\u05DC\u05D5\u05DD");  // RLM kept
  EXPECT_EQ(WithoutControls("Зеленський і Умєров — “talks” ☕"), "Зеленський і Умєров — “talks” ☕");
  EXPECT_EQ(WithoutControls("caf\xC3\xA9 \xC2\xA0nbsp \xFF"), "caf\xC3\xA9 \xC2\xA0nbsp \xFF");
}

}  // namespace
}  // namespace concord::lang

namespace concord::lang {
namespace {

TEST(EscapeName, KeepsPrintableUtf8AndEscapesEverythingElseLosslessly) {
  EXPECT_EQ(EscapeName("/news/Київ café.txt"), "/news/Київ café.txt");
  EXPECT_EQ(EscapeName("caf\xE9.txt"), "caf\\xE9.txt");
  EXPECT_NE(EscapeName("caf\xE9.txt"), EscapeName("caf\xE8.txt"));
  EXPECT_EQ(EscapeName("a\\b\tc\nd\x7F"), "a\\\\b\\x09c\\x0Ad\\x7F");
  EXPECT_EQ(EscapeName("c1\xC2\x9B"
                       "x"),
            "c1\\xC2\\x9Bx");
  // A truncated sequence: each of its bytes on its own.
  EXPECT_EQ(EscapeName("\xE2\x82"
                       "A"),
            "\\xE2\\x82A");
  EXPECT_EQ(FindInvalidUtf8(EscapeName("\xFF\xFE\x80 \xF0\x9F\x91\x8D")), std::string::npos);
}

}  // namespace
}  // namespace concord::lang
