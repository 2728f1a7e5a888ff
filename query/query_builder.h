#ifndef CONCORD_QUERY_QUERY_BUILDER_H_
#define CONCORD_QUERY_QUERY_BUILDER_H_

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "lang/stemmer.h"
#include "lang/tokenizer.h"
#include "query/query_ast.h"

namespace concord::query {

// What the highlighter needs to recognise the words a query matched.
struct MatchTerms {
  std::set<std::string> norms;          // folded words (and their transliterations)
  std::set<std::string> stems;          // stems of those words in every indexed language
  std::vector<std::string> prefixes;    // folded prefixes of wildcard words
  std::set<std::string> entities;       // entity ids (mentions are highlighted)
  // Phrases: for each word, the folded forms it may take. Their words are
  // marked only where the whole sequence occurs, never one by one.
  std::vector<std::vector<std::set<std::string>>> phrases;
  bool empty() const {
    return norms.empty() && stems.empty() && prefixes.empty() && entities.empty() &&
           phrases.empty();
  }
};

// Turns an entity name typed in a query into entity ids. Implemented by the
// entity module; absent (null) means no alias expansion.
class EntityResolver {
 public:
  virtual ~EntityResolver() = default;
  // Entity ids that `text` names; `type` restricts to a type ("" = any).
  virtual std::vector<std::string> Resolve(const std::string& text, const std::string& type) = 0;
};

// Resource limits (a query beyond them is an error naming its column, never
// an exhausted memory):
//   max_wildcard_terms  1000    words one prefix* may expand to (checked by
//                               Xapian when the query runs)
//   max_query_terms     10000   terms the whole query may expand to: each word
//                               with its transliteration, stems and entity
//                               terms, each phrase word, and each prefix* at
//                               max_wildcard_terms (it is not known earlier)
struct BuildOptions {
  std::vector<std::string> languages;     // languages in the database: stems are made for each
  EntityResolver* resolver = nullptr;     // alias expansion when set
  Xapian::termcount max_wildcard_terms = 1000;
  std::size_t max_query_terms = 10000;
};

struct BuiltQuery {
  Xapian::Query query;
  MatchTerms match;
  std::string error;      // "" on success
  std::size_t error_position = 0;  // byte offset in the query text
  bool ok() const { return error.empty(); }
};

// Translates a parsed query into a Xapian query over concord's schema. Every
// word goes through lang::Tokenize so it is cut and folded exactly as at
// index time. Not thread-safe (owns stemmers): one per thread.
class QueryBuilder {
 public:
  explicit QueryBuilder(BuildOptions options) : options_(std::move(options)) {}
  BuiltQuery Build(const QueryNode& root);

 private:
  struct State;
  Xapian::Query Node(const QueryNode& n, State* st);
  // Words, phrases and NEAR: what expands into terms, charged to the budget.
  Xapian::Query Leaf(const QueryNode& n, State* st);
  Xapian::Query Word(const QueryNode& n, bool positional, State* st);
  Xapian::Query Phrase(const QueryNode& n, State* st);
  Xapian::Query Field(const QueryNode& n, State* st);
  Xapian::Query WordAlternatives(const std::string& norm, bool positional, State* st);
  // The OP_PHRASE of `tokens`, recorded as a phrase for highlighting.
  Xapian::Query PhraseOf(const std::vector<lang::Token>& tokens, State* st);

  BuildOptions options_;
  lang::StemmerSet stemmers_;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_QUERY_BUILDER_H_
