#include "corpus/date_extract.h"

#include <gtest/gtest.h>

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
  EXPECT_FALSE(IsDateLine("Second round of Ukraine-Russia talks ends with PoW deal"));
  EXPECT_FALSE(IsDateLine(
      "Ukrainian and Russian delegations held two sessions of peace negotiations in Istanbul "
      "on 16 May and 2 June 2025."));
}

}  // namespace
}  // namespace concord::corpus
