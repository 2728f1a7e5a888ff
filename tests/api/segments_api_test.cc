// Segmented databases through the public API (store/segments.h): runs add
// segments, updates and deletes reach the segment that holds a file, merges
// keep the count small, and nothing a user sees differs from one database
// written by one writer.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <concord/concord.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "corpus/article.h"
#include "indexer/index_writer.h"

namespace {

namespace fs = std::filesystem;

const char* const kWords[] = {"talks",   "ceasefire", "delegation", "prisoners",  "exchange",
                              "drones",  "frontline", "sanctions",  "memorandum", "Istanbul",
                              "Ankara",  "Kyiv",      "Moscow",     "Geneva",     "summit",
                              "morning", "evening",   "officials",  "ministers",  "agreement"};
const char* const kNames[] = {"Zelensky", "Putin", "Erdogan", "Umerov", "Medinsky", "Fidan"};

class SegmentsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 seed(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("concord_segments_" + std::to_string(seed()));
    fs::create_directories(dir_ / "tree");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Db(const std::string& name) const { return (dir_ / name).string(); }
  std::string Tree() const { return (dir_ / "tree").string(); }

  // A news-like text: a dateline, names and words drawn from `seed`.
  static std::string Story(unsigned seed, std::size_t words = 70) {
    std::mt19937 rng(seed);
    std::ostringstream out;
    out << "ISTANBUL, May " << (1 + seed % 28) << " 2025. ";
    for (std::size_t i = 0; i < words; ++i) {
      if (i % 9 == 0) out << kNames[rng() % 6] << ' ';
      out << kWords[rng() % 20] << (i % 13 == 12 ? ". " : " ");
    }
    return out.str();
  }

  // File i of the tree: a story of its own, or (every fifth) a near copy of
  // story i - 3 with another credit line, so clusters span runs and builders.
  void WriteFile(unsigned i, const std::string& extra = "") {
    const std::string text =
        i % 5 == 4 ? "Reuters. " + Story(1000 + i - 3) + " (edited)" : Story(1000 + i);
    std::ofstream(dir_ / "tree" / ("f" + std::to_string(i) + ".txt")) << "Report " << i << "\n\n"
                                                                      << text << extra << "\n";
  }

  concord::Status Run(const std::string& db, std::size_t threads,
                      concord::IndexStatistics* stats = nullptr) {
    std::unique_ptr<concord::Index> index;
    if (auto s = concord::Index::Open(db, concord::IndexOptions(), &index); !s.ok()) return s;
    concord::UpdateOptions options;
    options.threads = threads;
    concord::UpdateReport report;
    if (auto s = index->AddPaths({Tree()}, options, &report); !s.ok()) return s;
    return stats ? index->Statistics(stats) : concord::Status();
  }

  // Everything a user sees of `db` for a few queries, as text.
  static std::string View(const std::string& db) {
    std::unique_ptr<concord::Searcher> searcher;
    EXPECT_TRUE(concord::Searcher::Open({db}, nullptr, &searcher).ok());
    if (!searcher) return "";
    std::ostringstream out;
    // "talk", "prisoner" and "minister official" find their forms through
    // the stem table, which each segment holds a part of until a merge.
    for (const char* q :
         {"Zelensky", "talks Istanbul", "\"prisoners exchange\"", "Putin NEAR/6 Erdogan", "Reuters",
          "*", "talk", "prisoner", "minister official"}) {
      for (bool collapse : {false, true}) {
        // Which copy stands for a cluster among copies of equal weight is
        // Xapian's choice, by document id: not compared for "*".
        if (collapse && std::string(q) == "*") continue;
        concord::SearchRequest r;
        r.query = q;
        r.limit = 100;
        r.collapse = collapse;
        r.exact_total = true;
        concord::SearchResult result;
        EXPECT_TRUE(searcher->Search(r, &result).ok()) << q;
        out << q << " collapse=" << collapse << " total=" << result.total << "\n";
        for (const concord::Hit& h : result.hits) {
          out << "  " << h.rank << ' ' << h.article.id << ' ' << static_cast<long>(h.score * 1e6)
              << " copies=" << h.copies << ' ' << h.snippet << "\n";
        }
      }
    }
    concord::MentionRequest m;
    m.name = "Zelensky";
    std::vector<concord::Mention> mentions;
    concord::MentionSummary summary;
    EXPECT_TRUE(searcher->Mentions(m, &mentions, &summary).ok());
    for (const concord::Mention& x : mentions) {
      out << x.article.id << ' ' << x.byte_start << ' ' << x.surface << ' ' << x.rung << "\n";
    }
    std::vector<concord::CountRow> rows;
    EXPECT_TRUE(searcher->Count(m, concord::CountBy::kVariant, &rows, &summary).ok());
    for (const concord::CountRow& row : rows) out << row.key << ' ' << row.mentions << "\n";
    return out.str();
  }

  fs::path dir_;
};

// The reference is a database made the way concord made them before
// segments: Xapian's files in the directory itself, one writer.
std::string MakeUnsegmented(const std::string& path) {
  Xapian::WritableDatabase(path, Xapian::DB_CREATE).close();
  return path;
}

TEST_F(SegmentsApiTest, RunsInSegmentsSearchLikeOneWriter) {
  const std::string db = Db("seg.db");
  for (unsigned i = 0; i < 20; ++i) WriteFile(i);
  concord::IndexStatistics stats;
  ASSERT_TRUE(Run(db, 2, &stats).ok());
  EXPECT_EQ(stats.segments, 1u);  // the builders' parts merged into one
  for (unsigned i = 20; i < 40; ++i) WriteFile(i);
  ASSERT_TRUE(Run(db, 2, &stats).ok());
  EXPECT_EQ(stats.segments, 2u);
  // An update, a deletion and new files in a third run.
  WriteFile(3, " Zelensky added a line.");
  fs::remove(dir_ / "tree" / "f24.txt");
  for (unsigned i = 40; i < 50; ++i) WriteFile(i);
  ASSERT_TRUE(Run(db, 2, &stats).ok());
  EXPECT_EQ(stats.segments, 3u);
  EXPECT_EQ(stats.documents, 49u);
  EXPECT_EQ(stats.shards, 1u);

  const std::string reference = MakeUnsegmented(Db("one.db"));
  ASSERT_TRUE(Run(reference, 1).ok());
  const std::string expected = View(reference);
  EXPECT_NE(expected.find("copies=1"), std::string::npos) << "the test needs near-duplicates";
  EXPECT_EQ(expected.find("talk collapse=0 total=0"), std::string::npos) << expected;
  EXPECT_EQ(expected.find("minister official collapse=0 total=0"), std::string::npos);
  EXPECT_EQ(View(db), expected);

  {
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    ASSERT_TRUE(index->Optimize().ok());
    ASSERT_TRUE(index->Statistics(&stats).ok());
    EXPECT_EQ(stats.segments, 1u);
    EXPECT_EQ(stats.documents, 49u);
    // An unsegmented database cannot be optimized; it says what to do.
    std::unique_ptr<concord::Index> old;
    ASSERT_TRUE(concord::Index::Open(reference, concord::IndexOptions(), &old).ok());
    const concord::Status s = old->Optimize();
    EXPECT_EQ(s.code(), concord::Code::kInvalidArgument);
  }
  EXPECT_EQ(View(db), expected);
  // Nothing is left of the retired segments.
  std::size_t folders = 0;
  for (const auto& e : fs::directory_iterator(db)) folders += e.is_directory();
  EXPECT_EQ(folders, 1u);
}

TEST_F(SegmentsApiTest, UpdatesAndDeletesReachTheSegmentHoldingTheFile) {
  const std::string db = Db("seg.db");
  std::ofstream(dir_ / "tree" / "a.txt") << "Alpha report on Umerov.\n";
  ASSERT_TRUE(Run(db, 2).ok());
  std::ofstream(dir_ / "tree" / "b.txt") << "Bravo report on Fidan.\n";
  concord::IndexStatistics stats;
  ASSERT_TRUE(Run(db, 2, &stats).ok());
  ASSERT_EQ(stats.segments, 2u);
  std::ofstream(dir_ / "tree" / "a.txt") << "Charlie replaces the first report.\n";
  fs::remove(dir_ / "tree" / "b.txt");
  std::unique_ptr<concord::Index> index;
  ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
  concord::UpdateReport report;
  ASSERT_TRUE(index->AddPaths({Tree()}, concord::UpdateOptions(), &report).ok());
  EXPECT_EQ(report.files_updated, 1u);
  EXPECT_EQ(report.files_removed, 1u);
  EXPECT_EQ(report.documents_updated, 1u);
  // An article from memory goes to the newest segment, and Remove finds it.
  ASSERT_TRUE(index->Add({"m1", "", "", "", "", "", "", "Delta from memory."}).ok());
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(index->Statistics(&stats).ok());
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.files, 1u);

