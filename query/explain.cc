#include "query/explain.h"

#include <sstream>

#include "lang/name_key.h"
#include "lang/tokenizer.h"
#include "lang/transliterate.h"
#include "query/query_parser.h"

namespace concord::query {
namespace {

void ExplainNode(const QueryNode& n, const lang::EntityMatcher* matcher, int depth,
                 std::ostringstream& out) {
  const std::string indent(2 * depth, ' ');
  if (n.kind == QueryNode::Kind::kTerm || n.kind == QueryNode::Kind::kPhrase) {
    out << indent << (n.kind == QueryNode::Kind::kTerm ? "word" : "phrase") << " '" << n.text
        << "'" << (n.field.empty() ? "" : " in field " + n.field) << (n.wildcard ? " (prefix)" : "")
        << "\n";
    for (const lang::Token& t : lang::Tokenize(n.text)) {
      out << indent << "  token '" << t.surface(n.text) << "' -> '" << t.norm << "' ["
          << lang::ScriptName(t.script) << (t.indexed() ? "" : ", not indexed") << "]";
      const std::string latin = lang::ToLatin(t.norm);
      if (latin != t.norm) out << " latin '" << latin << "'";
      out << " keys";
      for (const std::string& k : lang::NameKeys(latin)) out << " " << k;
      out << "\n";
    }
    if (matcher && (n.field.empty() || n.field == "person" || n.field == "place" ||
                    n.field == "org" || n.field == "entity")) {
      const std::string type = n.field.empty() || n.field == "entity" ? "" : n.field;
      const std::vector<int> ids = matcher->Resolve(n.text, type);
      if (ids.empty()) {
        out << indent << "  entity: none\n";
      }
      for (int e : ids) {
        const lang::Entity& ent = matcher->entity(e);
        out << indent << "  entity: " << ent.id << " (" << ent.type << ", " << ent.label << ")\n";
      }
    }
    return;
  }
  static const char* const kNames[] = {"term", "phrase", "NEAR", "AND", "OR", "NOT", "date"};
  out << indent << kNames[static_cast<int>(n.kind)];
  if (n.kind == QueryNode::Kind::kNear) out << "/" << n.distance;
  if (n.kind == QueryNode::Kind::kDateRange) {
    out << " " << (n.date_from.empty() ? "…" : n.date_from) << ".."
        << (n.date_to.empty() ? "…" : n.date_to);
  }
  out << "\n";
  for (const auto& c : n.children) ExplainNode(*c, matcher, depth + 1, out);
}

}  // namespace

std::string ExplainQuery(const std::string& query_text, const lang::EntityMatcher* matcher,
                         const std::string& xapian_query) {
  std::ostringstream out;
  out << "query: " << query_text << "\n";
  ParseResult parsed = ParseQuery(query_text);
  if (!parsed.ok()) {
    out << "parse error: " << parsed.error << "\n";
    return out.str();
  }
  out << "parsed: " << ToString(*parsed.root) << "\n";
  ExplainNode(*parsed.root, matcher, 0, out);
  if (!xapian_query.empty()) out << "xapian: " << xapian_query << "\n";
  return out.str();
}

}  // namespace concord::query
