#ifndef CONCORD_QUERY_EXPLAIN_H_
#define CONCORD_QUERY_EXPLAIN_H_

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "concord/types.hpp"
#include "lang/entity_matcher.h"

namespace concord::query {

// How a query is analysed, as a JSON object (docs/mentions.md, "--explain"):
// the query, its canonical parsed form, a tree of its nodes (each word's or
// phrase's tokens with folded form, script, transliteration and name keys,
// and the entities it resolves to), the query words that were ignored
// (MatchTerms::ignored: column, text) and the final Xapian query. `matcher`
// may be null (--no-aliases); `xapian_query` "" when the query was not built.
using IgnoredWords = std::vector<IgnoredWord>;
nlohmann::json ExplainQueryJson(const std::string& query_text, const lang::EntityMatcher* matcher,
                                const std::string& xapian_query, const IgnoredWords& ignored = {});

// That object serialised on one line (what Searcher::ExplainJson returns).
std::string ExplainQueryJsonText(const std::string& query_text, const lang::EntityMatcher* matcher,
                                 const std::string& xapian_query, const IgnoredWords& ignored = {});

// The same for people: one line per node, indented by depth.
std::string ExplainQuery(const std::string& query_text, const lang::EntityMatcher* matcher,
                         const std::string& xapian_query, const IgnoredWords& ignored = {});

}  // namespace concord::query

#endif  // CONCORD_QUERY_EXPLAIN_H_
