#include "store/segments.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/shards.h"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

TEST(SegmentNameTest, RoundTripsThroughSegmentNumber) {
  EXPECT_EQ(SegmentName(1), "seg-000001");
  EXPECT_EQ(SegmentName(7), "seg-000007");
  EXPECT_EQ(SegmentName(1234567), "seg-1234567");  // wider than the padding: still a segment
  for (std::size_t n : {1u, 7u, 42u, 999999u, 1000000u, 1234567u}) {
    EXPECT_EQ(SegmentNumber(SegmentName(n)), n) << SegmentName(n);
  }
}

TEST(SegmentNameTest, OtherNamesAreNotSegments) {
  for (const char* name :
       {"", "seg-", "seg-12a", "seg-+12", "seg- 12", "seg-000001.tmp", "xseg-000001", "SEG-000001",
        "shard-000", "XAPIANDB", "XAPIANDB.tmp", "concord.lock", "iamglass"}) {
    EXPECT_EQ(SegmentNumber(name), 0u) << '"' << name << '"';
  }
}

class SegmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("concord-segments-test-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  void WriteFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  static std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // The "auto ..." lines of a stub file, in order, read without the code
  // under test.
  static std::vector<std::string> AutoLines(const fs::path& stub) {
    std::istringstream in(ReadFile(stub));
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("auto ", 0) == 0) out.push_back(line.substr(5));
    }
    return out;
  }

  // The names in a directory, sorted.
  static std::vector<std::string> Names(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  // A small concord-like database at `path`: one document per id (its id in
  // the data and the Q term), and the given metadata.
  static void MakeDatabase(const std::string& path, const std::vector<std::string>& ids,
                           const std::vector<std::pair<std::string, std::string>>& metadata = {}) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    for (const std::string& id : ids) {
      Xapian::Document doc;
      doc.set_data(id);
      doc.add_boolean_term(std::string(schema::kUniqueId) + id);
      doc.add_posting("word", 1);
      db.add_document(doc);
    }
    for (const auto& [key, value] : metadata) db.set_metadata(key, value);
    db.commit();
  }

  static std::vector<std::string> DocumentData(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      out.push_back(db.get_document(*it).get_data());
    }
    return out;
  }

  fs::path dir_;
};

// --- WriteManifest and LiveSegments ---

TEST_F(SegmentsTest, ManifestListsTheSegmentsInOrderAsPathsInsideTheDirectory) {
  std::string error;
  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000003", "seg-000001", "seg-000010"}, &error))
      << error;
  // The file itself, as Xapian reads it: one "auto NAME" line per segment, in order.
  EXPECT_EQ(AutoLines(dir_ / kStubFileName),
            (std::vector<std::string>{"seg-000003", "seg-000001", "seg-000010"}));
  EXPECT_EQ(LiveSegments(dir_.string()),
            (std::vector<std::string>{Path("seg-000003"), Path("seg-000001"), Path("seg-000010")}));
}

TEST_F(SegmentsTest, NoLiveSegmentsInAMissingDirectory) {
  EXPECT_TRUE(LiveSegments(Path("missing")).empty());
}

TEST_F(SegmentsTest, NoLiveSegmentsInAPlainDatabase) {
  MakeDatabase(Path("plain"), {"a"});
  ASSERT_TRUE(fs::exists(dir_ / "plain" / "iamglass"));
  EXPECT_TRUE(LiveSegments(Path("plain")).empty());
  // Xapian opens a directory holding iamglass as that database, whatever
  // stub file lies beside it: so does LiveSegments.
  WriteFile(dir_ / "plain" / kStubFileName, "auto seg-000001\n");
  EXPECT_TRUE(LiveSegments(Path("plain")).empty());
  EXPECT_EQ(Xapian::Database(Path("plain")).get_doccount(), 1u);
}

