#include "indexer/bulk.h"

#include <xapian.h>

#include <filesystem>
#include <memory>

#include "indexer/near_duplicate.h"
#include "indexer/update.h"
#include "store/errors.h"
#include "store/segments.h"

namespace concord::indexer {
namespace {

namespace fs = std::filesystem;

void RemoveAll(const std::vector<std::string>& dirs) {
  std::error_code ec;
  for (const std::string& d : dirs) fs::remove_all(d, ec);
}

}  // namespace

Status BuildSegments(const std::string& dir, const IndexWriterOptions& options,
                     std::size_t builders, std::size_t batch_bytes,
                     const std::vector<std::string>& paths, const UpdateOptions& update,
                     UpdateReport* report, std::string* segment) {
  const std::size_t first = store::NextSegmentNumber(dir);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < builders; ++i) {
    parts.push_back((fs::path(dir) / store::SegmentName(first + i)).string());
  }
  {
    std::vector<std::unique_ptr<IndexWriter>> writers;
    std::vector<IndexWriter*> ptrs;
    for (const std::string& p : parts) {
      auto w = std::make_unique<IndexWriter>();
      Status error;
      IndexWriterOptions create = options;
      create.create_if_missing = true;
      if (!w->Open(p, create, &error)) {
        writers.clear();
        RemoveAll(parts);
        return error;
      }
      ptrs.push_back(w.get());
      writers.push_back(std::move(w));
    }
    UpdateOptions u = update;
    u.threads = builders;
    Status s = UpdatePaths(ptrs, dir, batch_bytes, paths, u, report);
    writers.clear();  // each committed its last batch; closed here
    if (!s.ok()) {
      RemoveAll(parts);
      return s;
    }
  }
  *segment = store::SegmentName(first + builders);
  const std::string merged = (fs::path(dir) / *segment).string();
  try {
    store::CompactDatabases(parts, merged);
    Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
    if (JoinClusters(&db) > 0) db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    RemoveAll(parts);
    std::error_code ec;
    fs::remove_all(merged, ec);
    return store::XapianStatus(e, "cannot merge the new segments of " + dir + ": " +
                                      e.get_description());
  }
  RemoveAll(parts);
  std::string error;
  if (!store::SyncDirectory(merged, &error)) return Status(Code::kIo, error);
  return Status();
}

}  // namespace concord::indexer
