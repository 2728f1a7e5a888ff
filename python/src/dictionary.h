#ifndef CONCORD_PYTHON_DICTIONARY_H_
#define CONCORD_PYTHON_DICTIONARY_H_

#include <concord/concord.hpp>
#include <memory>
#include <string>
#include <vector>

namespace concord::python {

// The built-in entity dictionaries plus `files` (as concord-index and
// concord-search --entities FILE load them); null when `files` is empty, which
// the library reads as the built-in ones. Bad lines are appended to
// `warnings`; an unreadable file throws StatusError. Runs without the GIL.
std::shared_ptr<const EntityDictionary> LoadDictionary(const std::vector<std::string>& files,
                                                       std::vector<std::string>* warnings);

}  // namespace concord::python

#endif  // CONCORD_PYTHON_DICTIONARY_H_