TEST_F(SegmentsTest, NoLiveSegmentsInAShardedDirectory) {
  std::string error;
  ASSERT_TRUE(WriteStub(dir_.string(), 2, &error)) << error;
  ASSERT_EQ(AutoLines(dir_ / kStubFileName), (std::vector<std::string>{"shard-000", "shard-001"}));
  EXPECT_TRUE(LiveSegments(dir_.string()).empty());
}

TEST_F(SegmentsTest, NoLiveSegmentsWhenTheStubListsAnythingButSegments) {
  WriteFile(dir_ / kStubFileName, "auto seg-000001\nremote 127.0.0.1:8100\n");
  EXPECT_TRUE(LiveSegments(dir_.string()).empty());
  WriteFile(dir_ / kStubFileName, "remote 127.0.0.1:8100\nauto seg-000001\n");
  EXPECT_TRUE(LiveSegments(dir_.string()).empty());
  WriteFile(dir_ / kStubFileName, "auto seg-000001\nauto shard-000\n");
  EXPECT_TRUE(LiveSegments(dir_.string()).empty());
  WriteFile(dir_ / kStubFileName, "auto /elsewhere/seg-000001\n");
  EXPECT_TRUE(LiveSegments(dir_.string()).empty());
  // Comments and blank lines are not entries.
  WriteFile(dir_ / kStubFileName, "# segments\n\nauto seg-000002\n");
  EXPECT_EQ(LiveSegments(dir_.string()), std::vector<std::string>{Path("seg-000002")});
}

TEST_F(SegmentsTest, WriteManifestReplacesTheOldOneByRenameAndLeavesNoTemporaryFile) {
  std::string error;
  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000001", "seg-000002"}, &error)) << error;
  const std::string before = ReadFile(dir_ / kStubFileName);
  // A reader that opened the old manifest keeps reading the old manifest:
  // the new one is a new file renamed over it, not the old one rewritten.
  std::ifstream reader(dir_ / kStubFileName, std::ios::binary);
  ASSERT_TRUE(reader);

  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000003"}, &error)) << error;
  EXPECT_EQ(LiveSegments(dir_.string()), std::vector<std::string>{Path("seg-000003")});
  std::ostringstream seen;
  seen << reader.rdbuf();
  EXPECT_EQ(seen.str(), before);
  EXPECT_FALSE(fs::exists(dir_ / (std::string(kStubFileName) + ".tmp")));
  EXPECT_EQ(Names(dir_), std::vector<std::string>{kStubFileName});
}

TEST_F(SegmentsTest, XapianOpensTheDirectoryAsTheListedSegments) {
  MakeDatabase(Path("seg-000001"), {"first"});
  MakeDatabase(Path("seg-000002"), {"second"});
  MakeDatabase(Path("seg-000003"), {"retired"});  // not listed: not searched
  std::string error;
  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000001", "seg-000002"}, &error)) << error;
  const Xapian::Database db(dir_.string());
  EXPECT_EQ(db.get_doccount(), 2u);
  std::vector<std::string> data = DocumentData(db);
  std::sort(data.begin(), data.end());
  EXPECT_EQ(data, (std::vector<std::string>{"first", "second"}));

  // Replaced: the directory is then the new set.
  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000003"}, &error)) << error;
  EXPECT_EQ(DocumentData(Xapian::Database(dir_.string())), std::vector<std::string>{"retired"});
}

TEST_F(SegmentsTest, WriteManifestFailsNamingTheFileInAMissingDirectory) {
  std::string error;
  EXPECT_FALSE(WriteManifest(Path("missing"), {"seg-000001"}, &error));
  EXPECT_NE(error.find(Path("missing")), std::string::npos) << error;
}

// --- IsNewDatabaseDirectory ---

