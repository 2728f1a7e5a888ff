#include "query/query_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "indexer/document_builder.h"
#include "lang/tokenizer.h"
#include "query/highlight.h"
#include "query/name_forms.h"
#include "query/query_parser.h"

namespace concord::query {
namespace {

// Names every word `ids` entities, as a dictionary with many homonyms would.
class EveryWordResolver : public EntityResolver {
 public:
  explicit EveryWordResolver(int ids) : ids_(ids) {}
  std::vector<std::string> Resolve(const std::string&, const std::string&) override {
    std::vector<std::string> out;
    for (int i = 0; i < ids_; ++i) out.push_back("e" + std::to_string(i));
    return out;
  }

 private:
  int ids_;
};

BuiltQuery Build(const std::string& query, const BuildOptions& options) {
  ParseResult parsed = ParseQuery(query);
  EXPECT_TRUE(parsed.ok()) << query << ": " << parsed.error;
  QueryBuilder builder(options);
  return builder.Build(*parsed.root);
}

// "w0 OR w1 OR ..." and the byte offset of each word.
std::string OrList(int n, std::vector<std::size_t>* offsets) {
  std::string q;
  for (int i = 0; i < n; ++i) {
    if (i) q += " OR ";
    offsets->push_back(q.size());
    q += "w" + std::to_string(i);
  }
  return q;
}

// The limits table of docs/query-language.md states the defaults users get:
// changing one without the docs fails here.
TEST(QueryBuilderLimits, TheDocumentedLimitsAreTheDefaults) {
  std::ifstream doc(std::string(CONCORD_SOURCE_DIR) + "/docs/query-language.md");
  ASSERT_TRUE(doc);
  std::map<std::string, std::string> documented;  // first cell -> value cell
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("| ", 0) != 0) continue;
    const std::size_t second = line.find(" | ", 2);
    if (second == std::string::npos) continue;
    const std::size_t third = line.find(" | ", second + 3);
    if (third == std::string::npos) continue;
    documented[line.substr(2, second - 2)] = line.substr(second + 3, third - second - 3);
  }
  const BuildOptions options;
  EXPECT_EQ(documented["words one `prefix*` may match"],
            std::to_string(options.max_wildcard_terms));
  EXPECT_EQ(documented["terms after expansion"], std::to_string(options.max_query_terms));
}

TEST(QueryBuilderLimits, ParserMaximumOfPlainWordsFitsTheDefaultBudget) {
  // 1024 words (the parser's limit), each with a stem term: 2048 terms.
  std::vector<std::size_t> offsets;
  BuildOptions options;
  options.languages = {"en"};
  BuiltQuery built = Build(OrList(1024, &offsets), options);
  EXPECT_TRUE(built.ok()) << built.error;
}

TEST(QueryBuilderLimits, HugeOrListIsRefusedAtTheWordThatCrossesTheBudget) {
  std::vector<std::size_t> offsets;
  BuildOptions options;
  options.languages = {"en"};  // each word: itself and its stem, 2 terms
  options.max_query_terms = 100;
  BuiltQuery built = Build(OrList(60, &offsets), options);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error.find("too many terms: at most 100"), std::string::npos) << built.error;
  EXPECT_EQ(built.error_position, offsets[50]);  // word 51 makes 102 terms
}

TEST(QueryBuilderLimits, ExactlyTheBudgetIsAccepted) {
  BuildOptions options;
  options.languages = {"en"};
  options.max_query_terms = 6;
  EXPECT_TRUE(Build("alpha beta gamma", options).ok());
  options.max_query_terms = 5;
  BuiltQuery built = Build("alpha beta gamma", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 11u);
}

TEST(QueryBuilderLimits, EachWildcardCountsAsItsExpansionLimit) {
  // Ten prefix searches use the whole default budget; an eleventh is refused.
  std::string ten, eleven;
  for (char c = 'a'; c < 'a' + 10; ++c) ten += std::string(ten.empty() ? "" : " ") + c + "x*";
  eleven = ten + " kx*";
  EXPECT_TRUE(Build(ten, BuildOptions()).ok());
  BuiltQuery built = Build(eleven, BuildOptions());
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, ten.size() + 1);
  EXPECT_NE(built.error.find("prefix* counted as 1000"), std::string::npos) << built.error;
}

