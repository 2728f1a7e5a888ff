// The public API as an archive tool sees it, including misuse.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <concord/concord.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store/schema.h"

namespace {

namespace fs = std::filesystem;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("concord_api_" + std::to_string(rng()));
    fs::create_directories(dir_);
    db_ = (dir_ / "db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<concord::Index> OpenIndex() {
    std::unique_ptr<concord::Index> index;
    const concord::Status s = concord::Index::Open(db_, concord::IndexOptions(), &index);
    EXPECT_TRUE(s.ok()) << s.message();
    return index;
  }

  void AddSamples() {
    auto index = OpenIndex();
    ASSERT_TRUE(index);
    concord::Article a{
        "a",    "", "Talks", "2025-06-02",
        "Wire", "", "",      "Zelensky met Erdogan in Istanbul. Olena Zelenska stayed in Kyiv."};
    concord::Article b{"b", "", "", "2025-06-03", "", "", "uk", "Зеленський прибув до Стамбула."};
    concord::Article c{"c", "", "Weather", "", "", "", "", "Sunny and warm all week."};
    for (const auto& x : {a, b, c}) ASSERT_TRUE(index->Add(x).ok());
    ASSERT_TRUE(index->Commit().ok());
  }

  std::unique_ptr<concord::Searcher> OpenSearcher() {
    std::unique_ptr<concord::Searcher> searcher;
    const concord::Status s = concord::Searcher::Open({db_}, nullptr, &searcher);
    EXPECT_TRUE(s.ok()) << s.message();
    return searcher;
  }

  // A searcher with the [weather] dictionary finds "Sunny" once, as it.
  static void ExpectSunnyIsTheWeather(concord::Searcher& searcher) {
    concord::MentionRequest m;
    m.name = "Sunny";
    std::vector<concord::Mention> mentions;
    ASSERT_TRUE(searcher.Mentions(m, &mentions, nullptr).ok());
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].entity, "weather");
  }

  fs::path dir_;
  std::string db_;
};

// The header, the library and the CMake project must name one version
// (bumping one of them alone fails here).
TEST_F(ApiTest, VersionIsTheProjectVersionEverywhere) {
  std::ifstream cmake(std::string(CONCORD_SOURCE_DIR) + "/CMakeLists.txt");
  ASSERT_TRUE(cmake);
  const std::string text((std::istreambuf_iterator<char>(cmake)), {});
  const std::string key = "project(concord VERSION ";
  const std::size_t at = text.find(key);
  ASSERT_NE(at, std::string::npos);
  const std::string project =
      text.substr(at + key.size(), text.find(' ', at + key.size()) - at - key.size());
  EXPECT_EQ(concord::Version(), project);
  EXPECT_EQ(CONCORD_VERSION_STRING, project);
  EXPECT_EQ(std::to_string(CONCORD_VERSION_MAJOR) + "." + std::to_string(CONCORD_VERSION_MINOR) +
                "." + std::to_string(CONCORD_VERSION_PATCH),
            project);
}

TEST_F(ApiTest, AddSearchAndListMentionsFromMemory) {
  AddSamples();
  auto searcher = OpenSearcher();
  concord::SearchRequest req;
  req.query = "Selenskyj";
  concord::SearchResult result;
  ASSERT_TRUE(searcher->Search(req, &result).ok());
  EXPECT_EQ(result.total, 2u);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_FALSE(result.hits[0].highlights.empty());
  EXPECT_TRUE(result.hits[0].article.text.empty());

  concord::MentionRequest m;
  m.name = "Zelensky";
  std::vector<concord::Mention> mentions;
  concord::MentionSummary summary;
  ASSERT_TRUE(searcher->Mentions(m, &mentions, &summary).ok());
  ASSERT_EQ(mentions.size(), 2u);  // Olena Zelenska is someone else
  EXPECT_EQ(summary.documents, 2u);
  for (const auto& x : mentions) EXPECT_EQ(x.entity, "zelenskyy");

  std::vector<concord::CountRow> rows;
  ASSERT_TRUE(searcher->Count(m, concord::CountBy::kDate, &rows, nullptr).ok());
  std::size_t total = 0;
  std::vector<std::string> keys;
  for (const auto& r : rows) {
    total += r.mentions;
    keys.push_back(r.key);
  }
  EXPECT_EQ(total, 2u);
  // The undated document is in scope, in the "" bucket.
  EXPECT_EQ(keys, (std::vector<std::string>{"", "2025-06-02", "2025-06-03"}));

  std::string explain;
  ASSERT_TRUE(searcher->Explain("Зеленського", true, &explain).ok());
  EXPECT_NE(explain.find("zelenskyy"), std::string::npos) << explain;
}

