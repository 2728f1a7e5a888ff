#include "corpus/date_extract.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace concord::corpus {
namespace {

// The languages whose month names FindDate reads, as ICU locale codes; adding
// a language is adding a line. British English brings "Sept". `month_first`
// allows "June 5, 2025": only English writes the month first, and elsewhere
// it would turn "Gen 2 2025" (Italian "gen" = January) into a date.
struct MonthLocale {
  const char* code;
  bool month_first;
};
constexpr MonthLocale kMonthLocales[] = {
    {"en", true},  {"en_GB", true}, {"fr", false}, {"de", false}, {"nl", false}, {"es", false},
    {"it", false}, {"pt", false},   {"pl", false}, {"cs", false}, {"sk", false}, {"hu", false},
    {"ro", false}, {"tr", false},   {"uk", false}, {"ru", false}, {"bg", false}, {"el", false},
};

// CLDR names (folded) that are far more often something else next to a
// number: Czech "pro" (prosinec, December) in "Windows 11 Pro 2025".
constexpr std::string_view kNotMonthNames[] = {"pro"};

// Shorter names (after the abbreviation dot is dropped) are too easily
// something else.
constexpr int kMinMonthChars = 3;

struct MonthName {
  int month = 0;  // 1..12
  bool month_first = false;
};

struct MonthTable {
  std::unordered_map<std::string, MonthName> names;  // FoldWord(name) -> month
  int max_chars = 0;                                 // longest key, in code points
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }

// Letters and the combining marks that may follow them (decomposed accents).
bool IsWordChar(UChar32 c) {
  if (c < 0x80) return IsAsciiAlpha(static_cast<char>(c));
  const int8_t type = u_charType(c);
  return u_isalpha(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Appends `c` case-folded to `out`, without accents and with the Turkish
// dotless i as i (see FoldWord).
void AppendFolded(UChar32 c, std::string* out) {
  if (u_charType(c) == U_NON_SPACING_MARK) return;
  c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  if (c == 0x0131) c = 'i';
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out->append(buf, static_cast<std::size_t>(n));
}

// Case-folded, accents removed (NFD, then nonspacing marks dropped), Turkish
// dotless i as i: "Février", "FEVRIER" and "fevrier" meet, and so do Turkish
// "MAYIS" and CLDR's "mayıs", Greek "ΙΟΥΝΙΟΥ" and "Ιουνίου". Accents tell no
// two month names of one language apart, and names that collide across
// languages are dropped from the table. Decomposing before folding makes
// simple (per code point) folding enough: "İ" is "I" and a dot above.
std::string FoldWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = nullptr;
  const int32_t size = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(word.data(), i, size, c);
    if (c < 0) return {};
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      continue;
    }
    if (nfd == nullptr) nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString parts;
    if (U_FAILURE(status) || !nfd->getDecomposition(c, parts)) {
      AppendFolded(c, &out);
      continue;
    }
    for (int32_t j = 0; j < parts.length();) {
      const UChar32 part = parts.char32At(j);
      j += U16_LENGTH(part);
      AppendFolded(part, &out);
    }
  }
  return out;
}

// Adds the wide and abbreviated, format (genitive) and stand-alone month names
// of one locale. Names seen with two different months go to `ambiguous`.
void AddLocaleMonths(const MonthLocale& locale, MonthTable* table,
                     std::set<std::string>* ambiguous) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale wanted(locale.code);
  const icu::DateFormatSymbols symbols(wanted, status);
  if (U_FAILURE(status)) return;
  // Without data for the language ICU falls back to another one's names.
  const icu::Locale actual = symbols.getLocale(ULOC_ACTUAL_LOCALE, status);
  if (U_FAILURE(status) || std::strcmp(actual.getLanguage(), wanted.getLanguage()) != 0) return;
  for (const auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
    for (const auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* months = symbols.getMonths(count, context, width);
      for (int32_t i = 0; months != nullptr && i < count && i < 12; ++i) {
        icu::UnicodeString name = months[i];
        while (name.endsWith(icu::UnicodeString(u'.'))) name.truncate(name.length() - 1);
        if (name.countChar32() < kMinMonthChars) continue;
        std::string utf8;
        name.toUTF8String(utf8);
        const std::string key = FoldWord(utf8);
        if (key.empty()) continue;
        MonthName& entry = table->names[key];
        if (entry.month != 0 && entry.month != i + 1) ambiguous->insert(key);
        entry.month = i + 1;
        entry.month_first = entry.month_first || locale.month_first;
        table->max_chars =
            std::max(table->max_chars, icu::UnicodeString::fromUTF8(key).countChar32());
      }
    }
  }
}

