#include "errors.h"

#include "text.h"

namespace concord::python {

namespace py = pybind11;

void RegisterErrors() {
  // Kept for the life of the process: the translator may run until the
  // interpreter exits, and a static py::object would be released after it.
  static py::object* errors = new py::object(py::module_::import("concord._errors"));
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const StatusError& e) {
      const Status& s = e.status();
      py::object type = errors->attr("error_class")(CodeName(s.code()));
      py::object error = type(PyText(s.message()), s.column());
      PyErr_SetObject(type.ptr(), error.ptr());
    }
  });
}

}  // namespace concord::python
