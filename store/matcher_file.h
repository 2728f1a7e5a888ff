#ifndef CONCORD_STORE_MATCHER_FILE_H_
#define CONCORD_STORE_MATCHER_FILE_H_

// The compiled entity matcher saved beside a database (docs/architecture.md,
// "Matcher cache"): compiling the dictionaries costs more than most queries,
// so the writer saves its matcher and every later process, searches
// included, maps the file instead. It is a cache: a missing or stale file
// (other dictionaries, another concord) is compiled again, a corrupt one is
// ignored with a warning.

#include <memory>
#include <string>
#include <vector>

#include "lang/entity_matcher.h"

namespace concord::store {

inline constexpr char kMatcherFileName[] = "concord.matcher";

// Where the matcher of the database at `path` lives: inside it when `path` is
// a directory, beside it when it is a stub file.
std::string MatcherFilePath(const std::string& path);

// A matcher is saved under the content hash of the dictionaries it was
// compiled from and, when they are the built-in files alone, a hash of those
// files' bytes (`source`, "" otherwise): a search that finds its source in
// the file learns the content hash without parsing the dictionaries.
std::string MatcherKey(const std::string& hash, const std::string& source);

// The matcher saved for dictionaries whose content hash is `hash` beside the
// first of `paths` that has one; null when none has (a corrupt file adds a
// line naming it to *warnings). The matcher maps the file: replacing the file
// later (SaveMatcher renames over it) does not disturb it.
std::unique_ptr<lang::EntityMatcher> LoadMatcher(const std::vector<std::string>& paths,
                                                 const std::string& hash,
                                                 std::vector<std::string>* warnings);

// The same, for dictionaries known by their `source` alone (non-empty):
// *hash is set to their content hash when a matcher is found.
std::unique_ptr<lang::EntityMatcher> LoadMatcherBySource(const std::vector<std::string>& paths,
                                                         const std::string& source,
                                                         std::string* hash,
                                                         std::vector<std::string>* warnings);

// Saves `matcher` under `key` (MatcherKey) beside the database at `path`
// (write to a temporary file, then rename). False, with *error, when it
// cannot: the database still works, slower to open.
bool SaveMatcher(const std::string& path, const lang::EntityMatcher& matcher,
                 const std::string& key, std::string* error);

}  // namespace concord::store

#endif  // CONCORD_STORE_MATCHER_FILE_H_
