// WARC (ISO 28500) files, already decompressed: every archived HTML page (or
// feed, or text) is handed to ReadSource as a source of its own.

#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "corpus/stream.h"
#include "lang/ascii.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

constexpr std::string_view kMagic = "WARC/1.";

bool EqualsI(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lang::LowerAscii(a[i]) != lang::LowerAscii(b[i])) return false;
  }
  return true;
}

bool ContainsI(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (EqualsI(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// "Name: value" lines, as found in WARC and HTTP headers.
using Headers = std::vector<std::pair<std::string_view, std::string_view>>;

std::string_view Header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsI(key, name)) return value;
  }
  return {};
}

// Parses header lines from `*pos` up to and including the empty line that
// ends them. Lines may end in CRLF or a bare LF; a line starting with a space
// or tab continues the previous value (its first line is kept, which is all
// that the headers used here need). False when the input ends first.
bool ParseHeaders(std::string_view in, std::size_t* pos, Headers* headers) {
  std::size_t p = *pos;
  while (true) {
    const std::size_t end = in.find('\n', p);
    if (end == std::string_view::npos) return false;
    std::string_view line = in.substr(p, end - p);
    p = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers->emplace_back(lang::TrimAscii(line.substr(0, colon)),
                          lang::TrimAscii(line.substr(colon + 1)));
  }
  *pos = p;
  return true;
}

bool ParseDecimal(std::string_view s, std::size_t* value) {
  if (s.empty() || s.size() > 18) return false;
  std::size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  *value = v;
  return true;
}

// Transfer-Encoding: chunked. Returns false when the framing breaks; `out`
// then holds the chunks decoded before the break.
bool Dechunk(std::string_view in, std::string* out) {
  std::size_t p = 0;
  while (true) {
    const std::size_t eol = in.find('\n', p);
    if (eol == std::string_view::npos) return false;
    std::size_t size = 0;
    std::size_t digits = 0;
    for (std::size_t i = p; i < eol; ++i) {
      const char c = lang::LowerAscii(in[i]);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        break;  // ";extension", "\r" or junk
      }
      if (++digits > 15) return false;
      size = size * 16 + static_cast<std::size_t>(d);
    }
    if (digits == 0) return false;
    p = eol + 1;
    if (size == 0) return true;  // trailers, if any, carry nothing we use
    if (size > in.size() - p) {
      out->append(in.substr(p));
      return false;
    }
    out->append(in.substr(p, size));
    p += size;
    if (in.compare(p, 2, "\r\n") == 0) {
      p += 2;
    } else if (in.compare(p, 1, "\n") == 0) {
      p += 1;
    }
  }
}

// Inflates zlib, gzip or raw deflate data (`window_bits` as for inflateInit2)
// into `out`, at most `limit` bytes. Returns "" or what went wrong.
std::string Inflate(std::string_view in, int window_bits, std::size_t limit, std::string* out) {
  GunzipStream z(MemoryPull(in), window_bits);
  char buf[1 << 16];
  for (std::size_t n; (n = z.Read(buf, sizeof buf)) > 0;) {
    out->append(buf, n);
    if (out->size() > limit) return "decompressed body over the size limit";
  }
  return z.problem();
}

// Payload media types worth reading. Generic XML is taken only when it is a
// feed: as a page it is usually a sitemap or an API answer.
bool WantedMediaType(std::string_view content_type, std::string_view body) {
  std::string type;
  for (char c : lang::TrimAscii(content_type.substr(0, content_type.find(';'))))
    type += lang::LowerAscii(c);
  if (type == "text/html" || type == "application/xhtml+xml" || type == "text/plain" ||
      type == "application/rss+xml" || type == "application/atom+xml" ||
      type == "application/rdf+xml") {
    return true;
  }
  if (type == "text/xml" || type == "application/xml") {
    return SniffFormat(body.substr(0, 64 * 1024), "") == Format::kFeed;
  }
  return false;
}

// What a record's WARC headers say, copied out of the read window.
struct RecordInfo {
  std::size_t number = 0;
  std::uint64_t start = 0;  // byte offset of the record in the WARC data
  std::string type, uri, date, content_type;
};

// Reads WARC records from a stream through a window of bounded size: a
// record up to kRecordInMemory is held whole; a larger one is read as it
// streams (its HTML or text in pieces), so no record, however large, is
// held in memory.
class WarcReader {
 public:
  WarcReader(const Source& meta, std::string head, const Pull& rest, const ReadOptions& options,
             int depth, ArticleSink* sink)
      : source_(meta),
        buf_(std::move(head)),
        pull_(rest),
        options_(options),
        depth_(depth),
        sink_(sink) {}

