#include "indexer/index_writer.h"

#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

#include <xapian.h>

#include "corpus/text_reader.h"
#include "indexer/document_builder.h"
#include "indexer/near_duplicate.h"
#include "lang/language_id.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "store/document_data.h"
#include "store/errors.h"
#include "store/file_record.h"
#include "store/mention_table.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

// True when `e` was caused by the system error `errnum` (Xapian keeps errno).
bool CausedBy(const Xapian::Error& e, int errnum) {
  const char* cause = e.get_error_string();
  return cause && std::strcmp(cause, std::strerror(errnum)) == 0;
}

bool NotWritable(const Xapian::Error& e) {
  return CausedBy(e, EACCES) || CausedBy(e, EPERM) || CausedBy(e, EROFS);
}

// A failure while writing `path`, as one line a user can act on. A failed
// write leaves the database at its last commit (Xapian writes new blocks
// beside the committed ones and switches revisions atomically).
Status WriteFailure(const std::string& path, const std::string& what, bool disk_full) {
  return Status(Code::kIo,
                "cannot write database " + path + ": " + what +
                    (disk_full ? " (the disk is full or a file size limit was reached); the last "
                                 "commit is intact: free some space and run again"
                               : ""));
}

Status WriteFailure(const std::string& path, const Xapian::Error& e) {
  const bool disk_full = CausedBy(e, ENOSPC) || CausedBy(e, EFBIG) || CausedBy(e, EDQUOT);
  Status s = WriteFailure(
      path, disk_full ? e.get_msg() + ": " + e.get_error_string() : e.get_description(),
      disk_full);
  return disk_full ? s : Status(store::CodeOf(e), s.message());
}

// Xapian 1.4 can abort the whole process when a write fails midway through
// a commit (an exception unwinding through one of its destructors), so room
// is checked before committing: a commit that may not fit on the disk, or
// under the file size limit (RLIMIT_FSIZE), is refused as a full disk would
// refuse it, and the last commit stays. `pending` is the uncommitted text;
// what Xapian writes for it (data, positions, postings, new B-tree blocks)
// is taken as at most three times that, plus a margin (1 MB on the disk,
// 64 KB for one file: a commit rewrites a few blocks of each table).
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
    if (!ec && size + writes + (64u << 10) > limit.rlim_cur) {
      throw Xapian::DatabaseError("no room to commit under the file size limit in " +
                                      entry.path().filename().string(),
                                  std::string(), EFBIG);
    }
  }
}

}  // namespace

struct IndexWriter::Impl {
  // The document behind a queued write.
  struct DocRef {
    std::string id, path, file_key;
    bool update = false;  // it replaces an earlier version
  };
  // Work for the writer thread.
  struct Op {
    std::function<void()> run;
    std::size_t bytes = 0;               // article text behind it (bounds the queue)
    std::shared_ptr<const DocRef> doc;   // set when it writes one document
    bool replay = false;                 // may be run again after a refusal
    bool writes = false;                 // changes the database (when not replayable)
  };

