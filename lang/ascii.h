#ifndef CONCORD_LANG_ASCII_H_
#define CONCORD_LANG_ASCII_H_

#include <string>
#include <string_view>

// ASCII helpers for markup, headers, metadata keys and dictionary syntax:
// the places where only ASCII has meaning. Text is folded by lang/normalize.h.
namespace concord::lang {

// Space, tab, LF, VT, FF, CR.
inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` with A-Z lowered; every other byte kept.
inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

// `s` without leading and trailing ASCII whitespace.
inline std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace concord::lang

#endif  // CONCORD_LANG_ASCII_H_
