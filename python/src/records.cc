#include "records.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <vector>

#include "errors.h"
#include "text.h"

namespace concord::python {
namespace {

namespace py = pybind11;

// `value` printed with `format` ("%.4f") and read back, as concord-search's
// std::stod(FormatScore(...)) gives it.
double Rounded(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return std::strtod(buf, nullptr);
}

// share and per_1000 of a bucket, None for an empty one.
void AddRates(std::size_t mentions, std::size_t documents, std::size_t in_scope, py::dict* d) {
  if (in_scope == 0) {
    (*d)["share"] = py::none();
    (*d)["per_1000"] = py::none();
    return;
  }
  (*d)["share"] = Rounded("%.4f", static_cast<double>(documents) / in_scope);
  (*d)["per_1000"] = Rounded("%.2f", PerThousandDocuments(mentions, in_scope));
}

py::list Texts(const std::vector<std::string>& texts) {
  py::list out;
  for (const std::string& t : texts) out.append(PyText(t));
  return out;
}

}  // namespace

py::dict HitRecord(const Hit& h) {
  const Article& a = h.article;
  py::list spans;
  for (const auto& [start, end] : h.highlights) {
    py::list span;  // a list, as the JSON array it is in concord-search's output
    span.append(start);
    span.append(end);
    spans.append(span);
  }
  py::dict d;
  d["rank"] = h.rank;
  d["path"] = PyText(EscapedName(a.path));
  d["id"] = PyText(EscapedName(a.id));
  d["title"] = PyText(a.title);
  d["date"] = PyText(a.date);
  d["source"] = PyText(a.source);
  d["url"] = PyText(a.url);
  d["lang"] = PyText(a.lang);
  d["score"] = Rounded("%.4f", h.score);
  d["snippet"] = PyText(h.snippet);
  d["highlights"] = spans;
  d["copies"] = h.copies;
  return d;
}

py::dict MentionRecord(const Mention& m) {
  const Article& a = m.article;
  py::dict d;
  d["doc"] = PyText(EscapedName(a.id));
  d["path"] = PyText(EscapedName(a.path));
  d["title"] = PyText(a.title);
  d["date"] = PyText(a.date);
  d["source"] = PyText(a.source);
  d["lang"] = PyText(a.lang);
  d["entity"] = PyText(m.entity);
  d["label"] = PyText(m.label);
  d["surface"] = PyText(m.surface);
  d["start"] = m.start;
  d["end"] = m.end;
  d["byte_start"] = m.byte_start;
  d["byte_end"] = m.byte_end;
  d["rung"] = PyText(m.rung);
  d["evidence"] = PyText(m.evidence);
  d["left"] = PyText(m.left);
  d["right"] = PyText(m.right);
  d["confidence"] = PyText(m.confidence);
  return d;
}

py::dict SummaryRecord(const MentionSummary& s) {
  py::dict d;
  d["entities"] = Texts(s.entities);
  d["total_mentions"] = s.mentions;
  d["documents"] = s.documents;
  d["documents_in_scope"] = s.documents_in_scope;
  d["truncated"] = s.truncated;
  d["partial"] = s.partial;
  return d;
}

py::dict DocumentRecord(const Article& a, std::size_t text_start) {
  py::dict d;
  d["id"] = PyText(EscapedName(a.id));
  d["path"] = PyText(EscapedName(a.path));
  d["title"] = PyText(a.title);
  d["date"] = PyText(a.date);
  d["source"] = PyText(a.source);
  d["url"] = PyText(a.url);
  d["lang"] = PyText(a.lang);
  d["text"] = PyText(a.text);
  d["text_start"] = text_start;
  return d;
}

py::dict StatisticsRecord(const IndexStatistics& s) {
  py::dict d;
  d["documents"] = s.documents;
  d["files"] = s.files;
  d["languages"] = Texts(s.languages);
  d["entities_hash"] = PyText(s.entities_hash);
  d["format"] = s.format;
  d["shards"] = s.shards;
  d["segments"] = s.segments;
  return d;
}

py::dict UpdateRecord(const UpdateReport& r) {
  py::dict d;
  d["files_added"] = r.files_added;
  d["files_updated"] = r.files_updated;
  d["files_unchanged"] = r.files_unchanged;
  d["files_removed"] = r.files_removed;
  d["files_skipped"] = r.files_skipped;
  d["documents_added"] = r.documents_added;
  d["documents_updated"] = r.documents_updated;
  d["documents_removed"] = r.documents_removed;
  d["warnings"] = Texts(r.warnings);
  d["interrupted"] = r.interrupted;
  return d;
}

py::list CountRecords(const std::string& by_name, const CountTable& table, bool one_figure_layout) {
  py::list rows;
  for (const CountTableRow& r : table.rows) {
    py::dict row;
    row[by_name.c_str()] = PyText(r.key);
    if (one_figure_layout) {
      const FigureCount& f = r.figures.front();
      row["mentions"] = f.mentions;
      row["documents"] = f.documents;
      row["documents_in_scope"] = r.documents_in_scope;
      AddRates(f.mentions, f.documents, r.documents_in_scope, &row);
    } else {
      py::list counts;
      for (std::size_t i = 0; i < table.figures.size(); ++i) {
        const FigureCount& f = r.figures[i];
        py::dict c;
        c["figure"] = PyText(table.figures[i]);
        c["mentions"] = f.mentions;
        c["documents"] = f.documents;
        AddRates(f.mentions, f.documents, r.documents_in_scope, &c);
        counts.append(c);
      }
      row["documents_in_scope"] = r.documents_in_scope;
      row["counts"] = counts;
    }
    rows.append(row);
  }
  return rows;
}

py::list FigureRecords(const CountTable& table) {
  py::list figures;
  for (std::size_t i = 0; i < table.figures.size(); ++i) {
    const MentionSummary& s = table.summaries[i];
    py::dict f;
    f["name"] = PyText(table.figures[i]);
    f["entities"] = Texts(s.entities);
    f["total_mentions"] = s.mentions;
    f["documents"] = s.documents;
    figures.append(f);
  }
  return figures;
}

Article ArticleFromDict(const py::dict& fields) {
  Article a;
  std::string* const slots[] = {&a.id,     &a.path, &a.title, &a.date,
                                &a.source, &a.url,  &a.lang,  &a.text};
  const char* const names[] = {"id", "path", "title", "date", "source", "url", "lang", "text"};
  for (const auto& [key, value] : fields) {
    const std::string name = py::str(key);
    std::size_t i = 0;
    while (i < std::size(names) && name != names[i]) ++i;
    if (i == std::size(names)) {
      throw StatusError(Status(Code::kInvalidArgument,
                               "unknown article field '" + name +
                                   "' (known: id, path, title, date, source, url, lang, text)"));
    }
    if (value.is_none()) continue;
    if (!py::isinstance<py::str>(value) && !py::isinstance<py::bytes>(value)) {
      throw py::type_error("article field '" + name + "' must be str, bytes or None, not " +
                           std::string(py::str(py::type::of(value).attr("__name__"))));
    }
    *slots[i] = value.cast<std::string>();
  }
  return a;
}

}  // namespace concord::python