  // ---- Analysis: runs in the caller's thread. ----
  // Entity mentions as terms (*terms) and as the stored table (*table).
  // Beyond store::kMaxStoredMentions the document keeps its XE terms but no
  // table: a listing then matches its text again (bounded by corpus::kPartBytes).
  void Tag(const corpus::Article& a, const std::vector<lang::Token>& tokens,
           std::vector<MentionTerm>* terms, std::vector<store::StoredMention>* table) {
    if (!options.entities) return;
    std::vector<lang::Mention> found = options.entities->Match(a.text, tokens, a.lang);
    const bool keep_table = found.size() <= store::kMaxStoredMentions;
    for (lang::Mention& m : found) {
      const lang::Entity& e = options.entities->entity(m.entity);
      terms->push_back({m.first_token, m.last_token, e.id, e.type});
      if (!keep_table) continue;
      store::StoredMention s;
      s.entity_id = e.id;
      s.rung = m.rung;
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

  struct Prepared {
    Xapian::Document doc;
    Signature signature;
  };

  Prepared Prepare(const corpus::Article& a, const std::string& file) {
    const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
    std::vector<MentionTerm> terms;
    std::vector<store::StoredMention> table;
    Tag(a, tokens, &terms, &table);
    std::vector<MentionTerm> title_terms;
    if (options.entities && !a.title.empty()) {
      for (const lang::Mention& m :
           options.entities->Match(a.title, lang::Tokenize(a.title), a.lang)) {
        const lang::Entity& e = options.entities->entity(m.entity);
        title_terms.push_back({m.first_token, m.last_token, e.id, e.type});
      }
    }
    Prepared p{builder.Build(a, file, tokens, terms, title_terms), MinHashSignature(tokens)};
    if (!table.empty()) {
      p.doc.add_value(schema::kValueMentions, store::EncodeMentionTable(table));
    }
    if (!p.signature.empty()) {
      p.doc.add_value(schema::kValueMinHash, EncodeSignature(p.signature));
      for (const std::string& t : BandTerms(p.signature)) p.doc.add_boolean_term(t);
    }
    return p;
  }

  // ---- Storage: runs in the writer thread, the only one touching `db`. ----
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

  // ---- The writer thread. Analysis of the next documents overlaps with
  // Xapian's work on the previous ones; the queue is bounded so memory is. ----
  void Start() {
    thread = std::thread([this] { Loop(); });
  }

  void Loop() {
    for (;;) {
      Op op;
      bool skip;
      {
        std::unique_lock<std::mutex> lock(mu);
        not_empty.wait(lock, [&] { return quit || !queue.empty(); });
        if (queue.empty()) break;  // quit and drained
        op = std::move(queue.front());
        queue.pop_front();
        skip = !failed.ok();  // after a failure nothing more is written
        not_full.notify_one();
      }
      const std::size_t bytes = op.bytes;
      try {
        if (!skip) Run(std::move(op));
      } catch (const Xapian::Error& e) {
        Fail(WriteFailure(path, e));
      } catch (const std::exception& e) {
        Fail(WriteFailure(path, e.what(), false));
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        ++done_ops;
        queued_bytes -= bytes;
      }
      idle.notify_all();
    }
    if (in_transaction) {
      try {
        db.cancel_transaction();  // uncommitted changes are dropped, as after a crash
      } catch (const Xapian::Error&) {
      }
    }
  }

  // Runs `op` and keeps it in the log of the transaction. When Xapian refuses
  // a document it drops every uncommitted change (glass cancels its tables),
  // so the document is left out, reported, and the log is run again without
  // it; a document refused on that second pass is left out the same way.
  void Run(Op op) {
    std::vector<Op> todo;
    todo.push_back(std::move(op));
    for (std::size_t i = 0; i < todo.size();) {
      std::string reason;
      try {
        todo[i].run();
        if (todo[i].replay) {
          log_bytes += todo[i].bytes;
          log.push_back(std::move(todo[i]));
          if (log_bytes > kMaxLogBytes) {  // too much to hold: the next refusal fails the run
            log.clear();
            log_bytes = 0;
            log_complete = false;
          }
        } else if (todo[i].writes) {
          log_complete = false;
        }
        ++i;
        continue;
      } catch (const Xapian::InvalidArgumentError& e) {
        if (!todo[i].doc) throw;
        reason = e.get_description();
      } catch (const Xapian::UnimplementedError& e) {
        if (!todo[i].doc) throw;
        reason = e.get_description();
      } catch (const std::bad_alloc&) {
        if (!todo[i].doc) throw;
        reason = "out of memory";
      } catch (const std::length_error& e) {
        if (!todo[i].doc) throw;
        reason = e.what();
      }
      const DocRef& doc = *todo[i].doc;
      if (reason.size() > 200) reason = reason.substr(0, 200) + "...";
      if (!log_complete) {
        throw std::runtime_error(doc.path + ": " + doc.id + " was refused (" + reason +
                                 ") after more than " + std::to_string(kMaxLogBytes >> 20) +
                                 " MB of uncommitted text, which cannot be written again; "
                                 "commit more often");
      }
      Refuse(doc, "Xapian refused it: " + lang::SanitizeUtf8(reason));
      try {
        db.cancel_transaction();
      } catch (const Xapian::InvalidOperationError&) {
      }
      in_transaction = false;
      std::vector<Op> again = std::move(log);
      log.clear();
      log_bytes = 0;
      for (std::size_t k = i + 1; k < todo.size(); ++k) again.push_back(std::move(todo[k]));
      todo = std::move(again);
      i = 0;
    }
  }

  // `counted`: the document was counted as added or updated when queued.
  void Refuse(const DocRef& doc, const std::string& reason, bool counted = true) {
    std::lock_guard<std::mutex> lock(mu);
    refusals.push_back(doc.path + ": " + doc.id + ": not indexed (" + reason +
                       "); the file is read again by the next run");
    refused_files.insert(doc.file_key);
    if (counted) ++(doc.update ? refused_updates : refused_adds);
  }

  bool FileRefused(const std::string& file_key) {
    std::lock_guard<std::mutex> lock(mu);
    return refused_files.count(file_key) > 0;
  }

  void Fail(Status status) {
    std::lock_guard<std::mutex> lock(mu);
    if (failed.ok()) failed = std::move(status);
  }

  // Queues `op` for the writer thread; false (with *error) once it has failed.
  // `op.bytes`: the text behind it, so that a few huge documents wait as many
  // small ones do.
  bool Enqueue(Op op, Status* error, std::uint64_t* ticket = nullptr) {
    std::unique_lock<std::mutex> lock(mu);
    if (!failed.ok()) {
      *error = failed;
      return false;
    }
    const std::size_t bytes = op.bytes;
    not_full.wait(lock, [&] {
      return queue.empty() ||
             (queue.size() < kMaxQueued && queued_bytes + bytes <= kMaxQueuedBytes);
    });
    queued_bytes += bytes;
    queue.push_back(std::move(op));
    ++queued_ops;
    if (ticket) *ticket = queued_ops;
    not_empty.notify_one();
    return true;
  }

  // A change to the database that can be run again after a refusal (it
  // holds everything it needs by value).
  bool EnqueueWrite(std::function<void()> run, Status* error) {
    Op op;
    op.run = std::move(run);
    op.replay = true;
    return Enqueue(std::move(op), error);
  }

  // Runs `run` in the writer thread after everything queued before it and
  // waits for it. `writes`: it changes the database (and cannot be run again).
  bool Sync(std::function<void()> run, Status* error, bool writes = false) {
    std::uint64_t ticket = 0;
    Op op;
    op.run = std::move(run);
    op.writes = writes;
    if (!Enqueue(std::move(op), error, &ticket)) return false;
    std::unique_lock<std::mutex> lock(mu);
    idle.wait(lock, [&] { return done_ops >= ticket; });
    if (!failed.ok()) {
      *error = failed;
      return false;
    }
    return true;
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu);
      quit = true;
    }
    not_empty.notify_all();
    if (thread.joinable()) thread.join();
  }

