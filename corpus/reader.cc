#include "corpus/reader.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "corpus/metadata.h"
#include "corpus/text_reader.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool EndsWithI(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The head without a UTF-8 BOM and leading whitespace, lower-cased: markup
// and JSON are recognised by how they start.
std::string MarkupHead(std::string_view head) {
  if (StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  return Lower(head.substr(i, 4096));
}

// Skips "<?xml ...?>", comments and doctype to the first element name.
std::string FirstElement(const std::string& h) {
  std::size_t i = 0;
  while (i < h.size()) {
    i = h.find('<', i);
    if (i == std::string::npos) return {};
    if (h.compare(i, 2, "<?") == 0 || h.compare(i, 2, "<!") == 0) {
      if (h.compare(i, 9, "<!doctype") == 0 && h.find("html", i) < h.find('>', i)) return "html";
      const std::size_t end = h.compare(i, 4, "<!--") == 0 ? h.find("-->", i) : h.find('>', i);
      if (end == std::string::npos) return {};
      i = end + 1;
      continue;
    }
    std::size_t j = i + 1;
    while (j < h.size() && (std::isalnum(static_cast<unsigned char>(h[j])) || h[j] == ':' ||
                            h[j] == '-' || h[j] == '_')) {
      ++j;
    }
    return h.substr(i + 1, j - i - 1);
  }
  return {};
}

bool LooksLikeJsonObjectLine(std::string_view head) {
  if (StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (i >= head.size() || head[i] != '{') return false;
  // A JSON object line has a quoted key next.
  ++i;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  return i < head.size() && (head[i] == '"' || head[i] == '}');
}

// Decompresses one or more concatenated gzip members. Stops at `limit`
// output bytes. Returns "" or the reason reading stopped early.
std::string Gunzip(std::string_view in, std::size_t limit, std::string* out,
                   std::size_t* consumed) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "zlib could not start";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT32_MAX));
  std::string problem;
  char buf[1 << 16];
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > limit) {
      out->resize(limit);
      problem = "decompressed data over the size limit; the rest is skipped";
      break;
    }
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // another gzip member follows (WARC.gz is one per record)
      continue;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      problem = "truncated gzip data";
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      problem = std::string("corrupt gzip data (") + (z.msg ? z.msg : "zlib error") + ")";
      break;
    }
  }
  *consumed = z.total_in;
  inflateEnd(&z);
  return problem;
}

// The file name a gzip wraps: "x.warc.gz" -> "x.warc".
std::string WithoutGz(const std::string& path) {
  if (EndsWithI(path, ".gz")) return path.substr(0, path.size() - 3);
  if (EndsWithI(path, ".tgz")) return path.substr(0, path.size() - 4) + ".tar";
  return path;
}

// Forwards to another sink after applying a text file's sidecar metadata,
// which may refer to articles by number, so it needs them all.
bool ReadTextFileWithSidecar(const Source& source, ArticleSink* sink, std::string* error) {
  ReadResult r = ReadTextBytes(source.path, source.id, source.content);
  for (std::string& w : r.warnings) sink->Warn(std::move(w));
  if (!r.ok()) {
    *error = r.error;
    return false;
  }
  std::vector<std::string> warnings;
  ApplySidecarFile(source.path, &r.articles, &warnings);
  for (std::string& w : warnings) sink->Warn(std::move(w));
  for (Article& a : r.articles) sink->Add(std::move(a));
  return true;
}

