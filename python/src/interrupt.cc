#include "interrupt.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace concord::python {

namespace py = pybind11;

void RunInterruptibly(std::atomic<bool>* stop, const std::function<void()>& work) {
  std::mutex mu;
  std::condition_variable finished;
  bool done = false;
  std::exception_ptr thrown;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      thrown = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mu);
    done = true;
    finished.notify_all();
  });
  bool interrupted = false;
  for (;;) {
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu);
      if (interrupted) {
        finished.wait(lock, [&] { return done; });
      } else {
        finished.wait_for(lock, kSignalCheckInterval, [&] { return done; });
      }
      if (done) break;
    }
    // The error indicator this sets stays with this thread until raised below.
    if (PyErr_CheckSignals() != 0) {
      interrupted = true;
      stop->store(true);
    }
  }
  worker.join();
  if (interrupted) throw py::error_already_set();
  if (thrown) std::rethrow_exception(thrown);
}

}  // namespace concord::python
