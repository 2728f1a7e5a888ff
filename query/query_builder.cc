#include "query/query_builder.h"

#include <algorithm>

#include "lang/tokenizer.h"
#include "lang/transliterate.h"
#include "query/name_forms.h"
#include "store/schema.h"

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

// Words the stem table may list for one stem, at most: a stem has a handful
// of forms in a language; beyond that the table holds junk words.
constexpr std::size_t kMaxStemForms = 100;

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
    case Xapian::Query::LEAF_TERM:
      return 1;
    case Xapian::Query::OP_WILDCARD:
      return wildcard_terms;
    default:
      break;
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

// Names inside phrases: the longest run of words, up to this many, that
// names one figure stands for it.
constexpr std::size_t kMaxNameWords = 4;

// A word's positional spellings: its fold and its Latin transliteration
// (both indexed at the word's position).
std::set<std::string> Spellings(const std::string& norm) {
  std::set<std::string> out{norm};
  const std::string latin = lang::ToLatin(norm);
  if (latin != norm && !latin.empty()) out.insert(latin);  // "ъ" has no Latin letters
  return out;
}

Xapian::Query AnyOf(const std::vector<std::string>& terms, Xapian::Query::op op) {
  if (terms.empty()) return Xapian::Query::MatchNothing;
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(op, terms.begin(), terms.end());
}

Xapian::Query AnyOf(const std::set<std::string>& terms) {
  return AnyOf(std::vector<std::string>(terms.begin(), terms.end()), Xapian::Query::OP_OR);
}

}  // namespace

BuiltQuery QueryBuilder::Build(const QueryNode& root) {
  BuiltQuery out;
  State st;
  st.match = &out.match;
  out.match.stem_forms_complete = options_.stem_table_everywhere && options_.vocabulary;
  out.query = Node(root, &st);
  out.error = st.error;
  out.error_position = st.error_position;
  return out;
}

std::vector<std::string> QueryBuilder::Resolve(const std::string& text, const std::string& type) {
  if (!options_.resolver) return {};
  return options_.resolver->Resolve(text, type);
}

Xapian::Query QueryBuilder::EntityTerms(const std::vector<std::string>& ids,
                                        const char* term_prefix, State* st) {
  std::vector<std::string> terms;
  for (const std::string& id : ids) {
    st->match->entities.insert(id);
    terms.push_back(term_prefix + id);
  }
  return AnyOf(terms, Xapian::Query::OP_OR);
}

Xapian::Query QueryBuilder::Expand(const std::string& term_prefix, const std::string& prefix,
                                   std::size_t position, State* st) {
  const std::string full = term_prefix + prefix;
  std::vector<std::string> terms;
  for (auto it = options_.vocabulary->allterms_begin(full);
       it != options_.vocabulary->allterms_end(full); ++it) {
    if (terms.size() == options_.max_wildcard_terms) {
      st->Fail(position, "wildcard '" + prefix + "*' matches more than " +
                             std::to_string(options_.max_wildcard_terms) +
                             " words; make it longer");
      return Xapian::Query();
    }
    terms.push_back(*it);
  }
  // Charged at the limit whatever it expands to, as OP_WILDCARD is (the
  // budget then does not depend on the vocabulary).
  st->terms += options_.max_wildcard_terms - terms.size();
  return AnyOf(terms, Xapian::Query::OP_OR);
}

