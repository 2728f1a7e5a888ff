#include "lang/lookalikes.h"

#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

#include <array>
#include <map>
#include <unordered_map>
#include <vector>

#include "lang/utf8.h"

namespace concord::lang {
namespace {

constexpr Script kScripts[3] = {Script::kLatin, Script::kCyrillic, Script::kGreek};

// For each letter of the three scripts, its look-alike in each of them (0:
// none). Built once from ICU's confusables data: letters whose skeleton is
// the same single character look alike.
class LookalikeTable {
 public:
  LookalikeTable() {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    if (U_FAILURE(status)) return;
    std::map<std::u16string, std::vector<char32_t>> by_skeleton;
    const std::pair<char32_t, char32_t> kRanges[] = {
        {0x0041, 0x024F}, {0x0370, 0x03FF}, {0x0400, 0x052F}, {0x1E00, 0x1FFF}};
    for (const auto& [first, last] : kRanges) {
      for (char32_t c = first; c <= last; ++c) {
        if (!u_isalpha(static_cast<UChar32>(c)) || LookalikeScript(c) < 0) continue;
        UChar in[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(in, n, static_cast<UChar32>(c));
        UChar out[8];
        status = U_ZERO_ERROR;
        const int32_t len = uspoof_getSkeleton(checker, 0, in, n, out, 8, &status);
        if (U_FAILURE(status) || len <= 0) continue;
        by_skeleton[std::u16string(out, out + len)].push_back(c);
      }
    }
    uspoof_close(checker);
    for (const auto& [skeleton, letters] : by_skeleton) {
      // One character: a letter, not a sequence ("rn" for "m") or a digit.
      UChar32 s = 0;
      int32_t i = 0;
      U16_NEXT_UNSAFE(skeleton.data(), i, s);
      if (i != static_cast<int32_t>(skeleton.size()) || !u_isalpha(s)) continue;
      for (char32_t c : letters) {
        std::array<char32_t, 3> twins{0, 0, 0};
        for (char32_t other : letters) {
          const int k = LookalikeScript(other);
          // The lowest code point of each script: its basic letter.
          if (twins[k] == 0 || other < twins[k]) twins[k] = other;
        }
        twins_[c] = twins;
      }
    }
  }

  // c's look-alike in script k, or 0.
  char32_t Twin(char32_t c, int k) const {
    const auto it = twins_.find(c);
    return it == twins_.end() ? 0 : it->second[k];
  }

 private:
  std::unordered_map<char32_t, std::array<char32_t, 3>> twins_;
};

const LookalikeTable& Table() {
  static const LookalikeTable table;
  return table;
}

}  // namespace

Script FoldLookalikes(std::string_view word, std::string* folded) {
  std::vector<char32_t> cps;
  std::array<int, 3> letters{0, 0, 0};
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = DecodeUtf8(word, &i);
    cps.push_back(c);
    const int k = LookalikeScript(c);
    if (k >= 0 && u_isalpha(static_cast<UChar32>(c))) ++letters[k];
  }
  int dominant = 0;
  for (int k = 1; k < 3; ++k) {
    if (letters[k] > letters[dominant]) dominant = k;
  }
  const int others = letters[0] + letters[1] + letters[2] - letters[dominant];
  if (others == 0 || letters[dominant] <= others) return Script::kOther;
  std::string out;
  out.reserve(word.size());
  for (char32_t c : cps) {
    const int k = LookalikeScript(c);
    if (k >= 0 && k != dominant && u_isalpha(static_cast<UChar32>(c))) {
      const char32_t twin = Table().Twin(c, dominant);
      if (twin == 0) return Script::kOther;
      c = twin;
    }
    AppendUtf8(c, &out);
  }
  *folded = std::move(out);
  return kScripts[dominant];
}

}  // namespace concord::lang