// Several figures side by side: each figure's column is exactly its count
// alone, every bucket has every figure, and the filter's dates zero-fill.
TEST_F(ApiTest, SeveralFiguresCountAsEachAloneOverTheSameBuckets) {
  {
    auto index = OpenIndex();
    ASSERT_TRUE(index);
    const std::vector<concord::Article> docs = {
        {"w1", "", "", "2025-05-13", "Wire", "", "en", "Putin spoke. Zelensky answered Putin."},
        {"w2", "", "", "2025-05-18", "Paper", "", "fr", "Poutine et Zelensky à Istanbul."},
        {"w3", "", "", "2025-05-27", "Wire", "", "uk", "Зеленський прибув до Стамбула."},
        {"w4", "", "", "2025-06-10", "Paper", "", "en", "Rain in Istanbul all week."},
        {"w5", "", "", "", "Wire", "", "en", "Zelensky, undated."}};
    for (const auto& d : docs) ASSERT_TRUE(index->Add(d).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  auto searcher = OpenSearcher();
  for (const std::string filter : {"", "lang:en OR lang:fr OR lang:uk"}) {
    for (concord::CountBy by : {concord::CountBy::kWeek, concord::CountBy::kMonth,
                                concord::CountBy::kSource, concord::CountBy::kVariant}) {
      std::vector<concord::MentionRequest> figures(2);
      figures[0].name = "Zelensky";
      figures[1].name = "Путин";
      for (auto& f : figures) f.filter = filter;
      concord::CountTable table;
      ASSERT_TRUE(searcher->Count(figures, by, &table).ok());
      ASSERT_EQ(table.figures, (std::vector<std::string>{"Zelensky", "Путин"}));
      for (std::size_t i = 0; i < figures.size(); ++i) {
        std::vector<concord::CountRow> alone;
        concord::MentionSummary summary;
        ASSERT_TRUE(searcher->Count(figures[i], by, &alone, &summary).ok());
        EXPECT_EQ(table.summaries[i].mentions, summary.mentions);
        std::map<std::string, concord::CountRow> by_key;
        for (const auto& r : alone) by_key[r.key] = r;
        for (const auto& row : table.rows) {
          ASSERT_EQ(row.figures.size(), 2u);
          const auto it = by_key.find(row.key);
          if (it == by_key.end()) {  // another figure's bucket: zero here
            EXPECT_EQ(row.figures[i].mentions, 0u) << row.key;
            continue;
          }
          EXPECT_EQ(row.figures[i].mentions, it->second.mentions) << row.key;
          EXPECT_EQ(row.figures[i].documents, it->second.documents) << row.key;
          EXPECT_EQ(row.documents_in_scope, it->second.documents_in_scope) << row.key;
          by_key.erase(it);
        }
        EXPECT_TRUE(by_key.empty()) << "a bucket of the figure alone is missing";
      }
    }
  }
  // Weeks are keyed by their Monday, zero-filled from the first dated
  // document's week to the last one's, or over the requested dates.
  std::vector<concord::MentionRequest> both(2);
  both[0].name = "Zelensky";
  both[1].name = "Putin";
  concord::CountTable weeks;
  ASSERT_TRUE(searcher->Count(both, concord::CountBy::kWeek, &weeks).ok());
  std::vector<std::string> keys;
  for (const auto& r : weeks.rows) keys.push_back(r.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"", "2025-05-12", "2025-05-19", "2025-05-26",
                                            "2025-06-02", "2025-06-09"}));
  EXPECT_EQ(weeks.rows[1].figures[0].mentions, 2u);  // w1 and w2: Monday 12 May
  EXPECT_EQ(weeks.rows[1].figures[1].mentions, 3u);  // Putin twice, Poutine once
  EXPECT_EQ(weeks.rows[1].documents_in_scope, 2u);
  EXPECT_EQ(weeks.rows[2].documents_in_scope, 0u);  // an empty week is still there
  // A filter without dates keeps the whole index's calendar, so that
  // counts under different filters line up.
  for (auto& f : both) f.filter = "lang:fr";
  ASSERT_TRUE(searcher->Count(both, concord::CountBy::kWeek, &weeks).ok());
  keys.clear();
  for (const auto& r : weeks.rows) keys.push_back(r.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"2025-05-12", "2025-05-19", "2025-05-26", "2025-06-02",
                                            "2025-06-09"}));
  EXPECT_EQ(weeks.rows[0].documents_in_scope, 1u);
  for (auto& f : both) f.filter = "date:2025-04-20..2025-05-20";
  ASSERT_TRUE(searcher->Count(both, concord::CountBy::kWeek, &weeks).ok());
  keys.clear();
  for (const auto& r : weeks.rows) keys.push_back(r.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"2025-04-14", "2025-04-21", "2025-04-28", "2025-05-05",
                                            "2025-05-12", "2025-05-19"}));
  // Figures counted side by side share one filter.
  both[1].filter = "lang:fr";
  const concord::Status differ = searcher->Count(both, concord::CountBy::kWeek, &weeks);
  EXPECT_EQ(differ.code(), concord::Code::kInvalidArgument);
  EXPECT_EQ(searcher->Count(std::vector<concord::MentionRequest>(), concord::CountBy::kWeek, &weeks)
                .code(),
            concord::Code::kInvalidArgument);
}

