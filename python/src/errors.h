#ifndef CONCORD_PYTHON_ERRORS_H_
#define CONCORD_PYTHON_ERRORS_H_

// Status to Python exception: a failed Status is thrown as a StatusError
// and becomes, at the module's edge, the concord.Error subclass of its code
// (concord/_errors.py: concord.QuerySyntaxError with .column,
// concord.LockedError...), with the library's message.

#include <pybind11/pybind11.h>

#include <concord/concord.hpp>
#include <exception>
#include <utility>

namespace concord::python {

class StatusError : public std::exception {
 public:
  explicit StatusError(Status status) : status_(std::move(status)) {}
  const Status& status() const { return status_; }
  const char* what() const noexcept override { return status_.message().c_str(); }

 private:
  Status status_;
};

// Throws a StatusError unless `status` is ok.
inline void Check(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

// Imports concord._errors and installs the translator of StatusError.
// REQUIRES: called once, from the module's initialisation.
void RegisterErrors();

}  // namespace concord::python

#endif  // CONCORD_PYTHON_ERRORS_H_
