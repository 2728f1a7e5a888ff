#ifndef CONCORD_API_INTERNAL_H_
#define CONCORD_API_INTERNAL_H_

// Shared by the library's implementation files; not installed.

#include <xapian.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "concord/concord.hpp"
#include "lang/entity_dictionary.h"

namespace concord {

struct EntityDictionary::Impl {
  // The built-in files LoadBuiltin read (path, bytes), not parsed yet: a
  // search whose database saved a matcher for them never needs to (the
  // matcher file records their SourceKey with the content hash).
  std::vector<std::pair<std::string, std::string>> unparsed;
  std::uint64_t builtin_digest = 0;  // of the built-in files' file names and bytes
  bool builtin_only = false;         // LoadBuiltin once, and nothing else
  std::mutex parsing;                // const users may parse from several threads
  lang::EntityDictionary dictionary;

  // `dictionary`, with the files read but not yet parsed parsed first.
  lang::EntityDictionary& Parsed();
  // A digest of the built-in files, the tagging rules and the
  // historical-names switch; "" unless builtin_only.
  std::string SourceKey() const;
};

struct EntityDictionaryAccess {
  static const lang::EntityDictionary& Of(const EntityDictionary& d) { return d.impl_->Parsed(); }
  static std::string SourceKey(const EntityDictionary& d) { return d.impl_->SourceKey(); }
};

}  // namespace concord

// Every public entry point runs its body through this: nothing escapes as an
// exception (std::bad_alloc included), whatever the layers below do.
#define CONCORD_GUARD_BEGIN try {
#define CONCORD_GUARD_END                                                         \
  }                                                                               \
  catch (const Xapian::Error& e) {                                                \
    return Status(Code::kInternal, "unexpected error: " + e.get_description());   \
  }                                                                               \
  catch (const std::exception& e) {                                               \
    return Status(Code::kInternal, std::string("unexpected error: ") + e.what()); \
  }                                                                               \
  catch (...) {                                                                   \
    return Status(Code::kInternal, "unexpected error");                           \
  }

#endif  // CONCORD_API_INTERNAL_H_
