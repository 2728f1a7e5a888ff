#include "tools/output_format.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "lang/utf8.h"

namespace concord::cli {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(TerminalSafe, EscapeSequencesCannotReachTheTerminal) {
  const std::string out = TerminalSafe("a\x1b[2J\x1b]0;pwned\x07z");
  EXPECT_EQ(out, "a" + kFffd + "[2J" + kFffd + "]0;pwned" + kFffd + "z");
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
}

TEST(TerminalSafe, WhitespaceControlsBecomeSpaces) {
  EXPECT_EQ(TerminalSafe("a\tb\nc\rd\ve\ff"), "a b c d e f");
  EXPECT_EQ(TerminalSafe("a\u2028b\u2029c"), "a b c");
}

TEST(TerminalSafe, DelC1AndBidiControlsBecomeReplacementCharacters) {
  for (const char* c : {"\x7f", "\xc2\x80", "\xc2\x9b", "\xc2\x9f", "\u202a", "\u202e", "\u2066",
                        "\u2069", "\x01", "\x00"}) {
    const std::string in = std::string("x") + (*c ? c : std::string(1, '\0')) + "y";
    EXPECT_EQ(TerminalSafe(in), "x" + kFffd + "y") << in;
  }
}

TEST(TerminalSafe, OrdinaryTextIsUnchanged) {
  const std::string text = "Зеленський · Zełenski « Poutine » \u00a0 \u200f \u05d0 …";
  EXPECT_EQ(TerminalSafe(text), text);
}

TEST(TerminalSafe, KeepsOneCodePointForEachSoSpansStayValid) {
  const std::string in = "\x1b[1m\xff\xfeZelensky\u202e\x9b";
  EXPECT_EQ(lang::CountCodePoints(TerminalSafe(in)), lang::CountCodePoints(in));
}

TEST(FormulaSafe, FormulaTriggersArePrefixedWithAQuote) {
  EXPECT_EQ(FormulaSafe("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(FormulaSafe("+1"), "'+1");
  EXPECT_EQ(FormulaSafe("-Putin"), "'-Putin");
  EXPECT_EQ(FormulaSafe("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(FormulaSafe("\tx"), "'\tx");
  EXPECT_EQ(FormulaSafe("\rx"), "'\rx");
}

TEST(FormulaSafe, OtherCellsAreUnchanged) {
  EXPECT_EQ(FormulaSafe(""), "");
  EXPECT_EQ(FormulaSafe("Zelensky = president"), "Zelensky = president");
  EXPECT_EQ(FormulaSafe("2025-06-01"), "2025-06-01");
  EXPECT_EQ(FormulaSafe(" =x"), " =x");
}

TEST(JsonText, AlwaysValidJsonWhateverTheBytes) {
  nlohmann::json j = {{"t", std::string("a\x1b[2J\x07\x7f\xc2\x9b\xff\xfe\x00z", 13)}};
  const std::string text = JsonText(j);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  const nlohmann::json back = nlohmann::json::parse(text);
  EXPECT_EQ(back["t"].get<std::string>(), std::string("a\x1b[2J\x07\x7f\xc2\x9b", 9) + kFffd +
                                              kFffd + std::string(1, '\0') + "z");
}

TEST(WriteTableRow, CsvQuotesAndTsvEscapes) {
  std::ostringstream csv, tsv;
  WriteTableRow(csv, {"1", "a,b", "say \"hi\"", "x\ny"}, true);
  WriteTableRow(tsv, {"1", "a\tb", "x\ny", "C:\\dir\r"}, false);
  EXPECT_EQ(csv.str(), "1,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
  EXPECT_EQ(tsv.str(), "1\ta\\tb\tx\\ny\tC:\\\\dir\\r\n");
}

TEST(WriteTableRow, ControlCharactersAreNeutralisedInBothFormats) {
  // ESC and BEL would drive the terminal of whoever cats the export.
  for (bool csv : {true, false}) {
    std::ostringstream out;
    WriteTableRow(out, {"\x1b[31mred", "bell\x07", "c1\xC2\x9B"}, csv);
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos) << csv;
    EXPECT_EQ(out.str().find('\x07'), std::string::npos) << csv;
    EXPECT_EQ(out.str().find("\xC2\x9B"), std::string::npos) << csv;
    EXPECT_NE(out.str().find("\xEF\xBF\xBD[31mred"), std::string::npos) << out.str();
  }
}

TEST(WriteTableRow, CleanCellsAreCopiedAndOnlyTheBadBytesReplaced) {
  std::ostringstream out;
  // Cyrillic, a no-break space (C2 A0, not a control), an emoji; then DEL
  // and an invalid byte, each replaced by U+FFFD, the rest of the cell kept.
  WriteTableRow(out,
                {"Зеленський\xC2\xA0👍", "del\x7F",
                 "bad\xFF"
                 "byte"},
                false);
  EXPECT_EQ(out.str(),
            "Зеленський\xC2\xA0👍\tdel\xEF\xBF\xBD\tbad\xEF\xBF\xBD"
            "byte\n");
}

}  // namespace
}  // namespace concord::cli
