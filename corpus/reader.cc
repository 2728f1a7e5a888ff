#include "corpus/reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "corpus/metadata.h"
#include "corpus/stream.h"
#include "corpus/text_reader.h"
#include "lang/ascii.h"
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

// The head without a UTF-8 BOM and leading whitespace, lower-cased: markup
// and JSON are recognised by how they start.
std::string MarkupHead(std::string_view head) {
  if (StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  return lang::LowerAscii(head.substr(i, 4096));
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

// False (with *error) when reading `in` failed rather than ended.
bool ReadErrorAfter(const std::ifstream& in, const std::string& path, std::string* error) {
  if (!in.bad()) return true;
  *error = path + ": read error (" + std::strerror(errno) + "); what was read before it is kept";
  return false;
}

}  // namespace

const char* FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kFeed:
      return "feed";
    case Format::kJsonl:
      return "jsonl";
    case Format::kWarc:
      return "warc";
    case Format::kArchive:
      return "archive";
    case Format::kGzip:
      return "gzip";
    case Format::kBinary:
      return "binary";
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
  const bool posix =
      head.substr(257, 6) == std::string_view("ustar\0", 6) && head.substr(263, 2) == "00";
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
    return EndsWithI(path, ".tar.gz") || EndsWithI(path, ".tgz") ? Format::kArchive : Format::kGzip;
  }
  if (StartsWith(head, "PK\x03\x04") || StartsWith(head, "PK\x05\x06")) return Format::kArchive;
  if (LooksLikeTarHeader(head)) return Format::kArchive;
  if (StartsWith(head, "WARC/")) return Format::kWarc;
  // bzip2 and xz: tar.bz2 / tar.xz bundles, which the archive reader opens.
  // ("BZh" and a block size digit: "BZhou said" is text.)
  if ((StartsWith(head, "BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') ||
      StartsWith(head,
                 "\xFD"
                 "7zXZ")) {
    return Format::kArchive;
  }
  if (StartsWith(head, "%PDF") || StartsWith(head, "\x89PNG") || StartsWith(head, "\xFF\xD8\xFF")) {
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
  const Format format =
      SniffFormat(std::string_view(source.content).substr(0, kSniffBytes), source.path);
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
    case Format::kHtml:
      return ReadHtml(source, sink, error);
    case Format::kFeed:
      return ReadFeedSource(source, sink, error);
    case Format::kJsonl:
      return ReadJsonlSource(source, options, sink, error);
    case Format::kWarc:
      return ReadWarcSource(source, options, depth, sink, error);
    case Format::kArchive:
      return ReadArchiveSource(source, options, depth, sink, error);
    case Format::kGzip: {
      return ReadGzipStream(source, MemoryPull(source.content), options, depth, sink, error);
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
  // Read as a stream, in bounded memory: huge text and HTML in pieces, gzip
  // as it is decompressed.
  const Source meta{path, CanonicalId(path), {}, {}, {}};
  const Pull from_file = [&in](char* buf, std::size_t n) -> std::size_t {
    if (!in) return 0;
    in.read(buf, static_cast<std::streamsize>(n));
    return static_cast<std::size_t>(in.gcount());
  };
  if (format == Format::kText && size > options.huge_text_bytes) {
    ReadInPieces(meta, format, std::move(head), from_file, options.text_part_bytes, sink);
    return ReadErrorAfter(in, path, error);
  }
  if (format == Format::kHtml && size > kHtmlInMemoryBytes) {
    ReadInPieces(meta, format, std::move(head), from_file, kHtmlPieceBytes, sink);
    return ReadErrorAfter(in, path, error);
  }
  if (format == Format::kWarc) {
    if (!ReadWarcStream(meta, std::move(head), from_file, options, 0, sink, error)) return false;
    return ReadErrorAfter(in, path, error);
  }
  if (format == Format::kArchive) return ReadArchiveFile(meta, path, options, sink, error);
  if (format == Format::kJsonl) {
    if (!ReadJsonlStream(meta, std::move(head), from_file, options, sink, error)) return false;
    return ReadErrorAfter(in, path, error);
  }
  if (format == Format::kGzip) {
    std::size_t given = 0;  // of the head, which was read already
    const Pull head_then_file = [&](char* buf, std::size_t n) -> std::size_t {
      if (given < head.size()) {
        const std::size_t got = std::min(n, head.size() - given);
        std::copy_n(head.data() + given, got, buf);
        given += got;
        return got;
      }
      return from_file(buf, n);
    };
    if (!ReadGzipStream(meta, head_then_file, options, 0, sink, error)) return false;
    return ReadErrorAfter(in, path, error);
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
