#ifndef CONCORD_LANG_CODING_H_
#define CONCORD_LANG_CODING_H_

// Compact binary encoding shared by what concord stores: LEB128 varints and
// length-prefixed strings. Readers never trust their input: every Get*
// returns false on truncation or an overlong encoding and leaves *pos where
// the failure was.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace concord::lang {

inline void PutVarint(std::uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

inline void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

inline bool GetVarint(std::string_view data, std::size_t* pos, std::uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= data.size()) return false;
    const auto byte = static_cast<unsigned char>(data[(*pos)++]);
    *v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// A string of `data` without copying it; valid while `data` is.
inline bool GetStringView(std::string_view data, std::size_t* pos, std::string_view* s) {
  std::uint64_t n;
  if (!GetVarint(data, pos, &n) || n > data.size() - *pos) return false;
  *s = data.substr(*pos, n);
  *pos += n;
  return true;
}

inline bool GetString(std::string_view data, std::size_t* pos, std::string* s) {
  std::string_view view;
  if (!GetStringView(data, pos, &view)) return false;
  s->assign(view);
  return true;
}

inline bool SkipString(std::string_view data, std::size_t* pos) {
  std::string_view ignored;
  return GetStringView(data, pos, &ignored);
}

}  // namespace concord::lang

#endif  // CONCORD_LANG_CODING_H_
