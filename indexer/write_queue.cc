#include "indexer/write_queue.h"

#include <cerrno>
#include <stdexcept>
#include <utility>

#include "lang/utf8.h"
#include "store/errors.h"

namespace concord::indexer {
namespace {

// A failure while writing `path`, as one line a user can act on. A failed
// write leaves the database at its last commit (Xapian writes new blocks
// beside the committed ones and switches revisions atomically).
Status WriteFailure(const std::string& path, const std::string& what, bool disk_full) {
  return Status(Code::kIo,
                "cannot write database " + path + ": " + what +
                    (disk_full ? " (the disk is full or a file size limit was reached); the last "
                                 "commit is intact: free some space and run again"
                               : ""));
}

Status WriteFailure(const std::string& path, const Xapian::Error& e) {
  const bool disk_full =
      store::CausedBy(e, ENOSPC) || store::CausedBy(e, EFBIG) || store::CausedBy(e, EDQUOT);
  Status s = WriteFailure(
      path, disk_full ? e.get_msg() + ": " + e.get_error_string() : e.get_description(), disk_full);
  return disk_full ? s : Status(store::CodeOf(e), s.message());
}

}  // namespace

WriteQueue::WriteQueue(Xapian::WritableDatabase* db) : db_(db) {}

WriteQueue::~WriteQueue() { Stop(); }

void WriteQueue::Start(std::string path) {
  path_ = std::move(path);
  thread_ = std::thread([this] { Loop(); });
}

void WriteQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  not_empty_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::Loop() {
  for (;;) {
    Op op;
    bool skip;
    {
      std::unique_lock<std::mutex> lock(mu_);
      not_empty_.wait(lock, [&] { return quit_ || !queue_.empty(); });
      if (queue_.empty()) break;  // quit and drained
      op = std::move(queue_.front());
      queue_.pop_front();
      skip = !failed_.ok();  // after a failure nothing more is written
      not_full_.notify_one();
    }
    const std::size_t bytes = op.bytes;
    try {
      if (!skip) Run(std::move(op));
    } catch (const Xapian::Error& e) {
      Fail(WriteFailure(path_, e));
    } catch (const std::exception& e) {
      Fail(WriteFailure(path_, e.what(), false));
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++done_ops_;
      queued_bytes_ -= bytes;
    }
    idle_.notify_all();
  }
  if (in_transaction_) {
    try {
      db_->cancel_transaction();  // uncommitted changes are dropped, as after a crash
    } catch (const Xapian::Error&) {
    }
  }
}

// Runs `op` and keeps it in the log of the transaction; on a refusal, runs
// the log again without the refused document (a document refused on that
// second pass is left out the same way).
void WriteQueue::Run(Op op) {
  std::vector<Op> todo;
  todo.push_back(std::move(op));
  for (std::size_t i = 0; i < todo.size();) {
    std::string reason;
    try {
      todo[i].run();
      if (todo[i].replay) {
        log_bytes_ += todo[i].bytes;
        log_.push_back(std::move(todo[i]));
        if (log_bytes_ > kMaxLogBytes) {  // too much to hold: the next refusal fails the run
          log_.clear();
          log_bytes_ = 0;
          log_complete_ = false;
        }
      } else if (todo[i].writes) {
        log_complete_ = false;
      }
      ++i;
      continue;
    } catch (const Xapian::InvalidArgumentError& e) {
      if (!todo[i].doc) throw;
      reason = e.get_description();
    } catch (const Xapian::UnimplementedError& e) {
      if (!todo[i].doc) throw;
      reason = e.get_description();
    } catch (const std::bad_alloc&) {
      if (!todo[i].doc) throw;
      reason = "out of memory";
    } catch (const std::length_error& e) {
      if (!todo[i].doc) throw;
      reason = e.what();
    }
    const QueuedDocument& doc = *todo[i].doc;
    if (reason.size() > 200) reason = reason.substr(0, 200) + "...";
    if (!log_complete_) {
      throw std::runtime_error(doc.path + ": " + doc.id + " was refused (" + reason +
                               ") after more than " + std::to_string(kMaxLogBytes >> 20) +
                               " MB of uncommitted text, which cannot be written again; "
                               "commit more often");
    }
    Refuse(doc, "Xapian refused it: " + lang::SanitizeUtf8(reason));
    try {
      db_->cancel_transaction();
    } catch (const Xapian::InvalidOperationError&) {
    }
    in_transaction_ = false;
    std::vector<Op> again = std::move(log_);
    log_.clear();
    log_bytes_ = 0;
    for (std::size_t k = i + 1; k < todo.size(); ++k) again.push_back(std::move(todo[k]));
    todo = std::move(again);
    i = 0;
  }
}

void WriteQueue::BeginWrite() {
  if (!in_transaction_) {
    db_->begin_transaction();
    in_transaction_ = true;
  }
}

void WriteQueue::CommitTransaction() {
  BeginWrite();
  db_->commit_transaction();
  in_transaction_ = false;
  log_.clear();
  log_bytes_ = 0;
  log_complete_ = true;
}

void WriteQueue::Refuse(const QueuedDocument& doc, const std::string& reason, bool counted) {
  std::lock_guard<std::mutex> lock(mu_);
  refusals_.messages.push_back(doc.path + ": " + doc.id + ": not indexed (" + reason +
                               "); the file is read again by the next run");
  refused_files_.insert(doc.file_key);
  if (counted) ++(doc.update ? refusals_.updates : refusals_.adds);
}

bool WriteQueue::FileRefused(const std::string& file_key) {
  std::lock_guard<std::mutex> lock(mu_);
  return refused_files_.count(file_key) > 0;
}

void WriteQueue::ForgetRefusals(const std::string& file_key) {
  std::lock_guard<std::mutex> lock(mu_);
  refused_files_.erase(file_key);
}

WriteQueue::Refusals WriteQueue::TakeRefusals() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(refusals_, Refusals());
}

void WriteQueue::Fail(Status status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (failed_.ok()) failed_ = std::move(status);
}

bool WriteQueue::Enqueue(Op op, Status* error, std::uint64_t* ticket) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!failed_.ok()) {
    *error = failed_;
    return false;
  }
  const std::size_t bytes = op.bytes;
  not_full_.wait(lock, [&] {
    return queue_.empty() ||
           (queue_.size() < kMaxQueued && queued_bytes_ + bytes <= kMaxQueuedBytes);
  });
  queued_bytes_ += bytes;
  queue_.push_back(std::move(op));
  ++queued_ops_;
  if (ticket) *ticket = queued_ops_;
  not_empty_.notify_one();
  return true;
}

bool WriteQueue::Write(std::function<void()> run, Status* error, std::size_t bytes,
                       std::shared_ptr<const QueuedDocument> doc) {
  Op op;
  op.run = std::move(run);
  op.bytes = bytes;
  op.doc = std::move(doc);
  op.replay = true;
  return Enqueue(std::move(op), error);
}

bool WriteQueue::Post(std::function<void()> run, Status* error) {
  Op op;
  op.run = std::move(run);
  return Enqueue(std::move(op), error);
}

bool WriteQueue::Sync(std::function<void()> run, Status* error, bool writes) {
  std::uint64_t ticket = 0;
  Op op;
  op.run = std::move(run);
  op.writes = writes;
  if (!Enqueue(std::move(op), error, &ticket)) return false;
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [&] { return done_ops_ >= ticket; });
  if (!failed_.ok()) {
    *error = failed_;
    return false;
  }
  return true;
}

}  // namespace concord::indexer
