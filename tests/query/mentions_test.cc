// Mention listing: the table the indexer stores gives exactly what matching
// the stored text again gives, and the table's encoding survives bad bytes.
#include "query/mentions.h"

#include <gtest/gtest.h>

#include <concord/concord.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "query/entity_resolver.h"
#include "query/searcher.h"
#include "store/mention_table.h"
#include "store/schema.h"

namespace concord::query {
namespace {

namespace fs = std::filesystem;

std::string Words(int n, const std::string& word) {
  std::string out;
  for (int i = 0; i < n; ++i) out += word + std::to_string(i) + (i % 7 == 6 ? ".\n" : " ");
  return out;
}

class MentionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::mt19937_64 rng(std::random_device{}());
    dir_ = new fs::path(fs::temp_directory_path() / ("concord_mentions_" + std::to_string(rng())));
    fs::create_directories(*dir_);
    const std::string db = (*dir_ / "db").string();
    std::unique_ptr<concord::Index> index;
    ASSERT_TRUE(concord::Index::Open(db, concord::IndexOptions(), &index).ok());
    concord::UpdateReport report;
    ASSERT_TRUE(index
                    ->AddPaths({std::string(CONCORD_SOURCE_DIR) + "/corpus/samples"},
                               concord::UpdateOptions(), &report)
                    .ok());
    // Edges of the context window: mentions at the very start and end, long
    // runs of words, tabs and blank lines, clitics, scripts without spaces.
    const std::vector<std::pair<std::string, std::string>> texts = {
        {"en", "Zelensky's aides met Putin's envoy. " + Words(300, "w") +
                   "Zelensky\tarrived\n\n\nin Kyiv, and Zelenskyy spoke. Putin"},
        {"fr",
         "Le président Zelensky a rencontré M. Poutine à Istanbul ; "
         "l'Ukraine et Kyiv. " +
             Words(40, "mot") + "Zelensky"},
        {"uk", "Зеленського зустріли в Києві. Зеленський сказав, що Путін не приїде."},
        {"ar", "التقى زيلينسكي وبوتين في إسطنبول"},
        {"zh", "泽连斯基在基辅会见了普京，然后前往伊斯坦布尔。"},
        {"ko", "젤렌스키는 키이우에서 푸틴과 만나지 않았다."},
        {"", "Zelensky"},
        // Every rung: a typo, a name key, derived forms and a demonym.
        {"en", "Zelenksy met Putin. Selenskij answered. The Muscovites cheered."},
        {"de", "Die Moskauer Behörden und Selenskyjs Berater."},
        {"ru", "Московские власти ответили Зеленскому."},
    };
    int n = 0;
    for (const auto& [lang, text] : texts) {
      concord::Article a;
      a.id = "edge-" + std::to_string(n++);
      a.lang = lang;
      a.date = "2025-06-0" + std::to_string(n);
      a.text = text;
      ASSERT_TRUE(index->Add(a).ok());
    }
    // For counts: a date that is not ISO (the library takes any string), a
    // source that is not UTF-8, a name several times in one document.
    concord::Article odd;
    odd.id = "odd-date";
    odd.date = "June 3";
    odd.source = "Wire\xFF";
    odd.text = "Zelensky and Zelenskyy and Selenskyj met Putin in Kyiv.";
    ASSERT_TRUE(index->Add(odd).ok());
    odd.id = "wire-2";
    odd.date = "2025-06-09";
    odd.source = "Wire";
    ASSERT_TRUE(index->Add(odd).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }

  void SetUp() override {
    std::vector<std::string> errors;
    ASSERT_TRUE(lang::LoadBuiltinEntities(&dictionary_, &errors));
    matcher_ = std::make_unique<lang::EntityMatcher>(dictionary_);
    SearchError error;
    ASSERT_TRUE(searcher_.Open({(*dir_ / "db").string()}, &error)) << error.message;
  }

  std::vector<Mention> List(const std::string& name, std::size_t context, bool stored,
                            std::size_t kept = kKeptMentionRecords, std::size_t limit = SIZE_MAX) {
    MentionQuery r;
    r.name = name;
    r.context_words = context;
    r.use_stored_mentions = stored;
    r.kept_records = kept;
    r.limit = limit;
    std::vector<Mention> out;
    MentionSummary summary;
    SearchError error;
    EXPECT_TRUE(ListMentions(
        searcher_, *matcher_, r,
        [&](const Mention& m) {
          out.push_back(m);
          return true;
        },
        &summary, &error))
        << error.message;
    EXPECT_EQ(std::min(summary.mentions, limit), out.size());
    return out;
  }

