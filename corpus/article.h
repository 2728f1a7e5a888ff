#ifndef CONCORD_CORPUS_ARTICLE_H_
#define CONCORD_CORPUS_ARTICLE_H_

#include <cstddef>
#include <string>

#include "concord/types.hpp"

namespace concord::corpus {

// One document as read from a source file: the public Article (its id,
// path, metadata and text) and where its text sits in the file. A file may
// hold several articles (an RSS-reader digest); each is a contiguous slice of
// the file's text, so offsets reported to users are `*_offset` plus offsets
// into `text`. `id` is unique and stable: the canonical path, "#N" appended
// for the Nth (N>=1) article of a multi-article file. `lang` empty means
// "detect it"; `text` may contain invalid UTF-8 and is never rewritten.
struct Article : concord::Article {
  std::size_t byte_offset = 0;  // where `text` starts in the file, in bytes
  std::size_t cp_offset = 0;    // ... and in code points
};

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_ARTICLE_H_
