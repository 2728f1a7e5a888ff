#ifndef CONCORD_QUERY_QUERY_BUILDER_H_
#define CONCORD_QUERY_QUERY_BUILDER_H_

#include <xapian.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "concord/types.hpp"
#include "lang/stemmer.h"
#include "lang/tokenizer.h"
#include "query/query_ast.h"

namespace concord::query {

// What the highlighter needs to recognise the words a query matched.
struct MatchTerms {
  std::set<std::string> norms;  // folded words (and their transliterations)
  std::set<std::string> stems;  // stems of those words in every indexed language
  // The words the stem table lists for those stems, in any language: what
  // the query matches besides `norms`. When `stem_forms_complete` (every
  // list read whole, every shard with a table) the highlighter looks a word
  // up there, as the search matched it, instead of stemming it.
  std::set<std::string> stem_forms;
  bool stem_forms_complete = false;
  std::vector<std::string> prefixes;  // folded prefixes of wildcard words
  std::set<std::string> entities;     // entity ids (mentions are highlighted)
  // Phrases: for each word, the folded forms it may take. Their words are
  // marked only where the whole sequence occurs, never one by one.
  std::vector<std::vector<std::set<std::string>>> phrases;
  // Not for the highlighter: query words with nothing searchable in them
  // (punctuation, currency or mathematical signs alone); `column` holds
  // their byte offset in the query until Searcher::BuildQuery makes it the
  // 1-based column. They match nothing and an AND ignores them.
  std::vector<IgnoredWord> ignored;
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
  // Whether `text` resolves only by its sound or one edit (a name key, a
  // typo), so that it may be an ordinary word typed (Schools, one edit
  // from Scholz).
  virtual bool ResolvesLoosely(const std::string& /*text*/) { return false; }
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
  std::vector<std::string> languages;  // languages in the database: stems are made for each
  EntityResolver* resolver = nullptr;  // alias expansion when set
  // The index was tagged with the resolver's dictionaries: a name that
  // resolves to a figure is searched by its entity terms alone, so that a
  // search returns exactly the documents `--mentions` lists. Otherwise (other
  // or no dictionaries at tagging) its spellings are searched as well.
  bool entity_terms_exact = false;
  // The terms wildcards expand to (every shard's vocabulary). Not owned; null
  // leaves prefix* to Xapian's OP_WILDCARD, which phrases and NEAR cannot hold.
  const Xapian::Database* vocabulary = nullptr;
  // Every document of `vocabulary` has its words in the stem table: the
  // forms a query word's stems have there are all its stem forms
  // (MatchTerms::stem_forms).
  bool stem_table_everywhere = false;
  // With a resolver: the indexed forms of a name no dictionary knows
  // (query/name_forms.h), searched with the word typed capitalised, so that
  // search finds what --mentions lists for it. Unset: the word's spellings.
  std::function<std::vector<std::string>(const std::string& name)> name_forms;
  // Whether the index has the word `norm` (folded as indexed) in a document
  // that mentions none of `entity_ids`: a word typed that resolves loosely
  // to a figure (EntityResolver::ResolvesLoosely) and is such a plain word
  // of the archive is searched as the word as well as the figure. Unset: the
  // figure alone.
  std::function<bool(const std::string& norm, const std::vector<std::string>& entity_ids)>
      plain_word_elsewhere;
  Xapian::termcount max_wildcard_terms = 1000;
  std::size_t max_query_terms = 10000;
};

struct BuiltQuery {
  Xapian::Query query;
  MatchTerms match;
  std::string error;               // "" on success
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
  // A run of positions: one query per position, each a term or an OR of
  // terms (all that Xapian 1.4 allows inside OP_PHRASE and OP_NEAR), with the
  // folded words each may be (for highlighting whole phrases).
  struct Units {
    std::vector<Xapian::Query> queries;
    std::vector<std::set<std::string>> words;
    void Add(Xapian::Query q, std::set<std::string> w) {
      queries.push_back(std::move(q));
      words.push_back(std::move(w));
    }
  };

  Xapian::Query Node(const QueryNode& n, State* st);
  // Words, phrases and NEAR: what expands into terms, charged to the budget.
  Xapian::Query Leaf(const QueryNode& n, State* st);
  // A word typed that resolves to `ids` only loosely and is a plain word of
  // the archive (BuildOptions::plain_word_elsewhere).
  bool PlainWordOfTheArchive(const QueryNode& n, const std::vector<std::string>& ids) const;
  Xapian::Query Word(const QueryNode& n, State* st);
  Xapian::Query Phrase(const QueryNode& n, State* st);
  Xapian::Query Near(const QueryNode& n, State* st);
  Xapian::Query Field(const QueryNode& n, State* st);
  Xapian::Query Title(const QueryNode& n, const std::vector<lang::Token>& tokens, State* st);
  // A word (any script): its fold, its Latin transliteration and, unless
  // positional, its stems in every indexed language.
  Xapian::Query WordAlternatives(const std::string& norm, bool positional, State* st);
  // The positions of a word, phrase or entity field as NEAR/phrase operands;
  // names among the words stand for their figures.
  Units OperandUnits(const QueryNode& n, State* st);
  Units WordUnits(const QueryNode& n, const std::vector<lang::Token>& tokens, State* st);
  // The words of `tokens` (from `text`), a name inside them (the longest
  // that resolves, up to kMaxNameWords words) standing for its figure.
  Units PhraseUnits(const std::string& text, const std::vector<lang::Token>& tokens, State* st);
  // OP_PHRASE of units (recorded for highlighting), or the single unit.
  Xapian::Query PhraseQuery(Units units, State* st);
  // Terms starting with `prefix` (`term_prefix` + folded word), as one OR
  // unit; MatchNothing when none. Fails the query past max_wildcard_terms.
  Xapian::Query Expand(const std::string& term_prefix, const std::string& prefix,
                       std::size_t position, State* st);
  // Entity ids `text` names ("" type = any); none without a resolver.
  std::vector<std::string> Resolve(const std::string& text, const std::string& type);
  // OR of `term_prefix` + id, registered for highlighting.
  Xapian::Query EntityTerms(const std::vector<std::string>& ids, const char* term_prefix,
                            State* st);

  BuildOptions options_;
  lang::StemmerSet stemmers_;
};

}  // namespace concord::query

#endif  // CONCORD_QUERY_QUERY_BUILDER_H_
