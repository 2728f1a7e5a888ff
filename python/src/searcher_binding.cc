// _Searcher: concord::Searcher for concord.Searcher
// (python/concord/_searcher.py). Every call runs with the GIL released, on
// a searcher borrowed from the pool for its duration (searcher_pool.h): one
// when calls come one at a time, one per call running at once otherwise.
#include <pybind11/stl.h>

#include <limits>
#include <optional>

#include "bindings.h"
#include "dictionary.h"
#include "errors.h"
#include "mention_stream.h"
#include "records.h"
#include "searcher_pool.h"
#include "text.h"

namespace concord::python {
namespace {

namespace py = pybind11;

// The --count-by keys of concord-search (concord::ParseCountBy).
CountBy CountKey(const std::string& by) {
  CountBy key;
  if (ParseCountBy(by, &key)) return key;
  throw StatusError(Status(Code::kInvalidArgument, std::string("by must be one of ") +
                                                       kCountByNames + ", not '" + by + "'"));
}

MentionRequest Request(const std::string& name, const std::string& query, bool aliases,
                       const std::string& min_confidence) {
  MentionRequest r;
  r.name = name;
  r.filter = query;
  r.aliases = aliases;
  r.min_confidence = min_confidence;
  return r;
}

class SearcherBinding {
 public:
  SearcherBinding(const std::vector<std::string>& paths,
                  const std::vector<std::string>& entity_files, bool allow_partial,
                  unsigned remote_timeout_ms) {
    py::gil_scoped_release release;
    SearcherSource source;
    source.paths = paths;
    source.dictionary = LoadDictionary(entity_files, &dictionary_warnings_);
    source.options.allow_partial = allow_partial;
    source.options.remote_timeout_ms = remote_timeout_ms;
    pool_ = std::make_shared<SearcherPool>(std::move(source));
    pool_->Take();  // opened now, so that a bad path raises here, and kept
  }

  // (hits, total, total_exact, partial, ignored).
  py::tuple Search(const std::string& query, std::size_t limit, std::size_t offset,
                   const std::string& sort, bool aliases, bool collapse, bool exact_total,
                   std::size_t snippet_words) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.offset = offset;
    if (sort == "date") {
      request.sort = SortOrder::kDateNewestFirst;
    } else if (sort != "relevance") {
      throw StatusError(
          Status(Code::kInvalidArgument, "sort must be 'relevance' or 'date', not '" + sort + "'"));
    }
    request.aliases = aliases;
    request.collapse = collapse;
    request.exact_total = exact_total;
    request.snippet_words = snippet_words;
    SearchResult result;
    WithSearcher([&](Searcher& s) { return s.Search(request, &result); });
    py::list hits;
    for (const Hit& h : result.hits) hits.append(HitRecord(h));
    py::list ignored;
    for (const IgnoredWord& w : result.ignored) {
      py::dict word;
      word["text"] = PyText(w.text);
      word["column"] = w.column;
      ignored.append(word);
    }
    return py::make_tuple(hits, result.total, result.total_exact, result.partial, ignored);
  }

  std::unique_ptr<MentionStream> Mentions(const std::string& name, const std::string& query,
                                          std::optional<std::size_t> limit,
                                          std::size_t context_words, bool aliases,
                                          const std::string& min_confidence) {
    MentionRequest request = Request(name, query, aliases, min_confidence);
    request.limit = limit ? *limit : std::numeric_limits<std::size_t>::max();
    request.context_words = context_words;
    return MentionStream::Start(pool_, request);
  }

  // (rows, figures, documents_in_scope, partial).
  py::tuple Count(const std::vector<std::string>& names, const std::string& by,
                  const std::string& query, bool aliases, const std::string& min_confidence,
                  bool one_figure_layout) {
    const CountBy key = CountKey(by);
    std::vector<MentionRequest> figures;
    for (const std::string& name : names) {
      figures.push_back(Request(name, query, aliases, min_confidence));
    }
    CountTable table;
    WithSearcher([&](Searcher& s) { return s.Count(figures, key, &table); });
    bool partial = false;
    for (const MentionSummary& s : table.summaries) partial = partial || s.partial;
    return py::make_tuple(CountRecords(by, table, one_figure_layout), FigureRecords(table),
                          table.summaries.front().documents_in_scope, partial);
  }

