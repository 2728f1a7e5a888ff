#ifndef CONCORD_LANG_STEMMER_H_
#define CONCORD_LANG_STEMMER_H_

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace concord::lang {

// Snowball stemmers by ISO 639-1 code, created on first use.
// Not thread-safe: one per thread (or per indexer/searcher).
class StemmerSet {
 public:
  // True when a stemmer exists for `lang`.
  bool Has(const std::string& lang);
  // Stem of a folded word in `lang`; empty when `lang` has no stemmer.
  // Stems are cached per language: news text repeats its words, and the
  // Snowball stemmers cost about as much as tokenising.
  const std::string& Stem(const std::string& lang, const std::string& folded_word);

 private:
  struct Language {
    Xapian::Stem stemmer;
    std::unordered_map<std::string, std::string> cache;
  };
  static constexpr std::size_t kMaxCachedStems = 1u << 18;  // per language, then reset

  Language* Get(const std::string& lang);
  std::map<std::string, Language> languages_;
  std::map<std::string, bool> missing_;
  std::string empty_;
};

}  // namespace concord::lang

#endif  // CONCORD_LANG_STEMMER_H_
