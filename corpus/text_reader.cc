#include "corpus/text_reader.h"

#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/date_extract.h"
#include "corpus/metadata.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

constexpr std::string_view kFeedMark = "\xE2\x9C\x87";  // U+2707 "✇", the reader's feed icon
constexpr std::size_t kTitleMaxCodePoints = 200;
constexpr std::size_t kFallbackTitleWords = 12;
constexpr std::size_t kDateSearchBytes = 2000;
constexpr std::size_t kTopLines = 12;  // "near the top" for title heuristics

// A line of a text held in memory (at most ReadOptions::huge_text_bytes, far
// below 4 GB): 8 bytes each, so that a text of short lines costs a bounded
// multiple of its size.
struct Line {
  std::uint32_t begin;  // byte offsets into the text; `end` excludes "\n" / "\r\n"
  std::uint32_t end;
};

bool IsBlankLine(std::string_view text, std::size_t begin, std::size_t end);

// The lines of `text` that hold more than whitespace (blank lines separate,
// they carry nothing the heuristics read).
std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end > pos && text[end - 1] == '\r') --end;
    if (!IsBlankLine(text, pos, end)) {
      lines.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(end)});
    }
    pos = next;
  }
  return lines;
}

// Length of a whitespace character at `p` (ASCII space or no-break spaces), else 0.
std::size_t SpaceAt(std::string_view s, std::size_t p) {
  const char c = s[p];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (s.compare(p, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(p, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

bool EndsWithSpace(std::string_view s, std::size_t e, std::size_t* len) {
  const char c = s[e - 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (e >= 2 && s.compare(e - 2, 2, "\xC2\xA0") == 0) {
    *len = 2;
    return true;
  }
  if (e >= 3 && s.compare(e - 3, 3, "\xE2\x80\xAF") == 0) {
    *len = 3;
    return true;
  }
  return false;
}

std::size_t SkipLeadingSpace(std::string_view s, std::size_t b, std::size_t e) {
  while (b < e) {
    const std::size_t n = SpaceAt(s, b);
    if (n == 0) break;
    b += n;
  }
  return b;
}

std::size_t SkipTrailingSpace(std::string_view s, std::size_t b, std::size_t e) {
  std::size_t n = 0;
  while (e > b && EndsWithSpace(s, e, &n)) e -= n;
  return e;
}

std::string_view Trimmed(std::string_view s) {
  const std::size_t b = SkipLeadingSpace(s, 0, s.size());
  return s.substr(b, SkipTrailingSpace(s, b, s.size()) - b);
}

std::string_view LineText(std::string_view text, const Line& l) {
  return Trimmed(text.substr(l.begin, l.end - l.begin));
}

bool IsBlankLine(std::string_view text, std::size_t begin, std::size_t end) {
  return Trimmed(text.substr(begin, end - begin)).empty();
}

bool HasLetter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (u_isalpha(static_cast<UChar32>(lang::DecodeUtf8(s, &i)))) return true;
  }
  return false;
}

// A line without any letter or digit: "❌", "•", "* * *", "—".
bool IsSymbolOnly(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    if (u_isalnum(static_cast<UChar32>(lang::DecodeUtf8(s, &i)))) return false;
  }
  return true;
}

// Moves `end` back over trailing whitespace and trailing symbol-only lines
// (reader chrome such as "❌"), never before `begin`.
std::size_t TrimTrailingChrome(std::string_view text, std::size_t begin, std::size_t end) {
  for (;;) {
    end = SkipTrailingSpace(text, begin, end);
    const std::size_t nl = text.rfind('\n', end == 0 ? 0 : end - 1);
    const std::size_t line_begin = (nl == std::string_view::npos || nl < begin) ? begin : nl + 1;
    if (line_begin == begin) return end;  // never drop the article's first line
    if (!IsSymbolOnly(Trimmed(text.substr(line_begin, end - line_begin)))) return end;
    end = line_begin;
  }
}

// "ISTANBUL, June 02 (Reuters) – ..." at the start of a text. Group 3 is the outlet.
const std::regex& DatelineRegex() {
  static const std::regex re(
      R"(^([A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40})?),\s+)"
      R"(([A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*\(([^()]{2,40})\)\s*)"
      "(?:\xE2\x80\x93|\xE2\x80\x94|-{1,2}|:)"  // en dash, em dash, hyphen(s), colon
      R"(\s*)");
  return re;
}

struct Dateline {
  std::string source;
  std::size_t length = 0;  // bytes of the dateline prefix, including the dash
};

std::optional<Dateline> MatchDateline(std::string_view line) {
  const std::string head(line.substr(0, 200));
  std::smatch m;
  if (!std::regex_search(head, m, DatelineRegex())) return std::nullopt;
  // The middle part must really be a month and a day.
  if (FindDate(m[2].str(), 2000).empty()) return std::nullopt;
  const std::string source(Trimmed(m[3].str()));
  if (!HasLetter(source)) return std::nullopt;
  return Dateline{source, static_cast<std::size_t>(m.length(0))};
}

// Short enough, not a sentence, not a date: could be a headline.
bool IsTitleLike(std::string_view s) {
  return !s.empty() && lang::CountCodePoints(s) < kTitleMaxCodePoints && s.back() != '.' &&
         HasLetter(s) && !IsDateLine(s);
}

// First ~12 words of a sentence-like line, with "…" when shortened.
std::string WordsTitle(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > b) words.push_back(line.substr(b, i - b));
  }
  std::string title;
  const std::size_t n = std::min(words.size(), kFallbackTitleWords);
  for (std::size_t w = 0; w < n; ++w) {
    if (w) title += ' ';
    title += words[w];
  }
  // Drop punctuation the cut left dangling (or the final period of a short sentence).
  while (!title.empty() && std::string_view(",;:.-").find(title.back()) != std::string::npos) {
    title.pop_back();
  }
  if (words.size() > kFallbackTitleWords) title += "\xE2\x80\xA6";  // "…"
  return title;
}