// A mention shown in place: Document gives the text and where it starts in
// its file, so a mention's offsets find its surface.
TEST_F(ApiTest, ADocumentHoldsItsMentionsAtTheirOffsets) {
  const fs::path file = dir_ / "two.txt";
  std::ofstream(file) << "Talks\n\nPutin met nobody.\n";
  AddSamples();
  {
    auto index = OpenIndex();
    concord::UpdateReport report;
    ASSERT_TRUE(index->AddPaths({file.string()}, concord::UpdateOptions(), &report).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  auto searcher = OpenSearcher();
  for (const std::string name : {"Zelensky", "Putin"}) {
    concord::MentionRequest m;
    m.name = name;
    std::vector<concord::Mention> mentions;
    ASSERT_TRUE(searcher->Mentions(m, &mentions, nullptr).ok());
    ASSERT_FALSE(mentions.empty());
    for (const concord::Mention& x : mentions) {
      concord::Article doc;
      std::size_t text_start = 0;
      ASSERT_TRUE(searcher->Document(x.article.id, &doc, &text_start).ok());
      EXPECT_EQ(doc.id, x.article.id);
      const std::u32string text = [&] {
        std::u32string out;
        for (std::size_t i = 0; i < doc.text.size();) {
          const unsigned char c = doc.text[i];
          const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
          char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
          for (int k = 1; k < n; ++k) cp = (cp << 6) | (doc.text[i + k] & 0x3F);
          out.push_back(cp);
          i += n;
        }
        return out;
      }();
      ASSERT_LE(x.end - text_start, text.size());
      std::string surface;
      for (char32_t cp : text.substr(x.start - text_start, x.end - x.start)) {
        if (cp < 0x80) {
          surface += static_cast<char>(cp);
        } else if (cp < 0x800) {
          surface += static_cast<char>(0xC0 | (cp >> 6));
          surface += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          surface += static_cast<char>(0xE0 | (cp >> 12));
          surface += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          surface += static_cast<char>(0x80 | (cp & 0x3F));
        }
      }
      EXPECT_EQ(surface, x.surface) << x.article.id;
    }
  }
  concord::Article none;
  EXPECT_EQ(searcher->Document("no-such-id", &none).code(), concord::Code::kNotFound);
}

// Every mention carries its confidence; min_confidence leaves out the ones
// below it, in listings and in counts alike, whether they come from the
// mentions stored at indexing or from the matcher run again.
TEST_F(ApiTest, MinConfidenceLeavesOutAmbiguousAndFuzzyMentions) {
  {
    auto index = OpenIndex();
    ASSERT_TRUE(index);
    concord::Article a{"a",
                       "",
                       "Visit",
                       "2025-06-02",
                       "",
                       "",
                       "en",
                       "President Erdoğan met Zelensky. Later Emine Erdoğan and Zelenskiyy "
                       "toured the exhibition with Erdoğan."};
    ASSERT_TRUE(index->Add(a).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  auto searcher = OpenSearcher();
  auto listed = [&](const std::string& name, const std::string& least) {
    concord::MentionRequest m;
    m.name = name;
    m.min_confidence = least;
    std::vector<concord::Mention> mentions;
    EXPECT_TRUE(searcher->Mentions(m, &mentions, nullptr).ok());
    std::vector<std::string> out;
    for (const auto& x : mentions) out.push_back(x.surface + ":" + x.confidence);
    std::vector<concord::CountRow> rows;
    EXPECT_TRUE(searcher->Count(m, concord::CountBy::kMonth, &rows, nullptr).ok());
    std::size_t counted = 0;
    for (const auto& r : rows) counted += r.mentions;
    EXPECT_EQ(counted, mentions.size()) << name << " " << least;
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(listed("Erdogan", "low"), (V{"Erdoğan:high", "Erdoğan:low", "Erdoğan:high"}));
  EXPECT_EQ(listed("Erdogan", "medium"), (V{"Erdoğan:high", "Erdoğan:high"}));
  EXPECT_EQ(listed("Zelensky", "low"), (V{"Zelensky:high", "Zelenskiyy:medium"}));
  EXPECT_EQ(listed("Zelensky", "high"), (V{"Zelensky:high"}));
  concord::MentionRequest bad;
  bad.name = "Erdogan";
  bad.min_confidence = "sure";
  std::vector<concord::Mention> none;
  EXPECT_EQ(searcher->Mentions(bad, &none, nullptr).code(), concord::Code::kInvalidArgument);
}

// Large result sets: by default Xapian may stop counting after 1,000
// matches and estimate; exact_total counts them all. The page is the same.
TEST_F(ApiTest, TotalsAreExactOnRequestAndPagesDoNotDependOnIt) {
  {
    auto index = OpenIndex();
    ASSERT_TRUE(index);
    for (int i = 0; i < 3000; ++i) {
      std::string text = "Report " + std::to_string(i) + ": harvest";
      // Varying term frequency and length give distinct scores.
      for (int k = 0; k < i % 7; ++k) text += " harvest";
      for (int k = 0; k < i % 11; ++k) text += " grain";
      if (i % 3 == 0) text += " weather";
      concord::Article a{"r" + std::to_string(i), "", "", "", "", "", "en", text};
      ASSERT_TRUE(index->Add(a).ok());
    }
    ASSERT_TRUE(index->Commit().ok());
  }
  auto searcher = OpenSearcher();
  ASSERT_TRUE(searcher);
  for (const char* query : {"harvest", "harvest OR weather", "harvest grain"}) {
    SCOPED_TRACE(query);
    concord::SearchRequest req;
    req.query = query;
    req.exact_total = true;
    concord::SearchResult exact, fast;
    ASSERT_TRUE(searcher->Search(req, &exact).ok());
    EXPECT_TRUE(exact.total_exact);
    req.exact_total = false;
    ASSERT_TRUE(searcher->Search(req, &fast).ok());
    if (fast.total_exact) {
      EXPECT_EQ(fast.total, exact.total);
    } else {
      EXPECT_GE(fast.total, 1000u);
    }
    ASSERT_EQ(fast.hits.size(), exact.hits.size());
    for (std::size_t k = 0; k < exact.hits.size(); ++k) {
      EXPECT_EQ(fast.hits[k].article.id, exact.hits[k].article.id) << "rank " << k + 1;
    }
  }
  concord::SearchRequest req;
  req.query = "harvest";
  req.exact_total = true;
  concord::SearchResult r;
  ASSERT_TRUE(searcher->Search(req, &r).ok());
  EXPECT_EQ(r.total, 3000u);
  // Under 1,000 matches the default is exact too.
  req.query = "harvest AND weather AND grain";
  req.exact_total = false;
  ASSERT_TRUE(searcher->Search(req, &r).ok());
  EXPECT_TRUE(r.total_exact);
  EXPECT_EQ(r.total, 909u);
}

// The sink decides: Status() goes on, kCancelled stops on purpose, another
// code (a failed write) stops and is what Mentions returns.
TEST_F(ApiTest, AMentionSinkCanStopOrFailTheListing) {
  AddSamples();
  auto searcher = OpenSearcher();
  ASSERT_TRUE(searcher);
  concord::MentionRequest m;
  m.name = "Zelensky";
  std::size_t calls = 0;
  concord::Status s = searcher->Mentions(
      m,
      [&](concord::Mention&&) {
        ++calls;
        return concord::Status(concord::Code::kCancelled, "enough");
      },
      nullptr);
  EXPECT_EQ(s.code(), concord::Code::kCancelled);
  EXPECT_EQ(calls, 1u);
  calls = 0;
  s = searcher->Mentions(
      m,
      [&](concord::Mention&&) {
        return ++calls < 2 ? concord::Status()
                           : concord::Status(concord::Code::kIo, "disk full while writing");
      },
      nullptr);
  EXPECT_EQ(s.code(), concord::Code::kIo);
  EXPECT_EQ(s.message(), "disk full while writing");
  EXPECT_EQ(calls, 2u);
}

// A listing cut at its limit says so: in the summary when there is one, as
// Code::kTruncated (with the records up to the limit) when there is none.
TEST_F(ApiTest, ATruncatedListingIsNeverSilent) {
  AddSamples();
  auto searcher = OpenSearcher();
  ASSERT_TRUE(searcher);
  concord::MentionRequest m;
  m.name = "Zelensky";
  EXPECT_EQ(m.limit, concord::kDefaultMentionLimit);
  m.limit = 1;
  std::vector<concord::Mention> found;
  concord::Status s = searcher->Mentions(m, &found, nullptr);
  EXPECT_EQ(s.code(), concord::Code::kTruncated);
  EXPECT_NE(s.message().find("limit of 1 records of 2 mentions"), std::string::npos) << s.message();
  EXPECT_EQ(found.size(), 1u);
  concord::MentionSummary summary;
  EXPECT_TRUE(searcher->Mentions(m, &found, &summary).ok());
  EXPECT_TRUE(summary.truncated);
  m.limit = 2;
  EXPECT_TRUE(searcher->Mentions(m, &found, nullptr).ok());
  EXPECT_EQ(found.size(), 2u);
}

// The streaming listing gives the collected listing's records in the same
// order, with the summary filled in before the first one.
TEST_F(ApiTest, StreamedMentionsEqualCollectedOnes) {
  AddSamples();
  auto searcher = OpenSearcher();
  ASSERT_TRUE(searcher);
  for (std::size_t limit : {std::size_t{100000}, std::size_t{1}}) {
    SCOPED_TRACE(limit);
    concord::MentionRequest m;
    m.name = "Zelensky";
    m.limit = limit;
    std::vector<concord::Mention> collected;
    concord::MentionSummary collected_summary;
    ASSERT_TRUE(searcher->Mentions(m, &collected, &collected_summary).ok());
    ASSERT_EQ(collected.size(), std::min<std::size_t>(limit, 2));

    std::vector<concord::Mention> streamed;
    concord::MentionSummary summary;
    std::vector<std::size_t> seen_totals;
    ASSERT_TRUE(searcher
                    ->Mentions(
                        m,
                        [&](concord::Mention&& x) {
                          seen_totals.push_back(summary.mentions);
                          EXPECT_EQ(summary.truncated, limit < 2);
                          streamed.push_back(std::move(x));
                          return concord::Status();
                        },
                        &summary)
                    .ok());
    EXPECT_EQ(seen_totals, std::vector<std::size_t>(collected.size(), 2u));
    EXPECT_EQ(summary.mentions, collected_summary.mentions);
    EXPECT_EQ(summary.truncated, collected_summary.truncated);
    ASSERT_EQ(streamed.size(), collected.size());
    for (std::size_t k = 0; k < streamed.size(); ++k) {
      EXPECT_EQ(streamed[k].article.id, collected[k].article.id);
      EXPECT_EQ(streamed[k].article.title, collected[k].article.title);
      EXPECT_EQ(streamed[k].surface, collected[k].surface);
      EXPECT_EQ(streamed[k].byte_start, collected[k].byte_start);
      EXPECT_EQ(streamed[k].left, collected[k].left);
      EXPECT_EQ(streamed[k].right, collected[k].right);
      EXPECT_TRUE(streamed[k].article.text.empty());
    }
  }
}

TEST_F(ApiTest, RemoveAndStatistics) {
  AddSamples();
  auto index = OpenIndex();
  concord::IndexStatistics stats;
  ASSERT_TRUE(index->Statistics(&stats).ok());
  EXPECT_EQ(stats.documents, 3u);
  EXPECT_EQ(stats.format, CONCORD_INDEX_FORMAT);
  EXPECT_FALSE(stats.entities_hash.empty());
  ASSERT_TRUE(index->Remove("c").ok());
  EXPECT_EQ(index->Remove("c").code(), concord::Code::kNotFound);
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(index->Statistics(&stats).ok());
  EXPECT_EQ(stats.documents, 2u);
  // Adding an id again replaces it.
  ASSERT_TRUE(index->Add({"a", "", "", "", "", "", "", "Only Putin now."}).ok());
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(index->Statistics(&stats).ok());
  EXPECT_EQ(stats.documents, 2u);
}

TEST_F(ApiTest, AddPathsIsIncrementalAndReportsWarnings) {
  fs::create_directories(dir_ / "in");
  std::ofstream(dir_ / "in" / "a.txt") << "Umerov spoke in Istanbul.\n";
  std::ofstream(dir_ / "in" / "empty.txt") << "";
  auto index = OpenIndex();
  std::vector<std::string> seen;
  concord::UpdateOptions options;
  options.on_warning = [&](const std::string& w) { seen.push_back(w); };
  concord::UpdateReport report;
  ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, options, &report).ok());
  EXPECT_EQ(report.files_added, 1u);
  EXPECT_EQ(report.files_skipped, 1u);  // the empty file
  EXPECT_EQ(report.documents_added, 1u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(seen, report.warnings);
  ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, options, &report).ok());
  EXPECT_EQ(report.files_unchanged, 2u);
  EXPECT_EQ(report.documents_added, 0u);
  // Cancellation from the progress callback.
  options.progress = [](std::size_t, std::size_t, std::uint64_t, std::uint64_t) { return false; };
  std::ofstream(dir_ / "in" / "b.txt") << "Peskov.\n";
  ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, options, &report).ok());
  EXPECT_TRUE(report.interrupted);
}

