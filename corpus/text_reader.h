#ifndef CONCORD_CORPUS_TEXT_READER_H_
#define CONCORD_CORPUS_TEXT_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "corpus/article.h"

namespace concord::corpus {

struct ReadResult {
  std::vector<Article> articles;
  std::vector<std::string> warnings;  // each names the file (or "sidecar:line:")
  std::string error;                  // non-empty: the file was not read at all
  bool ok() const { return error.empty(); }
};

// Reads one text file into articles (see docs/corpus.md).
//
// Errors (ok() == false, message names the file): unreadable file, binary
// content (a NUL byte in the first 8 KiB, or more than 30% control or invalid
// UTF-8 bytes). Warnings: empty/whitespace-only file (ok, no articles),
// UTF-16 input decoded to UTF-8 (offsets then refer to the decoded text),
// invalid UTF-8 kept as is (first bad byte offset given), sidecar problems.
// A UTF-8 BOM is dropped from the text but counted in the offsets
// (3 bytes, 1 code point), so offsets always count from the start of the file.
// Article::id is the canonical absolute path, plus "#N" when the file holds
// several articles; Article::path is `path` as given.
ReadResult ReadTextFile(const std::string& path);

// ReadTextFile without the file and without sidecars: decodes `bytes` (BOM,
// UTF-16, a legacy 8-bit charset detected with ICU when the bytes are not
// UTF-8) and splits them. Article ids start with `id_base`.
ReadResult ReadTextBytes(const std::string& path, const std::string& id_base,
                         std::string_view bytes);

// A title for a document that has none: the first words of its first line.
std::string TitleFromText(std::string_view text);

// The id base of a file's documents: its canonical absolute path.
std::string CanonicalId(const std::string& path);

// The pure part of ReadTextFile: splits `text` (the file content after any
// BOM) into articles and fills title/date/source heuristically. Offsets are
// relative to `text`. Sidecars are not applied. Returns no articles for a
// whitespace-only text. `path` and `id_base` are copied into the articles.
std::vector<Article> SplitArticles(const std::string& path, const std::string& id_base,
                                   std::string_view text);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_TEXT_READER_H_
