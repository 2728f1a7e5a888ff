#include "query/name_forms.h"

#include <unicode/uchar.h>

#include <string_view>

#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "lang/name_key.h"
#include "lang/normalize.h"
#include "lang/tokenizer.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"
#include "store/schema.h"

namespace concord::query {
namespace {

// The first `n` code points of `s`.
std::string Head(const std::string& s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < n && i < s.size(); ++k) lang::DecodeUtf8(s, &i);
  return s.substr(0, i);
}

// `folded` with its first letter in upper case, as a name is written.
std::string Capitalised(const std::string& folded) {
  std::size_t i = 0;
  const char32_t first = lang::DecodeUtf8(folded, &i);
  std::string out;
  lang::AppendUtf8(static_cast<char32_t>(u_toupper(static_cast<UChar32>(first))), &out);
  return out + folded.substr(i);
}

// Consonants that romanisation schemes swap (as the name key merges them):
// v/w, k/c/q, s/z, g/h. Vowels are kept: every vowel for every vowel would
// mean dozens of vocabulary seeks for one word.
std::string LetterClass(char c) {
  static const char* const kClasses[] = {"vw", "kcq", "sz", "gh"};
  for (const char* cls : kClasses) {
    if (std::string_view(cls).find(c) != std::string_view::npos) return cls;
  }
  return std::string(1, c);
}

// Every spelling of a three-letter ASCII head with swappable letters swapped
// ("kov" -> kov, kow, cov, cow, qov, qow); a non-ASCII head stands alone.
std::vector<std::string> PrefixVariants(const std::string& head) {
  std::vector<std::string> out{""};
  for (char c : head) {
    if (static_cast<unsigned char>(c) >= 0x80) return {head};
    std::vector<std::string> next;
    for (const std::string& p : out) {
      for (char alt : LetterClass(c)) next.push_back(p + alt);
    }
    out.swap(next);
  }
  return out;
}

}  // namespace

std::unique_ptr<lang::EntityMatcher> AdHocMatcher(const std::string& name) {
  std::string alias = name;
  for (char& ch : alias) {
    if (ch == '|' || ch == '\n' || ch == '\r' || ch == '[' || ch == '#') ch = ' ';
  }
  lang::EntityDictionary dict;
  std::vector<std::string> ignored;
  dict.LoadString("[typed_name]\ntype: other\nlabel: " + alias + "\nalias: " + alias + "\n",
                  "typed name", &ignored);
  // (Run over every document of an archive: no spelling dictionaries.)
  return std::make_unique<lang::EntityMatcher>(dict, false);
}

bool LooksLikeName(const std::string& word) {
  std::size_t i = 0, letters = 0;
  bool first_capital = false, cased = false;
  while (i < word.size()) {
    const UChar32 c = static_cast<UChar32>(lang::DecodeUtf8(word, &i));
    if (!u_isalpha(c)) continue;
    if (letters == 0) {
      first_capital = u_isupper(c) || u_istitle(c);
      cased = u_isupper(c) || u_islower(c) || u_istitle(c);
    }
    ++letters;
  }
  return letters >= 4 && (first_capital || !cased);
}

std::vector<std::string> NameForms(const Xapian::Database& vocabulary, const std::string& name) {
  std::vector<std::string> forms;
  const std::string latin = lang::ToLatin(lang::FoldWord(name));
  const std::string head = Head(latin, 3);
  if (lang::CountCodePoints(head) < 3) return forms;
  // Cheap test first: an ASCII word whose name key does not start as the
  // name's does (its first four symbols: a typo further on still passes) is
  // no form of it; only the rest is tokenised and matched, and the matcher
  // is built only when there is something to match.
  std::vector<std::string> keys;
  for (const std::string& k : lang::NameKeys(latin)) keys.push_back(k.substr(0, 4));
  const auto may_be_form = [&](const std::string& term) {
    for (char c : term) {
      if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
    for (const std::string& tk : lang::NameKeys(term)) {
      for (const std::string& k : keys) {
        if (tk.compare(0, k.size(), k) == 0) return true;
      }
    }
    return false;
  };
  std::vector<std::string> candidates;
  std::size_t scanned = 0;
  for (const std::string& prefix : PrefixVariants(head)) {
    for (auto it = vocabulary.allterms_begin(prefix);
         it != vocabulary.allterms_end(prefix) && scanned < kMaxNameFormsScanned &&
         candidates.size() < kMaxNameForms;
         ++it, ++scanned) {
      if (may_be_form(*it)) candidates.push_back(*it);
    }
  }
  if (candidates.empty()) return forms;
  const std::unique_ptr<lang::EntityMatcher> matcher = AdHocMatcher(name);
  if (matcher->size() == 0) return forms;
  for (const std::string& term : candidates) {
    const std::string word = Capitalised(term);
    const std::vector<lang::Token> tokens = lang::Tokenize(word);
    // Every language's endings: the term's document language is not known.
    const std::vector<lang::Mention> found = matcher->Match(word, tokens, "und");
    if (found.size() == 1 && found[0].first_token == 0 &&
        found[0].last_token + 1 == tokens.size()) {
      forms.push_back(term);
    }
  }
  return forms;
}

bool PlainWordElsewhere(const Xapian::Database& db, const std::string& norm,
                        const std::vector<std::string>& entity_ids) {
  if (norm.empty() || db.get_termfreq(norm) == 0) return false;
  std::vector<Xapian::Query> figures;
  for (const std::string& id : entity_ids) figures.emplace_back(std::string(schema::kEntity) + id);
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(norm),
                    Xapian::Query(Xapian::Query::OP_OR, figures.begin(), figures.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

}  // namespace concord::query
