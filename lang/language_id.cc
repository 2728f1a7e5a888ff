#include "lang/language_id.h"

#include <cld2/public/compact_lang_det.h>

#include "lang/utf8.h"

namespace concord::lang {

std::string DetectLanguage(std::string_view text) {
  // CLD2 requires valid UTF-8 and looks at the first part of long texts anyway.
  // 8 KiB is plenty for a confident guess and keeps CLD2 off the profile.
  constexpr std::size_t kSample = 8 * 1024;
  std::string clean = SanitizeUtf8(text.substr(0, kSample));
  bool reliable = false;
  const CLD2::Language lang =
      CLD2::DetectLanguage(clean.data(), static_cast<int>(clean.size()), true, &reliable);
  // An unreliable guess (CLD2 says "en" for a short Czech sentence) is worse
  // than none: "und" makes later stages consider every language's rules.
  if (lang == CLD2::UNKNOWN_LANGUAGE || !reliable) return "und";
  std::string code = CLD2::LanguageCode(lang);
  if (code == "un" || code == "xxx") return "und";
  if (code == "iw") return "he";
  return code;
}

}  // namespace concord::lang
