#ifndef CONCORD_LANG_STEMMER_H_
#define CONCORD_LANG_STEMMER_H_

#include <map>
#include <string>
#include <string_view>

#include <xapian.h>

namespace concord::lang {

// Snowball stemmers by ISO 639-1 code, created on first use.
// Not thread-safe: one per thread (or per indexer/searcher).
class StemmerSet {
 public:
  // True when a stemmer exists for `lang`.
  bool Has(const std::string& lang);
  // Stem of a folded word in `lang`; empty when `lang` has no stemmer.
  std::string Stem(const std::string& lang, const std::string& folded_word);

 private:
  Xapian::Stem* Get(const std::string& lang);
  std::map<std::string, Xapian::Stem> stemmers_;
  std::map<std::string, bool> missing_;
};

}  // namespace concord::lang

#endif  // CONCORD_LANG_STEMMER_H_
