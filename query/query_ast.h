#ifndef CONCORD_QUERY_QUERY_AST_H_
#define CONCORD_QUERY_QUERY_AST_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace concord::query {

// One node of a parsed query. ParseQuery (query/query_parser.h) builds these
// trees from the text a user typed; QueryBuilder turns them into Xapian
// queries. A node owns its children. Plain data: no invariant is enforced by
// the type, but every tree ParseQuery returns satisfies the ones listed here,
// so a consumer may rely on them.
//
//   kind        fields used       invariants of parsed trees
//   ----------  ----------------  ------------------------------------------
//   kTerm       field, text,      text non-empty, as typed, without the
//               wildcard          trailing '*'; holds no whitespace, '(', ')',
//                                 '"' or '*'; wildcard only when field is ""
//                                 or "title"
//   kPhrase     field, text       text exactly as between the quotes (not
//                                 trimmed, never holds '"'), not blank
//   kNear       distance,         >= 2 children, each a kTerm (wildcard
//               children          allowed) or kPhrase with an empty field or
//                                 an entity field (person, place, org,
//                                 entity);
//                                 1 <= distance <= kMaxNearDistance
//                                 (query_parser.h)
//   kAnd, kOr   children          >= 2 children, none of the node's own kind
//                                 (nested groups of the same kind are merged)
//   kNot        children          exactly 1 child (any kind)
//   kDateRange  date_from,        "YYYYMMDD" or "" (open end); not both
//               date_to           empty; date_from <= date_to; field is ""
//
// `field` is "" (the text of the article) or one of: title, lang, source,
// person, place, org, entity. Dates are kDateRange nodes, never a field.
//
// `position` is the byte offset in the query text where the node starts: the
// first byte of the word, of the field name ("title:"), of the opening quote,
// of "date:", of NOT or '-'; for kAnd, kOr and kNear it is the position of the
// first child. Use it to point at the node in error messages.
struct QueryNode {
  enum class Kind { kTerm, kPhrase, kNear, kAnd, kOr, kNot, kDateRange };

  Kind kind = Kind::kTerm;
  std::string field;
  std::string text;
  bool wildcard = false;
  int distance = 0;
  std::string date_from, date_to;
  std::vector<std::unique_ptr<QueryNode>> children;
  std::size_t position = 0;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_QUERY_AST_H_
