#include "indexer/index_writer.h"

#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <utility>

#include "corpus/text_reader.h"
#include "indexer/document_builder.h"
#include "indexer/near_duplicate.h"
#include "indexer/write_queue.h"
#include "lang/language_id.h"
#include "lang/utf8.h"
#include "store/document_data.h"
#include "store/errors.h"
#include "store/file_record.h"
#include "store/schema.h"
#include "store/segments.h"

namespace concord::indexer {
namespace {

bool NotWritable(const Xapian::Error& e) {
  return store::CausedBy(e, EACCES) || store::CausedBy(e, EPERM) || store::CausedBy(e, EROFS);
}

// Xapian 1.4 can abort the whole process when a write fails midway through
// a commit (an exception unwinding through one of its destructors), so room
// is checked before committing: a commit that may not fit on the disk, or
// under the file size limit (RLIMIT_FSIZE), is refused as a full disk would
// refuse it, and the last commit stays. `pending` is the uncommitted text;
// what Xapian writes for it (data, positions, postings, new B-tree blocks)
// is taken as at most three times that, plus a margin (1 MB on the disk;
// for one file 64 KB and half its size: a commit copies every block it
// changes, and the words of a batch touch blocks all over a table).
void CheckRoomToCommit(const std::string& path, std::size_t pending) {
  const std::uint64_t writes = 3 * static_cast<std::uint64_t>(pending);
  struct statvfs fs;
  if (statvfs(path.c_str(), &fs) == 0 &&
      static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize < writes + (1u << 20)) {
    throw Xapian::DatabaseError("too little free space to commit", std::string(), ENOSPC);
  }
  struct rlimit limit;
  if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    const std::uintmax_t size = entry.file_size(ec);
    if (!ec && size + size / 2 + writes + (64u << 10) > limit.rlim_cur) {
      throw Xapian::DatabaseError(
          "no room to commit under the file size limit in " + entry.path().filename().string(),
          std::string(), EFBIG);
    }
  }
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;  // the writer thread's (after Open)
  WriteQueue queue{&db};
  Xapian::Database snapshot;  // the last commit before this run: file records
  bool has_snapshot = false;
  std::string path;
  bool open = false;
  IndexWriterOptions options;
  IndexStats stats;
  DocumentBuilder builder;  // caller thread, or the writer thread while the caller waits
  std::set<std::string> languages;
  std::size_t pending_bytes = 0;
  // The file being replaced (caller thread).
  std::string file_key;
  std::set<std::string> stale_ids;  // its documents not (yet) added again
  std::size_t file_documents = 0;
  // The stem table (DocumentBuilder StemWords), writer thread: the entries of
  // the documents written since the last commit (also of documents Xapian
  // refused: the builder gives each entry once), written at the commit, one
  // synonym table update per stem, in key order.
  std::map<std::string, std::set<std::string>> pending_stem_words;

  void NoteStemWords(const StemWords& entries) {
    for (const auto& [key, word] : entries) pending_stem_words[key].insert(word);
  }
  // Before a commit, in its transaction.
  void WriteStemWords() {
    for (const auto& [key, words] : pending_stem_words) {
      for (const std::string& word : words) db.add_synonym(key, word);
    }
    pending_stem_words.clear();
  }

  // Runs `read` on the snapshot. A commit in the background may have moved
  // the database past the snapshot's revision (Xapian keeps only the last
  // ones): the snapshot then moves to the newest commit and `read` runs
  // again, which is safe as commits only hold files already looked up.
  bool ReadSnapshot(const std::function<void()>& read, Status* error) {
    for (int attempt = 0;; ++attempt) {
      try {
        read();
        return true;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt == 8) {
          *error = store::XapianStatus(e, "cannot read " + path + ": " + e.get_description());
          return false;
        }
        try {
          snapshot.reopen();
        } catch (const Xapian::Error&) {
        }
      } catch (const Xapian::Error& e) {
        *error = store::XapianStatus(e, "cannot read " + path + ": " + e.get_description());
        return false;
      }
    }
  }
};

IndexWriter::IndexWriter() : impl_(new Impl) {}

IndexWriter::~IndexWriter() { impl_->queue.Stop(); }

