#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus/reader.h"

namespace concord::corpus {
namespace {

Source MakeSource(std::string content) {
  Source source;
  source.path = "news.jsonl";
  source.id = "/data/news.jsonl";
  source.content = std::move(content);
  return source;
}

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(JsonlReaderTest, ReadsDefaultFields) {
  const Source source = MakeSource(
      R"({"id":"a1","title":"Talks resume","date":"2025-06-03T07:23:00Z","source":"Reuters",)"
      R"("url":"https://example.org/a1","lang":"en","text":"Delegations met in Istanbul."})"
      "\n"
      R"({"title":"Second","date":"3 juin 2025","text":"Texte en fran\u00e7ais.","lang":"FR-fr"})"
      "\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.path, "news.jsonl");
  EXPECT_EQ(a.id, "/data/news.jsonl#a1");
  EXPECT_EQ(a.title, "Talks resume");
  EXPECT_EQ(a.date, "2025-06-03");
  EXPECT_EQ(a.source, "Reuters");
  EXPECT_EQ(a.url, "https://example.org/a1");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.text, "Delegations met in Istanbul.");
  EXPECT_EQ(a.byte_offset, 0u);
  EXPECT_EQ(a.cp_offset, 0u);
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "/data/news.jsonl#line-2");
  EXPECT_EQ(b.date, "2025-06-03");
  EXPECT_EQ(b.lang, "fr");
  EXPECT_EQ(b.text,
            "Texte en fran\xC3\xA7"
            "ais.");
}

TEST(JsonlReaderTest, FieldMappingAndNestedKeys) {
  const Source source =
      MakeSource(R"({"uid":5,"headline":"H","body":"The body.","meta":{"published":"2024-02-29"},)"
                 R"("text":"not this one"})"
                 "\n");
  ReadOptions options;
  options.jsonl_fields["text"] = "body";
  options.jsonl_fields["id"] = "uid";
  options.jsonl_fields["title"] = "headline";
  options.jsonl_fields["date"] = "meta.published";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, options, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "The body.");
  EXPECT_EQ(sink.articles[0].title, "H");
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#5");
  EXPECT_EQ(sink.articles[0].date, "2024-02-29");
}

TEST(JsonlReaderTest, NumbersAsIdsAndDates) {
  const Source source = MakeSource(
      "{\"id\":17,\"text\":\"x\",\"date\":1748935380}\n"
      "{\"id\":-2.5,\"text\":\"y\",\"date\":1748935380000}\n"
      "{\"id\":\"n\",\"text\":\"z\",\"date\":\"no date here\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#17");
  EXPECT_EQ(sink.articles[0].date, "2025-06-03");
  EXPECT_EQ(sink.articles[1].id, "/data/news.jsonl#-2.5");
  EXPECT_EQ(sink.articles[1].date, "2025-06-03");
  EXPECT_EQ(sink.articles[2].date, "");
}

TEST(JsonlReaderTest, MalformedLinesAreSkippedWithLineNumbers) {
  const Source source = MakeSource(
      "{\"text\":\"one\"}\n"
      "\n"
      "{\"text\": \"unterminated\n"
      "   \r\n"
      "[1,2,3]\n"
      "{\"text\":\"six\"}\r\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#line-1");
  EXPECT_EQ(sink.articles[1].id, "/data/news.jsonl#line-6");
  EXPECT_EQ(sink.articles[1].text, "six");
  ASSERT_EQ(sink.warnings.size(), 2u);
  EXPECT_EQ(sink.warnings[0].rfind("news.jsonl:3: malformed JSON (", 0), 0u) << sink.warnings[0];
  EXPECT_NE(sink.warnings[0].find("); skipped"), std::string::npos);
  EXPECT_EQ(sink.warnings[1], "news.jsonl:5: not a JSON object; skipped");
}

TEST(JsonlReaderTest, RecordWithoutTextIsSkipped) {
  const Source source = MakeSource(
      "{\"id\":\"a\",\"title\":\"no text\"}\n"
      "{\"id\":\"b\",\"text\":\"\"}\n"
      "{\"id\":\"c\",\"text\":[\"x\"]}\n"
      "{\"id\":\"d\",\"text\":\"ok\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#d");
  ASSERT_EQ(sink.warnings.size(), 3u);
  EXPECT_EQ(sink.warnings[0], "news.jsonl:1: record has no 'text' field; skipped");
  EXPECT_TRUE(AnyContains(sink.warnings, "news.jsonl:2:"));
  EXPECT_TRUE(AnyContains(sink.warnings, "news.jsonl:3:"));

  ReadOptions options;
  options.jsonl_fields["text"] = "body";
  CollectingSink mapped;
  ASSERT_TRUE(ReadJsonlSource(source, options, &mapped, &error));
  EXPECT_TRUE(mapped.articles.empty());
  EXPECT_TRUE(AnyContains(mapped.warnings, "news.jsonl:4: record has no 'body' field; skipped"));
}

