#include "indexer/document_builder.h"

#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "lang/hash.h"
#include "lang/normalize.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"
#include "store/document_data.h"
#include "store/mention_table.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

// Xapian refuses terms over 245 bytes; such "words" are junk anyway.
constexpr std::size_t kMaxTermBytes = 200;
// Words remembered as given to the stem table (8-byte hashes, about 40 MB
// with the set's own overhead at the bound), then forgotten: an entry given
// twice is written once.
constexpr std::size_t kMaxStemMemo = 1u << 20;

void AddBooleanTerm(Xapian::Document* doc, const std::string& term) {
  if (term.size() <= kMaxTermBytes) doc->add_boolean_term(term);
}

// Entity mentions as terms (*terms) and as the stored table (*table).
// Beyond store::kMaxStoredMentions the document keeps its XE terms but no
// table: a listing then matches its text again (bounded by corpus::kPartBytes).
void Tag(const lang::EntityMatcher& entities, const corpus::Article& a,
         const std::vector<lang::Token>& tokens, std::vector<MentionTerm>* terms,
         std::vector<store::StoredMention>* table) {
  std::vector<lang::Mention> found = entities.Match(a.text, tokens, a.lang);
  const bool keep_table = found.size() <= store::kMaxStoredMentions;
  for (lang::Mention& m : found) {
    const lang::Entity& e = entities.entity(m.entity);
    terms->push_back({m.first_token, m.last_token, e.id, e.type});
    if (!keep_table) continue;
    store::StoredMention s;
    s.entity_id = e.id;
    s.rung = m.rung;
    s.ambiguous = m.ambiguous;
    s.evidence = std::move(m.evidence);
    s.byte_start = m.byte_start;
    s.byte_end = m.byte_end;
    s.cp_start = m.cp_start;
    s.cp_end = m.cp_end;
    s.surface = a.text.substr(m.byte_start, m.byte_end - m.byte_start);
    store::MentionContext(a.text, tokens, m.first_token, m.last_token, m.byte_end,
                          store::kStoredContextWords, &s.left, &s.right);
    table->push_back(std::move(s));
  }
}

}  // namespace

AnalysedDocument DocumentBuilder::Analyse(const corpus::Article& a, const std::string& file_key,
                                          const lang::EntityMatcher* entities) {
  const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
  std::vector<MentionTerm> terms, title_terms;
  std::vector<store::StoredMention> table;
  if (entities) {
    Tag(*entities, a, tokens, &terms, &table);
    if (!a.title.empty()) {
      for (const lang::Mention& m : entities->Match(a.title, lang::Tokenize(a.title), a.lang)) {
        const lang::Entity& e = entities->entity(m.entity);
        title_terms.push_back({m.first_token, m.last_token, e.id, e.type});
      }
    }
  }
  AnalysedDocument out;
  out.doc = Build(a, file_key, tokens, terms, title_terms, stem_terms_ ? nullptr : &out.stem_words);
  out.signature = MinHashSignature(tokens);
  for (const auto& [slot, data] : store::EncodeEntityMentionTables(std::move(table))) {
    out.doc.add_value(slot, data);
  }
  if (!out.signature.empty()) {
    out.doc.add_value(schema::kValueMinHash, EncodeSignature(out.signature));
    for (const std::string& t : BandTerms(out.signature)) out.doc.add_boolean_term(t);
  }
  return out;
}

