#ifndef CONCORD_INDEXER_WRITE_QUEUE_H_
#define CONCORD_INDEXER_WRITE_QUEUE_H_

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "concord/status.hpp"

namespace concord::indexer {

// The document behind a queued write: what a refusal names and counts.
struct QueuedDocument {
  std::string id, path, file_key;
  bool update = false;  // it replaces an earlier version
};

// The one thread that writes a database. Changes run in the order queued,
// inside a Xapian transaction that CommitTransaction() ends; analysis of
// the next documents (in the caller's thread) overlaps with Xapian's work on
// the previous ones, and the queue is bounded so memory is.
//
// One document never stops the others: when Xapian refuses a document it
// drops every uncommitted change (glass cancels its tables), so the document
// is left out and reported, and the changes since the last commit are run
// again without it. That log is bounded (kMaxLogBytes of text); past it a
// refusal fails the run. After any other failure nothing more is written and
// every call returns that failure.
class WriteQueue {
 public:
  // `db` is used by the writer thread only, from Start() on.
  explicit WriteQueue(Xapian::WritableDatabase* db);
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Starts the writer thread; `path` names the database in messages.
  void Start(std::string path);
  // Runs what is queued, then drops any uncommitted change (as after a
  // crash) and ends the thread.
  void Stop();

  // Queues a change that can be run again after a refusal (it holds
  // everything it needs by value). `doc`: the document it writes, if it
  // writes one; `bytes`: the text behind it, so that a few huge documents
  // wait as many small ones do. False (with *error) once writing failed.
  bool Write(std::function<void()> run, Status* error, std::size_t bytes = 0,
             std::shared_ptr<const QueuedDocument> doc = nullptr);
  // Runs `run` in the writer thread after everything queued before it and
  // waits for it. `writes`: it changes the database (and cannot be run again).
  bool Sync(std::function<void()> run, Status* error, bool writes = false);
  // Queues `run` (which must not be run again, e.g. a commit) without
  // waiting for it: the caller goes on while it runs. A failure is returned
  // by a later call.
  bool Post(std::function<void()> run, Status* error);

  // Writer thread only (inside a queued function): begin a transaction if
  // none is open; commit it (the log of changes to run again is emptied).
  void BeginWrite();
  void CommitTransaction();

  // Refused documents. `counted`: the document was counted as added or
  // updated when it was queued.
  void Refuse(const QueuedDocument& doc, const std::string& reason, bool counted = true);
  // A file with a refused document gets no record (the next run reads it
  // again); ForgetRefusals gives a file read again a fresh chance.
  bool FileRefused(const std::string& file_key);
  void ForgetRefusals(const std::string& file_key);
  struct Refusals {
    std::vector<std::string> messages;  // one line each, naming the file and the document
    std::size_t adds = 0, updates = 0;  // of those counted when queued
  };
  Refusals TakeRefusals();

 private:
  struct Op {
    std::function<void()> run;
    std::size_t bytes = 0;                      // article text behind it (bounds the queue)
    std::shared_ptr<const QueuedDocument> doc;  // set when it writes one document
    bool replay = false;                        // may be run again after a refusal
    bool writes = false;                        // changes the database (when not replayable)
  };
  bool Enqueue(Op op, Status* error, std::uint64_t* ticket = nullptr);
  void Loop();
  void Run(Op op);
  void Fail(Status status);

  static constexpr std::size_t kMaxQueued = 64;
  static constexpr std::size_t kMaxQueuedBytes = 16u << 20;  // of article text
  // Uncommitted text kept to be written again after a refusal.
  static constexpr std::size_t kMaxLogBytes = 64u << 20;

  Xapian::WritableDatabase* const db_;
  std::string path_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_, idle_;
  std::deque<Op> queue_;
  std::uint64_t queued_ops_ = 0, done_ops_ = 0;
  std::size_t queued_bytes_ = 0;  // text of the queued documents
  bool quit_ = false;
  Status failed_;  // the writer thread's first error
  // Refused documents (mu_).
  Refusals refusals_;
  std::set<std::string> refused_files_;
  // Writer thread: the open transaction and its changes, to run again.
  bool in_transaction_ = false;
  std::vector<Op> log_;
  std::size_t log_bytes_ = 0;
  bool log_complete_ = true;
};

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_WRITE_QUEUE_H_
