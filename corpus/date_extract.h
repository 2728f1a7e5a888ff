#ifndef CONCORD_CORPUS_DATE_EXTRACT_H_
#define CONCORD_CORPUS_DATE_EXTRACT_H_

#include <string>
#include <string_view>

namespace concord::corpus {

// Returns the first plausible calendar date written in `text` as "YYYY-MM-DD",
// or "" when there is none. Understood forms (case-insensitive):
//   ISO             2025-06-03
//   English         June 5, 2025 / Thursday, June 5, 2025 / Jun. 5 2025 / 5 June 2025
//   French          3 juin 2025 (à 07:23) / 1er juin 2025 / 28 mai 2025 / 2 février 2025
// A month and day without a year ("June 02") is not a date here. Impossible
// dates (2025-13-45, 30 February) are skipped and the search goes on.
std::string FindDate(std::string_view text);

// Like FindDate(text), but when `default_year` > 0 a month and day without a
// year ("ISTANBUL, June 02 (Reuters)") also counts, in `default_year`.
std::string FindDate(std::string_view text, int default_year);

// True for a valid "YYYY-MM-DD" (exactly ten characters, real calendar day).
bool IsValidIsoDate(std::string_view s);

// Recognises a whole line in the RSS reader's timestamp format
// "3 juin 2025 à 07:23" (also "1er juin 2025 à 7h23"); surrounding whitespace
// is allowed. On success stores the date as "YYYY-MM-DD" in `*date`.
bool ParseReaderDateLine(std::string_view line, std::string* date);

// True when `line` is essentially just a date ("Thursday, June 5, 2025",
// "3 juin 2025 à 07:23", "2025-06-03"): it holds a date and is short.
bool IsDateLine(std::string_view line);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_DATE_EXTRACT_H_
