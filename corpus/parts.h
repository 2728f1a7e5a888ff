#ifndef CONCORD_CORPUS_PARTS_H_
#define CONCORD_CORPUS_PARTS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "corpus/article.h"

namespace concord::corpus {

// Documents are at most this large: a longer article (a huge text file, a
// decompressed member, a WARC record, an HTML page, a JSON line) is indexed
// as parts of about kPartBytes, so that analysing one document, its entity
// mentions and the Xapian entries written for it stay bounded whatever the
// input.
inline constexpr std::size_t kMaxDocumentBytes = 8u << 20;
inline constexpr std::size_t kPartBytes = 4u << 20;

// Where to end a part of `text` holding at most `max` bytes: after the last
// paragraph break in its second half, else the last line break, else the
// last space, else at `max`; never inside a UTF-8 sequence. The whole text
// when it fits. REQUIRES: max > 0.
std::size_t PartCut(std::string_view text, std::size_t max);

// `article` as it is, when its text holds at most kMaxDocumentBytes; else its
// parts of about kPartBytes: ids "<id>#part-N", titles "<title> (part N)",
// text offsets into the file kept exact, metadata copied.
std::vector<Article> SplitIntoParts(Article article);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_PARTS_H_
