#ifndef CONCORD_API_INTERNAL_H_
#define CONCORD_API_INTERNAL_H_

// Shared by the library's implementation files; not installed.

#include <xapian.h>

#include <string>

#include "concord/concord.hpp"
#include "lang/entity_dictionary.h"

namespace concord {

struct EntityDictionary::Impl {
  lang::EntityDictionary dictionary;
};

struct EntityDictionaryAccess {
  static const lang::EntityDictionary& Of(const EntityDictionary& d) { return d.impl_->dictionary; }
};

// The dictionaries to use: a copy of `given`, or the built-in ones.
Status ResolveDictionary(const EntityDictionary* given, lang::EntityDictionary* out);

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