TEST(JsonlReaderTest, InvalidUtf8IsReplacedWithAWarning) {
  const Source source =
      MakeSource("{\"id\":\"u\xFF\",\"title\":\"caf\xE9\",\"text\":\"bad \xC3 byte\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(sink.articles[0].title, "caf\xEF\xBF\xBD");
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#u\xEF\xBF\xBD");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "news.jsonl:1: invalid UTF-8 replaced");
}

TEST(JsonlReaderTest, DuplicateIdsFallBackToLineNumbers) {
  const Source source = MakeSource(
      "{\"id\":\"x\",\"text\":\"first\"}\n"
      "{\"id\":\"x\",\"text\":\"second\"}\n"
      "{\"id\":\"line-4\",\"text\":\"third\"}\n"
      "{\"text\":\"fourth\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 4u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#x");
  EXPECT_EQ(sink.articles[1].id, "/data/news.jsonl#line-2");
  EXPECT_EQ(sink.articles[2].id, "/data/news.jsonl#line-4");
  EXPECT_NE(sink.articles[3].id, sink.articles[2].id);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].rfind("news.jsonl:2: duplicate id 'x'", 0), 0u) << sink.warnings[0];
}

TEST(JsonlReaderTest, LongIdsAreCut) {
  const Source source = MakeSource("{\"id\":\"" + std::string(500, 'k') + "\",\"text\":\"t\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error));
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#" + std::string(200, 'k'));
}

TEST(JsonlReaderTest, HugeSingleLine) {
  constexpr std::size_t kSize = 20u << 20;
  std::string text;
  text.reserve(kSize);
  while (text.size() < kSize) text += "Lorem ipsum dolor sit amet, \\\"quoted\\\" caf\xC3\xA9. ";
  const Source source = MakeSource("{\"id\":\"big\",\"text\":\"" + text + "\"}");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_GT(sink.articles[0].text.size(), (19u << 20));
  EXPECT_EQ(sink.articles[0].text.substr(0, 31), "Lorem ipsum dolor sit amet, \"qu");
}

TEST(JsonlReaderTest, NotJsonLinesFails) {
  const Source source = MakeSource("Just some text.\nAnother line { not json }\n");
  CollectingSink sink;
  std::string error;
  EXPECT_FALSE(ReadJsonlSource(source, ReadOptions(), &sink, &error));
  EXPECT_EQ(error, "news.jsonl: not JSON Lines (no line parsed as a JSON object)");
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_TRUE(sink.warnings.empty());

  CollectingSink empty_sink;
  EXPECT_FALSE(ReadJsonlSource(MakeSource(""), ReadOptions(), &empty_sink, &error));
}

TEST(JsonlReaderTest, WarningsBeforeTheFirstRecordAreKept) {
  const Source source = MakeSource("oops\n{\"text\":\"t\"}\n");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error));
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].rfind("news.jsonl:1: malformed JSON", 0), 0u);
}

// Stops the reader after the first article, as Ctrl-C does.
class CancellingSink : public CollectingSink {
 public:
  bool cancelled() const override { return !articles.empty(); }
};

TEST(JsonlReaderTest, StopsWhenCancelled) {
  const Source source = MakeSource("{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
  CancellingSink sink;
  std::string error;
  EXPECT_TRUE(ReadJsonlSource(source, ReadOptions(), &sink, &error));
  EXPECT_EQ(sink.articles.size(), 1u);
}

// Lines are read one at a time: a line too long to hold is skipped with a
// warning naming it, and the lines after it are read as usual.
TEST(JsonlReaderTest, AnOverlongLineIsSkippedAndTheRestRead) {
  std::string content = "{\"id\":\"a\",\"text\":\"First story about Kyiv.\"}\n";
  content += "{\"id\":\"huge\",\"text\":\"" + std::string(33u << 20, 'w') + "\"}\n";
  content += "{\"id\":\"b\",\"text\":\"Last story about Odesa.\"}";  // no final newline
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(MakeSource(std::move(content)), ReadOptions(), &sink, &error))
      << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].id, "/data/news.jsonl#a");
  EXPECT_EQ(sink.articles[1].id, "/data/news.jsonl#b");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "news.jsonl:2: a line over 32 MB cannot be held; skipped");
}

// A field concord cannot use is never dropped silently: an unknown language
// code or a date that is no date is warned about, naming the line.
TEST(JsonlReaderTest, UnusableLangAndDateAreWarnedAbout) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadJsonlSource(
      MakeSource("{\"id\":\"a\",\"lang\":\"zz-bad\",\"date\":\"soon\",\"text\":\"Talks.\"}\n"
                 "{\"id\":\"b\",\"lang\":\"uk-UA\",\"date\":\"2025-06-02\",\"text\":\"Talks.\"}\n"
                 "{\"id\":\"c\",\"date\":12.5e99,\"text\":\"Talks.\"}\n"),
      ReadOptions(), &sink, &error))
      << error;
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].lang, "");
  EXPECT_EQ(sink.articles[0].date, "");
  EXPECT_EQ(sink.articles[1].lang, "uk");
  EXPECT_EQ(sink.articles[1].date, "2025-06-02");
  ASSERT_EQ(sink.warnings.size(), 3u);
  EXPECT_EQ(sink.warnings[0],
            "news.jsonl:1: 'date' value 'soon' is not a date; ignored (the text's date is used, "
            "if any)");
  EXPECT_EQ(sink.warnings[1],
            "news.jsonl:1: 'lang' value 'zz-bad' is not an ISO 639-1 language code; ignored "
            "(the language is detected from the text)");
  EXPECT_NE(sink.warnings[2].find("news.jsonl:3: 'date' value 1.25e+100 is not a date"),
            std::string::npos)
      << sink.warnings[2];
}

}  // namespace
}  // namespace concord::corpus
