#include "indexer/index_writer.h"

#include <set>
#include <sstream>

#include <xapian.h>

#include "corpus/text_reader.h"
#include "indexer/document_builder.h"
#include "indexer/near_duplicate.h"
#include "indexer/schema.h"
#include "lang/language_id.h"
#include "lang/tokenizer.h"

namespace concord::indexer {
namespace {

std::string RecordKey(const std::string& file_key) {
  return schema::Bounded(schema::kMetaFilePrefix, file_key);
}

std::string EncodeRecord(const std::string& file_key, const FileRecord& r) {
  std::ostringstream out;
  out << r.size << ' ' << r.mtime_ns << ' ' << r.content_hash << ' ' << r.indexed_at_ns << ' '
      << r.documents << '\t' << file_key;
  return out.str();
}

bool DecodeRecord(const std::string& value, FileRecord* r, std::string* file_key) {
  const std::size_t tab = value.find('\t');
  if (tab == std::string::npos) return false;
  std::istringstream in(value.substr(0, tab));
  if (!(in >> r->size >> r->mtime_ns >> r->content_hash >> r->indexed_at_ns >> r->documents)) {
    return false;
  }
  *file_key = value.substr(tab + 1);
  return true;
}

}  // namespace

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

  // Starts the batch's transaction on its first change.
  void Touch() {
    if (!in_transaction) {
      db.begin_transaction();
      in_transaction = true;
    }
  }

  // Near-duplicate cluster: the cluster of an indexed document similar
  // enough to this one (shared band, then signature check), else its own id.
  std::string ClusterOf(const Signature& signature, const std::string& own_id) {
    if (signature.empty()) return own_id;
    const std::vector<std::string> bands = BandTerms(signature);
    Xapian::Query q(Xapian::Query::OP_OR, bands.begin(), bands.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);  // oldest first: stable roots
    const Xapian::MSet candidates = enquire.get_mset(0, 50);
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
      const Xapian::Document d = it.get_document();
      Signature other;
      if (DecodeSignature(d.get_value(schema::kValueMinHash), &other) &&
          Similarity(other, signature) >= schema::kNearDuplicateSimilarity) {
        const std::string cluster = d.get_value(schema::kValueCluster);
        if (!cluster.empty()) return cluster;
      }
    }
    return own_id;
  }

  Xapian::Document Build(const corpus::Article& a, const std::string& file_key,
                         const std::string* keep_cluster) {
    const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
    Xapian::Document doc = builder.Build(a, file_key, tokens, Tag(a, tokens));
    const Signature signature = MinHashSignature(tokens);
    if (!signature.empty()) {
      doc.add_value(schema::kValueMinHash, EncodeSignature(signature));
      for (const std::string& t : BandTerms(signature)) doc.add_boolean_term(t);
    }
    doc.add_value(schema::kValueCluster,
                  keep_cluster && !keep_cluster->empty() ? *keep_cluster
                                                         : ClusterOf(signature, a.id));
    return doc;
  }

  Xapian::WritableDatabase db;
  bool open = false;
  bool in_transaction = false;
  IndexWriterOptions options;
  IndexStats stats;
  DocumentBuilder builder;
  std::set<std::string> languages;
  std::size_t pending_bytes = 0;
  // The file being replaced.
  std::string file_key;
  std::set<std::string> stale_ids;  // its documents not (yet) added again
  std::size_t file_documents = 0;
};

IndexWriter::IndexWriter() : impl_(new Impl) {}

