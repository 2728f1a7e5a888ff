// tar (plain or compressed) and zip archives, read from memory with
// libarchive: every regular member is handed to ReadSource.

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "corpus/reader.h"
#include "corpus/stream.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveFree>;

constexpr std::size_t kReadBlock = 1 << 16;
constexpr std::size_t kSniffBytes = 64 * 1024;  // enough to tell a member's format
// A header may announce any size; memory is reserved for at most this much up
// front and grows with what is actually read.
constexpr std::size_t kMaxReserve = 16u << 20;

std::string LibarchiveMessage(struct archive* a) {
  const char* s = archive_error_string(a);
  return lang::SanitizeUtf8(s != nullptr && *s != '\0' ? s : "unknown error");
}

std::string SizeText(std::size_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  return std::to_string(bytes >> 20) + " MB";
}

// "./a/b.html" and "/a/b.html" name the same member as "a/b.html".
std::string_view Normalize(std::string_view name) {
  while (true) {
    if (name.substr(0, 2) == "./") {
      name.remove_prefix(2);
    } else if (!name.empty() && name.front() == '/') {
      name.remove_prefix(1);
    } else {
      return name;
    }
  }
}

// Hidden members (any component starting with '.', which also covers "..")
// and the resource forks macOS adds to zips are not documents.
bool Skipped(std::string_view name) {
  if (name.substr(0, 9) == "__MACOSX/" || name == "__MACOSX") return true;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (end > start && name[start] == '.') return true;
    start = end + 1;
  }
  return false;
}

// Feeds libarchive from a Pull (a gzip stream decompressed with zlib, so
// that every complete member before damage reaches the tar reader:
// libarchive's own gzip filter drops the block it was decoding when the
// input ends early).
class PullFeed {
 public:
  explicit PullFeed(const Pull& pull) : pull_(pull), buf_(kReadBlock, '\0') {}
  static la_ssize_t Read(struct archive*, void* self, const void** buffer) {
    auto* feed = static_cast<PullFeed*>(self);
    *buffer = feed->buf_.data();
    return static_cast<la_ssize_t>(feed->pull_(feed->buf_.data(), feed->buf_.size()));
  }

 private:
  const Pull& pull_;
  std::string buf_;
};

// libarchive converts member names to the charset of the locale, and under
// the "C" locale a zip's UTF-8 names cannot be converted and come back null.
// A UTF-8 locale for the calling thread only (uselocale), while libarchive
// runs, keeps them; raw names (tar, legacy zip) are not converted either way.
class Utf8Locale {
 public:
  Utf8Locale() {
    if (Get() != static_cast<locale_t>(0)) previous_ = uselocale(Get());
  }
  ~Utf8Locale() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  Utf8Locale(const Utf8Locale&) = delete;
  Utf8Locale& operator=(const Utf8Locale&) = delete;

 private:
  static locale_t Get() {
    static const locale_t utf8 = [] {
      locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
      if (l == static_cast<locale_t>(0)) {
        l = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", static_cast<locale_t>(0));
      }
      return l;  // kept for the life of the process
    }();
    return utf8;
  }

  locale_t previous_ = static_cast<locale_t>(0);
};

class ArchiveReader {
 public:
  // `file`: read from that file (streamed) rather than from source.content.
  ArchiveReader(const Source& source, const std::string* file, const ReadOptions& options,
                int depth, ArticleSink* sink)
      : source_(source), file_(file), options_(options), depth_(depth), sink_(sink) {}

