#ifndef CONCORD_QUERY_MENTIONS_H_
#define CONCORD_QUERY_MENTIONS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "lang/entity_matcher.h"
#include "query/searcher.h"

namespace concord::query {

// One mention of a figure, with offsets into the SOURCE FILE's text.
struct MentionRecord {
  corpus::Article article;   // metadata of the document (text cleared)
  std::string entity;        // entity id ("" for an ad-hoc name not in the dictionaries)
  std::string label;         // entity label, or the typed name
  std::string surface;       // exactly the file's text between start and end
  std::size_t start = 0, end = 0;            // code points into the file
  std::size_t byte_start = 0, byte_end = 0;  // bytes into the file
  std::string rung;          // exact, inflection, name-key, typo
  std::string evidence;      // why it matched
  std::string left, right;   // context words, one line each
};

struct MentionRequest {
  std::string name;              // as typed: any alias in any script
  std::string filter;            // optional query restricting the documents ("" = all)
  std::size_t context_words = 8;
  bool use_aliases = true;       // false: match the typed spelling (and its variants) only
  std::size_t limit = 1000000;   // records emitted at most
  // Read the mentions the indexer stored instead of matching the text again.
  // Only right when the dictionaries are those the index was tagged with.
  bool use_stored_mentions = false;
};

struct MentionSummary {
  std::vector<std::string> entities;  // resolved entity ids (empty: ad-hoc name)
  std::size_t mentions = 0;           // total found (even past the limit)
  std::size_t documents = 0;          // documents with at least one mention
  std::size_t documents_in_scope = 0; // documents the filter allows
  bool truncated = false;             // limit reached
};

// Lists every mention of a figure in document order (path, then article),
// then offset order: the mentions the indexer stored with the documents
// tagged with the figure (use_stored_mentions), or those found by re-running
// the index-time matcher over their stored text. Names not in the dictionaries
// are matched as an ad-hoc entity over every document in scope.
// `sink` receives each record and may move from it, and returns false to
// stop the listing; the summary counts everything and is complete before the
// first call.
bool ListMentions(Searcher& searcher, const lang::EntityMatcher& matcher,
                  const MentionRequest& request,
                  const std::function<bool(MentionRecord&)>& sink,
                  MentionSummary* summary, SearchError* error);

// Exact counts of mentions and of documents per bucket.
enum class CountBy { kVariant, kEntity, kDate, kMonth, kSource, kLang };

struct CountRow {
  std::string key;
  std::size_t mentions = 0;
  std::size_t documents = 0;          // documents in this bucket that mention the figure
  std::size_t documents_in_scope = 0; // all documents in this bucket within the filter
};

// Buckets in key order; for date and month every day/month between the first
// and the last is present (zero-filled), or over the date: range the filter
// requires where it has one; "" is the bucket of undated documents.
bool CountMentions(Searcher& searcher, const lang::EntityMatcher& matcher,
                   const MentionRequest& request, CountBy by, std::vector<CountRow>* rows,
                   MentionSummary* summary, SearchError* error);

}  // namespace concord::query

#endif  // CONCORD_QUERY_MENTIONS_H_
