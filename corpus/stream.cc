#include "corpus/stream.h"

#include <zlib.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/parts.h"
#include "corpus/text_reader.h"
#include "lang/utf8.h"

namespace concord::corpus {

bool ReadHtmlPiece(const Source& source, ArticleSink* sink, std::string* error);  // html_reader.cc

Pull MemoryPull(std::string_view bytes) {
  return [bytes, offset = std::size_t{0}](char* buf, std::size_t n) mutable {
    const std::size_t got = std::min(n, bytes.size() - offset);
    std::copy_n(bytes.data() + offset, got, buf);
    offset += got;
    return got;
  };
}

struct GunzipStream::State {
  Pull compressed;
  z_stream z{};
  bool ok = false;
  bool done = false;
  bool in_member = true;              // inside a gzip member (its end not reached)
  const char* kind = "gzip";          // in messages: "gzip", or "compressed" (zlib, deflate)
  std::uint64_t consumed_before = 0;  // compressed bytes of the members before
  std::vector<char> in = std::vector<char>(1 << 16);
};

GunzipStream::GunzipStream(Pull compressed, int window_bits) : state_(new State) {
  state_->compressed = std::move(compressed);
  state_->ok = inflateInit2(&state_->z, window_bits) == Z_OK;
  if (window_bits != kGzipWindowBits) state_->kind = "compressed";
  if (!state_->ok) problem_ = "zlib could not start";
}

GunzipStream::~GunzipStream() {
  if (state_->ok) inflateEnd(&state_->z);
}

std::uint64_t GunzipStream::consumed() const {
  return state_->consumed_before + state_->z.total_in;
}

std::size_t GunzipStream::Read(char* buf, std::size_t n) {
  State& s = *state_;
  if (!s.ok || s.done || n == 0) return 0;
  z_stream& z = s.z;
  z.next_out = reinterpret_cast<Bytef*>(buf);
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
  const uInt wanted = z.avail_out;
  while (z.avail_out > 0 && !s.done) {
    if (z.avail_in == 0) {
      const std::size_t got = s.compressed(s.in.data(), s.in.size());
      if (got == 0) {
        if (s.in_member) problem_ = std::string("truncated ") + s.kind + " data";
        s.done = true;
        break;
      }
      z.next_in = reinterpret_cast<Bytef*>(s.in.data());
      z.avail_in = static_cast<uInt>(got);
    }
    const int rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      s.in_member = false;
      // Another gzip member may follow (WARC.gz is one per record, pigz);
      // anything else after a member (padding) is not data.
      if (z.avail_in == 0) {
        const std::size_t got = s.compressed(s.in.data(), s.in.size());
        if (got == 0) {
          s.done = true;
          break;
        }
        z.next_in = reinterpret_cast<Bytef*>(s.in.data());
        z.avail_in = static_cast<uInt>(got);
      }
      if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
        s.consumed_before += z.total_in;
        inflateReset(&z);
        s.in_member = true;
        continue;
      }
      s.done = true;
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) continue;  // needs more input
    if (rc != Z_OK) {
      problem_ =
          std::string("corrupt ") + s.kind + " data (" + (z.msg ? z.msg : "zlib error") + ")";
      s.done = true;
      break;
    }
  }
  return wanted - z.avail_out;
}

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kReadChunk = 1u << 20;

// Where an HTML piece ends: before the last tag that starts in its second
// half (libxml2 then parses each piece as a page of its own), else as text.
std::size_t HtmlCut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  for (std::size_t at = text.rfind('<', max); at != std::string_view::npos && at >= max / 2;
       at = at == 0 ? std::string_view::npos : text.rfind('<', at - 1)) {
    const unsigned char next = at + 1 < text.size() ? static_cast<unsigned char>(text[at + 1]) : 0;
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/') return at;
  }
  return PartCut(text, max);
}

// Appends up to `want` bytes from `pull`; false at the end of the stream.
bool Fill(const Pull& pull, std::size_t want, std::string* out) {
  while (want > 0) {
    const std::size_t have = out->size();
    const std::size_t ask = std::min(want, kReadChunk);
    out->resize(have + ask);
    const std::size_t got = pull(out->data() + have, ask);
    out->resize(have + got);
    if (got == 0) return false;
    want -= got;
  }
  return true;
}

// Gives each article of an HTML piece the title of the page's first piece
// and its part number.
class PieceTitles : public ArticleSink {
 public:
  PieceTitles(ArticleSink* out, std::string* first_title, std::size_t part)
      : out_(out), first_title_(first_title), part_(part) {}
  void Add(Article article) override {
    if (first_title_->empty()) *first_title_ = article.title;
    article.title =
        first_title_->empty() ? "" : *first_title_ + " (part " + std::to_string(part_) + ")";
    out_->Add(std::move(article));
  }
  void Warn(std::string message) override { out_->Warn(std::move(message)); }
  bool cancelled() const override { return out_->cancelled(); }

 private:
  ArticleSink* out_;
  std::string* first_title_;
  std::size_t part_;
};

bool EndsWithI(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// The file name a gzip wraps: "x.warc.gz" -> "x.warc", "x.tgz" -> "x.tar".
std::string WithoutGz(const std::string& path) {
  if (EndsWithI(path, ".gz")) return path.substr(0, path.size() - 3);
  if (EndsWithI(path, ".tgz")) return path.substr(0, path.size() - 4) + ".tar";
  return path;
}

std::string Megabytes(std::uint64_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MB"
                             : std::to_string(bytes) + " bytes";
}

}  // namespace