  bool Read(std::string* error) {
    SkipNewlines();
    if (!Have(kMagic.size()) || Window().compare(0, kMagic.size(), kMagic) != 0) {
      *error = source_.path + ": not a WARC file";
      return false;
    }
    if (depth_ >= options_.max_archive_depth) {
      sink_->Warn(source_.path + ": WARC file nested too deeply; skipped");
      return true;
    }
    std::size_t record = 0;
    while (!sink_->cancelled()) {
      SkipNewlines();
      if (!Have(1)) break;
      if (!Have(kMagic.size()) || Window().compare(0, kMagic.size(), kMagic) != 0) {
        if (!warned_garbage_) {
          sink_->Warn(source_.path + ": unexpected bytes at byte " + std::to_string(Offset()) +
                      " between WARC records; skipped to the next record");
          warned_garbage_ = true;
        }
        if (!SkipToNextRecord()) break;
        continue;
      }
      RecordInfo info;
      info.number = ++record;
      info.start = Offset();
      std::size_t length = 0, header_bytes = 0;
      bool valid_length = false;
      if (!ReadHeaders(&info, &header_bytes, &length, &valid_length)) {
        Truncated(info);
        break;
      }
      at_ += header_bytes;
      if (!valid_length) {
        sink_->Warn(source_.path + ": WARC record " + std::to_string(info.number) + " at byte " +
                    std::to_string(info.start) + " has no valid Content-Length; skipped");
        if (!SkipToNextRecord()) break;
        continue;
      }
      if (length <= kRecordInMemory) {
        if (!Have(length)) {
          Truncated(info);
          break;
        }
        HandleRecord(info, Window().substr(0, length));
        at_ += length;
      } else if (!HandleHugeRecord(info, length)) {
        break;
      }
    }
    return true;
  }

 private:
  // Records larger than this are read as they stream, never held whole.
  static constexpr std::size_t kRecordInMemory = 32u << 20;
  static constexpr std::size_t kMaxHeaderBytes = 1u << 20;
  static constexpr std::size_t kChunk = 64u << 10;  // read at least this much at a time

  // ---- The read window: buf_[at_..] are the bytes not consumed yet. ----
  std::string_view Window() const { return std::string_view(buf_).substr(at_); }
  std::uint64_t Offset() const { return base_ + at_; }

  // True when at least `n` unconsumed bytes are in the window (reading more
  // as needed); false when the data ends first.
  bool Have(std::size_t n) {
    while (buf_.size() - at_ < n && !eof_) {
      if (at_ > 0) {  // drop what was consumed before growing
        buf_.erase(0, at_);
        base_ += at_;
        at_ = 0;
      }
      const std::size_t have = buf_.size();
      const std::size_t ask = std::max(kChunk, n - have);
      buf_.resize(have + ask);
      const std::size_t got = pull_(buf_.data() + have, ask);
      buf_.resize(have + got);
      if (got == 0) eof_ = true;
    }
    return buf_.size() - at_ >= n;
  }

  // Up to `n` bytes of the stream into `out` (window first); fewer at the end.
  std::size_t Take(char* out, std::size_t n) {
    std::size_t done = std::min(n, buf_.size() - at_);
    std::copy_n(buf_.data() + at_, done, out);
    at_ += done;
    if (done == n || eof_) return done;
    buf_.clear();  // the window is used up: read past it directly
    base_ += at_;
    at_ = 0;
    while (done < n) {
      const std::size_t got = pull_(out + done, n - done);
      if (got == 0) {
        eof_ = true;
        break;
      }
      done += got;
      base_ += got;
    }
    return done;
  }

  void SkipNewlines() {
    while (Have(1) && (buf_[at_] == '\r' || buf_[at_] == '\n')) ++at_;
  }

  // Consumes bytes up to the next "WARC/1." at the start of a line; false
  // when the data ends first.
  bool SkipToNextRecord() {
    if (!Have(1)) return false;
    ++at_;
    while (true) {
      const std::size_t found = Window().find(kMagic);
      if (found != std::string_view::npos && (at_ + found == 0 || buf_[at_ + found - 1] == '\n')) {
        at_ += found;
        return true;
      }
      if (found != std::string_view::npos) {
        at_ += found + 1;
        continue;
      }
      // Keep a tail that may hold the start of the magic.
      const std::size_t keep = std::min(buf_.size() - at_, kMagic.size());
      at_ = buf_.size() - keep;
      if (!Have(keep + 1)) {
        at_ = buf_.size();
        return false;
      }
    }
  }