TEST_F(ApiTest, FilesAnalysedByAnOlderConcordAreReadAgain) {
  fs::create_directories(dir_ / "in");
  std::ofstream(dir_ / "in" / "a.txt") << "Fans cheered 👍 in Istanbul.\n";
  std::ofstream(dir_ / "in" / "b.txt") << "Talks resumed in Istanbul.\n";
  concord::UpdateReport report;
  {
    auto index = OpenIndex();
    ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, {}, &report).ok());
    EXPECT_EQ(report.files_added, 2u);
  }
  {
    // a.txt's record as an analysis-1 concord wrote it: no version field.
    Xapian::WritableDatabase db(db_, Xapian::DB_OPEN);
    const std::string prefix = concord::schema::kMetaFilePrefix;
    int downgraded = 0;
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
      std::string value = db.get_metadata(*it);
      if (value.find("a.txt") == std::string::npos) continue;
      const std::size_t tab = value.find('\t');
      const std::size_t last_space = value.rfind(' ', tab);
      ASSERT_NE(last_space, std::string::npos);
      value.erase(last_space, tab - last_space);
      db.set_metadata(*it, value);
      ++downgraded;
    }
    ASSERT_EQ(downgraded, 1);
    db.commit();
  }
  auto index = OpenIndex();
  ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, {}, &report).ok());
  EXPECT_EQ(report.files_updated, 1u);  // a.txt, read again although unchanged
  EXPECT_EQ(report.files_unchanged, 1u);
  EXPECT_EQ(report.documents_added, 0u);
  ASSERT_TRUE(index->AddPaths({(dir_ / "in").string()}, {}, &report).ok());
  EXPECT_EQ(report.files_unchanged, 2u);  // recorded with the current analysis now
}

