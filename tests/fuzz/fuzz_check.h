#ifndef CONCORD_TESTS_FUZZ_FUZZ_CHECK_H_
#define CONCORD_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/article.h"
#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"

// A property every fuzz target checks: on failure it says which one and where,
// then aborts so that libFuzzer (or the replay driver) records the input.
// Active in every build type: unlike assert(), NDEBUG does not turn it off.
#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::fflush(stderr);                                                               \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace concord::fuzz {

// The mentions `matcher` finds in `text`, checked: in order, not
// overlapping, on real tokens, bytes, code points and entities, with
// evidence. Shared by every target that builds or loads a matcher.
inline std::vector<lang::Mention> CheckedMentions(const lang::EntityMatcher& matcher,
                                                  std::string_view text, std::string_view lang) {
  const std::vector<lang::Token> tokens = lang::Tokenize(text);
  std::vector<lang::Mention> mentions = matcher.Match(text, tokens, lang);
  std::size_t next_token = 0, next_byte = 0;
  for (const lang::Mention& m : mentions) {
    FUZZ_CHECK(m.first_token >= next_token);
    FUZZ_CHECK(m.first_token <= m.last_token);
    FUZZ_CHECK(m.last_token < tokens.size());
    FUZZ_CHECK(m.byte_start >= next_byte);
    FUZZ_CHECK(m.byte_start < m.byte_end && m.byte_end <= text.size());
    // A mention starts with its first token, or inside it where a name is
    // glued to the word before it.
    FUZZ_CHECK(m.byte_start >= tokens[m.first_token].byte_start &&
               m.byte_start < tokens[m.first_token].byte_end);
    FUZZ_CHECK(m.cp_start >= tokens[m.first_token].cp_start &&
               m.cp_start < tokens[m.first_token].cp_end);
    FUZZ_CHECK((m.byte_start == tokens[m.first_token].byte_start) ==
               (m.cp_start == tokens[m.first_token].cp_start));
    FUZZ_CHECK(m.cp_start < m.cp_end);
    FUZZ_CHECK(m.entity >= 0 && m.entity < matcher.size());
    FUZZ_CHECK(!m.evidence.empty());
    next_token = m.last_token + 1;
    next_byte = m.byte_end;
  }
  return mentions;
}

// The fuzz input as a Source read from `path` with id `id`.
inline corpus::Source FuzzSource(const char* path, const char* id, const uint8_t* data,
                                 size_t size) {
  corpus::Source source;
  source.path = path;
  source.id = id;
  source.content.assign(reinterpret_cast<const char*>(data), size);
  return source;
}

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool IsAsciiBlank(std::string_view s) {
  for (char c : s) {
    if (!(c == ' ' || (c >= '\t' && c <= '\r'))) return false;
  }
  return true;
}

// What the articles one reader made from one source must satisfy, as each
// harness states it at the top of its file. CheckArticles also enforces what
// holds for every reader: text is not empty, a date is "" or a real
// YYYY-MM-DD day, a language is "" or two lower-case ASCII letters.
struct ArticleRules {
  std::string path;             // every article's path equals this...
  bool path_is_prefix = false;  // ...or, when set, starts with it
  std::string id_prefix;        // every article's id starts with this
  bool exact_id = false;        // ...or, when set, equals it
  bool unique_ids = false;      // no two articles share an id
  bool nonblank_text = false;   // text is not ASCII whitespace only
  bool valid_utf8 = false;      // text and title are valid UTF-8
  bool zero_offsets = false;    // byte_offset and cp_offset are 0 (not a slice of a file)
};

inline bool IsLangCode(std::string_view lang) {
  return lang.empty() ||
         (lang.size() == 2 && lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' && lang[1] <= 'z');
}

inline void CheckArticles(const std::vector<corpus::Article>& articles, const ArticleRules& rules) {
  std::set<std::string> ids;
  for (const corpus::Article& a : articles) {
    FUZZ_CHECK(!a.text.empty());
    FUZZ_CHECK(!rules.nonblank_text || !IsAsciiBlank(a.text));
    FUZZ_CHECK(rules.path_is_prefix ? StartsWith(a.path, rules.path) : a.path == rules.path);
    FUZZ_CHECK(rules.exact_id ? a.id == rules.id_prefix : StartsWith(a.id, rules.id_prefix));
    FUZZ_CHECK(!rules.unique_ids || ids.insert(a.id).second);
    if (rules.valid_utf8) {
      FUZZ_CHECK(lang::FindInvalidUtf8(a.text) == std::string::npos);
      FUZZ_CHECK(lang::FindInvalidUtf8(a.title) == std::string::npos);
    }
    FUZZ_CHECK(a.date.empty() || corpus::IsValidIsoDate(a.date));
    FUZZ_CHECK(IsLangCode(a.lang));
    FUZZ_CHECK(!rules.zero_offsets || (a.byte_offset == 0 && a.cp_offset == 0));
  }
}

// What every Read*Source call promises: false comes with an error and no
// article; the error and every warning name the source (start with `prefix`).
inline void CheckReadResult(bool ok, const std::string& error, const corpus::CollectingSink& sink,
                            std::string_view prefix) {
  if (!ok) {
    FUZZ_CHECK(StartsWith(error, prefix));
    FUZZ_CHECK(sink.articles.empty());
  }
  for (const std::string& warning : sink.warnings) FUZZ_CHECK(StartsWith(warning, prefix));
}

inline bool SameArticle(const corpus::Article& a, const corpus::Article& b) {
  return a.path == b.path && a.id == b.id && a.title == b.title && a.date == b.date &&
         a.source == b.source && a.url == b.url && a.lang == b.lang && a.text == b.text &&
         a.byte_offset == b.byte_offset && a.cp_offset == b.cp_offset;
}

// Reading the same bytes twice gives the same articles.
inline void CheckSameArticles(const std::vector<corpus::Article>& first,
                              const std::vector<corpus::Article>& second) {
  FUZZ_CHECK(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) FUZZ_CHECK(SameArticle(first[i], second[i]));
}

}  // namespace concord::fuzz

#endif  // CONCORD_TESTS_FUZZ_FUZZ_CHECK_H_
