#ifndef CONCORD_CORPUS_ARTICLE_H_
#define CONCORD_CORPUS_ARTICLE_H_

#include <cstddef>
#include <string>

namespace concord::corpus {

// One document as read from a source file. A file may hold several articles
// (an RSS-reader digest); each is a contiguous slice of the file's text, so
// offsets reported to users are `*_offset` plus offsets into `text`.
struct Article {
  std::string path;    // the file as the user named it (e.g. "corpus/samples/000_x.txt")
  std::string id;      // unique and stable: canonical path, "#N" appended for the Nth (N>=1)
                       // article of a multi-article file; single-article files have no suffix
  std::string title;   // may be empty
  std::string date;    // ISO 8601 "YYYY-MM-DD", or empty when unknown
  std::string source;  // outlet, e.g. "Reuters"; may be empty
  std::string url;     // may be empty
  std::string lang;    // ISO 639-1 code; empty means "detect it"
  std::string text;    // UTF-8 (may contain invalid sequences; never rewritten)
  std::size_t byte_offset = 0;  // where `text` starts in the file, in bytes
  std::size_t cp_offset = 0;    // ... and in code points
};

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_ARTICLE_H_