TEST_F(SegmentsTest, NewDatabaseDirectoryIsMissingEmptyOrSegmentFoldersAndLockOnly) {
  EXPECT_TRUE(IsNewDatabaseDirectory(Path("missing")));
  EXPECT_TRUE(IsNewDatabaseDirectory(dir_.string()));  // empty
  fs::create_directories(dir_ / "seg-000001");
  EXPECT_TRUE(IsNewDatabaseDirectory(dir_.string()));
  fs::create_directories(dir_ / "seg-000002");
  WriteFile(dir_ / "seg-000002" / "iamglass", "");  // inside a segment: not looked at
  EXPECT_TRUE(IsNewDatabaseDirectory(dir_.string()));
  WriteFile(dir_ / kDirectoryLockName, "");
  EXPECT_TRUE(IsNewDatabaseDirectory(dir_.string()));

  fs::create_directories(dir_ / "lock-only");
  WriteFile(dir_ / "lock-only" / kDirectoryLockName, "");
  EXPECT_TRUE(IsNewDatabaseDirectory(Path("lock-only")));
}

TEST_F(SegmentsTest, NotANewDatabaseDirectoryWithAnyOtherFile) {
  const auto with = [this](const std::string& name, const std::string& file) {
    const fs::path d = dir_ / name;
    fs::create_directories(d / "seg-000001");
    WriteFile(d / kDirectoryLockName, "");
    WriteFile(d / file, "x");
    return d.string();
  };
  EXPECT_FALSE(IsNewDatabaseDirectory(with("text", "notes.txt")));
  EXPECT_FALSE(IsNewDatabaseDirectory(with("manifest", kStubFileName)));
  EXPECT_FALSE(IsNewDatabaseDirectory(with("glass", "iamglass")));
  EXPECT_FALSE(IsNewDatabaseDirectory(with("tmp", "seg-000002.tmp")));

  MakeDatabase(Path("plain"), {"a"});  // a real plain database
  EXPECT_FALSE(IsNewDatabaseDirectory(Path("plain")));
  WriteFile(dir_ / "a-file", "x");  // not a directory at all
  EXPECT_FALSE(IsNewDatabaseDirectory(Path("a-file")));
}

// --- NextSegmentNumber ---

TEST_F(SegmentsTest, NextSegmentNumberIsOneInAnEmptyDirectory) {
  EXPECT_EQ(NextSegmentNumber(dir_.string()), 1u);
  EXPECT_EQ(NextSegmentNumber(Path("missing")), 1u);
}

TEST_F(SegmentsTest, NextSegmentNumberFollowsTheHighestSegmentIgnoringOtherNames) {
  fs::create_directories(dir_ / "seg-000003");
  fs::create_directories(dir_ / "seg-000010");
  fs::create_directories(dir_ / "shard-000099");
  fs::create_directories(dir_ / "seg-12a");
  WriteFile(dir_ / "seg-000050.tmp", "");
  WriteFile(dir_ / "99", "");
  WriteFile(dir_ / kStubFileName, "auto seg-000003\n");  // live or not: the highest counts
  WriteFile(dir_ / kDirectoryLockName, "");
  EXPECT_EQ(NextSegmentNumber(dir_.string()), 11u);
}

// --- RemoveUnlistedSegments ---

TEST_F(SegmentsTest, RemovesTheSegmentsTheManifestDoesNotList) {
  for (const char* name : {"seg-000001", "seg-000002", "seg-000003", "seg-000004"}) {
    MakeDatabase(Path(name), {name});  // folders with files inside
  }
  fs::create_directories(dir_ / "shard-000");
  WriteFile(dir_ / "notes.txt", "keep me");
  WriteFile(dir_ / kDirectoryLockName, "");
  std::string error;
  ASSERT_TRUE(WriteManifest(dir_.string(), {"seg-000004", "seg-000002"}, &error)) << error;

  EXPECT_EQ(RemoveUnlistedSegments(dir_.string()), 2u);
  EXPECT_EQ(Names(dir_), (std::vector<std::string>{"XAPIANDB", "concord.lock", "notes.txt",
                                                   "seg-000002", "seg-000004", "shard-000"}));
  EXPECT_EQ(Xapian::Database(dir_.string()).get_doccount(), 2u);  // the live ones are whole
  EXPECT_EQ(RemoveUnlistedSegments(dir_.string()), 0u);           // nothing left to remove
}

