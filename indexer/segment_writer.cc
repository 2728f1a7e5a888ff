#include "indexer/segment_writer.h"

#include <xapian.h>

#include <filesystem>
#include <memory>

#include "indexer/near_duplicate.h"
#include "indexer/update.h"
#include "store/errors.h"
#include "store/segments.h"
#include "store/shards.h"

namespace concord::indexer {
namespace {

namespace fs = std::filesystem;

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
  const std::size_t first = store::NextSegmentNumber(dir);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < builders; ++i) {
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
    // A known file stays in its segment; a new one goes to a builder.
    const Router route = [&](const std::string& key) {
      FileRecord record;
      for (std::size_t i = 0; i < live.size(); ++i) {
        if (live[i]->FindFile(key, &record)) return i;
      }
      return live.size() + store::ShardOf(key, builders);
    };
    UpdateOptions u = update;
    u.threads = builders;
    Status s = UpdatePaths(all, dir, batch_bytes, paths, u, report, route);
    for (std::size_t i = 0; s.ok() && i < writers.size(); ++i) {
      if (writers[i]->doc_count() > 0 || !writers[i]->FileKeys().empty()) {
        filled.push_back(parts[i]);
      }
    }
    writers.clear();  // each committed its last batch; closed here
    if (!s.ok()) {
      RemoveAll(parts);
      return s;
    }
  }
  if (filled.empty()) {
    RemoveAll(parts);
    return Status();
  }
  const std::string name = store::SegmentName(first + builders);
  const std::string merged = InDir(dir, name);
  try {
    store::CompactDatabases(filled, merged);
    Xapian::Database older;
    for (const IndexWriter* w : live) older.add_database(Xapian::Database(w->path()));
    Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
    if (JoinClusters(live.empty() ? nullptr : &older, &db) > 0) db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    RemoveAll(parts);
    std::error_code ec;
    fs::remove_all(merged, ec);
    return store::XapianStatus(
        e, "cannot merge the new segments of " + dir + ": " + e.get_description());
  }
  RemoveAll(parts);
  std::string error;
  if (!store::SyncDirectory(merged, &error)) return Status(Code::kIo, error);
  *segment = name;
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