  std::unique_ptr<concord::Searcher> searcher;
  ASSERT_TRUE(concord::Searcher::Open({db}, nullptr, &searcher).ok());
  const auto total = [&](const std::string& q) {
    concord::SearchRequest r;
    r.query = q;
    concord::SearchResult result;
    EXPECT_TRUE(searcher->Search(r, &result).ok()) << q;
    return result.total;
  };
  EXPECT_EQ(total("Alpha"), 0u);
  EXPECT_EQ(total("Bravo"), 0u);
  EXPECT_EQ(total("Charlie"), 1u);
  EXPECT_EQ(total("Delta"), 1u);
  ASSERT_TRUE(index->Remove("m1").ok());
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(concord::Searcher::Open({db}, nullptr, &searcher).ok());
  EXPECT_EQ(total("Delta"), 0u);
}

TEST_F(SegmentsApiTest, MergesKeepTheSegmentCountLogarithmic) {
  const std::string db = Db("seg.db");
  std::size_t most = 0;
  for (unsigned i = 0; i < 13; ++i) {
    WriteFile(i);
    concord::IndexStatistics stats;
    ASSERT_TRUE(Run(db, 2, &stats).ok());
    EXPECT_EQ(stats.documents, i + 1);
    most = std::max(most, stats.segments);
  }
  // Small segments share the lowest tier: a fourth one merges them.
  EXPECT_LE(most, 3u);
  EXPECT_GE(most, 2u);
}

