#include "indexer/write_queue.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>

namespace concord::indexer {
namespace {

class WriteQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("concord-queue-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = Xapian::WritableDatabase(dir_.string(), Xapian::DB_CREATE_OR_OPEN);
    queue_ = std::make_unique<WriteQueue>(&db_);
    queue_->Start(dir_.string());
  }
  void TearDown() override {
    queue_.reset();
    db_.close();
    std::filesystem::remove_all(dir_);
  }

  // Queues a document with the unique term "Q<id>"; `refused` adds a term
  // longer than Xapian accepts, so Xapian itself refuses the document.
  bool Add(const std::string& id, bool refused, Status* error) {
    auto doc = std::make_shared<QueuedDocument>();
    doc->id = id;
    doc->path = "file-of-" + id;
    doc->file_key = doc->path;
    return queue_->Write(
        [this, id, refused] {
          queue_->BeginWrite();
          Xapian::Document d;
          d.add_boolean_term("Q" + id);
          if (refused) d.add_term(std::string(300, 'x'));
          db_.replace_document("Q" + id, d);
        },
        error, 100, doc);
  }

  bool Commit(Status* error) {
    return queue_->Sync([this] { queue_->CommitTransaction(); }, error);
  }

  std::filesystem::path dir_;
  Xapian::WritableDatabase db_;
  std::unique_ptr<WriteQueue> queue_;
};

TEST_F(WriteQueueTest, ARefusedDocumentIsLeftOutAndTheRestOfTheTransactionIsKept) {
  Status error;
  ASSERT_TRUE(Add("a", false, &error)) << error.ToString();
  ASSERT_TRUE(Add("b", true, &error)) << error.ToString();
  ASSERT_TRUE(Add("c", false, &error)) << error.ToString();
  ASSERT_TRUE(Commit(&error)) << error.ToString();

  Xapian::Database reader(dir_.string());
  EXPECT_TRUE(reader.term_exists("Qa"));  // written before the refusal, run again
  EXPECT_FALSE(reader.term_exists("Qb"));
  EXPECT_TRUE(reader.term_exists("Qc"));
  EXPECT_EQ(reader.get_doccount(), 2u);

  EXPECT_TRUE(queue_->FileRefused("file-of-b"));
  EXPECT_FALSE(queue_->FileRefused("file-of-a"));
  const WriteQueue::Refusals refused = queue_->TakeRefusals();
  ASSERT_EQ(refused.messages.size(), 1u);
  EXPECT_NE(refused.messages[0].find("file-of-b: b: not indexed (Xapian refused it"),
            std::string::npos)
      << refused.messages[0];
  EXPECT_EQ(refused.adds, 1u);
  EXPECT_TRUE(queue_->TakeRefusals().messages.empty());  // taken once

  queue_->ForgetRefusals("file-of-b");
  EXPECT_FALSE(queue_->FileRefused("file-of-b"));
}

TEST_F(WriteQueueTest, ChangesRunInTheOrderQueuedAndSyncWaitsForThem) {
  Status error;
  std::string order;
  for (char c : std::string("abcdef")) {
    ASSERT_TRUE(queue_->Write([&order, c] { order += c; }, &error));
  }
  ASSERT_TRUE(queue_->Sync([&order] { order += '.'; }, &error));
  EXPECT_EQ(order, "abcdef.");
}

TEST_F(WriteQueueTest, AFailureStopsAllLaterWritesAndIsReportedByEachCall) {
  Status error;
  ASSERT_TRUE(Add("a", false, &error));
  // A failure that is not about one document: the database cannot be written.
  ASSERT_TRUE(queue_->Write([] { throw Xapian::DatabaseError("disk gone"); }, &error));
  EXPECT_FALSE(Commit(&error));
  EXPECT_EQ(error.code(), Code::kIo);
  EXPECT_NE(error.message().find("cannot write database " + dir_.string()), std::string::npos)
      << error.ToString();
  Status later;
  EXPECT_FALSE(Add("b", false, &later));
  EXPECT_EQ(later.message(), error.message());
  queue_->Stop();  // drops what was not committed
  EXPECT_EQ(Xapian::Database(dir_.string()).get_doccount(), 0u);
}

TEST_F(WriteQueueTest, StopDropsUncommittedChanges) {
  Status error;
  ASSERT_TRUE(Add("a", false, &error));
  ASSERT_TRUE(Commit(&error));
  ASSERT_TRUE(Add("b", false, &error));
  queue_->Stop();
  Xapian::Database reader(dir_.string());
  EXPECT_TRUE(reader.term_exists("Qa"));
  EXPECT_FALSE(reader.term_exists("Qb"));
}

}  // namespace
}  // namespace concord::indexer
