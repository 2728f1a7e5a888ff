#include "query/query_parser.h"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace concord::query {
namespace {

using Kind = QueryNode::Kind;

// The canonical form of `query`, or "error: <message> @<column>".
std::string Canon(std::string_view query) {
  ParseResult r = ParseQuery(query);
  if (!r.ok()) return "error: " + r.error + " @" + std::to_string(r.error_column);
  return ToString(*r.root);
}

std::unique_ptr<QueryNode> Parse(std::string_view query) {
  ParseResult r = ParseQuery(query);
  EXPECT_TRUE(r.ok()) << query << ": " << r.error;
  return std::move(r.root);
}

void ExpectError(std::string_view query, const std::string& error, std::size_t column) {
  ParseResult r = ParseQuery(query);
  EXPECT_FALSE(r.ok()) << query;
  EXPECT_EQ(r.root, nullptr) << query;
  EXPECT_EQ(r.error, error) << query;
  EXPECT_EQ(r.error_column, column) << query;
}

void ExpectSameTree(std::string_view a, std::string_view b) {
  std::unique_ptr<QueryNode> x = Parse(a), y = Parse(b);
  ASSERT_TRUE(x && y);
  EXPECT_TRUE(Equal(*x, *y)) << a << " -> " << ToString(*x) << "\n" << b << " -> " << ToString(*y);
}

TEST(QueryParser, SingleWordIsATermAtPositionZero) {
  auto n = Parse("Zelensky");
  EXPECT_EQ(n->kind, Kind::kTerm);
  EXPECT_EQ(n->text, "Zelensky");
  EXPECT_EQ(n->field, "");
  EXPECT_FALSE(n->wildcard);
  EXPECT_EQ(n->position, 0u);
  EXPECT_TRUE(n->children.empty());
}

TEST(QueryParser, SingleOperandCollapsesWithoutAGroup) {
  EXPECT_EQ(Parse("  (( Zelensky ))  ")->kind, Kind::kTerm);
  EXPECT_EQ(Parse("(\"a b\")")->kind, Kind::kPhrase);
}

TEST(QueryParser, JuxtapositionIsAnd) {
  auto n = Parse("Zelensky Putin Erdogan");
  ASSERT_EQ(n->kind, Kind::kAnd);
  ASSERT_EQ(n->children.size(), 3u);
  EXPECT_EQ(n->children[2]->text, "Erdogan");
  ExpectSameTree("Zelensky Putin", "Zelensky AND Putin");
}

TEST(QueryParser, OrBindsLooserThanAnd) {
  ExpectSameTree("a OR b c", "a OR (b AND c)");
  ExpectSameTree("a b OR c", "(a AND b) OR c");
  EXPECT_EQ(Canon("a OR b c"), "a OR b AND c");
  EXPECT_EQ(Canon("a b OR c d"), "a AND b OR c AND d");
}

TEST(QueryParser, ParenthesesOverridePrecedence) {
  EXPECT_EQ(Canon("(a OR b) c"), "(a OR b) AND c");
  EXPECT_EQ(Canon("a (b OR c)"), "a AND (b OR c)");
  EXPECT_EQ(Canon("NOT (a OR b)"), "NOT (a OR b)");
}

TEST(QueryParser, NestedGroupsOfTheSameKindAreFlattened) {
  auto n = Parse("a (b (c d))");
  ASSERT_EQ(n->kind, Kind::kAnd);
  EXPECT_EQ(n->children.size(), 4u);
  auto m = Parse("a OR (b OR (c OR d))");
  ASSERT_EQ(m->kind, Kind::kOr);
  EXPECT_EQ(m->children.size(), 4u);
  EXPECT_EQ(Canon("(a OR b) OR (c d)"), "a OR b OR c AND d");
}

TEST(QueryParser, OperatorsAreRecognisedOnlyInUpperCase) {
  EXPECT_EQ(Canon("war or peace"), "war AND or AND peace");
  EXPECT_EQ(Canon("and not near Or Not"), "and AND not AND near AND Or AND Not");
  EXPECT_EQ(Canon("ANDROID ORacle NOTE NEARBY"), "ANDROID AND ORacle AND NOTE AND NEARBY");
}

TEST(QueryParser, NotAndMinusExcludeTheNextOperand) {
  EXPECT_EQ(Canon("Zelensky NOT Putin"), "Zelensky AND NOT Putin");
  EXPECT_EQ(Canon("Zelensky -Putin"), "Zelensky AND NOT Putin");
  EXPECT_EQ(Canon("-(a b)"), "NOT (a AND b)");
  EXPECT_EQ(Canon("-\"a b\""), "NOT \"a b\"");
  EXPECT_EQ(Canon("-title:Putin"), "NOT title:Putin");
  EXPECT_EQ(Canon("-date:2025"), "NOT date:2025-01-01..2025-12-31");
  EXPECT_EQ(Canon("NOT NOT a"), "NOT NOT a");
  EXPECT_EQ(Canon("--a"), "NOT NOT a");
  auto n = Parse("-Putin");
  ASSERT_EQ(n->kind, Kind::kNot);
  ASSERT_EQ(n->children.size(), 1u);
  EXPECT_EQ(n->children[0]->text, "Putin");
}

TEST(QueryParser, NotBindsTighterThanAndAndOr) {
  EXPECT_EQ(Canon("NOT a b"), "NOT a AND b");
  EXPECT_EQ(Parse("NOT a b")->kind, Kind::kAnd);
  EXPECT_EQ(Parse("NOT a OR b")->kind, Kind::kOr);
  EXPECT_EQ(Parse("NOT a NEAR b")->kind, Kind::kNot);
}

TEST(QueryParser, MinusInsideAWordIsPartOfTheWord) {
  EXPECT_EQ(Parse("Zelenskyy-Putin")->text, "Zelenskyy-Putin");
  EXPECT_EQ(Parse("a-")->text, "a-");
  EXPECT_EQ(Parse("-a-b")->children[0]->text, "a-b");
}

TEST(QueryParser, MinusNotFollowedByATermIsAnError) {
  const std::string message = "expected a term directly after '-' (write -word to exclude a word)";
  ExpectError("Zelensky - Putin", message, 10);
  ExpectError("a -", message, 3);
  ExpectError("(a -)", message, 4);
}

TEST(QueryParser, NearDefaultsToTenWords) {
  auto n = Parse("Zelensky NEAR Putin");
  ASSERT_EQ(n->kind, Kind::kNear);
  EXPECT_EQ(n->distance, 10);
  ASSERT_EQ(n->children.size(), 2u);
  EXPECT_EQ(n->children[1]->text, "Putin");
}

TEST(QueryParser, NearSlashNSetsTheDistance) {
  EXPECT_EQ(Parse("a NEAR/3 b")->distance, 3);
  EXPECT_EQ(Parse("a NEAR/1000 b")->distance, 1000);
  EXPECT_EQ(Parse("a NEAR/007 b")->distance, 7);
}

TEST(QueryParser, NearChainsTakeAllOperandsAndPhrasesAndWildcards) {
  auto n = Parse("\"Volodymyr Zelensky\" NEAR/5 Putin NEAR/5 Erdo*");
  ASSERT_EQ(n->kind, Kind::kNear);
  ASSERT_EQ(n->children.size(), 3u);
  EXPECT_EQ(n->children[0]->kind, Kind::kPhrase);
  EXPECT_TRUE(n->children[2]->wildcard);
}

TEST(QueryParser, NearBindsTighterThanAnd) {
  EXPECT_EQ(Canon("x a NEAR b y"), "x AND a NEAR/10 b AND y");
  EXPECT_EQ(Parse("x a NEAR b y")->children[1]->kind, Kind::kNear);
  EXPECT_EQ(Canon("(a) NEAR b"), "a NEAR/10 b");
}

TEST(QueryParser, NearRejectsOperandsThatAreNotWordsOrPhrases) {
  const std::string takes =
      " (NEAR takes words, phrases and person:/place:/org:/entity: names; not groups, NOT, "
      "title:/lang:/source: or dates)";
  ExpectError("(a b) NEAR c", "expected a word or phrase before NEAR" + takes, 1);
  ExpectError("x (a) (b c) NEAR d", "expected a word or phrase before NEAR" + takes, 7);
  ExpectError("title:a NEAR b", "expected a word or phrase before NEAR" + takes, 1);
  ExpectError("date:2025 NEAR b", "expected a word or phrase before NEAR" + takes, 1);
  ExpectError("a NEAR (b)", "expected a word or phrase after NEAR" + takes, 8);
  ExpectError("a NEAR -b", "expected a word or phrase after NEAR" + takes, 8);
  ExpectError("a NEAR NOT b", "expected a word or phrase after NEAR" + takes, 8);
  ExpectError("a NEAR lang:uk", "expected a word or phrase after NEAR" + takes, 8);
  ExpectError("a NEAR", "expected a word or phrase after NEAR", 7);
  ExpectError("(a NEAR)", "expected a word or phrase after NEAR", 8);
  ExpectError("NEAR b", "expected a term before NEAR", 1);
}

TEST(QueryParser, NearTakesEntityFieldsOnEitherSide) {
  EXPECT_EQ(Canon("person:Zelensky NEAR Erdogan"), "person:Zelensky NEAR/10 Erdogan");
  EXPECT_EQ(Canon("talks NEAR/3 place:Київ"), "talks NEAR/3 place:Київ");
  auto n = Parse("org:\"United Nations\" NEAR entity:Kyiv");
  ASSERT_EQ(n->kind, Kind::kNear);
  EXPECT_EQ(n->children[0]->field, "org");
  EXPECT_EQ(n->children[1]->field, "entity");
}

TEST(QueryParser, NearDistanceMustBeANumberInRange) {
  ExpectError("a NEAR/ b", "expected a number after 'NEAR/'", 8);
  ExpectError("a NEAR/x b", "expected a number after 'NEAR/'", 8);
  ExpectError("a NEAR/-3 b", "expected a number after 'NEAR/'", 8);
  ExpectError("a NEAR/0 b", "NEAR distance must be between 1 and 1000", 8);
  ExpectError("a NEAR/1001 b", "NEAR distance must be between 1 and 1000", 8);
  ExpectError("a NEAR/99999999999999999999 b", "NEAR distance must be between 1 and 1000", 8);
}

TEST(QueryParser, NearChainWithTwoDistancesIsAnError) {
  ExpectError("a NEAR/3 b NEAR/5 c", "one NEAR chain must use one distance (NEAR/3 then NEAR/5)",
              12);
  ExpectError("a NEAR b NEAR/3 c", "one NEAR chain must use one distance (NEAR/10 then NEAR/3)",
              10);
}

TEST(QueryParser, KnownFieldsTakeAWord) {
  for (const char* field : {"title", "lang", "source", "person", "place", "org", "entity"}) {
    auto n = Parse(std::string(field) + ":Kyiv");
    EXPECT_EQ(n->kind, Kind::kTerm) << field;
    EXPECT_EQ(n->field, field);
    EXPECT_EQ(n->text, "Kyiv");
    EXPECT_EQ(n->position, 0u);
  }
}

TEST(QueryParser, KnownFieldsTakeAPhrase) {
  for (const char* field : {"title", "lang", "source", "person", "place", "org", "entity"}) {
    auto n = Parse(std::string("x ") + field + ":\"Olena Zelenska\"");
    ASSERT_EQ(n->kind, Kind::kAnd);
    const QueryNode& p = *n->children[1];
    EXPECT_EQ(p.kind, Kind::kPhrase) << field;
    EXPECT_EQ(p.field, field);
    EXPECT_EQ(p.text, "Olena Zelenska");
    EXPECT_EQ(p.position, 2u);
  }
}

TEST(QueryParser, FieldValueKeepsLaterColons) {
  auto n = Parse("source:bbc:news");
  EXPECT_EQ(n->field, "source");
  EXPECT_EQ(n->text, "bbc:news");
}

TEST(QueryParser, UnknownOrCapitalisedFieldsArePlainWords) {
  for (const char* word : {"foo:bar", "Title:Kyiv", "10:30", ":x", "x:", "http://example.org"}) {
    auto n = Parse(word);
    EXPECT_EQ(n->kind, Kind::kTerm) << word;
    EXPECT_EQ(n->field, "") << word;
    EXPECT_EQ(n->text, word);
  }
}

TEST(QueryParser, FieldWithoutValueIsAnError) {
  ExpectError("title:", "expected a word or phrase after 'title:'", 7);
  ExpectError("person: Zelensky", "expected a word or phrase after 'person:'", 8);
  ExpectError("(org:)", "expected a word or phrase after 'org:'", 6);
}

TEST(QueryParser, TrailingStarIsAPrefixSearch) {
  auto n = Parse("Zelen*");
  EXPECT_EQ(n->text, "Zelen");
  EXPECT_TRUE(n->wildcard);
  auto t = Parse("title:Zelen*");
  EXPECT_EQ(t->field, "title");
  EXPECT_EQ(t->text, "Zelen");
  EXPECT_TRUE(t->wildcard);
  EXPECT_EQ(Parse("\"Zel* x\"")->text, "Zel* x");  // '*' in a phrase is text
}

TEST(QueryParser, StarAnywhereButTheEndIsAnError) {
  ExpectError("Ze*len", "'*' is only allowed at the end of a word (prefix search)", 3);
  ExpectError("a**", "'*' is only allowed at the end of a word (prefix search)", 2);
  ExpectError("x *", "expected at least one character before '*'", 3);
  ExpectError("-*", "expected at least one character before '*'", 2);
  ExpectError("title:*", "expected at least one character before '*'", 7);
}

TEST(QueryParser, OnlyTitleTakesAWildcard) {
  ExpectError("person:Zel*", "field 'person:' does not take a wildcard", 11);
  ExpectError("lang:e*", "field 'lang:' does not take a wildcard", 7);
}

TEST(QueryParser, DateRangeWithBothEnds) {
  auto n = Parse("date:2025-06-01..2025-06-05");
  ASSERT_EQ(n->kind, Kind::kDateRange);
  EXPECT_EQ(n->date_from, "20250601");
  EXPECT_EQ(n->date_to, "20250605");
  EXPECT_EQ(n->field, "");
}

TEST(QueryParser, DateRangeMayBeOpenOnEitherSide) {
  auto from = Parse("date:2025-06-01..");
  EXPECT_EQ(from->date_from, "20250601");
  EXPECT_EQ(from->date_to, "");
  auto to = Parse("date:..2025-06-05");
  EXPECT_EQ(to->date_from, "");
  EXPECT_EQ(to->date_to, "20250605");
}

TEST(QueryParser, SingleDayMonthAndYearCoverTheirWholeSpan) {
  struct Case {
    const char* query;
    const char* from;
    const char* to;
  } cases[] = {
      {"date:2025-06-01", "20250601", "20250601"},    {"date:2025-06", "20250601", "20250630"},
      {"date:2025-02", "20250201", "20250228"},       {"date:2024-02", "20240201", "20240229"},
      {"date:1900-02", "19000201", "19000228"},       {"date:2000-02", "20000201", "20000229"},
      {"date:2025-12", "20251201", "20251231"},       {"date:2025", "20250101", "20251231"},
      {"date:2024..2025-03", "20240101", "20250331"},
  };
  for (const Case& c : cases) {
    auto n = Parse(c.query);
    ASSERT_TRUE(n) << c.query;
    EXPECT_EQ(n->date_from, c.from) << c.query;
    EXPECT_EQ(n->date_to, c.to) << c.query;
  }
}

TEST(QueryParser, LeapDaysFollowTheGregorianCalendar) {
  EXPECT_EQ(Parse("date:2024-02-29")->date_from, "20240229");
  EXPECT_EQ(Parse("date:2000-02-29")->date_from, "20000229");
  ExpectError("date:2025-02-29", "invalid date '2025-02-29': day must be 01-28 in 2025-02", 6);
  ExpectError("date:1900-02-29", "invalid date '1900-02-29': day must be 01-28 in 1900-02", 6);
}

TEST(QueryParser, InvalidDatesNameTheDateAndTheRule) {
  ExpectError("date:2025-13-45..x", "invalid date '2025-13-45': month must be 01-12", 6);
  ExpectError("date:2025-00", "invalid date '2025-00': month must be 01-12", 6);
  ExpectError("date:2025-04-31", "invalid date '2025-04-31': day must be 01-30 in 2025-04", 6);
  ExpectError("date:2025-01-00", "invalid date '2025-01-00': day must be 01-31 in 2025-01", 6);
  ExpectError("date:2025-6-1", "invalid date '2025-6-1': expected YYYY-MM-DD, YYYY-MM or YYYY", 6);
  ExpectError("date:yesterday", "invalid date 'yesterday': expected YYYY-MM-DD, YYYY-MM or YYYY",
              6);
  ExpectError("date:2025*", "invalid date '2025*': expected YYYY-MM-DD, YYYY-MM or YYYY", 6);
  ExpectError("x date:2025-06-01..2025-13-01", "invalid date '2025-13-01': month must be 01-12",
              20);
  ExpectError("date:2025-06-01..x", "invalid date 'x': expected YYYY-MM-DD, YYYY-MM or YYYY", 18);
}

TEST(QueryParser, DateRangeThatEndsBeforeItStartsIsAnError) {
  ExpectError("date:2025-06-05..2025-06-01",
              "invalid date range '2025-06-05..2025-06-01': it starts after it ends", 6);
  ExpectError("date:2025-07..2025-06",
              "invalid date range '2025-07..2025-06': it starts after it ends", 6);
  EXPECT_EQ(Parse("date:2025-06-01..2025-06-01")->date_to, "20250601");
}

TEST(QueryParser, DateNeedsAValue) {
  const std::string expected =
      "expected a date after 'date:' (YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO)";
  ExpectError("date:", expected, 6);
  ExpectError("date:\"2025\"", expected, 6);
  ExpectError("date: 2025", expected, 6);
  ExpectError("date:..", "expected a date before or after '..'", 6);
}

TEST(QueryParser, WordsMayHoldAnyUtf8AndApostrophes) {
  for (const char* word :
       {"Зеленський", "l'OTAN", "l’OTAN", "Zełenskiego", "東京", "Ελλάδα", "Putin's"}) {
    auto n = Parse(word);
    EXPECT_EQ(n->kind, Kind::kTerm) << word;
    EXPECT_EQ(n->text, word);
  }
  EXPECT_EQ(Canon("Зеленський OR Зеленского"), "Зеленський OR Зеленского");
}

TEST(QueryParser, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(Canon("a\u00A0b\u3000c\u2009d"), "a AND b AND c AND d");
}

TEST(QueryParser, WordsEndAtParenthesesAndQuotes) {
  EXPECT_EQ(Canon("a(b)\"c d\"e"), "a AND b AND \"c d\" AND e");
  EXPECT_EQ(Canon("NOT(a OR b)"), "NOT (a OR b)");
}

TEST(QueryParser, PhraseKeepsItsTextAndPosition) {
  auto n = Parse("x \" Volodymyr  Zelensky\"");
  const QueryNode& p = *n->children[1];
  EXPECT_EQ(p.kind, Kind::kPhrase);
  EXPECT_EQ(p.text, " Volodymyr  Zelensky");
  EXPECT_EQ(p.position, 2u);
}

TEST(QueryParser, PositionsAreByteOffsetsOfWhereEachNodeStarts) {
  auto n = Parse("ab NOT cd -ef");
  ASSERT_EQ(n->kind, Kind::kAnd);
  EXPECT_EQ(n->position, 0u);
  EXPECT_EQ(n->children[1]->position, 3u);
  EXPECT_EQ(n->children[1]->children[0]->position, 7u);
  EXPECT_EQ(n->children[2]->position, 10u);
  EXPECT_EQ(n->children[2]->children[0]->position, 11u);
  auto u = Parse("Зе title:x");
  EXPECT_EQ(u->children[1]->position, 5u);
}

TEST(QueryParser, ErrorAfterAndAtEndOfInput) {
  ExpectError("(Zelensky AND", "expected a term after AND", 14);
  ExpectError("a AND AND b", "expected a term after AND", 7);
  ExpectError("a AND )", "expected a term after AND", 7);
}

TEST(QueryParser, ErrorAfterOrNotAndOpenParen) {
  ExpectError("a OR", "expected a term after OR", 5);
  ExpectError("a OR OR b", "expected a term after OR", 6);
  ExpectError("a NOT", "expected a term after NOT", 6);
  ExpectError("()", "expected a term after '('", 2);
  ExpectError("a (OR b)", "expected a term after '('", 4);
}

TEST(QueryParser, OperatorAtTheStartIsAnError) {
  ExpectError("AND a", "expected a term before AND", 1);
  ExpectError("  OR a", "expected a term before OR", 3);
}

TEST(QueryParser, UnclosedParenthesisNamesWhereItOpened) {
  ExpectError("(Zelensky", "expected ')' to close '(' at column 1", 10);
  ExpectError("a ((b) c", "expected ')' to close '(' at column 3", 9);
  ExpectError("(Зеленський", "expected ')' to close '(' at column 1", 12);
}

TEST(QueryParser, UnmatchedCloseParenthesisIsAnError) {
  ExpectError(")", "unexpected ')' without a matching '('", 1);
  ExpectError("a )", "unexpected ')' without a matching '('", 3);
  ExpectError("(a) b)", "unexpected ')' without a matching '('", 6);
}

TEST(QueryParser, EmptyQueryIsAnError) {
  ExpectError("", "empty query", 1);
  ExpectError(" \t\n ", "empty query", 1);
}

TEST(QueryParser, UnterminatedPhraseNamesWhereItOpened) {
  ExpectError("\"Volodymyr Zelensky",
              "unterminated phrase: expected '\"' to close the phrase opened at column 1", 20);
  ExpectError("Зе title:\"x",
              "unterminated phrase: expected '\"' to close the phrase opened at column 10", 12);
  ExpectError("(a \"b)",
              "unterminated phrase: expected '\"' to close the phrase opened at column 4", 7);
}

TEST(QueryParser, EmptyPhraseIsAnError) {
  ExpectError("a \"\"", "empty phrase: expected words between the quotes", 3);
  ExpectError("title:\" \u00A0\"", "empty phrase: expected words between the quotes", 7);
}

TEST(QueryParser, FirstErrorFromTheLeftWins) {
  ExpectError("AND \"x", "expected a term before AND", 1);
  ExpectError("a AND \"x",
              "unterminated phrase: expected '\"' to close the phrase opened at column 7", 9);
  ExpectError("date:2025-13 Ze*n", "invalid date '2025-13': month must be 01-12", 6);
}

TEST(QueryParser, ErrorColumnsCountCodePoints) {
  ExpectError("Зеленський AND", "expected a term after AND", 15);
  ExpectError("東京 OR", "expected a term after OR", 6);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(QueryParser, SixtyFourLevelsOfNestingAreAllowed) {
  EXPECT_TRUE(ParseQuery(Repeat("(", 64) + "a" + Repeat(")", 64)).ok());
  EXPECT_TRUE(ParseQuery(Repeat("NOT ", 64) + "a").ok());
  EXPECT_TRUE(ParseQuery(Repeat("-(", 32) + "a" + Repeat(")", 32)).ok());
}

TEST(QueryParser, NestingBeyondSixtyFourLevelsIsAnError) {
  const std::string message =
      "query is nested too deeply: at most 64 levels of parentheses and NOT";
  ExpectError(Repeat("(", 65) + "a" + Repeat(")", 65), message, 65);
  ExpectError(Repeat("NOT ", 65) + "a", message, 257);
  ExpectError(Repeat("-", 100) + "a", message, 65);
  ExpectError(Repeat("(", 200000), message, 65);
}

TEST(QueryParser, AtMost1024TermsAreAllowed) {
  EXPECT_TRUE(ParseQuery(Repeat("w ", 1023) + "\"p\"").ok());
  ExpectError(Repeat("w ", 1024) + "date:2025",
              "query has too many terms: at most 1024 words, phrases and dates", 2049);
}

TEST(QueryParser, CanonicalForm) {
  EXPECT_EQ(Canon("a -b NEAR c OR title:\"x y\" lang:uk date:2025-06"),
            "a AND NOT b NEAR/10 c OR title:\"x y\" AND lang:uk AND date:2025-06-01..2025-06-30");
  EXPECT_EQ(Canon("date:..2025-06-05 date:2025-06-01.."),
            "date:..2025-06-05 AND date:2025-06-01..");
  EXPECT_EQ(Canon("date:2025-06-01..2025-06-01"), "date:2025-06-01");
  EXPECT_EQ(Canon("a AND (b OR c) AND NOT (d e)"), "a AND (b OR c) AND NOT (d AND e)");
}

const char* const kRoundTripQueries[] = {
    "Zelensky",
    "Zelensky Putin",
    "a OR b c",
    "(a OR b) (c OR d) -e",
    "NOT (a OR NOT b) OR -c",
    "\"Volodymyr Zelensky\" NEAR/5 Putin",
    "Zelen* NEAR Erdo* NEAR \"x y\"",
    "title:\"peace talks\" person:Zelensky place:Kyiv org:NATO entity:Q1 source:bbc lang:uk",
    "title:Zelen* -source:rt",
    "date:2025-06-01..2025-06-05 date:2025 date:2024-02 date:..2025-01-01 date:2025-12-31..",
    "Зеленський OR Зеленского l'OTAN l’OTAN 10:30 foo:bar",
    "war or peace and not near",
    "((a b) OR (c (d OR e)))",
    "a-b -a-b --a NOT NOT NOT a",
    "\" spaced  phrase \" x",
    "AND* OR* NOT* NEAR*",
    "title:AND source:OR person:NOT",
    "title:-x lang:--",
};

TEST(QueryParser, ToStringRoundTripsToAnEqualTree) {
  for (const char* query : kRoundTripQueries) {
    ParseResult first = ParseQuery(query);
    ASSERT_TRUE(first.ok()) << query << ": " << first.error;
    const std::string canonical = ToString(*first.root);
    ParseResult second = ParseQuery(canonical);
    ASSERT_TRUE(second.ok()) << canonical << ": " << second.error;
    EXPECT_TRUE(Equal(*first.root, *second.root)) << query << " -> " << canonical;
    EXPECT_EQ(ToString(*second.root), canonical);
  }
}

TEST(QueryParser, EqualIgnoresPositionsButNothingElse) {
  auto a = Parse("a b"), b = Parse("a    b");
  EXPECT_TRUE(Equal(*a, *b));
  EXPECT_FALSE(Equal(*Parse("a"), *Parse("a*")));
  EXPECT_FALSE(Equal(*Parse("a"), *Parse("\"a\"")));
  EXPECT_FALSE(Equal(*Parse("a"), *Parse("title:a")));
  EXPECT_FALSE(Equal(*Parse("a NEAR/3 b"), *Parse("a NEAR/4 b")));
  EXPECT_FALSE(Equal(*Parse("date:2025..2025"), *Parse("date:2025..")));
  EXPECT_FALSE(Equal(*Parse("a b"), *Parse("a OR b")));
  EXPECT_FALSE(Equal(*Parse("a b"), *Parse("b a")));
  EXPECT_FALSE(Equal(*Parse("a b"), *Parse("a b c")));
}

TEST(QueryParser, DescribeErrorIsOneLineWithTheColumn) {
  const std::string q1 = "(Zelensky AND";
  EXPECT_EQ(DescribeError(q1, ParseQuery(q1)),
            "query error at column 14: expected a term after AND (at end of query)");
  const std::string q2 = "date:2025-13-45..x";
  EXPECT_EQ(DescribeError(q2, ParseQuery(q2)),
            "query error at column 6: invalid date '2025-13-45': month must be 01-12 (at "
            "\"2025-13-45..x\")");
  const std::string q3 = "Зе ) and\ta long tail of words after it";
  EXPECT_EQ(
      DescribeError(q3, ParseQuery(q3)),
      "query error at column 4: unexpected ')' without a matching '(' (at \") and a long tail "
      "of…\")");
  EXPECT_EQ(DescribeError("a", ParseQuery("a")), "");
  EXPECT_EQ(DescribeError(" ", ParseQuery(" ")), "query error at column 1: empty query");
}

// Random trees that satisfy the invariants of query_ast.h.
class TreeGenerator {
 public:
  explicit TreeGenerator(unsigned seed) : rng_(seed) {}

  std::unique_ptr<QueryNode> Node(int depth) {
    const int choice = depth <= 0 ? Pick(3) : Pick(7);
    if (choice < 3) return Leaf(choice);
    if (choice == 3) return Near();
    if (choice == 4) return Not(depth);
    return Group(choice == 5 ? Kind::kAnd : Kind::kOr, depth);
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  template <std::size_t N>
  const char* PickFrom(const char* const (&items)[N]) {
    return items[Pick(static_cast<int>(N))];
  }

  std::unique_ptr<QueryNode> Leaf(int choice, bool unfielded = false) {
    static const char* const kWords[] = {
        "Zelensky", "Зеленський",      "l'OTAN", "l’OTAN", "10:30",   "foo:bar", "or",
        "and",      "Zelenskyy-Putin", "東京",   "a-",     "ANDROID", "near",    "x"};
    static const char* const kFields[] = {"",       "",       "",      "title", "lang",
                                          "source", "person", "place", "org",   "entity"};
    static const char* const kPhrases[] = {"Volodymyr Zelensky", " a ", "x", "Зеленський (AND) OR"};
    static const char* const kDates[] = {"20250601", "20240229", "20251231", "20000101", ""};
    auto n = std::make_unique<QueryNode>();
    if (choice == 2 && !unfielded) {
      n->kind = Kind::kDateRange;
      n->date_from = PickFrom(kDates);
      n->date_to = n->date_from.empty() ? "20260101" : Pick(2) ? n->date_from : "";
      return n;
    }
    n->kind = choice == 1 ? Kind::kPhrase : Kind::kTerm;
    n->field = unfielded ? "" : PickFrom(kFields);
    n->text = n->kind == Kind::kPhrase ? PickFrom(kPhrases) : PickFrom(kWords);
    n->wildcard =
        n->kind == Kind::kTerm && (n->field.empty() || n->field == "title") && Pick(4) == 0;
    return n;
  }

  std::unique_ptr<QueryNode> Near() {
    auto n = std::make_unique<QueryNode>();
    n->kind = Kind::kNear;
    n->distance = 1 + Pick(kMaxNearDistance);
    const int count = 2 + Pick(3);
    for (int i = 0; i < count; ++i) n->children.push_back(Leaf(Pick(2), true));
    return n;
  }

  std::unique_ptr<QueryNode> Not(int depth) {
    auto n = std::make_unique<QueryNode>();
    n->kind = Kind::kNot;
    n->children.push_back(Node(depth - 1));
    return n;
  }

  std::unique_ptr<QueryNode> Group(Kind kind, int depth) {
    auto n = std::make_unique<QueryNode>();
    n->kind = kind;
    const int count = 2 + Pick(3);
    while (static_cast<int>(n->children.size()) < count) {
      std::unique_ptr<QueryNode> child = Node(depth - 1);
      if (child->kind != kind) n->children.push_back(std::move(child));
    }
    return n;
  }

  std::mt19937 rng_;
};

TEST(QueryParser, RandomValidTreesRoundTripThroughToString) {
  TreeGenerator generator(20250601);
  for (int i = 0; i < 2000; ++i) {
    std::unique_ptr<QueryNode> tree = generator.Node(5);
    const std::string text = ToString(*tree);
    ParseResult r = ParseQuery(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error << " at column " << r.error_column;
    EXPECT_TRUE(Equal(*tree, *r.root)) << text << "\nreparsed: " << ToString(*r.root);
  }
}

// Random byte strings, half built from pieces of the syntax so that deep
// parser paths are reached, half pure noise (NUL and invalid UTF-8 included).
std::string RandomQuery(std::mt19937* rng) {
  static const char* const kPieces[] = {
      "a",     "Зе",         " ",       " ",          "(",          ")",    "\"",     "-",
      "*",     ":",          "AND",     "OR",         "NOT",        "NEAR", "NEAR/",  "3",
      "date:", "title:",     "person:", "2025-06-01", "2025-02-29", "..",   "\u00A0", "’",
      "l'",    "" /* NUL */, "\xff",    "\xe2\x80",   "\xc2",       "\t"};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(*rng); };
  const int length = pick(24);
  std::string out;
  const bool noise = pick(2) == 0;
  for (int i = 0; i < length; ++i) {
    if (noise) {
      out += static_cast<char>(pick(256));
    } else {
      const char* piece = kPieces[pick(static_cast<int>(std::size(kPieces)))];
      out += *piece ? std::string(piece) : std::string(1, '\0');
    }
  }
  return out;
}

TEST(QueryParser, ArbitraryBytesGiveATreeOrAnErrorNeverBoth) {
  std::mt19937 rng(42);
  int ok = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string query = RandomQuery(&rng);
    ParseResult r = ParseQuery(query);
    ASSERT_NE(r.ok(), r.root == nullptr) << testing::PrintToString(query);
    if (!r.ok()) {
      EXPECT_GE(r.error_column, 1u);
      const std::string described = DescribeError(query, r);
      EXPECT_EQ(described.find('\n'), std::string::npos) << described;
      continue;
    }
    ++ok;
    EXPECT_EQ(r.error_column, 0u);
    ParseResult again = ParseQuery(ToString(*r.root));
    ASSERT_TRUE(again.ok()) << testing::PrintToString(query) << " -> "
                            << testing::PrintToString(ToString(*r.root)) << ": " << again.error;
    EXPECT_TRUE(Equal(*r.root, *again.root)) << testing::PrintToString(query);
  }
  EXPECT_GT(ok, 500);  // the loop must reach the success paths too
}

}  // namespace
}  // namespace concord::query