MonthTable BuildMonthTable() {
  MonthTable table;
  std::set<std::string> ambiguous;
  for (const MonthLocale& locale : kMonthLocales) AddLocaleMonths(locale, &table, &ambiguous);
  for (const std::string& key : ambiguous) table.names.erase(key);
  for (std::string_view key : kNotMonthNames) table.names.erase(std::string(key));
  return table;
}

// Built on first use; C++ makes that thread-safe and the table is read-only after.
const MonthTable& Months() {
  static const MonthTable table = BuildMonthTable();
  return table;
}

// Length of the horizontal space at `p` (space, tab, no-break spaces), 0 if none.
std::size_t SpaceLen(std::string_view s, std::size_t p) {
  if (p >= s.size()) return 0;
  if (s[p] == ' ' || s[p] == '\t') return 1;
  if (s.compare(p, 2, "\xC2\xA0") == 0) return 2;      // U+00A0
  if (s.compare(p, 3, "\xE2\x80\xAF") == 0) return 3;  // U+202F narrow no-break space
  if (s.compare(p, 3, "\xE2\x80\x89") == 0) return 3;  // U+2009 thin space
  return 0;
}

// Like SpaceLen, for the space that ends just before `p`.
std::size_t SpaceLenBefore(std::string_view s, std::size_t p) {
  for (std::size_t n : {1, 2, 3}) {
    if (p >= n && SpaceLen(s, p - n) == n) return n;
  }
  return 0;
}

// Skips horizontal space; returns how many bytes were skipped.
std::size_t SkipSpaces(std::string_view s, std::size_t* p) {
  const std::size_t start = *p;
  while (std::size_t n = SpaceLen(s, *p)) *p += n;
  return *p - start;
}

// The code point at `p` (U_SENTINEL at the end or on a bad sequence).
UChar32 CodePointAt(std::string_view s, std::size_t p) {
  const std::string_view w = s.substr(std::min(p, s.size()), 4);
  if (w.empty()) return U_SENTINEL;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(w.data(), i, static_cast<int32_t>(w.size()), c);
  return c;
}

// The code point ending just before `p` (U_SENTINEL at the start or on a bad sequence).
UChar32 CodePointBefore(std::string_view s, std::size_t p) {
  const std::size_t b = p >= 4 ? p - 4 : 0;
  const std::string_view w = s.substr(b, p - b);
  if (w.empty()) return U_SENTINEL;
  int32_t i = static_cast<int32_t>(w.size());
  UChar32 c;
  U8_PREV(w.data(), 0, i, c);
  return c;
}

// True when a letter or digit (any script) is at `p`: a word goes on there.
bool WordGoesOn(std::string_view s, std::size_t p) {
  const UChar32 c = CodePointAt(s, p);
  return c >= 0 && (IsWordChar(c) || u_isdigit(c));
}

// The longest word worth looking up, in code points: twice the longest name,
// for text that writes its accents as separate combining marks.
int MaxMonthWordChars() { return 2 * Months().max_chars; }

// A word that may be a month name. It is looked up only once the numbers
// around it make a date: most words next to a number are not months.
struct MonthWord {
  std::size_t begin = 0, end = 0;  // the letters
  std::size_t after = 0;           // past an abbreviation dot
};

// The word at `p`, if whole, not too long and not glued to a digit ("Jun2025").
bool MonthWordAt(std::string_view s, std::size_t p, MonthWord* word) {
  const int max_chars = MaxMonthWordChars();
  std::size_t q = p;
  for (int chars = 0; chars <= max_chars; ++chars) {
    const UChar32 c = CodePointAt(s, q);
    if (c < 0 || !IsWordChar(c)) break;
    q += U8_LENGTH(c);
  }
  if (q == p || WordGoesOn(s, q)) return false;
  *word = {p, q, q < s.size() && s[q] == '.' ? q + 1 : q};
  return true;
}

// The word written just before the day at `p` ("June 5", "Jun. 5"): a whole
// word, an optional abbreviation dot, space.
bool MonthWordBefore(std::string_view s, std::size_t p, MonthWord* word) {
  std::size_t e = p;
  while (std::size_t n = SpaceLenBefore(s, e)) e -= n;
  if (e == p) return false;
  const std::size_t after = e;
  if (e > 0 && s[e - 1] == '.') --e;
  std::size_t b = e;
  const int max_chars = MaxMonthWordChars();
  for (int chars = 0; chars <= max_chars; ++chars) {
    const UChar32 c = CodePointBefore(s, b);
    if (c < 0 || !IsWordChar(c)) break;
    b -= U8_LENGTH(c);
  }
  if (b == e || (b > 0 && (IsWordChar(CodePointBefore(s, b)) || IsDigit(s[b - 1])))) return false;
  *word = {b, e, after};
  return true;
}

