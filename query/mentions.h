#ifndef CONCORD_QUERY_MENTIONS_H_
#define CONCORD_QUERY_MENTIONS_H_

#include <functional>
#include <string>
#include <vector>

#include "concord/types.hpp"
#include "lang/entity_matcher.h"
#include "query/searcher.h"

namespace concord::query {

// The mention records a listing holds at once (MentionQuery::kept_records):
// about 1 KB each, some 16 MB at most, whatever the listing's size.
inline constexpr std::size_t kKeptMentionRecords = 16384;

// A listing as the library asks for it (concord::MentionRequest), and how
// to read it: from the mentions the indexer stored, which is only right when
// the dictionaries are those the index was tagged with.
struct MentionQuery : MentionRequest {
  bool use_stored_mentions = false;
  // Records only counted, by a key other than the variant: their surface
  // and context may stay empty.
  bool counting = false;
  // MentionRequest::min_confidence, parsed: records below it are left out.
  lang::Confidence least_confidence = lang::Confidence::kLow;
  // A listing keeps at most this many records between finding them and
  // handing them out; past it, each further document's records are counted,
  // dropped, and read again when their turn comes (memory bounded by the
  // number of documents, not of mentions).
  std::size_t kept_records = kKeptMentionRecords;
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
                  const MentionQuery& request, const std::function<bool(Mention&)>& sink,
                  MentionSummary* summary, SearchError* error);

// Exact counts of mentions and of documents per bucket, in key order; for date and month every
// day/month between the first and the last is present (zero-filled), or over the date: range the
// filter requires where it has one; "" is the bucket of undated documents.
bool CountMentions(Searcher& searcher, const lang::EntityMatcher& matcher,
                   const MentionQuery& request, CountBy by, std::vector<CountRow>* rows,
                   MentionSummary* summary, SearchError* error);

}  // namespace concord::query

#endif  // CONCORD_QUERY_MENTIONS_H_