  static constexpr std::size_t kMaxQueued = 64;
  static constexpr std::size_t kMaxQueuedBytes = 16u << 20;  // of article text
  // Uncommitted text kept to be written again after a refusal.
  static constexpr std::size_t kMaxLogBytes = 64u << 20;

  Xapian::WritableDatabase db;   // writer thread only (after Open)
  Xapian::Database snapshot;     // the last commit before this run: file records
  bool has_snapshot = false;
  std::string path;
  bool open = false;
  bool in_transaction = false;   // writer thread
  IndexWriterOptions options;
  IndexStats stats;
  DocumentBuilder builder;       // caller thread
  std::set<std::string> languages;
  std::size_t pending_bytes = 0;
  // The file being replaced (caller thread).
  std::string file_key;
  std::set<std::string> stale_ids;  // its documents not (yet) added again
  std::size_t file_documents = 0;

  std::thread thread;
  std::mutex mu;
  std::condition_variable not_empty, not_full, idle;
  std::deque<Op> queue;
  std::uint64_t queued_ops = 0, done_ops = 0;
  std::size_t queued_bytes = 0;  // text of the queued documents
  bool quit = false;
  Status failed;  // the writer thread's first error
  // Refused documents (mu): messages not yet taken, their files, counts.
  std::vector<std::string> refusals;
  std::set<std::string> refused_files;
  std::size_t refused_adds = 0, refused_updates = 0;
  // Writer thread: the changes since the last commit, to run again.
  std::vector<Op> log;
  std::size_t log_bytes = 0;
  bool log_complete = true;
};

IndexWriter::IndexWriter() : impl_(new Impl) {}

IndexWriter::~IndexWriter() { impl_->Stop(); }