  static fs::path* dir_;
  lang::EntityDictionary dictionary_;
  std::unique_ptr<lang::EntityMatcher> matcher_;
  Searcher searcher_;
};

fs::path* MentionsTest::dir_ = nullptr;

bool SameRecords(const std::vector<Mention>& a, const std::vector<Mention>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].article.id != b[i].article.id || a[i].start != b[i].start || a[i].end != b[i].end ||
        a[i].byte_start != b[i].byte_start || a[i].surface != b[i].surface ||
        a[i].left != b[i].left || a[i].right != b[i].right || a[i].rung != b[i].rung ||
        a[i].evidence != b[i].evidence || a[i].entity != b[i].entity) {
      return false;
    }
  }
  return true;
}

// A listing larger than the records it may keep drops them after counting
// and reads those documents again in turn: the same records in the same
// order, from the stored table or the text, and a limit stops it early.
TEST_F(MentionsTest, ListingsBeyondTheKeptRecordsGiveTheSameRecords) {
  for (const char* name : {"Zelensky", "Putin", "Kyiv", "Zelenskyy Putin"}) {
    for (bool stored : {true, false}) {
      for (std::size_t context : {3, 8}) {
        SCOPED_TRACE(std::string(name) + (stored ? " stored" : " matched") + " context " +
                     std::to_string(context));
        const std::vector<Mention> all = List(name, context, stored);
        for (std::size_t kept : {0, 1, 5}) {
          EXPECT_TRUE(SameRecords(List(name, context, stored, kept), all)) << "kept " << kept;
        }
        if (all.size() > 3) {
          const std::vector<Mention> first = List(name, context, stored, 0, 3);
          EXPECT_TRUE(SameRecords(first, {all.begin(), all.begin() + 3}));
        }
      }
    }
  }
}

TEST_F(MentionsTest, StoredTableGivesWhatMatchingTheTextGives) {
  std::set<std::string> rungs;
  for (const char* name : {"Zelensky", "Putin", "Kyiv", "Umerov", "Erdogan", "Istanbul",
                           "Olena Zelenska", "Trump", "Ukraine", "Moscow"}) {
    for (std::size_t context : {0, 1, 3, 8, 60}) {
      SCOPED_TRACE(std::string(name) + " context " + std::to_string(context));
      const std::vector<Mention> stored = List(name, context, true);
      const std::vector<Mention> matched = List(name, context, false);
      ASSERT_EQ(stored.size(), matched.size());
      for (const Mention& m : stored) rungs.insert(m.rung);
      for (std::size_t i = 0; i < stored.size(); ++i) {
        const Mention& a = stored[i];
        const Mention& b = matched[i];
        EXPECT_EQ(a.article.path, b.article.path);
        EXPECT_EQ(a.article.id, b.article.id);
        EXPECT_EQ(a.entity, b.entity);
        EXPECT_EQ(a.label, b.label);
        EXPECT_EQ(a.surface, b.surface);
        EXPECT_EQ(a.start, b.start);
        EXPECT_EQ(a.end, b.end);
        EXPECT_EQ(a.byte_start, b.byte_start);
        EXPECT_EQ(a.byte_end, b.byte_end);
        EXPECT_EQ(a.rung, b.rung);
        EXPECT_EQ(a.evidence, b.evidence);
        EXPECT_EQ(a.left, b.left) << a.surface;
        EXPECT_EQ(a.right, b.right) << a.surface;
      }
    }
  }
  EXPECT_GE(List("Zelensky", 8, true).size(), 10u);
  EXPECT_EQ(rungs, (std::set<std::string>{"exact", "inflection", "derived", "name-key", "typo"}));
}

// Counts read from the count terms and value slots (no document read) are
// those of the listing, bucket by bucket: a reference built here from the
// records, and the same counts with the text matched again.
TEST_F(MentionsTest, CountsWithoutReadingDocumentsAreTheListingsCounts) {
  const auto key_of = [](CountBy by, const Mention& m) -> std::string {
    const bool iso = m.article.date.size() == 10 && m.article.date[4] == '-';
    switch (by) {
      case CountBy::kDate:
        return iso ? m.article.date : "";
      case CountBy::kMonth:
        return iso ? m.article.date.substr(0, 7) : "";
      case CountBy::kSource:
        return m.article.source;
      case CountBy::kLang:
        return m.article.lang;
      default:
        return m.entity;
    }
  };
  for (const char* name : {"Zelensky", "Putin", "Kyiv", "Istanbul", "Umerov"}) {
    const std::vector<Mention> records = List(name, 8, true);
    for (CountBy by :
         {CountBy::kDate, CountBy::kMonth, CountBy::kSource, CountBy::kLang, CountBy::kEntity}) {
      SCOPED_TRACE(std::string(name) + " by " + std::to_string(static_cast<int>(by)));
      std::map<std::string, std::pair<std::size_t, std::set<std::string>>> want;
      for (const Mention& m : records) {
        auto& bucket = want[key_of(by, m)];
        ++bucket.first;
        bucket.second.insert(m.article.id);
      }
      for (bool stored : {true, false}) {
        MentionQuery r;
        r.name = name;
        r.use_stored_mentions = stored;
        std::vector<CountRow> rows;
        MentionSummary summary;
        SearchError error;
        ASSERT_TRUE(CountMentions(searcher_, *matcher_, r, by, &rows, &summary, &error))
            << error.message;
        EXPECT_EQ(summary.mentions, records.size());
        std::size_t total = 0;
        for (const CountRow& row : rows) {
          const auto it = want.find(row.key);
          if (it == want.end()) {
            EXPECT_EQ(row.mentions, 0u) << row.key;  // a zero-filled day or month
            continue;
          }
          EXPECT_EQ(row.mentions, it->second.first) << row.key;
          EXPECT_EQ(row.documents, it->second.second.size()) << row.key;
          total += row.mentions;
        }
        EXPECT_EQ(total, records.size());
      }
    }
  }
  EXPECT_GE(List("Zelensky", 8, true).size(), 12u);
}

