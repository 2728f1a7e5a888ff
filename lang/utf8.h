#ifndef CONCORD_LANG_UTF8_H_
#define CONCORD_LANG_UTF8_H_

#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concord::lang {

// UTF-16 copy of a UTF-8 text that remembers, for every UTF-16 unit, where it
// came from in the original bytes. Invalid bytes become U+FFFD, one per byte,
// so every original byte stays addressable and offsets never drift.
struct MappedText {
  icu::UnicodeString u16;
  std::vector<uint32_t> byte_of;  // size u16.length()+1: byte offset of each unit
  std::vector<uint32_t> cp_of;    // size u16.length()+1: code-point offset of each unit
};

// REQUIRES: text.size() < 4 GiB.
MappedText MapUtf8(std::string_view text);

// Number of code points in `text`, counting each invalid byte as one.
std::size_t CountCodePoints(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t FindInvalidUtf8(std::string_view text);

// Copy of `text` with every invalid byte replaced by U+FFFD (for JSON output).
std::string SanitizeUtf8(std::string_view text);

// A file name or id as concord-search prints it, lossless and printable in
// every format (docs/corpus.md, "File names"): a backslash becomes "\\",
// every byte that is not part of valid UTF-8 and every byte of a control
// character (C0, DEL, C1) becomes "\xNN" (two upper-case hex digits);
// everything else is kept.
// Decoding "\\" and "\xNN" gives back the original bytes.
std::string EscapeName(std::string_view name);

// `text` without control characters, for one-line fields (titles,
// snippets): tab, CR and LF become a space; the other C0 controls, DEL, the
// C1 controls (U+0080..U+009F) and the bidi embeddings, overrides and
// isolates (U+202A..U+202E, U+2066..U+2069, which can reorder what follows
// them on a screen) are dropped. Everything else is kept byte for byte.
std::string WithoutControls(std::string_view text);

// Decodes one code point at `*i` and advances it; invalid bytes yield U+FFFD
// and advance by one.
char32_t DecodeUtf8(std::string_view text, std::size_t* i);

// Letters of the Georgian script (Mkhedruli, Mtavruli, Nuskhuri) and of the
// Armenian alphabet, which the tokenizer files under Script::kOther.
inline bool IsGeorgianLetter(char32_t c) {
  return (c >= 0x10A0 && c <= 0x10FF) || (c >= 0x1C90 && c <= 0x1CBF) ||
         (c >= 0x2D00 && c <= 0x2D2F);
}
inline bool IsArmenianLetter(char32_t c) { return c >= 0x0531 && c <= 0x058A; }

void AppendUtf8(char32_t cp, std::string* out);

// A word as code points and back (DecodeUtf8, AppendUtf8), for comparing
// and editing it letter by letter.
std::u32string ToUtf32(std::string_view text);
std::string FromUtf32(const std::u32string& text);

}  // namespace concord::lang

#endif  // CONCORD_LANG_UTF8_H_
