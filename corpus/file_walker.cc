#include "corpus/file_walker.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace concord::corpus {
namespace {

namespace fs = std::filesystem;

struct Walk {
  std::vector<std::pair<std::string, std::string>> found;  // (path as reached, canonical)
  std::set<std::string> visited_dirs;                      // canonical directories
  std::set<std::string> own_databases;                     // canonical, skipped silently
  std::vector<std::string> walking;                        // canonical folders being walked
  std::vector<std::string>* errors;

  void Error(const std::string& message) {
    if (errors) errors->push_back(message);
  }

  static std::string Canonical(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? p.lexically_normal().string() : c.string();
  }

  static bool Hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
  }

  // Every file is a candidate: its content decides its format, and one that
  // concord cannot read is reported with the reason. Sidecars are metadata.
  static bool WantedExtension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext != ".meta";
  }

  void AddFile(const fs::path& p) {
    // Opening it is the only reliable readability test (permissions, ACLs).
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      Error(p.string() + ": cannot read: " + std::strerror(errno));
      return;
    }
    found.emplace_back(p.string(), Canonical(p));
  }

  static bool IsDatabase(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) ||
           fs::is_regular_file(dir / "XAPIANDB", ec);
  }

  void WalkDir(const fs::path& dir) {
    const std::string canonical = Canonical(dir);
    // A link back to a folder being walked is a loop: said once, not followed.
    if (std::find(walking.begin(), walking.end(), canonical) != walking.end()) {
      Error(dir.string() + ": a symbolic link loop (back to " + canonical + "); skipped");
      return;
    }
    if (!visited_dirs.insert(canonical).second) return;  // reached before by another path
    if (IsDatabase(dir)) {
      if (!own_databases.count(canonical)) {
        Error(dir.string() + ": a search database, not documents; skipped");
      }
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Error(dir.string() + ": cannot read directory: " + ec.message());
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::path p = it->path();
      if (Hidden(p)) continue;
      std::error_code sec;
      const fs::file_status st = fs::status(p, sec);  // follows links
      if (sec || !fs::exists(st)) {
        std::error_code lec;
        if (fs::is_symlink(fs::symlink_status(p, lec))) {
          const fs::path target = fs::read_symlink(p, lec);
          Error(p.string() + ": a symbolic link to " +
                (sec && sec.value() == ELOOP ? "itself, through a loop of links"
                                             : "nothing (" + target.string() + ")") +
                "; skipped");
        } else {
          Error(p.string() + ": " + (sec ? sec.message() : std::string("vanished")));
        }
        continue;
      }
      if (fs::is_directory(st)) {
        walking.push_back(canonical);
        WalkDir(p);
        walking.pop_back();
      } else if (fs::is_regular_file(st) && p.extension() != ".meta" && WantedExtension(p)) {
        AddFile(p);
      }
    }
    if (ec) Error(dir.string() + ": error while reading directory: " + ec.message());
  }

  void Top(const std::string& arg) {
    const fs::path p(arg);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      Error(arg + ": " + (ec ? ec.message() : std::string("no such file or directory")));
      return;
    }
    if (fs::is_directory(st)) {
      WalkDir(p);
    } else if (fs::is_regular_file(st)) {
      AddFile(p);
    } else {
      Error(arg + ": not a regular file or directory");
    }
  }
};

}  // namespace

std::vector<std::string> ListTextFiles(const std::vector<std::string>& paths,
                                       std::vector<std::string>* errors,
                                       const std::vector<std::string>& own_databases) {
  Walk walk;
  walk.errors = errors;
  for (const std::string& db : own_databases) walk.own_databases.insert(Walk::Canonical(db));
  for (const std::string& p : paths) walk.Top(p);

  // Sort by the name as reached so output is stable, then keep the first name
  // of every canonical file.
  std::sort(walk.found.begin(), walk.found.end());
  std::set<std::string> seen;
  std::vector<std::string> files;
  for (auto& [path, canonical] : walk.found) {
    if (seen.insert(canonical).second) files.push_back(std::move(path));
  }
  return files;
}

}  // namespace concord::corpus
