#include "lang/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "lang/ascii.h"
#include "lang/hash.h"
#include "lang/lookalikes.h"
#include "lang/normalize.h"
#include "lang/utf8.h"

namespace concord::lang {
namespace {

bool IsApostrophe(UChar32 c) { return c == 0x27 || c == 0x2019 || c == 0x02BC; }

bool IsZeroWidthJoinable(UChar32 c) { return c == 0x200B || c == 0x2060 || c == 0xFEFF; }

// Folded forms of elided articles and pronouns that are written glued to the
// next word with an apostrophe (French, Italian, Catalan).
bool IsElision(std::string_view folded) {
  static const char* const kElisions[] = {
      "l",      "d",     "j",      "m",      "n",      "s",    "t",    "c",      "qu",     "lorsqu",
      "puisqu", "jusqu", "quoiqu", "presqu", "quelqu", "dell", "all",  "nell",   "dall",   "sull",
      "coll",   "un",    "quell",  "quest",  "dev",    "sant", "tutt", "nessun", "ciascun"};
  for (const char* e : kElisions) {
    if (folded == e) return true;
  }
  return false;
}

Script ScriptOf(UChar32 c) {
  if (u_isdigit(c)) return Script::kNumber;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_LATIN:
      return Script::kLatin;
    case USCRIPT_CYRILLIC:
      return Script::kCyrillic;
    case USCRIPT_GREEK:
      return Script::kGreek;
    default:
      return Script::kOther;
  }
}

struct Piece {
  int32_t start, end;  // UTF-16 units
  TokenKind kind;
};

// A code point that makes a segment ICU calls "no word" a symbol token:
// emoji and other pictographs, regional indicators (flags), other symbols.
bool IsSymbol(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || u_charType(c) == U_OTHER_SYMBOL;
}

// Dropped from a symbol's folded form: variation selectors (text/emoji
// presentation) and skin-tone modifiers.
bool IsSymbolModifier(UChar32 c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF);
}

