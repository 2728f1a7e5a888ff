// "/mentions": every mention of up to kMaxNames figures as a KWIC table,
// with their attention chart (/chart.svg, same parameters) and counts.
#include "tools/printer.h"
#include "tools/serve/html.h"
#include "tools/serve/kwic.h"
#include "tools/serve/views.h"

namespace concord::serve {
namespace {

constexpr std::size_t kPageSize = 100;
const char* const kRungs[] = {"exact", "inflection", "derived", "name-key", "typo"};

std::string Option(const std::string& value, const std::string& label, bool selected) {
  return "<option value=\"" + Html(value) + "\"" + (selected ? " selected" : "") + ">" +
         Html(label) + "</option>";
}

std::string Select(const char* name, const char* label, const std::string& current,
                   const std::vector<std::pair<std::string, std::string>>& options) {
  std::string out = std::string("<label>") + label + " <select name=\"" + name + "\">";
  for (const auto& [value, text] : options) out += Option(value, text, value == current);
  return out + "</select></label>";
}

std::string Form(const KwicRequest& r, const std::string& sort, const std::string& rung,
                 const std::string& variant) {
  std::string out = "<form class=\"mentions\" action=\"/mentions\" method=\"get\"><div>";
  std::vector<std::string> names = r.figures.names;
  if (names.size() < kMaxNames) names.emplace_back();
  for (const std::string& n : names) {
    out += "<input type=\"text\" name=\"name\" value=\"" + Html(n) +
           "\" placeholder=\"a name: Zelensky, Путин, NATO\" aria-label=\"Name\">";
  }
  out += "</div><div><input type=\"search\" name=\"q\" value=\"" + Html(r.figures.filter) +
         "\" placeholder=\"in documents matching (optional): lang:fr date:2025-06\" "
         "aria-label=\"Filter query\"></div><div class=\"options\">";
  out += Select("by", "Counts by", r.figures.by_name,
                {{"week", "week"},
                 {"month", "month"},
                 {"date", "day"},
                 {"source", "source"},
                 {"lang", "language"},
                 {"variant", "spelling"}});
  out += Select("sort", "Sort", sort,
                {{"doc", "document order"}, {"left", "left context"}, {"right", "right context"}});
  std::vector<std::pair<std::string, std::string>> rungs = {{"", "any"}};
  for (const char* k : kRungs) rungs.emplace_back(k, k);
  out += Select("rung", "Rung", rung, rungs);
  out += Select("confidence", "Confidence at least", r.figures.min_confidence,
                {{"low", "low (all)"}, {"medium", "medium"}, {"high", "high"}});
  out += "<label>Spelling <input type=\"text\" name=\"variant\" value=\"" + Html(variant) +
         "\" placeholder=\"any\" size=\"12\"></label>";
  return out + "<button type=\"submit\">List mentions</button></div></form>\n";
}

std::string ChartHtml(const FigureQuery& f, const std::string& metric) {
  Url chart("/chart.svg");
  AddFigureParams(f, &chart);
  chart.Add("metric", metric);
  Url other("/mentions");
  AddFigureParams(f, &other);
  other.Add("metric", metric == "per1000" ? "" : "per1000");
  std::string names;
  for (const std::string& n : f.names) names += (names.empty() ? "" : ", ") + n;
  return "<figure class=\"chart\"><img src=\"" + chart.attr() + "\" alt=\"" +
         Html("Mentions of " + names + " by " + f.by_name) +
         "\" width=\"960\" height=\"540\"><figcaption>" +
         (metric == "per1000" ? "Mentions per 1,000 documents. " : "Mentions. ") +
         "<a data-swap href=\"" + other.attr() + "\">" +
         (metric == "per1000" ? "Show mentions" : "Show per 1,000 documents") +
         "</a></figcaption></figure>\n";
}

std::string CountsHtml(const FigureQuery& f, const CountTable& table) {
  std::string out = "<table class=\"counts\"><thead><tr><th rowspan=\"2\">" + Html(f.by_name) +
                    "</th><th rowspan=\"2\">documents</th>";
  for (const std::string& n : table.figures) out += "<th colspan=\"3\">" + Html(n) + "</th>";
  out += "</tr><tr>";
  for (std::size_t k = 0; k < table.figures.size(); ++k) {
    out += "<th>mentions</th><th>documents</th><th>per 1,000</th>";
  }
  out += "</tr></thead><tbody>";
  for (const CountTableRow& row : table.rows) {
    out += "<tr><td>" + Html(row.key.empty() ? "(none)" : row.key) + "</td><td>" +
           Thousands(row.documents_in_scope) + "</td>";
    for (const FigureCount& c : row.figures) {
      out += "<td>" + Thousands(c.mentions) + "</td><td>" + Thousands(c.documents) + "</td><td>" +
             cli::FormatPerThousand(c.mentions, row.documents_in_scope) + "</td>";
    }
    out += "</tr>";
  }
  Url csv("/counts.csv"), json("/api/counts");
  AddFigureParams(f, &csv);
  AddFigureParams(f, &json);
  return out + "</tbody></table><p class=\"downloads\">Counts: <a href=\"" + csv.attr() +
         "\" download>CSV</a> · <a href=\"" + json.attr() + "\">JSON</a></p>\n";
}

std::string SummaryHtml(const FigureQuery& f, const CountTable& table) {
  std::string out = "<ul class=\"summary\">";
  for (std::size_t k = 0; k < table.figures.size() && k < table.summaries.size(); ++k) {
    const MentionSummary& s = table.summaries[k];
    Url csv("/mentions.csv"), jsonl("/mentions.jsonl");
    for (Url* u : {&csv, &jsonl}) {
      u->Add("name", table.figures[k]).Add("q", f.filter);
      if (f.min_confidence != "low") u->Add("confidence", f.min_confidence);
    }
    out += "<li><strong>" + Html(table.figures[k]) + "</strong>";
    if (s.entities.empty()) {
      out += " (no figure of the dictionaries: the name as typed)";
    } else {
      std::string ids;
      for (const std::string& e : s.entities) ids += (ids.empty() ? "" : ", ") + e;
      out += " (" + Html(ids) + ")";
    }
    out += ": " + Thousands(s.mentions) + " mentions in " + Thousands(s.documents) + " of " +
           Thousands(s.documents_in_scope) + " documents. <a href=\"" + csv.attr() +
           "\" download>CSV</a> · <a href=\"" + jsonl.attr() + "\" download>JSON Lines</a></li>";
  }
  return out + "</ul>\n";
}

std::string RowHtml(const KwicRow& row, const FigureQuery& f) {
  const Mention& m = row.mention;
  const Article& a = m.article;
  Url link("/doc");
  link.Add("id", a.id);
  if (row.text_start != std::string::npos) {
    link.Add("start", row.text_start).Add("end", row.text_end);
  }
  const std::string doc = link.attr() + (row.text_start != std::string::npos ? "#hit" : "");
  std::string out = "<tr><td class=\"left\">" + Html(m.left) + "</td><td class=\"kw\"><a href=\"" +
                    doc + "\"><mark>" + Html(m.surface) + "</mark></a></td><td class=\"right\">" +
                    Html(m.right) + "</td>";
  if (f.names.size() > 1) out += "<td>" + Html(f.names[row.figure]) + "</td>";
  out += "<td class=\"doc\"><a href=\"" + doc + "\">" +
         Html(a.title.empty() ? "(untitled)" : a.title) + "</a></td><td>" + Html(a.date) +
         "</td><td>" + Html(a.source) + "</td><td>" + Html(a.lang) + "</td><td title=\"" +
         Html(m.evidence) + "\">" + Html(m.rung) + "</td><td>" + Html(m.confidence) +
         "</td></tr>\n";
  return out;
}

Url PageUrl(const KwicRequest& r, const std::string& sort, const std::string& rung,
            std::size_t offset) {
  Url u("/mentions");
  AddFigureParams(r.figures, &u);
  u.Add("sort", sort == "doc" ? "" : sort).Add("rung", rung).Add("variant", r.variant_typed);
  if (offset > 0) u.Add("offset", offset);
  if (r.limit != kPageSize) u.Add("limit", r.limit);
  return u;
}

std::string KwicHtml(const KwicRequest& r, const KwicPage& page, const std::string& sort,
                     const std::string& rung) {
  const auto head = [&](const char* key, const char* label, const char* cls) {
    return std::string("<th class=\"") + cls + "\"><a data-swap href=\"" +
           PageUrl(r, key, rung, 0).attr() + "\"" +
           (sort == key ? " aria-sort=\"ascending\"" : "") + ">" + label + "</a></th>";
  };
  std::string out = "<div class=\"kwic-wrap\"><table class=\"kwic\"><thead><tr>" +
                    head("left", "Left context", "left") + "<th class=\"kw\">Mention</th>" +
                    head("right", "Right context", "right");
  if (r.figures.names.size() > 1) out += "<th>Name</th>";
  out += head("doc", "Document", "doc") +
         "<th>Date</th><th>Source</th><th>Lang</th><th>Rung</th><th>Confidence</th></tr></thead>"
         "<tbody>\n";
  for (const KwicRow& row : page.rows) out += RowHtml(row, r.figures);
  out += "</tbody></table></div>\n";
  if (page.rows.empty()) out += "<p class=\"note\">No mentions on this page.</p>";
  if (page.sort_capped) {
    out += "<p class=\"note\">Sorted within the first " + Thousands(kMaxSortedRecords) +
           " mentions; narrow the documents with a filter query to sort them all.</p>";
  }
  out += "<nav class=\"pager\">";
  if (r.offset > 0) {
    out += "<a data-swap href=\"" +
           PageUrl(r, sort, rung, r.offset > r.limit ? r.offset - r.limit : 0).attr() +
           "\">← Previous</a>";
  }
  if (page.more && r.offset + r.limit < kMaxOffset) {
    out += "<a data-swap href=\"" + PageUrl(r, sort, rung, r.offset + r.limit).attr() +
           "\">Next →</a>";
  }
  return out + "</nav>\n";
}

}  // namespace

Reply MentionsPage(SearcherPool& pool, const Params& params) {
  Reply reply;
  KwicRequest r;
  const std::string sort = Param(params, "sort", "doc");
  const std::string rung = Param(params, "rung");
  const std::string metric = Param(params, "metric") == "per1000" ? "per1000" : "mentions";
  Status s = ParseFigureQuery(params, "month", &r.figures);
  if (s.ok() && sort != "doc" && sort != "left" && sort != "right") {
    s = Status(Code::kInvalidArgument, "sort must be doc, left or right, not '" + sort + "'");
  }
  r.sort = sort == "left"    ? KwicSort::kLeft
           : sort == "right" ? KwicSort::kRight
                             : KwicSort::kDocument;
  for (const std::string& k : ParamList(params, "rung")) r.rungs.insert(k);
  r.variant_typed = Param(params, "variant");
  r.variant = FoldCase(r.variant_typed);
  if (s.ok()) s = NumberParam(params, "offset", 0, kMaxOffset, &r.offset);
  if (s.ok()) s = NumberParam(params, "limit", kPageSize, kMaxMentionPage, &r.limit);
  std::string title = "Mentions";
  for (std::size_t k = 0; k < r.figures.names.size(); ++k) {
    title += (k ? ", " : ": ") + r.figures.names[k];
  }
  std::string body = PageStart(title, "Mentions") + Form(r, sort, rung, r.variant_typed);
  if (s.ok() && r.figures.names.empty()) {
    reply.body = body +
                 "<p class=\"welcome\">Type one or more names (any alias, in any script) to "
                 "list every mention with its context, chart the attention they get and count "
                 "it.</p>" +
                 PageEnd();
    return reply;
  }
  SearcherPool::Lease searcher;
  CountTable table;
  KwicPage page;
  if (s.ok()) s = pool.Acquire(&searcher);
  if (s.ok()) s = searcher->Count(FigureRequests(r.figures), r.figures.by, &table);
  if (s.ok()) s = ListKwic(*searcher, r, &page);
  if (s.ok()) PlaceInText(*searcher, &page.rows);
  if (!s.ok()) {
    reply.status = HttpStatus(s);
    reply.body =
        body +
        (s.code() == Code::kQuerySyntax ? QueryErrorHtml(r.figures.filter, s) : ErrorHtml(s)) +
        PageEnd();
    return reply;
  }
  body += SummaryHtml(r.figures, table) + ChartHtml(r.figures, metric) +
          CountsHtml(r.figures, table) + "<h2>Every mention</h2>" + KwicHtml(r, page, sort, rung);
  reply.body = body + PageEnd();
  return reply;
}

}  // namespace concord::serve