TEST_F(SegmentsTest, RemovesNothingWithoutAManifest) {
  fs::create_directories(dir_ / "seg-000001");
  fs::create_directories(dir_ / "seg-000002");
  EXPECT_EQ(RemoveUnlistedSegments(dir_.string()), 0u);
  EXPECT_TRUE(fs::exists(dir_ / "seg-000001"));
  EXPECT_TRUE(fs::exists(dir_ / "seg-000002"));

  // Nor beside a stub that is not a manifest.
  std::string error;
  ASSERT_TRUE(WriteStub(dir_.string(), 2, &error)) << error;
  EXPECT_EQ(RemoveUnlistedSegments(dir_.string()), 0u);
  EXPECT_TRUE(fs::exists(dir_ / "seg-000001"));
  EXPECT_TRUE(fs::exists(dir_ / "seg-000002"));
}

// --- DirectoryLock ---

TEST_F(SegmentsTest, ASecondLockIsBusyUntilTheFirstIsReleased) {
  auto first = std::make_unique<DirectoryLock>();
  bool busy = true;
  std::string error;
  ASSERT_TRUE(first->Acquire(dir_.string(), &busy, &error)) << error;
  EXPECT_FALSE(busy);
  EXPECT_TRUE(fs::exists(dir_ / kDirectoryLockName));

  // Same process, another open file description: flock conflicts.
  DirectoryLock second;
  EXPECT_FALSE(second.Acquire(dir_.string(), &busy, &error));
  EXPECT_TRUE(busy);
  EXPECT_FALSE(error.empty());

  first.reset();  // released by destruction
  error.clear();
  EXPECT_TRUE(second.Acquire(dir_.string(), &busy, &error)) << error;
  EXPECT_FALSE(busy);
}

TEST_F(SegmentsTest, ALockHeldByAnotherProcessIsBusyUntilThatProcessIsKilled) {
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    DirectoryLock lock;
    bool busy = false;
    std::string error;
    const char ok = lock.Acquire(dir_.string(), &busy, &error) ? '1' : '0';
    if (::write(ready[1], &ok, 1) != 1 || ok != '1') ::_exit(1);
    for (;;) ::pause();  // holds it until killed
  }
  ::close(ready[1]);
  char ok = 0;
  ssize_t got;
  do {
    got = ::read(ready[0], &ok, 1);
  } while (got < 0 && errno == EINTR);
  ::close(ready[0]);

  DirectoryLock lock;
  bool busy = false;
  std::string error;
  const bool acquired_while_held = lock.Acquire(dir_.string(), &busy, &error);
  ::kill(child, SIGKILL);  // the lock goes with the process, even killed
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_EQ(got, 1) << "the child ended before taking the lock";
  ASSERT_EQ(ok, '1') << "the child could not take the lock";
  EXPECT_FALSE(acquired_while_held);
  EXPECT_TRUE(busy);
  EXPECT_EQ(error, "another concord-index is writing it");

  error.clear();
  EXPECT_TRUE(lock.Acquire(dir_.string(), &busy, &error)) << error;
  EXPECT_FALSE(busy);
}

TEST_F(SegmentsTest, ALockInAMissingDirectoryFailsWithoutBusyNamingTheFile) {
  DirectoryLock lock;
  bool busy = true;
  std::string error;
  EXPECT_FALSE(lock.Acquire(Path("missing"), &busy, &error));
  EXPECT_FALSE(busy);
  EXPECT_NE(error.find((dir_ / "missing" / kDirectoryLockName).string()), std::string::npos)
      << error;
}

// --- PlanMerge ---

using Sizes = std::vector<std::size_t>;
using Indexes = std::vector<std::size_t>;

