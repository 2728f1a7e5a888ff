#include "corpus/date_extract.h"

#include <gtest/gtest.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <ctime>
#include <string>

namespace concord::corpus {
namespace {

TEST(FindDateTest, EnglishForms) {
  EXPECT_EQ(FindDate("June 5, 2025"), "2025-06-05");
  EXPECT_EQ(FindDate("Thursday, June 5, 2025"), "2025-06-05");
  EXPECT_EQ(FindDate("Published on 5 June 2025 by staff"), "2025-06-05");
  EXPECT_EQ(FindDate("Jun. 5, 2025"), "2025-06-05");
  EXPECT_EQ(FindDate("June 5th, 2025"), "2025-06-05");
  EXPECT_EQ(FindDate("September 30 2024"), "2024-09-30");
  EXPECT_EQ(FindDate("DECEMBER 1, 2024"), "2024-12-01");
}

TEST(FindDateTest, MonthAndDayWithoutYearIsNotEnough) {
  EXPECT_EQ(FindDate("ISTANBUL, June 02 (Reuters) - Russia presented"), "");
  EXPECT_EQ(FindDate("talks on May 16 in the Turkish metropolis"), "");
  EXPECT_EQ(FindDate("the invasion in February 2022"), "");
}

TEST(FindDateTest, DefaultYearCompletesADateline) {
  EXPECT_EQ(FindDate("ISTANBUL, June 02 (Reuters) - Russia", 2025), "2025-06-02");
  // A full date still wins when it comes first.
  EXPECT_EQ(FindDate("June 1, 2024 and June 2", 2025), "2024-06-01");
  EXPECT_EQ(FindDate("June 31 (Reuters)", 2025), "");
}

TEST(FindDateTest, FrenchForms) {
  EXPECT_EQ(FindDate("3 juin 2025 \xC3\xA0 07:23"), "2025-06-03");
  EXPECT_EQ(FindDate("28 mai 2025"), "2025-05-28");
  EXPECT_EQ(FindDate("le 1er juin 2025"), "2025-06-01");
  EXPECT_EQ(FindDate("2 f\xC3\xA9vrier 2025"), "2025-02-02");
  EXPECT_EQ(FindDate("2 fevrier 2025"), "2025-02-02");
  EXPECT_EQ(FindDate("3 F\xC3\x89VRIER 2025"), "2025-02-03");
  EXPECT_EQ(FindDate("15 ao\xC3\xBBt 2025"), "2025-08-15");
  EXPECT_EQ(FindDate("15 aout 2025"), "2025-08-15");
  EXPECT_EQ(FindDate("25 d\xC3\xA9"
                     "cembre 2024"),
            "2024-12-25");
  EXPECT_EQ(FindDate("Mardi 3\xC2\xA0juin\xC2\xA0"
                     "2025"),
            "2025-06-03");  // no-break spaces
}

// 2 June 2025 in every language of the archive: the usual form, upper case,
// the other grammatical case (genitive or nominative), an abbreviation.
struct JuneSecond {
  const char* lang;
  const char* forms[5];  // nullptr after the last
};
constexpr JuneSecond kJuneSecond[] = {
    {"en", {"2 June 2025", "2nd June 2025", "2 Jun. 2025", "JUNE 2, 2025", "June 2nd, 2025"}},
    {"fr", {"2 juin 2025", "2 JUIN 2025", "lundi 2 juin 2025"}},
    {"de", {"2. Juni 2025", "2. JUNI 2025", "2 Juni 2025", "2. Jun. 2025"}},
    {"nl", {"2 juni 2025", "2 JUNI 2025", "2 jun. 2025"}},
    {"es", {"2 de junio de 2025", "2 DE JUNIO DE 2025", "2 de junio del 2025", "2 jun 2025"}},
    {"it", {"2 giugno 2025", "2 GIUGNO 2025", "2 giu 2025"}},
    {"pt", {"2 de junho de 2025", "2 de Junho de 2025", "2 jun. 2025"}},
    {"pl", {"2 czerwca 2025", "2 CZERWCA 2025", "2 czerwiec 2025", "2 cze 2025"}},
    {"cs", {"2. června 2025", "2. ČERVNA 2025", "2. červen 2025", "2. čvn 2025"}},
    {"sk", {"2. júna 2025", "2. JÚNA 2025", "2. jún 2025"}},
    {"hu", {"2025. június 2.", "2025. JÚNIUS 2.", "2025. jún. 2-án"}},
    {"ro", {"2 iunie 2025", "2 IUNIE 2025", "2 iun. 2025"}},
    {"tr", {"2 Haziran 2025", "2 HAZİRAN 2025", "2 haziran 2025", "2 Haz 2025"}},
    {"uk", {"2 червня 2025", "2 ЧЕРВНЯ 2025", "2 червень 2025", "2 черв. 2025"}},
    {"ru", {"2 июня 2025", "2 ИЮНЯ 2025", "2 июнь 2025", "2 июн. 2025", "2 июня 2025 г."}},
    {"bg", {"2 юни 2025", "2 ЮНИ 2025", "2 юни 2025 г."}},
    {"el", {"2 Ιουνίου 2025", "2 ΙΟΥΝΙΟΥ 2025", "2 Ιούνιος 2025", "2 Ιουν 2025"}},
};

TEST(FindDateTest, EveryArchiveLanguageInSeveralForms) {
  for (const JuneSecond& language : kJuneSecond) {
    for (const char* form : language.forms) {
      if (form == nullptr) break;
      EXPECT_EQ(FindDate(form), "2025-06-02") << language.lang << ": " << form;
      EXPECT_EQ(FindDate(std::string("Published ") + form + " by staff"), "2025-06-02")
          << language.lang << ": " << form;
    }
  }
}

TEST(FindDateTest, AccentsAndCaseOfOtherMonths) {
  EXPECT_EQ(FindDate("2 sept. 2025"), "2025-09-02");
  EXPECT_EQ(FindDate("Sept. 2, 2025"), "2025-09-02");
  EXPECT_EQ(FindDate("2. März 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("2. MÄRZ 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("2. Marz 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("2. Dez. 2025"), "2025-12-02");
  EXPECT_EQ(FindDate("2 mrt. 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("1º de junio de 2025"), "2025-06-01");
  EXPECT_EQ(FindDate("2 de março de 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("2 DE MARÇO DE 2025"), "2025-03-02");
  EXPECT_EQ(FindDate("2 października 2025"), "2025-10-02");
  EXPECT_EQ(FindDate("2 PAŹDZIERNIKA 2025"), "2025-10-02");
  EXPECT_EQ(FindDate("2 pazdziernika 2025"), "2025-10-02");
  EXPECT_EQ(FindDate("2. září 2025"), "2025-09-02");
  EXPECT_EQ(FindDate("2025. március 2., hétfő"), "2025-03-02");
  EXPECT_EQ(FindDate("2 Mayıs 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 MAYIS 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 Ağustos 2025"), "2025-08-02");
  EXPECT_EQ(FindDate("2 ŞUBAT 2025"), "2025-02-02");
  EXPECT_EQ(FindDate("2 мая 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 травня 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 яну 2025"), "2025-01-02");
  EXPECT_EQ(FindDate("2 Μαΐου 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 ΜΑΪΟΥ 2025"), "2025-05-02");
  EXPECT_EQ(FindDate("2 Μαιου 2025"), "2025-05-02");
  // Accents written as combining marks (NFD): "février".
  EXPECT_EQ(FindDate("2 fe\u0301vrier 2025"), "2025-02-02");
}

// Every month name CLDR gives these locales (wide and abbreviated, format and
// stand-alone), as written and in the locale's own upper case, is read.
TEST(FindDateTest, EveryCldrMonthNameOfTheArchiveLanguages) {
  const char* const locales[] = {"en", "en_GB", "fr", "de", "nl", "es", "it", "pt", "pl",
                                 "cs", "sk",    "hu", "ro", "tr", "uk", "ru", "bg", "el"};
  int checked = 0, left_out = 0;
  for (const char* code : locales) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(code);
    const icu::DateFormatSymbols symbols(locale, status);
    ASSERT_TRUE(U_SUCCESS(status)) << code;
    for (const auto context :
         {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
      for (const auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        int32_t count = 0;
        const icu::UnicodeString* months = symbols.getMonths(count, context, width);
        for (int32_t i = 0; i < count && i < 12; ++i) {
          icu::UnicodeString upper = months[i];
          upper.toUpper(locale);
          for (const icu::UnicodeString& name : {months[i], upper}) {
            std::string utf8;
            name.toUTF8String(utf8);
            if (utf8 == "pro" || utf8 == "PRO") {  // Czech, left out on purpose
              ++left_out;
              continue;
            }
            const std::string expected = (i < 9 ? "2025-0" : "2025-") + std::to_string(i + 1);
            const std::string text =
                std::string(code) == "hu" ? "2025. " + utf8 + " 2." : "2 " + utf8 + " 2025";
            EXPECT_EQ(FindDate(text), expected + "-02") << code << ": " << text;
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked + left_out, 18 * 4 * 12 * 2);
  EXPECT_LE(left_out, 4);
}

TEST(FindDateTest, MonthNamesInsideLongerWordsAreNotMonths) {
  EXPECT_EQ(FindDate("2 majority 2025"), "");
  EXPECT_EQ(FindDate("2 maize 2025"), "");
  EXPECT_EQ(FindDate("2 Mainz 2025"), "");
  EXPECT_EQ(FindDate("2 Junebug 2025"), "");
  EXPECT_EQ(FindDate("2 июньский 2025"), "");
  EXPECT_EQ(FindDate("2 czerwcowy 2025"), "");
  EXPECT_EQ(FindDate("2 majówka 2025"), "");
  EXPECT_EQ(FindDate("2 jun2025"), "");
  EXPECT_EQ(FindDate("2 żmaja 2025"), "");  // a letter before "maja"
  EXPECT_EQ(FindDate("Ж2 июня 2025"), "");
}

TEST(FindDateTest, WordsAndNumbersAloneAreNotDates) {
  EXPECT_EQ(FindDate("Prices may fall, and they may rise again."), "");
  EXPECT_EQ(FindDate("MAY I ASK"), "");
  EXPECT_EQ(FindDate("on 2 2025, 12 345 2025 and 3. 2025"), "");
  EXPECT_EQ(FindDate("Windows 11 Pro 2025"), "");  // Czech "pro" = December
  EXPECT_EQ(FindDate("AirPods Gen 2 2025"), "");   // Italian "gen" = January, day first only
  EXPECT_EQ(FindDate("2 a 2025"), "");
}

TEST(FindDateTest, ImpossibleDatesInAnyLanguageAreSkipped) {
  EXPECT_EQ(FindDate("31 czerwca 2025"), "");
  EXPECT_EQ(FindDate("31 июня 2025"), "");
  EXPECT_EQ(FindDate("29. února 2025"), "");
  EXPECT_EQ(FindDate("29. února 2024"), "2024-02-29");
  EXPECT_EQ(FindDate("2025. június 31."), "");
  EXPECT_EQ(FindDate("31 czerwca 2025, 1 lipca 2025"), "2025-07-01");
}

TEST(FindDateTest, HungarianYearMonthDay) {
  EXPECT_EQ(FindDate("Budapest, 2025. június 2. 10:15"), "2025-06-02");
  EXPECT_EQ(FindDate("2025. szept. 30."), "2025-09-30");
  // The dot after the year is what makes it Hungarian.
  EXPECT_EQ(FindDate("2025 június 2."), "");
  EXPECT_EQ(FindDate("2025. június 2 ember"), "");
}

TEST(FindDateTest, OnlyEnglishWritesTheMonthFirst) {
  EXPECT_EQ(FindDate("June 2, 2025"), "2025-06-02");
  EXPECT_EQ(FindDate("czerwca 2, 2025"), "");
  EXPECT_EQ(FindDate("mai 2 2025"), "");
  EXPECT_EQ(FindDate("ISTANBUL, juin 02 (Reuters)", 2025), "");
}

TEST(FindDateTest, DefaultYearInOtherLanguages) {
  EXPECT_EQ(FindDate("2 июня", 2025), "2025-06-02");
  EXPECT_EQ(FindDate("2 de junio", 2025), "2025-06-02");
  EXPECT_EQ(FindDate("2 июня"), "");
}

TEST(FindDateTest, Iso) {
  EXPECT_EQ(FindDate("updated 2025-06-03T07:23Z"), "2025-06-03");
  EXPECT_EQ(FindDate("2024-02-29"), "2024-02-29");
}

TEST(FindDateTest, RejectsImpossibleDatesAndKeepsLooking) {
  EXPECT_EQ(FindDate("2025-13-45"), "");
  EXPECT_EQ(FindDate("30 February 2025"), "");
  EXPECT_EQ(FindDate("February 29, 2025"), "");
  EXPECT_EQ(FindDate("32 mai 2025"), "");
  EXPECT_EQ(FindDate("2025-13-45, then 2025-06-03"), "2025-06-03");
  EXPECT_EQ(FindDate("30 February 2025 or 1 March 2025"), "2025-03-01");
}

TEST(FindDateTest, FirstDateWinsAndWordsMustBeWhole) {
  EXPECT_EQ(FindDate("in Istanbul on 16 May and 2 June 2025. Later: 3 June 2025"), "2025-06-02");
  EXPECT_EQ(FindDate("Marseille 5, 2025"), "");
  EXPECT_EQ(FindDate("maintenant 5 2025"), "");
  EXPECT_EQ(FindDate("A12025-06-03"), "");
  EXPECT_EQ(FindDate("no date here"), "");
  EXPECT_EQ(FindDate(""), "");
}

TEST(IsValidIsoDateTest, Ranges) {
  EXPECT_TRUE(IsValidIsoDate("2025-06-02"));
  EXPECT_TRUE(IsValidIsoDate("2024-02-29"));
  EXPECT_FALSE(IsValidIsoDate("2025-02-29"));
  EXPECT_FALSE(IsValidIsoDate("2025-13-01"));
  EXPECT_FALSE(IsValidIsoDate("2025-00-10"));
  EXPECT_FALSE(IsValidIsoDate("2025-6-2"));
  EXPECT_FALSE(IsValidIsoDate("June 2, 2025"));
}

TEST(ParseReaderDateLineTest, OnlyTheWholeTimestampLine) {
  std::string date;
  EXPECT_TRUE(ParseReaderDateLine("3 juin 2025 \xC3\xA0 07:23", &date));
  EXPECT_EQ(date, "2025-06-03");
  EXPECT_TRUE(ParseReaderDateLine("  1er juin 2025 \xC3\xA0 7h05\r", &date));
  EXPECT_EQ(date, "2025-06-01");
  EXPECT_FALSE(ParseReaderDateLine("3 juin 2025", &date));
  EXPECT_FALSE(ParseReaderDateLine("Le 3 juin 2025 \xC3\xA0 07:23", &date));
  EXPECT_FALSE(ParseReaderDateLine("3 juin 2025 \xC3\xA0 25:00", &date));
  EXPECT_FALSE(ParseReaderDateLine("31 juin 2025 \xC3\xA0 07:23", &date));
}

TEST(IsDateLineTest, ShortLinesHoldingADate) {
  EXPECT_TRUE(IsDateLine("Thursday, June 5, 2025"));
  EXPECT_TRUE(IsDateLine("3 juin 2025 \xC3\xA0 07:23"));
  // Short is counted in characters, not bytes: 42 of them, 64 bytes.
  // "Понедельник, 2 июня 2025 г., 10:15, Москва"
  EXPECT_TRUE(IsDateLine(
      "\xD0\x9F\xD0\xBE\xD0\xBD\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB8\xD0\xBA, "
      "2 \xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F 2025 \xD0\xB3., "
      "10:15, \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"));
  EXPECT_FALSE(IsDateLine("Second round of Ukraine-Russia talks ends with PoW deal"));
  EXPECT_FALSE(IsDateLine(
      "Ukrainian and Russian delegations held two sessions of peace negotiations in Istanbul "
      "on 16 May and 2 June 2025."));
}

// Weeks for counts: checked against the C library's calendar (timegm and
// tm_wday) over two centuries, every 11 days, and at the year's edges.
TEST(CalendarTest, WeekOfIsTheMondayAndAddDaysMatchesTheCLibrary) {
  const auto iso = [](const std::tm& t) {
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &t);
    return std::string(buf);
  };
  std::tm start{};
  start.tm_year = 1901 - 1900;
  start.tm_mon = 0;
  start.tm_mday = 1;
  const std::time_t first = timegm(&start);
  for (long day = 0; day < 200L * 366; day += 11) {
    const std::time_t t = first + day * 86400;
    std::tm date{};
    gmtime_r(&t, &date);
    const int since_monday = (date.tm_wday + 6) % 7;
    const std::time_t monday_t = t - since_monday * 86400L;
    std::tm monday{};
    gmtime_r(&monday_t, &monday);
    ASSERT_EQ(WeekOf(iso(date)), iso(monday)) << iso(date);
    const std::time_t later_t = t + 40 * 86400L;
    std::tm later{};
    gmtime_r(&later_t, &later);
    ASSERT_EQ(AddDays(iso(date), 40), iso(later)) << iso(date);
    ASSERT_EQ(AddDays(iso(later), -40), iso(date)) << iso(later);
  }
  EXPECT_EQ(WeekOf("2025-01-01"), "2024-12-30");  // ISO week 1 of 2025 begins in 2024
  EXPECT_EQ(WeekOf("2024-02-29"), "2024-02-26");
  EXPECT_EQ(AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(AddDays("2025-02-28", 1), "2025-03-01");
  EXPECT_EQ(WeekOf("2025-02-30"), "");
  EXPECT_EQ(WeekOf("June 5"), "");
  EXPECT_EQ(AddDays("", 3), "");
}

}  // namespace
}  // namespace concord::corpus
