#include <filesystem>

#include "api/internal.h"

namespace concord {

const char* Version() { return CONCORD_VERSION_STRING; }

EntityDictionary::EntityDictionary() : impl_(new Impl) {}
EntityDictionary::~EntityDictionary() = default;
EntityDictionary::EntityDictionary(EntityDictionary&&) noexcept = default;
EntityDictionary& EntityDictionary::operator=(EntityDictionary&&) noexcept = default;

Status EntityDictionary::LoadBuiltin() {
  CONCORD_GUARD_BEGIN
  std::vector<std::string> errors;
  if (!lang::LoadBuiltinEntities(&impl_->dictionary, &errors)) {
    return Status(Code::kNotFound,
                  (errors.empty() ? lang::BuiltinEntitiesPath() : errors.front()) +
                      " (set CONCORD_ENTITIES_DIR to the directory of *.entities files)");
  }
  return Status();
  CONCORD_GUARD_END
}

Status EntityDictionary::LoadFile(const std::string& path, std::vector<std::string>* warnings) {
  CONCORD_GUARD_BEGIN
  std::vector<std::string> errors;
  const bool ok = impl_->dictionary.LoadFile(path, &errors);
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
  impl_->dictionary.LoadString(text, name, &errors);
  if (warnings) warnings->insert(warnings->end(), errors.begin(), errors.end());
  return Status();
  CONCORD_GUARD_END
}

std::size_t EntityDictionary::size() const { return impl_->dictionary.entities().size(); }

std::string EntityDictionary::ContentHash() const { return impl_->dictionary.ContentHash(); }

void EntityDictionary::EnableHistoricalNames(bool on) {
  impl_->dictionary.set_historical_names(on);
}

Status ResolveDictionary(const EntityDictionary* given, lang::EntityDictionary* out) {
  if (given) {
    *out = EntityDictionaryAccess::Of(*given);
    return Status();
  }
  EntityDictionary builtin;
  Status s = builtin.LoadBuiltin();
  if (s.ok()) *out = EntityDictionaryAccess::Of(builtin);
  return s;
}

}  // namespace concord