TEST_F(SegmentsApiTest, SegmentsNotInTheManifestAreNeverSearchedAndGoAtTheNextOpen) {
  const std::string db = Db("seg.db");
  for (unsigned i = 0; i < 6; ++i) WriteFile(i);
  ASSERT_TRUE(Run(db, 2).ok());
  const std::string before = View(db);
  std::string live;
  for (const auto& e : fs::directory_iterator(db)) {
    if (e.is_directory()) live = e.path().string();
  }
  ASSERT_FALSE(live.empty());
  // A complete database no run marked as its own (a merge's output never
  // listed, or a retired segment), and a folder stopped while being created.
  fs::copy(live, db + "/seg-000999", fs::copy_options::recursive);
  fs::remove(db + "/seg-000999/concord.segment");  // the run's mark: none
  fs::create_directories(db + "/seg-001000");
  EXPECT_EQ(View(db), before);
  std::unique_ptr<concord::Index> index;
  ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
  EXPECT_FALSE(fs::exists(db + "/seg-000999"));
  EXPECT_FALSE(fs::exists(db + "/seg-001000"));
  EXPECT_TRUE(fs::exists(live));
  index.reset();
  EXPECT_EQ(View(db), before);
}

// A run killed before its manifest listed its segment: the builders it
// committed are complete databases, kept by the next writer; what they hold
// only in part is replaced, never doubled.
TEST_F(SegmentsApiTest, AStoppedRunsBuildersAreKeptAndNothingDoubles) {
  const std::string db = Db("seg.db");
  for (unsigned i = 0; i < 6; ++i) WriteFile(i);
  ASSERT_TRUE(Run(db, 2).ok());
  for (unsigned i = 6; i < 12; ++i) WriteFile(i);
  {
    // As the stopped run left them: two builders, one with a file whose
    // record was never written (stopped in the middle of it).
    concord::indexer::IndexWriterOptions wo;
    wo.building_segment = true;
    for (unsigned b = 0; b < 2; ++b) {
      concord::indexer::IndexWriter builder;
      concord::Status error;
      ASSERT_TRUE(builder.Open(db + "/seg-00050" + std::to_string(b), wo, &error))
          << error.message();
      for (unsigned i = 6 + b * 3; i < 9 + b * 3; ++i) {
        const std::string path = (dir_ / "tree" / ("f" + std::to_string(i) + ".txt")).string();
        const std::string key = fs::canonical(path).string();
        ASSERT_TRUE(builder.BeginFile(key, &error));
        concord::corpus::Article a;
        a.id = key;
        a.path = path;
        a.text = "Report " + std::to_string(i) + " part one.";
        ASSERT_TRUE(builder.AddArticle(a, &error));
        if (i == 8) break;  // stopped half-way through this file: no record
        concord::indexer::FileRecord record;
        ASSERT_TRUE(builder.EndFile(record, &error));
      }
      ASSERT_TRUE(builder.Commit(&error));
    }
  }
  concord::IndexStatistics stats;
  {
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    ASSERT_TRUE(index->Statistics(&stats).ok());
    EXPECT_EQ(stats.segments, 2u);    // the first run's, and the stopped run's kept
    EXPECT_EQ(stats.documents, 12u);  // 6 + the 6 documents the builders hold
    EXPECT_EQ(stats.files, 11u);      // f8 has no record
  }
  EXPECT_FALSE(fs::exists(db + "/seg-000500"));
  // The next run reads f8 (no record) and the builders' files whose size and
  // time it never recorded; each replaces its document where it is.
  ASSERT_TRUE(Run(db, 2, &stats).ok());
  EXPECT_EQ(stats.documents, 12u);
  const std::string reference = MakeUnsegmented(Db("one.db"));
  ASSERT_TRUE(Run(reference, 1).ok());
  EXPECT_EQ(View(db), View(reference));
}

