#include "lang/entity_dictionary.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/ascii.h"
#include "lang/hash.h"

namespace concord::lang {
namespace {

// "#" starts a comment at the start of a line or after whitespace, so that a
// name containing '#' glued to a letter survives (none is known, but cheap).
std::string_view StripComment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool ValidType(std::string_view type) {
  if (type.empty()) return false;
  return std::all_of(type.begin(), type.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "fr=Oumerov" -> ("fr", "Oumerov"); a piece without a 2-3 letter tag is all text.
std::pair<std::string, std::string> SplitLanguageTag(std::string_view piece) {
  const std::size_t eq = piece.find('=');
  if (eq >= 2 && eq <= 3 && eq != std::string_view::npos) {
    const std::string_view tag = piece.substr(0, eq);
    if (std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return {std::string(tag), std::string(TrimAscii(piece.substr(eq + 1)))};
    }
  }
  return {std::string(), std::string(piece)};
}

class Parser {
 public:
  Parser(std::string name, std::vector<Entity>* entities,
         std::unordered_map<std::string, std::size_t>* by_id, std::vector<std::string>* errors)
      : name_(std::move(name)), entities_(entities), by_id_(by_id), errors_(errors) {}

  void Run(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line_no = 0;
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      ++line_no;
      Line(TrimAscii(StripComment(line)), line_no);
    }
    Finish();
  }

 private:
  void Error(int line, const std::string& message) {
    if (errors_) errors_->push_back(name_ + ":" + std::to_string(line) + ": " + message);
  }

  void Line(std::string_view line, int no) {
    if (line.empty()) return;
    if (line.front() == '[') {
      Finish();
      if (line.back() != ']') {
        Error(no, "expected '[id]', got '" + std::string(line) + "'");
        skipping_ = true;
        return;
      }
      const std::string id(TrimAscii(line.substr(1, line.size() - 2)));
      if (!ValidId(id)) {
        Error(no, "entity id '" + id +
                      "' must be lowercase ASCII letters, digits, '_' or '-'; block skipped");
        skipping_ = true;
        return;
      }
      if (seen_here_.count(id)) {
        Error(no, "entity '" + id + "' is defined twice in this file; block skipped");
        skipping_ = true;
        return;
      }
      seen_here_.insert({id, no});
      skipping_ = false;
      current_ = Entity();
      current_.id = id;
      current_.source_file = name_;
      current_.line = no;
      open_ = true;
      return;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      Error(no, "expected 'key: value', got '" + std::string(line) + "'");
      return;
    }
    if (skipping_) return;
    if (!open_) {
      Error(no, "'" + std::string(line) + "' comes before any [id] line");
      return;
    }
    const std::string key(TrimAscii(line.substr(0, colon)));
    const std::string_view value = TrimAscii(line.substr(colon + 1));
    if (key == "type") {
      if (!ValidType(value)) {
        Error(no, "type '" + std::string(value) + "' must be a lowercase word such as person");
      } else {
        current_.type = std::string(value);
      }
    } else if (key == "label") {
      current_.label = std::string(value);
    } else if (key == "default") {
      if (value == "yes" || value == "true") {
        current_.is_default = true;
      } else if (value == "no" || value == "false") {
        current_.is_default = false;
      } else {
        Error(no, "default must be 'yes' or 'no', got '" + std::string(value) + "'");
      }
    } else if (key == "derived") {
      if (value == "yes" || value == "true") {
        current_.derived = Entity::Derived::kYes;
      } else if (value == "no" || value == "false") {
        current_.derived = Entity::Derived::kNo;
      } else {
        Error(no, "derived must be 'yes' or 'no', got '" + std::string(value) + "'");
      }
    } else if (key == "cues" || key == "namesake-cues") {
      std::vector<std::string>& words = key == "cues" ? current_.cues : current_.namesake_cues;
      std::string_view rest = value;
      while (true) {
        const std::size_t bar = rest.find('|');
        const std::string_view piece = TrimAscii(rest.substr(0, bar));
        if (!piece.empty()) words.emplace_back(piece);
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
      }
    } else if (key == "name" || key == "alias" || key == "cased" || key == "historical" ||
               key == "demonyms") {
      std::string_view rest = value;
      while (true) {
        const std::size_t bar = rest.find('|');
        const std::string_view piece = TrimAscii(rest.substr(0, bar));
        if (!piece.empty()) {
          auto [lang, text] = SplitLanguageTag(piece);
          if (text.empty()) {
            Error(no, "empty alias after language tag '" + lang + "='");
          } else {
            Alias a;
            a.text = std::move(text);
            a.lang = std::move(lang);
            a.full_name = key == "name";
            a.cased = key == "cased";
            a.historical = key == "historical";
            a.demonym = key == "demonyms";
            current_.aliases.push_back(std::move(a));
          }
        }
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
      }
    } else {
      Error(no, "unknown key '" + key +
                    "' (expected type, label, name, alias, cased, historical, demonyms, default, "
                    "derived, cues, namesake-cues)");
    }
  }

  // Closes the open block: a new entity is added, a known id is extended
  // (this is how a user file adds spellings to a built-in entity).
  void Finish() {
    if (!open_) return;
    open_ = false;
    auto it = by_id_->find(current_.id);
    if (it != by_id_->end()) {
      Entity& e = (*entities_)[it->second];
      if (!current_.type.empty()) e.type = current_.type;
      if (!current_.label.empty()) e.label = current_.label;
      if (current_.is_default) e.is_default = true;
      if (current_.derived != Entity::Derived::kByType) e.derived = current_.derived;
      for (Alias& a : current_.aliases) e.aliases.push_back(std::move(a));
      for (std::string& w : current_.cues) e.cues.push_back(std::move(w));
      for (std::string& w : current_.namesake_cues) e.namesake_cues.push_back(std::move(w));
      return;
    }
    if (current_.aliases.empty()) {
      Error(current_.line, "entity '" + current_.id + "' has no name:, alias: or cased: line");
      return;
    }
    if (current_.type.empty()) current_.type = "other";
    if (current_.label.empty()) current_.label = current_.aliases.front().text;
    by_id_->emplace(current_.id, entities_->size());
    entities_->push_back(std::move(current_));
  }

  std::string name_;
  std::vector<Entity>* entities_;
  std::unordered_map<std::string, std::size_t>* by_id_;
  std::vector<std::string>* errors_;
  std::unordered_map<std::string, int> seen_here_;
  Entity current_;
  bool open_ = false;
  bool skipping_ = false;
};

// One field of the content hash, then a separator byte, so that "ab"+"c"
// differs from "a"+"bc".
void Mix(std::uint64_t* h, std::string_view s) { *h = Fnv1a64("\xff", Fnv1a64(s, *h)); }

}  // namespace

bool EntityDictionary::LoadString(std::string_view text, const std::string& name,
                                  std::vector<std::string>* errors) {
  Parser(name, &entities_, &by_id_, errors).Run(text);
  return true;
}

bool EntityDictionary::LoadFile(const std::string& path, std::vector<std::string>* errors) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    if (errors) errors->push_back(path + ": is a directory, not an entity dictionary");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errors) errors->push_back(path + ": cannot open entity dictionary");
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return LoadString(buffer.str(), path, errors);
}