TEST_F(ApiTest, ErrorCodesDoNotDependOnWordsInPaths) {
  // Folder names that hold the words an error message might hold.
  for (const char* folder : {"locked", "Version-2", "DatabaseCorrupt", "plain"}) {
    const fs::path dir = dir_ / folder;
    fs::create_directories(dir);
    std::ofstream(dir / "db") << "";
    std::unique_ptr<concord::Index> index;
    const concord::Status s =
        concord::Index::Open((dir / "db").string(), concord::IndexOptions(), &index);
    EXPECT_EQ(s.code(), concord::Code::kInvalidArgument) << folder << ": " << s.ToString();
    EXPECT_NE(s.message().find("is a file, not a database directory"), std::string::npos)
        << s.message();
    // A stub naming a shard nobody serves: an I/O failure, wherever it sits.
    std::ofstream(dir / "stub") << "remote 127.0.0.1:1\n";
    std::unique_ptr<concord::Searcher> searcher;
    const concord::Status r =
        concord::Searcher::Open({(dir / "stub").string()}, nullptr, &searcher);
    EXPECT_EQ(r.code(), concord::Code::kIo) << folder << ": " << r.ToString();
  }
  // A second writer: kLocked, whatever the folder is called.
  auto first = OpenIndex();
  std::unique_ptr<concord::Index> second;
  EXPECT_EQ(concord::Index::Open(db_, concord::IndexOptions(), &second).code(),
            concord::Code::kLocked);
}

TEST_F(ApiTest, BadQueryIsAStatusWithAColumn) {
  AddSamples();
  auto searcher = OpenSearcher();
  concord::SearchRequest req;
  req.query = "(Zelensky AND";
  concord::SearchResult result;
  const concord::Status s = searcher->Search(req, &result);
  EXPECT_EQ(s.code(), concord::Code::kQuerySyntax);
  EXPECT_EQ(s.column(), 14u);
  EXPECT_FALSE(s.message().empty());
}

TEST_F(ApiTest, MissingDatabaseAndBadArguments) {
  std::unique_ptr<concord::Searcher> searcher;
  concord::Status s = concord::Searcher::Open({(dir_ / "nope").string()}, nullptr, &searcher);
  EXPECT_EQ(s.code(), concord::Code::kNotFound) << s.message();
  EXPECT_NE(s.message().find("nope"), std::string::npos);
  EXPECT_FALSE(searcher);
  std::unique_ptr<concord::Index> index;
  concord::IndexOptions options;
  options.create_if_missing = false;
  EXPECT_EQ(concord::Index::Open((dir_ / "nope").string(), options, &index).code(),
            concord::Code::kNotFound);
  EXPECT_EQ(concord::Index::Open("", concord::IndexOptions(), &index).code(),
            concord::Code::kInvalidArgument);
  index = OpenIndex();
  EXPECT_EQ(index->Add(concord::Article()).code(), concord::Code::kInvalidArgument);
  concord::UpdateOptions bad;
  bad.jsonl_fields = {{"body", "text"}};
  concord::UpdateReport report;
  EXPECT_EQ(index->AddPaths({dir_.string()}, bad, &report).code(), concord::Code::kInvalidArgument);
}

