#include "store/shards.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/hash.h"
#include "store/segments.h"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxStubDepth = 8;  // stubs listing stubs: enough, and no loops

// Jump consistent hash (Lamping & Veach, 2014): a bucket in [0, buckets) for a
// 64-bit key; growing the bucket count moves keys only into the new bucket.
std::size_t JumpConsistentHash(std::uint64_t key, std::size_t buckets) {
  std::int64_t b = -1, j = 0;
  while (j < static_cast<std::int64_t>(buckets)) {
    b = j;
    key = key * 2862933555777941757ULL + 1;
    j = static_cast<std::int64_t>(
        static_cast<double>(b + 1) *
        (static_cast<double>(1LL << 31) / static_cast<double>((key >> 33) + 1)));
  }
  return static_cast<std::size_t>(b);
}

std::string StubText(std::size_t shards) {
  std::string text =
      "# Written by concord-index: the shards of this database, searched as one.\n"
      "# Xapian opens this directory through this file; see docs/scaling.md.\n";
  for (std::size_t i = 0; i < shards; ++i) text += "auto " + ShardName(i) + "\n";
  return text;
}

bool IsSingleFileGlass(const fs::path& p) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(p, ec);
  if (ec || size == 0 || size % 2048 != 0) return false;
  std::ifstream in(p, std::ios::binary);
  char magic[14] = {};
  return in.read(magic, sizeof magic) && std::string(magic, 14) == "\x0f\x0dXapian Glass";
}

bool Expand(const std::string& path, const std::string& origin, int depth,
            std::vector<ShardSpec>* out, std::string* error);

// Reads a stub file the way Xapian does ("TYPE REST", # comments).
bool ExpandStub(const fs::path& stub, int depth, std::vector<ShardSpec>* out, std::string* error) {
  if (depth > kMaxStubDepth) {
    *error = stub.string() + ": stub files nested more than " + std::to_string(kMaxStubDepth) +
             " deep (a loop?)";
    return false;
  }
  std::ifstream in(stub);
  if (!in) {
    *error = "cannot read stub file " + stub.string();
    return false;
  }
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    const std::string origin = "line " + std::to_string(number) + " of " + stub.string();
    if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
      fs::path target(rest);
      if (target.is_relative()) target = stub.parent_path() / target;
      if (!Expand(target.lexically_normal().string(), origin, depth + 1, out, error)) {
        return false;
      }
      continue;
    }
    if (type == "remote" && !rest.empty()) {
      ShardSpec s;
      s.origin = origin;
      if (rest[0] == ':') {
        s.kind = ShardSpec::Kind::kProgram;
        const std::size_t sp = rest.find(' ');
        s.program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
        if (sp != std::string::npos) s.args = rest.substr(sp + 1);
        out->push_back(std::move(s));
        continue;
      }
      const std::size_t colon = rest.rfind(':');
      if (colon != std::string::npos && colon + 1 < rest.size()) {
        s.kind = ShardSpec::Kind::kTcp;
        s.host = rest.substr(0, colon);
        if (s.host.size() >= 2 && s.host.front() == '[' && s.host.back() == ']') {
          s.host = s.host.substr(1, s.host.size() - 2);  // [::1]:8100
        }
        s.port = static_cast<unsigned>(std::strtoul(rest.c_str() + colon + 1, nullptr, 10));
        if (!s.host.empty() && s.port > 0 && s.port < 65536) {
          out->push_back(std::move(s));
          continue;
        }
      }
    }
    *error = stub.string() + ":" + std::to_string(number) +
             ": bad stub line (expected 'auto PATH', 'remote HOST:PORT' or "
             "'remote :PROGRAM ARGS')";
    return false;
  }
  return true;
}

bool Expand(const std::string& path, const std::string& origin, int depth,
            std::vector<ShardSpec>* out, std::string* error) {
  const fs::path p(path);
  std::error_code ec;
  const bool is_dir = fs::is_directory(p, ec);
  if (is_dir && !fs::exists(p / "iamglass", ec) && !fs::exists(p / "iamchert", ec) &&
      fs::is_regular_file(p / kStubFileName, ec)) {
    return ExpandStub(p / kStubFileName, depth, out, error);
  }
  if (!is_dir && fs::is_regular_file(p, ec) && !IsSingleFileGlass(p)) {
    return ExpandStub(p, depth, out, error);
  }
  ShardSpec s;
  s.kind = ShardSpec::Kind::kLocal;
  s.path = path;
  s.origin = origin;
  out->push_back(std::move(s));
  return true;
}

}  // namespace

std::string ShardName(std::size_t shard) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%03zu", shard);
  return buf;
}

std::size_t ShardOf(std::string_view file_key, std::size_t shards) {
  if (shards <= 1) return 0;
  return JumpConsistentHash(lang::Fnv1a64(file_key), shards);
}

bool IsShardedDirectory(const std::string& dir) {
  std::error_code ec;
  return fs::is_directory(fs::path(dir) / ShardName(0), ec) ||
         (fs::is_regular_file(fs::path(dir) / kStubFileName, ec) &&
          !fs::exists(fs::path(dir) / "iamglass", ec) && LiveSegments(dir).empty());
}

bool WriteStub(const std::string& dir, std::size_t shards, std::string* error) {
  const fs::path stub = fs::path(dir) / kStubFileName;
  const std::string text = StubText(shards);
  {
    std::ifstream in(stub, std::ios::binary);
    std::ostringstream old;
    if (in && (old << in.rdbuf()) && old.str() == text) return true;
  }
  const fs::path tmp = fs::path(dir) / (std::string(kStubFileName) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      *error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) {
    *error = "cannot write " + stub.string() + ": " + ec.message();
    return false;
  }
  return true;
}

std::string ShardSpec::Describe() const {
  std::string what;
  switch (kind) {
    case Kind::kLocal:
      what = path;
      break;
    case Kind::kTcp:
      what = "remote " + host + ":" + std::to_string(port);
      break;
    case Kind::kProgram:
      what = "remote :" + program + (args.empty() ? "" : " " + args);
      break;
  }
  return origin.empty() ? what : what + " (" + origin + ")";
}

bool ExpandDatabases(const std::vector<std::string>& paths, std::vector<ShardSpec>* shards,
                     std::string* error) {
  shards->clear();
  for (const std::string& p : paths) {
    if (!Expand(p, "", 0, shards, error)) return false;
  }
  return true;
}

}  // namespace concord::store
