#include "tools/serve/kwic.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <utility>

#include "lang/utf8.h"

namespace concord::serve {

std::string FoldCase(const std::string& text) {
  std::string folded;
  icu::UnicodeString::fromUTF8(text).foldCase().toUTF8String(folded);
  return folded;
}

std::vector<std::string> ContextKey(const std::string& context, bool reversed) {
  const std::string folded = FoldCase(context);
  std::vector<std::string> words;
  std::size_t k = 0;
  while (k < folded.size()) {
    const std::size_t start = folded.find_first_not_of(" \t\n\r", k);
    if (start == std::string::npos) break;
    k = folded.find_first_of(" \t\n\r", start);
    if (k == std::string::npos) k = folded.size();
    words.push_back(folded.substr(start, k - start));
  }
  if (reversed) std::reverse(words.begin(), words.end());
  return words;
}

namespace {

// The rung and spelling filters.
bool Wanted(const KwicRequest& r, const Mention& m) {
  if (!r.rungs.empty() && !r.rungs.count(m.rung)) return false;
  return r.variant.empty() || FoldCase(m.surface) == r.variant;
}

Status ListInOrder(Searcher& searcher, const KwicRequest& r, KwicPage* page) {
  const std::vector<MentionRequest> figures = FigureRequests(r.figures);
  std::size_t skip = r.offset;
  for (std::size_t f = 0; f < figures.size() && !page->more; ++f) {
    Status s = searcher.Mentions(
        figures[f],
        [&](Mention&& m) {
          if (!Wanted(r, m)) return Status();
          if (skip > 0) {
            --skip;
            return Status();
          }
          if (page->rows.size() == r.limit) {
            page->more = true;  // one past the page: there is a next one
            return Status(Code::kCancelled, "page full");
          }
          page->rows.push_back({f, std::move(m)});
          return Status();
        },
        nullptr);
    if (!s.ok() && s.code() != Code::kCancelled && s.code() != Code::kTruncated) return s;
  }
  return Status();
}

Status ListSorted(Searcher& searcher, const KwicRequest& r, KwicPage* page) {
  std::vector<std::pair<std::vector<std::string>, KwicRow>> all;
  const std::vector<MentionRequest> figures = FigureRequests(r.figures);
  for (std::size_t f = 0; f < figures.size(); ++f) {
    MentionRequest request = figures[f];
    request.limit = kMaxSortedRecords - std::min(kMaxSortedRecords, all.size());
    MentionSummary summary;
    Status s = searcher.Mentions(
        request,
        [&](Mention&& m) {
          if (!Wanted(r, m)) return Status();
          std::vector<std::string> key =
              ContextKey(r.sort == KwicSort::kLeft ? m.left : m.right, r.sort == KwicSort::kLeft);
          all.emplace_back(std::move(key), KwicRow{f, std::move(m)});
          return Status();
        },
        &summary);
    if (!s.ok()) return s;
    if (summary.truncated) page->sort_capped = true;
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = r.offset; k < all.size() && k < r.offset + r.limit; ++k) {
    page->rows.push_back(std::move(all[k].second));
  }
  page->more = r.offset + r.limit < all.size();
  return Status();
}

}  // namespace

void PlaceInText(Searcher& searcher, std::vector<KwicRow>* rows) {
  std::map<std::string, std::vector<KwicRow*>> by_doc;
  for (KwicRow& r : *rows) by_doc[r.mention.article.id].push_back(&r);
  for (auto& [id, doc_rows] : by_doc) {
    Article article;
    std::size_t off = 0;  // where the article's text begins in its file
    if (!searcher.Document(id, &article, &off).ok()) continue;  // gone: links show it unmarked
    for (KwicRow* r : doc_rows) {
      if (r->mention.start < off || r->mention.end < r->mention.start) continue;
      r->text_start = r->mention.start - off;
      r->text_end = r->mention.end - off;
    }
  }
}

Status ListKwic(Searcher& searcher, const KwicRequest& request, KwicPage* page) {
  *page = KwicPage();
  if (request.sort == KwicSort::kDocument) return ListInOrder(searcher, request, page);
  return ListSorted(searcher, request, page);
}

}  // namespace concord::serve