TEST_F(MentionsTest, SnippetsHighlightStoredMentionsAsMatchingWould) {
  MatcherResolver resolver(*matcher_);
  for (const char* q :
       {"Zelensky", "Selenskyj Istanbul", "Путін", "person:Erdogan", "Kyiv OR Kiev", "Oumerov"}) {
    SCOPED_TRACE(q);
    SearchResult with, without;
    for (bool stored : {true, false}) {
      SearchOptions o;
      o.limit = 50;
      o.resolver = &resolver;
      o.entities = matcher_.get();
      o.stored_mentions = stored;
      SearchError error;
      ASSERT_TRUE(searcher_.Search(q, o, stored ? &with : &without, &error)) << error.message;
    }
    // Stored mentions also make a name search its entity terms alone, which
    // may rank differently: compare the snippets document by document.
    EXPECT_FALSE(with.hits.empty());
    std::map<std::string, const Hit*> matched;
    for (const Hit& h : without.hits) matched[h.article.id] = &h;
    for (const Hit& h : with.hits) {
      auto other = matched.find(h.article.id);
      ASSERT_NE(other, matched.end()) << h.article.path << " found only with stored mentions";
      EXPECT_EQ(h.snippet, other->second->snippet);
      EXPECT_EQ(h.highlights, other->second->highlights);
    }
  }
}

TEST(MentionTableTest, RoundTripsAndRefusesDamage) {
  std::vector<store::StoredMention> in(3);
  in[0] = {"zelensky", lang::Rung::kExact, "alias 'Zelensky'", 0, 8, 0, 8, "Zelensky", "", "met"};
  in[1] = {"putin",
           lang::Rung::kInflected,
           "alias 'Putin' + ending 'a'",
           100,
           106,
           90,
           96,
           "Putina",
           "spotkanie ",
           " w Stambule"};
  in[2] = {"zelensky", lang::Rung::kTypo, "alias 'Zelensky'",    300000, 300012, 290000,
           290009,     "Zelesnky",        std::string(300, 'x'), ""};
  in[1].ambiguous = true;
  const std::string data = store::EncodeMentionTable(in);
  std::vector<store::StoredMention> out;
  ASSERT_TRUE(store::DecodeMentionTable(data, &out));
  ASSERT_EQ(out.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out[i].entity_id, in[i].entity_id);
    EXPECT_EQ(out[i].rung, in[i].rung);
    EXPECT_EQ(out[i].ambiguous, in[i].ambiguous);
    EXPECT_EQ(out[i].evidence, in[i].evidence);
    EXPECT_EQ(out[i].byte_start, in[i].byte_start);
    EXPECT_EQ(out[i].byte_end, in[i].byte_end);
    EXPECT_EQ(out[i].cp_start, in[i].cp_start);
    EXPECT_EQ(out[i].cp_end, in[i].cp_end);
    EXPECT_EQ(out[i].surface, in[i].surface);
    EXPECT_EQ(out[i].left, in[i].left);
    EXPECT_EQ(out[i].right, in[i].right);
  }
  EXPECT_TRUE(store::EncodeMentionTable({}).empty());
  EXPECT_FALSE(store::DecodeMentionTable("", &out));
  // Every truncation and every single-byte change is refused or decodes to
  // something well-formed; never a crash or an out-of-range read.
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_FALSE(store::DecodeMentionTable(data.substr(0, cut), &out)) << cut;
    EXPECT_TRUE(out.empty());
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (int b : {0x00, 0x7f, 0x80, 0xff}) {
      std::string bad = data;
      bad[i] = static_cast<char>(b);
      if (store::DecodeMentionTable(bad, &out)) {
        for (const auto& m : out) EXPECT_LE(m.byte_start, m.byte_end);
      }
    }
  }
  EXPECT_FALSE(store::DecodeMentionTable(data + "x", &out));

  // Keeping one entity gives its mentions, in order; damage after a skipped
  // mention is still refused.
  const auto zelensky = [](const std::string& id) { return id == "zelensky"; };
  ASSERT_TRUE(store::DecodeMentionTable(data, &out, zelensky));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].surface, "Zelensky");
  EXPECT_EQ(out[1].surface, "Zelesnky");
  EXPECT_EQ(out[1].left, std::string(300, 'x'));
  ASSERT_TRUE(store::DecodeMentionTable(data, &out, [](const std::string&) { return false; }));
  EXPECT_TRUE(out.empty());
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_FALSE(store::DecodeMentionTable(data.substr(0, cut), &out, zelensky)) << cut;
    EXPECT_TRUE(out.empty());
  }

  // For counting: the same mentions and places without their strings, and
  // truncations still refused.
  ASSERT_TRUE(store::DecodeMentionTable(data, &out, zelensky, /*strings=*/false));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].byte_start, in[2].byte_start);
  EXPECT_EQ(out[1].rung, lang::Rung::kTypo);
  EXPECT_TRUE(out[0].surface.empty() && out[1].left.empty() && out[1].right.empty());
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_FALSE(store::DecodeMentionTable(data.substr(0, cut), &out, nullptr, false)) << cut;
  }
}