IndexWriter::~IndexWriter() {
  // Uncommitted changes are dropped, as after a crash.
  if (impl_->in_transaction) {
    try {
      impl_->db.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  }
}

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

bool IndexWriter::FindFile(const std::string& file_key, FileRecord* record) const {
  try {
    std::string key;
    return DecodeRecord(impl_->db.get_metadata(RecordKey(file_key)), record, &key) &&
           key == file_key;
  } catch (const Xapian::Error&) {
    return false;
  }
}

std::vector<std::string> IndexWriter::FileKeys() const {
  std::vector<std::string> out;
  try {
    const std::string prefix = schema::kMetaFilePrefix;
    for (auto it = impl_->db.metadata_keys_begin(prefix); it != impl_->db.metadata_keys_end(prefix);
         ++it) {
      FileRecord r;
      std::string key;
      if (DecodeRecord(impl_->db.get_metadata(*it), &r, &key)) out.push_back(key);
    }
  } catch (const Xapian::Error&) {
  }
  return out;
}

bool IndexWriter::BeginFile(const std::string& file_key, std::string* error) {
  Impl& m = *impl_;
  m.file_key = file_key;
  m.stale_ids.clear();
  m.file_documents = 0;
  try {
    m.Touch();
    const std::string file_term = schema::Bounded(schema::kFile, file_key);
    for (auto it = m.db.postlist_begin(file_term); it != m.db.postlist_end(file_term); ++it) {
      corpus::Article old;
      if (DecodeDocumentData(m.db.get_document(*it).get_data(), &old)) m.stale_ids.insert(old.id);
    }
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot index " + file_key + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::AddArticle(corpus::Article a, std::string* error) {
  Impl& m = *impl_;
  try {
    m.Touch();
    // Articles whose language is unset get CLD2's guess. "und" (no reliable
    // guess) is stored as such: no stems, and the entity matcher then
    // accepts the endings of every inflecting language.
    if (a.lang.empty()) a.lang = lang::DetectLanguage(a.text);
    if (a.title.empty()) a.title = corpus::TitleFromText(a.text);
    m.languages.insert(a.lang);
    const std::string id_term = schema::Bounded(schema::kUniqueId, a.id);
    m.db.replace_document(id_term, m.Build(a, m.file_key, nullptr));
    if (m.stale_ids.erase(a.id)) {
      ++m.stats.updated;
    } else {
      ++m.stats.added;
    }
    ++m.file_documents;
    m.stats.bytes += a.text.size();
    m.pending_bytes += a.text.size();
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot index " + a.path + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::EndFile(const FileRecord& record, std::string* error) {
  Impl& m = *impl_;
  try {
    for (const std::string& id : m.stale_ids) {
      m.db.delete_document(schema::Bounded(schema::kUniqueId, id));
      ++m.stats.removed;
    }
    m.stale_ids.clear();
    FileRecord r = record;
    r.documents = m.file_documents;
    m.db.set_metadata(RecordKey(m.file_key), EncodeRecord(m.file_key, r));
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot index " + m.file_key + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::UpdateRecord(const std::string& file_key, const FileRecord& record,
                               std::string* error) {
  try {
    impl_->Touch();
    impl_->db.set_metadata(RecordKey(file_key), EncodeRecord(file_key, record));
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot update " + file_key + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::RemoveFile(const std::string& file_key, std::string* error) {
  Impl& m = *impl_;
  try {
    m.Touch();
    const std::string file_term = schema::Bounded(schema::kFile, file_key);
    m.stats.removed += m.db.get_termfreq(file_term);
    m.db.delete_document(file_term);
    m.db.set_metadata(RecordKey(file_key), std::string());
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot remove " + file_key + ": " + e.get_description();
    return false;
  }
}

bool IndexWriter::RemoveDocument(const std::string& id, bool* found, std::string* error) {
  try {
    impl_->Touch();
    const std::string term = schema::Bounded(schema::kUniqueId, id);
    *found = impl_->db.term_exists(term);
    if (*found) {
      impl_->db.delete_document(term);
      ++impl_->stats.removed;
    }
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot remove " + id + ": " + e.get_description();
    return false;
  }
}

std::string IndexWriter::metadata(const std::string& key) const {
  try {
    return impl_->db.get_metadata(key);
  } catch (const Xapian::Error&) {
    return {};
  }
}

bool IndexWriter::ReplaceFile(const std::string& file_key, std::vector<corpus::Article> articles,
                              std::string* error) {
  if (!BeginFile(file_key, error)) return false;
  for (corpus::Article& a : articles) {
    if (!AddArticle(std::move(a), error)) return false;
  }
  return EndFile(FileRecord(), error);
}

bool IndexWriter::Retag(std::string* error) {
  Impl& m = *impl_;
  try {
    m.Touch();
    std::vector<Xapian::docid> ids;
    for (auto it = m.db.postlist_begin(""); it != m.db.postlist_end(""); ++it) ids.push_back(*it);
    for (const Xapian::docid id : ids) {
      const Xapian::Document old = m.db.get_document(id);
      corpus::Article a;
      if (!DecodeDocumentData(old.get_data(), &a)) continue;
      std::string file_key;
      for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) {
        if ((*t).rfind(schema::kFile, 0) == 0) file_key = (*t).substr(2);
      }
      const std::string cluster = old.get_value(schema::kValueCluster);
      m.db.replace_document(id, m.Build(a, file_key, &cluster));
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
    m.Touch();
    std::string langs;
    for (const std::string& code : m.languages) langs += (langs.empty() ? "" : ",") + code;
    m.db.set_metadata(schema::kMetaLanguages, langs);
    m.db.set_metadata(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
    if (m.options.entities) m.db.set_metadata(schema::kMetaEntitiesHash, m.options.entities_hash);
    m.db.commit_transaction();
    m.in_transaction = false;
    m.pending_bytes = 0;
    return true;
  } catch (const Xapian::Error& e) {
    *error = "cannot commit: " + e.get_description();
    return false;
  }
}

std::size_t IndexWriter::pending_bytes() const { return impl_->pending_bytes; }

std::size_t IndexWriter::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

const IndexStats& IndexWriter::stats() const { return impl_->stats; }

}  // namespace concord::indexer
