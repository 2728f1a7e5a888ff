// concord._concord: the public C++ API (include/concord/concord.hpp) for
// Python, under the package concord (docs/python.md).
#include <pybind11/pybind11.h>

#include <concord/concord.hpp>

#include "bindings.h"
#include "errors.h"

PYBIND11_MODULE(_concord, m) {
  m.doc() = "The compiled part of concord: use the package concord, not this module.";
  m.attr("__version__") = concord::Version();
  concord::python::RegisterErrors();
  concord::python::BindMentionStream(m);
  concord::python::BindIndex(m);
  concord::python::BindSearcher(m);
}