TEST_F(ApiTest, ANewDatabaseMayBeAskedForInFoldersThatDoNotExistYet) {
  std::unique_ptr<concord::Index> index;
  const std::string nested = (dir_ / "archive" / "2025" / "db").string();
  concord::Status s = concord::Index::Open(nested, concord::IndexOptions(), &index);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(index->Add({"a", "", "", "", "", "", "en", "Talks in Istanbul."}).ok());
  ASSERT_TRUE(index->Commit().ok());
  index.reset();
  std::unique_ptr<concord::Searcher> searcher;
  ASSERT_TRUE(concord::Searcher::Open({nested}, nullptr, &searcher).ok());

  // Only when creating is allowed; and a folder that cannot be made is named.
  concord::IndexOptions open_only;
  open_only.create_if_missing = false;
  EXPECT_EQ(concord::Index::Open((dir_ / "other" / "db").string(), open_only, &index).code(),
            concord::Code::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ / "other"));
  std::ofstream(dir_ / "a-file") << "x";
  s = concord::Index::Open((dir_ / "a-file" / "sub" / "db").string(), concord::IndexOptions(),
                           &index);
  EXPECT_EQ(s.code(), concord::Code::kIo) << s.ToString();
  EXPECT_NE(s.message().find("a-file/sub"), std::string::npos) << s.ToString();
}

TEST_F(ApiTest, SecondWriterGetsALockError) {
  // Another process, as a second archive tool would be. It is forked before
  // this one opens the index: a fork after the writer's threads started could
  // copy a lock one of them held (the allocator's, under AddressSanitizer) and
  // hang the child. It waits on a pipe until the first writer holds the lock.
  int opened[2];
  ASSERT_EQ(pipe(opened), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(opened[1]);
    char byte = 0;
    ssize_t got;
    do {
      got = read(opened[0], &byte, 1);
    } while (got < 0 && errno == EINTR);
    if (got != 1) _exit(2);
    std::unique_ptr<concord::Index> other;
    const concord::Status s = concord::Index::Open(db_, concord::IndexOptions(), &other);
    _exit(s.code() == concord::Code::kLocked && s.message().find(db_) != std::string::npos ? 0 : 1);
  }
  close(opened[0]);
  auto index = OpenIndex();
  const char byte = 1;
  EXPECT_EQ(write(opened[1], &byte, 1), 1);
  close(opened[1]);  // the child reads end-of-file (exit 2) if the open failed
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(index);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
}

TEST_F(ApiTest, ConcurrentReadersWhileWriting) {
  AddSamples();
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      auto searcher = OpenSearcher();  // one per thread
      if (!searcher) {
        ++failures;
        return;
      }
      concord::SearchRequest req;
      req.query = "Istanbul";
      while (!done || searches < 20) {
        concord::SearchResult r;
        const concord::Status s = searcher->Search(req, &r);
        if (!s.ok() || r.total == 0) {
          ++failures;
          ADD_FAILURE() << (s.ok() ? "no result" : s.message());
        }
        ++searches;
      }
    });
  }
  {
    auto index = OpenIndex();
    for (int i = 0; i < 30; ++i) {
      ASSERT_TRUE(index
                      ->Add({"n" + std::to_string(i), "", "", "", "", "", "",
                             "More talks in Istanbul, round " + std::to_string(i)})
                      .ok());
      ASSERT_TRUE(index->Commit().ok());
    }
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
}

TEST_F(ApiTest, UserDictionariesAndTheirHash) {
  concord::EntityDictionary dict;
  ASSERT_TRUE(dict.LoadBuiltin().ok());
  const std::string builtin_hash = dict.ContentHash();
  std::vector<std::string> warnings;
  ASSERT_TRUE(
      dict.LoadString("[weather]\ntype: topic\nalias: Sunny\ncolour: x\n", "mine", &warnings).ok());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("mine:4:", 0), 0u) << warnings[0];
  EXPECT_NE(dict.ContentHash(), builtin_hash);
  EXPECT_EQ(dict.LoadFile((dir_ / "none.entities").string()).code(), concord::Code::kNotFound);

  AddSamples();  // tagged with the built-in dictionaries
  std::unique_ptr<concord::Searcher> searcher;
  ASSERT_TRUE(concord::Searcher::Open({db_}, &dict, &searcher).ok());
  EXPECT_TRUE(searcher->DictionariesDiffer());
  concord::IndexOptions options;
  options.entities = &dict;
  std::unique_ptr<concord::Index> index;
  ASSERT_TRUE(concord::Index::Open(db_, options, &index).ok());
  std::size_t n = 0;
  ASSERT_TRUE(index->Retag(&n).ok());
  EXPECT_EQ(n, 3u);
  index.reset();
  ASSERT_TRUE(concord::Searcher::Open({db_}, &dict, &searcher).ok());
  EXPECT_FALSE(searcher->DictionariesDiffer());
  ExpectSunnyIsTheWeather(*searcher);
}