struct Segment {
  int32_t start, end;  // UTF-16 units
  bool symbol;         // a run ICU gives no word status, holding a symbol
};

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) words.reset();
  }

  // Word and symbol segments of the text, with word runs split only by
  // zero-width spaces rejoined.
  std::vector<Segment> Segments(const icu::UnicodeString& u16) {
    std::vector<Segment> out;
    if (!words) return out;
    words->setText(u16);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      if (words->getRuleStatus() == UBRK_WORD_NONE) {
        bool symbol = false;
        for (int32_t i = start; i < end && !symbol; i = u16.moveIndex32(i, 1)) {
          symbol = IsSymbol(u16.char32At(i));
        }
        if (symbol) out.push_back({start, end, true});
        continue;
      }
      if (!out.empty() && !out.back().symbol) {
        int32_t gap = out.back().end;
        while (gap < start && IsZeroWidthJoinable(u16.char32At(gap))) ++gap;
        if (gap == start && out.back().end != start) {
          out.back().end = end;
          continue;
        }
      }
      out.push_back({start, end, false});
    }
    return out;
  }

  // Splits a segment at apostrophes into elision / word / clitic pieces.
  void SplitApostrophes(const icu::UnicodeString& u16, int32_t s, int32_t e,
                        std::vector<Piece>* out) {
    std::vector<int32_t> apos;
    for (int32_t i = s; i < e; i = u16.moveIndex32(i, 1)) {
      if (IsApostrophe(u16.char32At(i))) apos.push_back(i);
    }
    if (apos.empty() || ScriptOf(u16.char32At(s)) != Script::kLatin) {
      out->push_back({s, e, TokenKind::kWord});
      return;
    }
    int32_t word_start = s;
    const int32_t first = apos.front();
    if (first > s && first + 1 < e) {
      std::string prefix;
      u16.tempSubStringBetween(s, first).toUTF8String(prefix);
      if (IsElision(FoldWord(prefix))) {
        out->push_back({s, first + 1, TokenKind::kElision});
        word_start = first + 1;
      }
    }
    int32_t word_end = e;
    const int32_t last = apos.back();
    if (last >= word_start + 1 && last + 1 < e && e - (last + 1) <= 6) {
      const UChar32 after = u16.char32At(last + 1);
      bool all_caps = true;
      for (int32_t i = word_start; i < e; i = u16.moveIndex32(i, 1)) {
        if (u_isULowercase(u16.char32At(i))) all_caps = false;
      }
      if (u_isULowercase(after) || (all_caps && e - (last + 1) <= 3)) word_end = last;
    }
    out->push_back({word_start, word_end, TokenKind::kWord});
    if (word_end < e) out->push_back({word_end, e, TokenKind::kClitic});
  }

  Token MakeToken(const MappedText& m, const Piece& p) {
    Token t;
    t.byte_start = m.byte_of[p.start];
    t.byte_end = m.byte_of[p.end];
    t.cp_start = m.cp_of[p.start];
    t.cp_end = m.cp_of[p.end];
    t.kind = p.kind;
    if (p.kind == TokenKind::kSymbol) {
      icu::UnicodeString kept;
      for (int32_t i = p.start; i < p.end; i = m.u16.moveIndex32(i, 1)) {
        if (!IsSymbolModifier(m.u16.char32At(i))) kept.append(m.u16.char32At(i));
      }
      kept.toUTF8String(t.norm);
      return t;
    }
    std::string surface;
    m.u16.tempSubStringBetween(p.start, p.end).toUTF8String(surface);
    t.norm = FoldWord(surface);
    int letters = 0;
    bool any_lower = false, any_upper = false;
    int leading_caps = 0;  // capitals before the first lower-case letter
    unsigned scripts = 0;  // a bit per LookalikeScript
    for (int32_t i = p.start; i < p.end; i = m.u16.moveIndex32(i, 1)) {
      const UChar32 c = m.u16.char32At(i);
      if (!u_isalpha(c)) {
        if (t.script == Script::kOther && u_isdigit(c)) t.script = Script::kNumber;
        continue;
      }
      if (const int k = LookalikeScript(static_cast<char32_t>(c)); k >= 0) scripts |= 1u << k;
      if (letters == 0) {
        t.script = ScriptOf(c);
        t.capitalized = u_isupper(c) || u_istitle(c);
      }
      ++letters;
      if (u_isULowercase(c)) {
        if (!any_lower && leading_caps >= 3) t.caps_then_lower = true;
        any_lower = true;
      }
      if (u_isupper(c) || u_istitle(c)) {
        any_upper = true;
        if (any_lower) t.lower_then_upper = true;
        if (!any_lower) ++leading_caps;
      }
    }
    // Letters of a script without case (Devanagari, Arabic, CJK) are neither.
    t.all_caps = letters >= 2 && !any_lower && any_upper;
    if (t.kind == TokenKind::kWord && letters == 0) t.kind = TokenKind::kNumber;
    if (scripts & (scripts - 1)) {  // letters of two of Latin, Cyrillic, Greek
      std::string folded;
      const Script dominant = FoldLookalikes(surface, &folded);
      if (dominant != Script::kOther) {
        t.norm = FoldWord(folded);
        t.script = dominant;
        t.lookalikes = true;
      }
    }
    // (After the look-alike letters are read: the tail is compared with
    // the final `norm`. Only in the scripts without case, whose words alone
    // the matcher cuts there: no search through every Latin or Cyrillic word.)
    if (const std::size_t zwnj =
            t.script == Script::kOther ? surface.rfind("\u200C") : std::string::npos;
        zwnj != std::string::npos) {
      const std::string tail = FoldWord(std::string_view(surface).substr(zwnj + 3));
      if (!tail.empty() && tail.size() < t.norm.size() && tail.size() <= 255 &&
          t.norm.compare(t.norm.size() - tail.size(), tail.size(), tail) == 0) {
        t.zwnj_tail = static_cast<std::uint8_t>(tail.size());
      }
    }
    return t;
  }
};

