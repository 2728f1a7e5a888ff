#ifndef CONCORD_TYPES_HPP_
#define CONCORD_TYPES_HPP_

/// @file types.hpp
/// The values concord's operations take and return: documents, updates,
/// searches and their hits, mention listings and counts. Part of the public API (included
/// by concord.hpp); the library uses these same types inside, so a hit or a
/// mention is one type from the code that finds it to the program that
/// prints it.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "concord/status.hpp"

namespace concord {

/// One document: a news article with its metadata.
struct Article {
  std::string id;      ///< unique and stable; adding an id again replaces the document
  std::string path;    ///< where it came from, for display ("" for articles from memory)
  std::string title;   ///< "" = the first words of the text
  std::string date;    ///< ISO 8601 "YYYY-MM-DD", or ""
  std::string source;  ///< the outlet ("Reuters"), or ""
  std::string url;     ///< or ""
  std::string lang;    ///< ISO 639-1; "" = detect it
  std::string text;    ///< UTF-8; invalid bytes are tolerated
};

/// Counts of what an update did.
struct UpdateReport {
  std::size_t files_added = 0, files_updated = 0, files_unchanged = 0, files_removed = 0,
              files_skipped = 0;
  std::size_t documents_added = 0, documents_updated = 0, documents_removed = 0;
  std::vector<std::string> warnings;  ///< "PATH: reason", one per problem
  bool interrupted = false;           ///< the progress callback asked to stop
};

/// Options of Index::AddPaths.
struct UpdateOptions {
  bool prune = true;  ///< remove documents of files under the paths that disappeared
  /// Compare the content (a hash) of files whose size and modification time
  /// look unchanged: catches edits that kept both (a restore from backup,
  /// `cp -p`, `rsync -t`, `tar x`), at the cost of reading every file.
  bool verify = false;
  /// JSON Lines field mapping: concord field -> JSON key ({"text", "body"}).
  std::vector<std::pair<std::string, std::string>> jsonl_fields;
  /// Called after each file and each document with (files done, files in all, bytes
  /// done, bytes in all): inside a big file the bytes move with its documents' text;
  /// returning false stops after committing what was read.
  std::function<bool(std::size_t, std::size_t, std::uint64_t, std::uint64_t)> progress;
  /// Called with each warning as it happens (they are also in the report).
  std::function<void(const std::string&)> on_warning;
  /// Sharded databases: shards indexed at once, each in its own thread; 0 =
  /// one per processor core (at most the number of shards). The callbacks
  /// above are then called from those threads, one call at a time.
  std::size_t threads = 0;
};

enum class SortOrder { kRelevance, kDateNewestFirst };

/// A search: the query language of docs/query-language.md.
struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  bool aliases = true;    ///< a name also finds its entity's other spellings
  bool collapse = false;  ///< one hit per near-duplicate cluster
  /// Count every match. Otherwise totals above 1,000 may be estimates
  /// (SearchResult::total_exact false), which is faster on large indexes.
  bool exact_total = false;
  std::size_t snippet_words = 36;
};

struct Hit {
  std::size_t rank = 0;  ///< 1-based across pages
  double score = 0;
  Article article;      ///< metadata; text is empty
  std::string snippet;  ///< one line of text around the best matches
  /// Matched words in the snippet: [start, end) code points.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
  bool snippet_starts_mid_text = false, snippet_ends_mid_text = false;
  std::size_t copies = 0;  ///< with collapse: other near-duplicates folded in
};

/// A word of a query that was ignored, and its 1-based column (code points).
struct IgnoredWord {
  std::string text;
  std::size_t column = 0;
};

struct SearchResult {
  std::size_t total = 0;  ///< matching documents
  bool total_exact = true;
  std::vector<Hit> hits;
  /// Some shards could not be reached and were skipped
  /// (SearcherOptions::allow_partial): results from the others only.
  bool partial = false;
  /// Query words with nothing searchable in them (punctuation, currency or
  /// mathematical signs alone), which were ignored.
  std::vector<IgnoredWord> ignored;
};

/// Mention records one listing returns unless MentionRequest::limit says otherwise.
inline constexpr std::size_t kDefaultMentionLimit = 1000000;