const Entity* EntityDictionary::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

std::string EntityDictionary::ContentHash() const {
  std::uint64_t h = kFnvOffset;
  Mix(&h, "tagging rules " + std::to_string(kTaggingRules));
  bool any_historical = false;
  for (const Entity& e : entities_) {
    Mix(&h, e.id);
    Mix(&h, e.type);
    Mix(&h, e.label);
    Mix(&h, e.is_default ? "1" : "0");
    Mix(&h, std::to_string(static_cast<int>(e.derived)));
    for (const std::string& w : e.cues) Mix(&h, "cue " + w);
    for (const std::string& w : e.namesake_cues) Mix(&h, "namesake cue " + w);
    for (const Alias& a : e.aliases) {
      Mix(&h, a.text);
      Mix(&h, a.lang);
      Mix(&h, std::string(a.full_name ? "n" : "a") + (a.cased ? "c" : "-") +
                  (a.historical ? "h" : "") + (a.demonym ? "d" : ""));
      any_historical |= a.historical;
    }
  }
  if (any_historical && historical_names_) Mix(&h, "historical names matched");
  return Hex64(h);
}

std::string BuiltinEntitiesPath() {
  if (const char* dir = std::getenv("CONCORD_ENTITIES_DIR"); dir && *dir) return dir;
#ifdef CONCORD_BUILTIN_ENTITIES
  std::error_code ec;
  if (std::filesystem::is_directory(CONCORD_BUILTIN_ENTITIES, ec)) return CONCORD_BUILTIN_ENTITIES;
#endif
#ifdef CONCORD_INSTALLED_ENTITIES
  return CONCORD_INSTALLED_ENTITIES;
#else
  return "corpus/entities";
#endif
}

bool ReadBuiltinEntities(std::vector<std::pair<std::string, std::string>>* files,
                         std::vector<std::string>* errors) {
  const std::string dir = BuiltinEntitiesPath();
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".entities") paths.push_back(entry.path().string());
  }
  if (ec) {
    if (errors) errors->push_back(dir + ": cannot read the built-in entity dictionaries");
    return false;
  }
  std::sort(paths.begin(), paths.end());
  bool ok = true;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path, ec)) {
      if (errors) errors->push_back(path + ": cannot open entity dictionary");
      ok = false;
      continue;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    files->emplace_back(path, buffer.str());
  }
  return ok;
}

bool LoadBuiltinEntities(EntityDictionary* dictionary, std::vector<std::string>* errors) {
  std::vector<std::pair<std::string, std::string>> files;
  const bool ok = ReadBuiltinEntities(&files, errors);
  for (const auto& [path, text] : files) dictionary->LoadString(text, path, errors);
  return ok;
}

}  // namespace concord::lang
