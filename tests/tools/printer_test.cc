#include "tools/printer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace concord::cli {
namespace {

concord::Hit SampleHit() {
  concord::Hit h;
  h.rank = 1;
  h.score = 0.123456;
  h.article.id = "/news/caf\xE9.txt#2";
  h.article.path = "/news/caf\xE9.txt";
  h.article.title = "=Talks in Istanbul";
  h.article.date = "2025-06-02";
  h.article.lang = "en";
  h.snippet = "Zelensky met Erdogan";
  h.highlights = {{0, 8}};
  return h;
}

concord::Mention SampleMention() {
  concord::Mention m;
  m.article.id = "a";
  m.article.path = "/news/a.txt";
  m.entity = "zelenskyy";
  m.label = "Volodymyr Zelenskyy";
  m.surface = "Зеленський";
  m.start = 10;
  m.end = 20;
  m.byte_start = 10;
  m.byte_end = 30;
  m.rung = "exact";
  m.left = "President";
  m.right = "said";
  return m;
}

std::string PrintResults(OutputFormat format, bool color = false) {
  std::ostringstream out;
  concord::SearchResult r;
  r.total = 7;
  r.hits = {SampleHit()};
  r.ignored = {{"$", 9}};
  auto p = MakePrinter(format, out, color);
  p->BeginResults("Zelensky $", r);
  for (const auto& h : r.hits) p->Hit(h);
  p->EndResults(r);
  return out.str();
}

TEST(Printer, TextResultsMarkMatchesAndEscapeNames) {
  const std::string text = PrintResults(OutputFormat::kText);
  EXPECT_NE(text.find("1. =Talks in Istanbul"), std::string::npos) << text;
  EXPECT_NE(text.find("score 0.1235"), std::string::npos) << text;
  EXPECT_NE(text.find("/news/caf\\xE9.txt"), std::string::npos) << text;
  EXPECT_NE(text.find("[Zelensky] met Erdogan"), std::string::npos) << text;
  EXPECT_NE(text.find("7 matching documents; showing 1-1"), std::string::npos) << text;
  EXPECT_NE(PrintResults(OutputFormat::kText, true).find("\x1b[1;31mZelensky\x1b[0m"),
            std::string::npos);
}

TEST(Printer, JsonResultsAreOneDocumentAndJsonlOneLineEach) {
  const nlohmann::json doc = nlohmann::json::parse(PrintResults(OutputFormat::kJson));
  EXPECT_EQ(doc["format_version"], kOutputFormatVersion);
  EXPECT_EQ(doc["total"], 7);
  EXPECT_EQ(doc["results"][0]["path"], "/news/caf\\xE9.txt");
  EXPECT_EQ(doc["results"][0]["score"], 0.1235);
  EXPECT_EQ(doc["ignored"][0]["column"], 9);
  std::istringstream lines(PrintResults(OutputFormat::kJsonl));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["format_version"], kOutputFormatVersion);
    EXPECT_EQ(j["id"], "/news/caf\\xE9.txt#2");
    ++n;
  }
  EXPECT_EQ(n, 1);
}

TEST(Printer, TablesHaveAHeaderAVersionColumnAndSafeCells) {
  EXPECT_EQ(PrintResults(OutputFormat::kCsv),
            "rank,path,id,title,date,source,lang,score,snippet,copies,format_version\r\n"
            "1,/news/caf\\xE9.txt,/news/caf\\xE9.txt#2,'=Talks in Istanbul,2025-06-02,,en,"
            "0.1235,Zelensky met Erdogan,0,1\r\n");
  EXPECT_EQ(PrintResults(OutputFormat::kTsv).substr(0, 5), "rank\t");
  EXPECT_NE(PrintResults(OutputFormat::kTsv).find("/news/caf\\\\xE9.txt"), std::string::npos);
}

