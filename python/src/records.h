#ifndef CONCORD_PYTHON_RECORDS_H_
#define CONCORD_PYTHON_RECORDS_H_

// The library's results as Python dicts with concord-search's JSON field
// names and values (tools/print_json.cc, without the envelope's
// format_version), and articles from Python dicts. REQUIRES: the GIL is held
// for every function here.

#include <pybind11/pybind11.h>

#include <concord/concord.hpp>
#include <string>

namespace concord::python {

pybind11::dict HitRecord(const Hit& hit);
pybind11::dict MentionRecord(const Mention& mention);
// A listing's summary as concord-search's json ends it: entities,
// total_mentions, documents, documents_in_scope, truncated, partial.
pybind11::dict SummaryRecord(const MentionSummary& summary);
// A document with its text (Searcher::Document): id, path, title, date,
// source, url, lang, text and text_start.
pybind11::dict DocumentRecord(const Article& article, std::size_t text_start);
pybind11::dict StatisticsRecord(const IndexStatistics& stats);
pybind11::dict UpdateRecord(const UpdateReport& report);

// Count rows keyed `by_name`: one figure in concord-search's one-figure
// layout (key, mentions, documents, documents_in_scope, share, per_1000),
// else in its layout for several (key, documents_in_scope, counts: a list
// of {figure, mentions, documents, share, per_1000}).
pybind11::list CountRecords(const std::string& by_name, const CountTable& table,
                            bool one_figure_layout);
// Per figure of a count: name, entities, total_mentions, documents.
pybind11::list FigureRecords(const CountTable& table);

// An Article from a dict with some of the keys id, path, title, date,
// source, url, lang, text (str or bytes; None is ""). Another key is an
// invalid_argument StatusError, another value type a TypeError.
Article ArticleFromDict(const pybind11::dict& fields);

}  // namespace concord::python

#endif  // CONCORD_PYTHON_RECORDS_H_
