#include "dictionary.h"

#include "errors.h"

namespace concord::python {

std::shared_ptr<const EntityDictionary> LoadDictionary(const std::vector<std::string>& files,
                                                       std::vector<std::string>* warnings) {
  if (files.empty()) return nullptr;
  auto dictionary = std::make_shared<EntityDictionary>();
  Check(dictionary->LoadBuiltin());
  for (const std::string& file : files) Check(dictionary->LoadFile(file, warnings));
  return dictionary;
}

}  // namespace concord::python
