// Fuzz target for the tokenizer (lang/tokenizer.h) on arbitrary bytes,
// invalid UTF-8 included.
//
// Properties checked on every input:
//   - every token is a non-empty byte span inside the text, tokens come in
//     order and do not overlap;
//   - code-point offsets agree with the byte offsets (each invalid byte counts
//     as one code point, as lang/utf8.h says);
//   - a token marked clitic_follows is followed, without a gap, by a clitic;
//   - the folded form is valid UTF-8, and the part after a zero-width
//     non-joiner (zwnj_tail) is a proper tail of it that begins a letter;
//   - tokenising the same text twice gives the same tokens (the per-thread
//     tokenizer keeps no state between calls);
//   - all of the above also with runs of Chinese and Japanese characters cut
//     into characters (IdeographRuns::kCharacters), where each such
//     character is a token of its own.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool SameToken(const concord::lang::Token& a, const concord::lang::Token& b) {
  return a.byte_start == b.byte_start && a.byte_end == b.byte_end && a.cp_start == b.cp_start &&
         a.cp_end == b.cp_end && a.norm == b.norm && a.script == b.script && a.kind == b.kind &&
         a.capitalized == b.capitalized && a.all_caps == b.all_caps &&
         a.clitic_follows == b.clitic_follows && a.zwnj_tail == b.zwnj_tail;
}

}  // namespace

namespace {

void CheckTokens(std::string_view text, concord::lang::IdeographRuns runs) {
  using concord::lang::Token;
  using concord::lang::TokenKind;
  const std::vector<Token> tokens = concord::lang::Tokenize(text, runs);

  std::size_t prev_byte_end = 0;
  std::size_t prev_cp_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    FUZZ_CHECK(t.byte_start < t.byte_end);
    FUZZ_CHECK(t.byte_end <= text.size());
    FUZZ_CHECK(t.byte_start >= prev_byte_end);
    FUZZ_CHECK(t.cp_start < t.cp_end);
    FUZZ_CHECK(t.cp_start >= prev_cp_end);
    // Code points of the gap before the token, then of the token itself.
    const std::size_t gap_cps =
        concord::lang::CountCodePoints(text.substr(prev_byte_end, t.byte_start - prev_byte_end));
    FUZZ_CHECK(t.cp_start == prev_cp_end + gap_cps);
    FUZZ_CHECK(t.cp_end - t.cp_start == concord::lang::CountCodePoints(t.surface(text)));
    FUZZ_CHECK(concord::lang::FindInvalidUtf8(t.norm) == std::string::npos);
    FUZZ_CHECK(t.zwnj_tail < t.norm.size() || t.zwnj_tail == 0);
    if (t.zwnj_tail > 0) {
      // A code point boundary: no UTF-8 continuation byte opens the tail.
      FUZZ_CHECK((static_cast<unsigned char>(t.norm[t.norm.size() - t.zwnj_tail]) & 0xC0) != 0x80);
    }
    if (t.clitic_follows) {
      FUZZ_CHECK(i + 1 < tokens.size());
      FUZZ_CHECK(tokens[i + 1].kind == TokenKind::kClitic);
      FUZZ_CHECK(tokens[i + 1].byte_start == t.byte_end);
    }
    if (runs == concord::lang::IdeographRuns::kCharacters) {
      std::size_t at = t.byte_start;
      if (concord::lang::IsIdeographic(concord::lang::DecodeUtf8(text, &at))) {
        FUZZ_CHECK(at == t.byte_end);
      }
    }
    prev_byte_end = t.byte_end;
    prev_cp_end = t.cp_end;
  }
  FUZZ_CHECK(prev_cp_end <= concord::lang::CountCodePoints(text));

  const std::vector<Token> again = concord::lang::Tokenize(text, runs);
  FUZZ_CHECK(again.size() == tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) FUZZ_CHECK(SameToken(tokens[i], again[i]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckTokens(text, concord::lang::IdeographRuns::kWords);
  CheckTokens(text, concord::lang::IdeographRuns::kCharacters);
  return 0;
}
