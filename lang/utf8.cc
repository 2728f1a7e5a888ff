#include "lang/utf8.h"

namespace concord::lang {

char32_t DecodeUtf8(std::string_view s, std::size_t* i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const std::size_t n = s.size();
  const unsigned char c = b(*i);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++*i;
    return 0xFFFD;
  }
  if (*i + len > n) {
    ++*i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = b(*i + k);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::u32string ToUtf32(std::string_view text) {
  std::u32string out;
  std::size_t i = 0;
  while (i < text.size()) out.push_back(DecodeUtf8(text, &i));
  return out;
}

std::string FromUtf32(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) AppendUtf8(c, &out);
  return out;
}

MappedText MapUtf8(std::string_view text) {
  MappedText m;
  m.byte_of.reserve(text.size() + 1);
  m.cp_of.reserve(text.size() + 1);
  std::size_t i = 0;
  uint32_t cp_index = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = DecodeUtf8(text, &i);
    m.u16.append(static_cast<UChar32>(cp));
    const int units = cp >= 0x10000 ? 2 : 1;
    for (int u = 0; u < units; ++u) {
      m.byte_of.push_back(static_cast<uint32_t>(start));
      m.cp_of.push_back(cp_index);
    }
    ++cp_index;
  }
  m.byte_of.push_back(static_cast<uint32_t>(text.size()));
  m.cp_of.push_back(cp_index);
  return m;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t i = 0, n = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
    } else {
      DecodeUtf8(text, &i);
    }
    ++n;
  }
  return n;
}

std::size_t FindInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = DecodeUtf8(text, &i);
    if (cp == 0xFFFD && !(i - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) {
      return start;
    }
  }
  return std::string_view::npos;
}

std::string SanitizeUtf8(std::string_view text) {
  if (FindInvalidUtf8(text) == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) AppendUtf8(DecodeUtf8(text, &i), &out);
  return out;
}

std::string EscapeName(std::string_view name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  auto escape = [&](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  };
  std::size_t i = 0;
  while (i < name.size()) {
    const std::size_t bad = FindInvalidUtf8(name.substr(i));
    const std::size_t valid_end = bad == std::string_view::npos ? name.size() : i + bad;
    for (; i < valid_end; ++i) {
      // Runs of bytes that need no escape are copied whole.
      std::size_t plain = i;
      while (plain < valid_end) {
        const auto p = static_cast<unsigned char>(name[plain]);
        if (p == '\\' || p < 0x20 || p == 0x7F || p == 0xC2) break;
        ++plain;
      }
      out.append(name.data() + i, plain - i);
      i = plain;
      if (i == valid_end) break;
      const unsigned char c = static_cast<unsigned char>(name[i]);
      if (c == '\\') {
        out += "\\\\";
      } else if (c < 0x20 || c == 0x7F) {
        escape(c);
      } else if (c == 0xC2 && i + 1 < valid_end &&
                 static_cast<unsigned char>(name[i + 1]) <= 0x9F) {  // a C1 control
        escape(c);
        escape(static_cast<unsigned char>(name[++i]));
      } else {
        out += name[i];
      }
    }
    if (i < name.size()) escape(static_cast<unsigned char>(name[i++]));
  }
  return out;
}

std::string WithoutControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      continue;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      ++i;  // a C1 control
    } else if (c == 0xE2 && i + 2 < text.size() &&
               ((text[i + 1] == '\x80' && static_cast<unsigned char>(text[i + 2]) >= 0xAA &&
                 static_cast<unsigned char>(text[i + 2]) <= 0xAE) ||
                (text[i + 1] == '\x81' && static_cast<unsigned char>(text[i + 2]) >= 0xA6 &&
                 static_cast<unsigned char>(text[i + 2]) <= 0xA9))) {
      i += 2;  // a bidi embedding, override or isolate (U+202A..E, U+2066..9)
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace concord::lang