Xapian::Query QueryBuilder::WordAlternatives(const std::string& norm, bool positional, State* st) {
  const std::set<std::string> spellings = Spellings(norm);
  st->match->norms.insert(spellings.begin(), spellings.end());
  std::vector<std::string> alts(spellings.begin(), spellings.end());
  if (!positional) {
    // Z + stem in documents that carry it (databases written before the
    // stem table, or with --stem-terms); in the others, the words the stem
    // table lists for the stem in that language (a word is a form of the
    // stem in the language of the documents it was found in). Both, so that
    // a database mixing the two is searched whole.
    std::set<std::string> seen = spellings;
    std::set<std::string> stems;
    for (const std::string& code : options_.languages) {
      const std::string stem = stemmers_.Stem(code, norm);
      if (stem.empty()) continue;
      if (stems.insert(stem).second) {
        alts.push_back(schema::kStem + stem);
        st->match->stems.insert(stem);
      }
      if (!options_.vocabulary) continue;
      const std::string key = schema::StemTableKey(code, stem);
      std::size_t forms = 0;
      auto it = options_.vocabulary->synonyms_begin(key);
      for (; it != options_.vocabulary->synonyms_end(key) && forms < kMaxStemForms; ++it, ++forms) {
        if (seen.insert(*it).second) alts.push_back(*it);
        st->match->stem_forms.insert(*it);
      }
      // More forms than a query takes: the highlighter stems instead.
      if (it != options_.vocabulary->synonyms_end(key)) st->match->stem_forms_complete = false;
    }
  }
  // OP_PHRASE and OP_NEAR take OR but not SYNONYM; elsewhere a word's forms
  // weigh as one term.
  return AnyOf(alts, positional ? Xapian::Query::OP_OR : Xapian::Query::OP_SYNONYM);
}

QueryBuilder::Units QueryBuilder::PhraseUnits(const std::string& text,
                                              const std::vector<lang::Token>& tokens, State* st) {
  Units units;
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t len = 0;
    std::vector<std::string> ids;
    for (std::size_t l = std::min(kMaxNameWords, tokens.size() - i); l >= 1 && options_.resolver;
         --l) {
      const std::size_t from = tokens[i].byte_start;
      ids = Resolve(text.substr(from, tokens[i + l - 1].byte_end - from), "");
      if (!ids.empty()) {
        len = l;
        break;
      }
    }
    if (len == 0) {
      std::set<std::string> spellings = Spellings(tokens[i].norm);
      Xapian::Query any = AnyOf(spellings);
      units.Add(any, std::move(spellings));
      ++i;
      continue;
    }
    // Every position of a mention carries its entity term, so each word of
    // the name matches where the figure is named, in any spelling.
    for (std::size_t k = i; k < i + len; ++k) {
      std::set<std::string> spellings = Spellings(tokens[k].norm);
      Xapian::Query unit = EntityTerms(ids, schema::kEntity, st);
      if (!options_.entity_terms_exact) {
        unit = Xapian::Query(Xapian::Query::OP_OR, AnyOf(spellings), unit);
      }
      units.Add(unit, std::move(spellings));
    }
    i += len;
  }
  return units;
}

QueryBuilder::Units QueryBuilder::WordUnits(const QueryNode& n,
                                            const std::vector<lang::Token>& tokens, State* st) {
  if (!n.wildcard) return PhraseUnits(n.text, tokens, st);
  Units units;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::set<std::string> spellings = Spellings(tokens[i].norm);
    Xapian::Query any = AnyOf(spellings);
    units.Add(any, std::move(spellings));
  }
  const std::string& prefix = tokens.back().norm;
  st->match->prefixes.push_back(prefix);
  if (!options_.vocabulary) {
    st->Fail(n.position, "a wildcard inside a phrase or NEAR needs a database to expand it");
    return units;
  }
  units.Add(Expand("", prefix, n.position, st), {});
  return units;
}

Xapian::Query QueryBuilder::PhraseQuery(Units units, State* st) {
  if (units.queries.empty()) return Xapian::Query();
  for (const Xapian::Query& q : units.queries) {
    if (q.empty()) return Xapian::Query::MatchNothing;  // a wildcard that expands to nothing
  }
  if (units.queries.size() == 1) {
    st->match->norms.insert(units.words[0].begin(), units.words[0].end());
    return units.queries[0];
  }
  st->match->phrases.push_back(std::move(units.words));
  return Xapian::Query(Xapian::Query::OP_PHRASE, units.queries.begin(), units.queries.end(),
                       units.queries.size());
}

