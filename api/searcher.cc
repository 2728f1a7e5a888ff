#include "query/searcher.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "api/internal.h"
#include "lang/entity_matcher.h"
#include "query/entity_resolver.h"
#include "query/explain.h"
#include "query/mentions.h"
#include "store/document_data.h"
#include "store/errors.h"
#include "store/matcher_file.h"
#include "store/schema.h"

namespace concord {
namespace {

Status FromSearchError(const query::SearchError& e) {
  return Status(e.code, e.message, e.code == Code::kQuerySyntax ? e.column : 0);
}

// The request as the listing reads it: from the stored mentions when every
// shard was tagged with the searcher's dictionaries.
query::MentionQuery Listing(const MentionRequest& r, bool same_dictionaries) {
  query::MentionQuery q;
  static_cast<MentionRequest&>(q) = r;
  q.use_stored_mentions = same_dictionaries;
  lang::ParseConfidence(r.min_confidence, &q.least_confidence);
  return q;
}

// kInvalidArgument unless min_confidence names a level.
Status CheckConfidence(const MentionRequest& r) {
  lang::Confidence level;
  if (lang::ParseConfidence(r.min_confidence, &level)) return Status();
  return Status(Code::kInvalidArgument,
                "min_confidence must be low, medium or high, not '" + r.min_confidence + "'");
}

}  // namespace

struct Searcher::Impl {
  query::Searcher searcher;
  lang::EntityDictionary dictionary;
  std::unique_ptr<lang::EntityMatcher> matcher;
  std::unique_ptr<query::MatcherResolver> resolver;

  // Runs `attempt`. A failure other than a bad query may come from a shard
  // that went away (a remote server restarted, or closed an idle
  // connection): open the shards again and try once more. With partial
  // results allowed, shards that stay unreachable are then left out.
  Status Retrying(const std::function<Status()>& attempt) {
    Status s = attempt();
    if (s.ok() || s.code() == Code::kQuerySyntax || s.code() == Code::kInvalidArgument) return s;
    query::SearchError error;
    if (!searcher.Reconnect(&error)) return FromSearchError(error);
    return attempt();
  }
  bool partial() const { return !searcher.unavailable().empty(); }