std::size_t WordCount(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Title of a single-article text; `top` are its first non-blank lines, trimmed.
std::string SingleTitle(const std::vector<std::string_view>& top) {
  if (top.empty()) return "";
  const std::string_view first = top[0];
  if (IsTitleLike(first) && !MatchDateline(first)) return std::string(first);

  if (IsDateLine(first)) {
    // Pages often open with a date and a breadcrumb ("HomeWorldEuropeHeadline")
    // and repeat the headline: a short line seen twice near the top wins.
    for (std::size_t a = 0; a < top.size(); ++a) {
      const std::string_view t = top[a];
      if (!IsTitleLike(t) || WordCount(t) < 2) continue;
      for (std::size_t b = 0; b < top.size(); ++b) {
        if (b != a && EndsWith(top[b], t)) return std::string(t);
      }
    }
    // Otherwise the first line after the leading date lines, if short.
    std::size_t k = 0;
    while (k < top.size() && IsDateLine(top[k])) ++k;
    if (k < top.size() && IsTitleLike(top[k])) return std::string(top[k]);
  }

  // Fall back to the opening words of the first sentence-like line.
  for (std::string_view line : top) {
    if (IsDateLine(line) || WordCount(line) < 4) continue;
    if (auto d = MatchDateline(line)) line = Trimmed(line.substr(d->length));
    return WordsTitle(line);
  }
  for (std::string_view line : top) {
    if (!IsDateLine(line) && HasLetter(line)) return WordsTitle(line);
  }
  return "";
}

struct DigestStart {
  std::size_t title_line;
  std::size_t date_line;
  std::string date;
};

struct FeedLine {
  std::size_t line;
  std::string name;
};

std::string FeedName(std::string_view line) {
  const std::size_t at = line.find(kFeedMark);
  if (at == std::string_view::npos) return "";
  const std::string_view name = Trimmed(line.substr(at + kFeedMark.size()));
  return (name.size() < 100 && HasLetter(name)) ? std::string(name) : "";
}

// Strips a list bullet ("•", "-", "*") from the start of a trimmed line.
std::string_view Unbullet(std::string_view s) {
  if (s.compare(0, 3, "\xE2\x80\xA2") == 0) {
    s.remove_prefix(3);
  } else if (!s.empty() && (s[0] == '-' || s[0] == '*')) {
    s.remove_prefix(1);
  }
  return Trimmed(s);
}

Article NewArticle(const std::string& path, std::string_view text, std::size_t begin,
                   std::size_t end, std::size_t* cp_cursor, std::size_t* cp_count) {
  Article a;
  a.path = path;
  a.text = std::string(text.substr(begin, end - begin));
  a.byte_offset = begin;
  // Count code points incrementally so long digests stay linear.
  *cp_count += lang::CountCodePoints(text.substr(*cp_cursor, begin - *cp_cursor));
  *cp_cursor = begin;
  a.cp_offset = *cp_count;
  return a;
}

std::vector<Article> SplitDigest(const std::string& path, const std::string& id_base,
                                 std::string_view text, const std::vector<Line>& lines,
                                 const std::vector<DigestStart>& starts,
                                 const std::vector<FeedLine>& feeds) {
  std::vector<Article> articles;
  std::size_t cp_cursor = 0, cp_count = 0;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const DigestStart& s = starts[k];
    const Line& title_line = lines[s.title_line];
    const std::size_t begin = SkipLeadingSpace(text, title_line.begin, title_line.end);
    std::size_t cut = text.size();
    if (k + 1 < starts.size()) {
      const std::size_t next_title = starts[k + 1].title_line;
      cut = lines[next_title].begin;
      // The next article is announced by reader chrome: the feed line
      // ("• ✇Euromaidan Press") or a list item repeating its title.
      const std::string_view next_title_text = LineText(text, lines[next_title]);
      std::optional<std::size_t> feed_cut, item_cut;
      for (std::size_t i = s.date_line + 1; i < next_title; ++i) {
        const std::string_view l = LineText(text, lines[i]);
        if (!feed_cut && l.find(kFeedMark) != std::string_view::npos) feed_cut = lines[i].begin;
        if (!item_cut && l != next_title_text && Unbullet(l) == next_title_text) {
          item_cut = lines[i].begin;
        }
      }
      if (feed_cut) {
        cut = *feed_cut;
      } else if (item_cut) {
        cut = *item_cut;
      }
    }
    const std::size_t end = TrimTrailingChrome(text, begin, cut);
    Article a = NewArticle(path, text, begin, end, &cp_cursor, &cp_count);
    a.title = std::string(LineText(text, title_line));
    a.date = s.date;
    if (feeds.size() == 1) {
      a.source = feeds[0].name;
    } else {
      // Several feeds: the reader lists a feed's name before its items, so
      // the last feed line above the title names this article's feed.
      for (const FeedLine& f : feeds) {
        if (f.line < s.title_line) a.source = f.name;
      }
    }
    a.id = starts.size() > 1 ? id_base + "#" + std::to_string(k + 1) : id_base;
    articles.push_back(std::move(a));
  }
  return articles;
}

