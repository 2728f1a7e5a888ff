#ifndef CONCORD_LANG_ENTITY_SOURCES_H_
#define CONCORD_LANG_ENTITY_SOURCES_H_

#include <string>
#include <vector>

#include "lang/entity_dictionary.h"

namespace concord::lang {

// Loads the built-in dictionaries (unless `builtin` is false) and then each
// of `files`, in order. Every problem is appended to *errors naming the file
// and line; false only when a named file cannot be read at all.
bool LoadEntitySources(const std::vector<std::string>& files, bool builtin,
                       EntityDictionary* dictionary, std::vector<std::string>* errors);

}  // namespace concord::lang

#endif  // CONCORD_LANG_ENTITY_SOURCES_H_
