#ifndef CONCORD_QUERY_ENTITY_RESOLVER_H_
#define CONCORD_QUERY_ENTITY_RESOLVER_H_

#include <string>
#include <vector>

#include "lang/entity_matcher.h"
#include "query/query_builder.h"

namespace concord::query {

// Resolves names typed in queries through the entity matcher, so a query
// names a figure in any spelling or script the index tagger recognises.
// Thread-safe when the matcher is (it is immutable).
class MatcherResolver : public EntityResolver {
 public:
  explicit MatcherResolver(const lang::EntityMatcher& matcher) : matcher_(matcher) {}
  std::vector<std::string> Resolve(const std::string& text, const std::string& type) override {
    std::vector<std::string> ids;
    for (int e : matcher_.Resolve(text, type)) ids.push_back(matcher_.entity(e).id);
    return ids;
  }
  bool ResolvesLoosely(const std::string& text) override {
    lang::Rung rung = lang::Rung::kExact;
    return !matcher_.Resolve(text, "", &rung).empty() &&
           (rung == lang::Rung::kNameKey || rung == lang::Rung::kTypo);
  }

 private:
  const lang::EntityMatcher& matcher_;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_ENTITY_RESOLVER_H_
