#ifndef CONCORD_CORPUS_DATE_EXTRACT_H_
#define CONCORD_CORPUS_DATE_EXTRACT_H_

#include <string>
#include <string_view>

namespace concord::corpus {

// Returns the first plausible calendar date written in `text` as "YYYY-MM-DD",
// or "" when there is none. Understood forms (any case, ordinary or no-break
// spaces):
//   ISO             2025-06-03
//   day first       5 June 2025 / 2nd June 2025 / 1er juin 2025 / 2. Juni 2025 /
//                   2 czerwca 2025 / 2 июня 2025 г. / 2 Jun. 2025 / 5 June, 2025
//   "de"            2 de junio de 2025 / 1º de junho de 2025
//   month first     June 5, 2025 / Thursday, June 5th, 2025 (English names only)
//   year first      2025. június 2. (Hungarian; the dot after the year is needed)
// Month names are CLDR's (through ICU), wide and abbreviated, genitive and
// nominative, of en, fr, de, nl, es, it, pt, pl, cs, sk, hu, ro, tr, uk, ru,
// bg and el; accents may be left out ("fevrier", "Ιουνιου"), an abbreviation
// may carry a dot. A month name must be a whole word; a name CLDR gives two
// languages for different months is not one, nor is Czech "pro" (December;
// "Windows 11 Pro 2025"). A month and day without a year ("June 02") is not a
// date here. Impossible dates (2025-13-45, 30 February, 31 czerwca) are
// skipped and the search goes on. Years are 1800..2199.
// Time is linear in `text` (callers pass a prefix); month names are looked up
// only next to numbers. Thread-safe; the first call builds the month table
// from ICU data (a few milliseconds).
std::string FindDate(std::string_view text);

// Like FindDate(text), but when `default_year` > 0 a month and day without a
// year ("ISTANBUL, June 02 (Reuters)", "2 июня") also counts, in `default_year`.
std::string FindDate(std::string_view text, int default_year);

// True for a valid "YYYY-MM-DD" (exactly ten characters, real calendar day).
bool IsValidIsoDate(std::string_view s);

// The Gregorian calendar, for every date concord reads, queries or counts:
// days in month `month` (1-12) of `year`, February 29 in leap years.
int DaysInMonth(int year, int month);
// Days since 1970-01-01 of a date of the proleptic Gregorian calendar
// (negative before it), and the date of such a day number.
long DayNumber(int year, int month, int day);
void DateOfDayNumber(long day_number, int* year, int* month, int* day);
// The Monday that begins the ISO 8601 week of a valid "YYYY-MM-DD" date, in
// the same form ("" for anything else): how counts by week are keyed.
std::string WeekOf(std::string_view iso_date);
// A valid "YYYY-MM-DD" date `days` days later (earlier when negative); ""
// for anything else.
std::string AddDays(std::string_view iso_date, long days);

// Recognises a whole line in the RSS reader's timestamp format
// "3 juin 2025 à 07:23" (also "1er juin 2025 à 7h23"); surrounding whitespace
// is allowed, and the month may be named in any language FindDate knows. On
// success stores the date as "YYYY-MM-DD" in `*date`.
bool ParseReaderDateLine(std::string_view line, std::string* date);

// True when `line` is essentially just a date ("Thursday, June 5, 2025",
// "3 juin 2025 à 07:23", "2025-06-03"): it holds a date and, trimmed, is at
// most 60 characters (code points, so Cyrillic and Greek lines count alike).
bool IsDateLine(std::string_view line);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_DATE_EXTRACT_H_