TEST(QueryBuilderLimits, TitleWildcardsCountToo) {
  BuildOptions options;
  options.max_query_terms = 1500;
  BuiltQuery built = Build("title:zel* title:put*", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 11u);
}

TEST(QueryBuilderLimits, EntityAliasesCount) {
  EveryWordResolver resolver(5);
  BuildOptions options;
  options.resolver = &resolver;  // each word: itself + 5 entity terms
  options.max_query_terms = 10;
  BuiltQuery built = Build("a b", options);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error_position, 2u);
}

TEST(QueryBuilderLimits, PhraseAndNearWordsCount) {
  BuildOptions options;
  options.max_query_terms = 3;
  EXPECT_TRUE(Build("\"one two three\"", options).ok());
  EXPECT_FALSE(Build("\"one two three four\"", options).ok());
  EXPECT_FALSE(Build("one NEAR two NEAR three NEAR four", options).ok());
}

TEST(QueryBuilderLimits, FiltersAndDatesCostNothing) {
  BuildOptions options;
  options.max_query_terms = 1;
  EXPECT_TRUE(Build("peace date:2025-06 -date:2025-06-02", options).ok());
}

}  // namespace
}  // namespace concord::query

namespace concord::query {
namespace {

// Names one figure: "Putin" in any of the spellings listed.
class PutinResolver : public EntityResolver {
 public:
  std::vector<std::string> Resolve(const std::string& text, const std::string& type) override {
    if (!type.empty() && type != "person") return {};
    for (const char* s : {"Putin", "Путин", "Путина", "Poutine", "Владимир Путин"}) {
      if (text == s) return {"putin"};
    }
    return {};
  }
};

// A database of one document per text, analysed as the indexer does; the
// words "Путин"/"Путина"/"Putin" are tagged as mentions of "putin", except
// after "Людмила" (his former wife).
class ScriptsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* text : {
             "Владимир Путин встретился с президентом России в Стамбуле",           // 1 ru
             "Президент Украины Зеленский и делегация Путина приехали",             // 2 ru
             "Ο πρόεδρος της Ελλάδας μίλησε για την ειρήνη στην Κωνσταντινούπολη",  // 3 el
             "Vladimir Putin met the Turkish president in Istanbul",                // 4 en
             "الرئيس الروسي فلاديمير بوتين في إسطنبول",                             // 5 ar
             "Бывшая жена Людмила Путина дала интервью",                            // 6 ru, not him
             "Он сказал ъ и ушёл",  // 7: a lone hard sign has no Latin spelling
         }) {
      corpus::Article a;
      a.id = std::to_string(++n_);
      a.text = text;
      a.lang = "und";
      const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
      std::vector<indexer::MentionTerm> mentions;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        const bool after_her_name = i > 0 && tokens[i - 1].norm == "людмила";
        if ((tokens[i].norm == "путин" || tokens[i].norm == "путина" ||
             tokens[i].norm == "putin") &&
            !after_her_name) {
          mentions.push_back({i, i, "putin", "person"});
        }
      }
      db_.add_document(builder_.Build(a, "f" + a.id, tokens, mentions));
    }
  }

  // The documents `query` matches (their ids in insertion order).
  std::vector<unsigned> Run(const std::string& query, bool exact = false) {
    ParseResult parsed = ParseQuery(query);
    EXPECT_TRUE(parsed.ok()) << query << ": " << parsed.error;
    if (!parsed.ok()) return {};
    BuildOptions options;
    options.resolver = &resolver_;
    options.entity_terms_exact = exact;
    options.vocabulary = &db_;
    QueryBuilder builder(options);
    BuiltQuery built = builder.Build(*parsed.root);
    EXPECT_TRUE(built.ok()) << query << ": " << built.error;
    std::vector<unsigned> ids;
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(built.query);
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      for (auto it = enquire.get_mset(0, 100).begin(); it != enquire.get_mset(0, 100).end(); ++it) {
        ids.push_back(*it);
      }
    } catch (const Xapian::Error& e) {
      ADD_FAILURE() << query << ": " << e.get_description() << "\n"
                    << built.query.get_description();
    }
    return ids;
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  indexer::DocumentBuilder builder_;
  PutinResolver resolver_;
  unsigned n_ = 0;
};

using Ids = std::vector<unsigned>;

