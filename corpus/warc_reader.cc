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
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

constexpr std::string_view kMagic = "WARC/1.";

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsI(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
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

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
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
    headers->emplace_back(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
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
      const char c = Lower(in[i]);
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
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return "zlib could not start";
  std::string problem;
  char buf[1 << 16];
  std::size_t offset = 0;
  while (true) {
    if (z.avail_in == 0 && offset < in.size()) {
      const std::size_t n = std::min<std::size_t>(in.size() - offset, 1u << 30);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + offset));
      z.avail_in = static_cast<uInt>(n);
      offset += n;
    }
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > limit) {
      problem = "decompressed body over the size limit";
      break;
    }
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && offset == in.size()) {
      problem = "truncated compressed body";
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      problem = std::string("corrupt compressed body (") + (z.msg ? z.msg : "zlib error") + ")";
      break;
    }
  }
  inflateEnd(&z);
  return problem;
}

// Payload media types worth reading. Generic XML is taken only when it is a
// feed: as a page it is usually a sitemap or an API answer.
bool WantedMediaType(std::string_view content_type, std::string_view body) {
  std::string type;
  for (char c : Trim(content_type.substr(0, content_type.find(';')))) type += Lower(c);
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

class WarcReader {
 public:
  WarcReader(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink)
      : source_(source), in_(source.content), options_(options), depth_(depth), sink_(sink) {}

  bool Read(std::string* error) {
    std::size_t pos = SkipNewlines(0);
    if (in_.compare(pos, kMagic.size(), kMagic) != 0) {
      *error = source_.path + ": not a WARC file";
      return false;
    }
    if (depth_ >= options_.max_archive_depth) {
      sink_->Warn(source_.path + ": WARC file nested too deeply; skipped");
      return true;
    }
    std::size_t record = 0;
    while ((pos = SkipNewlines(pos)) < in_.size() && !sink_->cancelled()) {
      if (in_.compare(pos, kMagic.size(), kMagic) != 0) {
        if (!warned_garbage_) {
          sink_->Warn(source_.path + ": unexpected bytes at byte " + std::to_string(pos) +
                      " between WARC records; skipped to the next record");
          warned_garbage_ = true;
        }
        pos = NextRecordStart(pos);
        continue;
      }
      const std::size_t start = pos;
      ++record;
      const std::size_t version_end = in_.find('\n', pos);
      Headers headers;
      pos = version_end + 1;
      if (version_end == std::string_view::npos || !ParseHeaders(in_, &pos, &headers)) {
        Truncated(record, start);
        break;
      }
      std::size_t length = 0;
      if (!ParseDecimal(Header(headers, "Content-Length"), &length)) {
        sink_->Warn(source_.path + ": WARC record " + std::to_string(record) + " at byte " +
                    std::to_string(start) + " has no valid Content-Length; skipped");
        pos = NextRecordStart(pos);
        continue;
      }
      if (length > in_.size() - pos) {
        Truncated(record, start);
        break;
      }
      HandleRecord(record, headers, in_.substr(pos, length));
      pos += length;
    }
    return true;
  }

 private:
  std::size_t SkipNewlines(std::size_t pos) const {
    while (pos < in_.size() && (in_[pos] == '\r' || in_[pos] == '\n')) ++pos;
    return pos;
  }

  // The next "WARC/1." at the start of a line after `pos`, or the end.
  std::size_t NextRecordStart(std::size_t pos) const {
    while (true) {
      pos = in_.find(kMagic, pos + 1);
      if (pos == std::string_view::npos) return in_.size();
      if (in_[pos - 1] == '\n') return pos;
    }
  }

  void Truncated(std::size_t record, std::size_t start) {
    sink_->Warn(source_.path + ": truncated WARC record " + std::to_string(record) + " at byte " +
                std::to_string(start) + "; earlier records kept");
  }

  void HandleRecord(std::size_t record, const Headers& headers, std::string_view block) {
    const std::string_view type = Header(headers, "WARC-Type");
    Source sub;
    std::string_view uri = Header(headers, "WARC-Target-URI");
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
      uri = uri.substr(1, uri.size() - 2);  // WARC/1.0 drafts wrote <uri>
    }
    sub.url = lang::SanitizeUtf8(uri);
    sub.path =
        source_.path + "#" + (sub.url.empty() ? "record-" + std::to_string(record) : sub.url);
    sub.id = source_.id + "#record-" + std::to_string(record);
    const std::string_view date = Header(headers, "WARC-Date");
    if (date.size() >= 10 && IsValidIsoDate(date.substr(0, 10))) sub.date = date.substr(0, 10);

    if (EqualsI(type, "response")) {
      if (!HttpPayload(block, sub.path, &sub.content)) return;
    } else if (EqualsI(type, "resource") || EqualsI(type, "conversion")) {
      // The block is the document itself (conversion: the text of a WET file).
      if (block.empty() || !WantedMediaType(Header(headers, "Content-Type"), block)) return;
      sub.content.assign(block);
    } else {
      return;  // warcinfo, request, metadata, revisit, continuation
    }
    std::string err;
    if (!ReadSource(sub, options_, depth_ + 1, sink_, &err)) sink_->Warn(std::move(err));
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
    const std::string_view encoding = Trim(Header(headers, "Content-Encoding"));
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
    std::string problem;
    if (gzip) {
      problem = Inflate(data, 16 + MAX_WBITS, options_.max_member_bytes, body);
    } else {
      // "deflate" is meant to be zlib-wrapped, but servers also send raw deflate.
      problem = Inflate(data, MAX_WBITS, options_.max_member_bytes, body);
      if (!problem.empty() && body->empty()) {
        problem = Inflate(data, -MAX_WBITS, options_.max_member_bytes, body);
      }
    }
    if (body->size() > options_.max_member_bytes) {
      sink_->Warn(path + ": decompressed body over " +
                  std::to_string(options_.max_member_bytes >> 20) + " MB; skipped");
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
  const std::string_view in_;
  const ReadOptions& options_;
  const int depth_;
  ArticleSink* sink_;
  bool warned_garbage_ = false;
};

}  // namespace

bool ReadWarcSource(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink,
                    std::string* error) {
  WarcReader reader(source, options, depth, sink);
  return reader.Read(error);
}

}  // namespace concord::corpus
