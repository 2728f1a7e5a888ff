#ifndef CONCORD_QUERY_EXPLAIN_H_
#define CONCORD_QUERY_EXPLAIN_H_

#include <string>

#include "lang/entity_matcher.h"

namespace concord::query {

// A human-readable account of how a query is analysed: each word's tokens,
// folded form, script, transliteration and name keys, which entity it
// resolves to, and the final Xapian query. `matcher` may be null (--no-aliases).
std::string ExplainQuery(const std::string& query_text, const lang::EntityMatcher* matcher,
                         const std::string& xapian_query);

}  // namespace concord::query

#endif  // CONCORD_QUERY_EXPLAIN_H_
