#include "tools/cairo_loader.h"

#include <dlfcn.h>

#include <mutex>

namespace concord::cli::cairo {

#define CONCORD_CAIRO_DEFINE(name) decltype(&::cairo_##name) name = nullptr;
CONCORD_CAIRO_FUNCTIONS(CONCORD_CAIRO_DEFINE)
#undef CONCORD_CAIRO_DEFINE

namespace {

// The soname of cairo's ABI (libcairo2 in Debian), as the linker would record it.
constexpr const char* kLibrary = "libcairo.so.2";

std::string Load() {
  void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    return std::string("charts need cairo, and ") + kLibrary +
           " cannot be loaded: " + (why != nullptr ? why : "unknown error") +
           " (install libcairo2)";
  }
  // Kept loaded until the process ends: the pointers below point into it.
#define CONCORD_CAIRO_RESOLVE(name)                                                    \
  name = reinterpret_cast<decltype(name)>(dlsym(library, "cairo_" #name));             \
  if (name == nullptr) {                                                               \
    return std::string("charts need cairo, and ") + kLibrary + " has no cairo_" #name; \
  }
  CONCORD_CAIRO_FUNCTIONS(CONCORD_CAIRO_RESOLVE)
#undef CONCORD_CAIRO_RESOLVE
  return std::string();
}

}  // namespace

bool LoadCairo(std::string* error) {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] { failure = Load(); });
  if (failure.empty()) return true;
  *error = failure;
  return false;
}

}  // namespace concord::cli::cairo