Article SingleArticle(const std::string& path, const std::string& id_base, std::string_view text,
                      const std::vector<Line>& lines) {
  const std::size_t begin = SkipLeadingSpace(text, 0, text.size());
  const std::size_t end = TrimTrailingChrome(text, begin, text.size());
  std::size_t cp_cursor = 0, cp_count = 0;
  Article a = NewArticle(path, text, begin, end, &cp_cursor, &cp_count);
  a.id = id_base;

  std::vector<std::string_view> top;
  for (const Line& l : lines) {
    if (l.end <= begin) continue;
    top.push_back(LineText(text, l));
    if (top.size() == kTopLines) break;
  }
  a.title = SingleTitle(top);
  a.date = FindDate(std::string_view(a.text).substr(0, kDateSearchBytes));
  if (!top.empty()) {
    if (auto d = MatchDateline(top[0])) a.source = d->source;
  }
  return a;
}

bool ReadWholeFile(const std::string& path, std::string* out, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = path + ": is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    *error = path + ": read error: " + std::strerror(errno);
    return false;
  }
  *out = std::move(buf).str();
  return true;
}

// Decodes UTF-16 (after its BOM) to UTF-8; unpaired surrogates become U+FFFD.
std::string DecodeUtf16(std::string_view bytes, bool little_endian) {
  icu::UnicodeString u;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    u.append(static_cast<char16_t>(lo | (hi << 8)));
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Describes why `bytes` look binary, or returns "" for text.
std::string BinaryReason(std::string_view bytes) {
  const std::size_t head = std::min<std::size_t>(bytes.size(), 8192);
  const std::size_t nul = bytes.substr(0, head).find('\0');
  if (nul != std::string_view::npos) {
    return "NUL byte at offset " + std::to_string(nul);
  }
  // Sample the first MiB: enough to judge, cheap on huge files.
  const std::string_view sample = bytes.substr(0, 1 << 20);
  std::size_t bad = 0, i = 0;
  while (i < sample.size()) {
    const auto c = static_cast<unsigned char>(sample[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
          c == 0x7F) {
        ++bad;
      }
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = lang::DecodeUtf8(sample, &i);
    if (cp == 0xFFFD && i - start == 1) ++bad;  // an invalid byte, not a real U+FFFD
  }
  if (!sample.empty() && bad * 10 > sample.size() * 3) {
    return std::to_string(bad * 100 / sample.size()) + "% control or invalid bytes";
  }
  return "";
}

// Text that is not UTF-8 is most often an 8-bit legacy encoding (Windows-1252,
// ISO-8859-x, KOI8-R, Windows-1251). ICU's detector names it; only single-byte
// charsets with fair confidence are trusted, since a UTF-8 file with a few bad
// bytes must stay as it is.
bool DecodeLegacy(std::string_view text, std::string* out, std::string* charset) {
  // Valid multi-byte UTF-8 sequences mean UTF-8 with some damage, not 8-bit.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xC2 && c <= 0xF4 &&
        lang::FindInvalidUtf8(text.substr(i, c >= 0xF0   ? 4
                                             : c >= 0xE0 ? 3
                                                         : 2)) == std::string_view::npos) {
      return false;
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return false;
  const std::string_view sample = text.substr(0, 64 * 1024);
  ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  bool ok = false;
  if (U_SUCCESS(status) && match) {
    const char* name = ucsdet_getName(match, &status);
    const int32_t confidence = ucsdet_getConfidence(match, &status);
    const std::string n = U_SUCCESS(status) && name ? name : "";
    const bool single_byte =
        n.rfind("ISO-8859-", 0) == 0 || n.rfind("windows-125", 0) == 0 || n == "KOI8-R";
    if (single_byte && confidence >= 20) {
      const icu::UnicodeString u(text.data(), static_cast<int32_t>(text.size()), n.c_str());
      if (!u.isBogus()) {
        out->clear();
        u.toUTF8String(*out);
        *charset = n;
        ok = true;
      }
    }
  }
  ucsdet_close(det);
  return ok;
}

}  // namespace

std::string TitleFromText(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    std::string line(Trimmed(text.substr(pos, nl - pos)));
    pos = nl + 1;
    if (line.empty()) continue;
    for (char& c : line) {
      if (c == '\t' || c == '\r') c = ' ';
    }
    return lang::SanitizeUtf8(WordsTitle(line));
  }
  return {};
}

