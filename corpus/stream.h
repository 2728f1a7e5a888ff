#ifndef CONCORD_CORPUS_STREAM_H_
#define CONCORD_CORPUS_STREAM_H_

// Inputs too large to hold: a byte stream (a file, a gzip stream, an archive
// member) is read in pieces of bounded size, each cut where its format allows
// (text: after a paragraph or line break; HTML: before a tag) and indexed as
// a document of its own, "<id>#part-N", so memory stays bounded whatever the
// size of the input.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "corpus/reader.h"

namespace concord::corpus {

// Fills `buf` with up to `n` bytes of a stream; returns how many, 0 at its end.
using Pull = std::function<std::size_t(char* buf, std::size_t n)>;

// A Pull over bytes in memory (which must outlive it).
Pull MemoryPull(std::string_view bytes);

// HTML larger than this is parsed in pieces (libxml2's tree for a page takes
// several times the page's size).
inline constexpr std::size_t kHtmlInMemoryBytes = 16u << 20;
inline constexpr std::size_t kHtmlPieceBytes = 8u << 20;

// zlib's window bits for a gzip stream (inflateInit2).
inline constexpr int kGzipWindowBits = 16 + 15;

// A gzip stream (one or more members) decompressed as it is read; with other
// `window_bits` (as for zlib's inflateInit2: 15 zlib, -15 raw deflate), that
// kind of stream. The one inflate loop of concord.
class GunzipStream {
 public:
  explicit GunzipStream(Pull compressed, int window_bits = kGzipWindowBits);
  ~GunzipStream();
  GunzipStream(const GunzipStream&) = delete;
  GunzipStream& operator=(const GunzipStream&) = delete;

  // Up to `n` decompressed bytes; 0 at the end of the data or at a problem.
  std::size_t Read(char* buf, std::size_t n);
  // After the end: "" or why the data ended early (truncated, corrupt).
  const std::string& problem() const { return problem_; }
  // Compressed bytes consumed so far.
  std::uint64_t consumed() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string problem_;
};

// Reads `head` followed by everything `rest` gives as documents of about
// `piece_bytes` each ("<id>#part-N", titles "<title> (part N)"), the pieces
// of a `format` (kText or kHtml) source named by `meta` (path, id, url and
// date hints; its content is not used). Warns once, naming the file, with the
// number of parts. Returns the number of parts.
std::size_t ReadInPieces(const Source& meta, Format format, std::string head, const Pull& rest,
                         std::size_t piece_bytes, ArticleSink* sink);

// One HTML page from memory: in pieces when it is larger than
// kHtmlInMemoryBytes, else whole (ReadHtmlSource).
bool ReadHtml(const Source& source, ArticleSink* sink, std::string* error);

// A gzip stream whose data is read as its own format (by content, then by
// `outer.path` without ".gz"). Text over options.huge_text_bytes and HTML over
// kHtmlInMemoryBytes are read in pieces as they are decompressed; other formats
// are held in memory up to options.max_member_bytes (the rest is skipped with
// a warning). `depth` counts enclosing archives.
bool ReadGzipStream(const Source& outer, const Pull& compressed, const ReadOptions& options,
                    int depth, ArticleSink* sink, std::string* error);

// WARC records from `head` followed by what `rest` gives, read as they
// stream (corpus/warc_reader.cc): memory is bounded whatever the file's size.
bool ReadWarcStream(const Source& meta, std::string head, const Pull& rest,
                    const ReadOptions& options, int depth, ArticleSink* sink, std::string* error);

// JSON Lines from `head` followed by what `rest` gives, one line held at a
// time (corpus/jsonl_reader.cc); a line over kMaxLineBytes is skipped with a
// warning.
inline constexpr std::size_t kMaxLineBytes = 32u << 20;
bool ReadJsonlStream(const Source& meta, std::string head, const Pull& rest,
                     const ReadOptions& options, ArticleSink* sink, std::string* error);

// A tar or zip archive read from its file (corpus/archive_reader.cc): a
// tar(.gz) streams, a zip is read by libarchive with seeks; members as in
// ReadArchiveSource.
bool ReadArchiveFile(const Source& meta, const std::string& file, const ReadOptions& options,
                     ArticleSink* sink, std::string* error);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_STREAM_H_
