#ifndef CONCORD_STORE_SEGMENTS_H_
#define CONCORD_STORE_SEGMENTS_H_

#include <cstddef>
#include <string>
#include <vector>

// Segmented databases (docs/architecture.md, "Segments"): a database
// directory DIR holds its documents in segments DIR/seg-000001, ..., each an
// ordinary concord database, and a manifest, DIR/XAPIANDB: a Xapian stub
// file listing the live segments ("auto seg-000007"), so that Xapian, its
// tools and concord-search open DIR as the segments it lists. The manifest
// is replaced atomically (written beside, flushed to disk, renamed), so
// readers and a crash always see a whole set; a segment it does not list is
// unfinished or retired, and the next writer removes it.
//
// Each run adds the new files it finds as one new segment, built by several
// writers in parallel and merged (indexer/segment_writer.h); a file already
// indexed is updated in the segment that holds its record. A tiered policy
// (PlanMerges) merges segments of similar size, so their number stays
// logarithmic in the size of the archive. Only the holder of the directory
// lock (DirectoryLock) changes the manifest.
namespace concord::store {

constexpr const char* kDirectoryLockName = "concord.lock";

// "seg-000007".
std::string SegmentName(std::size_t number);
// 7 for "seg-000007"; 0 for any other name.
std::size_t SegmentNumber(const std::string& name);

// The live segments listed by DIR's manifest, as paths; empty when DIR is
// not a segmented database (a plain database, a sharded one, or nothing).
std::vector<std::string> LiveSegments(const std::string& dir);

// True when DIR is missing, an empty directory, or holds segment folders
// only (a creation that stopped before writing its manifest): a new
// database there is created segmented.
bool IsNewDatabaseDirectory(const std::string& dir);

// The number after every segment folder in DIR, live or not.
std::size_t NextSegmentNumber(const std::string& dir);

// Replaces DIR's manifest with one listing `segments` (names inside DIR),
// durably: the new file is flushed, renamed over the old one and the
// directory flushed. False with *error naming the file.
bool WriteManifest(const std::string& dir, const std::vector<std::string>& segments,
                   std::string* error);

// Removes every segment folder of DIR the manifest does not list (left by a
// run that stopped before its merge, or retired by one). Call only while
// holding the write lock of a live segment. Returns how many were removed.
std::size_t RemoveUnlistedSegments(const std::string& dir);

// Flushes every file of a database directory and the directory itself, so a
// manifest never lists a segment whose blocks are still in memory.
bool SyncDirectory(const std::string& dir, std::string* error);

// The write lock of a segmented database: an advisory lock (flock) on
// DIR/concord.lock, held from Acquire until destruction (or the process's
// end, even a kill).
class DirectoryLock {
 public:
  DirectoryLock() = default;
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  // False with *error when another process holds it (*busy set) or the lock
  // file cannot be made.
  bool Acquire(const std::string& dir, bool* busy, std::string* error);

 private:
  int fd_ = -1;
};

// The tiered merge policy. `documents`: the live segments' sizes, oldest
// first. A segment's tier is 0 under kTierBase documents, else 1 +
// floor(log_kMergeFactor(documents / kTierBase)); the first tier holding
// kMergeFactor segments or more is returned (their indexes, ascending), to be
// merged into one; empty when none is. Applied until empty, it leaves at
// most kMergeFactor - 1 segments per tier: a logarithmic count. A document
// is merged about once per tier it climbs; below kTierBase (the floor, as in
// Lucene's tiered policy) small runs merge the lowest tier again every few
// runs, at most kTierBase documents at a time.
constexpr std::size_t kMergeFactor = 4;
constexpr std::size_t kTierBase = 2000;
std::vector<std::size_t> PlanMerge(const std::vector<std::size_t>& documents);

// What a segment folder is to the run that made it, in a small file beside
// Xapian's (DIR/seg-N/concord.segment, flushed to disk): schema::kSegmentBuilding
// in a builder once it exists, schema::kSegmentNew in a run's finished segment.
// Read after a crash without opening the database (a folder stopped while
// Xapian wrote it is never opened). "" when absent.
bool MarkSegment(const std::string& segment, const std::string& mark, std::string* error);
std::string SegmentMark(const std::string& segment);

// Merges databases into a new one at `to` with Xapian's compaction: terms,
// positions and values are copied as compact blocks (about half the size of
// a database written piecemeal), document ids renumbered in source order.
// Metadata: languages united, shard places dropped, file records kept (each
// file is in one source), differing dictionary hashes become "mixed" (search
// then asks for a re-tag). Xapian errors propagate.
void CompactDatabases(const std::vector<std::string>& from, const std::string& to);

}  // namespace concord::store

#endif  // CONCORD_STORE_SEGMENTS_H_
