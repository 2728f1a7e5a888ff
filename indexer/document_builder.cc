#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

#include "indexer/schema.h"
#include "lang/normalize.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"

namespace concord::indexer {
namespace {

// Xapian refuses terms over 245 bytes; such "words" are junk anyway.
constexpr std::size_t kMaxTermBytes = 200;

void AddBooleanTerm(Xapian::Document* doc, const std::string& term) {
  if (term.size() <= kMaxTermBytes) doc->add_boolean_term(term);
}

}  // namespace

std::string CompactDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::string();
  std::string out = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  for (char c : out) {
    if (c < '0' || c > '9') return std::string();
  }
  return out;
}

namespace {

// A file name that is not valid UTF-8 is kept byte for byte in a binary
// field beside its readable form, so results can show it losslessly.
void PutName(nlohmann::json& j, const char* key, const std::string& name) {
  j[key] = lang::SanitizeUtf8(name);
  if (lang::FindInvalidUtf8(name) != std::string::npos) {
    j[std::string(key) + "_bytes"] =
        nlohmann::json::binary_t(std::vector<std::uint8_t>(name.begin(), name.end()));
  }
}

std::string GetName(const nlohmann::json& j, const char* key) {
  const auto bytes = j.find(std::string(key) + "_bytes");
  if (bytes != j.end() && bytes->is_binary()) {
    return std::string(bytes->get_binary().begin(), bytes->get_binary().end());
  }
  return j.value(key, "");
}

std::string Encode(const corpus::Article& a, bool with_text) {
  nlohmann::json j;
  PutName(j, "path", a.path);
  PutName(j, "id", a.id);
  j["title"] = lang::SanitizeUtf8(a.title);
  j["date"] = a.date;
  j["source"] = lang::SanitizeUtf8(a.source);
  j["url"] = lang::SanitizeUtf8(a.url);
  j["lang"] = a.lang;
  j["byte_offset"] = a.byte_offset;
  j["cp_offset"] = a.cp_offset;
  // The text is stored as base64-free raw bytes in a JSON string only when
  // valid; invalid UTF-8 is kept exactly in a separate binary field so offsets
  // into the original never drift.
  if (!with_text) {
    // Metadata only.
  } else if (lang::FindInvalidUtf8(a.text) == std::string::npos) {
    j["text"] = a.text;
  } else {
    j["text_bytes"] = nlohmann::json::binary_t(
        std::vector<std::uint8_t>(a.text.begin(), a.text.end()));
  }
  std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(j);
  return std::string(cbor.begin(), cbor.end());
}

}  // namespace

std::string EncodeDocumentData(const corpus::Article& a) { return Encode(a, true); }

std::string EncodeDocumentMeta(const corpus::Article& a) { return Encode(a, false); }

bool DecodeDocumentData(const std::string& data, corpus::Article* a) {
  nlohmann::json j = nlohmann::json::from_cbor(data, true, false);
  if (j.is_discarded() || !j.is_object()) return false;
  a->path = GetName(j, "path");
  a->id = GetName(j, "id");
  a->title = j.value("title", "");
  a->date = j.value("date", "");
  a->source = j.value("source", "");
  a->url = j.value("url", "");
  a->lang = j.value("lang", "");
  a->byte_offset = j.value("byte_offset", std::size_t{0});
  a->cp_offset = j.value("cp_offset", std::size_t{0});
  if (j.contains("text_bytes") && j["text_bytes"].is_binary()) {
    const auto& bin = j["text_bytes"].get_binary();
    a->text.assign(bin.begin(), bin.end());
  } else {
    a->text = j.value("text", "");
  }
  return true;
}

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
  const std::string day = CompactDate(a.date);
  if (!day.empty()) {
    AddBooleanTerm(&doc, schema::kYear + day.substr(0, 4));
    AddBooleanTerm(&doc, schema::kMonth + day.substr(0, 6));
    AddBooleanTerm(&doc, schema::kDay + day);
    doc.add_value(schema::kValueDate, day);
  }
  doc.add_value(schema::kValueSource, a.source);
  doc.add_value(schema::kValueLang, a.lang);
  doc.add_value(schema::kValueMeta, EncodeDocumentMeta(a));
  doc.set_data(EncodeDocumentData(a));
  return doc;
}

}  // namespace concord::indexer