  // Every shard was tagged with exactly these dictionaries, so the mentions
  // stored with its documents are those the matcher would find now.
  bool SameDictionaries() const {
    const std::vector<std::string> hashes = searcher.shard_metadata(schema::kMetaEntitiesHash);
    if (hashes.empty()) return false;
    for (const std::string& h : hashes) {
      if (h != dictionary_hash) return false;
    }
    return true;
  }
  std::string dictionary_hash;  // of `dictionary`, computed once
  std::vector<std::string> warnings;
};

Searcher::Searcher() : impl_(new Impl) {}
Searcher::~Searcher() = default;

Status Searcher::Open(const std::vector<std::string>& paths, const EntityDictionary* entities,
                      std::unique_ptr<Searcher>* searcher) {
  return Open(paths, entities, SearcherOptions(), searcher);
}

Status Searcher::Open(const std::vector<std::string>& paths, const EntityDictionary* entities,
                      const SearcherOptions& options, std::unique_ptr<Searcher>* searcher) {
  CONCORD_GUARD_BEGIN
  if (paths.empty()) return Status(Code::kInvalidArgument, "no database path given");
  std::unique_ptr<Searcher> out(new Searcher);
  Impl& m = *out->impl_;
  EntityDictionary builtin;
  if (!entities) {
    if (Status s = builtin.LoadBuiltin(); !s.ok()) return s;
    entities = &builtin;
  }
  // The matcher the writer saved for these dictionaries, found by the
  // built-in files' bytes without parsing them, else by their content hash
  // (which also warns of a damaged file); else compiled.
  m.matcher = store::LoadMatcherBySource(paths, EntityDictionaryAccess::SourceKey(*entities),
                                         &m.dictionary_hash, nullptr);
  if (!m.matcher) {
    m.dictionary = EntityDictionaryAccess::Of(*entities);
    m.dictionary_hash = m.dictionary.ContentHash();
    m.matcher = store::LoadMatcher(paths, m.dictionary_hash, &m.warnings);
    if (!m.matcher) m.matcher = std::make_unique<lang::EntityMatcher>(m.dictionary);
  }
  m.resolver = std::make_unique<query::MatcherResolver>(*m.matcher);
  for (const std::string& p : paths) {
    if (p.empty()) return Status(Code::kInvalidArgument, "an empty database path");
  }
  query::OpenOptions open;
  open.allow_partial = options.allow_partial;
  open.remote_timeout_ms = options.remote_timeout_ms;
  query::SearchError error;
  if (!m.searcher.Open(paths, open, &error)) return FromSearchError(error);
  *searcher = std::move(out);
  return Status();
  CONCORD_GUARD_END
}

Status Searcher::Search(const SearchRequest& request, SearchResult* result) {
  CONCORD_GUARD_BEGIN
  query::SearchOptions options;
  options.offset = request.offset;
  options.limit = request.limit;
  options.sort_by_date = request.sort == SortOrder::kDateNewestFirst;
  options.collapse = request.collapse;
  options.exact_total = request.exact_total;
  options.snippet_words = request.snippet_words;
  if (request.aliases) {
    options.resolver = impl_->resolver.get();
    options.entities = impl_->matcher.get();
    options.stored_mentions = impl_->SameDictionaries();
  }
  Status s = impl_->Retrying([&] {
    *result = SearchResult();
    query::SearchError error;
    return impl_->searcher.Search(request.query, options, result, &error) ? Status()
                                                                          : FromSearchError(error);
  });
  if (!s.ok()) {
    *result = SearchResult();  // nothing half-filled
    return s;
  }
  result->partial = impl_->partial();
  return Status();
  CONCORD_GUARD_END
}

Status Searcher::Mentions(const MentionRequest& request, std::vector<Mention>* mentions,
                          MentionSummary* summary) {
  CONCORD_GUARD_BEGIN
  mentions->clear();
  return Mentions(
      request,
      [&](Mention&& m) {
        mentions->push_back(std::move(m));
        return Status();
      },
      summary);
  CONCORD_GUARD_END
}

Status Searcher::Mentions(const MentionRequest& request, const MentionSink& sink,
                          MentionSummary* summary) {
  CONCORD_GUARD_BEGIN
  if (request.name.empty()) return Status(Code::kInvalidArgument, "no name to list mentions of");
  if (Status bad = CheckConfidence(request); !bad.ok()) return bad;
  MentionSummary sum;
  bool started = false;
  Status stopped;  // what the sink returned when it stopped the listing
  // Listing reads every document before the first record goes out, so a
  // retry (after a lost connection) never repeats records.
  Status s = impl_->Retrying([&] {
    if (started) return Status(Code::kIo, "the listing failed after records were delivered");
    sum = MentionSummary();
    query::SearchError error;
    return query::ListMentions(
               impl_->searcher, *impl_->matcher, Listing(request, impl_->SameDictionaries()),
               [&](Mention& m) {
                 if (!started && summary) {
                   *summary = sum;
                   summary->partial = impl_->partial();
                 }
                 started = true;
                 stopped = sink(std::move(m));
                 return stopped.ok();
               },
               &sum, &error)
               ? Status()
               : FromSearchError(error);
  });
  if (!s.ok()) return s;
  if (!stopped.ok()) return stopped;
  if (summary) {
    *summary = sum;
    summary->partial = impl_->partial();
  } else if (sum.truncated) {
    return Status(Code::kTruncated,
                  "the listing stopped at the limit of " + std::to_string(request.limit) +
                      " records of " + std::to_string(sum.mentions) +
                      " mentions; raise MentionRequest::limit or pass a MentionSummary");
  }
  return Status();
  CONCORD_GUARD_END
}

Status Searcher::Count(const MentionRequest& request, CountBy by, std::vector<CountRow>* rows,
                       MentionSummary* summary) {
  CONCORD_GUARD_BEGIN
  if (request.name.empty()) return Status(Code::kInvalidArgument, "no name to count");
  if (Status bad = CheckConfidence(request); !bad.ok()) return bad;
  MentionSummary sum;
  Status s;
  // Counting reads every document in scope after listing the mentions, and a
  // writer committing meanwhile may discard that revision: count again at the
  // newest one, a few times, rather than fail.
  for (int attempt = 0; attempt < 5; ++attempt) {
    bool modified = false;
    s = impl_->Retrying([&] {
      rows->clear();
      sum = MentionSummary();
      query::SearchError error;
      if (query::CountMentions(impl_->searcher, *impl_->matcher,
                               Listing(request, impl_->SameDictionaries()), by, rows, &sum,
                               &error)) {
        return Status();
      }
      modified = error.database_modified;
      return FromSearchError(error);
    });
    if (s.ok() || !modified) break;
    impl_->searcher.Reopen();
  }
  if (!s.ok()) {
    rows->clear();
    return s;
  }
  if (summary) {
    *summary = sum;
    summary->partial = impl_->partial();
  }
  return Status();
  CONCORD_GUARD_END
}

Status Searcher::Count(const std::vector<MentionRequest>& figures, CountBy by, CountTable* table) {
  CONCORD_GUARD_BEGIN
  *table = CountTable();
  if (figures.empty()) return Status(Code::kInvalidArgument, "no figure to count");
  for (const MentionRequest& f : figures) {
    if (f.filter != figures.front().filter) {
      return Status(Code::kInvalidArgument,
                    "figures counted side by side need the same filter, not '" +
                        figures.front().filter + "' and '" + f.filter + "'");
    }
  }
  // Each figure counted alone; the buckets' documents in scope depend on the
  // filter only, so the figures' rows join on their keys.
  std::map<std::string, CountTableRow> joined;
  CountTable out;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    std::vector<CountRow> rows;
    MentionSummary summary;
    if (Status s = Count(figures[i], by, &rows, &summary); !s.ok()) {
      return Status(s.code(), "'" + figures[i].name + "': " + s.message(), s.column());
    }
    for (const CountRow& r : rows) {
      CountTableRow& row = joined[r.key];
      row.key = r.key;
      row.documents_in_scope = std::max(row.documents_in_scope, r.documents_in_scope);
      row.figures.resize(figures.size());
      row.figures[i] = FigureCount{r.mentions, r.documents};
    }
    out.figures.push_back(figures[i].name);
    out.summaries.push_back(std::move(summary));
  }
  for (auto& [key, row] : joined) {
    row.figures.resize(figures.size());
    out.rows.push_back(std::move(row));
  }
  *table = std::move(out);
  return Status();
  CONCORD_GUARD_END
}

