// concord.MentionStream (mention_stream.h): an iterator and a context
// manager; its to_pandas() is added by the package (concord/_frames.py).
#include "bindings.h"
#include "mention_stream.h"

namespace concord::python {

namespace py = pybind11;

void BindMentionStream(py::module_& m) {
  py::class_<MentionStream>(m, "MentionStream", R"doc(
Every mention of a figure, one record (a dict with concord-search's jsonl
fields) at a time, as Searcher.mentions returns it. The records come from a
listing that runs in a thread of its own and waits while 1,024 records are
ready and unread, so any number of them can be read in bounded memory.
close() (or leaving a with block, or dropping the stream) stops it.)doc")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &MentionStream::Next)
      .def_property_readonly("summary", &MentionStream::Summary, R"doc(
The listing's totals, complete before the first record: entities (what the
name resolved to), total_mentions, documents, documents_in_scope, truncated
(cut at the limit), partial (shards were skipped).)doc")
      .def("close", &MentionStream::Close, "Stops the listing; the iteration then ends.")
      .def("__enter__", [](py::object self) { return self; })
      .def(
          "__exit__",
          [](MentionStream& stream, const py::object&, const py::object&, const py::object&) {
            stream.Close();
          },
          py::arg("type"), py::arg("value"), py::arg("traceback"));
}

}  // namespace concord::python