std::string CanonicalId(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec) return path;
  const std::filesystem::path canon = std::filesystem::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal().string() : canon.string();
}

std::vector<Article> SplitArticles(const std::string& path, const std::string& id_base,
                                   std::string_view text) {
  if (Trimmed(text).empty()) return {};
  const std::vector<Line> lines = SplitLines(text);

  std::vector<DigestStart> starts;
  std::vector<FeedLine> feeds;
  std::optional<std::size_t> prev;   // previous (non-blank) line
  std::size_t first_start_rank = 0;  // non-blank rank of the first start's title line
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = LineText(text, lines[i]);
    std::string feed = FeedName(l);
    if (!feed.empty()) feeds.push_back({i, std::move(feed)});
    std::string date;
    if (prev && ParseReaderDateLine(l, &date)) {
      const std::string_view title = LineText(text, lines[*prev]);
      if (IsTitleLike(title) && title.find(kFeedMark) == std::string_view::npos) {
        if (starts.empty()) first_start_rank = *prev;
        starts.push_back({*prev, i, date});
      }
    }
    prev = i;
  }

  // One reader timestamp deep inside a text is more likely part of the story
  // than a digest; a lone digest article must start near the top.
  if (starts.size() >= 2 || (starts.size() == 1 && first_start_rank < 10)) {
    return SplitDigest(path, id_base, text, lines, starts, feeds);
  }
  return {SingleArticle(path, id_base, text, lines)};
}

