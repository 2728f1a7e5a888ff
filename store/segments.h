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
// Today a database has one live segment, written in place by later runs; a
// bulk run into an empty database builds several segments in parallel and
// merges them into a new one (indexer/bulk.h).
namespace concord::store {

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

// Merges databases into a new one at `to` with Xapian's compaction: terms,
// positions and values are copied as compact blocks (about half the size of
// a database written piecemeal), document ids renumbered in source order.
// Metadata: languages united, shard places dropped, file records kept (each
// file is in one source), differing dictionary hashes become "mixed" (search
// then asks for a re-tag). Xapian errors propagate.
void CompactDatabases(const std::vector<std::string>& from, const std::string& to);

}  // namespace concord::store

#endif  // CONCORD_STORE_SEGMENTS_H_
