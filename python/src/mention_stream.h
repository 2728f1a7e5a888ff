#ifndef CONCORD_PYTHON_MENTION_STREAM_H_
#define CONCORD_PYTHON_MENTION_STREAM_H_

// concord.MentionStream: Searcher::Mentions pushes records into a sink;
// Python pulls them with next(). A thread of the stream's own runs the
// listing, on a Searcher of its own (so the concord.Searcher that made the
// stream stays usable while it is read), and hands the records over through
// a queue of at most kQueueCapacity: the listing waits while the queue is
// full, so a stream of any length holds a bounded number of records on
// this side (the library itself collects a listing's records before it
// hands out the first). next() waits with the GIL released and runs signal
// handlers meanwhile (Ctrl-C). Closing the stream, or its destruction (the
// garbage collector), stops the listing: the sink returns Code::kCancelled.
//
// Thread safety: the methods need the GIL (which serializes them); the
// worker thread never takes it.

#include <pybind11/pybind11.h>

#include <concord/concord.hpp>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "searcher_pool.h"

namespace concord::python {

class MentionStream {
 public:
  static constexpr std::size_t kQueueCapacity = 1024;
  static constexpr std::size_t kWakeBatch = 64;  // < kQueueCapacity

  // Borrows a searcher from `pool`, starts the listing and returns once its
  // summary is known (the first record is there or the listing has ended),
  // so that a bad request raises here. REQUIRES: the GIL is held.
  static std::unique_ptr<MentionStream> Start(const std::shared_ptr<SearcherPool>& pool,
                                              const MentionRequest& request);
  ~MentionStream();
  MentionStream(const MentionStream&) = delete;
  MentionStream& operator=(const MentionStream&) = delete;

  // The next record (records.h), py::stop_iteration after the last one; a
  // listing that failed raises its error after the records it delivered.
  pybind11::dict Next();
  // SummaryRecord of the listing: complete before the first record.
  pybind11::dict Summary();
  // Stops the listing and waits for its thread; next() then ends. Idempotent.
  void Close();

 private:
  MentionStream() = default;
  void Run(SearcherLease searcher, MentionRequest request);          // the worker
  Status Deliver(Mention&& mention, const MentionSummary& summary);  // its sink
  // Waits with the GIL released until `ready()` holds, then runs `then()`,
  // both under mu_ (neither may touch Python); runs signal handlers every
  // kSignalCheckInterval and throws the error one raises.
  template <typename Ready, typename Then>
  void Await(Ready ready, Then then);
  // Moves what the worker queued into taken_; false when nothing more will come.
  bool Refill();
  void Cancel();

  std::mutex mu_;
  std::condition_variable changed_;  // queue_, summary_ready_, done_ or cancelled_ changed
  std::deque<Mention> queue_;        // guarded by mu_
  MentionSummary summary_;           // guarded by mu_; complete once summary_ready_
  Status status_;                    // guarded by mu_; the listing's, once done_
  bool summary_ready_ = false;       // guarded by mu_
  bool done_ = false;                // guarded by mu_
  bool cancelled_ = false;           // guarded by mu_
  std::deque<Mention> taken_;        // the reading side's, under the GIL
  bool finished_ = false;            // under the GIL: the end (or error) was reported
  std::thread worker_;
};

}  // namespace concord::python

#endif  // CONCORD_PYTHON_MENTION_STREAM_H_