const MonthName* LookUpMonth(std::string_view s, const MonthWord& word) {
  const MonthTable& table = Months();
  const auto it = table.names.find(FoldWord(s.substr(word.begin, word.end - word.begin)));
  return it == table.names.end() ? nullptr : &it->second;
}

// Reads a month name at `*p`; advances past it (and an abbreviation dot).
const MonthName* ReadMonth(std::string_view s, std::size_t* p) {
  MonthWord word;
  if (!MonthWordAt(s, *p, &word)) return nullptr;
  const MonthName* month = LookUpMonth(s, word);
  if (month != nullptr) *p = word.after;
  return month;
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

// True when the ASCII word `word` (lower case) is at `p`, in any case, as a whole word.
bool WordAt(std::string_view s, std::size_t p, std::string_view word) {
  if (s.size() - p < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = s[p + i];
    if (c != word[i] && c + 32 != word[i]) return false;
  }
  return !WordGoesOn(s, p + word.size());
}

// Skips an ordinal suffix after a day number: "1er", "1re", "1st", "2nd", "3rd", "4th".
void SkipOrdinal(std::string_view s, std::size_t* p) {
  for (std::string_view suffix : {"er", "re", "st", "nd", "rd", "th"}) {
    if (WordAt(s, *p, suffix)) {
      *p += 2;
      return;
    }
  }
}

// Skips the Spanish and Portuguese "de" / "del" and the space after it, if both are there.
bool SkipDe(std::string_view s, std::size_t* p) {
  for (std::string_view word : {"de", "del"}) {
    std::size_t q = *p + word.size();
    if (WordAt(s, *p, word) && SkipSpaces(s, &q) > 0) {
      *p = q;
      return true;
    }
  }
  return false;
}

// Reads ", 2025" / " 2025" / " de 2025" (a four-digit year). Leaves `*p` alone on failure.
bool ReadYear(std::string_view s, std::size_t* p, int* year) {
  std::size_t q = *p;
  bool separated = SkipSpaces(s, &q) > 0;
  if (q < s.size() && s[q] == ',') {
    ++q;
    separated = true;
    SkipSpaces(s, &q);
  } else if (separated) {
    SkipDe(s, &q);
  }
  if (!separated || !ReadNumber(s, &q, 4, 4, year)) return false;
  if (q < s.size() && IsAsciiAlpha(s[q])) return false;
  if (*year < 1800 || *year > 2199) return false;
  *p = q;
  return true;
}

bool ValidDay(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); }

struct Date {
  int y = 0, m = 0, d = 0;
};

std::string Format(const Date& date) {
  char buf[40];  // roomy enough for any int, to keep -Wformat-truncation quiet
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.y, date.m, date.d);
  return buf;
}

// ISO 8601: 2025-06-03.
bool IsoAt(std::string_view s, std::size_t p, Date* date) {
  std::size_t q = p;
  return ReadNumber(s, &q, 4, 4, &date->y) && q < s.size() && s[q++] == '-' &&
         ReadNumber(s, &q, 2, 2, &date->m) && q < s.size() && s[q++] == '-' &&
         ReadNumber(s, &q, 2, 2, &date->d) && ValidDay(date->y, date->m, date->d);
}

// Hungarian: "2025. június 2." (also "2025. jún. 2-án"). The dot after the
// year is required, and after the day a dot, a suffix, a comma or the line's end.
bool YearFirstAt(std::string_view s, std::size_t p, Date* date) {
  std::size_t q = p;
  if (!ReadNumber(s, &q, 4, 4, &date->y) || date->y < 1800 || date->y > 2199) return false;
  if (q >= s.size() || s[q++] != '.' || SkipSpaces(s, &q) == 0) return false;
  MonthWord word;
  if (!MonthWordAt(s, q, &word)) return false;
  q = word.after;
  if (SkipSpaces(s, &q) == 0 || !ReadNumber(s, &q, 1, 2, &date->d)) return false;
  if (q < s.size() && std::string_view(".-,\r\n").find(s[q]) == std::string_view::npos) {
    return false;
  }
  const MonthName* month = LookUpMonth(s, word);
  if (month == nullptr) return false;
  date->m = month->month;
  return ValidDay(date->y, date->m, date->d);
}

