#include "corpus/date_extract.h"

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace concord::corpus {
namespace {

struct MonthName {
  std::string_view name;  // lower case, UTF-8
  int month;
};

// English and French names and common abbreviations. French accents are
// often dropped in scraped text, so both spellings are listed.
constexpr MonthName kMonths[] = {
    {"january", 1},   {"jan", 1},      {"janvier", 1},   {"janv", 1},      {"february", 2},
    {"feb", 2},       {"février", 2},  {"fevrier", 2},   {"févr", 2},      {"fevr", 2},
    {"march", 3},     {"mar", 3},      {"mars", 3},      {"april", 4},     {"apr", 4},
    {"avril", 4},     {"avr", 4},      {"may", 5},       {"mai", 5},       {"june", 6},
    {"jun", 6},       {"juin", 6},     {"july", 7},      {"jul", 7},       {"juillet", 7},
    {"juil", 7},      {"august", 8},   {"aug", 8},       {"août", 8},      {"aout", 8},
    {"september", 9}, {"sep", 9},      {"sept", 9},      {"septembre", 9}, {"october", 10},
    {"oct", 10},      {"octobre", 10}, {"november", 11}, {"nov", 11},      {"novembre", 11},
    {"december", 12}, {"dec", 12},     {"décembre", 12}, {"decembre", 12}, {"déc", 12},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }

// Length of the horizontal space at `p` (space, tab, no-break spaces), 0 if none.
std::size_t SpaceLen(std::string_view s, std::size_t p) {
  if (p >= s.size()) return 0;
  if (s[p] == ' ' || s[p] == '\t') return 1;
  if (s.compare(p, 2, "\xC2\xA0") == 0) return 2;      // U+00A0
  if (s.compare(p, 3, "\xE2\x80\xAF") == 0) return 3;  // U+202F narrow no-break space
  if (s.compare(p, 3, "\xE2\x80\x89") == 0) return 3;  // U+2009 thin space
  return 0;
}

// Skips horizontal space; returns how many bytes were skipped.
std::size_t SkipSpaces(std::string_view s, std::size_t* p) {
  const std::size_t start = *p;
  while (std::size_t n = SpaceLen(s, *p)) *p += n;
  return *p - start;
}

// Lower-cases ASCII and the Latin-1 capitals (U+00C0..U+00DE, encoded C3 80..C3 9E),
// which is all the month names need.
std::string LowerWindow(std::string_view s, std::size_t p, std::size_t len) {
  std::string out(s.substr(p, len));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = out[i];
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char d = out[i + 1];
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

// A month name must end at a word boundary: the next byte is not a letter.
bool EndsWord(std::string_view s, std::size_t p) {
  if (p >= s.size()) return true;
  const unsigned char c = s[p];
  if (IsAsciiAlnum(static_cast<char>(c))) return false;
  if (c >= 0x80) return SpaceLen(s, p) > 0 || c == 0xE2;  // no-break space, or dash/quote
  return true;
}

// Reads a month name at `*p`; advances past it (and an abbreviation dot).
int ReadMonth(std::string_view s, std::size_t* p) {
  const std::string window = LowerWindow(s, *p, 12);
  int best = 0;
  std::size_t best_len = 0;
  for (const MonthName& m : kMonths) {
    if (m.name.size() <= best_len || window.compare(0, m.name.size(), m.name) != 0) continue;
    if (!EndsWord(s, *p + m.name.size())) continue;
    best = m.month;
    best_len = m.name.size();
  }
  if (best == 0) return 0;
  *p += best_len;
  if (*p < s.size() && s[*p] == '.') ++*p;
  return best;
}

// Reads min..max digits at `*p`, not followed by another digit.
bool ReadNumber(std::string_view s, std::size_t* p, int min_digits, int max_digits, int* value) {
  std::size_t q = *p;
  int v = 0;
  while (q < s.size() && IsDigit(s[q]) && static_cast<int>(q - *p) < max_digits) {
    v = v * 10 + (s[q] - '0');
    ++q;
  }
  const int digits = static_cast<int>(q - *p);
  if (digits < min_digits || (q < s.size() && IsDigit(s[q]))) return false;
  *p = q;
  *value = v;
  return true;
}

// Skips an ordinal suffix after a day number: "1er", "1st", "2nd", "3rd", "4th".
void SkipOrdinal(std::string_view s, std::size_t* p) {
  for (std::string_view suffix : {"er", "re", "st", "nd", "rd", "th"}) {
    const std::string w = LowerWindow(s, *p, 2);
    if (w == suffix && EndsWord(s, *p + 2)) {
      *p += 2;
      return;
    }
  }
}

// Reads an optional ", " / " " then a four-digit year. Leaves `*p` alone on failure.
bool ReadYear(std::string_view s, std::size_t* p, int* year) {
  std::size_t q = *p;
  bool separated = SkipSpaces(s, &q) > 0;
  if (q < s.size() && s[q] == ',') {
    ++q;
    separated = true;
    SkipSpaces(s, &q);
  }
  if (!separated || !ReadNumber(s, &q, 4, 4, year)) return false;
  if (q < s.size() && IsAsciiAlpha(s[q])) return false;
  if (*year < 1800 || *year > 2199) return false;
  *p = q;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= max;
}

std::string Format(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Tries every date form starting exactly at `p`. On success returns the date
// and sets `*end` just past it.
std::string DateAt(std::string_view s, std::size_t p, int default_year, std::size_t* end) {
  int y = 0, m = 0, d = 0;
  if (IsDigit(s[p])) {
    // ISO 8601: 2025-06-03.
    std::size_t q = p;
    if (ReadNumber(s, &q, 4, 4, &y) && q < s.size() && s[q] == '-') {
      ++q;
      if (ReadNumber(s, &q, 2, 2, &m) && q < s.size() && s[q] == '-') {
        ++q;
        if (ReadNumber(s, &q, 2, 2, &d) && ValidDay(y, m, d)) {
          *end = q;
          return Format(y, m, d);
        }
      }
      return "";
    }
    // Day first: 5 June 2025, 1er juin 2025.
    q = p;
    if (!ReadNumber(s, &q, 1, 2, &d)) return "";
    SkipOrdinal(s, &q);
    if (SkipSpaces(s, &q) == 0) return "";
    m = ReadMonth(s, &q);
    if (m == 0) return "";
    if (!ReadYear(s, &q, &y)) {
      if (default_year <= 0) return "";
      y = default_year;
    }
    if (!ValidDay(y, m, d)) return "";
    *end = q;
    return Format(y, m, d);
  }
  // Month first: June 5, 2025.
  std::size_t q = p;
  m = ReadMonth(s, &q);
  if (m == 0 || SkipSpaces(s, &q) == 0) return "";
  if (!ReadNumber(s, &q, 1, 2, &d)) return "";
  SkipOrdinal(s, &q);
  if (!ReadYear(s, &q, &y)) {
    if (default_year <= 0) return "";
    if (q < s.size() && (IsAsciiAlpha(s[q]) || s[q] == ':'))
      return "";  // "June 5th-ish", "May 16:30"
    y = default_year;
  }
  if (!ValidDay(y, m, d)) return "";
  *end = q;
  return Format(y, m, d);
}

std::string_view Trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    const std::size_t n = SpaceLen(s, b);
    if (n == 0 && s[b] != '\r' && s[b] != '\n') break;
    b += n ? n : 1;
  }
  std::size_t e = s.size();
  while (e > b) {
    const char c = s[e - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      --e;
    } else if (e - b >= 2 && s.compare(e - 2, 2, "\xC2\xA0") == 0) {
      e -= 2;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

}  // namespace

std::string FindDate(std::string_view text) { return FindDate(text, 0); }

std::string FindDate(std::string_view text, int default_year) {
  for (std::size_t p = 0; p < text.size(); ++p) {
    // Dates start at a word boundary, on a digit or an ASCII letter.
    if (p > 0 && IsAsciiAlnum(text[p - 1])) continue;
    if (!IsAsciiAlnum(text[p])) continue;
    std::size_t end = 0;
    std::string date = DateAt(text, p, default_year, &end);
    if (!date.empty()) return date;
  }
  return "";
}

bool IsValidIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  const auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return ValidDay(num(0, 4), num(5, 2), num(8, 2));
}

bool ParseReaderDateLine(std::string_view line, std::string* date) {
  const std::string_view s = Trim(line);
  if (s.empty() || !IsDigit(s[0])) return false;
  std::size_t q = 0;
  int d = 0, m = 0, y = 0, hh = 0, mm = 0;
  if (!ReadNumber(s, &q, 1, 2, &d)) return false;
  SkipOrdinal(s, &q);
  if (SkipSpaces(s, &q) == 0) return false;
  if ((m = ReadMonth(s, &q)) == 0) return false;
  if (SkipSpaces(s, &q) == 0 || !ReadNumber(s, &q, 4, 4, &y)) return false;
  if (SkipSpaces(s, &q) == 0) return false;
  if (s.compare(q, 2, "\xC3\xA0") == 0) {  // "à"
    q += 2;
  } else if (q < s.size() && (s[q] == 'a' || s[q] == 'A')) {
    ++q;
  } else {
    return false;
  }
  if (SkipSpaces(s, &q) == 0 || !ReadNumber(s, &q, 1, 2, &hh)) return false;
  if (q >= s.size() || (s[q] != ':' && s[q] != 'h')) return false;
  ++q;
  if (!ReadNumber(s, &q, 2, 2, &mm) || q != s.size()) return false;
  if (hh > 23 || mm > 59 || y < 1800 || y > 2199 || !ValidDay(y, m, d)) return false;
  *date = Format(y, m, d);
  return true;
}

bool IsDateLine(std::string_view line) {
  const std::string_view s = Trim(line);
  return !s.empty() && s.size() <= 60 && !FindDate(s).empty();
}

}  // namespace concord::corpus