Tokenizer::Tokenizer() : impl_(new Impl) {}
Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::TokenizeWithIcu(std::string_view utf8) {
  std::vector<Token> tokens;
  if (utf8.empty()) return tokens;
  const MappedText m = MapUtf8(utf8);
  std::vector<Piece> pieces;
  for (const Segment& seg : impl_->Segments(m.u16)) {
    pieces.clear();
    if (seg.symbol) {
      pieces.push_back({seg.start, seg.end, TokenKind::kSymbol});
    } else {
      impl_->SplitApostrophes(m.u16, seg.start, seg.end, &pieces);
    }
    for (const Piece& p : pieces) {
      Token t = impl_->MakeToken(m, p);
      if (t.norm.empty()) continue;
      if (t.kind == TokenKind::kClitic && !tokens.empty()) tokens.back().clitic_follows = true;
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A whitespace-delimited run that ICU would cut into exactly one plain word
// or number: ASCII letters and digits, with only opening punctuation before
// and closing punctuation after ("(Kyiv),", "2025."). Anything else (an
// apostrophe, a hyphen, "U.S.", "2,000", any non-ASCII byte) takes ICU's path.
bool PlainAsciiRun(std::string_view run, std::size_t* word_begin, std::size_t* word_end) {
  std::size_t b = 0;
  while (b < run.size() && (run[b] == '(' || run[b] == '"')) ++b;
  std::size_t e = b;
  while (e < run.size() && IsAsciiAlnum(run[e])) ++e;
  if (e == b) return false;
  for (std::size_t i = e; i < run.size(); ++i) {
    const char c = run[i];
    if (c != ',' && c != '.' && c != ';' && c != ':' && c != '!' && c != '?' && c != ')' &&
        c != '"') {
      return false;
    }
  }
  *word_begin = b;
  *word_end = e;
  return true;
}

}  // namespace

// Word boundaries never cross ASCII whitespace, so the text is cut into runs
// at whitespace: plain ASCII words (most of English and much of French news)
// are made here directly; consecutive other runs go to ICU together, with
// offsets shifted back. The result equals TokenizeWithIcu's (tested).
std::vector<Token> Tokenizer::Tokenize(std::string_view utf8, IdeographRuns runs) {
  std::vector<Token> tokens;
  // About one token per six bytes of news text: room made once, not grown
  // (and moved) a dozen times; capped, so a huge text grows as usual.
  tokens.reserve(std::min<std::size_t>(utf8.size() / 6 + 1, std::size_t{1} << 16));
  std::size_t cp = 0;          // code points before `pos`
  std::size_t slow_begin = 0;  // start of the pending ICU span
  std::size_t slow_cp = 0;
  bool slow_pending = false;
  // utf8[begin, end) through ICU, its `begin_cp`-th code point first.
  const auto with_icu = [&](std::size_t begin, std::size_t end, std::size_t begin_cp) {
    for (Token& t : TokenizeWithIcu(utf8.substr(begin, end - begin))) {
      t.byte_start += begin;
      t.byte_end += begin;
      t.cp_start += begin_cp;
      t.cp_end += begin_cp;
      if (t.kind == TokenKind::kClitic && !tokens.empty()) tokens.back().clitic_follows = true;
      tokens.push_back(std::move(t));
    }
  };
  auto flush_slow = [&](std::size_t end) {
    if (!slow_pending) return;
    slow_pending = false;
    if (runs == IdeographRuns::kWords) {
      with_icu(slow_begin, end, slow_cp);
      return;
    }
    // Each ideographic character a word; what lies between goes to ICU.
    std::size_t piece = slow_begin, piece_cp = slow_cp, at_cp = slow_cp;
    for (std::size_t at = slow_begin; at < end; ++at_cp) {
      const std::size_t from = at;
      if (!IsIdeographic(DecodeUtf8(utf8, &at))) continue;
      if (piece < from) with_icu(piece, from, piece_cp);
      Token t;
      t.byte_start = from;
      t.byte_end = at;
      t.cp_start = at_cp;
      t.cp_end = at_cp + 1;
      t.norm = FoldWord(utf8.substr(from, at - from));
      if (!t.norm.empty()) tokens.push_back(std::move(t));
      piece = at;
      piece_cp = at_cp + 1;
    }
    if (piece < end) with_icu(piece, end, piece_cp);
  };
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::size_t run_begin = pos;
    while (pos < utf8.size() && !IsAsciiSpace(utf8[pos])) ++pos;
    const std::string_view run = utf8.substr(run_begin, pos - run_begin);
    std::size_t wb = 0, we = 0;
    if (!run.empty() && PlainAsciiRun(run, &wb, &we)) {
      flush_slow(run_begin);
      Token t;
      t.byte_start = run_begin + wb;
      t.byte_end = run_begin + we;
      t.cp_start = cp + wb;
      t.cp_end = cp + we;
      t.norm.assign(run.substr(wb, we - wb));
      int letters = 0, leading_caps = 0;
      bool any_lower = false;
      for (char& c : t.norm) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          if (letters++ == 0) t.capitalized = c >= 'A' && c <= 'Z';
          if (c >= 'a') {
            if (!any_lower && leading_caps >= 3) t.caps_then_lower = true;
            any_lower = true;
          } else {
            if (!any_lower) ++leading_caps;
            if (any_lower) t.lower_then_upper = true;
            c = static_cast<char>(c - 'A' + 'a');
          }
        }
      }
      t.all_caps = letters >= 2 && !any_lower;
      t.script = letters ? Script::kLatin : Script::kNumber;
      t.kind = letters ? TokenKind::kWord : TokenKind::kNumber;
      tokens.push_back(std::move(t));
      cp += run.size();
    } else if (!run.empty()) {
      if (!slow_pending) {
        slow_pending = true;
        slow_begin = run_begin;
        slow_cp = cp;
      }
      cp += CountCodePoints(run);
    }
    const std::size_t space_begin = pos;
    while (pos < utf8.size() && IsAsciiSpace(utf8[pos])) ++pos;
    cp += pos - space_begin;
  }
  flush_slow(utf8.size());
  return tokens;
}

