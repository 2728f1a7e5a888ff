#include "text.h"

#include <cstddef>

namespace concord::python {
namespace {

// The length of the valid UTF-8 sequence at `text[i]`, or 0 when the byte
// there starts none (overlong forms, surrogates and code points above
// U+10FFFF are invalid, as in Python's strict codec).
std::size_t SequenceAt(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  char32_t cp = 0, min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string Sanitized(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = SequenceAt(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  return out;
}

std::string EscapedName(std::string_view name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  const auto escape = [&](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  };
  for (std::size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const std::size_t len = SequenceAt(name, i);
    if (len == 0) {
      escape(c);
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F) {
      escape(c);
    } else if (c == 0xC2 && static_cast<unsigned char>(name[i + 1]) <= 0x9F) {  // a C1 control
      escape(c);
      escape(static_cast<unsigned char>(name[i + 1]));
    } else {
      out.append(name, i, len);
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

pybind11::str PyText(std::string_view text) {
  PyObject* str = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), nullptr);
  if (str == nullptr) {
    PyErr_Clear();
    const std::string clean = Sanitized(text);
    str = PyUnicode_DecodeUTF8(clean.data(), static_cast<Py_ssize_t>(clean.size()), nullptr);
    if (str == nullptr) throw pybind11::error_already_set();
  }
  return pybind11::reinterpret_steal<pybind11::str>(str);
}

}  // namespace concord::python