  std::string Explain(const std::string& query, bool aliases, bool json) {
    std::string out;
    WithSearcher([&](Searcher& s) {
      return json ? s.ExplainJson(query, aliases, &out) : s.Explain(query, aliases, &out);
    });
    return Sanitized(out);
  }

  py::dict Document(const std::string& id) {
    Article article;
    std::size_t text_start = 0;
    WithSearcher([&](Searcher& s) { return s.Document(id, &article, &text_start); });
    return DocumentRecord(article, text_start);
  }

  py::dict Statistics() {
    IndexStatistics stats;
    WithSearcher([&](Searcher& s) { return s.Statistics(&stats); });
    return StatisticsRecord(stats);
  }

  // Warnings(), UnavailableShards(), DuplicateDatabases(), DictionariesDiffer().
  py::dict Notes() {
    std::vector<std::string> warnings, unavailable, duplicates;
    bool differ = false;
    WithSearcher([&](Searcher& s) {
      warnings = s.Warnings();
      unavailable = s.UnavailableShards();
      duplicates = s.DuplicateDatabases();
      differ = s.DictionariesDiffer();
      return Status();
    });
    py::dict notes;
    notes["warnings"] = Sanitized(warnings);
    notes["unavailable_shards"] = Sanitized(unavailable);
    notes["duplicate_databases"] = Sanitized(duplicates);
    notes["dictionaries_differ"] = differ;
    notes["dictionary_warnings"] = Sanitized(dictionary_warnings_);
    return notes;
  }

  void Refresh() {
    py::gil_scoped_release release;
    pool_->Refresh();
  }
  void Close() {
    py::gil_scoped_release release;
    pool_->Close();
  }

 private:
  static std::vector<std::string> Sanitized(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const std::string& line : lines) out.push_back(python::Sanitized(line));
    return out;
  }
  static std::string Sanitized(const std::string& text) { return python::Sanitized(text); }

  // Runs `call` on a borrowed searcher with the GIL released; throws its
  // failure.
  template <typename Call>
  void WithSearcher(Call call) {
    Status s;
    {
      py::gil_scoped_release release;
      const SearcherLease searcher = pool_->Take();
      s = call(*searcher);
    }
    Check(s);
  }

  std::vector<std::string> dictionary_warnings_;
  std::shared_ptr<SearcherPool> pool_;
};

}  // namespace

void BindSearcher(py::module_& m) {
  py::class_<SearcherBinding>(m, "_Searcher")
      .def(py::init<const std::vector<std::string>&, const std::vector<std::string>&, bool,
                    unsigned>(),
           py::arg("paths"), py::arg("entity_files"), py::arg("allow_partial"),
           py::arg("remote_timeout_ms"))
      .def("search", &SearcherBinding::Search, py::arg("query"), py::arg("limit"),
           py::arg("offset"), py::arg("sort"), py::arg("aliases"), py::arg("collapse"),
           py::arg("exact_total"), py::arg("snippet_words"))
      .def("mentions", &SearcherBinding::Mentions, py::arg("name"), py::arg("query"),
           py::arg("limit"), py::arg("context_words"), py::arg("aliases"),
           py::arg("min_confidence"))
      .def("count", &SearcherBinding::Count, py::arg("names"), py::arg("by"), py::arg("query"),
           py::arg("aliases"), py::arg("min_confidence"), py::arg("one_figure_layout"))
      .def("explain", &SearcherBinding::Explain, py::arg("query"), py::arg("aliases"),
           py::arg("json"))
      .def("document", &SearcherBinding::Document, py::arg("id"))
      .def("stats", &SearcherBinding::Statistics)
      .def("notes", &SearcherBinding::Notes)
      .def("refresh", &SearcherBinding::Refresh)
      .def("close", &SearcherBinding::Close);
}

}  // namespace concord::python
