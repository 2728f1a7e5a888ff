#include "query/query_builder.h"

#include "indexer/schema.h"
#include "lang/tokenizer.h"
#include "lang/transliterate.h"

namespace concord::query {

struct QueryBuilder::State {
  MatchTerms* match = nullptr;
  std::size_t terms = 0;  // charged so far against max_query_terms
  std::string error;
  std::size_t error_position = 0;
  void Fail(std::size_t pos, std::string message) {
    if (error.empty()) {
      error = std::move(message);
      error_position = pos;
    }
  }
};

namespace {

std::vector<lang::Token> IndexedTokens(const std::string& text) {
  std::vector<lang::Token> out;
  for (lang::Token& t : lang::Tokenize(text)) {
    if (t.indexed()) out.push_back(std::move(t));
  }
  return out;
}

// Terms `q` may expand to when it runs, each wildcard at its expansion limit.
std::size_t TermCount(const Xapian::Query& q, std::size_t wildcard_terms) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: return 1;
    case Xapian::Query::OP_WILDCARD: return wildcard_terms;
    default: break;
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    n += TermCount(q.get_subquery(i), wildcard_terms);
  }
  return n;
}

bool IsPureFilter(const QueryNode& n) {
  if (n.kind == QueryNode::Kind::kDateRange) return true;
  if (n.kind == QueryNode::Kind::kTerm || n.kind == QueryNode::Kind::kPhrase) {
    return n.field == "lang" || n.field == "source";
  }
  if (n.kind == QueryNode::Kind::kAnd || n.kind == QueryNode::Kind::kOr) {
    for (const auto& c : n.children) {
      if (!IsPureFilter(*c)) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

BuiltQuery QueryBuilder::Build(const QueryNode& root) {
  BuiltQuery out;
  State st;
  st.match = &out.match;
  out.query = Node(root, &st);
  out.error = st.error;
  out.error_position = st.error_position;
  return out;
}

Xapian::Query QueryBuilder::WordAlternatives(const std::string& norm, bool positional,
                                             State* st) {
  std::vector<Xapian::Query> alts{Xapian::Query(norm)};
  st->match->norms.insert(norm);
  const std::string latin = lang::ToLatin(norm);
  if (latin != norm) {
    alts.emplace_back(latin);
    st->match->norms.insert(latin);
  }
  if (!positional) {
    std::set<std::string> stems;
    for (const std::string& code : options_.languages) {
      const std::string stem = stemmers_.Stem(code, norm);
      if (!stem.empty()) stems.insert(stem);
    }
    for (const std::string& stem : stems) {
      alts.emplace_back(schema::kStem + stem);
      st->match->stems.insert(stem);
    }
  }
  if (alts.size() == 1) return alts[0];
  return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
}

Xapian::Query QueryBuilder::Word(const QueryNode& n, bool positional, State* st) {
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) {
    if (n.wildcard) st->Fail(n.position, "wildcard '" + n.text + "*' has no letters before '*'");
    return Xapian::Query();  // punctuation only: matches nothing, AND ignores it below
  }
  if (n.wildcard) {
    const std::string& prefix = tokens.back().norm;
    st->match->prefixes.push_back(prefix);
    Xapian::Query wild(Xapian::Query::OP_WILDCARD, prefix, options_.max_wildcard_terms,
                       Xapian::Query::WILDCARD_LIMIT_ERROR);
    if (tokens.size() == 1) return wild;
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) parts.emplace_back(tokens[i].norm);
    parts.push_back(wild);
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
  }
  if (tokens.size() == 1) return WordAlternatives(tokens[0].norm, positional, st);
  // "Zelenskyy-Putin" is two words that must stay together.
  return PhraseOf(tokens, st);
}

Xapian::Query QueryBuilder::PhraseOf(const std::vector<lang::Token>& tokens, State* st) {
  std::vector<Xapian::Query> parts;
  std::vector<std::set<std::string>> words;
  MatchTerms* outer = st->match;
  for (const lang::Token& t : tokens) {
    MatchTerms word;  // what this word may be, kept apart from single words
    st->match = &word;
    parts.push_back(WordAlternatives(t.norm, true, st));
    words.push_back(std::move(word.norms));
  }
  st->match = outer;
  outer->phrases.push_back(std::move(words));
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
}

Xapian::Query QueryBuilder::Phrase(const QueryNode& n, State* st) {
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) return Xapian::Query();
  if (tokens.size() == 1) return WordAlternatives(tokens[0].norm, true, st);
  return PhraseOf(tokens, st);
}

