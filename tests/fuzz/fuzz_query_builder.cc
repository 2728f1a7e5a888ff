// Fuzz target for building and running queries (query/query_builder.h): what
// happens to a query once query::ParseQuery has accepted it. Xapian refuses
// some shapes of query (SYNONYM or a phrase inside OP_PHRASE or OP_NEAR, a
// window on OP_AND...) only when they are built or run, and the user then gets
// "search failed" instead of results or a query error naming a column.
//
// Built once: a matcher over the built-in entity dictionary (corpus/entities,
// found by lang::LoadBuiltinEntities) and an in-memory database of eight short
// articles (English, French, Russian, Ukrainian, German, Greek, Arabic,
// Chinese) indexed as the indexer does them: indexer::DocumentBuilder, with
// the mentions the matcher finds in texts and titles as entity terms.
//
// Properties checked on every input that parses, built by a new QueryBuilder
// (as the searcher makes one per query) with languages en, fr, ru, uk, de,
// the matcher as resolver, the database as vocabulary, and entity_terms_exact
// off, then on:
//   - Build never throws; it returns ok() or an error whose error_position is
//     at most the size of the query;
//   - every entity id it records for highlighting is one of the dictionary's;
//   - no word has an empty spelling: none is recorded for highlighting, and
//     no OP_SYNONYM, OP_PHRASE or OP_NEAR holds the empty term (MatchAll, so
//     the word would match every document);
//   - a query built ok() runs (Enquire::get_mset(0, 10)) without throwing any
//     Xapian::Error but WildcardError (a prefix* past its expansion limit, the
//     user's error); any other (UnimplementedError, InvalidArgumentError...)
//     is printed with the query's description and fails.

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/article.h"
#include "indexer/document_builder.h"
#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"
#include "query/entity_resolver.h"
#include "query/query_builder.h"
#include "query/query_parser.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace lang = concord::lang;
namespace query = concord::query;

struct SampleArticle {
  const char* language;
  const char* date;
  const char* source;
  const char* title;
  const char* text;
};

// Names of the built-in dictionary in several spellings and inflections,
// hyphenated names, and words the seeds' phrases and NEAR queries can find.
constexpr SampleArticle kArticles[] = {
    {"en", "2025-06-02", "Reuters", "Zelensky and Putin envoys meet in Istanbul",
     "Volodymyr Zelensky met Vladimir Putin's envoy in Istanbul; the Zelenskyy-Putin peace "
     "talks on a ceasefire and a POW exchange lasted two hours."},
    {"fr", "2025-06-03", "Le Monde", "Pourparlers d'Istanbul",
     "Le président Zelensky s'est entretenu avec l'émissaire de Poutine à Istanbul sur un "
     "cessez-le-feu."},
    {"ru", "2025-06-01", "ТАСС", "Путин в Стамбуле",
     "Владимир Путин встретился с президентом Турции в Стамбуле; делегация Зеленского "
     "приехала позже."},
    {"uk", "2025-05-28", "Укрінформ", "Зеленський і Умєров",
     "Президент Зеленський і міністр Умєров обговорили обмін полоненими в Стамбулі."},
    {"de", "2025-06-04", "Der Spiegel", "Selenskyj in Istanbul",
     "Selenskyj und Erdoğan sprachen über die Friedensgespräche in Istanbul; Putins Gesandter "
     "schwieg."},
    {"el", "2025-06-02", "Καθημερινή", "Ειρήνη",
     "Ο Ζελένσκι και ο Ερντογάν μίλησαν για την ειρήνη στην Κωνσταντινούπολη."},
    {"ar", "2025-06-02", "الجزيرة", "زيلينسكي في إسطنبول",
     "الرئيس زيلينسكي التقى أردوغان في إسطنبول لبحث وقف إطلاق النار"},
    {"zh", "", "", "泽连斯基", "泽连斯基在伊斯坦布尔会见埃尔多安，讨论停火和交换战俘。"},
};