TEST(Printer, MentionsInEveryFormat) {
  concord::MentionSummary s;
  s.entities = {"zelenskyy"};
  s.mentions = 1;
  s.documents = 1;
  s.documents_in_scope = 3;
  for (OutputFormat f : {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJsonl,
                         OutputFormat::kCsv, OutputFormat::kTsv}) {
    std::ostringstream out;
    auto p = MakePrinter(f, out, false);
    p->BeginMentions(s);
    p->Mention(SampleMention());
    p->EndMentions(s);
    const std::string text = out.str();
    EXPECT_NE(text.find("Зеленський"), std::string::npos) << text;
    if (f == OutputFormat::kText) {
      EXPECT_NE(text.find("President [Зеленський] said"), std::string::npos) << text;
      EXPECT_NE(text.find("1 mention in 1 of 3 documents"), std::string::npos) << text;
    } else if (f == OutputFormat::kJson) {
      const nlohmann::json doc = nlohmann::json::parse(text);
      EXPECT_EQ(doc["total_mentions"], 1);
      EXPECT_EQ(doc["mentions"][0]["byte_end"], 30);
    } else if (f == OutputFormat::kCsv) {
      EXPECT_EQ(text.substr(0, text.find('\r')),
                "doc,path,title,date,source,lang,entity,label,surface,start,end,byte_start,"
                "byte_end,rung,evidence,left,right,confidence,format_version");
    }
  }
}