Xapian::Query QueryBuilder::Field(const QueryNode& n, State* st) {
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) {
    st->Fail(n.position, "field '" + n.field + ":' needs a word");
    return Xapian::Query();
  }
  if (n.field == "lang") return Xapian::Query(schema::kLang + tokens[0].norm);
  if (n.field == "source") {
    std::vector<Xapian::Query> parts;
    for (const lang::Token& t : tokens) parts.emplace_back(schema::kSource + t.norm);
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  if (n.field == "title") {
    std::vector<Xapian::Query> parts;
    for (const lang::Token& t : tokens) {
      st->match->norms.insert(t.norm);
      parts.emplace_back(schema::kTitle + t.norm);
    }
    if (n.wildcard) {
      // title:Zelen* -- the last word is a prefix of title words.
      st->match->norms.erase(tokens.back().norm);
      st->match->prefixes.push_back(tokens.back().norm);
      parts.back() = Xapian::Query(Xapian::Query::OP_WILDCARD,
                                   std::string(schema::kTitle) + tokens.back().norm,
                                   options_.max_wildcard_terms,
                                   Xapian::Query::WILDCARD_LIMIT_ERROR);
    }
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(n.kind == QueryNode::Kind::kPhrase ? Xapian::Query::OP_PHRASE
                                                            : Xapian::Query::OP_AND,
                         parts.begin(), parts.end(), parts.size());
  }
  // person:, place:, org:, entity: name an entity.
  const std::string type = n.field == "entity" ? "" : n.field;
  std::vector<std::string> ids;
  if (options_.resolver) ids = options_.resolver->Resolve(n.text, type);
  if (ids.empty()) {
    st->Fail(n.position, "no " + (type.empty() ? std::string("entity") : type) + " named '" +
                             n.text + "' in the entity dictionaries");
    return Xapian::Query();
  }
  std::vector<Xapian::Query> parts;
  for (const std::string& id : ids) {
    st->match->entities.insert(id);
    parts.emplace_back(schema::kEntity + id);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::Node(const QueryNode& n, State* st) {
  using K = QueryNode::Kind;
  if (!st->error.empty()) return Xapian::Query();  // the query is refused anyway
  switch (n.kind) {
    case K::kTerm:
    case K::kPhrase:
    case K::kNear: {
      Xapian::Query q = Leaf(n, st);
      st->terms += TermCount(q, options_.max_wildcard_terms);
      if (st->terms > options_.max_query_terms) {
        st->Fail(n.position,
                 "query expands to too many terms: at most " +
                     std::to_string(options_.max_query_terms) +
                     " (spellings, stems and entities of every word, each prefix* counted as " +
                     std::to_string(options_.max_wildcard_terms) + "); use fewer words");
      }
      return q;
    }
    case K::kDateRange: {
      const std::string lo = n.date_from.empty() ? "00000000" : n.date_from;
      const std::string hi = n.date_to.empty() ? "99999999" : n.date_to;
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kValueDate, lo, hi);
    }
    case K::kNot: {
      Xapian::Query inner = Node(*n.children[0], st);
      return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, inner);
    }
    case K::kOr: {
      std::vector<Xapian::Query> parts;
      for (const auto& c : n.children) parts.push_back(Node(*c, st));
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    case K::kAnd: {
      std::vector<Xapian::Query> positive, filters, negative;
      for (const auto& c : n.children) {
        if (c->kind == K::kNot) {
          negative.push_back(Node(*c->children[0], st));
        } else if (IsPureFilter(*c)) {
          filters.push_back(Node(*c, st));
        } else {
          Xapian::Query q = Node(*c, st);
          if (!q.empty()) positive.push_back(q);
        }
      }
      Xapian::Query q = positive.empty()
                            ? Xapian::Query::MatchAll
                            : Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
      if (!filters.empty()) {
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
      }
      for (const Xapian::Query& neg : negative) {
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, neg);
      }
      return q;
    }
  }
  return Xapian::Query();
}

Xapian::Query QueryBuilder::Leaf(const QueryNode& n, State* st) {
  using K = QueryNode::Kind;
  switch (n.kind) {
    case K::kTerm:
      if (!n.field.empty()) return Field(n, st);
      if (options_.resolver && !n.wildcard) {
        std::vector<std::string> ids = options_.resolver->Resolve(n.text, "");
        if (!ids.empty()) {
          std::vector<Xapian::Query> alts{Word(n, false, st)};
          for (const std::string& id : ids) {
            st->match->entities.insert(id);
            alts.emplace_back(schema::kEntity + id);
          }
          return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
        }
      }
      return Word(n, false, st);
    case K::kPhrase:
      if (!n.field.empty()) return Field(n, st);
      if (options_.resolver) {
        std::vector<std::string> ids = options_.resolver->Resolve(n.text, "");
        if (!ids.empty()) {
          std::vector<Xapian::Query> alts{Phrase(n, st)};
          for (const std::string& id : ids) {
            st->match->entities.insert(id);
            alts.emplace_back(schema::kEntity + id);
          }
          return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
        }
      }
      return Phrase(n, st);
    case K::kNear: {
      std::vector<Xapian::Query> parts;
      for (const auto& c : n.children) {
        parts.push_back(c->kind == K::kPhrase ? Phrase(*c, st) : Word(*c, true, st));
      }
      return Xapian::Query(Xapian::Query::OP_NEAR, parts.begin(), parts.end(),
                           static_cast<Xapian::termcount>(n.distance + 1));
    }
    default:
      return Xapian::Query();
  }
}

}  // namespace concord::query