TEST_F(SegmentsApiTest, AManifestListingAMissingSegmentIsAClearError) {
  const std::string db = Db("seg.db");
  WriteFile(0);
  ASSERT_TRUE(Run(db, 2).ok());
  std::ofstream(db + "/XAPIANDB") << "auto seg-000777\n";
  std::unique_ptr<concord::Index> index;
  const concord::Status s = concord::Index::Open(db, concord::IndexOptions(), &index);
  EXPECT_EQ(s.code(), concord::Code::kCorrupt);
  EXPECT_NE(s.message().find("seg-000777"), std::string::npos) << s.message();
}

TEST_F(SegmentsApiTest, ReadersDuringRunsAndMergesNeverFail) {
  const std::string db = Db("seg.db");
  WriteFile(0);
  ASSERT_TRUE(Run(db, 2).ok());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&, t] {
      std::unique_ptr<concord::Searcher> searcher;
      while (!done || searches < 40) {
        // One long-lived searcher, and one opened for each search.
        if (!searcher || t == 1) {
          const concord::Status s = concord::Searcher::Open({db}, nullptr, &searcher);
          if (!s.ok()) {
            ++failures;
            ADD_FAILURE() << s.message();
            continue;
          }
        }
        concord::SearchRequest r;
        r.query = "Istanbul";
        concord::SearchResult result;
        const concord::Status s = searcher->Search(r, &result);
        if (!s.ok() || result.total == 0) {
          ++failures;
          ADD_FAILURE() << (s.ok() ? "no result" : s.message());
        }
        ++searches;
      }
    });
  }
  for (unsigned i = 1; i < 10; ++i) {
    WriteFile(i);
    ASSERT_TRUE(Run(db, 2).ok());
  }
  {
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    ASSERT_TRUE(index->Optimize().ok());
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
}

TEST_F(SegmentsApiTest, ASecondWriterIsRefusedWhileTheFirstHoldsTheDatabase) {
  const std::string db = Db("seg.db");
  WriteFile(0);
  std::unique_ptr<concord::Index> first, second;
  ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &first).ok());
  const concord::Status s = concord::Index::Open(db, concord::IndexOptions(), &second);
  EXPECT_EQ(s.code(), concord::Code::kLocked);
  EXPECT_NE(s.message().find(db), std::string::npos) << s.message();
  first.reset();
  EXPECT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &second).ok());
}

}  // namespace
