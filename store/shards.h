#ifndef CONCORD_STORE_SHARDS_H_
#define CONCORD_STORE_SHARDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Sharded databases (docs/scaling.md): N ordinary concord databases
// DIR/shard-000 .. DIR/shard-(N-1) and a Xapian stub file DIR/XAPIANDB listing
// them ("auto shard-000", relative paths), so that Xapian, its tools and
// concord-search open DIR as one database. Each file's documents live in the
// shard its canonical path routes to.
namespace concord::store {

// Xapian opens a directory holding this stub file as the databases it lists.
constexpr const char* kStubFileName = "XAPIANDB";
constexpr std::size_t kMaxShards = 1000;  // shard-000 .. shard-999

// "shard-007".
std::string ShardName(std::size_t shard);

// The shard (0 .. shards-1) of a file, from its canonical path (the key of its
// file record, corpus::CanonicalId). Stable across runs, builds and machines:
// FNV-1a 64 of the path, spread by jump consistent hashing (Lamping & Veach),
// so going from N to N+1 shards would move only 1/(N+1) of the files.
// REQUIRES: shards >= 1.
std::size_t ShardOf(std::string_view file_key, std::size_t shards);

// True when `dir` is (or is being made) a sharded database: it holds shard-000
// or a stub file that is not a segment manifest (store/segments.h).
bool IsShardedDirectory(const std::string& dir);

// Writes DIR/XAPIANDB listing shard-000 .. shard-(shards-1), atomically
// (temporary file, then rename); leaves an identical file alone.
bool WriteStub(const std::string& dir, std::size_t shards, std::string* error);

// One database a search reads: a local database, or one served by
// xapian-tcpsrv (remote HOST:PORT) or by a program (remote :PROGRAM ARGS, e.g.
// ssh host xapian-progsrv DB).
struct ShardSpec {
  enum class Kind { kLocal, kTcp, kProgram };
  Kind kind = Kind::kLocal;
  std::string path;           // kLocal: resolved path
  std::string host;           // kTcp
  unsigned port = 0;          // kTcp
  std::string program, args;  // kProgram
  std::string origin;         // "line 2 of /x/remote.stub", or "" for a --db path
  // For messages: "remote 127.0.0.1:8100 (line 2 of /x/remote.stub)".
  std::string Describe() const;
};

// Expands database paths into the databases to open, in order: a database
// directory as itself; a directory holding a stub file, or a stub file, as the
// lines of the stub (recursively; relative paths are relative to the stub's
// directory, as Xapian reads them). False with *error on a malformed stub.
bool ExpandDatabases(const std::vector<std::string>& paths, std::vector<ShardSpec>* shards,
                     std::string* error);

}  // namespace concord::store

#endif  // CONCORD_STORE_SHARDS_H_
