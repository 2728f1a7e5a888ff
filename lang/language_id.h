#ifndef CONCORD_LANG_LANGUAGE_ID_H_
#define CONCORD_LANG_LANGUAGE_ID_H_

#include <string>
#include <string_view>

namespace concord::lang {

// ISO 639-1 code of the dominant language of `text` ("en", "fr", "uk", ...),
// or "und" when it cannot be told reliably (short or mixed texts). Uses CLD2; invalid UTF-8 is
// tolerated. Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace concord::lang

#endif  // CONCORD_LANG_LANGUAGE_ID_H_
