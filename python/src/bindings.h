#ifndef CONCORD_PYTHON_BINDINGS_H_
#define CONCORD_PYTHON_BINDINGS_H_

// The classes of the compiled module concord._concord, one file each. The
// package concord (python/concord/) wraps them in its typed, documented
// classes; these take plain arguments (paths as bytes or str, options
// spelled out) and return plain data (records.h).

#include <pybind11/pybind11.h>

namespace concord::python {

void BindIndex(pybind11::module_& m);          // index_binding.cc: _Index
void BindSearcher(pybind11::module_& m);       // searcher_binding.cc: _Searcher
void BindMentionStream(pybind11::module_& m);  // mention_stream_binding.cc: MentionStream

}  // namespace concord::python

#endif  // CONCORD_PYTHON_BINDINGS_H_
