#include <cstdint>
#include <filesystem>
#include <string>

#include "api/internal.h"
#include "lang/hash.h"

namespace concord {

const char* Version() { return CONCORD_VERSION_STRING; }

EntityDictionary::EntityDictionary() : impl_(new Impl) {}
EntityDictionary::~EntityDictionary() = default;
EntityDictionary::EntityDictionary(EntityDictionary&&) noexcept = default;
EntityDictionary& EntityDictionary::operator=(EntityDictionary&&) noexcept = default;

lang::EntityDictionary& EntityDictionary::Impl::Parsed() {
  std::lock_guard<std::mutex> lock(parsing);
  for (const auto& [path, text] : unparsed) dictionary.LoadString(text, path, nullptr);
  unparsed.clear();
  return dictionary;
}

std::string EntityDictionary::Impl::SourceKey() const {
  if (!builtin_only) return "";
  return lang::Hex64(lang::Fnv1a64("built-in dictionaries " + std::to_string(builtin_digest) +
                                   ", tagging rules " + std::to_string(lang::kTaggingRules) +
                                   (dictionary.historical_names() ? ", historical names" : "")));
}

Status EntityDictionary::LoadBuiltin() {
  CONCORD_GUARD_BEGIN
  std::vector<std::string> errors;
  // Read now (an unreadable directory is an error now), parsed when needed.
  Impl& m = *impl_;
  const bool first = m.unparsed.empty() && m.dictionary.entities().empty();
  std::vector<std::pair<std::string, std::string>> files;
  if (!lang::ReadBuiltinEntities(&files, &errors)) {
    return Status(Code::kNotFound,
                  (errors.empty() ? lang::BuiltinEntitiesPath() : errors.front()) +
                      " (set CONCORD_ENTITIES_DIR to the directory of *.entities files)");
  }
  // Names and bytes, not where they lie: an index made with the source
  // tree's files is searched as fast with an installed copy of them.
  std::uint64_t h = lang::kFnvOffset;
  for (const auto& [path, text] : files) {
    const std::string name = std::filesystem::path(path).filename().string();
    h = lang::Fnv1a64(std::to_string(name.size()) + ":" + name, h);
    h = lang::Fnv1a64(std::to_string(text.size()) + ":", h);
    h = lang::Fnv1a64(text, h);
  }
  m.builtin_digest = h;
  m.builtin_only = first;
  for (auto& file : files) m.unparsed.push_back(std::move(file));
  return Status();
  CONCORD_GUARD_END
}

Status EntityDictionary::LoadFile(const std::string& path, std::vector<std::string>* warnings) {
  CONCORD_GUARD_BEGIN
  std::vector<std::string> errors;
  impl_->builtin_only = false;
  const bool ok = impl_->Parsed().LoadFile(path, &errors);
  if (!ok) {
    return Status(std::filesystem::exists(path) ? Code::kIo : Code::kNotFound,
                  errors.empty() ? path + ": cannot read" : errors.front());
  }
  if (warnings) warnings->insert(warnings->end(), errors.begin(), errors.end());
  return Status();
  CONCORD_GUARD_END
}

Status EntityDictionary::LoadString(const std::string& text, const std::string& name,
                                    std::vector<std::string>* warnings) {
  CONCORD_GUARD_BEGIN
  std::vector<std::string> errors;
  impl_->builtin_only = false;
  impl_->Parsed().LoadString(text, name, &errors);
  if (warnings) warnings->insert(warnings->end(), errors.begin(), errors.end());
  return Status();
  CONCORD_GUARD_END
}

std::size_t EntityDictionary::size() const { return impl_->Parsed().entities().size(); }

std::string EntityDictionary::ContentHash() const { return impl_->Parsed().ContentHash(); }

void EntityDictionary::EnableHistoricalNames(bool on) {
  impl_->dictionary.set_historical_names(on);
}

}  // namespace concord