bool IndexWriter::Open(const std::string& path, const IndexWriterOptions& options, Status* error) {
  Impl& m = *impl_;
  m.options = options;
  m.path = path;
  m.builder.set_stem_terms(options.stem_terms);
  // Checked first: Xapian would report a failed lock, which reads like
  // another writer holding it.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec) && ::access(path.c_str(), W_OK | X_OK) != 0) {
    *error = Status(Code::kIo, "database directory " + path + " is not writable (" +
                                   std::strerror(errno) + ")");
    return false;
  }
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec)) {
    *error = Status(Code::kInvalidArgument,
                    path +
                        " is a file, not a database directory (a database is a directory; "
                        "a stub file lists shards for searching only)");
    return false;
  }
  try {
    const int flags = (options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) |
                      (options.building_segment ? Xapian::DB_NO_SYNC : 0);
    m.db = Xapian::WritableDatabase(path, flags);
    std::stringstream langs(m.db.get_metadata(schema::kMetaLanguages));
    for (std::string code; std::getline(langs, code, ',');) {
      if (!code.empty()) m.languages.insert(code);
    }
    try {
      m.snapshot = Xapian::Database(path);
      m.has_snapshot = true;
    } catch (const Xapian::Error&) {
      m.has_snapshot = false;  // a brand-new database: no records yet
    }
    if (options.building_segment && m.db.get_doccount() == 0) {
      m.db.commit();  // the database exists on disk before it is marked
      std::string mark_error;
      if (!store::MarkSegment(path, schema::kSegmentBuilding, &mark_error)) {
        *error = Status(Code::kIo, mark_error);
        return false;
      }
    }
    m.open = true;
    m.queue.Start(path);
    return true;
  } catch (const Xapian::Error& e) {
    if (NotWritable(e)) {
      *error = Status(
          Code::kIo, (std::filesystem::exists(path, ec) ? "database " + path + " is not writable ("
                                                        : "cannot create database " + path + " (") +
                         e.get_error_string() + "): " + e.get_msg());
    } else if (store::CodeOf(e) == Code::kLocked) {
      *error = Status(Code::kLocked,
                      "database " + path + " is locked by another writer (" + e.get_msg() + ")");
    } else {
      *error = store::XapianStatus(e, "cannot open database " + path + ": " + e.get_description());
    }
  }
  return false;
}

bool IndexWriter::FindFile(const std::string& file_key, FileRecord* record) const {
  // Records are read from the snapshot: each file is looked up once per run,
  // before this run writes it, so the last commit is the truth.
  if (!impl_->has_snapshot) return false;
  std::string value;
  Status error;
  if (!impl_->ReadSnapshot(
          [&] { value = impl_->snapshot.get_metadata(store::FileRecordKey(file_key)); }, &error)) {
    return false;
  }
  std::string key;
  return store::DecodeFileRecord(value, record, &key) && key == file_key;
}

bool IndexWriter::Holds(const std::string& file_key) const {
  FileRecord record;
  if (FindFile(file_key, &record)) return true;
  if (!impl_->has_snapshot) return false;
  bool found = false;
  Status error;
  const std::string term = schema::Bounded(schema::kFile, file_key);
  impl_->ReadSnapshot([&] { found = impl_->snapshot.term_exists(term); }, &error);
  return found;
}

std::vector<std::string> IndexWriter::FileKeys() const {
  std::vector<std::string> out;
  for (auto& [key, via] : Files()) out.push_back(std::move(key));
  return out;
}

std::vector<std::pair<std::string, std::string>> IndexWriter::Files() const {
  std::vector<std::pair<std::string, std::string>> out;
  Status error;
  Impl& m = *impl_;
  m.queue.Sync(
      [&] {
        const std::string prefix = schema::kMetaFilePrefix;
        for (auto it = m.db.metadata_keys_begin(prefix); it != m.db.metadata_keys_end(prefix);
             ++it) {
          FileRecord r;
          std::string key;
          if (store::DecodeFileRecord(m.db.get_metadata(*it), &r, &key))
            out.emplace_back(key, r.via);
        }
      },
      &error);
  return out;
}

bool IndexWriter::BeginFile(const std::string& file_key, Status* error) {
  Impl& m = *impl_;
  {
    // Read again (a later AddPaths through the same writer): a fresh chance.
    m.queue.ForgetRefusals(file_key);
  }
  m.file_key = file_key;
  m.stale_ids.clear();
  m.file_documents = 0;
  if (!m.has_snapshot) return true;
  const std::string file_term = schema::Bounded(schema::kFile, file_key);
  Status read_error;
  if (!m.ReadSnapshot(
          [&] {
            m.stale_ids.clear();
            for (auto it = m.snapshot.postlist_begin(file_term);
                 it != m.snapshot.postlist_end(file_term); ++it) {
              corpus::Article old;
              if (store::DecodeDocumentData(m.snapshot.get_document(*it).get_data(), &old)) {
                m.stale_ids.insert(old.id);
              }
            }
          },
          &read_error)) {
    *error = Status(read_error.code(), "cannot index " + file_key + ": " + read_error.message());
    return false;
  }
  return true;
}