// Each entity's mentions go to its own slot; reading some entities gives
// their mentions in text order, whatever slots they share, and a document
// stored before (one table of all entities) reads the same.
TEST(MentionTableTest, EntityTablesReadLikeTheWholeTable) {
  // Two ids sharing a slot, found by trying (the slot is a hash).
  std::map<unsigned, std::string> seen;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    const std::string id = "e" + std::to_string(i);
    auto [it, added] = seen.emplace(schema::EntityMentionSlot(id), id);
    if (!added) a = it->second, b = id;
  }
  ASSERT_NE(schema::EntityMentionSlot(a), schema::EntityMentionSlot("putin"));
  std::vector<store::StoredMention> in;
  const std::vector<std::string> ids = {"zelensky", a, "putin", b, "zelensky", "putin", b};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    store::StoredMention m;
    m.entity_id = ids[i];
    m.evidence = "alias '" + ids[i] + "'";
    m.byte_start = m.cp_start = 10 * i;
    m.byte_end = m.cp_end = 10 * i + 5;
    m.surface = ids[i];
    m.left = "before " + std::to_string(i);
    in.push_back(m);
  }
  const auto tables = store::EncodeEntityMentionTables(in);
  std::map<unsigned, std::string> doc(tables.begin(), tables.end());
  EXPECT_EQ(doc.size(), 4u);  // the mark and three slots: a and b share one
  EXPECT_GE(doc.begin()->first, schema::kValueMentions);
  const auto value = [&doc](unsigned slot) {
    const auto it = doc.find(slot);
    return it == doc.end() ? std::string() : it->second;
  };
  std::map<unsigned, std::string> old = {{schema::kValueMentions, store::EncodeMentionTable(in)}};
  const auto old_value = [&old](unsigned slot) { return old.count(slot) ? old[slot] : ""; };

  for (const std::set<std::string>& want : std::vector<std::set<std::string>>{
           {"zelensky"}, {a}, {b}, {a, b}, {"putin", b, "zelensky"}}) {
    std::vector<store::StoredMention> out, from_old;
    ASSERT_TRUE(store::DecodeEntityMentions(value, want, &out));
    ASSERT_TRUE(store::DecodeEntityMentions(old_value, want, &from_old));
    std::vector<std::size_t> expected;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (want.count(ids[i])) expected.push_back(i);
    }
    ASSERT_EQ(out.size(), expected.size());
    ASSERT_EQ(from_old.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      for (const store::StoredMention* m : {&out[k], &from_old[k]}) {
        EXPECT_EQ(m->entity_id, ids[expected[k]]);
        EXPECT_EQ(m->byte_start, 10 * expected[k]);
        EXPECT_EQ(m->left, "before " + std::to_string(expected[k]));
      }
    }
  }
  // An entity the document does not mention: none, from the mark; a
  // document with no table at all, or a damaged one: false.
  std::vector<store::StoredMention> out;
  EXPECT_TRUE(store::DecodeEntityMentions(value, {"trump"}, &out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(
      store::DecodeEntityMentions([](unsigned) { return std::string(); }, {"putin"}, &out));
  doc[schema::EntityMentionSlot("putin")].pop_back();
  EXPECT_FALSE(store::DecodeEntityMentions(value, {"zelensky", "putin"}, &out));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(store::EncodeEntityMentionTables({}).empty());
}

}  // namespace
}  // namespace concord::query