TEST_F(ScriptsTest, PhrasesWorkInEveryScript) {
  EXPECT_EQ(Run("\"президентом России\""), Ids({1}));
  EXPECT_EQ(Run("\"της Ελλάδας\""), Ids({3}));
  EXPECT_EQ(Run("\"الرئيس الروسي\""), Ids({5}));
  EXPECT_EQ(Run("\"Turkish president\""), Ids({4}));
  // Cyrillic words are also indexed in Latin letters, at the same position.
  EXPECT_EQ(Run("\"prezidentom rossii\""), Ids({1}));
  EXPECT_EQ(Run("\"России президентом\""), Ids());
}

TEST_F(ScriptsTest, AWordWithoutLatinLettersIsIndexedAndFoundAlone) {
  // Its transliteration is empty: an empty term would match every document.
  EXPECT_EQ(Run("\"сказал ъ\""), Ids({7}));
  EXPECT_EQ(Run("ъ"), Ids({7}));
}

TEST_F(ScriptsTest, NearWorksInEveryScriptAndTakesPhrases) {
  EXPECT_EQ(Run("Стамбуле NEAR/3 России"), Ids({1}));
  EXPECT_EQ(Run("πρόεδρος NEAR/5 ειρήνη"), Ids());  // six words apart
  EXPECT_EQ(Run("πρόεδρος NEAR/6 ειρήνη"), Ids({3}));
  EXPECT_EQ(Run("\"президентом России\" NEAR/2 Стамбуле"), Ids({1}));
  EXPECT_EQ(Run("\"президентом России\" NEAR/1 встретился"), Ids());  // two words apart
  EXPECT_EQ(Run("\"России президентом\" NEAR Стамбуле"), Ids());
}

TEST_F(ScriptsTest, WildcardsExpandInsidePhrasesAndNear) {
  EXPECT_EQ(Run("президент* NEAR/3 Стамбул*"), Ids({1}));
  EXPECT_EQ(Run("Turk* NEAR/3 Istanbul"), Ids({4}));
  EXPECT_EQ(Run("zzzz* NEAR Istanbul"), Ids());
}

TEST_F(ScriptsTest, ANameIsItsFigureInNearPhrasesAndEntityFields) {
  // "Путин" names the figure: the genitive "Путина" (document 2) counts.
  EXPECT_EQ(Run("Путин NEAR/4 Украины"), Ids({2}));
  EXPECT_EQ(Run("person:Putin NEAR/4 Украины"), Ids({2}));
  EXPECT_EQ(Run("Poutine NEAR/6 Istanbul"), Ids({4}));
  // A name inside a phrase: "делегация Путина" found from "делегация Poutine".
  EXPECT_EQ(Run("\"делегация Poutine\""), Ids({2}));
  EXPECT_EQ(Run("\"Владимир Путин\""), Ids({1, 2, 4}));
}

TEST_F(ScriptsTest, WithExactEntityTermsANameMatchesMentionsOnly) {
  // Document 6 holds the word "Путина" but no mention of him.
  EXPECT_EQ(Run("Путина", true), Ids({1, 2, 4}));
  EXPECT_EQ(Run("Путина", false), Ids({1, 2, 4, 6}));
  EXPECT_EQ(Run("Путин NEAR/3 Украины", true), Ids());
  EXPECT_EQ(Run("Путин NEAR/4 Украины", true), Ids({2}));
}

}  // namespace
}  // namespace concord::query

