// _Index: concord::Index for concord.Index (python/concord/_index.py). Every
// call runs with the GIL released; one call at a time (a mutex), since
// concord::Index is not thread-safe. add_paths runs on a thread of its own
// so that Ctrl-C stops it (interrupt.h): the update stops at the next file
// or document, after committing what was read, and KeyboardInterrupt is
// raised.
#include <pybind11/stl.h>

#include <atomic>
#include <mutex>

#include "bindings.h"
#include "dictionary.h"
#include "errors.h"
#include "interrupt.h"
#include "records.h"
#include "text.h"

namespace concord::python {
namespace {

namespace py = pybind11;

class IndexBinding {
 public:
  IndexBinding(const std::string& path, std::size_t shards,
               const std::vector<std::string>& entity_files, bool tag_entities,
               std::size_t batch_bytes, bool create, bool stem_terms) {
    py::gil_scoped_release release;
    const auto dictionary = LoadDictionary(entity_files, &dictionary_warnings_);
    IndexOptions options;
    options.create_if_missing = create;
    options.tag_entities = tag_entities;
    options.entities = dictionary.get();
    options.batch_bytes = batch_bytes;
    options.shards = shards;
    options.stem_terms = stem_terms;
    Check(Index::Open(path, options, &index_));
  }

  void Add(const py::dict& fields) {
    const Article article = ArticleFromDict(fields);
    Locked([&](Index& index) { return index.Add(article); });
  }
  void Remove(const std::string& id) {
    Locked([&](Index& index) { return index.Remove(id); });
  }
  void Commit() {
    Locked([](Index& index) { return index.Commit(); });
  }
  std::size_t Retag() {
    std::size_t documents = 0;
    Locked([&](Index& index) { return index.Retag(&documents); });
    return documents;
  }
  void Optimize() {
    Locked([](Index& index) { return index.Optimize(); });
  }
  py::dict Statistics() {
    IndexStatistics stats;
    Locked([&](Index& index) { return index.Statistics(&stats); });
    return StatisticsRecord(stats);
  }
  py::dict AddPaths(const std::vector<std::string>& paths, const py::object& progress,
                    const py::object& on_warning, bool prune, bool verify,
                    const std::vector<std::pair<std::string, std::string>>& jsonl_fields,
                    std::size_t threads);
  // Drops what was not committed and releases the database. Idempotent.
  void Close() {
    Check(NotReentered());
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    index_.reset();
  }
  bool closed() {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mu_);
    return index_ == nullptr;
  }
  const std::vector<std::string>& dictionary_warnings() const { return dictionary_warnings_; }

 private:
  // Runs `call` on the index with the GIL released and the mutex held;
  // throws its failure.
  template <typename Call>
  void Locked(Call call) {
    Status s = NotReentered();
    if (s.ok()) {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mu_);
      s = index_ ? call(*index_) : Status(Code::kInvalidArgument, "the index is closed");
    }
    Check(s);
  }

  // A callback of add_paths that calls an index would wait for itself (or
  // for the add_paths of another index, which may wait for it).
  static Status NotReentered() {
    if (!in_add_paths_callback) return Status();
    return Status(Code::kInvalidArgument,
                  "the index is busy: a callback of add_paths cannot use an index");
  }
  static thread_local bool in_add_paths_callback;

  std::mutex mu_;
  std::unique_ptr<Index> index_;  // guarded by mu_; null once closed
  std::vector<std::string> dictionary_warnings_;
};

thread_local bool IndexBinding::in_add_paths_callback = false;

// Marks the thread as running a callback of add_paths while it lives.
class InCallback {
 public:
  explicit InCallback(bool* flag) : flag_(flag) { *flag_ = true; }
  ~InCallback() { *flag_ = false; }

 private:
  bool* flag_;
};

py::dict IndexBinding::AddPaths(
    const std::vector<std::string>& paths, const py::object& progress, const py::object& on_warning,
    bool prune, bool verify, const std::vector<std::pair<std::string, std::string>>& jsonl_fields,
    std::size_t threads) {
  std::atomic<bool> stop{false};
  CallbackError callback_error;
  UpdateOptions options;
  options.prune = prune;
  options.verify = verify;
  options.jsonl_fields = jsonl_fields;
  options.threads = threads;
  // Called from the library's threads, one call at a time.
  options.progress = [&](std::size_t files_done, std::size_t files, std::uint64_t bytes_done,
                         std::uint64_t bytes) {
    if (stop.load() || callback_error.kept()) return false;
    if (progress.is_none()) return true;
    py::gil_scoped_acquire gil;
    InCallback marked(&in_add_paths_callback);
    try {
      // Only an explicit False stops: a callback that returns nothing goes on.
      return progress(files_done, files, bytes_done, bytes).ptr() != Py_False;
    } catch (py::error_already_set& e) {
      callback_error.Keep(std::move(e));
      return false;
    }
  };
  if (!on_warning.is_none()) {
    options.on_warning = [&](const std::string& warning) {
      if (callback_error.kept()) return;
      py::gil_scoped_acquire gil;
      InCallback marked(&in_add_paths_callback);
      try {
        on_warning(PyText(warning));
      } catch (py::error_already_set& e) {
        callback_error.Keep(std::move(e));
      }
    };
  }
  UpdateReport report;
  Status s;
  RunInterruptibly(&stop, [&] {
    std::lock_guard<std::mutex> lock(mu_);
    s = index_ ? index_->AddPaths(paths, options, &report)
               : Status(Code::kInvalidArgument, "the index is closed");
  });
  callback_error.RaiseIfKept();
  Check(s);
  return UpdateRecord(report);
}

}  // namespace

void BindIndex(py::module_& m) {
  py::class_<IndexBinding>(m, "_Index")
      .def(py::init<const std::string&, std::size_t, const std::vector<std::string>&, bool,
                    std::size_t, bool, bool>(),
           py::arg("path"), py::arg("shards"), py::arg("entity_files"), py::arg("tag_entities"),
           py::arg("batch_bytes"), py::arg("create"), py::arg("stem_terms"))
      .def("add", &IndexBinding::Add, py::arg("article"))
      .def("remove", &IndexBinding::Remove, py::arg("id"))
      .def("commit", &IndexBinding::Commit)
      .def("retag", &IndexBinding::Retag)
      .def("optimize", &IndexBinding::Optimize)
      .def("stats", &IndexBinding::Statistics)
      .def("add_paths", &IndexBinding::AddPaths, py::arg("paths"), py::arg("progress"),
           py::arg("on_warning"), py::arg("prune"), py::arg("verify"), py::arg("jsonl_fields"),
           py::arg("threads"))
      .def("close", &IndexBinding::Close)
      .def_property_readonly("closed", &IndexBinding::closed)
      .def_property_readonly("dictionary_warnings", &IndexBinding::dictionary_warnings);
}

}  // namespace concord::python