std::size_t ReadInPieces(const Source& meta, Format format, std::string head, const Pull& rest,
                         std::size_t piece_bytes, ArticleSink* sink) {
  const bool html = format == Format::kHtml;
  std::string carry = std::move(head);
  std::string first_title;
  std::size_t parts = 0, byte_offset = 0, cp_offset = 0;
  std::uint64_t total = 0;
  bool more = true;
  while (!sink->cancelled()) {
    if (more && carry.size() <= piece_bytes) {
      more = Fill(rest, piece_bytes + 1 - carry.size(), &carry);
    }
    if (carry.empty()) break;
    const std::size_t cut =
        !more && carry.size() <= piece_bytes
            ? carry.size()
            : (html ? HtmlCut(carry, piece_bytes) : PartCut(carry, piece_bytes));
    std::string_view piece(carry.data(), cut);
    ++parts;
    const std::string id = meta.id + "#part-" + std::to_string(parts);
    if (html) {
      Source source{meta.path, id, std::string(piece), meta.url, meta.date};
      PieceTitles titled(sink, &first_title, parts);
      std::string error;
      if (!ReadHtmlPiece(source, &titled, &error)) sink->Warn(std::move(error));
    } else {
      if (parts == 1 && piece.substr(0, 3) == "\xEF\xBB\xBF") {  // a BOM counts in offsets
        piece.remove_prefix(3);
        byte_offset = 3;
        cp_offset = 1;
      }
      // The title and date come from the top of a piece: its first lines.
      std::string_view top = piece.substr(0, 64 * 1024);
      if (top.size() < piece.size() && top.rfind('\n') != std::string_view::npos) {
        top = top.substr(0, top.rfind('\n') + 1);
      }
      std::vector<Article> found = SplitArticles(meta.path, id, top);
      if (!found.empty() || piece.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos) {
        if (first_title.empty() && !found.empty()) first_title = found.front().title;
        Article a;
        a.path = meta.path;
        a.id = id;
        a.title = first_title.empty() ? "" : first_title + " (part " + std::to_string(parts) + ")";
        a.date = found.empty() || found.front().date.empty() ? meta.date : found.front().date;
        a.url = meta.url;
        a.text.assign(piece);
        a.byte_offset = byte_offset;
        a.cp_offset = cp_offset;
        sink->Add(std::move(a));
      }
      byte_offset += piece.size();
      cp_offset += lang::CountCodePoints(piece);
    }
    total += cut;
    carry.erase(0, cut);
  }
  sink->Warn(meta.path + ": " + Megabytes(total) + (html ? " of HTML" : " of plain text") +
             ", indexed as " + std::to_string(parts) + " parts of about " + Megabytes(piece_bytes) +
             " each");
  return parts;
}

bool ReadHtml(const Source& source, ArticleSink* sink, std::string* error) {
  if (source.content.size() <= kHtmlInMemoryBytes) return ReadHtmlSource(source, sink, error);
  const Pull from_memory = MemoryPull(source.content);
  ReadInPieces(source, Format::kHtml, std::string(), from_memory, kHtmlPieceBytes, sink);
  return true;
}

bool ReadGzipStream(const Source& outer, const Pull& compressed, const ReadOptions& options,
                    int depth, ArticleSink* sink, std::string* error) {
  if (depth >= options.max_archive_depth) {
    sink->Warn(outer.path + ": compressed data nested too deeply; skipped");
    return true;
  }
  GunzipStream gunzip(compressed);
  const Pull decompressed = [&](char* buf, std::size_t n) { return gunzip.Read(buf, n); };
  Source inner{WithoutGz(outer.path), outer.id, {}, outer.url, outer.date};
  bool more = Fill(decompressed, kSniffBytes, &inner.content);
  const Format format = SniffFormat(inner.content, inner.path);
  const auto where = [&] {
    return outer.path + ": " + gunzip.problem() + " at compressed byte " +
           std::to_string(gunzip.consumed()) + "; what was decompressed is kept";
  };
  if (format == Format::kWarc || format == Format::kJsonl) {  // read as decompressed
    const bool ok =
        format == Format::kWarc
            ? ReadWarcStream(inner, std::move(inner.content), decompressed, options, depth + 1,
                             sink, error)
            : ReadJsonlStream(inner, std::move(inner.content), decompressed, options, sink, error);
    if (!gunzip.problem().empty()) sink->Warn(where());
    return ok;
  }
  const std::size_t in_memory = format == Format::kText   ? options.huge_text_bytes
                                : format == Format::kHtml ? kHtmlInMemoryBytes
                                                          : options.max_member_bytes;
  if (more && inner.content.size() <= in_memory) {
    more = Fill(decompressed, in_memory + 1 - inner.content.size(), &inner.content);
  }
  if (inner.content.size() > in_memory) {
    if (format == Format::kText || format == Format::kHtml) {
      ReadInPieces(inner, format, std::move(inner.content), decompressed,
                   format == Format::kText ? options.text_part_bytes : kHtmlPieceBytes, sink);
      if (!gunzip.problem().empty()) sink->Warn(where());
      return true;
    }
    inner.content.resize(in_memory);
    sink->Warn(outer.path + ": decompressed " + FormatName(format) + " data over the " +
               Megabytes(in_memory) + " limit for that format; the rest is skipped");
  } else if (!gunzip.problem().empty()) {
    if (inner.content.empty()) {
      *error = outer.path + ": " + gunzip.problem();
      return false;
    }
    sink->Warn(where());
  }
  return ReadSource(inner, options, depth + 1, sink, error);
}

}  // namespace concord::corpus
