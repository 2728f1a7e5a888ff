#ifndef CONCORD_PYTHON_INTERRUPT_H_
#define CONCORD_PYTHON_INTERRUPT_H_

// Long calls that Ctrl-C can stop, and Python callbacks called from the
// library's threads.

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace concord::python {

// How often a thread waiting for the library with the GIL released looks
// for a pending signal (Python runs signal handlers in the main thread, and
// only between bytecodes: a wait that never looks would ignore Ctrl-C).
inline constexpr std::chrono::milliseconds kSignalCheckInterval{50};

// Runs `work` on a thread of its own while the calling thread waits for it
// with the GIL released, running Python's signal handlers every
// kSignalCheckInterval. When one raises (KeyboardInterrupt on Ctrl-C),
// `*stop` is set for `work` to notice and return early; once it has
// returned, that exception is raised. An exception thrown by `work` is
// rethrown. REQUIRES: the GIL is held; `work` does not throw Python errors
// (it runs without the GIL).
void RunInterruptibly(std::atomic<bool>* stop, const std::function<void()>& work);

// A Python exception raised by a callback that the library called: it
// cannot travel through the library, so it is kept until the library call
// has returned, then raised. Keep and Raise need the GIL.
class CallbackError {
 public:
  void Keep(pybind11::error_already_set&& e) {
    if (!error_) error_ = std::move(e);
    kept_ = true;
  }
  // True once an exception was kept; safe without the GIL.
  bool kept() const { return kept_; }
  void RaiseIfKept() {
    if (error_) throw *error_;
  }

 private:
  std::optional<pybind11::error_already_set> error_;
  std::atomic<bool> kept_{false};
};

}  // namespace concord::python

#endif  // CONCORD_PYTHON_INTERRUPT_H_