Status Searcher::Document(const std::string& id, Article* article, std::size_t* text_start) {
  CONCORD_GUARD_BEGIN
  if (id.empty()) return Status(Code::kInvalidArgument, "no document id");
  return impl_->Retrying([&]() -> Status {
    try {
      const Xapian::Database& db = impl_->searcher.database();
      const std::string term = schema::kUniqueId + id;
      const auto p = db.postlist_begin(term);
      if (p == db.postlist_end(term)) {
        return Status(Code::kNotFound, "no document with id '" + id + "'");
      }
      corpus::Article read;
      if (!store::DecodeDocumentData(db.get_document(*p).get_data(), &read)) {
        return Status(Code::kCorrupt, "the data of document '" + id + "' is damaged");
      }
      if (text_start) *text_start = read.cp_offset;
      *article = std::move(static_cast<Article&>(read));
      return Status();
    } catch (const Xapian::Error& e) {
      return Status(store::CodeOf(e), "reading document '" + id + "': " + e.get_description());
    }
  });
  CONCORD_GUARD_END
}

Status Searcher::Explain(const std::string& query_text, bool aliases, std::string* text) {
  return ExplainAs(query_text, aliases, false, text);
}

Status Searcher::ExplainJson(const std::string& query_text, bool aliases, std::string* json) {
  return ExplainAs(query_text, aliases, true, json);
}

Status Searcher::ExplainAs(const std::string& query_text, bool aliases, bool json,
                           std::string* out) {
  CONCORD_GUARD_BEGIN
  Xapian::Query q;
  query::MatchTerms match;
  query::SearchError error;
  const bool ok = impl_->searcher.BuildQuery(query_text, aliases ? impl_->resolver.get() : nullptr,
                                             impl_->SameDictionaries(), &q, &match, &error);
  const lang::EntityMatcher* matcher = aliases ? impl_->matcher.get() : nullptr;
  const std::string xapian = ok ? q.get_description() : "";
  *out = json ? query::ExplainQueryJsonText(query_text, matcher, xapian, match.ignored)
              : query::ExplainQuery(query_text, matcher, xapian, match.ignored);
  return ok ? Status() : FromSearchError(error);
  CONCORD_GUARD_END
}

Status Searcher::Statistics(IndexStatistics* stats) const {
  CONCORD_GUARD_BEGIN
  *stats = IndexStatistics();
  stats->documents = impl_->searcher.doc_count();
  stats->languages = impl_->searcher.languages();
  stats->entities_hash = impl_->searcher.metadata(schema::kMetaEntitiesHash);
  const std::string format = impl_->searcher.metadata(schema::kMetaFormat);
  stats->format = format.empty() ? 0 : std::atoi(format.c_str());
  stats->files = impl_->searcher.file_count();
  stats->shards = impl_->searcher.shard_count();
  return Status();
  CONCORD_GUARD_END
}

bool Searcher::DictionariesDiffer() const {
  // Any shard: each was tagged when its own files were indexed.
  const std::string& ours = impl_->dictionary_hash;
  for (const std::string& indexed : impl_->searcher.shard_metadata(schema::kMetaEntitiesHash)) {
    if (!indexed.empty() && indexed != ours) return true;
  }
  return false;
}

std::vector<std::string> Searcher::UnavailableShards() const {
  return impl_->searcher.unavailable();
}

std::vector<std::string> Searcher::DuplicateDatabases() const {
  return impl_->searcher.duplicates();
}

std::vector<std::string> Searcher::Warnings() const { return impl_->warnings; }

}  // namespace concord
