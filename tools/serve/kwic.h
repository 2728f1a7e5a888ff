#ifndef CONCORD_TOOLS_SERVE_KWIC_H_
#define CONCORD_TOOLS_SERVE_KWIC_H_

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "concord/concord.hpp"
#include "tools/serve/request.h"

namespace concord::serve {

// One page of the mentions table (a keyword-in-context concordance) of
// several figures: each figure's records in document order, one figure
// after the other, or all sorted by their context.
enum class KwicSort {
  kDocument,  // as listed
  kLeft,      // by the words nearest the mention first: the left context reversed
  kRight,     // by the right context
};

// Records sorted by context are collected first: at most this many.
inline constexpr std::size_t kMaxSortedRecords = 20000;

struct KwicRequest {
  FigureQuery figures;
  std::set<std::string> rungs;  // empty: every rung
  std::string variant;          // a spelling, case-folded (FoldCase): only its mentions
  std::string variant_typed;    // ... as typed (for links)
  KwicSort sort = KwicSort::kDocument;
  std::size_t offset = 0, limit = 100;
};

struct KwicRow {
  std::size_t figure = 0;  // index into KwicRequest::figures.names
  Mention mention;
  // The mention in the article's text ([start, end) code points, what /doc
  // marks), or npos when it could not be placed (see PlaceInText).
  std::size_t text_start = std::string::npos, text_end = std::string::npos;
};

struct KwicPage {
  std::vector<KwicRow> rows;
  bool more = false;         // records follow this page
  bool sort_capped = false;  // sorted within the first kMaxSortedRecords only
};

// REQUIRES: request.limit <= kMaxMentionPage.
Status ListKwic(Searcher& searcher, const KwicRequest& request, KwicPage* page);

// Mention::start/end count code points from the start of the source file
// (docs/mentions.md), while /doc shows the article's own text: they differ
// by where the text begins in its file (the second article of a file, a
// BOM), which Searcher::Document gives. Sets each row's text_start/text_end;
// reads each document of the page once.
void PlaceInText(Searcher& searcher, std::vector<KwicRow>* rows);

// Case-folded (ICU full case folding), for comparing spellings.
std::string FoldCase(const std::string& text);

// The sort key of a context: its words, case-folded, in order (right) or
// nearest the mention first (left). Compared word by word, by code point.
std::vector<std::string> ContextKey(const std::string& context, bool reversed);

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_KWIC_H_