// The mentions `matcher` finds in `text`, as entity terms.
std::vector<concord::indexer::MentionTerm> Mentions(const lang::EntityMatcher& matcher,
                                                    const std::string& text,
                                                    const std::string& language) {
  std::vector<concord::indexer::MentionTerm> terms;
  for (const lang::Mention& m : matcher.Match(text, lang::Tokenize(text), language)) {
    const lang::Entity& e = matcher.entity(m.entity);
    terms.push_back({m.first_token, m.last_token, e.id, e.type});
  }
  return terms;
}

// The dictionary, matcher and database every input shares. Built on first
// use; never destroyed (libFuzzer exits without unwinding).
class Fixture {
 public:
  Fixture() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    std::vector<std::string> errors;
    const bool loaded = lang::LoadBuiltinEntities(&dictionary_, &errors);
    for (const std::string& e : errors) std::fprintf(stderr, "built-in entities: %s\n", e.c_str());
    FUZZ_CHECK(loaded && !dictionary_.entities().empty());
    matcher_ = std::make_unique<lang::EntityMatcher>(dictionary_);

    concord::indexer::DocumentBuilder document_builder;
    int n = 0;
    for (const SampleArticle& s : kArticles) {
      concord::corpus::Article a;
      a.id = "sample-" + std::to_string(++n);
      a.path = a.id + ".txt";
      a.lang = s.language;
      a.date = s.date;
      a.source = s.source;
      a.title = s.title;
      a.text = s.text;
      db_.add_document(document_builder.Build(a, a.path, lang::Tokenize(a.text),
                                              Mentions(*matcher_, a.text, a.lang),
                                              Mentions(*matcher_, a.title, a.lang)));
    }
  }

  const lang::EntityMatcher& matcher() const { return *matcher_; }
  const Xapian::Database& db() const { return db_; }

 private:
  lang::EntityDictionary dictionary_;
  std::unique_ptr<lang::EntityMatcher> matcher_;
  Xapian::WritableDatabase db_;
};

const Fixture& TheFixture() {
  static const Fixture* fixture = new Fixture();
  return *fixture;
}

// query::MatcherResolver that remembers its answers for one input: the
// builder asks for the same names in both builds, and for every run of up
// to four words of a phrase, and matching costs more than the rest of a
// build. (Kept for one input only, so that libFuzzer's coverage of the
// matcher depends on the input alone.)
class RememberingResolver : public query::EntityResolver {
 public:
  explicit RememberingResolver(const lang::EntityMatcher& matcher) : resolver_(matcher) {}
  std::vector<std::string> Resolve(const std::string& text, const std::string& type) override {
    auto [it, added] = answers_.try_emplace({text, type});
    if (added) it->second = resolver_.Resolve(text, type);
    return it->second;
  }

 private:
  query::MatcherResolver resolver_;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> answers_;
};

// What escaped `f`, in words; "" when nothing did. A WildcardError passes
// when `wildcard_error_allowed`.
template <typename F>
std::string Escaped(F&& f, bool wildcard_error_allowed) {
  try {
    f();
  } catch (const Xapian::WildcardError& e) {
    if (!wildcard_error_allowed) return e.get_description();
  } catch (const Xapian::Error& e) {
    return e.get_description();
  } catch (const std::exception& e) {
    return std::string("std::exception: ") + e.what();
  } catch (...) {
    return "an exception of unknown type";
  }
  return "";
}

// Whether MatchAll (which is the empty term) is inside an OP_SYNONYM,
// OP_PHRASE or OP_NEAR of `q`: a spelling of a word came out empty, and the
// word matches every document. (NOT of what matches nothing is MatchAll too,
// but it never goes inside these.)
bool WordIsMatchAll(const Xapian::Query& q, bool inside_word) {
  if (q.get_type() == Xapian::Query::LEAF_MATCH_ALL) return inside_word;
  inside_word = inside_word || q.get_type() == Xapian::Query::OP_SYNONYM ||
                q.get_type() == Xapian::Query::OP_PHRASE || q.get_type() == Xapian::Query::OP_NEAR;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (WordIsMatchAll(q.get_subquery(i), inside_word)) return true;
  }
  return false;
}