bool IndexWriter::AddArticle(corpus::Article a, Status* error) {
  Impl& m = *impl_;
  auto doc = std::make_shared<QueuedDocument>();
  doc->id = a.id;
  doc->path = a.path;
  doc->file_key = m.file_key;
  doc->update = m.stale_ids.count(a.id) > 0;
  std::shared_ptr<AnalysedDocument> prepared;
  try {
    // Articles whose language is unset get CLD2's guess. "und" (no reliable
    // guess) is stored as such: no stems, and the entity matcher then
    // accepts the endings of every inflecting language.
    if (a.lang.empty()) a.lang = lang::DetectLanguage(a.text);
    if (a.title.empty()) a.title = corpus::TitleFromText(a.text);
    a.title = lang::WithoutControls(a.title);  // a NUL or ESC has no place in a title
    prepared =
        std::make_shared<AnalysedDocument>(m.builder.Analyse(a, m.file_key, m.options.entities));
    if (m.options.refuse_for_testing && m.options.refuse_for_testing(a)) {
      prepared->doc.add_term(std::string(300, 'x'));
    }
  } catch (const std::exception& e) {
    // One document's analysis failing (memory, a library error) leaves that
    // document out, not the run.
    m.queue.Refuse(*doc, std::string("analysis failed: ") + e.what(), /*counted=*/false);
    ++m.stats.refused;
    m.stale_ids.erase(a.id);  // its earlier version stays until it can be replaced
    return true;
  } catch (const Xapian::Error& e) {
    m.queue.Refuse(*doc, "analysis failed: " + e.get_description(), /*counted=*/false);
    ++m.stats.refused;
    m.stale_ids.erase(a.id);
    return true;
  }
  m.languages.insert(a.lang);
  const std::string id_term = schema::Bounded(schema::kUniqueId, a.id);
  const auto write = [&m, prepared, id_term, id = a.id] {
    m.queue.BeginWrite();
    prepared->doc.add_value(schema::kValueCluster, m.options.building_segment
                                                       ? id
                                                       : ClusterOf(m.db, prepared->signature, id));
    m.NoteStemWords(prepared->stem_words);
    m.db.replace_document(id_term, prepared->doc);
  };
  if (!m.queue.Write(write, error, a.text.size(), doc)) return false;
  if (m.stale_ids.erase(a.id)) {
    ++m.stats.updated;
  } else {
    ++m.stats.added;
  }
  ++m.file_documents;
  m.stats.bytes += a.text.size();
  m.pending_bytes += a.text.size();
  return true;
}

bool IndexWriter::EndFile(const FileRecord& record, Status* error) {
  Impl& m = *impl_;
  FileRecord r = record;
  r.documents = m.file_documents;
  std::vector<std::string> stale(m.stale_ids.begin(), m.stale_ids.end());
  m.stats.removed += stale.size();
  m.stale_ids.clear();
  return m.queue.Write(
      [&m, stale = std::move(stale), key = m.file_key, r] {
        m.queue.BeginWrite();
        for (const std::string& id : stale) {
          m.db.delete_document(schema::Bounded(schema::kUniqueId, id));
        }
        // A file with a refused document gets no record: the next run reads it again.
        if (!m.queue.FileRefused(key))
          m.db.set_metadata(store::FileRecordKey(key), store::EncodeFileRecord(key, r));
      },
      error);
}

bool IndexWriter::UpdateRecord(const std::string& file_key, const FileRecord& record,
                               Status* error) {
  Impl& m = *impl_;
  return m.queue.Write(
      [&m, file_key, record] {
        m.queue.BeginWrite();
        m.db.set_metadata(store::FileRecordKey(file_key),
                          store::EncodeFileRecord(file_key, record));
      },
      error);
}

bool IndexWriter::RemoveFile(const std::string& file_key, Status* error) {
  Impl& m = *impl_;
  const std::string file_term = schema::Bounded(schema::kFile, file_key);
  std::size_t documents = 0;
  if (!m.queue.Sync([&] { documents = m.db.get_termfreq(file_term); }, error)) return false;
  m.stats.removed += documents;
  return m.queue.Write(
      [&m, file_term, file_key] {
        m.queue.BeginWrite();
        m.db.delete_document(file_term);
        m.db.set_metadata(store::FileRecordKey(file_key), std::string());
      },
      error);
}