  // Parses the version line and WARC headers at the window's start into
  // `info`; *bytes is their length. False when the data ends inside them.
  bool ReadHeaders(RecordInfo* info, std::size_t* bytes, std::size_t* length, bool* valid) {
    for (std::size_t want = 64 * 1024;; want *= 2) {
      Have(std::min(want, kMaxHeaderBytes));
      const std::string_view in = Window();
      const std::size_t version_end = in.find('\n');
      Headers headers;
      std::size_t pos = version_end + 1;
      if (version_end != std::string_view::npos && ParseHeaders(in, &pos, &headers)) {
        *bytes = pos;
        info->type = std::string(Header(headers, "WARC-Type"));
        info->uri = std::string(Header(headers, "WARC-Target-URI"));
        info->date = std::string(Header(headers, "WARC-Date"));
        info->content_type = std::string(Header(headers, "Content-Type"));
        *valid = ParseDecimal(Header(headers, "Content-Length"), length);
        return true;
      }
      if (eof_ || want >= kMaxHeaderBytes) return false;
    }
  }

  void Truncated(const RecordInfo& info) {
    sink_->Warn(source_.path + ": truncated WARC record " + std::to_string(info.number) +
                " at byte " + std::to_string(info.start) + "; earlier records kept");
  }

  // The source a record's document is read as: its path names the URL.
  Source SubSource(const RecordInfo& info) const {
    Source sub;
    std::string_view uri = info.uri;
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
      uri = uri.substr(1, uri.size() - 2);  // WARC/1.0 drafts wrote <uri>
    }
    sub.url = lang::SanitizeUtf8(uri);
    sub.path =
        source_.path + "#" + (sub.url.empty() ? "record-" + std::to_string(info.number) : sub.url);
    sub.id = source_.id + "#record-" + std::to_string(info.number);
    const std::string_view date = info.date;
    if (date.size() >= 10 && IsValidIsoDate(date.substr(0, 10))) sub.date = date.substr(0, 10);
    return sub;
  }

  void HandleRecord(const RecordInfo& info, std::string_view block) {
    Source sub = SubSource(info);
    if (EqualsI(info.type, "response")) {
      if (!HttpPayload(block, sub.path, &sub.content)) return;
    } else if (EqualsI(info.type, "resource") || EqualsI(info.type, "conversion")) {
      // The block is the document itself (conversion: the text of a WET file).
      if (block.empty() || !WantedMediaType(info.content_type, block)) return;
      sub.content.assign(block);
    } else {
      return;  // warcinfo, request, metadata, revisit, continuation
    }
    std::string err;
    if (!ReadSource(sub, options_, depth_ + 1, sink_, &err)) sink_->Warn(std::move(err));
  }

  // A record over kRecordInMemory: its payload, when it is plain (not
  // chunked or compressed) HTML or text, is read in pieces as it streams;
  // anything else is skipped with a warning. False when the data ends.
  bool HandleHugeRecord(const RecordInfo& info, std::size_t length) {
    const std::uint64_t end = Offset() + length;
    Source sub = SubSource(info);
    const bool response = EqualsI(info.type, "response");
    const bool document = EqualsI(info.type, "resource") || EqualsI(info.type, "conversion");
    if (response || document) {
      Have(std::min<std::size_t>(length, 64 * 1024));
      const std::string_view head = Window().substr(0, std::min<std::size_t>(length, 64 * 1024));
      std::string_view content_type = info.content_type;
      std::size_t body = 0;    // where the payload starts in the block
      bool wanted = document;  // a document, or a successful HTTP response
      std::string why;         // why a wanted payload cannot be streamed
      Headers http;
      if (response && head.compare(0, 5, "HTTP/") == 0) {
        const std::size_t eol = head.find('\n');
        const std::string_view status = head.substr(0, eol);
        const std::size_t space = status.find(' ');
        body = eol == std::string_view::npos ? head.size() : eol + 1;
        wanted = eol != std::string_view::npos && space != std::string_view::npos &&
                 status.compare(space + 1, 1, "2") == 0 && ParseHeaders(head, &body, &http);
        if (wanted) {
          const std::string_view encoding = lang::TrimAscii(Header(http, "Content-Encoding"));
          if (ContainsI(Header(http, "Transfer-Encoding"), "chunked") ||
              !(encoding.empty() || EqualsI(encoding, "identity"))) {
            why = "its body is chunked or compressed";
          }
          content_type = Header(http, "Content-Type");
        }
      }
      const std::string_view payload = head.substr(std::min(body, head.size()));
      wanted = wanted && WantedMediaType(content_type, payload);
      const Format format = SniffFormat(payload, sub.path);
      if (wanted && why.empty() && format != Format::kHtml && format != Format::kText) {
        why = "it is neither HTML nor text";
      }
      if (wanted && why.empty()) {
        at_ += body;
        std::uint64_t left = length - body;
        const Pull block = [&](char* buf, std::size_t n) {
          const std::size_t got =
              Take(buf, static_cast<std::size_t>(std::min<std::uint64_t>(n, left)));
          left -= got;
          return got;
        };
        ReadInPieces(sub, format, std::string(), block,
                     format == Format::kText ? options_.text_part_bytes : kHtmlPieceBytes, sink_);
      } else if (wanted) {
        sink_->Warn(sub.path + ": WARC record " + std::to_string(info.number) + " of " +
                    std::to_string(length >> 20) + " MB is over the " +
                    std::to_string(kRecordInMemory >> 20) + " MB that can be held and " + why +
                    "; skipped");
      }
    }
    // Whatever of the record was not read is skipped.
    while (Offset() < end) {
      if (!Have(1)) {
        Truncated(info);
        return false;
      }
      at_ += static_cast<std::size_t>(std::min<std::uint64_t>(buf_.size() - at_, end - Offset()));
    }
    return true;
  }

  // The decoded body of a successful HTTP response with a wanted media type;
  // false (and nothing said) for anything else.
  bool HttpPayload(std::string_view block, const std::string& path, std::string* body) {
    if (block.compare(0, 5, "HTTP/") != 0) return false;  // e.g. dns: records
    std::size_t pos = block.find('\n');
    if (pos == std::string_view::npos) return false;
    const std::string_view status_line = block.substr(0, pos);
    const std::size_t space = status_line.find(' ');
    if (space == std::string_view::npos || status_line.compare(space + 1, 1, "2") != 0) {
      return false;
    }
    Headers headers;
    ++pos;
    if (!ParseHeaders(block, &pos, &headers)) {
      sink_->Warn(path + ": HTTP headers do not end; skipped");
      return false;
    }
    const std::string_view raw = block.substr(pos);
    if (raw.empty() || !WantedMediaType(Header(headers, "Content-Type"), raw)) return false;

    // Some crawlers store the body already decoded but keep the headers, so
    // each decoding is tried only when the bytes look encoded.
    std::string dechunked;
    std::string_view data = raw;
    if (ContainsI(Header(headers, "Transfer-Encoding"), "chunked")) {
      const bool complete = Dechunk(raw, &dechunked);
      if (complete || !dechunked.empty()) {
        if (!complete) sink_->Warn(path + ": chunked body ends early; the part read is kept");
        data = dechunked;
      }
    }
    const std::string_view encoding = lang::TrimAscii(Header(headers, "Content-Encoding"));
    if (encoding.empty() || EqualsI(encoding, "identity")) {
      body->assign(data);
      return true;
    }
    const bool gzip = EqualsI(encoding, "gzip") || EqualsI(encoding, "x-gzip");
    if (!gzip && !EqualsI(encoding, "deflate")) {
      sink_->Warn(path + ": unsupported Content-Encoding '" + lang::SanitizeUtf8(encoding) +
                  "'; skipped");
      return false;
    }
    if (gzip && data.compare(0, 2, "\x1f\x8b") != 0) {
      body->assign(data);  // not actually compressed
      return true;
    }
    // A decoded body is held in memory: at most what plain text may be.
    const std::size_t limit = std::min(options_.max_member_bytes, options_.huge_text_bytes);
    std::string problem;
    if (gzip) {
      problem = Inflate(data, kGzipWindowBits, limit, body);
    } else {
      // "deflate" is meant to be zlib-wrapped, but servers also send raw deflate.
      problem = Inflate(data, MAX_WBITS, limit, body);
      if (!problem.empty() && body->empty()) {
        problem = Inflate(data, -MAX_WBITS, limit, body);
      }
    }
    if (body->size() > limit) {
      sink_->Warn(path + ": decompressed body over " + std::to_string(limit >> 20) +
                  " MB; skipped");
      return false;
    }
    if (!problem.empty()) {
      if (body->empty()) {
        sink_->Warn(path + ": " + problem + "; skipped");
        return false;
      }
      sink_->Warn(path + ": " + problem + "; the part decompressed is kept");
    }
    return true;
  }

  const Source& source_;
  std::string buf_;
  std::size_t at_ = 0;      // first unconsumed byte of buf_
  std::uint64_t base_ = 0;  // offset in the WARC data of buf_[0]
  bool eof_ = false;
  const Pull& pull_;
  const ReadOptions& options_;
  const int depth_;
  ArticleSink* sink_;
  bool warned_garbage_ = false;
};

}  // namespace

bool ReadWarcStream(const Source& meta, std::string head, const Pull& rest,
                    const ReadOptions& options, int depth, ArticleSink* sink, std::string* error) {
  WarcReader reader(meta, std::move(head), rest, options, depth, sink);
  return reader.Read(error);
}

bool ReadWarcSource(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink,
                    std::string* error) {
  const Pull from_memory = MemoryPull(source.content);
  return ReadWarcStream(source, std::string(), from_memory, options, depth, sink, error);
}

}  // namespace concord::corpus
