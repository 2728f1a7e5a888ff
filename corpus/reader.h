#ifndef CONCORD_CORPUS_READER_H_
#define CONCORD_CORPUS_READER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/article.h"

namespace concord::corpus {

// Everything concord-index can read. The format of a file is decided by its
// content first (SniffFormat), its name second.
enum class Format {
  kText,     // plain text, UTF-8 / UTF-16 with BOM / legacy 8-bit (detected)
  kHtml,     // HTML or XHTML page
  kFeed,     // RSS 2.0 or Atom
  kJsonl,    // JSON Lines, one document per line
  kWarc,     // WARC, plain or gzip-compressed
  kArchive,  // tar, tar.gz, zip
  kGzip,     // a single gzip-compressed file (read as what it decompresses to)
  kBinary,   // anything else: skipped with a reason
};
const char* FormatName(Format format);  // "text", "html", "feed", ...

// `head` is the first bytes of the content (at least 4 KiB when available).
Format SniffFormat(std::string_view head, std::string_view path);

// Bytes to be read into articles: a file, or a member of an archive, or a
// record of a WARC file.
struct Source {
  std::string path;     // shown to users: "feeds/x.rss", "bundle.zip!a/b.html"
  std::string id;       // stable id base of its documents: canonical file path, plus
                        // "!member" inside archives, "#record-N" inside WARC files
  std::string content;  // the bytes
  std::string url;      // hints from a container (WARC headers), may be empty
  std::string date;     // ISO YYYY-MM-DD hint, may be empty
};

struct ReadOptions {
  // JSON Lines: concord field -> JSON key, for --field text=body. Unmapped
  // fields use their own name (id, title, date, source, url, lang, text).
  std::map<std::string, std::string> jsonl_fields;
  int max_archive_depth = 3;                 // archives inside archives
  std::size_t max_member_bytes = 64u << 20;  // formats held whole (feeds, archives in archives):
                                             // larger ones are skipped, with a warning
  std::size_t huge_text_bytes = 32u << 20;   // plain text above this is read in parts
  std::size_t text_part_bytes = 4u << 20;    // ... of about this size (corpus/parts.h)
};

// Receives what a reader finds, in order, one article at a time, so that a
// huge file is read in bounded memory. Warnings are "PATH: reason", one per
// problem (a bad JSON line, a truncated WARC record...).
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void Add(Article article) = 0;
  virtual void Warn(std::string message) = 0;
  // True when the reader should stop early (Ctrl-C): long readers check it
  // between articles.
  virtual bool cancelled() const { return false; }
};

// Reads the file at `path` whatever its format. False (and *error = "PATH:
// reason") when nothing could be read: unreadable, binary, unsupported.
// What was read before a failure mid-file (truncated gzip) has been handed to
// the sink and a warning says where reading stopped.
bool ReadFile(const std::string& path, const ReadOptions& options, ArticleSink* sink,
              std::string* error);

// Reads in-memory bytes whatever their format (used for archive members and
// WARC payloads). `depth` counts enclosing archives.
bool ReadSource(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink,
                std::string* error);

// Per-format readers, each for bytes already in memory. They never throw;
// they report through the sink and return false only when nothing at all
// could be read from the source.
bool ReadTextSource(const Source& source, ArticleSink* sink, std::string* error);
bool ReadHtmlSource(const Source& source, ArticleSink* sink, std::string* error);
bool ReadFeedSource(const Source& source, ArticleSink* sink, std::string* error);
bool ReadJsonlSource(const Source& source, const ReadOptions& options, ArticleSink* sink,
                     std::string* error);
bool ReadWarcSource(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink,
                    std::string* error);
bool ReadArchiveSource(const Source& source, const ReadOptions& options, int depth,
                       ArticleSink* sink, std::string* error);

// A sink that keeps everything (tests, small inputs).
class CollectingSink : public ArticleSink {
 public:
  void Add(Article article) override { articles.push_back(std::move(article)); }
  void Warn(std::string message) override { warnings.push_back(std::move(message)); }
  std::vector<Article> articles;
  std::vector<std::string> warnings;
};

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_READER_H_
