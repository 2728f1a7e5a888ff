#include "indexer/index_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "store/schema.h"

namespace concord::indexer {
namespace {

class IndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("concord-writer-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static corpus::Article Article(const std::string& file, const std::string& id,
                                 const std::string& text) {
    corpus::Article a;
    a.path = file;
    a.id = id;
    a.lang = "en";
    a.text = text;
    return a;
  }

  // Writes files "f0".."f<n-1>", each with `per_file` articles, in one
  // transaction, and commits.
  void WriteFiles(IndexWriter* w, int files, int per_file, std::vector<std::string>* warnings) {
    Status error;
    for (int f = 0; f < files; ++f) {
      const std::string file = "f" + std::to_string(f);
      ASSERT_TRUE(w->BeginFile(file, &error)) << error.ToString();
      for (int k = 0; k < per_file; ++k) {
        const std::string id = file + "#" + std::to_string(k);
        ASSERT_TRUE(w->AddArticle(Article(file, id, "Story " + id + " about the talks."), &error))
            << error.ToString();
      }
      FileRecord record;
      record.size = 1;
      ASSERT_TRUE(w->EndFile(record, &error)) << error.ToString();
    }
    ASSERT_TRUE(w->Commit(&error)) << error.ToString();
    for (std::string& r : w->TakeRefusals()) warnings->push_back(std::move(r));
  }

  std::set<std::string> Ids() const {
    std::set<std::string> out;
    Xapian::Database db(dir_.string());
    for (auto t = db.allterms_begin(schema::kUniqueId); t != db.allterms_end(schema::kUniqueId);
         ++t) {
      out.insert((*t).substr(1));
    }
    return out;
  }

  std::filesystem::path dir_;
};

// Xapian drops every uncommitted change when it refuses a document; the
// writer leaves that document out and writes the rest of the transaction
// again, so one bad document costs only itself.
TEST_F(IndexWriterTest, ARefusedDocumentCostsOnlyItself) {
  IndexWriterOptions options;
  options.refuse_for_testing = [](const corpus::Article& a) { return a.id == "f2#1"; };
  std::vector<std::string> warnings;
  {
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), options, &error)) << error.ToString();
    WriteFiles(&w, 5, 3, &warnings);
    EXPECT_EQ(w.stats().added, 14u);
    EXPECT_EQ(w.stats().refused, 1u);
    // The refused document's file has no record: the next run reads it again.
    FileRecord record;
    EXPECT_FALSE(w.FindFile("f2", &record));
    EXPECT_TRUE(w.FindFile("f1", &record));
    EXPECT_TRUE(w.FindFile("f3", &record));
  }
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("f2: f2#1: not indexed (Xapian refused it"), std::string::npos)
      << warnings[0];
  std::set<std::string> ids = Ids();
  EXPECT_EQ(ids.size(), 14u);
  EXPECT_FALSE(ids.count("f2#1"));
  EXPECT_TRUE(ids.count("f2#0"));
  EXPECT_TRUE(ids.count("f2#2"));
  EXPECT_TRUE(ids.count("f4#2"));
}

// Several refusals in one transaction, the first and the last document among
// them: each is left out alone.
TEST_F(IndexWriterTest, EveryRefusalInATransactionIsLeftOutAlone) {
  IndexWriterOptions options;
  options.refuse_for_testing = [](const corpus::Article& a) {
    return a.id == "f0#0" || a.id == "f1#1" || a.id == "f3#2";
  };
  std::vector<std::string> warnings;
  {
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), options, &error)) << error.ToString();
    WriteFiles(&w, 4, 3, &warnings);
    EXPECT_EQ(w.stats().added, 9u);
    EXPECT_EQ(w.stats().refused, 3u);
  }
  EXPECT_EQ(warnings.size(), 3u);
  const std::set<std::string> ids = Ids();
  EXPECT_EQ(ids, (std::set<std::string>{"f0#1", "f0#2", "f1#0", "f1#2", "f2#0", "f2#1", "f2#2",
                                        "f3#0", "f3#1"}));
}