// The writer saves its compiled matcher beside the database; searches map it
// instead of compiling the dictionaries (docs/architecture.md, "Matcher
// cache"), and find exactly what a compiled matcher finds.
TEST_F(ApiTest, TheWriterSavesItsMatcherAndSearchesFindTheSameWithIt) {
  AddSamples();
  const fs::path saved = fs::path(db_) / "concord.matcher";
  ASSERT_TRUE(fs::exists(saved));
  const auto listing = [&] {
    auto searcher = OpenSearcher();
    EXPECT_TRUE(searcher->Warnings().empty());
    concord::MentionRequest m;
    m.name = "Zelensky";
    std::vector<concord::Mention> mentions;
    EXPECT_TRUE(searcher->Mentions(m, &mentions, nullptr).ok());
    concord::SearchRequest req;
    req.query = "Selenskyj";
    concord::SearchResult result;
    EXPECT_TRUE(searcher->Search(req, &result).ok());
    std::string explain;  // the query's names, resolved by the matcher under test
    EXPECT_TRUE(searcher->Explain("Selenskyj Зеленського Kiev", true, &explain).ok());
    std::string out = std::to_string(result.total) + ":" + explain + ":";
    for (const auto& x : mentions) {
      out += x.entity + "@" + std::to_string(x.byte_start) + "/" + x.evidence + ";";
    }
    return out;
  };
  const std::string with_saved = listing();
  EXPECT_NE(with_saved.find("zelenskyy@"), std::string::npos) << with_saved;
  fs::remove(saved);
  EXPECT_EQ(listing(), with_saved);  // compiled
}

