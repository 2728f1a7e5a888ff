#include "lang/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <unordered_map>

namespace concord::lang {
namespace {

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCCasefoldInstance(status);
  }();
  return n;
}

const icu::Normalizer2* Nfd() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return n;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return n;
}

// Letters that carry no combining mark in NFD but still fold to ASCII.
const char* LatinSpecial(UChar32 c) {
  switch (c) {
    case 0x0142:
      return "l";  // ł
    case 0x00F8:
      return "o";  // ø
    case 0x0111:
      return "d";  // đ
    case 0x0127:
      return "h";  // ħ
    case 0x0131:
      return "i";  // dotless ı
    case 0x0259:
      return "e";  // ə (Azerbaijani schwa: Ərdoğan)
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x00FE:
      return "th";  // þ
    case 0x00F0:
      return "d";  // ð
    case 0x0140:
      return "l";  // ŀ
    case 0x0167:
      return "t";  // ŧ
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0x0060:
    case 0x00B4:
    case 0x2032:
      return "'";
    default:
      return nullptr;
  }
}

bool FoldsMarks(UChar32 base) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode sc = uscript_getScript(base, &status);
  return sc == USCRIPT_LATIN || sc == USCRIPT_GREEK || sc == USCRIPT_COMMON ||
         sc == USCRIPT_INHERITED;
}

bool IsAsciiNoApostropheIssue(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || c == '`') return false;
  }
  return true;
}

}  // namespace

std::string FoldWordUncached(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString folded = Nfkc()->normalize(in, status);
  icu::UnicodeString decomposed = Nfd()->normalize(folded, status);
  if (U_FAILURE(status)) return std::string(utf8);

  icu::UnicodeString stripped;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const int8_t gc = static_cast<int8_t>(u_charType(c));
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK) {
      if (base != 0 && FoldsMarks(base)) continue;
      stripped.append(c);
      continue;
    }
    base = c;
    if (const char* repl = LatinSpecial(c)) {
      stripped.append(icu::UnicodeString(repl));
    } else {
      stripped.append(c);
    }
  }
  icu::UnicodeString composed = Nfc()->normalize(stripped, status);
  std::string out;
  composed.toUTF8String(out);
  return out;
}

std::string FoldWord(std::string_view utf8) {
  if (IsAsciiNoApostropheIssue(utf8)) {
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  thread_local std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(std::string(utf8));
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::string out = FoldWordUncached(utf8);
  cache.emplace(std::string(utf8), out);
  return out;
}

}  // namespace concord::lang