// A re-run without the cause indexes the file it could not record, and the
// others keep what they had.
TEST_F(IndexWriterTest, ARerunRetriesTheFileThatFailed) {
  std::vector<std::string> warnings;
  {
    IndexWriterOptions options;
    options.refuse_for_testing = [](const corpus::Article& a) { return a.id == "f1#0"; };
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), options, &error)) << error.ToString();
    WriteFiles(&w, 3, 2, &warnings);
  }
  EXPECT_EQ(Ids().size(), 5u);
  IndexWriter w;
  Status error;
  ASSERT_TRUE(w.Open(dir_.string(), IndexWriterOptions(), &error)) << error.ToString();
  FileRecord record;
  EXPECT_FALSE(w.FindFile("f1", &record));
  ASSERT_TRUE(w.BeginFile("f1", &error));
  ASSERT_TRUE(w.AddArticle(Article("f1", "f1#0", "Story f1#0 again."), &error));
  ASSERT_TRUE(w.AddArticle(Article("f1", "f1#1", "Story f1#1 again."), &error));
  ASSERT_TRUE(w.EndFile(FileRecord(), &error));
  ASSERT_TRUE(w.Commit(&error)) << error.ToString();
  EXPECT_TRUE(w.TakeRefusals().empty());
  EXPECT_EQ(w.stats().added, 1u);
  EXPECT_EQ(w.stats().updated, 1u);
  EXPECT_TRUE(w.FindFile("f1", &record));
  EXPECT_EQ(Ids().size(), 6u);
}

std::set<std::string> StemForms(const Xapian::Database& db, const std::string& stem,
                                const std::string& lang = "en") {
  const std::string key = schema::StemTableKey(lang, stem);
  return std::set<std::string>(db.synonyms_begin(key), db.synonyms_end(key));
}

// A word's stem goes to the database's stem table, not into each document:
// the table lists the words of each stem (over every batch and language),
// and no document has a Z term.
TEST_F(IndexWriterTest, StemsGoToTheStemTableNotIntoDocuments) {
  {
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), IndexWriterOptions(), &error)) << error.ToString();
    corpus::Article fr = Article("f", "f#fr", "Les négociations reprennent.");
    fr.lang = "fr";
    ASSERT_TRUE(w.ReplaceFile("f",
                              {Article("f", "f#0", "The talks resumed."),
                               Article("f", "f#1", "Talking again; one more talk."), fr},
                              &error))
        << error.ToString();
    ASSERT_TRUE(w.Commit(&error)) << error.ToString();
    // A later batch adds forms to a stem the table already has.
    ASSERT_TRUE(w.ReplaceFile("g", {Article("g", "g#0", "They talked.")}, &error));
    ASSERT_TRUE(w.Commit(&error)) << error.ToString();
  }
  Xapian::Database db(dir_.string());
  EXPECT_EQ(StemForms(db, "talk"), (std::set<std::string>{"talk", "talked", "talking", "talks"}));
  EXPECT_EQ(StemForms(db, "negoci", "fr"), (std::set<std::string>{"negociations"}));  // folded
  EXPECT_EQ(db.allterms_begin(schema::kStem), db.allterms_end(schema::kStem));
}

// IndexWriterOptions::stem_terms: Z terms in the documents, as before, and
// no stem table.
TEST_F(IndexWriterTest, StemTermsKeepStemsInTheDocuments) {
  {
    IndexWriterOptions options;
    options.stem_terms = true;
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), options, &error)) << error.ToString();
    ASSERT_TRUE(w.ReplaceFile("f", {Article("f", "f#0", "The talks resumed.")}, &error));
    ASSERT_TRUE(w.Commit(&error)) << error.ToString();
  }
  Xapian::Database db(dir_.string());
  EXPECT_EQ(db.get_termfreq(std::string(schema::kStem) + "talk"), 1u);
  EXPECT_TRUE(StemForms(db, "talk").empty());
}

// A refused document makes the writer write its transaction again: the
// stem table entries are written all the same, also those the refused
// document gave first ("f1", then in f1#1).
TEST_F(IndexWriterTest, TheStemTableSurvivesARefusal) {
  IndexWriterOptions options;
  options.refuse_for_testing = [](const corpus::Article& a) { return a.id == "f1#0"; };
  std::vector<std::string> warnings;
  {
    IndexWriter w;
    Status error;
    ASSERT_TRUE(w.Open(dir_.string(), options, &error)) << error.ToString();
    WriteFiles(&w, 3, 2, &warnings);
  }
  EXPECT_EQ(warnings.size(), 1u);
  Xapian::Database db(dir_.string());
  EXPECT_EQ(StemForms(db, "stori"), (std::set<std::string>{"story"}));
  EXPECT_EQ(StemForms(db, "talk"), (std::set<std::string>{"talks"}));
  EXPECT_EQ(StemForms(db, "f1"), (std::set<std::string>{"f1"}));
  EXPECT_EQ(StemForms(db, "f2"), (std::set<std::string>{"f2"}));
}

}  // namespace
}  // namespace concord::indexer