TEST(PlanMergeTest, NothingToMergeWithFewerThanMergeFactorSegmentsPerTier) {
  static_assert(kMergeFactor == 4 && kTierBase == 2000, "the sizes below assume these");
  EXPECT_EQ(PlanMerge({}), Indexes{});
  EXPECT_EQ(PlanMerge({100}), Indexes{});
  EXPECT_EQ(PlanMerge({100, 100, 100}), Indexes{});
  EXPECT_EQ(PlanMerge({100, 5000, 100, 5000, 100, 5000, 20000, 20000, 20000}), Indexes{});
  // Tier bounds: 0 .. 1999 | 2000 .. 7999 | 8000 .. 31999.
  EXPECT_EQ(PlanMerge({1999, 1999, 1999, 2000}), Indexes{});
  EXPECT_EQ(PlanMerge({7999, 7999, 7999, 8000}), Indexes{});
  EXPECT_EQ(PlanMerge({0, 0, 0, kTierBase}), Indexes{});
}

TEST(PlanMergeTest, MergesTheFirstTierHoldingMergeFactorSegments) {
  EXPECT_EQ(PlanMerge({5000, 100, 120, 90, 110}), (Indexes{1, 2, 3, 4}));
  EXPECT_EQ(PlanMerge({2000, 7999, 100, 2500, 3000}), (Indexes{0, 1, 3, 4}));
  EXPECT_EQ(PlanMerge({7999, 8000, 8000, 31999, 8000}), (Indexes{1, 2, 3, 4}));
  // Every segment of the tier, not just kMergeFactor of them.
  EXPECT_EQ(PlanMerge({10, 20, 30, 40, 50, 60}), (Indexes{0, 1, 2, 3, 4, 5}));
  // The lowest such tier first.
  EXPECT_EQ(PlanMerge({3000, 3000, 3000, 3000, 10, 10, 10, 10}), (Indexes{4, 5, 6, 7}));
}

TEST(PlanMergeTest, DoesNotGroupSegmentsOfVeryDifferentSizes) {
  EXPECT_EQ(PlanMerge({kTierBase * kMergeFactor * 2, kTierBase, 10, 10}), Indexes{});
  EXPECT_EQ(PlanMerge({1000000, 100000, 10000, 1000}), Indexes{});
}

// The tier of a segment, as segments.h defines it.
std::size_t TierOf(std::size_t documents) {
  std::size_t tier = 0;
  for (std::size_t bound = kTierBase; documents >= bound; bound *= kMergeFactor) ++tier;
  return tier;
}

// The runs of an archive, simulated: each run adds a segment of `documents`, then PlanMerge is
// applied until it has nothing to merge, each group replaced by one segment of the summed size at
// the place of its first. Each batch's documents stay together, so merges are counted per batch.
struct Simulation {
  struct Segment {
    std::size_t documents;
    std::vector<std::size_t> batches;
  };
  std::vector<Segment> segments;
  std::vector<std::size_t> merges;  // per batch
  std::size_t total = 0;

  void Add(std::size_t documents) {
    segments.push_back({documents, {merges.size()}});
    merges.push_back(0);
    total += documents;
    for (;;) {
      Sizes sizes;
      for (const Segment& s : segments) sizes.push_back(s.documents);
      const Indexes group = PlanMerge(sizes);
      if (group.empty()) return;
      ASSERT_GE(group.size(), kMergeFactor);
      ASSERT_TRUE(std::is_sorted(group.begin(), group.end()));
      ASSERT_LT(group.back(), segments.size());
      Segment merged{0, {}};
      for (std::size_t i : group) {
        merged.documents += segments[i].documents;
        for (std::size_t b : segments[i].batches) {
          merged.batches.push_back(b);
          ++merges[b];
        }
      }
      std::vector<Segment> next;
      for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i == group.front()) {
          next.push_back(merged);
        } else if (!std::binary_search(group.begin(), group.end(), i)) {
          next.push_back(segments[i]);
        }
      }
      segments = std::move(next);
    }
  }
  Sizes DocumentCounts() const {
    Sizes out;
    for (const Segment& s : segments) out.push_back(s.documents);
    return out;
  }
};

// The highest tier a segment can reach in an archive of `total` documents
// (a segment of tier t >= 1 holds at least kTierBase * kMergeFactor^(t-1)).
std::size_t MaxTier(std::size_t total) { return TierOf(total); }