// Plain text too large to hold: read in parts of about `part` bytes, each cut
// after a paragraph (else a line) break, each its own document.
bool ReadHugeText(const std::string& path, std::uintmax_t size, const ReadOptions& options,
                  ArticleSink* sink, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open (" + std::strerror(errno) + ")";
    return false;
  }
  const std::string id = CanonicalId(path);
  std::string carry, block(options.text_part_bytes, '\0');
  std::size_t byte_offset = 0, cp_offset = 0, parts = 0;
  std::string first_title;
  bool eof = false;
  while ((!eof || !carry.empty()) && !sink->cancelled()) {
    if (!eof) {
      in.read(block.data(), static_cast<std::streamsize>(block.size()));
      carry.append(block.data(), static_cast<std::size_t>(in.gcount()));
      eof = !in;
    }
    std::size_t cut = carry.size();
    if (!eof) {
      std::size_t at = carry.rfind("\n\n");
      if (at == std::string::npos || at < carry.size() / 2) at = carry.rfind('\n');
      if (at != std::string::npos && at > 0) cut = at + 1;
    }
    // Never cut inside a UTF-8 sequence.
    while (cut < carry.size() && cut > 0 &&
           (static_cast<unsigned char>(carry[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    const std::string_view piece(carry.data(), cut);
    ++parts;
    if (byte_offset == 0 && StartsWith(piece, "\xEF\xBB\xBF")) {
      byte_offset = 3;
      cp_offset = 1;
    }
    const std::string_view body = byte_offset == 3 && parts == 1 ? piece.substr(3) : piece;
    std::vector<Article> found =
        SplitArticles(path, id + "#part-" + std::to_string(parts), body);
    if (!found.empty()) {
      Article a;
      a.path = path;
      a.id = id + "#part-" + std::to_string(parts);
      if (first_title.empty()) first_title = found.front().title;
      a.title = first_title.empty() ? "" : first_title + " (part " + std::to_string(parts) + ")";
      a.date = found.front().date;
      a.text.assign(body);
      a.byte_offset = byte_offset;
      a.cp_offset = cp_offset;
      sink->Add(std::move(a));
    }
    byte_offset += body.size();
    cp_offset += lang::CountCodePoints(body);
    carry.erase(0, cut);
    if (eof && cut == 0) break;
  }
  sink->Warn(path + ": " + std::to_string(size >> 20) + " MB of plain text, indexed as " +
             std::to_string(parts) + " parts of about " +
             std::to_string(options.text_part_bytes >> 20) + " MB");
  return true;
}

}  // namespace

const char* FormatName(Format format) {
  switch (format) {
    case Format::kText: return "text";
    case Format::kHtml: return "html";
    case Format::kFeed: return "feed";
    case Format::kJsonl: return "jsonl";
    case Format::kWarc: return "warc";
    case Format::kArchive: return "archive";
    case Format::kGzip: return "gzip";
    case Format::kBinary: return "binary";
  }
  return "unknown";
}

namespace {

// A tar header: the POSIX ("ustar\0" "00") or GNU ("ustar  \0") magic at
// byte 257 and a header checksum that adds up (the sum of the 512 header
// bytes with the checksum field read as spaces, stored in octal at 148). A
// text that happens to hold "ustar" at byte 257 ("trustar the") is not one.
bool LooksLikeTarHeader(std::string_view head) {
  if (head.size() < 512) return false;
  const bool posix = head.substr(257, 6) == std::string_view("ustar\0", 6) &&
                     head.substr(263, 2) == "00";
  const bool gnu = head.substr(257, 8) == std::string_view("ustar  \0", 8);
  if (!posix && !gnu) return false;
  unsigned long stored = 0;
  std::size_t i = 148;
  while (i < 156 && (head[i] == ' ' || head[i] == '\0')) ++i;
  std::size_t digits = 0;
  for (; i < 156 && head[i] >= '0' && head[i] <= '7'; ++i, ++digits) {
    stored = stored * 8 + static_cast<unsigned long>(head[i] - '0');
  }
  if (digits == 0) return false;
  unsigned long sum = 0;
  for (std::size_t k = 0; k < 512; ++k) {
    sum += (k >= 148 && k < 156) ? static_cast<unsigned long>(' ')
                                 : static_cast<unsigned char>(head[k]);
  }
  return sum == stored;
}

}  // namespace

Format SniffFormat(std::string_view head, std::string_view path) {
  // Magic numbers first.
  if (StartsWith(head, "\x1f\x8b")) {
    return EndsWithI(path, ".tar.gz") || EndsWithI(path, ".tgz") ? Format::kArchive
                                                                  : Format::kGzip;
  }
  if (StartsWith(head, "PK\x03\x04") || StartsWith(head, "PK\x05\x06")) return Format::kArchive;
  if (LooksLikeTarHeader(head)) return Format::kArchive;
  if (StartsWith(head, "WARC/")) return Format::kWarc;
  // bzip2 and xz: tar.bz2 / tar.xz bundles, which the archive reader opens.
  // ("BZh" and a block size digit: "BZhou said" is text.)
  if ((StartsWith(head, "BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') ||
      StartsWith(head, "\xFD" "7zXZ")) {
    return Format::kArchive;
  }
  if (StartsWith(head, "%PDF") ||
      StartsWith(head, "\x89PNG") || StartsWith(head, "\xFF\xD8\xFF")) {
    return Format::kBinary;
  }
  // Markup and JSON by how the text starts.
  const std::string h = MarkupHead(head);
  if (StartsWith(h, "<")) {
    const std::string root = FirstElement(h);
    if (root == "rss" || root == "feed" || root == "rdf:rdf" || root == "rdf") return Format::kFeed;
    if (root == "html" || root == "head" || root == "body" || root == "div" || root == "p" ||
        root == "meta" || root == "title" || root == "article") {
      return Format::kHtml;
    }
  }
  if (LooksLikeJsonObjectLine(head)) return Format::kJsonl;
  // Then the name.
  if (EndsWithI(path, ".html") || EndsWithI(path, ".htm") || EndsWithI(path, ".xhtml")) {
    return Format::kHtml;
  }
  if (EndsWithI(path, ".rss") || EndsWithI(path, ".atom")) return Format::kFeed;
  if (EndsWithI(path, ".jsonl") || EndsWithI(path, ".ndjson")) return Format::kJsonl;
  if (EndsWithI(path, ".warc")) return Format::kWarc;
  if (EndsWithI(path, ".zip") || EndsWithI(path, ".tar")) return Format::kArchive;
  return Format::kText;  // the text reader refuses binary content with a reason
}

bool ReadSource(const Source& source, const ReadOptions& options, int depth, ArticleSink* sink,
                std::string* error) {
  const Format format = SniffFormat(std::string_view(source.content).substr(0, kSniffBytes),
                                    source.path);
  switch (format) {
    case Format::kText: {
      ReadResult r = ReadTextBytes(source.path, source.id, source.content);
      for (std::string& w : r.warnings) sink->Warn(std::move(w));
      if (!r.ok()) {
        *error = r.error;
        return false;
      }
      for (Article& a : r.articles) {
        if (a.url.empty()) a.url = source.url;
        if (a.date.empty()) a.date = source.date;
        sink->Add(std::move(a));
      }
      return true;
    }
    case Format::kHtml: return ReadHtmlSource(source, sink, error);
    case Format::kFeed: return ReadFeedSource(source, sink, error);
    case Format::kJsonl: return ReadJsonlSource(source, options, sink, error);
    case Format::kWarc: return ReadWarcSource(source, options, depth, sink, error);
    case Format::kArchive: return ReadArchiveSource(source, options, depth, sink, error);
    case Format::kGzip: {
      if (depth >= options.max_archive_depth) {
        sink->Warn(source.path + ": compressed data nested too deeply; skipped");
        return true;
      }
      Source inner{WithoutGz(source.path), source.id, {}, source.url, source.date};
      std::size_t consumed = 0;
      const std::string problem =
          Gunzip(source.content, options.max_member_bytes, &inner.content, &consumed);
      if (!problem.empty()) {
        if (inner.content.empty()) {
          *error = source.path + ": " + problem;
          return false;
        }
        sink->Warn(source.path + ": " + problem + " at compressed byte " +
                   std::to_string(consumed) + "; what was decompressed is kept");
      }
      return ReadSource(inner, options, depth + 1, sink, error);
    }
    case Format::kBinary:
      *error = source.path + ": binary file, not indexed (not a supported format)";
      return false;
  }
  return false;
}

bool ReadTextSource(const Source& source, ArticleSink* sink, std::string* error) {
  return ReadTextFileWithSidecar(source, sink, error);
}

bool ReadFile(const std::string& path, const ReadOptions& options, ArticleSink* sink,
              std::string* error) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    *error = path + ": cannot read (" + (ec ? ec.message() : "no such file") + ")";
    return false;
  }
  if (!std::filesystem::is_regular_file(status)) {
    *error = path + ": not a regular file";
    return false;
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) {
    *error = path + ": cannot open (" + std::strerror(errno) + ")";
    return false;
  }
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const Format format = SniffFormat(head, path);
  if (format == Format::kText && size > options.huge_text_bytes) {
    return ReadHugeText(path, size, options, sink, error);
  }
  if (size > options.max_member_bytes && format != Format::kText) {
    *error = path + ": " + std::to_string(size >> 20) + " MB " + FormatName(format) +
             " file is over the " + std::to_string(options.max_member_bytes >> 20) +
             " MB limit for that format; not indexed";
    return false;
  }
  Source source{path, CanonicalId(path), std::move(head), {}, {}};
  source.content.reserve(static_cast<std::size_t>(size));
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    source.content.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = path + ": read error (" + std::strerror(errno) + ")";
    return false;
  }
  if (format == Format::kText) return ReadTextFileWithSidecar(source, sink, error);
  return ReadSource(source, options, 0, sink, error);
}

}  // namespace concord::corpus
