#include "tools/search_flags.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/tools/run_parser.h"

namespace concord::cli {
namespace {

Status Parse(std::vector<std::string> args, SearchConfig* config) {
  return RunParser(&ParseSearchFlags, std::move(args), config);
}

TEST(SearchFlags, WordsStartingWithADashAreQueryAndValuesStayWithTheirOption) {
  SearchConfig c;
  ASSERT_TRUE(Parse({"--db", "-odd.db", "-Putin", "Zelensky", "--limit", "3"}, &c).ok());
  EXPECT_EQ(c.dbs, std::vector<std::string>{"-odd.db"});
  EXPECT_EQ(c.query, "-Putin Zelensky");
  EXPECT_EQ(c.options.limit, 3u);
  EXPECT_TRUE(c.limit_given);
  SearchConfig d;
  ASSERT_TRUE(Parse({"--format", "jsonl", "--", "--explain", "-x"}, &d).ok());
  EXPECT_EQ(d.query, "--explain -x");  // after "--" everything is query
  EXPECT_FALSE(d.explain);
  EXPECT_EQ(d.format, OutputFormat::kJsonl);
  EXPECT_TRUE(d.dbs.empty());  // the program fills in $CONCORD_DB or ./concord.db
}

TEST(SearchFlags, BadFlagsAreInvalidArgumentsWithTheMessageToPrint) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--count-by", "month", "x"}, "--count-by needs --mentions NAME"},
      {{"--mentions", "Putin", "--count-by", "year"}, "unknown --count-by 'year'"},
      {{"--mentions", "Putin", "--mentions", "Zelensky"}, "add --count-by"},
      {{"--mentions", "Putin", "--plot", "a.svg"}, "--plot draws counts: add --count-by"},
      {{"--mentions", "Putin", "--count-by", "week", "--plot", "a.gif"},
       "--plot writes .svg, .png or .pdf files, not 'a.gif'"},
      {{"--mentions", "Putin", "--count-by", "week", "--plot-metric", "x"},
       "--plot-metric must be mentions, per1000, documents or share"},
      {{"--format", "xml", "x"}, "unknown --format 'xml'"},
      {{"--sort", "size", "x"}, "--sort must be relevance or date"},
      {{"--color", "maybe", "x"}, "--color must be auto, always or never"},
      {{"--offset", "3000000000", "x"}, "--offset is at most"},
      {{}, "no QUERY given"},
      {{"--limit", "many", "x"}, "--limit takes a whole number, not 'many'"},
      {{"--context", "-3", "--mentions", "x"}, "--context takes a whole number, not '-3'"},
  };
  for (const auto& [args, message] : cases) {
    SearchConfig c;
    const Status s = Parse(args, &c);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << message;
    EXPECT_NE(s.message().find(message), std::string::npos) << s.message();
  }
}

TEST(SearchFlags, CapsAreAppliedWithANote) {
  SearchConfig c;
  ASSERT_TRUE(Parse({"--limit", "999999999", "--context", "5000", "x"}, &c).ok());
  EXPECT_EQ(c.options.limit, kMaxResults);
  EXPECT_TRUE(c.limit_capped);
  EXPECT_EQ(c.context, kMaxContext);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("--context is capped at 200"), std::string::npos);
  SearchConfig m;  // with --mentions the limit is on records, not capped here
  ASSERT_TRUE(Parse({"--mentions", "Putin", "--limit", "999999999"}, &m).ok());
  EXPECT_FALSE(m.limit_capped);
  EXPECT_EQ(m.count_by_key, CountBy::kVariant);
  SearchConfig n;
  ASSERT_TRUE(Parse({"--mentions", "Putin", "--count-by", "month"}, &n).ok());
  EXPECT_EQ(n.count_by_key, CountBy::kMonth);
}

TEST(SearchFlags, HelpAndVersionNeitherExitNorNeedAQuery) {
  SearchConfig h, v;
  ASSERT_TRUE(Parse({"--help"}, &h).ok());
  EXPECT_TRUE(h.help);
  EXPECT_NE(h.help_text.find("Exit status"), std::string::npos);
  ASSERT_TRUE(Parse({"--version"}, &v).ok());
  EXPECT_TRUE(v.version);
}

// Researchers compare figures: --mentions repeats (commas stay in a name),
// --figures adds a file's names, and --plot takes the chart's file.
TEST(SearchFlags, SeveralFiguresAreCountedSideBySideAndPlotted) {
  SearchConfig c;
  ASSERT_TRUE(Parse({"--mentions", "Zelensky", "--mentions", "Trump, Donald", "--count-by", "week",
                     "--plot", "attention.PNG", "--plot-metric", "per1000", "lang:fr"},
                    &c)
                  .ok());
  EXPECT_EQ(c.figures, (std::vector<std::string>{"Zelensky", "Trump, Donald"}));
  EXPECT_EQ(c.mentions, "Zelensky");
  EXPECT_EQ(c.count_by_key, CountBy::kWeek);
  EXPECT_EQ(c.plot, "attention.PNG");
  EXPECT_EQ(c.plot_metric, "per1000");
  EXPECT_EQ(c.query, "lang:fr");
  SearchConfig f;
  ASSERT_TRUE(Parse({"--figures", "names.txt", "--count-by", "month"}, &f).ok());
  EXPECT_EQ(f.figures_file, "names.txt");
  ASSERT_TRUE(AddFigures("# who\n Putin \r\n\nErdoğan\n", &f).ok());
  EXPECT_EQ(f.figures, (std::vector<std::string>{"Putin", "Erdoğan"}));
  EXPECT_EQ(f.mentions, "Putin");
  std::string many;
  for (int i = 0; i <= static_cast<int>(kMaxFigures); ++i)
    many += "name" + std::to_string(i) + "\n";
  SearchConfig g;
  EXPECT_EQ(AddFigures(many, &g).code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace concord::cli