namespace concord::query {
namespace {

TEST(NameForms, FindsInflectedAndTransliteratedFormsOfATypedName) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  // Кушнером is indexed in Latin letters too ("kushnerom").
  for (const char* term : {"kushner", "kushnerom", "кушнером", "kushnir", "kusturica", "kush"}) {
    doc.add_term(term);
  }
  db.add_document(doc);
  const std::vector<std::string> forms = NameForms(db, "Kushner");
  EXPECT_NE(std::find(forms.begin(), forms.end(), "kushner"), forms.end());
  EXPECT_NE(std::find(forms.begin(), forms.end(), "kushnerom"), forms.end());
  EXPECT_EQ(std::find(forms.begin(), forms.end(), "kusturica"), forms.end());
  EXPECT_EQ(std::find(forms.begin(), forms.end(), "kush"), forms.end());
}

TEST(NameForms, OnlyCapitalisedWordsOrUncasedScriptsLookLikeNames) {
  EXPECT_TRUE(LooksLikeName("Kushner"));
  EXPECT_TRUE(LooksLikeName("Кушнер"));
  EXPECT_TRUE(LooksLikeName("كوشنر"));
  EXPECT_FALSE(LooksLikeName("kushner"));
  EXPECT_FALSE(LooksLikeName("Ali"));  // too short to expand safely
}

// Scholz by name; Schools and Scholtz only loosely (a typo, a name key).
class LooseResolver : public EntityResolver {
 public:
  std::vector<std::string> Resolve(const std::string& text, const std::string&) override {
    if (text == "Scholz" || ResolvesLoosely(text)) return {"scholz"};
    return {};
  }
  bool ResolvesLoosely(const std::string& text) override {
    return text == "Schools" || text == "Scholtz";
  }
};

// The first ten documents of `db` that `query` matches, by docid.
std::vector<unsigned> MatchingIds(const Xapian::Database& db, const std::string& query,
                                  const BuildOptions& options) {
  ParseResult parsed = ParseQuery(query);
  BuiltQuery built = QueryBuilder(options).Build(*parsed.root);
  EXPECT_TRUE(built.ok()) << built.error;
  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<unsigned> ids;
  for (const Xapian::docid id : enquire.get_mset(0, 10)) ids.push_back(id);
  return ids;
}

// A word finds its other forms through the database's stem table (documents
// written since analysis version 4) and through Z terms (documents written
// before, or with --stem-terms), in one database that holds both; in
// phrases a word is only itself.
TEST(StemTableTest, AWordFindsItsFormsThroughTheStemTableAndThroughStemTerms) {
  const std::string dir = ::testing::TempDir() + "concord-stem-table-" +
                          std::to_string(::testing::UnitTest::GetInstance()->random_seed());
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  indexer::DocumentBuilder builder;
  unsigned n = 0;
  const auto add = [&](const char* text, const char* lang, bool stem_terms) {
    corpus::Article a;
    a.id = std::to_string(++n);
    a.text = text;
    a.lang = lang;
    indexer::StemWords stem_words;
    db.add_document(builder.Build(a, "f" + a.id, lang::Tokenize(a.text), {}, {},
                                  stem_terms ? nullptr : &stem_words));
    for (const auto& [key, word] : stem_words) db.add_synonym(key, word);
  };
  add("The talks resumed in Istanbul", "en", false);       // 1
  add("Talking is what they did", "en", true);             // 2: Z terms
  add("Die Gespräche gingen weiter", "de", false);         // 3
  add("Neue Gespräch in Istanbul", "de", true);            // 4: Z terms
  add("Переговоры продолжились в Стамбуле", "ru", false);  // 5
  add("The walk was long", "en", false);                   // 6
  db.commit();
  const auto run = [&](const std::string& query) {
    BuildOptions options;
    options.languages = {"de", "en", "ru"};
    options.vocabulary = &db;
    return MatchingIds(db, query, options);
  };
  EXPECT_EQ(run("talk"), (std::vector<unsigned>{1, 2}));
  EXPECT_EQ(run("talked"), (std::vector<unsigned>{1, 2}));
  EXPECT_EQ(run("Gespräch"), (std::vector<unsigned>{3, 4}));
  EXPECT_EQ(run("переговоров"), (std::vector<unsigned>{5}));
  EXPECT_EQ(run("talk OR walks"), (std::vector<unsigned>{1, 2, 6}));
  // Each word has its stem term, also when another word of the query has
  // the same stem.
  EXPECT_EQ(run("talks -talk"), (std::vector<unsigned>{}));
  EXPECT_EQ(run("talk AND talked"), (std::vector<unsigned>{1, 2}));  // 2 by Z terms alone
  EXPECT_EQ(run("\"talk\""), (std::vector<unsigned>{}));
  EXPECT_EQ(run("\"the talks\""), (std::vector<unsigned>{1}));
  db.close();
  std::filesystem::remove_all(dir);
}

// With every document in the stem table, the highlighter looks a word up in
// the forms the table lists for the query's stems instead of stemming it:
// the same words are marked in each language; a list longer than a query
// takes, or a database without the table, leaves it stemming.
TEST(StemTableTest, TheHighlighterMarksTheTablesFormsAsStemmingWould) {
  const std::string dir = ::testing::TempDir() + "concord-stem-forms-" +
                          std::to_string(::testing::UnitTest::GetInstance()->random_seed());
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);  // (in memory: no synonyms)
  indexer::DocumentBuilder builder;
  std::vector<std::pair<std::string, std::string>> docs = {
      {"The talks resumed; talking and talked, a talkative talker walked.", "en"},
      {"Die Gespräche gingen weiter, ein Gespräch des Gesprächs.", "de"},
      {"Переговоры продолжились: переговорам, переговорах.", "ru"},
      {"Les négociations, négocier, négociateurs.", "fr"},
  };
  unsigned n = 0;
  for (const auto& [text, lang] : docs) {
    corpus::Article a;
    a.id = std::to_string(++n);
    a.text = text;
    a.lang = lang;
    indexer::StemWords stem_words;
    db.add_document(builder.Build(a, "f" + a.id, lang::Tokenize(a.text), {}, {}, &stem_words));
    for (const auto& [key, word] : stem_words) db.add_synonym(key, word);
  }
  db.commit();
  const auto marked = [&](const std::string& query, bool table) {
    BuildOptions options;
    options.languages = {"de", "en", "fr", "ru"};
    options.vocabulary = &db;
    options.stem_table_everywhere = table;
    ParseResult parsed = ParseQuery(query);
    BuiltQuery built = QueryBuilder(options).Build(*parsed.root);
    EXPECT_EQ(built.match.stem_forms_complete, table) << query;
    TokenMatcher matcher(built.match);
    std::vector<std::string> out;
    for (const auto& [text, lang] : docs) {
      const std::vector<lang::Token> tokens = lang::Tokenize(text);
      const std::vector<bool> hit = matcher.Hits(tokens, lang);
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (hit[i]) out.push_back(tokens[i].norm);
      }
    }
    return out;
  };
  for (const char* query : {"talks", "talked", "Gespräch", "переговоров", "négociation",
                            "talk OR Gesprächen", "walk"}) {
    const std::vector<std::string> by_table = marked(query, true);
    EXPECT_FALSE(by_table.empty()) << query;
    EXPECT_EQ(by_table, marked(query, false)) << query;
  }
  EXPECT_EQ(marked("talks", true),
            (std::vector<std::string>{"talks", "talking", "talked"}));  // not talkative, talker
  db.close();
  std::filesystem::remove_all(dir);
}

