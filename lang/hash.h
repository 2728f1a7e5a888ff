#ifndef CONCORD_LANG_HASH_H_
#define CONCORD_LANG_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace concord::lang {

// FNV-1a, 64 bits: stable across runs, builds and machines (std::hash is
// not), so its values can be stored in an index. Chain calls by passing the
// previous result as `h` to hash data that arrives in pieces.
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

inline std::uint64_t Fnv1a64(std::string_view data, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// `h` as 16 lower-case hex digits, the most significant first.
inline std::string Hex64(std::uint64_t h) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 0xf];
  return out;
}

}  // namespace concord::lang

#endif  // CONCORD_LANG_HASH_H_
