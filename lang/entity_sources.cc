#include "lang/entity_sources.h"

namespace concord::lang {

bool LoadEntitySources(const std::vector<std::string>& files, bool builtin,
                       EntityDictionary* dictionary, std::vector<std::string>* errors) {
  bool ok = true;
  if (builtin) LoadBuiltinEntities(dictionary, errors);
  for (const std::string& f : files) {
    if (!dictionary->LoadFile(f, errors)) ok = false;
  }
  return ok;
}

}  // namespace concord::lang