// A search finds the writer's saved matcher by the built-in files' bytes,
// without parsing them; a file changed since is other dictionaries: its
// names are found (compiled afresh), and listings match the text.
TEST_F(ApiTest, BuiltinFilesChangedSinceIndexingAreNotTakenForTheSavedMatcher) {
  const fs::path entities = dir_ / "entities";
  fs::create_directories(entities);
  std::ofstream(entities / "a.entities") << "[zelensky]\ntype: person\nalias: Zelensky\n";
  const char* before = std::getenv("CONCORD_ENTITIES_DIR");
  const std::string saved_env = before ? before : "";
  setenv("CONCORD_ENTITIES_DIR", entities.c_str(), 1);
  {
    auto index = OpenIndex();
    ASSERT_TRUE(index);
    ASSERT_TRUE(index->Add({"a", "", "", "", "", "", "en", "Zelensky met Sunny Day."}).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  const auto mentions = [&](const std::string& name) {
    std::unique_ptr<concord::Searcher> searcher;
    concord::EntityDictionary builtin;
    EXPECT_TRUE(builtin.LoadBuiltin().ok());
    EXPECT_TRUE(concord::Searcher::Open({db_}, &builtin, &searcher).ok());
    concord::MentionRequest m;
    m.name = name;
    std::vector<concord::Mention> found;
    const concord::Status s = searcher->Mentions(m, &found, nullptr);
    std::string out = s.ok() ? "" : s.message();
    for (const auto& x : found) out += x.entity + "@" + std::to_string(x.byte_start) + ";";
    return out;
  };
  EXPECT_EQ(mentions("Zelensky"), "zelensky@0;");
  std::ofstream(entities / "a.entities", std::ios::app) << "[sunny]\ntype: person\nalias: Sunny\n";
  EXPECT_EQ(mentions("Sunny"), "sunny@13;");
  EXPECT_EQ(mentions("Zelensky"), "zelensky@0;");
  if (before) {
    setenv("CONCORD_ENTITIES_DIR", saved_env.c_str(), 1);
  } else {
    unsetenv("CONCORD_ENTITIES_DIR");
  }
}

// Snippets of Chinese and Japanese text mark a name whole, whether the query
// names it in Latin letters (its stored mentions, the text cut into
// characters) or in its own characters (cut into words as indexed), and are
// about as long either way.
TEST_F(ApiTest, SnippetsMarkChineseAndJapaneseNamesWhole) {
  {
    auto index = OpenIndex();
    std::string zh, ja;
    for (int i = 0; i < 6; ++i) zh += "俄罗斯和乌克兰代表团在伊斯坦布尔举行了会谈。";
    zh += "泽连斯基表示，谈判将继续。";
    for (int i = 0; i < 6; ++i) ja += "ロシアとウクライナの代表団がイスタンブールで協議した。";
    ja += "ゼレンスキー大統領は交渉を続けると述べた。";
    ASSERT_TRUE(index->Add({"zh", "", "", "", "", "", "zh", zh}).ok());
    ASSERT_TRUE(index->Add({"ja", "", "", "", "", "", "ja", ja}).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  auto searcher = OpenSearcher();
  const auto marked = [&](const std::string& query, const std::string& id) {
    concord::SearchRequest req;
    req.query = query;
    concord::SearchResult result;
    EXPECT_TRUE(searcher->Search(req, &result).ok()) << query;
    for (const concord::Hit& hit : result.hits) {
      if (hit.article.id != id) continue;
      std::u32string snippet;
      for (std::size_t i = 0; i < hit.snippet.size();) {
        const auto lead = static_cast<unsigned char>(hit.snippet[i]);
        const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        snippet += static_cast<char32_t>(i);  // one entry per code point: its byte offset
        i += n;
      }
      std::vector<std::string> out;
      for (const auto& [from, to] : hit.highlights) {
        const std::size_t b = snippet[from],
                          e = to < snippet.size() ? snippet[to] : hit.snippet.size();
        out.push_back(hit.snippet.substr(b, e - b));
      }
      EXPECT_GE(snippet.size(), 20u) << hit.snippet;
      EXPECT_LE(snippet.size(), 90u) << hit.snippet;
      return out;
    }
    ADD_FAILURE() << query << " did not find " << id;
    return std::vector<std::string>();
  };
  EXPECT_EQ(marked("Zelensky", "zh"), std::vector<std::string>{"泽连斯基"});
  EXPECT_EQ(marked("泽连斯基", "zh"), std::vector<std::string>{"泽连斯基"});
  EXPECT_EQ(marked("Zelensky", "ja"), std::vector<std::string>{"ゼレンスキー"});
  const std::vector<std::string> istanbul = marked("Istanbul", "ja");
  EXPECT_FALSE(istanbul.empty());
  for (const std::string& m : istanbul) EXPECT_EQ(m, "イスタンブール");
}

// A writer that loads the saved matcher decodes its entities and aliases as
// its builder threads first read them, all at once: the mentions are those
// a matcher compiled afresh finds.
TEST_F(ApiTest, BuildersSharingALoadedMatcherTagAsACompiledOne) {
  const fs::path in = dir_ / "in";
  fs::create_directories(in);
  const char* kTexts[] = {
      "Zelensky met Erdogan in Istanbul; Zelenskyy and Putin's envoy spoke.",
      "Зеленський прибув до Стамбула. Путіна там не було.",
      "Spotkanie Zełenskiego z Erdoğanem w Stambule, Kijów czeka.",
      "Selenskyj traf Erdoğan in Istanbul; Moskauer Beamte schwiegen.",
      "التقى زيلينسكي وأردوغان في إسطنبول.",
      "Umerov and Medinsky led the delegations; Oumerov spoke in Kyiv.",
  };
  const auto listing = [&](const std::string& db) {
    std::unique_ptr<concord::Searcher> searcher;
    EXPECT_TRUE(concord::Searcher::Open({db}, nullptr, &searcher).ok());
    std::set<std::string> out;
    for (const char* name : {"Zelensky", "Erdogan", "Istanbul", "Putin", "Umerov", "Moscow"}) {
      concord::MentionRequest m;
      m.name = name;
      std::vector<concord::Mention> mentions;
      EXPECT_TRUE(searcher->Mentions(m, &mentions, nullptr).ok()) << name;
      for (const concord::Mention& x : mentions) {
        out.insert(x.article.path + "@" + std::to_string(x.byte_start) + ":" + x.entity + "/" +
                   x.rung + "/" + x.evidence);
      }
    }
    return out;
  };
  const auto index_all = [&](const std::string& db, bool saved_matcher) {
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    std::ofstream(in / "first.txt") << "Zelensky spoke.\n";
    concord::UpdateReport report;
    ASSERT_TRUE(index->AddPaths({(in / "first.txt").string()}, {}, &report).ok());
    ASSERT_TRUE(index->Commit().ok());
    index.reset();
    if (!saved_matcher) fs::remove(fs::path(db) / "concord.matcher");
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    for (int i = 0; i < 24; ++i) {
      std::ofstream(in / ("t" + std::to_string(i) + ".txt")) << kTexts[i % 6] << "\n";
    }
    concord::UpdateOptions options;
    options.threads = 4;
    ASSERT_TRUE(index->AddPaths({in.string()}, options, &report).ok());
    ASSERT_TRUE(index->Commit().ok());
  };
  const std::string loaded_db = (dir_ / "loaded.db").string();
  const std::string compiled_db = (dir_ / "compiled.db").string();
  index_all(loaded_db, true);
  index_all(compiled_db, false);
  const std::set<std::string> loaded = listing(loaded_db);
  EXPECT_GT(loaded.size(), 60u);
  EXPECT_EQ(loaded, listing(compiled_db));
}

TEST_F(ApiTest, ACorruptSavedMatcherIsIgnoredWithAWarningAndTheWriterReplacesIt) {
  AddSamples();
  const fs::path saved = fs::path(db_) / "concord.matcher";
  std::ofstream(saved, std::ios::trunc) << "concord-matcher\nnot really";
  auto searcher = OpenSearcher();
  ASSERT_EQ(searcher->Warnings().size(), 1u);
  EXPECT_NE(searcher->Warnings()[0].find(saved.string()), std::string::npos)
      << searcher->Warnings()[0];
  concord::SearchRequest req;
  req.query = "Selenskyj";
  concord::SearchResult result;
  ASSERT_TRUE(searcher->Search(req, &result).ok());
  EXPECT_EQ(result.total, 2u);
  OpenIndex();  // a writer compiles and saves it again
  EXPECT_TRUE(OpenSearcher()->Warnings().empty());
}

TEST_F(ApiTest, ASavedMatcherForOtherDictionariesIsNotUsedAndTheWriterReplacesIt) {
  AddSamples();
  const fs::path saved = fs::path(db_) / "concord.matcher";
  const auto bytes = [&] {
    std::ifstream in(saved, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  const std::string builtin = bytes();
  concord::EntityDictionary dict;
  ASSERT_TRUE(dict.LoadBuiltin().ok());
  ASSERT_TRUE(dict.LoadString("[weather]\ntype: topic\nalias: Sunny\n", "mine", nullptr).ok());
  // A searcher with other dictionaries compiles its own: "Sunny" is found.
  std::unique_ptr<concord::Searcher> searcher;
  ASSERT_TRUE(concord::Searcher::Open({db_}, &dict, &searcher).ok());
  EXPECT_TRUE(searcher->Warnings().empty());
  ExpectSunnyIsTheWeather(*searcher);
  // A writer with them saves theirs.
  concord::IndexOptions options;
  options.entities = &dict;
  std::unique_ptr<concord::Index> index;
  ASSERT_TRUE(concord::Index::Open(db_, options, &index).ok());
  EXPECT_NE(bytes(), builtin);
}

}  // namespace
