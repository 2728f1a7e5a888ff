#include "indexer/segment_writer.h"

#include <malloc.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "corpus/file_walker.h"
#include "corpus/text_reader.h"
#include "indexer/near_duplicate.h"
#include "indexer/update.h"
#include "store/errors.h"
#include "store/schema.h"
#include "store/segments.h"
#include "store/shards.h"

namespace concord::indexer {
namespace {

namespace fs = std::filesystem;

// The text a part of a run's new segment takes (before compaction merges the
// parts). Xapian's cost per document grows with the database it is added to.
constexpr std::uint64_t kPartBytes = std::uint64_t{64} << 20;

// Gives the heap glibc keeps after a part's threads end back to the system.
// Under a sanitizer the allocator is the sanitizer's: glibc's malloc_trim
// would set up glibc's own arenas from whichever thread calls it first, and a
// thread that ends afterwards trips glibc's arena accounting (seen as "malloc
// assertion failure in __malloc_arena_thread_freeres" under AddressSanitizer).
void ReleaseFreedHeap() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return;
#else
  malloc_trim(0);
#endif
#else
  malloc_trim(0);
#endif
}

void RemoveAll(const std::vector<std::string>& dirs) {
  std::error_code ec;
  for (const std::string& d : dirs) fs::remove_all(d, ec);
}

std::string InDir(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).string();
}

}  // namespace

Status UpdateSegments(const std::string& dir, const std::vector<IndexWriter*>& live,
                      const IndexWriterOptions& options, std::size_t builders,
                      std::size_t batch_bytes, const std::vector<std::string>& paths,
                      const UpdateOptions& update, UpdateReport* report, std::string* segment) {
  segment->clear();
  builders = std::max<std::size_t>(builders, 1);
  // Where each file goes, decided before the run: a file a live segment
  // holds stays there; the new ones, in path order, fill parts of about
  // kPartBytes each (at least one per builder), so no part's B-trees grow
  // large: Xapian's work per document grows with the database it goes into.
  std::unordered_map<std::string, std::size_t> route_of;
  std::vector<std::pair<std::string, std::uint64_t>> fresh;
  {
    std::vector<std::string> ignored;  // UpdatePaths walks again and reports them
    for (const std::string& f : corpus::ListTextFiles(paths, &ignored, {dir})) {
      std::string key = corpus::CanonicalId(f);
      if (route_of.count(key)) continue;
      std::size_t holder = live.size();
      for (std::size_t i = 0; i < live.size() && holder == live.size(); ++i) {
        if (live[i]->Holds(key)) holder = i;
      }
      if (holder < live.size()) {
        route_of.emplace(std::move(key), holder);
        continue;
      }
      struct stat st;
      const std::uint64_t size =
          ::stat(f.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
      route_of.emplace(key, live.size());  // a part, decided below
      fresh.emplace_back(std::move(key), size);
    }
  }
  std::sort(fresh.begin(), fresh.end());
  std::uint64_t total = 0;
  for (const auto& f : fresh) total += f.second;
  const std::size_t part_count = std::max<std::size_t>(
      builders, static_cast<std::size_t>((total + kPartBytes - 1) / kPartBytes));
  {
    const std::uint64_t share = total / part_count + 1;
    std::uint64_t filled_bytes = 0;
    for (const auto& [key, size] : fresh) {
      route_of[key] = live.size() + std::min<std::size_t>(filled_bytes / share, part_count - 1);
      filled_bytes += size;
    }
  }
  const std::size_t first = store::NextSegmentNumber(dir);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < part_count; ++i) {
    parts.push_back(InDir(dir, store::SegmentName(first + i)));
  }
  std::vector<std::string> filled;  // builders that recorded something
  {
    std::vector<std::unique_ptr<IndexWriter>> writers;
    std::vector<IndexWriter*> all = live;
    IndexWriterOptions create = options;
    create.create_if_missing = true;
    create.building_segment = true;
    for (const std::string& p : parts) {
      auto w = std::make_unique<IndexWriter>();
      Status error;
      if (!w->Open(p, create, &error)) {
        writers.clear();
        RemoveAll(parts);
        return error;
      }
      all.push_back(w.get());
      writers.push_back(std::move(w));
    }
    // A known file stays in its segment (also one stopped half-way or with a
    // refused document: its documents are replaced there, never doubled in
    // another); a new one goes to a builder.
    const Router route = [&](const std::string& key) {
      const auto known = route_of.find(key);
      if (known != route_of.end()) return known->second;
      for (std::size_t i = 0; i < live.size(); ++i) {  // appeared since
        if (live[i]->Holds(key)) return i;
      }
      return live.size() + store::ShardOf(key, part_count);
    };
    UpdateOptions u = update;
    u.threads = builders;
    // A part is closed as soon as it is written: its threads end, and the
    // memory they held goes back (glibc keeps a thread's arena until then).
    std::vector<char> has_content(writers.size(), 0);
    const auto finished = [&](std::size_t i) {
      if (i < live.size()) return;
      std::unique_ptr<IndexWriter>& w = writers[i - live.size()];
      has_content[i - live.size()] = w->doc_count() > 0 || !w->FileKeys().empty();
      w.reset();
      ReleaseFreedHeap();
    };
    Status s = UpdatePaths(all, dir, batch_bytes, paths, u, report, route, finished);
    for (std::size_t i = 0; s.ok() && i < writers.size(); ++i) {
      if (has_content[i]) filled.push_back(parts[i]);
    }
    writers.clear();
    if (!s.ok()) {
      RemoveAll(parts);
      return s;
    }
  }
  if (filled.empty()) {
    RemoveAll(parts);
    return Status();
  }
  const std::string name = store::SegmentName(first + part_count);
  if (Status s = FinishSegment(dir, live, filled, name); !s.ok()) {
    RemoveAll(parts);
    return s;
  }
  RemoveAll(parts);
  *segment = name;
  return Status();
}