TEST(LooseNameTest, AWordReachingAFigureLooselyIsAlsoSearchedWhereTheArchiveHasItPlainly) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  indexer::DocumentBuilder builder;
  unsigned n = 0;
  for (const char* text :
       {"Scholz spoke in Berlin", "Schools reopened in Berlin", "Scholtz spoke again"}) {
    corpus::Article a;
    a.id = std::to_string(++n);
    a.text = text;
    a.lang = "en";
    const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
    std::vector<indexer::MentionTerm> mentions;
    if (n != 2) mentions.push_back({0, 0, "scholz", "person"});
    db.add_document(builder.Build(a, "f" + a.id, tokens, mentions));
  }
  EXPECT_TRUE(PlainWordElsewhere(db, "schools", {"scholz"}));
  EXPECT_FALSE(PlainWordElsewhere(db, "scholtz", {"scholz"}));  // only where he is named
  EXPECT_FALSE(PlainWordElsewhere(db, "nowhere", {"scholz"}));
  EXPECT_TRUE(PlainWordElsewhere(db, "schools", {}));

  LooseResolver resolver;
  const auto run = [&](const std::string& query, bool archive_evidence) {
    BuildOptions options;
    options.resolver = &resolver;
    options.entity_terms_exact = true;
    if (archive_evidence) {
      options.plain_word_elsewhere = [&db](const std::string& norm,
                                           const std::vector<std::string>& ids) {
        return PlainWordElsewhere(db, norm, ids);
      };
    }
    return MatchingIds(db, query, options);
  };
  EXPECT_EQ(run("Schools", true), (std::vector<unsigned>{1, 2, 3}));
  EXPECT_EQ(run("Schools", false), (std::vector<unsigned>{1, 3}));
  EXPECT_EQ(run("Scholtz", true), (std::vector<unsigned>{1, 3}));  // the figure alone
  EXPECT_EQ(run("Scholz", true), (std::vector<unsigned>{1, 3}));
  // Next to NEAR as well.
  EXPECT_EQ(run("Schools NEAR Berlin", true), (std::vector<unsigned>{1, 2}));
  EXPECT_EQ(run("Schools NEAR Berlin", false), (std::vector<unsigned>{1}));
}

}  // namespace
}  // namespace concord::query