TEST(PlanMergeTest, RepeatedMergingKeepsSegmentsAndMergesPerDocumentLogarithmic) {
  // 100 runs of 500 documents each. Bounds, with T = MaxTier(total) =
  // 1 + floor(log4(total / kTierBase)) once total >= kTierBase:
  //  - after each run, at most kMergeFactor - 1 segments per tier, so at most
  //    (kMergeFactor - 1) * (T + 1) = 3 * floor(log4(total / 2000)) + 6 in all;
  //  - a merge of >= 4 segments of tier t >= 1 (each >= 2000 * 4^(t-1)) makes
  //    one of tier >= t+1, and 4 runs of 500 make one of tier 1, so a batch
  //    goes up a tier with each merge: at most T merges per document.
  Simulation sim;
  for (int run = 1; run <= 100; ++run) {
    sim.Add(500);
    if (::testing::Test::HasFatalFailure()) return;
    std::vector<std::size_t> per_tier;
    for (const Simulation::Segment& s : sim.segments) {
      const std::size_t t = TierOf(s.documents);
      if (per_tier.size() <= t) per_tier.resize(t + 1);
      ++per_tier[t];
    }
    for (std::size_t t = 0; t < per_tier.size(); ++t) {
      EXPECT_LE(per_tier[t], kMergeFactor - 1) << "tier " << t << " after run " << run;
    }
    EXPECT_LE(per_tier.size(), MaxTier(sim.total) + 1) << "after run " << run;
    EXPECT_LE(sim.segments.size(), (kMergeFactor - 1) * (MaxTier(sim.total) + 1))
        << "after run " << run;
    for (std::size_t b = 0; b < sim.merges.size(); ++b) {
      EXPECT_LE(sim.merges[b], MaxTier(sim.total)) << "batch " << b << " after run " << run;
    }
  }
  ASSERT_EQ(sim.total, 50000u);
  EXPECT_EQ(MaxTier(sim.total), 3u);  // 1 + floor(log4(25))
  // 50000 = 32000 + 2 * 8000 + 2000, oldest first.
  EXPECT_EQ(sim.DocumentCounts(), (Sizes{32000, 8000, 8000, 2000}));
  // The first 64 batches (32000 documents) went 0 -> 1 -> 2 -> 3.
  EXPECT_EQ(*std::max_element(sim.merges.begin(), sim.merges.end()), 3u);
  std::size_t rewritten = 0;  // documents copied by merges, over all runs
  for (std::size_t m : sim.merges) rewritten += m * 500;
  EXPECT_LE(rewritten, sim.total * MaxTier(sim.total));
}

TEST(PlanMergeTest, RunsOfMixedSizesKeepFewerThanMergeFactorSegmentsPerTier) {
  // Runs of 1 .. 40000 documents (a fixed pseudo-random sequence): the count
  // bound holds whatever the sizes.
  Simulation sim;
  std::uint32_t x = 12345;
  for (int run = 1; run <= 300; ++run) {
    x = x * 1103515245u + 12345u;
    const std::size_t documents = 1 + (x >> 8) % (run % 7 == 0 ? 40000 : 3000);
    sim.Add(documents);
    if (::testing::Test::HasFatalFailure()) return;
    std::size_t sum = 0;
    std::vector<std::size_t> per_tier(MaxTier(sim.total) + 1, 0);
    for (const Simulation::Segment& s : sim.segments) {
      sum += s.documents;
      ASSERT_LT(TierOf(s.documents), per_tier.size());
      ++per_tier[TierOf(s.documents)];
    }
    EXPECT_EQ(sum, sim.total);  // nothing lost or doubled
    EXPECT_LE(sim.segments.size(), (kMergeFactor - 1) * (MaxTier(sim.total) + 1));
    for (std::size_t t = 0; t < per_tier.size(); ++t) {
      EXPECT_LE(per_tier[t], kMergeFactor - 1) << "tier " << t << " after run " << run;
    }
    EXPECT_TRUE(PlanMerge(sim.DocumentCounts()).empty());
  }
}