Xapian::Query QueryBuilder::Word(const QueryNode& n, State* st) {
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) {
    if (n.wildcard) st->Fail(n.position, "wildcard '" + n.text + "*' has no letters before '*'");
    st->match->ignored.push_back({n.text, n.position});
    return Xapian::Query();  // punctuation only: matches nothing, AND ignores it below
  }
  if (n.wildcard && tokens.size() == 1) {
    const std::string& prefix = tokens[0].norm;
    st->match->prefixes.push_back(prefix);
    if (!options_.vocabulary) {
      return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, options_.max_wildcard_terms,
                           Xapian::Query::WILDCARD_LIMIT_ERROR);
    }
    // Expanded here against every shard's words at once, so that shards
    // weigh the words exactly as one database does.
    Xapian::Query any = Expand("", prefix, n.position, st);
    if (any.get_type() != Xapian::Query::OP_OR) return any;
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < any.get_num_subqueries(); ++i) terms.push_back(any.get_subquery(i));
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  }
  if (tokens.size() == 1) return WordAlternatives(tokens[0].norm, false, st);
  // "Zelenskyy-Putin" is two words that must stay together.
  return PhraseQuery(WordUnits(n, tokens, st), st);
}

Xapian::Query QueryBuilder::Phrase(const QueryNode& n, State* st) {
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) st->match->ignored.push_back({n.text, n.position});
  return PhraseQuery(PhraseUnits(n.text, tokens, st), st);
}

QueryBuilder::Units QueryBuilder::OperandUnits(const QueryNode& n, State* st) {
  Units units;
  if (n.field == "person" || n.field == "place" || n.field == "org" || n.field == "entity") {
    Xapian::Query q = Field(n, st);
    if (!q.empty()) units.Add(q, {});
    return units;
  }
  if (!n.field.empty()) {
    st->Fail(n.position, "NEAR joins words, phrases and person:/place:/org:/entity: names, not '" +
                             n.field + ":'");
    return units;
  }
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  if (tokens.empty()) {
    if (n.wildcard) st->Fail(n.position, "wildcard '" + n.text + "*' has no letters before '*'");
    return units;
  }
  if (!n.wildcard && options_.entity_terms_exact) {
    // A name is its figure: any mention of it, one position or several.
    std::vector<std::string> ids = Resolve(n.text, "");
    if (!ids.empty() && PlainWordOfTheArchive(n, ids)) {
      // Loosely a name, plainly a word of the archive: either (Leaf).
      std::set<std::string> spellings = Spellings(tokens[0].norm);
      Xapian::Query word = AnyOf(spellings);
      units.Add(Xapian::Query(Xapian::Query::OP_OR, word, EntityTerms(ids, schema::kEntity, st)),
                std::move(spellings));
      return units;
    }
    if (!ids.empty()) {
      units.Add(EntityTerms(ids, schema::kEntity, st), {});
      return units;
    }
  }
  return WordUnits(n, tokens, st);
}

Xapian::Query QueryBuilder::Near(const QueryNode& n, State* st) {
  std::vector<Xapian::Query> positions, phrases;
  std::size_t extra = 0;  // positions beyond one per operand
  for (const auto& child : n.children) {
    Units units = OperandUnits(*child, st);
    if (!st->error.empty()) return Xapian::Query();
    for (const Xapian::Query& q : units.queries) {
      if (q.empty()) return Xapian::Query::MatchNothing;
    }
    if (units.queries.empty()) continue;  // punctuation only
    positions.insert(positions.end(), units.queries.begin(), units.queries.end());
    if (units.queries.size() == 1) {
      st->match->norms.insert(units.words[0].begin(), units.words[0].end());
      continue;
    }
    // A phrase operand: its words within the window, and the phrase itself
    // in the document (Xapian's NEAR cannot hold a phrase).
    extra += units.queries.size() - 1;
    phrases.push_back(PhraseQuery(std::move(units), st));
  }
  if (positions.empty()) return Xapian::Query();
  if (positions.size() == 1) return positions[0];
  Xapian::Query near(Xapian::Query::OP_NEAR, positions.begin(), positions.end(),
                     static_cast<Xapian::termcount>(n.distance + 1 + extra));
  if (phrases.empty()) return near;
  phrases.insert(phrases.begin(), near);
  return Xapian::Query(Xapian::Query::OP_AND, phrases.begin(), phrases.end());
}