// A listing's JSON Lines records are written directly, not through a json
// object: the same bytes as the one document's records, dumped on one line,
// whatever the strings hold (quotes, backslashes, controls, invalid UTF-8,
// other scripts), with partial when shards were skipped.
TEST(Printer, JsonlMentionLinesAreTheJsonRecordsOnOneLine) {
  concord::Mention m = SampleMention();
  m.article.id = "a\"b\\c\x01\x7f\xff";
  m.article.path = "/news/caf\xE9 \\ \"x\".txt";
  m.article.title = "Tab\there\nnew line\r \b\f \x1f end / \u00e9\u0416\U0001F600";
  m.article.source = "\xC3(broken";
  m.evidence = "alias 'Zelensky' + ending '-\xd0'";
  m.left = "\"quoted\"";
  m.confidence = "medium";
  for (bool partial : {false, true}) {
    concord::MentionSummary s;
    s.partial = partial;
    std::ostringstream lines, doc;
    auto jsonl = MakePrinter(OutputFormat::kJsonl, lines, false);
    auto json = MakePrinter(OutputFormat::kJson, doc, false);
    for (auto* p : {jsonl.get(), json.get()}) {
      p->BeginMentions(s);
      p->Mention(m);
      p->Mention(SampleMention());
      p->EndMentions(s);
    }
    nlohmann::json records = nlohmann::json::parse(doc.str())["mentions"];
    std::string expected;
    for (nlohmann::json& r : records) {
      r["format_version"] = 1;
      if (partial) r["partial"] = true;
      expected += r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    EXPECT_EQ(lines.str(), expected);
  }
}

TEST(Printer, CountsInEveryFormat) {
  concord::CountTable t;
  t.figures = {"Zelensky"};
  t.summaries.resize(1);
  t.summaries[0].mentions = 5;
  t.summaries[0].documents = 2;
  t.summaries[0].documents_in_scope = 4;
  t.rows = {{"2025-06", 3, {{5, 2}}}, {"2025-07", 0, {{0, 0}}}};
  std::ostringstream text, json, csv;
  MakePrinter(OutputFormat::kText, text, false)->Counts("month", t);
  MakePrinter(OutputFormat::kJson, json, false)->Counts("month", t);
  MakePrinter(OutputFormat::kCsv, csv, false)->Counts("month", t);
  EXPECT_NE(text.str().find("2025-06                                5          2         3  "
                            "0.6667   1666.67"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("5 mentions in 2 of 4 documents"), std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(json.str());
  EXPECT_EQ(doc["rows"][0]["share"], 0.6667);
  EXPECT_EQ(doc["rows"][0]["per_1000"], 1666.67);
  EXPECT_TRUE(doc["rows"][1]["share"].is_null());  // 0 of 0 is no share
  EXPECT_TRUE(doc["rows"][1]["per_1000"].is_null());
  EXPECT_EQ(csv.str(),
            "month,mentions,documents,documents_in_scope,share,per_1000,format_version\r\n"
            "2025-06,5,2,3,0.6667,1666.67,1\r\n2025-07,0,0,0,,,1\r\n");
}

TEST(Printer, SeveralFiguresSideBySideInEveryFormat) {
  concord::CountTable t;
  t.figures = {"Zelensky", "Путин"};
  t.summaries.resize(2);
  t.summaries[0].mentions = 7;
  t.summaries[1].mentions = 2;
  t.summaries[0].documents_in_scope = t.summaries[1].documents_in_scope = 40;
  t.rows = {{"2025-05-12", 20, {{7, 4}, {2, 1}}}, {"2025-05-19", 0, {{0, 0}, {0, 0}}}};
  std::ostringstream text, json, jsonl, csv;
  MakePrinter(OutputFormat::kText, text, false)->Counts("week", t);
  MakePrinter(OutputFormat::kJson, json, false)->Counts("week", t);
  MakePrinter(OutputFormat::kJsonl, jsonl, false)->Counts("week", t);
  MakePrinter(OutputFormat::kCsv, csv, false)->Counts("week", t);
  EXPECT_NE(text.str().find("Zelensky  per 1000"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("Путин: 2 mentions"), std::string::npos) << text.str();
  const nlohmann::json doc = nlohmann::json::parse(json.str());
  ASSERT_EQ(doc["figures"].size(), 2u);
  EXPECT_EQ(doc["figures"][1]["name"], "Путин");
  EXPECT_EQ(doc["figures"][0]["total_mentions"], 7);
  EXPECT_EQ(doc["rows"][0]["week"], "2025-05-12");
  EXPECT_EQ(doc["rows"][0]["documents_in_scope"], 20);
  EXPECT_EQ(doc["rows"][0]["counts"][0]["per_1000"], 350.0);
  EXPECT_EQ(doc["rows"][0]["counts"][1]["figure"], "Путин");
  EXPECT_EQ(doc["rows"][0]["counts"][1]["share"], 0.05);
  EXPECT_TRUE(doc["rows"][1]["counts"][1]["per_1000"].is_null());
  // JSON Lines: a bucket a line, the same objects.
  std::istringstream lines(jsonl.str());
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["counts"], doc["rows"][0]["counts"]);
  EXPECT_EQ(csv.str(),
            "week,documents_in_scope,Zelensky:mentions,Zelensky:documents,Zelensky:share,"
            "Zelensky:per_1000,Путин:mentions,Путин:documents,Путин:share,Путин:per_1000,"
            "format_version\r\n"
            "2025-05-12,20,7,4,0.2000,350.00,2,1,0.0500,100.00,1\r\n"
            "2025-05-19,0,0,0,,,0,0,,,1\r\n");
}

TEST(Printer, ExplainJoinsJsonAndLeadsJsonl) {
  const std::string explain = R"({"query":"x","parsed":"x"})";
  concord::SearchResult r;
  std::ostringstream json, jsonl, text;
  for (auto* out : {&json, &jsonl, &text}) {
    auto p = MakePrinter(out == &json    ? OutputFormat::kJson
                         : out == &jsonl ? OutputFormat::kJsonl
                                         : OutputFormat::kText,
                         *out, false);
    p->Explain(explain);
    p->BeginResults("x", r);
    p->EndResults(r);
  }
  EXPECT_EQ(nlohmann::json::parse(json.str())["explain"]["parsed"], "x");
  EXPECT_EQ(jsonl.str(), "{\"explain\":{\"parsed\":\"x\",\"query\":\"x\"},\"format_version\":1}\n");
  EXPECT_EQ(text.str().find("parsed"), std::string::npos);
}

}  // namespace
}  // namespace concord::cli