/// Listing every mention of a figure.
struct MentionRequest {
  std::string name;    ///< any alias in any script, or any name at all
  std::string filter;  ///< optional query restricting the documents
  std::size_t context_words = 8;
  bool aliases = true;  ///< false: the typed spelling and its variants only
  /// Records returned at most (counts are always complete); the same default
  /// as concord-search, which is also the most it accepts.
  std::size_t limit = kDefaultMentionLimit;
  /// Mentions below this confidence are left out of listings and counts:
  /// "low" (default: all), "medium" (no ambiguous ones) or "high" (only
  /// dictionary spellings, inflected or derived). Any other value is a
  /// kInvalidArgument error.
  std::string min_confidence = "low";
};

struct Mention {
  Article article;     ///< the document (text empty)
  std::string entity;  ///< entity id ("" for a name not in the dictionaries)
  std::string label;
  std::string surface;                       ///< exactly the source text between start and end
  std::size_t start = 0, end = 0;            ///< code points into the source file
  std::size_t byte_start = 0, byte_end = 0;  ///< bytes into the source file
  std::string rung;                          ///< exact, inflection, derived, name-key, typo
  /// high (exact, inflection, derived), medium (name-key, typo), low (the
  /// words around it suggest a namesake: the evidence says which)
  std::string confidence;
  std::string evidence;  ///< why it matched, in words
  std::string left, right;
};

struct MentionSummary {
  std::vector<std::string> entities;  ///< what the name resolved to
  std::size_t mentions = 0, documents = 0, documents_in_scope = 0;
  bool truncated = false;
  bool partial = false;  ///< some shards were skipped, as in SearchResult
};

/// Receives mention records one at a time (Searcher::Mentions).
using MentionSink = std::function<Status(Mention&&)>;

/// The buckets of a count. A week is keyed by its Monday ("YYYY-MM-DD",
/// ISO 8601 weeks); a month by "YYYY-MM"; a day by its date.
enum class CountBy { kVariant, kEntity, kDate, kMonth, kSource, kLang, kWeek };

/// The bucket names concord-search's --count-by, concord-serve's by= and the
/// Python module's by= take: "variant", "entity", "date" (or "day"),
/// "week", "month", "source", "lang". False for any other name.
inline bool ParseCountBy(const std::string& name, CountBy* by) {
  static const std::pair<const char*, CountBy> kNames[] = {
      {"variant", CountBy::kVariant}, {"entity", CountBy::kEntity}, {"date", CountBy::kDate},
      {"day", CountBy::kDate},        {"week", CountBy::kWeek},     {"month", CountBy::kMonth},
      {"source", CountBy::kSource},   {"lang", CountBy::kLang}};
  for (const auto& [n, b] : kNames) {
    if (name == n) {
      *by = b;
      return true;
    }
  }
  return false;
}

/// The names ParseCountBy takes, for messages.
inline constexpr const char* kCountByNames =
    "variant, entity, date (or day), week, month, source, lang";

/// Exact counts per bucket; days, weeks and months are zero-filled over the
/// dates a `date:` range in the filter asks for, or else from the first to
/// the last dated document of the index (whatever the filter).
struct CountRow {
  std::string key;
  std::size_t mentions = 0, documents = 0, documents_in_scope = 0;
};

/// One figure's counts in one bucket of a CountTable.
struct FigureCount {
  std::size_t mentions = 0;   ///< its mentions in the bucket's documents
  std::size_t documents = 0;  ///< the bucket's documents that mention it
};

/// One bucket of a CountTable: the documents in it (in scope of the filter)
/// and each figure's counts, in the order the figures were asked.
struct CountTableRow {
  std::string key;
  std::size_t documents_in_scope = 0;
  std::vector<FigureCount> figures;
};

/// Several figures counted side by side over the same buckets
/// (Searcher::Count with several requests): every row has a count for every
/// figure (zero where it is not mentioned), and rows are in key order.
struct CountTable {
  std::vector<std::string> figures;       ///< the names, as asked
  std::vector<MentionSummary> summaries;  ///< one per figure
  std::vector<CountTableRow> rows;
};

/// Mentions per 1,000 documents of a bucket (0 for an empty bucket).
inline double PerThousandDocuments(std::size_t mentions, std::size_t documents) {
  return documents == 0 ? 0.0 : 1000.0 * static_cast<double>(mentions) / documents;
}

}  // namespace concord

#endif  // CONCORD_TYPES_HPP_
