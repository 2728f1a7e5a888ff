#include "indexer/index_writer.h"

#include <set>
#include <sstream>

#include <xapian.h>

#include "indexer/document_builder.h"
#include "indexer/schema.h"
#include "lang/language_id.h"
#include "lang/tokenizer.h"

namespace concord::indexer {

struct IndexWriter::Impl {
  std::vector<MentionTerm> Tag(const corpus::Article& a, const std::vector<lang::Token>& tokens) {
    std::vector<MentionTerm> out;
    if (!options.entities) return out;
    for (const lang::Mention& m : options.entities->Match(a.text, tokens, a.lang)) {
      const lang::Entity& e = options.entities->entity(m.entity);
      out.push_back({m.first_token, m.last_token, e.id, e.type});
    }
    return out;
  }

  Xapian::WritableDatabase db;
  bool open = false;
  IndexWriterOptions options;
  IndexStats stats;
  DocumentBuilder builder;
  std::set<std::string> languages;
};

IndexWriter::IndexWriter() : impl_(new Impl) {}
IndexWriter::~IndexWriter() = default;

bool IndexWriter::Open(const std::string& path, const IndexWriterOptions& options,
                       std::string* error) {
  impl_->options = options;
  try {
    const int flags = options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
    impl_->db = Xapian::WritableDatabase(path, flags);
    std::stringstream langs(impl_->db.get_metadata(schema::kMetaLanguages));
    for (std::string code; std::getline(langs, code, ',');) {
      if (!code.empty()) impl_->languages.insert(code);
    }
    impl_->open = true;
    return true;
  } catch (const Xapian::DatabaseLockError& e) {
    *error = "database " + path + " is locked by another writer (" + e.get_msg() + ")";
  } catch (const Xapian::Error& e) {
    *error = "cannot open database " + path + ": " + e.get_description();
  }
  return false;
}

bool IndexWriter::ReplaceFile(const std::string& file_key, std::vector<corpus::Article> articles,
                              std::string* error) {
  Impl& m = *impl_;
  try {
    const std::string file_term = schema::kFile + file_key;
    std::set<std::string> old_ids;
    for (auto it = m.db.postlist_begin(file_term); it != m.db.postlist_end(file_term); ++it) {
      corpus::Article old;
      if (DecodeDocumentData(m.db.get_document(*it).get_data(), &old)) old_ids.insert(old.id);
    }
    m.db.delete_document(file_term);
    for (corpus::Article& a : articles) {
      // Articles whose language is unset get CLD2's guess. "und" (no reliable
      // guess) is stored as such: no stems, and the entity matcher then
      // accepts the endings of every inflecting language.
      if (a.lang.empty()) a.lang = lang::DetectLanguage(a.text);
      m.languages.insert(a.lang);
      const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
      Xapian::Document doc = m.builder.Build(a, file_key, tokens, m.Tag(a, tokens));
      m.db.replace_document(schema::kUniqueId + a.id, doc);
      if (old_ids.erase(a.id)) {
        ++m.stats.updated;
      } else {
        ++m.stats.added;
      }
      m.stats.bytes += a.text.size();
    }
    m.stats.removed += old_ids.size();
    ++m.stats.files;
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot index " + file_key + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::Retag(std::string* error) {
  Impl& m = *impl_;
  try {
    for (auto it = m.db.postlist_begin(""); it != m.db.postlist_end(""); ++it) {
      const Xapian::docid id = *it;
      const Xapian::Document old = m.db.get_document(id);
      corpus::Article a;
      if (!DecodeDocumentData(old.get_data(), &a)) continue;
      std::string file_key;
      for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) {
        if ((*t).rfind(schema::kFile, 0) == 0) file_key = (*t).substr(2);
      }
      const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
      m.db.replace_document(id, m.builder.Build(a, file_key, tokens, m.Tag(a, tokens)));
      ++m.stats.updated;
    }
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot re-tag: " + e.get_description();
    return false;
  }
}

bool IndexWriter::Commit(std::string* error) {
  Impl& m = *impl_;
  try {
    std::string langs;
    for (const std::string& code : m.languages) langs += (langs.empty() ? "" : ",") + code;
    m.db.set_metadata(schema::kMetaLanguages, langs);
    m.db.set_metadata(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
    if (m.options.entities) m.db.set_metadata(schema::kMetaEntitiesHash, m.options.entities_hash);
    m.db.commit();
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot commit: " + e.get_description();
    return false;
  }
}

std::size_t IndexWriter::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

const IndexStats& IndexWriter::stats() const { return impl_->stats; }

}  // namespace concord::indexer
