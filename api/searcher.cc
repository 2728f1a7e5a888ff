#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "api/internal.h"
#include "lang/entity_matcher.h"
#include "query/entity_resolver.h"
#include "query/explain.h"
#include "query/mentions.h"
#include "query/output_format.h"
#include "query/searcher.h"
#include "store/schema.h"

namespace concord {
namespace {

Status FromSearchError(const query::SearchError& e) {
  return Status(e.code, e.message, e.code == Code::kQuerySyntax ? e.column : 0);
}

// Moves the record's strings into the public one.
Mention ToPublic(query::MentionRecord&& r) {
  Mention m;
  r.article.text.clear();
  m.article = concord::ToPublic(std::move(r.article));
  m.entity = std::move(r.entity);
  m.label = std::move(r.label);
  m.surface = std::move(r.surface);
  m.start = r.start;
  m.end = r.end;
  m.byte_start = r.byte_start;
  m.byte_end = r.byte_end;
  m.rung = std::move(r.rung);
  m.evidence = std::move(r.evidence);
  m.left = std::move(r.left);
  m.right = std::move(r.right);
  return m;
}

query::MentionRequest ToInternal(const MentionRequest& r, bool same_dictionaries) {
  query::MentionRequest out;
  out.use_stored_mentions = same_dictionaries;
  out.name = r.name;
  out.filter = r.filter;
  out.context_words = r.context_words;
  out.use_aliases = r.aliases;
  out.limit = r.limit;
  return out;
}

void Summarise(const query::MentionSummary& in, MentionSummary* out) {
  if (!out) return;
  out->entities = in.entities;
  out->mentions = in.mentions;
  out->documents = in.documents;
  out->documents_in_scope = in.documents_in_scope;
  out->truncated = in.truncated;
}

static_assert(static_cast<int>(CountBy::kLang) == static_cast<int>(query::CountBy::kLang),
              "public and internal CountBy must list the same buckets in the same order");

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
  Status s = ResolveDictionary(entities, &m.dictionary);
  if (!s.ok()) return s;
  m.dictionary_hash = m.dictionary.ContentHash();
  m.matcher = std::make_unique<lang::EntityMatcher>(m.dictionary);
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
  query::SearchResults found;
  Status s = impl_->Retrying([&] {
    query::SearchError error;
    return impl_->searcher.Search(request.query, options, &found, &error) ? Status()
                                                                          : FromSearchError(error);
  });
  if (!s.ok()) return s;
  *result = SearchResult();
  result->partial = impl_->partial();
  result->total = found.total;
  result->total_exact = found.total_exact;
  for (const auto& [column, text] : found.ignored) result->ignored.push_back({text, column});
  for (const query::SearchHit& h : found.hits) {
    Hit hit;
    hit.rank = h.rank;
    hit.score = h.score;
    hit.article = ToPublic(h.article);
    hit.snippet = h.snippet.text;
    hit.highlights = h.snippet.spans;
    hit.snippet_starts_mid_text = h.snippet.starts_mid_text;
    hit.snippet_ends_mid_text = h.snippet.ends_mid_text;
    hit.copies = h.copies;
    result->hits.push_back(std::move(hit));
  }
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
  query::MentionSummary sum;
  bool started = false;
  Status stopped;  // what the sink returned when it stopped the listing
  // Listing reads every document before the first record goes out, so a
  // retry (after a lost connection) never repeats records.
  Status s = impl_->Retrying([&] {
    if (started) return Status(Code::kIo, "the listing failed after records were delivered");
    sum = query::MentionSummary();
    query::SearchError error;
    return query::ListMentions(
               impl_->searcher, *impl_->matcher, ToInternal(request, impl_->SameDictionaries()),
               [&](query::MentionRecord& r) {
                 if (!started && summary) {
                   Summarise(sum, summary);
                   summary->partial = impl_->partial();
                 }
                 started = true;
                 stopped = sink(ToPublic(std::move(r)));
                 return stopped.ok();
               },
               &sum, &error)
               ? Status()
               : FromSearchError(error);
  });
  if (!s.ok()) return s;
  if (!stopped.ok()) return stopped;
  Summarise(sum, summary);
  if (summary) {
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
  std::vector<query::CountRow> found;
  query::MentionSummary sum;
  Status s;
  // Counting reads every document in scope after listing the mentions, and a
  // writer committing meanwhile may discard that revision: count again at the
  // newest one, a few times, rather than fail.
  for (int attempt = 0; attempt < 5; ++attempt) {
    bool modified = false;
    s = impl_->Retrying([&] {
      found.clear();
      sum = query::MentionSummary();
      query::SearchError error;
      if (query::CountMentions(impl_->searcher, *impl_->matcher,
                               ToInternal(request, impl_->SameDictionaries()),
                               static_cast<query::CountBy>(by), &found, &sum, &error)) {
        return Status();
      }
      modified = error.database_modified;
      return FromSearchError(error);
    });
    if (s.ok() || !modified) break;
    impl_->searcher.Reopen();
  }
  if (!s.ok()) return s;
  rows->clear();
  for (const query::CountRow& r : found) {
    rows->push_back({r.key, r.mentions, r.documents, r.documents_in_scope});
  }
  Summarise(sum, summary);
  if (summary) summary->partial = impl_->partial();
  return Status();
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
  *out = json ? query::JsonText(query::ExplainQueryJson(query_text, matcher, xapian, match.ignored))
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

}  // namespace concord