bool IndexWriter::Open(const std::string& path, const IndexWriterOptions& options,
                       Status* error) {
  Impl& m = *impl_;
  m.options = options;
  m.path = path;
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
                    path + " is a file, not a database directory (a database is a directory; "
                           "a stub file lists shards for searching only)");
    return false;
  }
  try {
    const int flags = options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
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
    m.open = true;
    m.Start();
    return true;
  } catch (const Xapian::Error& e) {
    if (NotWritable(e)) {
      *error = Status(Code::kIo, (std::filesystem::exists(path, ec)
                                      ? "database " + path + " is not writable ("
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
  try {
    std::string key;
    return store::DecodeFileRecord(impl_->snapshot.get_metadata(store::FileRecordKey(file_key)), record, &key) &&
           key == file_key;
  } catch (const Xapian::Error&) {
    return false;
  }
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
  m.Sync(
      [&] {
        const std::string prefix = schema::kMetaFilePrefix;
        for (auto it = m.db.metadata_keys_begin(prefix); it != m.db.metadata_keys_end(prefix);
             ++it) {
          FileRecord r;
          std::string key;
          if (store::DecodeFileRecord(m.db.get_metadata(*it), &r, &key)) out.emplace_back(key, r.via);
        }
      },
      &error);
  return out;
}

bool IndexWriter::BeginFile(const std::string& file_key, Status* error) {
  Impl& m = *impl_;
  {
    // Read again (a later AddPaths through the same writer): a fresh chance.
    std::lock_guard<std::mutex> lock(m.mu);
    m.refused_files.erase(file_key);
  }
  m.file_key = file_key;
  m.stale_ids.clear();
  m.file_documents = 0;
  if (!m.has_snapshot) return true;
  try {
    const std::string file_term = schema::Bounded(schema::kFile, file_key);
    for (auto it = m.snapshot.postlist_begin(file_term); it != m.snapshot.postlist_end(file_term);
         ++it) {
      corpus::Article old;
      if (store::DecodeDocumentData(m.snapshot.get_document(*it).get_data(), &old)) {
        m.stale_ids.insert(old.id);
      }
    }
    return true;
  } catch (const Xapian::Error& e) {
    *error = store::XapianStatus(e, "cannot index " + file_key + ": " + e.get_description());
    return false;
  }
}

bool IndexWriter::AddArticle(corpus::Article a, Status* error) {
  Impl& m = *impl_;
  auto doc = std::make_shared<Impl::DocRef>();
  doc->id = a.id;
  doc->path = a.path;
  doc->file_key = m.file_key;
  doc->update = m.stale_ids.count(a.id) > 0;
  std::shared_ptr<Impl::Prepared> prepared;
  try {
    // Articles whose language is unset get CLD2's guess. "und" (no reliable
    // guess) is stored as such: no stems, and the entity matcher then
    // accepts the endings of every inflecting language.
    if (a.lang.empty()) a.lang = lang::DetectLanguage(a.text);
    if (a.title.empty()) a.title = corpus::TitleFromText(a.text);
    a.title = lang::WithoutControls(a.title);  // a NUL or ESC has no place in a title
    prepared = std::make_shared<Impl::Prepared>(m.Prepare(a, m.file_key));
    if (m.options.refuse_for_testing && m.options.refuse_for_testing(a)) {
      prepared->doc.add_term(std::string(300, 'x'));
    }
  } catch (const std::exception& e) {
    // One document's analysis failing (memory, a library error) leaves that
    // document out, not the run.
    m.Refuse(*doc, std::string("analysis failed: ") + e.what(), /*counted=*/false);
    ++m.stats.refused;
    m.stale_ids.erase(a.id);  // its earlier version stays until it can be replaced
    return true;
  } catch (const Xapian::Error& e) {
    m.Refuse(*doc, "analysis failed: " + e.get_description(), /*counted=*/false);
    ++m.stats.refused;
    m.stale_ids.erase(a.id);
    return true;
  }
  m.languages.insert(a.lang);
  const std::string id_term = schema::Bounded(schema::kUniqueId, a.id);
  Impl::Op op;
  op.run = [&m, prepared, id_term, id = a.id] {
    m.Touch();
    prepared->doc.add_value(schema::kValueCluster, m.ClusterOf(prepared->signature, id));
    m.db.replace_document(id_term, prepared->doc);
  };
  op.bytes = a.text.size();
  op.doc = doc;
  op.replay = true;
  if (!m.Enqueue(std::move(op), error)) return false;
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
  return m.EnqueueWrite(
      [&m, stale = std::move(stale), key = m.file_key, r] {
        m.Touch();
        for (const std::string& id : stale) {
          m.db.delete_document(schema::Bounded(schema::kUniqueId, id));
        }
        // A file with a refused document gets no record: the next run reads it again.
        if (!m.FileRefused(key)) m.db.set_metadata(store::FileRecordKey(key), store::EncodeFileRecord(key, r));
      },
      error);
}

bool IndexWriter::UpdateRecord(const std::string& file_key, const FileRecord& record,
                               Status* error) {
  Impl& m = *impl_;
  return m.EnqueueWrite(
      [&m, file_key, record] {
        m.Touch();
        m.db.set_metadata(store::FileRecordKey(file_key), store::EncodeFileRecord(file_key, record));
      },
      error);
}

bool IndexWriter::RemoveFile(const std::string& file_key, Status* error) {
  Impl& m = *impl_;
  const std::string file_term = schema::Bounded(schema::kFile, file_key);
  std::size_t documents = 0;
  if (!m.Sync([&] { documents = m.db.get_termfreq(file_term); }, error)) return false;
  m.stats.removed += documents;
  return m.EnqueueWrite(
      [&m, file_term, file_key] {
        m.Touch();
        m.db.delete_document(file_term);
        m.db.set_metadata(store::FileRecordKey(file_key), std::string());
      },
      error);
}

bool IndexWriter::RemoveDocument(const std::string& id, bool* found, Status* error) {
  Impl& m = *impl_;
  const std::string term = schema::Bounded(schema::kUniqueId, id);
  *found = false;
  if (!m.Sync([&] { *found = m.db.term_exists(term); }, error)) return false;
  if (!*found) return true;
  ++m.stats.removed;
  return m.EnqueueWrite(
      [&m, term] {
        m.Touch();
        m.db.delete_document(term);
      },
      error);
}

std::string IndexWriter::metadata(const std::string& key) const {
  std::string value;
  Status error;
  impl_->Sync([&] { value = impl_->db.get_metadata(key); }, &error);
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
  return m.Sync(
      [&m] {
        m.Touch();
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
          Impl::Prepared p = m.Prepare(a, file_key);
          p.doc.add_value(schema::kValueCluster, old.get_value(schema::kValueCluster));
          m.db.replace_document(id, p.doc);
          ++m.stats.updated;
        }
      },
      error, /*writes=*/true);
}

bool IndexWriter::Commit(Status* error) {
  Impl& m = *impl_;
  std::string langs;
  for (const std::string& code : m.languages) langs += (langs.empty() ? "" : ",") + code;
  const bool ok = m.Sync(
      [&m, langs, pending = m.pending_bytes] {
        CheckRoomToCommit(m.path, pending);
        m.Touch();
        m.db.set_metadata(schema::kMetaLanguages, langs);
        m.db.set_metadata(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
        if (m.options.entities) {
          m.db.set_metadata(schema::kMetaEntitiesHash, m.options.entities_hash);
        }
        m.db.commit_transaction();
        m.in_transaction = false;
        m.log.clear();
        m.log_bytes = 0;
        m.log_complete = true;
      },
      error);
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
  std::lock_guard<std::mutex> lock(m.mu);
  // Counted as added or updated when they were queued.
  m.stats.added -= std::min(m.stats.added, m.refused_adds);
  m.stats.updated -= std::min(m.stats.updated, m.refused_updates);
  m.stats.refused += m.refused_adds + m.refused_updates;
  m.refused_adds = m.refused_updates = 0;
  return std::exchange(m.refusals, {});
}

std::size_t IndexWriter::pending_bytes() const { return impl_->pending_bytes; }

std::size_t IndexWriter::doc_count() const {
  std::size_t n = 0;
  Status error;
  impl_->Sync([&] { n = impl_->db.get_doccount(); }, &error);
  return n;
}

const IndexStats& IndexWriter::stats() const { return impl_->stats; }

}  // namespace concord::indexer
