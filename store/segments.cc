#include "store/segments.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "store/schema.h"
#include "store/shards.h"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSegmentPrefix = "seg-";

bool SyncPath(const fs::path& p, bool directory, std::string* error) {
  const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    *error = "cannot flush " + p.string() + " to disk: " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

// The metadata of merged databases (see CompactDatabases).
class MetadataMerger : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& stored_key, std::size_t num_tags,
                                         const std::string tags[]) override {
    // Xapian 1.4 passes the key as its table stores it, after a two-byte
    // marker ("\0\xc0") that sets user metadata apart.
    std::string key = stored_key;
    if (key.size() >= 2 && key[0] == '\0' && static_cast<unsigned char>(key[1]) == 0xc0) {
      key.erase(0, 2);
    }
    if (key == schema::kMetaShards || key == schema::kMetaShard || key == schema::kMetaSegment) {
      return std::string();
    }
    if (key == schema::kMetaLanguages) {
      std::set<std::string> codes;
      for (std::size_t i = 0; i < num_tags; ++i) {
        std::stringstream in(tags[i]);
        for (std::string code; std::getline(in, code, ',');) {
          if (!code.empty()) codes.insert(code);
        }
      }
      std::string out;
      for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
      return out;
    }
    if (key == schema::kMetaEntitiesHash) {
      for (std::size_t i = 1; i < num_tags; ++i) {
        if (tags[i] != tags[0]) return "mixed";
      }
    }
    return tags[0];
  }
};

}  // namespace

std::string SegmentName(std::size_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%06zu", number);
  return buf;
}

std::size_t SegmentNumber(const std::string& name) {
  const std::size_t n = std::strlen(kSegmentPrefix);
  if (name.size() <= n || name.compare(0, n, kSegmentPrefix) != 0) return 0;
  for (std::size_t i = n; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
  }
  return std::strtoul(name.c_str() + n, nullptr, 10);
}

std::vector<std::string> LiveSegments(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path stub = fs::path(dir) / kStubFileName;
  if (fs::exists(fs::path(dir) / "iamglass", ec) || !fs::is_regular_file(stub, ec)) return out;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    // Only "auto seg-NNNNNN" lines: a stub listing anything else (shards,
    // remote servers) is not a segmented database.
    if (line.compare(0, 5, "auto ") != 0 || SegmentNumber(line.substr(5)) == 0) return {};
    out.push_back((fs::path(dir) / line.substr(5)).string());
  }
  return out;
}

bool IsNewDatabaseDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  // Segment folders alone: a creation that stopped before its manifest.
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (SegmentNumber(name) == 0 && name != kDirectoryLockName) return false;
  }
  return !ec;
}

std::size_t NextSegmentNumber(const std::string& dir) {
  std::size_t last = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    last = std::max(last, SegmentNumber(it->path().filename().string()));
  }
  return last + 1;
}

bool WriteManifest(const std::string& dir, const std::vector<std::string>& segments,
                   std::string* error) {
  std::string text =
      "# Written by concord-index: the live segments of this database, searched as one.\n"
      "# Xapian opens this directory through this file; see docs/architecture.md.\n";
  for (const std::string& s : segments) text += "auto " + s + "\n";
  const fs::path stub = fs::path(dir) / kStubFileName;
  const fs::path tmp = fs::path(dir) / (std::string(kStubFileName) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      *error = "cannot write " + tmp.string();
      return false;
    }
  }
  if (!SyncPath(tmp, false, error)) return false;
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) {
    *error = "cannot write " + stub.string() + ": " + ec.message();
    return false;
  }
  return SyncPath(dir, true, error);
}

std::size_t RemoveUnlistedSegments(const std::string& dir) {
  std::set<std::string> live;
  for (const std::string& p : LiveSegments(dir)) live.insert(fs::path(p).filename().string());
  if (live.empty()) return 0;  // not segmented, or an unreadable manifest: touch nothing
  std::vector<fs::path> gone;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (SegmentNumber(name) != 0 && !live.count(name)) gone.push_back(it->path());
  }
  std::size_t removed = 0;
  for (const fs::path& p : gone) {
    if (fs::remove_all(p, ec) != static_cast<std::uintmax_t>(-1) && !ec) ++removed;
  }
  return removed;
}

bool SyncDirectory(const std::string& dir, std::string* error) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && !SyncPath(it->path(), false, error)) return false;
  }
  if (ec) {
    *error = "cannot list " + dir + ": " + ec.message();
    return false;
  }
  return SyncPath(dir, true, error);
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

bool DirectoryLock::Acquire(const std::string& dir, bool* busy, std::string* error) {
  *busy = false;
  const std::string path = (fs::path(dir) / kDirectoryLockName).string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    *busy = errno == EWOULDBLOCK;
    *error = *busy ? "another concord-index is writing it"
                   : "cannot lock " + path + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  return true;
}

bool MarkSegment(const std::string& segment, const std::string& mark, std::string* error) {
  const fs::path file = fs::path(segment) / schema::kMetaSegment;
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << mark;
    if (!out.flush()) {
      *error = "cannot write " + file.string();
      return false;
    }
  }
  return SyncPath(file, false, error);
}

std::string SegmentMark(const std::string& segment) {
  std::ifstream in(fs::path(segment) / schema::kMetaSegment, std::ios::binary);
  std::string mark;
  std::getline(in, mark);
  return mark;
}

std::vector<std::size_t> PlanMerge(const std::vector<std::size_t>& documents) {
  std::vector<std::vector<std::size_t>> tiers;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    std::size_t tier = 0;
    for (std::size_t bound = kTierBase; documents[i] >= bound; bound *= kMergeFactor) ++tier;
    if (tiers.size() <= tier) tiers.resize(tier + 1);
    tiers[tier].push_back(i);
  }
  for (const std::vector<std::size_t>& t : tiers) {
    if (t.size() >= kMergeFactor) return t;
  }
  return {};
}

void CompactDatabases(const std::vector<std::string>& from, const std::string& to) {
  Xapian::Database all;
  for (const std::string& p : from) all.add_database(Xapian::Database(p));
  MetadataMerger merger;
  all.compact(to, from.size() > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0, 0, merger);
  // A single source has no duplicates to resolve: its place goes here, and
  // the output is no builder's or run's segment (schema::kMetaSegment).
  Xapian::WritableDatabase out(to, Xapian::DB_OPEN);
  if (!out.get_metadata(schema::kMetaShards).empty() ||
      !out.get_metadata(schema::kMetaSegment).empty()) {
    out.set_metadata(schema::kMetaShards, std::string());
    out.set_metadata(schema::kMetaShard, std::string());
    out.set_metadata(schema::kMetaSegment, std::string());
    out.commit();
  }
}

}  // namespace concord::store