// --- CompactDatabases ---

TEST_F(SegmentsTest, CompactedDatabaseHoldsBothSourcesDocumentsAndFileRecordsButNoShardPlace) {
  const std::string file_a = std::string(schema::kMetaFilePrefix) + "key-a";
  const std::string file_b = std::string(schema::kMetaFilePrefix) + "key-b";
  MakeDatabase(Path("a"), {"a1", "a2", "a3"},
               {{schema::kMetaLanguages, "en"},
                {file_a, "10 20 h 30 3\t/corpus/a.txt"},
                {schema::kMetaShards, "2"},
                {schema::kMetaShard, "1"},
                {schema::kMetaEntitiesHash, "hash-1"},
                {schema::kMetaFormat, "7"}});
  MakeDatabase(Path("b"), {"b1", "b2"},
               {{schema::kMetaLanguages, "fr,uk"},
                {file_b, "11 21 i 31 2\t/corpus/b.txt"},
                {schema::kMetaEntitiesHash, "hash-1"},
                {schema::kMetaFormat, "7"}});

  CompactDatabases({Path("a"), Path("b")}, Path("out"));

  const Xapian::Database out(Path("out"));
  EXPECT_EQ(out.get_doccount(), 5u);
  // Renumbered in source order.
  EXPECT_EQ(DocumentData(out), (std::vector<std::string>{"a1", "a2", "a3", "b1", "b2"}));
  EXPECT_EQ(out.get_metadata(file_a), "10 20 h 30 3\t/corpus/a.txt");
  EXPECT_EQ(out.get_metadata(file_b), "11 21 i 31 2\t/corpus/b.txt");
  EXPECT_EQ(out.get_metadata(schema::kMetaShards), "");
  EXPECT_EQ(out.get_metadata(schema::kMetaShard), "");
  EXPECT_EQ(out.get_metadata(schema::kMetaEntitiesHash), "hash-1");  // equal: kept
  EXPECT_EQ(out.get_metadata(schema::kMetaFormat), "7");
  // The sources are left as they were.
  EXPECT_EQ(Xapian::Database(Path("a")).get_metadata(schema::kMetaShards), "2");
  EXPECT_EQ(Xapian::Database(Path("a")).get_doccount(), 3u);
}

TEST_F(SegmentsTest, CompactionUnitesTheSourcesLanguagesSorted) {
  MakeDatabase(Path("a"), {"a1"}, {{schema::kMetaLanguages, "en"}});
  MakeDatabase(Path("b"), {"b1"}, {{schema::kMetaLanguages, "fr,uk"}});
  CompactDatabases({Path("a"), Path("b")}, Path("out"));
  EXPECT_EQ(Xapian::Database(Path("out")).get_metadata(schema::kMetaLanguages), "en,fr,uk");

  // Unsorted and overlapping: each code once, sorted.
  MakeDatabase(Path("c"), {"c1"}, {{schema::kMetaLanguages, "uk,en"}});
  MakeDatabase(Path("d"), {"d1"}, {{schema::kMetaLanguages, "fr,en"}});
  CompactDatabases({Path("c"), Path("d")}, Path("out2"));
  EXPECT_EQ(Xapian::Database(Path("out2")).get_metadata(schema::kMetaLanguages), "en,fr,uk");
}

TEST_F(SegmentsTest, CompactionOfManySourcesUnitesTheirLanguages) {
  // More than 3 sources: compacted in several passes.
  std::vector<std::string> from;
  const char* languages[] = {"en", "ru", "de", "en", "ar"};
  for (int i = 0; i < 5; ++i) {
    from.push_back(Path("src-" + std::to_string(i)));
    MakeDatabase(from.back(), {"doc-" + std::to_string(i)},
                 {{schema::kMetaLanguages, languages[i]}});
  }
  CompactDatabases(from, Path("out"));
  EXPECT_EQ(Xapian::Database(Path("out")).get_metadata(schema::kMetaLanguages), "ar,de,en,ru");
}