ReadResult ReadTextBytes(const std::string& path, const std::string& id_base,
                         std::string_view bytes) {
  ReadResult result;
  std::string_view text = bytes;
  std::string decoded;
  std::size_t bom_bytes = 0;
  const auto starts_with = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF")) {
    const bool le = starts_with("\xFF\xFE");
    const std::string_view payload = text.substr(2);
    decoded = DecodeUtf16(payload, le);
    text = decoded;
    result.warnings.push_back(path + ": decoded from UTF-16" + (le ? "LE" : "BE") +
                              "; offsets refer to the decoded UTF-8 text");
    if (payload.size() % 2) {
      result.warnings.push_back(path + ": odd number of bytes in UTF-16 file; last byte dropped");
    }
    // A UTF-32 file also starts with FF FE; decoded as UTF-16 it is full of NULs.
    const std::string reason = BinaryReason(text);
    if (!reason.empty()) {
      result.error = path + ": binary file, not indexed (" + reason + ")";
      return result;
    }
  } else {
    if (starts_with("\xEF\xBB\xBF")) bom_bytes = 3;
    const std::string reason = BinaryReason(text);
    if (!reason.empty()) {
      result.error = path + ": binary file, not indexed (" + reason + ")";
      return result;
    }
    text.remove_prefix(bom_bytes);
  }

  if (Trimmed(text).empty()) {
    result.warnings.push_back(path + ": empty file, nothing to index");
    return result;
  }
  const std::size_t bad = lang::FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    std::string charset;
    if (DecodeLegacy(text, &decoded, &charset)) {
      text = decoded;
      bom_bytes = 0;
      result.warnings.push_back(path + ": not UTF-8; decoded from " + charset +
                                "; offsets refer to the decoded UTF-8 text");
    } else {
      std::size_t count = 0;
      for (std::size_t i = bad; i < text.size();) {
        const std::size_t next = lang::FindInvalidUtf8(text.substr(i));
        if (next == std::string_view::npos) break;
        ++count;
        i += next + 1;
      }
      result.warnings.push_back(
          path + ": " + std::to_string(count) + " invalid UTF-8 byte(s), the first at byte " +
          std::to_string(bad + bom_bytes) + "; each is read as one unknown character");
    }
  }

  result.articles = SplitArticles(path, id_base, text);
  if (bom_bytes) {
    for (Article& a : result.articles) {
      a.byte_offset += bom_bytes;
      a.cp_offset += 1;  // the BOM is one code point (U+FEFF)
    }
  }
  return result;
}

ReadResult ReadTextFile(const std::string& path) {
  ReadResult result;
  std::string bytes;
  if (!ReadWholeFile(path, &bytes, &result.error)) return result;
  result = ReadTextBytes(path, CanonicalId(path), bytes);
  if (result.ok()) ApplySidecarFile(path, &result.articles, &result.warnings);
  return result;
}

}  // namespace concord::corpus
