#include "tools/index_flags.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/tools/run_parser.h"

namespace concord::cli {
namespace {

Status Parse(std::vector<std::string> args, IndexConfig* config) {
  return RunParser(&ParseIndexFlags, std::move(args), config);
}

TEST(IndexFlags, ReadsEveryFlag) {
  IndexConfig c;
  ASSERT_TRUE(Parse({"--db", "news.db", "--batch-mb", "0.5", "--field", "text=body", "--field",
                     "date=meta.published", "--no-prune", "--verify", "--strict", "--wait=30",
                     "--shards", "4", "--jobs", "2", "-q", "a", "b"},
                    &c)
                  .ok());
  EXPECT_EQ(c.db, "news.db");
  EXPECT_EQ(c.batch_bytes, static_cast<std::size_t>(0.5 * (1u << 20)));
  ASSERT_EQ(c.jsonl_fields.size(), 2u);
  EXPECT_EQ(c.jsonl_fields[1].second, "meta.published");
  EXPECT_FALSE(c.prune);
  EXPECT_TRUE(c.verify && c.strict && c.quiet);
  EXPECT_EQ(c.wait_seconds, 30);
  EXPECT_EQ(c.shards, 4u);
  EXPECT_EQ(c.jobs, 2u);
  EXPECT_EQ(c.paths, (std::vector<std::string>{"a", "b"}));
  IndexConfig d;
  ASSERT_TRUE(Parse({"--wait", "--", "-odd.txt"}, &d).ok());
  EXPECT_LT(d.wait_seconds, 0);  // --wait alone: no limit
  EXPECT_EQ(d.paths, std::vector<std::string>{"-odd.txt"});
  EXPECT_TRUE(d.db.empty());  // the program fills in $CONCORD_DB or ./concord.db
}

TEST(IndexFlags, BadFlagsAreInvalidArgumentsWithTheMessageToPrint) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--batch-mb", "0", "x"}, "--batch-mb must be between 0.01 and 1000000"},
      {{"--field", "body", "x"}, "--field body: expected FIELD=KEY"},
      {{"--field", "author=by", "x"}, "--field author=by: expected FIELD=KEY"},
      {{"--wait=soon", "x"}, "--wait=soon: expected a number of seconds"},
      {{"--shards", "0", "x"}, "--shards must be between 1 and 1000"},
      {{"--retag", "--no-entities"}, "--retag and --no-entities contradict each other"},
      {{"--merge", "x"}, "--merge takes --db and --out only"},
      {{"--out", "o.db", "x"}, "--out goes with --merge"},
      {{"--optimize", "--merge", "--out", "o.db"}, "--optimize and --merge are different jobs"},
      {{}, "no PATH given"},
      {{"-x"}, "a PATH that starts with '-' goes after --"},
  };
  for (const auto& [args, message] : cases) {
    IndexConfig c;
    const Status s = Parse(args, &c);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << message;
    EXPECT_NE(s.message().find(message), std::string::npos) << s.message();
  }
}

TEST(IndexFlags, OptimizeNeedsNoPathAndMayFollowAnIndexRun) {
  IndexConfig alone, after;
  ASSERT_TRUE(Parse({"--db", "news.db", "--optimize"}, &alone).ok());
  EXPECT_TRUE(alone.optimize);
  EXPECT_TRUE(alone.paths.empty());
  ASSERT_TRUE(Parse({"--optimize", "archive"}, &after).ok());
  EXPECT_TRUE(after.optimize);
  EXPECT_EQ(after.paths, std::vector<std::string>{"archive"});
}

TEST(IndexFlags, HelpAndVersionNeitherExitNorNeedAPath) {
  IndexConfig h, v;
  ASSERT_TRUE(Parse({"--help"}, &h).ok());
  EXPECT_TRUE(h.help);
  EXPECT_NE(h.help_text.find("Exit status"), std::string::npos);
  ASSERT_TRUE(Parse({"--version"}, &v).ok());
  EXPECT_TRUE(v.version);
}

}  // namespace
}  // namespace concord::cli
