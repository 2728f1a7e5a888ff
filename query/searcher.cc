#include "query/searcher.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <xapian.h>

#include "indexer/document_builder.h"
#include "indexer/mention_table.h"
#include "indexer/schema.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "query/query_parser.h"

namespace concord::query {

struct Searcher::Impl {
  Xapian::Database db;
  bool open = false;
  std::vector<std::string> languages;
};

Searcher::Searcher() : impl_(new Impl) {}
Searcher::~Searcher() = default;

bool Searcher::Open(const std::vector<std::string>& paths, SearchError* error) {
  // A writer committing twice while we read the languages discards the
  // revision we opened (DatabaseModifiedError): open again at the newest one.
  for (int attempt = 0;; ++attempt) {
    try {
      return OpenOnce(paths, error);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt < 5) continue;
      error->message = "the database kept changing while opening it: " + e.get_msg();
      return false;
    }
  }
}

bool Searcher::OpenOnce(const std::vector<std::string>& paths, SearchError* error) {
  try {
    Xapian::Database db;
    for (const std::string& p : paths) db.add_database(Xapian::Database(p));
    std::set<std::string> langs;
    for (const std::string& p : paths) {
      std::stringstream ss(Xapian::Database(p).get_metadata(schema::kMetaLanguages));
      for (std::string code; std::getline(ss, code, ',');) {
        if (!code.empty()) langs.insert(code);
      }
    }
    impl_->db = db;
    impl_->languages.assign(langs.begin(), langs.end());
    impl_->open = true;
    return true;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;
  } catch (const Xapian::DatabaseNotFoundError&) {
    std::string all;
    for (const std::string& p : paths) all += (all.empty() ? "" : ", ") + p;
    error->message = "no concord database at " + all + " (create one with concord-index)";
  } catch (const Xapian::Error& e) {
    error->message = "cannot open database: " + e.get_description();
  }
  return false;
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
                          Xapian::Query* query, MatchTerms* match, SearchError* error) {
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
    error->is_query_error = true;
    return false;
  }
  BuildOptions build_options;
  build_options.languages = impl_->languages;
  build_options.resolver = resolver;
  QueryBuilder builder(build_options);
  BuiltQuery built = builder.Build(*parsed.root);
  if (!built.ok()) {
    error->message = built.error;
    error->column = lang::CountCodePoints(
                        std::string_view(query_text).substr(0, built.error_position)) + 1;
    error->is_query_error = true;
    return false;
  }
  *query = built.query;
  *match = std::move(built.match);
  return true;
}

std::string Searcher::metadata(const std::string& key) const {
  try {
    return impl_->db.get_metadata(key);
  } catch (const Xapian::Error&) {
    return std::string();
  }
}

void Searcher::Reopen() {
  try {
    impl_->db.reopen();
  } catch (const Xapian::Error&) {
    // The next attempt reports what is wrong.
  }
}

const Xapian::Database& Searcher::database() const { return impl_->db; }

bool Searcher::Search(const std::string& query_text, const SearchOptions& options,
                      SearchResults* out, SearchError* error) {
  if (!impl_->open) {
    error->message = "search on a database that is not open";
    return false;
  }
  Xapian::Query query;
  MatchTerms match;
  if (!BuildQuery(query_text, options.resolver, &query, &match, error)) return false;
  // An indexer committing meanwhile can invalidate what a reader holds
  // (DatabaseModifiedError): reopen at the newest commit and run again.
  for (int attempt = 0;; ++attempt) {
    try {
      out->hits.clear();
      return Run(query, match, options, out);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 5) {
        error->message = "the database kept changing during the search: " + e.get_msg();
        return false;
      }
      Reopen();
    } catch (const Xapian::WildcardError& e) {
      error->message = "a wildcard matches too many words (limit " +
                       std::to_string(BuildOptions().max_wildcard_terms) + "); make it longer";
      error->is_query_error = true;
      return false;
    } catch (const Xapian::Error& e) {
      error->message = "search failed for query '" + query_text + "': " + e.get_description();
      return false;
    }
  }
}

namespace {

// Marks the tokens of the mentions of the entities the query names: from the
// table stored at indexing when allowed and present, else by matching.
void MarkMentions(const Xapian::Document& doc, const corpus::Article& article,
                  const std::vector<lang::Token>& tokens, const MatchTerms& match,
                  const SearchOptions& options, std::vector<bool>* is_hit) {
  std::vector<indexer::StoredMention> stored;
  if (options.stored_mentions &&
      indexer::DecodeMentionTable(doc.get_value(schema::kValueMentions), &stored)) {
    for (const indexer::StoredMention& m : stored) {
      if (!match.entities.count(m.entity_id)) continue;
      // Tokens overlapping [byte_start, byte_end); tokens are in text order.
      auto first = std::lower_bound(
          tokens.begin(), tokens.end(), m.byte_start,
          [](const lang::Token& t, std::size_t at) { return t.byte_end <= at; });
      // A glued clitic ('s) is inside the mention's bytes but not marked.
      for (auto t = first; t != tokens.end() && t->byte_start < m.byte_end; ++t) {
        (*is_hit)[t - tokens.begin()] = true;
        if (t->clitic_follows) break;
      }
    }
    return;
  }
  for (const lang::Mention& m : options.entities->Match(article.text, tokens, article.lang)) {
    if (!match.entities.count(options.entities->entity(m.entity).id)) continue;
    for (std::size_t i = m.first_token; i <= m.last_token; ++i) (*is_hit)[i] = true;
  }
}

}  // namespace

bool Searcher::Run(const Xapian::Query& query, const MatchTerms& match,
                   const SearchOptions& options, SearchResults* out) {
  {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(query);
    if (options.sort_by_date) {
      enquire.set_sort_by_value_then_relevance(schema::kValueDate, true);
    }
    if (options.collapse) enquire.set_collapse_key(schema::kValueCluster);
    const Xapian::doccount all = impl_->db.get_doccount();
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                         static_cast<Xapian::doccount>(options.limit), all);
    out->total = mset.get_matches_estimated();
    out->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    out->query_description = query.get_description();
    TokenMatcher matcher(match);
    std::size_t rank = options.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SearchHit hit;
      hit.rank = ++rank;
      hit.docid = *it;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      if (options.collapse) hit.copies = it.get_collapse_count();
      const Xapian::Document doc = it.get_document();
      indexer::DecodeDocumentData(doc.get_data(), &hit.article);
      const std::vector<lang::Token> tokens = lang::Tokenize(hit.article.text);
      std::vector<bool> is_hit = matcher.Hits(tokens, hit.article.lang);
      if (options.entities && !match.entities.empty()) {
        MarkMentions(doc, hit.article, tokens, match, options, &is_hit);
      }
      hit.snippet = MakeSnippet(hit.article.text, tokens, is_hit, options.snippet_words);
      hit.article.text.clear();
      out->hits.push_back(std::move(hit));
    }
    return true;
  }
}

}  // namespace concord::query
