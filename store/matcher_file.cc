#include "store/matcher_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

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

std::unique_ptr<lang::EntityMatcher> LoadMatcher(const std::vector<std::string>& paths,
                                                 const std::string& hash,
                                                 std::vector<std::string>* warnings) {
  for (const std::string& path : paths) {
    const std::string file = MatcherFilePath(path);
    std::string error;
    std::shared_ptr<Mapping> mapping = Map(file, &error);
    std::unique_ptr<lang::EntityMatcher> matcher;
    if (mapping) {
      const std::string_view bytes(mapping->data ? mapping->data : "", mapping->size);
      switch (lang::EntityMatcher::Load(bytes, mapping, hash, &matcher, &error)) {
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

bool SaveMatcher(const std::string& path, const lang::EntityMatcher& matcher,
                 const std::string& hash, std::string* error) {
  const std::string file = MatcherFilePath(path);
  const std::string tmp = file + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << matcher.Save(hash);
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