bool IndexWriter::RemoveDocument(const std::string& id, bool* found, Status* error) {
  Impl& m = *impl_;
  const std::string term = schema::Bounded(schema::kUniqueId, id);
  *found = false;
  if (!m.queue.Sync([&] { *found = m.db.term_exists(term); }, error)) return false;
  if (!*found) return true;
  ++m.stats.removed;
  return m.queue.Write(
      [&m, term] {
        m.queue.BeginWrite();
        m.db.delete_document(term);
      },
      error);
}

std::string IndexWriter::metadata(const std::string& key) const {
  std::string value;
  Status error;
  impl_->queue.Sync([&] { value = impl_->db.get_metadata(key); }, &error);
  return value;
}

bool IndexWriter::ReplaceFile(const std::string& file_key, std::vector<corpus::Article> articles,
                              Status* error) {
  if (!BeginFile(file_key, error)) return false;
  for (corpus::Article& a : articles) {
    if (!AddArticle(std::move(a), error)) return false;
  }
  return EndFile(FileRecord(), error);
}

bool IndexWriter::Retag(Status* error) {
  Impl& m = *impl_;
  // The whole pass runs in the writer thread; the caller waits, so the
  // document builder is never used from two threads at once.
  return m.queue.Sync(
      [&m] {
        m.queue.BeginWrite();
        std::vector<Xapian::docid> ids;
        for (auto it = m.db.postlist_begin(""); it != m.db.postlist_end(""); ++it) {
          ids.push_back(*it);
        }
        for (const Xapian::docid id : ids) {
          const Xapian::Document old = m.db.get_document(id);
          corpus::Article a;
          if (!store::DecodeDocumentData(old.get_data(), &a)) continue;
          std::string file_key;
          for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) {
            if ((*t).rfind(schema::kFile, 0) == 0) file_key = (*t).substr(2);
          }
          AnalysedDocument p = m.builder.Analyse(a, file_key, m.options.entities);
          p.doc.add_value(schema::kValueCluster, old.get_value(schema::kValueCluster));
          m.NoteStemWords(p.stem_words);
          m.db.replace_document(id, p.doc);
          ++m.stats.updated;
        }
      },
      error, /*writes=*/true);
}

std::function<void()> IndexWriter::CommitOp() {
  Impl& m = *impl_;
  std::string langs;
  for (const std::string& code : m.languages) langs += (langs.empty() ? "" : ",") + code;
  return [&m, langs, pending = m.pending_bytes] {
    CheckRoomToCommit(m.path, pending);
    m.queue.BeginWrite();
    m.db.set_metadata(schema::kMetaLanguages, langs);
    m.db.set_metadata(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
    m.db.set_metadata(schema::kMetaStems, m.options.stem_terms ? "terms" : "table");
    if (m.options.entities) {
      m.db.set_metadata(schema::kMetaEntitiesHash, m.options.entities_hash);
    }
    m.WriteStemWords();
    m.queue.CommitTransaction();
  };
}

bool IndexWriter::CommitInBackground(Status* error) {
  if (!impl_->queue.Post(CommitOp(), error)) return false;
  impl_->pending_bytes = 0;
  return true;
}

bool IndexWriter::Commit(Status* error) {
  Impl& m = *impl_;
  const bool ok = m.queue.Sync(CommitOp(), error);
  if (ok) {
    m.pending_bytes = 0;
    // Later lookups (another AddPaths through the same writer) see this commit.
    try {
      if (m.has_snapshot) {
        m.snapshot.reopen();
      } else {
        m.snapshot = Xapian::Database(m.path);
        m.has_snapshot = true;
      }
    } catch (const Xapian::Error&) {
    }
  }
  return ok;
}

std::vector<std::string> IndexWriter::TakeRefusals() {
  Impl& m = *impl_;
  WriteQueue::Refusals refused = m.queue.TakeRefusals();
  // Counted as added or updated when they were queued.
  m.stats.added -= std::min(m.stats.added, refused.adds);
  m.stats.updated -= std::min(m.stats.updated, refused.updates);
  m.stats.refused += refused.adds + refused.updates;
  return std::move(refused.messages);
}

std::size_t IndexWriter::pending_bytes() const { return impl_->pending_bytes; }

std::size_t IndexWriter::doc_count() const {
  std::size_t n = 0;
  Status error;
  impl_->queue.Sync([&] { n = impl_->db.get_doccount(); }, &error);
  return n;
}

const IndexStats& IndexWriter::stats() const { return impl_->stats; }

const std::string& IndexWriter::path() const { return impl_->path; }

bool IndexWriter::building_segment() const { return impl_->options.building_segment; }

}  // namespace concord::indexer
