#include "api/shards.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "api/internal.h"
#include "corpus/text_reader.h"
#include "store/schema.h"
#include "store/segments.h"
#include "store/shards.h"

namespace concord {
namespace {

namespace fs = std::filesystem;

Status XapianStatus(const std::string& what, const Xapian::Error& e) {
  const std::string message = what + ": " + e.get_description();
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    return Status(Code::kLocked, what + " is locked by another writer (" + e.get_msg() + ")");
  }
  if (type == "DatabaseNotFoundError") return Status(Code::kNotFound, message);
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return Status(Code::kCorrupt, message);
  }
  return Status(Code::kIo, message);
}

// A new shard records its place before any document goes in.
Status CreateShard(const std::string& path, std::size_t shard, std::size_t shards) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(schema::kMetaShards, std::to_string(shards));
    db.set_metadata(schema::kMetaShard, std::to_string(shard));
    db.commit();
    return Status();
  } catch (const Xapian::Error& e) {
    return XapianStatus("cannot create shard " + path, e);
  }
}

std::string ShardMeta(const std::string& path, const char* key) {
  try {
    return Xapian::Database(path).get_metadata(key);
  } catch (const Xapian::Error&) {
    return std::string();
  }
}

bool EmptyOrMissing(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return true;
  return fs::is_directory(p, ec) && fs::is_empty(p, ec);
}

}  // namespace

std::size_t ShardOf(const std::string& path, std::size_t shards) {
  return store::ShardOf(corpus::CanonicalId(path), shards);
}

Status ResolveShards(const std::string& path, std::size_t requested, bool create_if_missing,
                     std::vector<std::string>* shard_paths, std::size_t* shards) {
  shard_paths->clear();
  *shards = 0;
  if (requested > store::kMaxShards) {
    return Status(Code::kInvalidArgument, "at most " + std::to_string(store::kMaxShards) +
                                              " shards, not " + std::to_string(requested));
  }
  const fs::path dir(path);
  const auto shard_path = [&](std::size_t i) { return (dir / store::ShardName(i)).string(); };
  if (!store::IsShardedDirectory(path)) {
    if (requested < 2) {
      shard_paths->push_back(path);
      return Status();
    }
    if (!EmptyOrMissing(dir)) {
      return Status(Code::kInvalidArgument,
                    path + " is already a single (unsharded) database or not empty; --shards " +
                        std::to_string(requested) +
                        " needs a new directory (index the sources again there)");
    }
    if (!create_if_missing) return Status(Code::kNotFound, "no database at " + path);
  }
  // How many shards there are: recorded in each; shard-000 is asked first.
  std::size_t n = 0;
  const std::string recorded = ShardMeta(shard_path(0), schema::kMetaShards);
  if (!recorded.empty()) n = std::strtoul(recorded.c_str(), nullptr, 10);
  if (n == 0) {
    // A new directory, or a creation that was interrupted before shard-000
    // recorded its place: only an explicit count can go on.
    if (requested < 2) {
      return Status(Code::kCorrupt, path + " has no readable " + store::ShardName(0) +
                                        " recording its shard count; pass --shards N to "
                                        "finish creating it");
    }
    n = requested;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status(Code::kIo, "cannot create " + path + ": " + ec.message());
  } else if (n < 2 || n > store::kMaxShards) {
    return Status(Code::kCorrupt,
                  shard_path(0) + " records an impossible shard count '" + recorded + "'");
  }
  if (requested != 0 && requested != n) {
    return Status(Code::kInvalidArgument, path + " has " + std::to_string(n) + " shards, not " +
                                              std::to_string(requested) +
                                              " (the count is fixed when it is created)");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = shard_path(i);
    const std::string place = ShardMeta(p, schema::kMetaShard);
    if (place.empty()) {
      // Finish an interrupted creation; an existing shard is never renumbered.
      if (!EmptyOrMissing(p) && !ShardMeta(p, schema::kMetaFormat).empty()) {
        return Status(Code::kCorrupt, p + " does not record which shard it is");
      }
      if (Status s = CreateShard(p, i, n); !s.ok()) return s;
    } else if (place != std::to_string(i) ||
               ShardMeta(p, schema::kMetaShards) != std::to_string(n)) {
      return Status(Code::kCorrupt, p + " records that it is shard " + place + " of " +
                                        ShardMeta(p, schema::kMetaShards) + ", not " +
                                        std::to_string(i) + " of " + std::to_string(n));
    }
    shard_paths->push_back(p);
  }
  std::string error;
  if (!store::WriteStub(path, n, &error)) return Status(Code::kIo, error);
  *shards = n;
  return Status();
}

Status MergeShards(const std::string& from, const std::string& to, std::size_t* documents) {
  CONCORD_GUARD_BEGIN
  if (from.empty() || to.empty()) return Status(Code::kInvalidArgument, "no database path given");
  std::error_code ec;
  if (fs::exists(to, ec)) {
    return Status(Code::kInvalidArgument, to + " already exists; merge into a new path");
  }
  std::vector<store::ShardSpec> specs;
  std::string error;
  if (!store::ExpandDatabases({from}, &specs, &error)) return Status(Code::kCorrupt, error);
  if (specs.empty()) return Status(Code::kInvalidArgument, from + " lists no database");
  std::vector<std::string> from_paths;
  for (const store::ShardSpec& spec : specs) {
    if (spec.kind != store::ShardSpec::Kind::kLocal) {
      return Status(Code::kInvalidArgument,
                    "cannot merge " + spec.Describe() +
                        ": only local shards can be merged (run the merge where they are)");
    }
    try {
      Xapian::Database check(spec.path);
    } catch (const Xapian::Error& e) {
      return XapianStatus("cannot open " + spec.Describe(), e);
    }
    from_paths.push_back(spec.path);
  }
  try {
    store::CompactDatabases(from_paths, to);
    if (documents) *documents = Xapian::Database(to).get_doccount();
  } catch (const Xapian::Error& e) {
    return XapianStatus("cannot merge " + from + " into " + to, e);
  }
  return Status();
  CONCORD_GUARD_END
}

}  // namespace concord