std::string BoundedNorm(std::string_view norm) {
  if (norm.size() <= kMaxNormBytes) return std::string(norm);
  std::size_t cut = kMaxNormBytes - 17;  // room for "~" and 16 hex digits
  while (cut > 0 && (static_cast<unsigned char>(norm[cut]) & 0xC0) == 0x80) --cut;
  return std::string(norm.substr(0, cut)) + "~" + Hex64(Fnv1a64(norm));
}

bool IsIdeographic(char32_t c) {
  // The prolonged sound mark (ー, halfwidth ｰ) and the kana voicing marks
  // are of the Common script, but only ever written inside kana words.
  if (c == 0x30FC || c == 0xFF70 || c == 0x309B || c == 0x309C) return true;
  if (c < 0x2E80) return false;  // below the CJK blocks: no call to ICU
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

std::vector<Token> Tokenize(std::string_view utf8, IdeographRuns runs) {
  thread_local Tokenizer tokenizer;
  std::vector<Token> tokens = tokenizer.Tokenize(utf8, runs);
  for (Token& t : tokens) {
    if (t.norm.size() > kMaxNormBytes) {
      t.norm = BoundedNorm(t.norm);
      t.zwnj_tail = 0;
    }
  }
  return tokens;
}

const char* ScriptName(Script s) {
  switch (s) {
    case Script::kLatin:
      return "latin";
    case Script::kCyrillic:
      return "cyrillic";
    case Script::kGreek:
      return "greek";
    case Script::kNumber:
      return "number";
    default:
      return "other";
  }
}

}  // namespace concord::lang
