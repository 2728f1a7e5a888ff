#include "store/matcher_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "lang/compiled_aliases.h"

namespace concord::store {
namespace fs = std::filesystem;
namespace {

// A read-only mapping of a whole file, unmapped when the last owner goes.
struct Mapping {
  const char* data = nullptr;
  std::size_t size = 0;
  ~Mapping() {
    if (data) ::munmap(const_cast<char*>(data), size);
  }
};

// Null when the file is absent; *error set when it exists but cannot be read.
std::shared_ptr<Mapping> Map(const std::string& file, std::string* error) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT && errno != ENOTDIR) *error = std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  auto mapping = std::make_shared<Mapping>();
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = "not a readable file";
  } else if (st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      *error = std::strerror(errno);
    } else {
      mapping->data = static_cast<const char*>(p);
      mapping->size = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
  return error->empty() ? mapping : nullptr;
}

}  // namespace

std::string MatcherFilePath(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  const fs::path dir = fs::is_directory(p, ec) ? p : p.parent_path();
  return (dir / kMatcherFileName).string();
}

std::string MatcherKey(const std::string& hash, const std::string& source) {
  return source.empty() ? hash : hash + "+" + source;
}

namespace {

// The matcher beside the first of `paths` whose saved key `fits` (given the
// saved key, returns the key to load it with, or "" when it does not fit).
template <typename Fits>
std::unique_ptr<lang::EntityMatcher> LoadFitting(const std::vector<std::string>& paths,
                                                 const Fits& fits,
                                                 std::vector<std::string>* warnings) {
  for (const std::string& path : paths) {
    const std::string file = MatcherFilePath(path);
    std::string error;
    std::shared_ptr<Mapping> mapping = Map(file, &error);
    std::unique_ptr<lang::EntityMatcher> matcher;
    if (mapping) {
      const std::string_view bytes(mapping->data ? mapping->data : "", mapping->size);
      std::string saved;
      // Bytes whose header cannot be read are loaded with a key that cannot
      // match, for Load to say what is wrong with them.
      const bool readable = lang::SavedCompiledAliasesKey(bytes, &saved);
      const std::string key = readable ? fits(saved) : std::string("\n");
      if (readable && key.empty()) continue;
      switch (lang::EntityMatcher::Load(bytes, mapping, key, &matcher, &error)) {
        case lang::EntityMatcher::LoadOutcome::kLoaded:
          return matcher;
        case lang::EntityMatcher::LoadOutcome::kStale:
          continue;
        case lang::EntityMatcher::LoadOutcome::kCorrupt:
          break;
      }
    }
    if (!error.empty() && warnings) {
      warnings->push_back(file + ": saved entity matcher ignored (" + error +
                          "); the dictionaries were compiled instead");
    }
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<lang::EntityMatcher> LoadMatcher(const std::vector<std::string>& paths,
                                                 const std::string& hash,
                                                 std::vector<std::string>* warnings) {
  return LoadFitting(
      paths,
      [&](const std::string& saved) {
        return saved == hash || saved.rfind(hash + "+", 0) == 0 ? saved : std::string();
      },
      warnings);
}

std::unique_ptr<lang::EntityMatcher> LoadMatcherBySource(const std::vector<std::string>& paths,
                                                         const std::string& source,
                                                         std::string* hash,
                                                         std::vector<std::string>* warnings) {
  if (source.empty()) return nullptr;
  std::string found;
  auto matcher = LoadFitting(
      paths,
      [&](const std::string& saved) {
        const std::string tail = "+" + source;
        if (saved.size() <= tail.size() ||
            saved.compare(saved.size() - tail.size(), tail.size(), tail) != 0) {
          return std::string();
        }
        found = saved.substr(0, saved.size() - tail.size());
        return saved;
      },
      warnings);
  if (matcher) *hash = found;
  return matcher;
}

bool SaveMatcher(const std::string& path, const lang::EntityMatcher& matcher,
                 const std::string& key, std::string* error) {
  const std::string file = MatcherFilePath(path);
  const std::string tmp = file + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << matcher.Save(key);
    out.flush();
    if (!out) {
      *error = "cannot write " + tmp;
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    *error = "cannot replace " + file + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace concord::store