// Day first: "5 June 2025", "1er juin 2025", "2. Juni 2025", "2 de junio de 2025".
bool DayFirstAt(std::string_view s, std::size_t p, int default_year, Date* date) {
  std::size_t q = p;
  if (!ReadNumber(s, &q, 1, 2, &date->d)) return false;
  SkipOrdinal(s, &q);
  if (q < s.size() && s[q] == '.') ++q;
  if (s.compare(q, 2, "\xC2\xBA") == 0) q += 2;  // "1º de junio", "1.º de junho"
  if (SkipSpaces(s, &q) == 0) return false;
  SkipDe(s, &q);
  MonthWord word;
  if (!MonthWordAt(s, q, &word)) return false;
  q = word.after;
  const bool has_year = ReadYear(s, &q, &date->y);
  if (!has_year && default_year <= 0) return false;
  const MonthName* month = LookUpMonth(s, word);
  if (month == nullptr) return false;
  date->m = month->month;
  if (!has_year) date->y = default_year;
  return ValidDay(date->y, date->m, date->d);
}

// Month first, `p` at the day: "June 5, 2025", "Thursday, June 5th, 2025".
bool MonthFirstAt(std::string_view s, std::size_t p, int default_year, Date* date) {
  MonthWord word;
  if (!MonthWordBefore(s, p, &word)) return false;
  std::size_t q = p;
  if (!ReadNumber(s, &q, 1, 2, &date->d)) return false;
  SkipOrdinal(s, &q);
  if (!ReadYear(s, &q, &date->y)) {
    if (default_year <= 0) return false;
    if (q < s.size() && (IsAsciiAlpha(s[q]) || s[q] == ':')) return false;  // "May 16:30"
    date->y = default_year;
  }
  const MonthName* month = LookUpMonth(s, word);
  if (month == nullptr || !month->month_first) return false;
  date->m = month->month;
  return ValidDay(date->y, date->m, date->d);
}

// True when a number starts at `p`: a digit not glued to a letter or digit before it.
bool NumberStartsAt(std::string_view s, std::size_t p) {
  if (!IsDigit(s[p])) return false;
  if (p == 0) return true;
  const unsigned char before = s[p - 1];
  if (before < 0x80) return !IsAsciiAlnum(static_cast<char>(before));
  const UChar32 c = CodePointBefore(s, p);
  return c < 0 || !(IsWordChar(c) || u_isdigit(c));
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

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string FindDate(std::string_view text) { return FindDate(text, 0); }

// Every form holds a number, so only the starts of numbers are tried; a month
// written before its day is looked for behind the day, which still gives the
// dates in the order they start.
std::string FindDate(std::string_view text, int default_year) {
  for (std::size_t p = 0; p < text.size(); ++p) {
    if (!NumberStartsAt(text, p)) continue;
    Date date;
    if (MonthFirstAt(text, p, default_year, &date) || IsoAt(text, p, &date) ||
        YearFirstAt(text, p, &date) || DayFirstAt(text, p, default_year, &date)) {
      return Format(date);
    }
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
  Date day;
  int hh = 0, mm = 0;
  if (!ReadNumber(s, &q, 1, 2, &day.d)) return false;
  SkipOrdinal(s, &q);
  if (SkipSpaces(s, &q) == 0) return false;
  const MonthName* month = ReadMonth(s, &q);
  if (month == nullptr) return false;
  day.m = month->month;
  if (SkipSpaces(s, &q) == 0 || !ReadNumber(s, &q, 4, 4, &day.y)) return false;
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
  if (hh > 23 || mm > 59 || day.y < 1800 || day.y > 2199 || !ValidDay(day.y, day.m, day.d)) {
    return false;
  }
  *date = Format(day);
  return true;
}

bool IsDateLine(std::string_view line) {
  const std::string_view s = Trim(line);
  return !s.empty() && CountCodePoints(s) <= 60 && !FindDate(s).empty();
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Years are counted from March so that February's leap day ends the year;
// eras of 400 years repeat exactly.
long DayNumber(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long year_of_era = y - era * 400;
  const long day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void DateOfDayNumber(long z, int* year, int* month, int* day) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long day_of_era = z - era * 146097;
  const long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long mp = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(year_of_era + era * 400 + (*month <= 2 ? 1 : 0));
}

namespace {

Date FromDayNumber(long n) {
  Date date;
  DateOfDayNumber(n, &date.y, &date.m, &date.d);
  return date;
}

bool ParseIso(std::string_view s, Date* date) {
  if (!IsValidIsoDate(s)) return false;
  std::size_t p = 0;
  return IsoAt(s, p, date);
}

}  // namespace

std::string WeekOf(std::string_view iso_date) {
  Date date;
  if (!ParseIso(iso_date, &date)) return std::string();
  const long days = DayNumber(date.y, date.m, date.d);
  const long since_monday = ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return Format(FromDayNumber(days - since_monday));
}

std::string AddDays(std::string_view iso_date, long days) {
  Date date;
  if (!ParseIso(iso_date, &date)) return std::string();
  return Format(FromDayNumber(DayNumber(date.y, date.m, date.d) + days));
}

}  // namespace concord::corpus
