#include "indexer/document_builder.h"

#include "lang/normalize.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"
#include "store/document_data.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

// Xapian refuses terms over 245 bytes; such "words" are junk anyway.
constexpr std::size_t kMaxTermBytes = 200;

void AddBooleanTerm(Xapian::Document* doc, const std::string& term) {
  if (term.size() <= kMaxTermBytes) doc->add_boolean_term(term);
}

}  // namespace

Xapian::Document DocumentBuilder::Build(const corpus::Article& a, const std::string& file_key,
                                        const std::vector<lang::Token>& tokens,
                                        const std::vector<MentionTerm>& mentions,
                                        const std::vector<MentionTerm>& title_mentions) {
  Xapian::Document doc;
  std::vector<Xapian::termpos> position_of(tokens.size(), 0);
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
    if (t.kind == lang::TokenKind::kWord) {
      const std::string stem = stemmers_.Stem(a.lang, t.norm);
      if (!stem.empty() && stem.size() + 1 <= kMaxTermBytes) {
        doc.add_term(std::string(schema::kStem) + stem);
      }
    }
  }
  for (const MentionTerm& m : mentions) {
    const std::string term = std::string(schema::kEntity) + m.entity_id;
    if (term.size() > kMaxTermBytes) continue;
    for (std::size_t i = m.first_token; i <= m.last_token && i < tokens.size(); ++i) {
      if (position_of[i] != 0) doc.add_posting(term, position_of[i]);
    }
    if (!m.entity_type.empty()) AddBooleanTerm(&doc, schema::kEntityType + m.entity_type);
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