Status FinishSegment(const std::string& dir, const std::vector<IndexWriter*>& live,
                     const std::vector<std::string>& parts, const std::string& name) {
  const std::string merged = InDir(dir, name);
  try {
    store::CompactDatabases(parts, merged);
    Xapian::Database older;
    for (const IndexWriter* w : live) older.add_database(Xapian::Database(w->path()));
    Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
    if (JoinClusters(live.empty() ? nullptr : &older, &db) > 0) db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(merged, ec);
    return store::XapianStatus(
        e, "cannot merge the new segments of " + dir + ": " + e.get_description());
  }
  std::string error;
  if (!store::SyncDirectory(merged, &error)) return Status(Code::kIo, error);
  // Complete: after a crash before the manifest lists it, it is kept.
  if (!store::MarkSegment(merged, schema::kSegmentNew, &error)) return Status(Code::kIo, error);
  return Status();
}

Status AdoptStoppedRun(const std::string& dir, const std::vector<IndexWriter*>& live,
                       const std::vector<std::string>& listed, std::string* adopted) {
  adopted->clear();
  std::size_t newest_listed = 0;
  for (const std::string& n : listed) {
    newest_listed = std::max(newest_listed, store::SegmentNumber(n));
  }
  // Only folders newer than every listed segment can be a stopped run's (a
  // merge's sources are older than its output, which the manifest lists).
  std::map<std::size_t, std::string> builders, finished;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::size_t number = store::SegmentNumber(name);
    if (number <= newest_listed) continue;
    // Read from the folder's mark file: a folder stopped while Xapian wrote
    // it (a merge's output) is never opened.
    const std::string mark = store::SegmentMark(it->path().string());
    if (mark == schema::kSegmentBuilding) builders.emplace(number, name);
    if (mark == schema::kSegmentNew) finished.emplace(number, name);
  }
  if (!finished.empty()) {
    *adopted = finished.rbegin()->second;  // its builders were merged into it
    return Status();
  }
  if (builders.empty()) return Status();
  std::vector<std::string> parts;
  for (const auto& [number, name] : builders) parts.push_back(InDir(dir, name));
  const std::string name = store::SegmentName(store::NextSegmentNumber(dir));
  if (Status s = FinishSegment(dir, live, parts, name); !s.ok()) return s;
  RemoveAll(parts);
  *adopted = name;
  return Status();
}

Status MergeSegments(const std::string& dir, const std::vector<std::string>& names,
                     std::string* merged) {
  const std::string name = store::SegmentName(store::NextSegmentNumber(dir));
  const std::string to = InDir(dir, name);
  std::vector<std::string> from;
  for (const std::string& n : names) from.push_back(InDir(dir, n));
  try {
    store::CompactDatabases(from, to);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(to, ec);
    return store::XapianStatus(e, "cannot merge segments of " + dir + ": " + e.get_description());
  }
  std::string error;
  if (!store::SyncDirectory(to, &error)) return Status(Code::kIo, error);
  *merged = name;
  return Status();
}

}  // namespace concord::indexer
