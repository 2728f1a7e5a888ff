#include "mention_stream.h"

#include <optional>
#include <utility>

#include "errors.h"
#include "interrupt.h"
#include "records.h"

namespace concord::python {

namespace py = pybind11;

std::unique_ptr<MentionStream> MentionStream::Start(const std::shared_ptr<SearcherPool>& pool,
                                                    const MentionRequest& request) {
  std::optional<SearcherLease> searcher;
  {
    py::gil_scoped_release release;
    searcher.emplace(pool->Take());
  }
  std::unique_ptr<MentionStream> stream(new MentionStream);
  MentionStream& s = *stream;
  s.worker_ = std::thread(&MentionStream::Run, &s, std::move(*searcher), request);
  Status failed;
  s.Await([&] { return s.summary_ready_ || s.done_; },
          [&] {
            if (s.done_ && s.queue_.empty()) failed = s.status_;
          });
  Check(failed);  // the stream is destroyed on the way out, its thread joined
  return stream;
}

MentionStream::~MentionStream() {
  Cancel();
  if (worker_.joinable()) worker_.join();
}

void MentionStream::Cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  cancelled_ = true;
  changed_.notify_all();
}

void MentionStream::Close() {
  Cancel();
  if (worker_.joinable()) {
    py::gil_scoped_release release;
    worker_.join();
  }
  taken_.clear();
  finished_ = true;
}

void MentionStream::Run(SearcherLease searcher, MentionRequest request) {
  MentionSummary summary;
  Status s;
  {
    const SearcherLease lease = std::move(searcher);  // given back at the end of the listing
    s = lease->Mentions(
        request, [&](Mention&& m) { return Deliver(std::move(m), summary); }, &summary);
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (s.ok() || !summary_ready_) summary_ = summary;
  summary_ready_ = true;
  status_ = s;
  done_ = true;
  changed_.notify_all();
}

Status MentionStream::Deliver(Mention&& mention, const MentionSummary& summary) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!summary_ready_) {
    summary_ = summary;  // complete before the first record (Searcher::Mentions)
    summary_ready_ = true;
    changed_.notify_all();
  }
  changed_.wait(lock, [&] { return cancelled_ || queue_.size() < kQueueCapacity; });
  if (cancelled_) return Status(Code::kCancelled, "the mention stream was closed");
  queue_.push_back(std::move(mention));
  // The reader is woken for a batch, not for each record (a wake-up and
  // the GIL's hand-over cost more than a record); it also looks every
  // kSignalCheckInterval, and at the end.
  if (queue_.size() == kWakeBatch) changed_.notify_all();
  return Status();
}

template <typename Ready, typename Then>
void MentionStream::Await(Ready ready, Then then) {
  for (;;) {
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu_);
      if (changed_.wait_for(lock, kSignalCheckInterval, ready)) {
        then();
        return;
      }
    }
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  }
}

bool MentionStream::Refill() {
  std::deque<Mention> got;
  Await([&] { return !queue_.empty() || done_; },
        [&] {
          got.swap(queue_);
          changed_.notify_all();  // room in the queue again
        });
  // Another thread may have refilled meanwhile (next() from two threads).
  if (taken_.empty()) {
    taken_.swap(got);
  } else {
    for (Mention& m : got) taken_.push_back(std::move(m));
  }
  return !taken_.empty();
}

py::dict MentionStream::Next() {
  if (taken_.empty() && !finished_ && !Refill()) {
    finished_ = true;
    Status s;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      s = status_;
    }
    if (s.code() != Code::kCancelled) Check(s);
  }
  if (taken_.empty()) throw py::stop_iteration();
  const Mention m = std::move(taken_.front());
  taken_.pop_front();
  return MentionRecord(m);
}

py::dict MentionStream::Summary() {
  MentionSummary summary;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    summary = summary_;
  }
  return SummaryRecord(summary);
}

}  // namespace concord::python