TEST_F(SegmentsTest, CompactionMarksDifferingDictionaryHashesMixed) {
  MakeDatabase(Path("a"), {"a1"}, {{schema::kMetaEntitiesHash, "hash-1"}});
  MakeDatabase(Path("b"), {"b1"}, {{schema::kMetaEntitiesHash, "hash-2"}});
  MakeDatabase(Path("c"), {"c1"}, {{schema::kMetaEntitiesHash, "hash-1"}});
  CompactDatabases({Path("a"), Path("b")}, Path("differ"));
  EXPECT_EQ(Xapian::Database(Path("differ")).get_metadata(schema::kMetaEntitiesHash), "mixed");
  CompactDatabases({Path("a"), Path("c")}, Path("same"));
  EXPECT_EQ(Xapian::Database(Path("same")).get_metadata(schema::kMetaEntitiesHash), "hash-1");
}

TEST_F(SegmentsTest, CompactingShardsDropsTheirPlaces) {
  MakeDatabase(Path("a"), {"a1"}, {{schema::kMetaShards, "2"}, {schema::kMetaShard, "0"}});
  MakeDatabase(Path("b"), {"b1"}, {{schema::kMetaShards, "2"}, {schema::kMetaShard, "1"}});
  CompactDatabases({Path("a"), Path("b")}, Path("out"));
  const Xapian::Database out(Path("out"));
  EXPECT_EQ(out.get_doccount(), 2u);
  EXPECT_EQ(out.get_metadata(schema::kMetaShards), "");
  EXPECT_EQ(out.get_metadata(schema::kMetaShard), "");
}

TEST_F(SegmentsTest, CompactingOneShardDropsItsPlace) {
  MakeDatabase(Path("a"), {"a1", "a2"},
               {{schema::kMetaLanguages, "de"},
                {schema::kMetaShards, "3"},
                {schema::kMetaShard, "2"},
                {schema::kMetaEntitiesHash, "hash-1"}});
  CompactDatabases({Path("a")}, Path("out"));
  const Xapian::Database out(Path("out"));
  EXPECT_EQ(out.get_doccount(), 2u);
  EXPECT_EQ(out.get_metadata(schema::kMetaLanguages), "de");
  EXPECT_EQ(out.get_metadata(schema::kMetaEntitiesHash), "hash-1");
  EXPECT_EQ(out.get_metadata(schema::kMetaShards), "");
  EXPECT_EQ(out.get_metadata(schema::kMetaShard), "");
}

TEST_F(SegmentsTest, CompactingManySourcesKeepsEveryDocumentAndFileRecordInOrder) {
  // More than 3 sources: compacted in several passes.
  std::vector<std::string> from;
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    from.push_back(Path("src-" + std::to_string(i)));
    MakeDatabase(from.back(), {id, id + "-bis"},
                 {{std::string(schema::kMetaFilePrefix) + id, "record " + id}});
    expected.push_back(id);
    expected.push_back(id + "-bis");
  }
  CompactDatabases(from, Path("out"));
  const Xapian::Database out(Path("out"));
  EXPECT_EQ(DocumentData(out), expected);
  for (int i = 0; i < 5; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    EXPECT_EQ(out.get_metadata(std::string(schema::kMetaFilePrefix) + id), "record " + id);
  }
}

// --- SyncDirectory ---

TEST_F(SegmentsTest, SyncDirectoryFlushesARealDirectory) {
  MakeDatabase(Path("seg-000001"), {"a"});
  std::string error;
  EXPECT_TRUE(SyncDirectory(Path("seg-000001"), &error)) << error;
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_TRUE(SyncDirectory(dir_.string(), &error)) << error;  // folders inside are skipped
}

TEST_F(SegmentsTest, SyncDirectoryFailsNamingAMissingDirectory) {
  std::string error;
  EXPECT_FALSE(SyncDirectory(Path("missing"), &error));
  EXPECT_NE(error.find(Path("missing")), std::string::npos) << error;
}

}  // namespace
}  // namespace concord::store