  bool Read(std::string* error) {
    if (depth_ >= options_.max_archive_depth) {
      sink_->Warn(source_.path + ": archive nested too deeply; skipped");
      return true;
    }
    // Declared first: they must outlive the archive.
    std::ifstream in;
    std::size_t offset = 0;
    const Pull raw = [&](char* buf, std::size_t n) -> std::size_t {
      if (file_ != nullptr) {
        if (!in) return 0;
        in.read(buf, static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(in.gcount());
      }
      const std::size_t got = std::min(n, source_.content.size() - offset);
      std::copy_n(source_.content.data() + offset, got, buf);
      offset += got;
      return got;
    };
    std::unique_ptr<GunzipStream> gzip;
    const Pull unzipped = [&](char* buf, std::size_t n) { return gzip->Read(buf, n); };
    PullFeed feed(unzipped);
    char magic[2] = {0, 0};
    if (file_ != nullptr) {
      in.open(*file_, std::ios::binary);
      in.read(magic, 2);
      in.clear();
      in.seekg(0);
    } else {
      std::copy_n(source_.content.data(), std::min<std::size_t>(2, source_.content.size()), magic);
    }
    ArchivePtr a(archive_read_new());
    if (!a) {
      *error = source_.path + ": not a readable archive (libarchive could not start)";
      return false;
    }
    // Named filters rather than archive_read_support_filter_all(): that one
    // also registers filters which run external programs (lrzip, lzop, grzip).
    archive_read_support_filter_gzip(a.get());
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_xz(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_format_zip(a.get());
    int opened;
    {
      Utf8Locale utf8;
      if (magic[0] == '\x1f' && magic[1] == '\x8b') {  // tar.gz: streamed through zlib
        gzip = std::make_unique<GunzipStream>(raw);
        gzip_ = gzip.get();
        opened = archive_read_open(a.get(), &feed, nullptr, &PullFeed::Read, nullptr);
      } else if (file_ != nullptr) {  // zip needs seeking: libarchive reads the file itself
        opened = archive_read_open_filename(a.get(), file_->c_str(), kReadBlock);
      } else {
        opened = archive_read_open_memory(a.get(), source_.content.data(), source_.content.size());
      }
    }
    if (opened != ARCHIVE_OK) {
      *error = source_.path + ": not a readable archive (" + Message(a.get()) + ")";
      return false;
    }
    bool any_header = false;
    bool more = true;
    while (more && !sink_->cancelled()) {
      Member info;
      {
        Utf8Locale utf8;  // names are converted as they are read
        struct archive_entry* entry = nullptr;
        const int rc = archive_read_next_header(a.get(), &entry);
        if (rc == ARCHIVE_EOF) break;
        if (rc < ARCHIVE_WARN) {  // FAILED or FATAL; RETRY could loop forever
          if (!any_header) {
            *error = source_.path + ": not a readable archive (" + Message(a.get()) + ")";
            return false;
          }
          Damaged(a.get());
          break;
        }
        any_header = true;  // ARCHIVE_WARN: e.g. a name that could not be converted
        ++members_;
        info.regular =
            archive_entry_filetype(entry) == AE_IFREG && archive_entry_hardlink(entry) == nullptr;
        const char* name = archive_entry_pathname(entry);
        info.named = name != nullptr;
        if (name != nullptr) info.name = name;
        info.encrypted = archive_entry_is_encrypted(entry);
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0) {
          info.size = static_cast<std::uint64_t>(archive_entry_size(entry));
        }
      }
      // Outside the locale scope: the readers of members run as they would anyway.
      std::optional<Source> member;
      more = ExtractMember(a.get(), info, &member);
      std::string err;
      if (member && !ReadSource(*member, options_, depth_ + 1, sink_, &err)) {
        sink_->Warn(std::move(err));
      }
    }
    return true;
  }

 private:
  // What a header says of a member.
  struct Member {
    bool regular = false;  // a file with data of its own
    bool named = false;
    std::string name;
    bool encrypted = false;
    std::optional<std::uint64_t> size;
  };

  // The root cause first: a gzip problem makes the tar reader fail too.
  std::string Message(struct archive* a) const {
    if (gzip_ != nullptr && !gzip_->problem().empty()) return gzip_->problem();
    return LibarchiveMessage(a);
  }

  void Damaged(struct archive* a) {
    sink_->Warn(source_.path + ": damaged archive (" + Message(a) +
                "); members read before the damage are kept");
  }

  // Reads the current member into *out when it is a document to read, or
  // reads it in pieces itself when it is text or HTML too large to hold (and
  // a gzip member as it is decompressed). False when the archive cannot be
  // read any further.
  bool ExtractMember(struct archive* a, const Member& info, std::optional<Source>* out) {
    if (!info.regular)
      return true;  // directories, links, devices; a hard link's data is its target's
    std::string fallback;
    if (!info.named) {
      fallback = "member-" + std::to_string(members_);
      sink_->Warn(source_.path + ": the name of member " + std::to_string(members_) +
                  " cannot be read; it is read as " + fallback);
    }
    const std::string_view name = Normalize(info.named ? info.name : fallback);
    if (name.empty() || Skipped(name)) return true;

    // Raw bytes in the id (stable, unique), valid UTF-8 in what users see.
    Source member;
    member.path = source_.path + "!" + lang::SanitizeUtf8(name);
    member.id = source_.id + "!" + std::string(name);
    const int seen = ++seen_names_[std::string(name)];
    if (seen > 1) member.id += "~" + std::to_string(seen);  // a tar may hold a name twice

    if (info.encrypted) {
      sink_->Warn(member.path + ": encrypted; skipped");
      return true;
    }
    // The first bytes decide the format, and with it how much may be held.
    bool failed = false, fatal = false;
    const Pull data = [&](char* buf, std::size_t n) -> std::size_t {
      if (failed) return 0;
      const la_ssize_t got = archive_read_data(a, buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      failed = true;
      fatal = got == ARCHIVE_FATAL;
      return 0;
    };
    const auto read_up_to = [&](std::size_t limit) {  // true: more data follows
      while (member.content.size() <= limit) {
        const std::size_t have = member.content.size();
        const std::size_t ask = std::min<std::size_t>(kReadBlock, limit + 1 - have);
        member.content.resize(have + ask);
        const std::size_t got = data(member.content.data() + have, ask);
        member.content.resize(have + got);
        if (got == 0) return false;
      }
      return true;
    };
    if (info.size && *info.size > 0) {
      member.content.reserve(std::min<std::size_t>(static_cast<std::size_t>(*info.size),
                                                   std::min(kMaxReserve, kSniffBytes)));
    }
    bool more = read_up_to(kSniffBytes);
    const Format format = failed ? Format::kBinary : SniffFormat(member.content, member.path);
    if (!failed && format == Format::kGzip) {
      std::size_t given = 0;
      const Pull head_then_data = [&](char* buf, std::size_t n) -> std::size_t {
        if (given < member.content.size()) {
          const std::size_t got = std::min(n, member.content.size() - given);
          std::copy_n(member.content.data() + given, got, buf);
          given += got;
          return got;
        }
        return more ? data(buf, n) : 0;
      };
      std::string err;
      if (!ReadGzipStream(member, head_then_data, options_, depth_ + 1, sink_, &err)) {
        sink_->Warn(std::move(err));
      }
      return AfterData(a, member.path, failed, fatal);
    }
    if (!failed && (format == Format::kWarc || format == Format::kJsonl)) {  // as they stream
      std::string err;
      const bool ok =
          format == Format::kWarc
              ? ReadWarcStream(member, std::move(member.content), data, options_, depth_ + 1, sink_,
                               &err)
              : ReadJsonlStream(member, std::move(member.content), data, options_, sink_, &err);
      if (!ok) sink_->Warn(std::move(err));
      return AfterData(a, member.path, failed, fatal);
    }
    const std::size_t in_memory = format == Format::kText   ? options_.huge_text_bytes
                                  : format == Format::kHtml ? kHtmlInMemoryBytes
                                                            : options_.max_member_bytes;
    const bool pieces = format == Format::kText || format == Format::kHtml;
    if (!failed && !pieces && info.size && *info.size > in_memory) {
      TooLarge(member.path, static_cast<std::size_t>(*info.size), true);
      return true;  // the next header read skips the data
    }
    if (more) read_up_to(in_memory);
    if (!failed && member.content.size() > in_memory) {
      if (pieces) {
        ReadInPieces(member, format, std::move(member.content), data,
                     format == Format::kText ? options_.text_part_bytes : kHtmlPieceBytes, sink_);
        return AfterData(a, member.path, failed, fatal);
      }
      TooLarge(member.path, member.content.size(), false);
      return true;
    }
    if (failed) return AfterData(a, member.path, failed, fatal);
    *out = std::move(member);
    return true;
  }

  // After a member's data: whether reading it failed, and how badly.
  bool AfterData(struct archive* a, const std::string& path, bool failed, bool fatal) {
    if (!failed) return true;
    if (fatal) {
      Damaged(a);
      return false;
    }
    sink_->Warn(path + ": cannot be read (" + Message(a) + "); what was read of it is kept");
    return true;
  }

  void TooLarge(const std::string& path, std::size_t size, bool exact) {
    const std::string limit = SizeText(options_.max_member_bytes);
    sink_->Warn(
        path + ": too large (" +
        (exact ? SizeText(size) + " > " + limit + " limit" : "over the " + limit + " limit") +
        "); skipped");
  }

  const Source& source_;
  const std::string* file_;
  const ReadOptions& options_;
  const int depth_;
  ArticleSink* sink_;
  std::unordered_map<std::string, int> seen_names_;
  const GunzipStream* gzip_ = nullptr;  // when the archive is gzip-compressed
  std::size_t members_ = 0;             // entries seen so far
};

}  // namespace

bool ReadArchiveSource(const Source& source, const ReadOptions& options, int depth,
                       ArticleSink* sink, std::string* error) {
  ArchiveReader reader(source, nullptr, options, depth, sink);
  return reader.Read(error);
}

bool ReadArchiveFile(const Source& meta, const std::string& file, const ReadOptions& options,
                     ArticleSink* sink, std::string* error) {
  ArchiveReader reader(meta, &file, options, 0, sink);
  return reader.Read(error);
}

}  // namespace concord::corpus