// Whether the highlighter would be asked to mark an empty word.
bool HasEmptyForm(const query::MatchTerms& match) {
  if (match.norms.count("") || match.stems.count("")) return true;
  for (const std::string& prefix : match.prefixes) {
    if (prefix.empty()) return true;
  }
  for (const auto& phrase : match.phrases) {
    for (const std::set<std::string>& forms : phrase) {
      if (forms.count("")) return true;
    }
  }
  return false;
}

// Prints "<what> [<query>] (entity_terms_exact on|off): <detail>" before a
// failed check.
void Report(const char* what, std::string_view text, bool exact, const std::string& detail) {
  std::fprintf(stderr, "%s [%.*s] (entity_terms_exact %s): %s\n", what,
               static_cast<int>(text.size()), text.data(), exact ? "on" : "off", detail.c_str());
}

// Builds `root` with a new QueryBuilder (the searcher makes one per query).
query::BuiltQuery Build(std::string_view text, const query::QueryNode& root,
                        query::EntityResolver* resolver, bool exact) {
  query::BuildOptions options;
  options.languages = {"en", "fr", "ru", "uk", "de"};
  options.resolver = resolver;
  options.entity_terms_exact = exact;
  options.vocabulary = &TheFixture().db();
  query::BuiltQuery built;
  const std::string thrown =
      Escaped([&] { built = query::QueryBuilder(options).Build(root); }, false);
  if (!thrown.empty()) {
    Report("building", text, exact, thrown + "\ncanonical text: " + query::ToString(root));
  }
  FUZZ_CHECK(thrown.empty());
  return built;
}

void CheckBuilt(std::string_view text, const query::BuiltQuery& built, bool exact) {
  if (!built.ok()) {
    if (built.error_position > text.size()) {
      Report("error past the end of", text, exact,
             "at byte " + std::to_string(built.error_position) + ": " + built.error);
    }
    FUZZ_CHECK(built.error_position <= text.size());
    return;
  }
  const lang::EntityMatcher& matcher = TheFixture().matcher();
  for (const std::string& id : built.match.entities) {
    if (matcher.Find(id) < 0) Report("unknown entity id from", text, exact, id);
    FUZZ_CHECK(matcher.Find(id) >= 0);
  }
  const bool empty_word = WordIsMatchAll(built.query, false) || HasEmptyForm(built.match);
  if (empty_word) {
    Report("a word with an empty spelling in", text, exact, built.query.get_description());
  }
  FUZZ_CHECK(!empty_word);
}

// Runs a query that was built ok().
void CheckRuns(std::string_view text, const query::BuiltQuery& built, bool exact) {
  const Xapian::Database& db = TheFixture().db();
  Xapian::doccount found = 0;
  const std::string thrown = Escaped(
      [&] {
        Xapian::Enquire enquire(db);
        enquire.set_query(built.query);
        found = enquire.get_mset(0, 10).size();
      },
      true);
  if (!thrown.empty()) {
    Report("running", text, exact, thrown + "\nquery: " + built.query.get_description());
  }
  FUZZ_CHECK(thrown.empty());
  FUZZ_CHECK(found <= db.get_doccount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const query::ParseResult parsed = query::ParseQuery(text);
  if (!parsed.ok()) return 0;
  RememberingResolver resolver(TheFixture().matcher());
  for (bool exact : {false, true}) {
    const query::BuiltQuery built = Build(text, *parsed.root, &resolver, exact);
    CheckBuilt(text, built, exact);
    if (built.ok()) CheckRuns(text, built, exact);
  }
  return 0;
}
