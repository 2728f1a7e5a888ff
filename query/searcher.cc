#include "query/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "query/name_forms.h"
#include "query/query_parser.h"
#include "store/document_data.h"
#include "store/errors.h"
#include "store/mention_table.h"
#include "store/schema.h"
#include "store/shards.h"

namespace concord::query {

namespace {

Xapian::Database OpenShard(const store::ShardSpec& spec, unsigned timeout_ms) {
  switch (spec.kind) {
    case store::ShardSpec::Kind::kTcp:
      return Xapian::Remote::open(spec.host, spec.port, timeout_ms, timeout_ms);
    case store::ShardSpec::Kind::kProgram:
      return Xapian::Remote::open(spec.program, spec.args, timeout_ms);
    case store::ShardSpec::Kind::kLocal:
      break;
  }
  return Xapian::Database(spec.path);
}

Status OpenError(const store::ShardSpec& spec, const Xapian::Error& e) {
  if (spec.kind == store::ShardSpec::Kind::kLocal &&
      (store::CodeOf(e) == Code::kNotFound || !std::filesystem::exists(spec.path))) {
    return Status(Code::kNotFound,
                  "no concord database at " + spec.Describe() + " (create one with concord-index)");
  }
  if (spec.kind != store::ShardSpec::Kind::kLocal) {
    return store::XapianStatus(
        e, "cannot reach shard " + spec.Describe() + ": " + e.get_description());
  }
  return store::XapianStatus(
      e, "cannot open database " + spec.Describe() + ": " + e.get_description());
}

// Xapian ranks documents of equal weight (and, sorted by date, equal date)
// by docid, which follows the indexing order and interleaves across shards.
// Such ties are ordered by path and offset instead, reading at most this many
// extra documents on each side of the page.
constexpr Xapian::doccount kMaxTieRun = 1000;

// Weights equal up to rounding: shards sum the same statistics in another
// order, so a tie in one database may differ in the last bits over shards.
bool SameWeight(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

bool SameRank(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b, bool by_date) {
  return SameWeight(a.get_weight(), b.get_weight()) &&
         (!by_date || a.get_sort_key() == b.get_sort_key());
}

struct Ranked {
  Xapian::MSetIterator it;
  std::size_t group = 0;  // runs of equal rank, in Xapian's order
  corpus::Article article;
};

bool InRankOrder(const Ranked& a, const Ranked& b) {
  if (a.group != b.group) return a.group < b.group;
  if (a.article.path != b.article.path) return a.article.path < b.article.path;
  if (a.article.byte_offset != b.article.byte_offset) {
    return a.article.byte_offset < b.article.byte_offset;
  }
  return a.article.id < b.article.id;
}

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
  std::vector<Xapian::Database> shards;  // the parts of db, for per-shard metadata
  bool open = false;
  std::vector<std::string> languages;
  // Every shard lists its words in the stem table (schema::kMetaStems).
  bool stem_table_everywhere = false;
  std::vector<std::string> paths;
  std::vector<std::string> opened;  // what `paths` expanded to (ShardSpec::Describe)
  OpenOptions options;
  std::vector<std::string> unavailable;
  std::vector<std::string> duplicates;
  bool all_local = true;
};

std::vector<std::string> Described(const std::vector<store::ShardSpec>& specs) {
  std::vector<std::string> out;
  for (const store::ShardSpec& s : specs) out.push_back(s.Describe());
  return out;
}

// What `paths` lists now (stub files and manifests read again).
std::vector<std::string> Listed(const std::vector<std::string>& paths) {
  std::vector<store::ShardSpec> specs;
  std::string error;
  if (!store::ExpandDatabases(paths, &specs, &error)) return {};
  return Described(specs);
}

bool RetryAfterModification(int attempt) {
  // Pauses of 0, 1, ... 19 ms (190 ms in all), then 20 ms each.
  const int paused = attempt < 20 ? attempt * (attempt - 1) / 2 : 190 + (attempt - 20) * 20;
  if (paused >= kRetryDeadlineMs) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
  return true;
}

Searcher::Searcher() : impl_(new Impl) {}
Searcher::~Searcher() = default;

bool Searcher::Open(const std::vector<std::string>& paths, SearchError* error) {
  return Open(paths, OpenOptions(), error);
}

bool Searcher::Reconnect(SearchError* error) { return Open(impl_->paths, impl_->options, error); }

bool Searcher::Open(const std::vector<std::string>& paths, const OpenOptions& options,
                    SearchError* error) {
  impl_->options = options;
  if (&paths != &impl_->paths) impl_->paths = paths;
  // A writer committing twice while we read the languages discards the
  // revision we opened (DatabaseModifiedError): open again at the newest one.
  for (int attempt = 0;; ++attempt) {
    try {
      return OpenOnce(paths, error);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (RetryAfterModification(attempt)) continue;
      error->message = "the database kept changing while opening it: " + e.get_msg();
      error->code = store::CodeOf(e);
      error->database_modified = true;
      return false;
    }
  }
}

bool Searcher::OpenOnce(const std::vector<std::string>& paths, SearchError* error) {
  std::vector<store::ShardSpec> specs;
  if (!store::ExpandDatabases(paths, &specs, &error->message)) {
    error->code = Code::kCorrupt;  // a stub file that cannot be read as one
    return false;
  }
  if (specs.empty()) {
    std::string all;
    for (const std::string& p : paths) all += (all.empty() ? "" : ", ") + p;
    error->message = "no database listed in " + all;
    error->code = Code::kInvalidArgument;
    return false;
  }
  Xapian::Database db;
  std::vector<Xapian::Database> shards;
  std::vector<std::string> unavailable, duplicates;
  std::set<std::string> langs;
  bool stem_table_everywhere = true;
  std::map<std::string, std::string> seen;  // UUID -> the database first opened with it
  bool all_local = true;
  for (const store::ShardSpec& spec : specs) {
    all_local = all_local && spec.kind == store::ShardSpec::Kind::kLocal;
    try {
      Xapian::Database shard = OpenShard(spec, impl_->options.remote_timeout_ms);
      // The same database twice (or a copy of it) would double every hit.
      const std::string uuid = shard.get_uuid();
      if (!uuid.empty()) {
        auto [first, added] = seen.emplace(uuid, spec.Describe());
        if (!added) {
          duplicates.push_back(spec.Describe() + " is the same database as " + first->second +
                               " (or a copy of it); searched once");
          continue;
        }
      }
      // Per shard: the combined database would read the first shard's only.
      std::stringstream ss(shard.get_metadata(schema::kMetaLanguages));
      for (std::string code; std::getline(ss, code, ',');) {
        if (!code.empty()) langs.insert(code);
      }
      stem_table_everywhere =
          stem_table_everywhere && shard.get_metadata(schema::kMetaStems) == "table";
      db.add_database(shard);
      shards.push_back(shard);
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;
    } catch (const Xapian::Error& e) {
      // A segment listed by a manifest that a merge retired meanwhile (gone,
      // or still being removed): the manifest is read again
      // (store/segments.h).
      if (spec.kind == store::ShardSpec::Kind::kLocal && !spec.origin.empty() &&
          Listed(paths) != Described(specs)) {
        throw Xapian::DatabaseModifiedError(spec.path + " was retired by a merge");
      }
      const Status why = OpenError(spec, e);
      if (!impl_->options.allow_partial) {
        error->message = why.message();
        error->code = why.code();
        return false;
      }
      unavailable.push_back(why.message());
    }
  }
  if (shards.empty()) {
    error->message = unavailable.size() == 1 ? unavailable[0] : "no shard could be opened";
    for (std::size_t i = 0; unavailable.size() > 1 && i < unavailable.size(); ++i) {
      error->message += (i ? "; " : ": ") + unavailable[i];
    }
    return false;
  }
  impl_->db = db;
  impl_->opened = Described(specs);
  impl_->shards = std::move(shards);
  impl_->unavailable = std::move(unavailable);
  impl_->duplicates = std::move(duplicates);
  impl_->all_local = all_local;
  impl_->languages.assign(langs.begin(), langs.end());
  impl_->stem_table_everywhere = stem_table_everywhere;
  impl_->open = true;
  return true;
}

std::size_t Searcher::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

std::vector<std::string> Searcher::languages() const { return impl_->languages; }

bool Searcher::BuildQuery(const std::string& query_text, EntityResolver* resolver,
                          bool entity_terms_exact, Xapian::Query* query, MatchTerms* match,
                          SearchError* error) {
  // A lone "*" lists every document (to browse, count or export).
  const std::size_t b = query_text.find_first_not_of(" \t\r\n");
  if (b != std::string::npos && query_text.compare(b, 1, "*") == 0 &&
      query_text.find_first_not_of(" \t\r\n", b + 1) == std::string::npos) {
    *query = Xapian::Query::MatchAll;
    return true;
  }
  ParseResult parsed = ParseQuery(query_text);
  if (!parsed.ok()) {
    error->message = parsed.error;
    error->column = parsed.error_column;
    error->code = Code::kQuerySyntax;
    return false;
  }
  BuildOptions build_options;
  build_options.languages = impl_->languages;
  build_options.resolver = resolver;
  build_options.entity_terms_exact = resolver != nullptr && entity_terms_exact;
  build_options.vocabulary = impl_->open ? &impl_->db : nullptr;
  build_options.stem_table_everywhere = impl_->stem_table_everywhere;
  if (build_options.vocabulary) {
    const Xapian::Database* vocabulary = build_options.vocabulary;
    build_options.name_forms = [vocabulary](const std::string& name) {
      return NameForms(*vocabulary, name);
    };
    build_options.plain_word_elsewhere = [vocabulary](const std::string& norm,
                                                      const std::vector<std::string>& ids) {
      return PlainWordElsewhere(*vocabulary, norm, ids);
    };
  }
  BuiltQuery built;
  // Wildcards read the vocabulary: a writer committing meanwhile may discard
  // the revision (read again at the newest), and a shard may fail.
  for (int attempt = 0;; ++attempt) {
    try {
      QueryBuilder builder(build_options);
      built = builder.Build(*parsed.root);
      break;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (RetryAfterModification(attempt)) {
        Reopen();
        continue;
      }
      error->message = "the database kept changing while reading the query's words: " + e.get_msg();
      error->code = store::CodeOf(e);
      error->database_modified = true;
      return false;
    } catch (const Xapian::Error& e) {
      error->message = "cannot build the query '" + query_text + "': " + e.get_description();
      error->code = store::CodeOf(e);
      return false;
    }
  }
  if (!built.ok()) {
    error->message = built.error;
    error->column =
        lang::CountCodePoints(std::string_view(query_text).substr(0, built.error_position)) + 1;
    error->code = Code::kQuerySyntax;
    return false;
  }
  *query = built.query;
  *match = std::move(built.match);
  for (IgnoredWord& word : match->ignored) {
    // Byte offsets become the 1-based columns users see in error messages.
    word.column = lang::CountCodePoints(std::string_view(query_text).substr(0, word.column)) + 1;
  }
  return true;
}

std::string Searcher::metadata(const std::string& key) const {
  for (const std::string& value : shard_metadata(key)) {
    if (!value.empty()) return value;
  }
  return std::string();
}

std::vector<std::string> Searcher::shard_metadata(const std::string& key) const {
  std::vector<std::string> out;
  for (const Xapian::Database& shard : impl_->shards) {
    try {
      out.push_back(shard.get_metadata(key));
    } catch (const Xapian::Error&) {
      out.emplace_back();
    }
  }
  return out;
}

std::size_t Searcher::file_count() const {
  std::size_t files = 0;
  const std::string prefix = schema::kMetaFilePrefix;
  for (const Xapian::Database& shard : impl_->shards) {
    try {
      for (auto it = shard.metadata_keys_begin(prefix); it != shard.metadata_keys_end(prefix);
           ++it) {
        ++files;
      }
    } catch (const Xapian::Error&) {
      // Counted as none; searching that shard reports what is wrong.
    }
  }
  return files;
}

std::size_t Searcher::shard_count() const { return impl_->shards.size(); }

const std::vector<std::string>& Searcher::unavailable() const { return impl_->unavailable; }

const std::vector<std::string>& Searcher::duplicates() const { return impl_->duplicates; }

void Searcher::Reopen() { MovedOn(); }

bool Searcher::MovedOn() {
  // A segmented database whose manifest now lists other segments (a bulk
  // run or a merge) is opened again as a whole.
  if (impl_->open && Listed(impl_->paths) != impl_->opened) {
    SearchError ignored;
    const std::vector<std::string> paths = impl_->paths;
    if (Open(paths, impl_->options, &ignored)) return true;
  }
  try {
    return impl_->db.reopen();
  } catch (const Xapian::Error&) {
    return false;  // the next read reports what is wrong
  }
}

const Xapian::Database& Searcher::database() const { return impl_->db; }

bool Searcher::all_local() const { return impl_->all_local; }

bool Searcher::Search(const std::string& query_text, const SearchOptions& options,
                      SearchResult* out, SearchError* error) {
  if (!impl_->open) {
    error->message = "search on a database that is not open";
    return false;
  }
  Xapian::Query query;
  MatchTerms match;
  if (!BuildQuery(query_text, options.resolver, options.stored_mentions, &query, &match, error)) {
    return false;
  }
  // An indexer committing meanwhile can invalidate what a reader holds
  // (DatabaseModifiedError): reopen at the newest commit and run again.
  out->ignored = match.ignored;
  // Xapian 1.4 can answer from a revision a writer is replacing without
  // raising DatabaseModifiedError: a search during commits was seen to find
  // nothing (tests/api ConcurrentReadersWhileWriting, about 1 run in 10). An
  // empty result is therefore kept only when the revision it was read from
  // is still the newest; otherwise it is read again at the newest (a few
  // times). Results with hits are not re-read: reading their documents again
  // under non-stop commits was seen to crash inside Xapian (1 run in 26).
  int rereads = 0;
  for (int attempt = 0;; ++attempt) {
    try {
      out->hits.clear();
      if (!Run(query, match, options, out)) return false;
      if (out->total == 0 && rereads < kMaxRereads && MovedOn()) {
        ++rereads;
        continue;
      }
      return true;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (!RetryAfterModification(attempt)) {
        error->message = "the database kept changing during the search: " + e.get_msg();
        error->code = store::CodeOf(e);
        error->database_modified = true;
        return false;
      }
      Reopen();
    } catch (const Xapian::WildcardError& e) {
      error->message = "a wildcard matches too many words (limit " +
                       std::to_string(BuildOptions().max_wildcard_terms) + "); make it longer";
      error->code = Code::kQuerySyntax;
      return false;
    } catch (const Xapian::Error& e) {
      error->message = "search failed for query '" + query_text + "': " + e.get_description();
      error->code = store::CodeOf(e);
      return false;
    }
  }
}

namespace {

// Marks the tokens of the stored mentions (the table written at indexing) of
// the entities the query names; false when not allowed or not there.
bool MarkStoredMentions(const Xapian::Document& doc, const std::vector<lang::Token>& tokens,
                        const MatchTerms& match, const SearchOptions& options,
                        std::vector<bool>* is_hit) {
  std::vector<store::StoredMention> stored;
  if (!options.stored_mentions ||
      !store::DecodeEntityMentions([&doc](unsigned slot) { return doc.get_value(slot); },
                                   match.entities, &stored)) {
    return false;
  }
  for (const store::StoredMention& m : stored) {
    // Tokens overlapping [byte_start, byte_end); tokens are in text order.
    auto first =
        std::lower_bound(tokens.begin(), tokens.end(), m.byte_start,
                         [](const lang::Token& t, std::size_t at) { return t.byte_end <= at; });
    // A glued clitic ('s) is inside the mention's bytes but not marked.
    for (auto t = first; t != tokens.end() && t->byte_start < m.byte_end; ++t) {
      (*is_hit)[t - tokens.begin()] = true;
      if (t->clitic_follows) break;
    }
  }
  return true;
}

// Marks the tokens of the mentions the matcher finds of the entities the
// query names. REQUIRES: tokens cut as indexing cuts them (IdeographRuns::kWords).
void MarkMatchedMentions(const Article& article, const std::vector<lang::Token>& tokens,
                         const MatchTerms& match, const SearchOptions& options,
                         std::vector<bool>* is_hit) {
  for (const lang::Mention& m : options.entities->Match(article.text, tokens, article.lang)) {
    if (!match.entities.count(options.entities->entity(m.entity).id)) continue;
    for (std::size_t i = m.first_token; i <= m.last_token; ++i) (*is_hit)[i] = true;
  }
}

bool HasIdeographs(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    if (lang::IsIdeographic(lang::DecodeUtf8(word, &i))) return true;
  }
  return false;
}

// Whether a word the highlighter looks for (a form, stem, stem form, prefix
// or phrase word) is written in Chinese or Japanese characters: only then
// must a document's runs of them be cut into words to be shown.
bool LooksForIdeographs(const MatchTerms& match) {
  for (const std::set<std::string>* words : {&match.norms, &match.stems, &match.stem_forms}) {
    for (const std::string& w : *words) {
      if (HasIdeographs(w)) return true;
    }
  }
  for (const std::string& w : match.prefixes) {
    if (HasIdeographs(w)) return true;
  }
  for (const auto& phrase : match.phrases) {
    for (const std::set<std::string>& forms : phrase) {
      for (const std::string& w : forms) {
        if (HasIdeographs(w)) return true;
      }
    }
  }
  return false;
}

}  // namespace

bool Searcher::Run(const Xapian::Query& query, const MatchTerms& match,
                   const SearchOptions& options, SearchResult* out) {
  Xapian::Enquire enquire(impl_->db);
  enquire.set_query(query);
  const bool by_date = options.sort_by_date;
  if (by_date) enquire.set_sort_by_value_then_relevance(schema::kValueDate, true);
  if (options.collapse) enquire.set_collapse_key(schema::kValueCluster);
  const Xapian::doccount all = impl_->db.get_doccount();
  const Xapian::doccount offset = static_cast<Xapian::doccount>(
      std::min<std::size_t>(options.offset, std::numeric_limits<Xapian::doccount>::max() / 2));
  const Xapian::doccount limit = static_cast<Xapian::doccount>(
      std::min<std::size_t>(options.limit, std::numeric_limits<Xapian::doccount>::max() / 2));
  const Xapian::doccount end = offset + limit;
  // From the top, one past the page, and on while ranks tie across its end.
  Xapian::doccount want = end + 1;
  const auto checked = [&] {
    return options.exact_total ? all : std::max<Xapian::doccount>(want, kMinChecked);
  };
  Xapian::MSet mset = enquire.get_mset(0, want, checked());
  while (limit > 0 && mset.size() == want && want - end < kMaxTieRun &&
         SameRank(mset[end - 1], mset[want - 1], by_date)) {
    want = end + std::min(kMaxTieRun, 4 * (want - end) + 16);
    mset = enquire.get_mset(0, want, checked());
  }
  out->total = mset.get_matches_estimated();
  out->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (limit == 0 || mset.size() <= offset) return true;

  // The page, widened to whole runs of equal rank, ordered, then cut again.
  Xapian::doccount lo = offset, hi = std::min(end, mset.size());
  while (lo > 0 && offset - lo < kMaxTieRun && SameRank(mset[lo - 1], mset[offset], by_date)) {
    --lo;
  }
  while (hi < mset.size() && SameRank(mset[hi - 1], mset[hi], by_date)) ++hi;
  mset.fetch(mset[lo], hi < mset.size() ? mset[hi] : mset.end());  // one round trip if remote
  std::vector<Ranked> run;
  for (Xapian::doccount k = lo; k < hi; ++k) {
    Ranked r{mset[k], 0, {}};
    if (k > lo) r.group = run.back().group + (SameRank(run.back().it, r.it, by_date) ? 0 : 1);
    store::DecodeDocumentData(r.it.get_document().get_data(), &r.article);
    run.push_back(std::move(r));
  }
  std::sort(run.begin(), run.end(), InRankOrder);

  TokenMatcher matcher(match);
  // Snippets cut runs of Chinese and Japanese characters into words only
  // when a hit can lie there: a query word written in them, or mentions the
  // matcher must find in the text (no stored table to read them from).
  const bool mark_mentions = options.entities && !match.entities.empty();
  const lang::IdeographRuns runs =
      LooksForIdeographs(match) || (mark_mentions && !options.stored_mentions)
          ? lang::IdeographRuns::kWords
          : lang::IdeographRuns::kCharacters;
  std::size_t rank = options.offset;
  for (Xapian::doccount k = offset - lo; k < run.size() && k < offset - lo + limit; ++k) {
    Ranked& r = run[k];
    Hit hit;
    hit.rank = ++rank;
    hit.score = r.it.get_weight();
    if (options.collapse) hit.copies = r.it.get_collapse_count();
    hit.article = std::move(r.article);
    std::vector<lang::Token> tokens = lang::Tokenize(hit.article.text, runs);
    std::vector<bool> is_hit = matcher.Hits(tokens, hit.article.lang);
    if (mark_mentions &&
        !MarkStoredMentions(r.it.get_document(), tokens, match, options, &is_hit)) {
      if (runs != lang::IdeographRuns::kWords) {  // (a document indexed without the table)
        tokens = lang::Tokenize(hit.article.text);
        is_hit = matcher.Hits(tokens, hit.article.lang);
      }
      MarkMatchedMentions(hit.article, tokens, match, options, &is_hit);
    }
    Snippet snippet = MakeSnippet(hit.article.text, tokens, is_hit, options.snippet_words);
    hit.snippet = std::move(snippet.text);
    hit.highlights = std::move(snippet.spans);
    hit.snippet_starts_mid_text = snippet.starts_mid_text;
    hit.snippet_ends_mid_text = snippet.ends_mid_text;
    hit.article.text.clear();
    out->hits.push_back(std::move(hit));
  }
  return true;
}

}  // namespace concord::query