Xapian::Query QueryBuilder::Title(const QueryNode& n, const std::vector<lang::Token>& tokens,
                                  State* st) {
  std::vector<Xapian::Query> parts;
  for (const lang::Token& t : tokens) {
    st->match->norms.insert(t.norm);
    parts.emplace_back(schema::kTitle + t.norm);
  }
  if (n.wildcard) {
    // title:Zelen* -- the last word is a prefix of title words.
    st->match->norms.erase(tokens.back().norm);
    st->match->prefixes.push_back(tokens.back().norm);
    parts.back() =
        options_.vocabulary
            ? Expand(schema::kTitle, tokens.back().norm, n.position, st)
            : Xapian::Query(Xapian::Query::OP_WILDCARD,
                            std::string(schema::kTitle) + tokens.back().norm,
                            options_.max_wildcard_terms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    if (parts.back().empty()) return Xapian::Query::MatchNothing;
  }
  // Several words: a phrase, or one word cut in several ("Zelensky-Putin"),
  // which stay together as in the text.
  Xapian::Query q = parts.size() == 1 ? parts[0]
                                      : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(),
                                                      parts.end(), parts.size());
  if (n.wildcard) return q;
  // A figure named in the title in any spelling (the indexer tags titles).
  const std::vector<std::string> ids = Resolve(n.text, "");
  if (ids.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_OR, q, EntityTerms(ids, schema::kTitleEntity, st));
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
  if (n.field == "title") return Title(n, tokens, st);
  // person:, place:, org:, entity: name an entity.
  const std::string type = n.field == "entity" ? "" : n.field;
  const std::vector<std::string> ids = Resolve(n.text, type);
  if (ids.empty()) {
    st->Fail(n.position, "no " + (type.empty() ? std::string("entity") : type) + " named '" +
                             n.text + "' in the entity dictionaries");
    return Xapian::Query();
  }
  return EntityTerms(ids, schema::kEntity, st);
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
      Xapian::Query q =
          positive.empty() ? Xapian::Query::MatchAll
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

bool QueryBuilder::PlainWordOfTheArchive(const QueryNode& n,
                                         const std::vector<std::string>& ids) const {
  if (n.kind != QueryNode::Kind::kTerm || !options_.plain_word_elsewhere || !options_.resolver) {
    return false;
  }
  const std::vector<lang::Token> tokens = IndexedTokens(n.text);
  return tokens.size() == 1 && options_.resolver->ResolvesLoosely(n.text) &&
         options_.plain_word_elsewhere(tokens[0].norm, ids);
}

Xapian::Query QueryBuilder::Leaf(const QueryNode& n, State* st) {
  using K = QueryNode::Kind;
  if (n.kind == K::kNear) return Near(n, st);
  if (!n.field.empty()) return Field(n, st);
  if (!n.wildcard) {
    // A name that resolves is its figure: with exact entity terms, the
    // documents that mention it and no others (what --mentions lists) —
    // unless it resolves only by its sound or a typo and the archive has it
    // as a plain word where the figure is not named (Schools, Crimes): then
    // the word as well.
    const std::vector<std::string> ids = Resolve(n.text, "");
    if (!ids.empty()) {
      Xapian::Query entity = EntityTerms(ids, schema::kEntity, st);
      if (options_.entity_terms_exact && !PlainWordOfTheArchive(n, ids)) return entity;
      Xapian::Query words = n.kind == K::kTerm ? Word(n, st) : Phrase(n, st);
      return Xapian::Query(Xapian::Query::OP_OR, words, entity);
    }
    if (n.kind == K::kTerm && options_.resolver && options_.name_forms && LooksLikeName(n.text)) {
      // A name no dictionary knows: its inflected and transliterated forms
      // in the index weigh as one word with the typed spelling.
      Xapian::Query word = Word(n, st);
      std::vector<Xapian::Query> alts{word};
      for (const std::string& form : options_.name_forms(n.text)) {
        if (st->match->norms.insert(form).second) alts.emplace_back(form);
      }
      if (alts.size() == 1 || word.empty()) return word;
      return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    }
  }
  return n.kind == K::kTerm ? Word(n, st) : Phrase(n, st);
}

}  // namespace concord::query