Xapian::Document DocumentBuilder::Build(const corpus::Article& a, const std::string& file_key,
                                        const std::vector<lang::Token>& tokens,
                                        const std::vector<MentionTerm>& mentions,
                                        const std::vector<MentionTerm>& title_mentions,
                                        StemWords* stem_words) {
  Xapian::Document doc;
  std::vector<Xapian::termpos> position_of(tokens.size(), 0);
  // A stem table entry for each word this builder has not seen in the
  // document's language yet (most words of an article were in an earlier
  // one); or each distinct word once, with its count, as a Z term, which
  // costs a posting per document and word: about a quarter of the indexing
  // time and an eighth of the size.
  std::unordered_map<std::string_view, Xapian::termcount> words;
  if (!stem_words) words.reserve(tokens.size() / 2 + 1);
  const bool stems = stemmers_.Has(a.lang);
  const std::uint64_t lang_hash =
      lang::Fnv1a64(std::string_view(a.lang.c_str(), a.lang.size() + 1));
  if (stem_words && stem_memo_.size() > kMaxStemMemo) stem_memo_.clear();
  Xapian::termpos pos = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const lang::Token& t = tokens[i];
    if (!t.indexed() || t.norm.size() > kMaxTermBytes) continue;
    position_of[i] = ++pos;
    doc.add_posting(t.norm, pos);
    if (t.script == lang::Script::kCyrillic || t.script == lang::Script::kGreek) {
      const std::string latin = lang::ToLatin(t.norm, a.lang);
      // A lone "ъ" or "ь" has no Latin letters: no second term then.
      if (latin != t.norm && !latin.empty() && latin.size() <= kMaxTermBytes) {
        doc.add_posting(latin, pos);
      }
    }
    if (t.kind != lang::TokenKind::kWord || !stems) continue;
    if (!stem_words) {
      ++words[t.norm];
    } else if (stem_memo_.insert(lang::Fnv1a64(t.norm, lang_hash)).second) {
      const std::string& stem = stemmers_.Stem(a.lang, t.norm);
      if (!stem.empty() && stem.size() < kMaxTermBytes) {
        stem_words->emplace_back(schema::StemTableKey(a.lang, stem), t.norm);
      }
    }
  }
  const std::string_view stem_prefix(schema::kStem);
  std::string stem_term;
  for (const auto& [word, count] : words) {
    const std::string& stem = stemmers_.Stem(a.lang, std::string(word));
    if (stem.empty() || stem_prefix.size() + stem.size() > kMaxTermBytes) continue;
    stem_term.assign(stem_prefix).append(stem);
    doc.add_term(stem_term, count);
  }
  std::map<std::string, std::size_t> mentions_of;  // entity id -> mentions in the text
  for (const MentionTerm& m : mentions) {
    const std::string term = std::string(schema::kEntity) + m.entity_id;
    if (term.size() > kMaxTermBytes) continue;
    for (std::size_t i = m.first_token; i <= m.last_token && i < tokens.size(); ++i) {
      if (position_of[i] != 0) doc.add_posting(term, position_of[i]);
    }
    ++mentions_of[m.entity_id];
    if (!m.entity_type.empty()) AddBooleanTerm(&doc, schema::kEntityType + m.entity_type);
  }
  for (const auto& [id, n] : mentions_of) {
    const std::string term = schema::EntityCountTerm(id, n);
    if (term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
  }

  const std::vector<lang::Token> title_tokens = lang::Tokenize(a.title);
  std::vector<Xapian::termpos> title_position_of(title_tokens.size(), 0);
  Xapian::termpos title_pos = 0;
  for (std::size_t i = 0; i < title_tokens.size(); ++i) {
    const lang::Token& t = title_tokens[i];
    if (t.indexed() && t.norm.size() < kMaxTermBytes) {
      title_position_of[i] = ++title_pos;
      doc.add_posting(std::string(schema::kTitle) + t.norm, title_pos);
    }
  }
  for (const MentionTerm& m : title_mentions) {
    const std::string term = std::string(schema::kTitleEntity) + m.entity_id;
    if (term.size() > kMaxTermBytes) continue;
    for (std::size_t i = m.first_token; i <= m.last_token && i < title_tokens.size(); ++i) {
      if (title_position_of[i] != 0) doc.add_posting(term, title_position_of[i]);
    }
  }

  doc.add_boolean_term(schema::Bounded(schema::kUniqueId, a.id));
  doc.add_boolean_term(schema::Bounded(schema::kFile, file_key));
  AddBooleanTerm(&doc, schema::kLang + a.lang);
  for (const lang::Token& t : lang::Tokenize(a.source)) {
    if (t.indexed()) AddBooleanTerm(&doc, schema::kSource + t.norm);
  }
  const std::string day = store::CompactDate(a.date);
  if (!day.empty()) {
    AddBooleanTerm(&doc, schema::kYear + day.substr(0, 4));
    AddBooleanTerm(&doc, schema::kMonth + day.substr(0, 6));
    AddBooleanTerm(&doc, schema::kDay + day);
    doc.add_value(schema::kValueDate, day);
  }
  doc.add_value(schema::kValueSource, a.source);
  doc.add_value(schema::kValueLang, a.lang);
  doc.add_value(schema::kValueMeta, store::EncodeDocumentMeta(a));
  doc.set_data(store::EncodeDocumentData(a));
  return doc;
}

}  // namespace concord::indexer
