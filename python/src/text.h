#ifndef CONCORD_PYTHON_TEXT_H_
#define CONCORD_PYTHON_TEXT_H_

// Strings from the library on their way to Python, made exactly as
// concord-search's JSON makes them (tools/print_json.cc), so that a record
// compares equal field for field with the CLI's. The module may use the
// public API only, so the two rules are restated here (lang/utf8.h holds the
// library's own); tests/python checks them against concord-search.

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace concord::python {

// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD,
// one per byte (the library's SanitizeUtf8).
std::string Sanitized(std::string_view text);

// A file name or id as concord-search prints it (docs/corpus.md, "File
// names"): a backslash becomes "\\", a byte of invalid UTF-8 or of a control
// character (C0, DEL, C1) "\xNN"; everything else is kept.
std::string EscapedName(std::string_view name);

// A Python str of `text`, sanitized first only when it is not valid UTF-8
// (the common case decodes once). REQUIRES: the GIL is held.
pybind11::str PyText(std::string_view text);

}  // namespace concord::python

#endif  // CONCORD_PYTHON_TEXT_H_
